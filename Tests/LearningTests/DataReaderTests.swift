import Foundation
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// The data readers: what they accept and the errors they give, with file, line and column.
struct DataReaderTests {
    static func error(_ body: () throws -> Any) -> InputError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test("CSV: header, label column by name or last, original label values, sorted classes")
    func csvBasics() throws {
        let path = try fixturePath("generated/iris_relabelled_train", "csv")
        let data = try Dataset.readCSV(path, minimumClasses: 2)
        let reference = try fixtureCSV("generated/iris_relabelled_train")
        #expect(data.features == reference.x && data.labels == reference.y)
        #expect(data.classes == [-1, 3, 7] && data.featureNames == ["x0", "x1", "x2", "x3"])

        let named = try Dataset.parseCSV("label,a,b\r\n1,0.5,2\r\n-1,1e-3,-4\r\n\n", path: "t.csv")
        #expect(named.labels == [1, -1] && named.featureNames == ["a", "b"])
        #expect(named.features == Matrix([[0.5, 2], [0.001, -4]]))
        let last = try Dataset.parseCSV("\u{FEFF}a,b,y\n1,2,3\n4,5,6\n", path: nil)
        #expect(last.labels == [3, 6] && last.features == Matrix([[1, 2], [4, 5]]))
        let unlabelled = try Dataset.parseCSV("a,b\n1,2\n", path: nil, labels: .ifNamed)
        #expect(unlabelled.labels == nil && unlabelled.features.columns == 2)
        #expect(try Dataset.parseCSV("a,LABEL\n1,2\n", path: nil, labels: .ifNamed).labels == [2])
    }

    @Test("CSV errors name file, line and column")
    func csvErrors() {
        var e = Self.error { try Dataset.parseCSV("a,b,label\r\n1,2,0\r\n1,2\r\n", path: "d.csv") }
        #expect(e?.file == "d.csv" && e?.line == 3 && e?.column == 4 && e?.message.contains("2 fields") == true)
        e = Self.error { try Dataset.parseCSV("a,b,label\n1,2,0,9\n", path: "d.csv") }
        #expect(e?.line == 2 && e?.column == 7)
        e = Self.error { try Dataset.parseCSV("a,b,label\n1,2,0\n1, x ,1\n", path: "d.csv") }
        #expect(e?.line == 3 && e?.column == 3 && e?.message.contains("'x' in column 'b' is not a number") == true)
        e = Self.error { try Dataset.parseCSV("a,b,label\n1,nan,0\n", path: "d.csv") }
        #expect(e?.line == 2 && e?.column == 3 && e?.message.contains("finite") == true)
        e = Self.error { try Dataset.parseCSV("a,b,label\ninf,1,0\n", path: "d.csv") }
        #expect(e?.line == 2 && e?.column == 1)
        e = Self.error { try Dataset.parseCSV(" \n\n", path: "d.csv") }
        #expect(e?.message.contains("empty") == true && e?.file == "d.csv")
        e = Self.error { try Dataset.parseCSV("a,label\n", path: "d.csv") }
        #expect(e?.message.contains("no data rows") == true)
        e = Self.error { try Dataset.parseCSV("a,label\n1,5\n2,5\n", path: "d.csv", minimumClasses: 2) }
        #expect(e?.message.contains("single class (label 5)") == true && e?.file == "d.csv")
        e = Self.error { try Dataset.readCSV("/nonexistent/data.csv") }
        #expect(e?.file == "/nonexistent/data.csv")
    }

    @Test("LIBSVM sparse format: 1-based indices, zeros filled in, errors with line and column")
    func libsvm() throws {
        let text = "+1 1:0.5 3:-2 # comment\n-1 2:1e2\n\n2 1:1 2:2 3:3\n"
        let data = try Dataset.parseLIBSVM(text, path: "s.txt")
        #expect(data.labels == [1, -1, 2])
        #expect(data.features == Matrix([[0.5, 0, -2], [0, 100, 0], [1, 2, 3]]))
        #expect(try Dataset.parseLIBSVM("1 2:1\n", path: nil, featureCount: 4).features.columns == 4)
        var e = Self.error { try Dataset.parseLIBSVM("1 1:1\n0 3:1 2:5\n", path: "s.txt") }
        #expect(e?.line == 2 && e?.column == 7 && e?.message.contains("ascend") == true)
        e = Self.error { try Dataset.parseLIBSVM("1 0:1\n", path: "s.txt") }
        #expect(e?.line == 1 && e?.column == 3)
        e = Self.error { try Dataset.parseLIBSVM("1 1:abc\n", path: "s.txt") }
        #expect(e?.line == 1 && e?.column == 5)
        e = Self.error { try Dataset.parseLIBSVM("one 1:1\n", path: "s.txt") }
        #expect(e?.line == 1 && e?.column == 1)
        e = Self.error { try Dataset.parseLIBSVM("1 5:1\n", path: "s.txt", featureCount: 4) }
        #expect(e?.message.contains("exceeds") == true)
        e = Self.error { try Dataset.parseLIBSVM("1 1:1\n1 2:1\n", path: "s.txt", minimumClasses: 2) }
        #expect(e?.message.contains("single class") == true)
    }

    @Test(".npy features and labels")
    func npy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qksim-npy-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let x = directory.appendingPathComponent("x.npy").path
        let y = directory.appendingPathComponent("y.npy").path
        let bad = directory.appendingPathComponent("bad.npy").path
        try NPY.write(NPY.Array(shape: [3, 2], dtype: .float64, scalars: [1, 2, 3, 4, 5, 6]), to: x)
        try NPY.write(NPY.Array(shape: [3], dtype: .float64, scalars: [0, 1, 0]), to: y)
        try NPY.write(NPY.Array(shape: [2], dtype: .float64, scalars: [0, 1]), to: bad)
        let data = try Dataset.readNPY(features: x, labels: y, minimumClasses: 2)
        #expect(data.features == Matrix([[1, 2], [3, 4], [5, 6]]) && data.labels == [0, 1, 0])
        let e = Self.error { try Dataset.readNPY(features: x, labels: bad) }
        #expect(e?.file == bad && e?.message.contains("vector of 3") == true)
    }

    @Test("Prediction CSV: prediction, decision and probability columns")
    func predictionWriter() {
        let binary = PredictionWriter.csv(
            predictions: [1, -1], classes: [-1, 1], decision: Matrix([[0.5], [-2]]), labels: [1, 1])
        #expect(binary == "label,prediction,decision\n1,1,0.5\n1,-1,-2.0\n")
        let multi = PredictionWriter.csv(
            predictions: [2], classes: [0, 1, 2], decision: Matrix([[0.1, -0.2, -0.3]]),
            probabilities: Matrix([[0.2, 0.3, 0.5]]))
        #expect(
            multi == "prediction,decision_0_1,decision_0_2,decision_1_2,probability_0,probability_1,probability_2\n"
                + "2,0.1,-0.2,-0.3,0.2,0.3,0.5\n")
        // What is written reads back as data.
        let back = try? Dataset.parseCSV(binary, path: nil, labels: .ifNamed)
        #expect(back?.labels == [1, 1] && back?.features == Matrix([[1, 0.5], [-1, -2]]))
    }
}
