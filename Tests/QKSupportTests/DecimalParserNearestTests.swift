import Foundation
@testable import QKSupport
import Testing

/// The truncated-power-of-five conversion (`DecimalParser.nearest`) and its table: the table
/// against exact integer arithmetic, the conversion against glibc's `strtod` (correctly rounded)
/// where it is hardest: halfway cases, the ends of the table, 17-19 digits, every exponent.
@Suite struct DecimalParserNearestTests {
    /// Entry `q` of the table as one 128-bit integer.
    func entry(_ q: Int) -> UInt128 {
        let i = 2 * (q - DecimalParser.powerRange.lowerBound)
        return UInt128(DecimalParser.powersOfFive128[i]) << 64 | UInt128(DecimalParser.powersOfFive128[i + 1])
    }

    func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    /// Parses `text` with the fast path and `strtod`; returns the fast path's value if it took it.
    @discardableResult
    func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double? {
        let expected = strtodValue(text)
        let fast = DecimalParser.parse(text)
        if let fast {
            #expect(fast.value.bitPattern == expected.bitPattern, "\(text): \(fast.value) vs strtod \(expected)",
                    sourceLocation: sourceLocation)
            #expect(fast.end == text.utf8.count, "\(text): end", sourceLocation: sourceLocation)
        }
        return fast?.value
    }

    @Test func tableIsExactWherePowersOfFiveFit128Bits() {
        var power: UInt128 = 1
        for q in 0...55 {
            let e = DecimalParser.binaryExponent(ofPowerOfFive: q)
            #expect(e <= 0 && entry(q) >> 127 == 1, "entry \(q) is normalised")
            // P x 2^e = 5^q exactly: nothing is shifted out.
            #expect(entry(q) >> -e == power && entry(q) & (UInt128(1) << -e &- 1) == 0, "5^\(q)")
            if q < 55 { power *= 5 }
        }
    }

    @Test func negativePowersBracketTheirExactValues() {
        // P x 5^n <= 2^-e < (P + 1) x 5^n, in 192-bit arithmetic, while 5^n < 2^64.
        var five: UInt64 = 1
        for n in 1...27 {
            five *= 5
            let p = entry(-n)
            let shift = -DecimalParser.binaryExponent(ofPowerOfFive: -n)
            #expect(p >> 127 == 1 && shift >= 128 && shift < 192)
            let (low1, w0) = UInt64(truncatingIfNeeded: p).multipliedFullWidth(by: five)
            let (high1, high0) = UInt64(truncatingIfNeeded: p >> 64).multipliedFullWidth(by: five)
            let (w1, carry) = low1.addingReportingOverflow(high0)
            let product = [w0, w1, high1 + (carry ? 1 : 0)]
            var power: [UInt64] = [0, 0, 0]
            power[shift / 64] = 1 << (shift % 64)
            #expect(compare(product, power) <= 0, "P x 5^\(n) <= 2^\(shift)")
            let (s0, c0) = product[0].addingReportingOverflow(five)
            let (s1, c1) = product[1].addingReportingOverflow(c0 ? 1 : 0)
            #expect(compare([s0, s1, product[2] + (c1 ? 1 : 0)], power) > 0, "2^\(shift) < (P + 1) x 5^\(n)")
        }
    }

    @Test func consecutiveEntriesDifferByAFactorOfFive() {
        // 5^(q+1) = 5 x 5^q: with V_q = 5^q x 2^-e_q in [P_q, P_q + 1), V_(q+1) = 5 V_q / 2^k,
        // k = e_(q+1) - e_q, so P_(q+1) lies in [floor(5 P_q / 2^k), floor(5 (P_q + 1) / 2^k)].
        // A wrong exponent formula would be off by a factor of 2 here.
        func fiveTimes(_ x: UInt128, over k: Int) -> UInt128 {
            let (high, low) = x.multipliedFullWidth(by: 5)
            return high << (128 - k) | low >> k
        }
        for q in DecimalParser.powerRange.dropLast() {
            let k = DecimalParser.binaryExponent(ofPowerOfFive: q + 1) - DecimalParser.binaryExponent(ofPowerOfFive: q)
            #expect(k == 2 || k == 3, "exponent step at \(q)")
            guard k == 2 || k == 3 else { continue }
            let next = entry(q + 1)
            #expect(next >> 127 == 1, "entry \(q + 1) is normalised")
            #expect(fiveTimes(entry(q), over: k) <= next && next <= fiveTimes(entry(q) + 1, over: k), "entries \(q), \(q + 1)")
        }
    }

    @Test func halfwayCasesRoundToEven() {
        // Midpoints (2M + 1) x 2^(j-1) between adjacent doubles M x 2^j and (M + 1) x 2^j, written
        // out exactly: integers (j >= 1: q >= 0, exact table entries, decided by the full product,
        // also with their trailing zeros as an exponent) and binary fractions (j <= 0: q < 0, the
        // truncated entries cannot tell, so the exact division decides). Their neighbours one unit
        // in the last digit away lie just off the midpoint, on either side.
        var g = SeededGenerator(seed: 11)
        var taken = 0
        for _ in 0..<20_000 {
            let m = (UInt64(1) << 52) | g.next() >> 12
            let j = Int(g.next() % 15) - 3
            let (w, q) = j >= 1 ? ((2 * m + 1) << (j - 1), 0) : ((2 * m + 1) * (0..<(1 - j)).reduce(1) { p, _ in p * 5 }, j - 1)
            for neighbour in [w, w - 1, w + 1] {
                let digits = String(neighbour)
                guard digits.count <= 19 else { continue }
                var texts = ["\(digits)e\(q)"]
                if q < 0 { texts.append(String(digits.dropLast(-q)) + "." + String(digits.suffix(-q))) }
                var stripped = digits
                var zeros = 0
                while stripped.hasSuffix("0") {
                    stripped.removeLast()
                    zeros += 1
                }
                if zeros > 0 { texts.append("\(stripped)e\(q + zeros)") }
                for text in texts where check(text) != nil { taken += 1 }
            }
        }
        #expect(taken > 50_000)
        // 2^53 + 1 = 9007199254740993 is halfway between 2^53 and 2^53 + 2: even is 2^53.
        #expect(DecimalParser.nearest(9_007_199_254_740_993, 0) == 9_007_199_254_740_992)
        #expect(DecimalParser.nearest(9_007_199_254_740_995, 0) == 9_007_199_254_740_996)
        #expect(DecimalParser.nearest(90_071_992_547_409_930, -1) == nil, "a q < 0 tie goes to the exact division")
        #expect(check("9007199254740993.0") == 9_007_199_254_740_992)
        #expect(check("900719925474099.25e1") == 9_007_199_254_740_992)
    }

    @Test func endsOfTheTableAndOfTheDoubles() {
        for text in ["1e-342", "9999999999999999999e-342", "1e-343", "1e308", "1e309", "17976931348623157e292",
                     "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                     "2.2250738585072014e-308", "2.2250738585072013e-308", "2.2250738585072011e-308",
                     "2.2250738585072009e-308", "4.9406564584124654e-324", "1e-320", "123456789e-330",
                     "9999999999999999999e288", "1000000000000000000e290", "18446744073709551615e-3"]
        {
            let value = strtodValue(text)
            let fast = check(text)
            // Results that are not normal doubles are strtod's: never rounded here.
            if !value.isNormal {
                #expect(fast == nil, "\(text) = \(value) is left to strtod")
            }
        }
        #expect(DecimalParser.nearest(1, -343) == nil && DecimalParser.nearest(1, 309) == nil, "outside the table")
        #expect(DecimalParser.nearest(17_976_931_348_623_157, 292) == .greatestFiniteMagnitude)
        #expect(DecimalParser.nearest(17_976_931_348_623_159, 292) == nil, "overflow")
        #expect(DecimalParser.nearest(22_250_738_585_072_014, -324) == .leastNormalMagnitude)
        #expect(DecimalParser.nearest(22_250_738_585_072_011, -324) == nil, "subnormal")
    }

    @Test func longSignificandsAtEveryExponent() {
        // 17-19 significant digits (and some shorter) with every exponent the table covers and a
        // few past it: the fast path must agree with strtod wherever it answers, and answer for
        // every normal result.
        var g = SeededGenerator(seed: 2027)
        var declinedNormal = 0
        for q in -350...315 {
            for _ in 0..<400 {
                let digits = [17, 18, 19, 19, 16, 12, 3][Int(g.next() % 7)]
                var w = UInt64(1) + g.next() % 9
                for _ in 1..<digits { w = w &* 10 &+ g.next() % 10 }
                let text = "\(w)e\(q)"
                if check(text) == nil && strtodValue(text).isNormal { declinedNormal += 1 }
            }
        }
        // Declined normal results are the rare possibly-carrying tails (about 2^-73 each).
        #expect(declinedNormal == 0)
    }

    @Test func agreesWithTheExactDivisionWhereBothApply() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<50_000 {
            let w = g.next() >> (g.next() % 60)
            guard w != 0 else { continue }
            let q = Int(g.next() % 47) - 27
            if let fast = DecimalParser.nearest(w, q), let exact = DecimalParser.exactlyRounded(w, q) {
                #expect(fast.bitPattern == exact.bitPattern, "\(w)e\(q)")
            }
        }
    }

    /// The sign of `a - b` for little-endian word arrays of the same length.
    func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        for i in a.indices.reversed() where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }
}
