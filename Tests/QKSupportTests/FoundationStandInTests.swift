import Foundation
import QKSupport
import Testing

// The library builds on FoundationEssentials only; these stand-ins replace Foundation-proper APIs
// it used. Foundation itself (linked into the tests) is the reference each must match exactly.

@Suite struct FoundationStandInTests {
    static let numbers: [Double] = [
        0, -0.0, 1.5, 2.5, 0.125, 1e-7, 123_456_789.123, -3.14159, 1e300, .infinity, -.infinity, .nan,
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1 + 0.2, 0.000_123_456, 99_999.95,
    ]

    @Test(arguments: ["%.1f", "%.2f", "%.3f", "%.4f", "%.0f", "%8.4f", "%.3g", "%g", "%e", "%.1e", "%.2e", "%.3e", "%12.3e", "x=%.2f%%"])
    func cFormatMatchesStringFormat(format: String) {
        for v in Self.numbers {
            #expect(cFormat(format, v) == String(format: format, v), "\(format) of \(v)")
        }
    }

    @Test func cFormatHandlesOutputLongerThanItsFirstBuffer() {
        // 1e300 with "%.2f" is 301 digits and 3 more characters, beyond the 64-byte first pass.
        let text = cFormat("%.2f", 1e300)
        #expect(text.count == 304 && text == String(format: "%.2f", 1e300))
    }

    @Test func trimmingWhitespacesMatchesFoundation() {
        let samples = [
            "  a b  ", "\t x\n", "\u{A0}y\u{2003}", "", "   ", " e\u{301} ", "\n", "\u{200B}z", "\u{180E}a",
            "\u{1680}a\u{3000}", "\u{202F}\u{205F}q", "\u{85}r", "\u{2028}s", "\u{200C}t", " 1.5 ", "\t\tRBF\t",
        ]
        for s in samples {
            #expect(s.trimmingWhitespaces() == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
            #expect(s[...].trimmingWhitespaces() == s[...].trimmingCharacters(in: .whitespaces))
        }
        let quoted = ["\"a\"", "\"\"x", "y\"\"", "\"", "plain"]
        for s in quoted {
            #expect(s.trimmingScalars { $0 == "\"" } == s.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }

    @Test func paddingMatchesFoundation() {
        for s in ["", "abc", "abcdefghijkl", "héllo", "日本語テキスト", "a😀b", "e\u{301}x"] {
            for n in [0, 2, 3, 5, 9, 16] {
                #expect(s.padded(toLength: n) == s.padding(toLength: n, withPad: " ", startingAt: 0), "\(s) to \(n)")
            }
        }
    }

    @Test func pathTextMatchesNSString() {
        let paths = [
            "", "/", "//", "a", "a/", "a//b", "/a", "/a/", "a/b.qasm", "a/b.c.d", ".hidden", "a/.hidden", "a.b/c", "a.",
            "a/..", "..", ".", "a/b/", "x/y.z/", "/tmp/out/loss.csv", "loss.csv", "a//b//c.txt", "a/b.", "../x.qasm",
            "./x", "a/ b.c", "a/.b.c",
        ]
        for p in paths {
            let ns = p as NSString
            #expect(PathText.lastComponent(of: p) == ns.lastPathComponent, "\(p)")
            #expect(PathText.deletingExtension(of: p) == ns.deletingPathExtension, "\(p)")
            // NSString traps on a one-character component here ("a", "a/"); the stand-in answers "".
            if p.filter({ $0 != "/" }).count > 1 || p.hasPrefix("/") {
                #expect(PathText.deletingLastComponent(of: p) == ns.deletingLastPathComponent, "\(p)")
            }
            for c in ["b.inc", "", "x/y"] {
                #expect(PathText.appending(c, to: p) == ns.appendingPathComponent(c), "\(p) + \(c)")
            }
        }
        #expect(PathText.deletingLastComponent(of: "a") == "" && PathText.deletingLastComponent(of: "a/") == "")
    }

    @Test func cMathIsTheCLibrary() {
        for x in [-2.5, -0.5, 0, 1e-9, 0.3, 0.99, 1, 2, 10, 700] {
            #expect(CMath.exp(x).bitPattern == exp(x).bitPattern)
            #expect(CMath.expm1(x).bitPattern == expm1(x).bitPattern)
            #expect(CMath.sin(x).bitPattern == sin(x).bitPattern)
            #expect(CMath.cos(x).bitPattern == cos(x).bitPattern)
            #expect(CMath.tan(x).bitPattern == tan(x).bitPattern)
            #expect(CMath.atan(x).bitPattern == atan(x).bitPattern)
            #expect(CMath.log(x).bitPattern == log(x).bitPattern)
            #expect(CMath.sqrt(x).bitPattern == sqrt(x).bitPattern)
            #expect(CMath.asin(x).bitPattern == asin(x).bitPattern)
            #expect(CMath.acos(x).bitPattern == acos(x).bitPattern)
            #expect(CMath.scalbn(x, 7).bitPattern == scalbn(x, 7).bitPattern)
        }
        #expect(CMath.exp(1) == M_E && CMath.sin(0.5) != CMath.cos(0.5))
    }

    @Test func errorTextGivesTheOperatingSystemsReason() throws {
        let missing = "/nonexistent-qksim-dir/\(UUID().uuidString)/out.csv"
        let error = #expect(throws: (any Error).self) { try "x".write(toFile: missing, atomically: true, encoding: .utf8) }
        #expect(errorText(try #require(error)) == String(cString: strerror(ENOENT)))
        #expect(errorText(POSIXError(.EACCES)) == "Permission denied")
        #expect(errorText(InputError("bad", file: "f.txt")) == String(describing: InputError("bad", file: "f.txt")))
    }
}
