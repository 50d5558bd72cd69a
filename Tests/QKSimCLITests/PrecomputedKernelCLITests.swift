import Foundation
import QKSupport
import Testing

/// `qksim train/predict --kernel precomputed`, as LIBSVM's `-t 4` and scikit-learn's
/// `kernel='precomputed'`: the Gram matrix written by `qksim kernel` gives the model trained on the
/// points, and malformed matrices are located errors.
@Suite struct PrecomputedKernelCLITests {
    /// The labels column of a CSV written by `qksim dataset`, as a .npy vector.
    static func writeLabels(of csv: String, to path: String) throws {
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let labels = try lines.map { line in try #require(Double(line.split(separator: ",").last.map(String.init) ?? "")) }
        try NPY.write(NPY.Array(shape: [labels.count], dtype: .float64, scalars: labels), to: path)
    }

    static func model(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func numbers(_ value: Any?) throws -> [Double] {
        try #require(value as? [Any]).map { try #require(($0 as? NSNumber)?.doubleValue) }
    }

    @Test func gramMatrixGivesTheModelTrainedOnPoints() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let gen = try QKSimProcess.run(["dataset", "adhoc", "--qubits", "2", "--train", "40", "--test", "12", "--seed", "5", "--out", dir])
        #expect(gen.status == 0, "\(gen.stderr)")
        let gram = try QKSimProcess.run([
            "kernel", "--data", dir + "/train.csv", "--kernel", "rbf", "--gamma", "0.7", "--test", dir + "/test.csv",
            "--out", dir + "/K.npy", "--test-out", dir + "/Kt.npy",
        ])
        #expect(gram.status == 0, "\(gram.stderr)")
        try Self.writeLabels(of: dir + "/train.csv", to: dir + "/y.npy")
        try Self.writeLabels(of: dir + "/test.csv", to: dir + "/yt.npy")

        let points = try QKSimProcess.run([
            "train", "--data", dir + "/train.csv", "--kernel", "rbf", "--gamma", "0.7", "--tol", "1e-8", "--out", dir + "/points.json",
        ])
        #expect(points.status == 0, "\(points.stderr)")
        let pre = try QKSimProcess.run([
            "train", "--data", dir + "/K.npy", "--labels", dir + "/y.npy", "--kernel", "precomputed", "--tol", "1e-8",
            "--out", dir + "/pre.json", "--json",
        ])
        #expect(pre.status == 0, "\(pre.stderr)")
        #expect(pre.stdout.contains("\"kernel\": \"precomputed\"") || pre.stdout.contains("\"kernel\":\"precomputed\""), "\(pre.stdout)")

        let a = try Self.model(dir + "/points.json"), b = try Self.model(dir + "/pre.json")
        #expect(try Self.numbers(a["supportIndices"]) == Self.numbers(b["supportIndices"]))
        let ca = try Self.numbers((a["coefficients"] as? [String: Any])?["scalars"])
        let cb = try Self.numbers((b["coefficients"] as? [String: Any])?["scalars"])
        #expect(ca.count == cb.count && !ca.isEmpty)
        #expect(zip(ca, cb).allSatisfy { abs($0 - $1) <= 1e-12 }, "coefficients differ")
        #expect(zip(try Self.numbers(a["rho"]), try Self.numbers(b["rho"])).allSatisfy { abs($0 - $1) <= 1e-12 })

        let p1 = try QKSimProcess.run(["predict", "--model", dir + "/points.json", "--data", dir + "/test.csv", "--out", dir + "/p1.csv"])
        let p2 = try QKSimProcess.run([
            "predict", "--model", dir + "/pre.json", "--data", dir + "/Kt.npy", "--labels", dir + "/yt.npy", "--out", dir + "/p2.csv",
        ])
        #expect(p1.status == 0 && p2.status == 0, "\(p1.stderr) \(p2.stderr)")
        let predictions = { (path: String) in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        }
        let (first, second) = (try predictions(dir + "/p1.csv"), try predictions(dir + "/p2.csv"))
        #expect(first.count == 24 && first == second)  // 12 test points per class
    }

    @Test func malformedKernelMatricesAreLocatedErrors() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let k = (0..<12).map { i in Double(i % 3 == 0 ? 1 : 0) }
        try NPY.write(NPY.Array(shape: [3, 4], dtype: .float64, scalars: k), to: dir + "/wide.npy")
        try NPY.write(NPY.Array(shape: [3], dtype: .float64, scalars: [1, -1, 1]), to: dir + "/y.npy")
        let wide = try QKSimProcess.run(["train", "--data", dir + "/wide.npy", "--labels", dir + "/y.npy", "--kernel", "precomputed", "--out", dir + "/m.json"])
        #expect(wide.status != 0 && wide.stderr.contains("wide.npy") && wide.stderr.contains("square"), "\(wide.stderr)")

        var square = [1.0, 0.2, 0.1, 0.2, 1, 0.3, 0.1, 0.3, 1]
        try NPY.write(NPY.Array(shape: [3, 3], dtype: .float64, scalars: square), to: dir + "/K.npy")
        let ok = try QKSimProcess.run(["train", "--data", dir + "/K.npy", "--labels", dir + "/y.npy", "--kernel", "precomputed", "--out", dir + "/m.json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        // Test kernels need one column per training point (3), not the data's features.
        try NPY.write(NPY.Array(shape: [2, 2], dtype: .float64, scalars: [1, 0, 0, 1]), to: dir + "/Kt.npy")
        let narrow = try QKSimProcess.run(["predict", "--model", dir + "/m.json", "--data", dir + "/Kt.npy"])
        #expect(narrow.status != 0 && narrow.stderr.contains("Kt.npy") && narrow.stderr.contains("(3)"), "\(narrow.stderr)")

        square[4] = .nan
        try NPY.write(NPY.Array(shape: [3, 3], dtype: .float64, scalars: square), to: dir + "/Knan.npy")
        let nan = try QKSimProcess.run(["train", "--data", dir + "/Knan.npy", "--labels", dir + "/y.npy", "--kernel", "precomputed", "--out", dir + "/m2.json"])
        #expect(nan.status != 0 && nan.stderr.contains("Knan.npy") && nan.stderr.contains("(2, 2)"), "\(nan.stderr)")

        let scaled = try QKSimProcess.run([
            "train", "--data", dir + "/K.npy", "--labels", dir + "/y.npy", "--kernel", "precomputed", "--scale", "standard", "--out", dir + "/m3.json",
        ])
        #expect(scaled.status != 0 && scaled.stderr.contains("precomputed"), "\(scaled.stderr)")
    }
}
