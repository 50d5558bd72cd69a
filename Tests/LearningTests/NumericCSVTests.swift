import Foundation
@testable import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Plain numeric CSV files are read byte by byte; everything else goes through the general
/// reader. The same table written in ways that take either path must read the same.
struct NumericCSVTests {
    static let expectedFeatures = Matrix([[1.5, -0.002], [0.25, 3], [16, 1e-300]])
    static let expectedLabels: [Double] = [1, 0, 1]

    @Test("Line ends, blank lines, spaces and tabs, signs, exponents and hexadecimal read as written",
          arguments: [
            "x0,x1,label\n1.5,-2e-3,1\n.25,+3,0\n0x10,1e-300,1\n",
            "x0,x1,label\r\n 1.5 ,\t-2e-3,1\r\n\r\n  \r\n.25,+3.,0\r\n0x10 , 1E-300 , 1",
            "x0,x1,label\r1.5,-0.002,1\r0.25,3,0\r16,1e-300,1\r",
            // A byte-order mark, a quoted header, a Unicode space: the general reader's cases.
            "\u{FEFF}x0,x1,label\n1.5,-2e-3,1\n.25,+3,0\n0x10,1e-300,1\n",
            "\"x0\",\"x1\",\"label\"\n1.5,-2e-3,1\n.25,+3,0\n0x10,1e-300,1\n",
            "x0,x1,label\n1.5,-2e-3,1\n.25,+3,0\n0x10,1e-300\u{2003},1\n",
          ])
    func sameTable(_ text: String) throws {
        let data = try Dataset.parseCSV(text, path: "t.csv")
        #expect(data.features == Self.expectedFeatures)
        #expect(data.labels == Self.expectedLabels)
        #expect(data.featureNames == ["x0", "x1"])
    }

    @Test("A problem the byte reader declines is still reported with its line and column")
    func errorsKeepTheirPosition() throws {
        let cases: [(String, String)] = [
            ("x0,x1,label\n1,2,1\n3,4\n", "t.csv:3"),
            ("x0,x1,label\n1,2,1\n3,1e999,0\n", "t.csv:3"),
            ("x0,x1,label\n1,2,1\n3,,0\n", "t.csv:3"),
            ("x0,x1,label\n1,2,1\n3,4,0,5\n", "t.csv:3"),
            ("x0,x1,label\n1,2,1\n3,nan,0\n", "t.csv:3"),
        ]
        for (text, location) in cases {
            #expect {
                _ = try Dataset.parseCSV(text, path: "t.csv")
            } throws: { error in
                "\(error)".contains(location)
            }
        }
    }

    @Test("A file over 1 MB is read in two halves split at a line end: the same table as the general reader",
          arguments: ["\n", "\r\n", "\r"])
    func largeFileInTwoHalves(_ lineEnd: String) throws {
        var g = SeededGenerator(seed: 4)
        var text = "a,b,c,label" + lineEnd
        for row in 0..<30_000 {
            let cells = (0..<3).map { _ in String(format: "%.17g", 10 * g.normal()) } + [String(row % 2)]
            text += cells.joined(separator: ",") + lineEnd
            if row % 997 == 0 { text += lineEnd }  // blank lines, some of them near the split
        }
        #expect(text.utf8.count > 1 << 20)
        let fast = try #require(try Dataset.parseNumericCSV(text, path: "big.csv", labels: .automatic, minimumClasses: 2))
        let general = try Dataset.parseGeneralCSV(text, path: "big.csv", labels: .automatic, minimumClasses: 2)
        #expect(fast.features.rows == 30_000)
        #expect(fast.features == general.features)
        #expect(fast.labels == general.labels)
    }
}
