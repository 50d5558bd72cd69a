import Foundation
@testable import Learning
import LinearAlgebra
import QKSupport
import Testing

/// The numeric CSV read in blocks through a small buffer: the same data set as parsing the whole
/// text, wherever the block edges fall (line ends of every kind at and across them, rows longer
/// than a block, no final line end), and the same decisions to decline.
struct NumericCSVBlocksTests {
    func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "qksim-blocks-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// A table with the given line end, some blank lines and blanks around cells, and a few long rows.
    func table(rows: Int, lineEnd: String, seed: UInt64, finalLineEnd: Bool = true) -> String {
        var g = SeededGenerator(seed: seed)
        var text = "a,b,c,label" + lineEnd
        for row in 0..<rows {
            var cells = (0..<3).map { _ in String(format: "%.17g", 10 * g.normal()) }
            if row % 37 == 5 { cells[1] = " " + cells[1] + "\t" }
            if row % 101 == 7 { cells[0] = "1" + String(repeating: "0", count: 300) + ".5e-300" }  // strtod's
            text += cells.joined(separator: ",") + ",\(row % 2)"
            if row < rows - 1 || finalLineEnd { text += lineEnd }
            if row % 53 == 11 { text += lineEnd }
        }
        return text
    }

    @Test("Every block size, every line end: the whole-text parse", arguments: ["\n", "\r\n", "\r"])
    func sameAsWholeText(_ lineEnd: String) throws {
        for (rows, finalLineEnd) in [(300, true), (301, false)] {
            let text = table(rows: rows, lineEnd: lineEnd, seed: UInt64(rows), finalLineEnd: finalLineEnd)
            let path = try temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let whole = try #require(try Dataset.parseNumericCSV(text, path: path, labels: .automatic, minimumClasses: 2))
            // Blocks shorter than a row (growing), of about a row, and odd sizes that split "\r\n".
            for blockSize in [16, 47, 64, 65, 97, 128, 1000, 4097] {
                let reading = try Dataset.readNumericCSVInBlocks(
                    path, labels: .automatic, minimumClasses: 2, blockSize: blockSize)
                guard case .read(let data) = reading else {
                    Issue.record("block size \(blockSize) did not read the file")
                    continue
                }
                #expect(data.features == whole.features && data.labels == whole.labels, "block size \(blockSize)")
                #expect(data.featureNames == ["a", "b", "c"] && data.source == path)
            }
        }
    }

    @Test("Over 1 MB: pieces from line ends (four per core), each through its own blocks", arguments: ["\n", "\r\n"])
    func twoChunks(_ lineEnd: String) throws {
        let text = table(rows: 22_000, lineEnd: lineEnd, seed: 3)
        #expect(text.utf8.count > 1 << 20)
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try Dataset.parseGeneralCSV(text, path: path, labels: .automatic, minimumClasses: 2)
        for blockSize in [1000, 4099, 1 << 16] {
            let reading = try Dataset.readNumericCSVInBlocks(path, labels: .automatic, minimumClasses: 2, blockSize: blockSize)
            guard case .read(let data) = reading else {
                Issue.record("block size \(blockSize) did not read the file")
                continue
            }
            #expect(data.features == whole.features && data.labels == whole.labels, "block size \(blockSize)")
        }
        let read = try Dataset.readCSV(path, minimumClasses: 2)
        #expect(read.features == whole.features && read.labels == whole.labels)
    }

    @Test("What the numeric path declines is declined in blocks too, and readCSV reports it with its line")
    func declines() throws {
        let cases: [(String, String)] = [
            ("a,label\n1,0\n\"2\",1\n", "3:1"),
            ("a,b,label\n1,2,0\n3,4\n", "3:"),
            ("a,label\n1,0\n2,nan\n", "3:3"),
        ]
        for (text, location) in cases {
            let path = try temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reading = try Dataset.readNumericCSVInBlocks(path, labels: .automatic, minimumClasses: 1, blockSize: 16)
            #expect({ if case .declined = reading { true } else { false } }(), "\(text)")
            #expect {
                _ = try Dataset.readCSV(path)
            } throws: { error in
                "\(error)".contains(path + ":" + location)
            }
        }
        // A byte-order mark is the general parser's; a header longer than a block is left to the
        // whole-file numeric path.
        for (text, declined) in [("\u{FEFF}a,label\n1,0\n2,1\n", true),
                                 ("a" + String(repeating: "x", count: 40) + ",label\n1,0\n2,1\n", false)]
        {
            let path = try temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reading = try Dataset.readNumericCSVInBlocks(path, labels: .automatic, minimumClasses: 1, blockSize: 16)
            if declined {
                #expect({ if case .declined = reading { true } else { false } }())
            } else {
                #expect({ if case .unavailable = reading { true } else { false } }())
            }
            #expect(try Dataset.readCSV(path).labels == [0, 1])
        }
        // Not a regular file: read whole.
        let reading = try Dataset.readNumericCSVInBlocks("/dev/null", labels: .automatic, minimumClasses: 1)
        #expect({ if case .unavailable = reading { true } else { false } }())
    }
}
