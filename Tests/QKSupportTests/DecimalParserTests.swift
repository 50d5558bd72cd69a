import Foundation
@testable import QKSupport
import Testing

/// `DecimalParser` against glibc's `strtod` (correctly rounded) on the same bytes: same bits and
/// same end, wherever the parser takes a number on itself.
@Suite struct DecimalParserTests {
    /// Parses `text` both ways; returns whether the fast path took it.
    @discardableResult
    func checkAgainstStrtod(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            guard let (value, end) = DecimalParser.parse(base) else {
                #expect(DecimalParser.parse(base, limit: base + bytes.count) == nil, "\(text): both paths decline")
                return false
            }
            // Eight digits at a time where the buffer allows: the same number, the same end.
            let wide = DecimalParser.parse(base, limit: base + bytes.count)
            #expect(wide?.value.bitPattern == value.bitPattern && wide?.end == end, "\(text): eight-digit path")
            var strtodEnd: UnsafeMutablePointer<CChar>? = nil
            let expected = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { strtod($0, &strtodEnd) }
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs strtod \(expected)", sourceLocation: sourceLocation)
            let strtodOffset = strtodEnd.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? -1
            #expect(end - base == strtodOffset, "\(text): end", sourceLocation: sourceLocation)
            return true
        }
    }

    @Test func roundTripsOfRandomDoublesInEveryCommonFormat() {
        var g = SeededGenerator(seed: 2026)
        var taken = 0, total = 0
        for _ in 0..<40_000 {
            let magnitude = pow(10, -8 + 23 * g.uniform())
            let x = (g.uniform() < 0.5 ? -1 : 1) * magnitude * (0.5 + g.uniform())
            for format in ["%.17g", "%.16g", "%.15g", "%.6g", "%.3e", "%.12f"] {
                total += 1
                if checkAgainstStrtod(String(format: format, x)) { taken += 1 }
            }
        }
        // What the fast path leaves to strtod here is only %.12f of values above 1e7 (more than
        // 19 digits) and %.17g of the smallest values (exponents past -27).
        #expect(Double(taken) / Double(total) > 0.9)
    }

    @Test func randomDigitStringsWithPointsAndExponents() {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<100_000 {
            let count = 1 + Int(g.next() % 19)
            var digits = (0..<count).map { _ in String(g.next() % 10) }.joined()
            let point = Int(g.next() % UInt64(count + 1))
            if g.uniform() < 0.7 { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
            if g.uniform() < 0.5 { digits += "e" + String(Int(g.next() % 60) - 35) }
            checkAgainstStrtod(digits)
        }
    }

    @Test func eightDigitWords() {
        for text in ["12345678", "00000000", "99999999", "1234567a", "/2345678", ":2345678", "1234 678"] {
            let word = Array(text.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let digits = text.allSatisfy(\.isNumber)
            #expect(DecimalParser.isEightDigits(word) == digits, "\(text)")
            if digits { #expect(DecimalParser.eightDigitValue(word) == UInt64(text)!) }
        }
    }

    @Test func tiesRoundToEven() {
        // 2^53 + 1 and 2^53 + 3 lie halfway between doubles; so do 2^52 + 0.5 and 2^52 + 1.5.
        for text in ["9007199254740993", "9007199254740995", "4503599627370496.5", "4503599627370497.5",
                     "18014398509481986", "18014398509481990", "-9007199254740993", "45035996273704965e-1"]
        {
            #expect(checkAgainstStrtod(text), "\(text) should be taken by the fast path")
        }
        #expect(DecimalParser.parse("9007199254740993")?.value == 9_007_199_254_740_992)
        #expect(DecimalParser.parse("4503599627370497.5")?.value == 4_503_599_627_370_498)
    }

    @Test func edgesOfTheGrammar() {
        for text in ["0", "-0", "+0.0", "000123.4500", ".5", "5.", "-.25e2", "1E3", "1e-27", "99999999999999999999e-5",
                     "12345678901234567890", "1e400", "1e-400", "0.1,2", "3.0\n", "7e+2x"]
        {
            checkAgainstStrtod(text)
        }
        #expect(DecimalParser.parse("-0")?.value.sign == .minus)
        for text in ["", "-", ".", "e5", "nan", "inf", "x1", "+e1"] {
            #expect(DecimalParser.parse(text) == nil, "\(text) is not a number for the fast path")
        }
        // "1e" is 1 followed by text for strtod: left to it rather than guessed.
        #expect(DecimalParser.parse("1e") == nil)
    }
}

extension DecimalParser {
    /// Test convenience: parse a Swift string (NUL-terminated copy).
    static func parse(_ text: String) -> (value: Double, end: Int)? {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { b in
            parse(b.baseAddress!).map { ($0.value, $0.end - b.baseAddress!) }
        }
    }
}
