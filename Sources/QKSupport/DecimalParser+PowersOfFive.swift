extension DecimalParser {
    /// The exponents `q` of ``powersOfFive128``: every `w x 10^q` with `w < 2^64` outside them is
    /// zero or infinite as a double, or subnormal (which ``nearest(_:_:)`` leaves to `strtod`).
    @inlinable static var powerRange: ClosedRange<Int> { -342...308 }

    /// `5^q` for `q` in ``powerRange`` as 128-bit words, truncated: entry `q` holds `P` (high word
    /// at `2(q + 342)`, low word after it) with `2^127 <= P < 2^128` and
    ///
    ///     P x 2^e <= 5^q < (P + 1) x 2^e,   e = floor(q log2 5) - 127   (``binaryExponent(ofPowerOfFive:)``),
    ///
    /// with equality on the left exactly for `0 <= q <= 55` (where `5^q < 2^128`).
    ///
    /// Computed once, exactly, with multi-word integers: the positive powers by multiplying by 5;
    /// the negative ones as `floor(2^K / 5^n)` (K = 1088) by dividing by 5 again and again, which
    /// is exact because `floor(floor(x / a) / b) = floor(x / (a b))` for integers; the top 128 bits
    /// of a floor are the floor of the shifted value, so truncation composes the same way.
    @usableFromInline static let powersOfFive128: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 2 * powerRange.count)
        func store(_ q: Int, _ limbs: [UInt64]) {
            let top = topBits(limbs)
            table[2 * (q - powerRange.lowerBound)] = top.high
            table[2 * (q - powerRange.lowerBound) + 1] = top.low
        }
        var power: [UInt64] = [1]  // 5^q, least significant word first
        for q in 0...powerRange.upperBound {
            store(q, power)
            var carry: UInt64 = 0
            for i in power.indices {
                let (high, low) = power[i].multipliedFullWidth(by: 5)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                power[i] = sum
                carry = high &+ (overflow ? 1 : 0)
            }
            if carry != 0 { power.append(carry) }
        }
        var quotient = [UInt64](repeating: 0, count: 18)  // 2^1088
        quotient[17] = 1
        for n in 1...(-powerRange.lowerBound) {
            var remainder: UInt64 = 0
            for i in quotient.indices.reversed() {
                (quotient[i], remainder) = UInt64(5).dividingFullWidth((remainder, quotient[i]))
            }
            store(-n, quotient)
        }
        return table
    }()

    /// The 128 most significant bits of a multi-word integer (least significant word first),
    /// shifted so that the top bit is set (shifted left if it has fewer than 128 bits).
    static func topBits(_ limbs: [UInt64]) -> (high: UInt64, low: UInt64) {
        var words = limbs
        while words.last == 0 { words.removeLast() }
        let leading = words[words.count - 1].leadingZeroBitCount
        // Three words from the top, aligned so that the value's top bit is bit 63 of `high`.
        let w2 = words[words.count - 1]
        let w1 = words.count >= 2 ? words[words.count - 2] : 0
        let w0 = words.count >= 3 ? words[words.count - 3] : 0
        guard leading > 0 else { return (w2, w1) }
        return (w2 << leading | w1 >> (64 - leading), w1 << leading | w0 >> (64 - leading))
    }

    /// `floor(q log2 5) - 127`, the binary exponent of entry `q` of ``powersOfFive128``:
    /// `152170 / 2^16` is `log2 5` to within 2^-17, close enough for the floor to be exact over
    /// ``powerRange`` (a test checks every entry against the bit length the table was built from).
    @inlinable @inline(__always)
    static func binaryExponent(ofPowerOfFive q: Int) -> Int {
        (q &* 152_170) >> 16 - 127
    }
}
