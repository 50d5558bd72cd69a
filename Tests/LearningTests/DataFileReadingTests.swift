import Foundation
@testable import Learning
import LinearAlgebra
import QKSupport
import Testing

/// The readers on real files (read with `FileBytes`): the same data sets as parsing the text,
/// and errors that name the file.
struct DataFileReadingTests {
    func temporaryFile(_ text: String, _ suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "qksim-reader-\(UUID().uuidString).\(suffix)"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test("A CSV file reads as its text parses, whether the rows are as long as the first or not",
          arguments: [0, 1, 2])
    func csvFile(_ shape: Int) throws {
        // The row arrays are sized from the first row: a short first row (estimate too high), a
        // long one (too low), and rows alike; over 1 MB, so that it is read in pieces.
        var g = SeededGenerator(seed: UInt64(10 + shape))
        var text = "a,b,c,label\n"
        text += shape == 0 ? "1,2,3,0\n" : shape == 1 ? "-1.2345678901234567e-300,1.2345678901234567e+300,0.1,1\n" : ""
        for row in 0..<25_000 {
            text += (0..<3).map { _ in String(format: "%.17g", g.normal() * 1000) }.joined(separator: ",") + ",\(row % 3)\n"
        }
        #expect(text.utf8.count > 1 << 20)
        let path = try temporaryFile(text, "csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try Dataset.readCSV(path, minimumClasses: 2)
        let general = try Dataset.parseGeneralCSV(text, path: path, labels: .automatic, minimumClasses: 2)
        #expect(read.features == general.features && read.labels == general.labels)
        #expect(read.features.rows == (shape == 2 ? 25_000 : 25_001) && read.source == path)
    }

    @Test("A LIBSVM file reads as its text parses; a byte-order mark is not part of the first label")
    func libsvmFile() throws {
        let text = "+1 1:0.5 3:-2\n-1 2:1e2\n"
        let path = try temporaryFile("\u{FEFF}" + text, "txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try Dataset.readLIBSVM(path)
        let parsed = try Dataset.parseLIBSVM(text, path: path)
        #expect(read.features == parsed.features && read.labels == [1, -1])
    }

    @Test("Missing files, directories and non-UTF-8 files are input errors naming the file")
    func errors() throws {
        let missing = "/nonexistent-qksim/data.csv"
        #expect(throws: InputError("cannot read the file (it does not exist)", file: missing)) {
            try Dataset.readCSV(missing)
        }
        #expect(throws: InputError("cannot read the file (it does not exist)", file: missing)) {
            try Dataset.readLIBSVM(missing)
        }
        let directory = NSTemporaryDirectory()
        #expect(throws: InputError("cannot read the file (it is a directory, not a file)", file: directory)) {
            try Dataset.readCSV(directory)
        }
        let path = NSTemporaryDirectory() + "qksim-reader-\(UUID().uuidString).csv"
        try Data([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0x2C, 0x31, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputError("the file is not UTF-8 text", file: path)) { try Dataset.readCSV(path) }
        #expect(throws: InputError("the file is not UTF-8 text", file: path)) { try Dataset.readLIBSVM(path) }
    }
}
