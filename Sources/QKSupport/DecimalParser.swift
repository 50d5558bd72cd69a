/// Exact decimal-to-double conversion for the numbers data files are made of, without `strtod`.
///
/// A number `w x 10^q` with at most 19 significant digits (so `w < 2^64`) is converted with integer
/// arithmetic only, and the result is the correctly rounded double (round half to even), the same
/// bits `strtod` gives, by the first of these that can decide:
/// - `w < 2^53`, `|q| <= 22`: one double multiplication or division of exact operands.
/// - `-342 <= q <= 308`, normal results: `w` times a 128-bit truncation of `5^q`
///   (``nearest(_:_:)``, the method of Eisel and Lemire), which knows when the truncation could
///   change the rounding (about one number in 2^73, and true halfway cases) and then declines.
/// - `-27 <= q <= 19`: exact integer arithmetic (``exactlyRounded(_:_:)``): for `q >= 0`,
///   `w x 10^q` fits in 128 bits; for `q < 0`, one 128-by-64-bit division `floor(w x 2^s / 5^-q)`
///   with its remainder as the sticky bit.
///
/// Anything else (more digits, subnormal or overflowing results, `inf`, `nan`, hexadecimal)
/// returns `nil`, and the caller falls back to `strtod`. `strtod` spends most of its time in
/// multi-precision code even on the 17-digit numbers `%.17g`, numpy's `savetxt` and spreadsheets
/// write; this is several times faster, which is what reading a 10^4 x 24 parameter table or a
/// 5000 x 20 data set costs.
public enum DecimalParser {
    /// Parses a number at `start`: an optional sign, digits with an optional decimal point, and an
    /// optional exponent (`e`/`E`, optional sign, digits). Returns the value and the first byte after
    /// it, or `nil` where the caller must use `strtod` instead (see the type's discussion), including
    /// text that is not a number. Reads up to the first byte that cannot continue the number, so the
    /// text must end in a byte that cannot (a NUL, a line end, a separator). With `limit`, the end
    /// of the readable buffer, runs of digits are read eight at a time where eight bytes remain.
    @inlinable
    public static func parse(_ start: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>? = nil)
        -> (value: Double, end: UnsafePointer<UInt8>)?
    {
        var p = start
        let negative = p.pointee == UInt8(ascii: "-")
        if negative || p.pointee == UInt8(ascii: "+") { p += 1 }
        var significand: UInt64 = 0
        var digits = 0  // significant digits in `significand` (leading zeros excluded)
        // The integer part, then the fraction, whose every digit lowers the exponent by one.
        guard let integerDigits = accumulate(&p, limit, into: &significand, digits: &digits) else { return nil }
        var exponent = 0
        if p.pointee == UInt8(ascii: ".") {
            p += 1
            guard let fractionDigits = accumulate(&p, limit, into: &significand, digits: &digits) else { return nil }
            exponent = -fractionDigits
            guard integerDigits + fractionDigits > 0 else { return nil }
        } else {
            guard integerDigits > 0 else { return nil }
        }
        if p.pointee | 0x20 == UInt8(ascii: "e") {
            var e = p + 1
            let negativeExponent = e.pointee == UInt8(ascii: "-")
            if negativeExponent || e.pointee == UInt8(ascii: "+") { e += 1 }
            var value = 0
            var sawExponentDigit = false
            while case let d = e.pointee &- 0x30, d < 10 {
                sawExponentDigit = true
                guard value < 10_000 else { return nil }
                value = value * 10 + Int(d)
                e += 1
            }
            // "1e" or "1e+" is the number 1 followed by text to strtod; leave such oddities to it.
            guard sawExponentDigit else { return nil }
            exponent += negativeExponent ? -value : value
            p = e
        }
        guard let magnitude = significand == 0 ? 0 : convert(significand, exponent) else { return nil }
        return (negative ? -magnitude : magnitude, p)
    }

    /// Reads decimal digits at `p` into `significand`; returns how many characters it read, or
    /// `nil` past 19 significant digits (where `UInt64` could overflow).
    @inlinable @inline(__always)
    static func accumulate(
        _ p: inout UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>?, into significand: inout UInt64, digits: inout Int
    ) -> Int? {
        let start = p
        while true {
            // Eight digits in one step (after the leading zeros, which do not count as digits).
            if significand != 0, digits <= 11, let limit, limit - p >= 8 {
                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                if isEightDigits(word) {
                    significand = significand &* 100_000_000 &+ eightDigitValue(word)
                    digits += 8
                    p += 8
                    continue
                }
            }
            let d = p.pointee &- 0x30
            guard d < 10 else { break }
            if significand != 0 || d != 0 {
                guard digits < 19 else { return nil }
                significand = significand &* 10 &+ UInt64(d)
                digits += 1
            }
            p += 1
        }
        return p - start
    }

    /// Whether the eight bytes of `word` (little-endian, first byte lowest) are all ASCII digits:
    /// each byte's high nibble is 3, and adding 6 does not carry into it.
    @inlinable @inline(__always)
    static func isEightDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333
    }

    /// The number the eight ASCII digits of `word` spell, first byte most significant: pairs, then
    /// pairs of pairs, combined by multiplications that keep each partial value in its own lanes.
    @inlinable @inline(__always)
    static func eightDigitValue(_ word: UInt64) -> UInt64 {
        var v = word &- 0x3030_3030_3030_3030
        v = v &* 10 &+ (v >> 8)  // byte 2i: 10 d_2i + d_2i+1
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let pairs = (v & mask) &* (100 &+ (1_000_000 << 32)) &+ ((v >> 16) & mask) &* (1 &+ (10_000 << 32))
        return pairs >> 32
    }

    /// `significand x 10^exponent` (`significand > 0`), correctly rounded, or `nil` where `strtod`
    /// must decide: the exact small case, then the truncated power of five, then the division.
    @inlinable
    static func convert(_ significand: UInt64, _ exponent: Int) -> Double? {
        // Both operands are exact doubles (w < 2^53, and 10^k = 5^k x 2^k with 5^22 < 2^53), so
        // the one IEEE multiplication or division is the correctly rounded result.
        if significand >> 53 == 0 && exponent >= -22 && exponent <= 22 {
            let w = Double(significand)
            return exponent < 0 ? w / exactPowersOfTen[-exponent] : w * exactPowersOfTen[exponent]
        }
        return nearest(significand, exponent) ?? exactlyRounded(significand, exponent)
    }

    /// `w x 10^q` through the 128-bit truncation `P` of `5^q` (Eisel and Lemire's method), or
    /// `nil` where the truncation could change the rounding or the result is not a normal double.
    ///
    /// With `w' = w x 2^lz` normalised to 64 bits and `5^q = (P + d) x 2^e`, `0 <= d < 1`:
    ///
    ///     w x 10^q = X x 2^(e + q - lz),   X = w' (P + d),   w'P <= X < w'P + 2^64.
    ///
    /// So X's top 128 bits are those of the 192-bit product `w'P` or one more. Of them the top 53
    /// (or the 64-bit top word's, which has 63 or 64 bits) are the mantissa, the next the rounding
    /// bit, the remaining 73-74 a tail `T`. Unless `T` is all ones (then the extra unit could carry
    /// into the rounding bit), the rounding bit of X is that of `w'P`, and:
    /// - bit 0: X is below the halfway point, round down;
    /// - bit 1: X is above it, round up. Never exactly on it: `d > 0` for every `q` outside
    ///   `0...55` (`5^q x 2^-e` is then not an integer), so `X > w'P`, which is at or past the half.
    /// For `0 <= q <= 55` (`d = 0`) the product is exact and ties are resolved to even with its
    /// full 192 bits. A true halfway case with `q < 0` shows up as an all-ones tail (X just under
    /// the half) and goes to the exact division. The same argument one word up lets the common
    /// case skip `P`'s low word: it adds less than 2^129 below the top word, at most one unit to
    /// the top word's tail, so the top word alone decides unless its tail is all ones.
    @inlinable
    static func nearest(_ w: UInt64, _ q: Int) -> Double? {
        guard powerRange.contains(q) else { return nil }
        let lz = w.leadingZeroBitCount
        let normalized = w << lz
        let entry = 2 * (q - powerRange.lowerBound)
        let exact = q >= 0 && q <= 55
        var (high, middle) = normalized.multipliedFullWidth(by: powersOfFive128[entry])
        var low: UInt64 = 0
        // w' times the low word adds less than 2^128 to the 192-bit product, at most one unit
        // to the top word's tail: it only matters for ties (exact entries) or an all-ones tail.
        let firstTailMask = UInt64(1) << (9 + high >> 63) &- 1
        if exact || high & firstTailMask == firstTailMask {
            let (middle1, low1) = normalized.multipliedFullWidth(by: powersOfFive128[entry + 1])
            let carry: Bool
            (middle, carry) = middle.addingReportingOverflow(middle1)
            high &+= carry ? 1 : 0  // >= 2^62: w' >= 2^63, P >= 2^127; no overflow
            low = low1
        }
        let upper = Int(high >> 63)
        let drop = 10 + upper  // leaves 53 bits
        var mantissa = high >> drop
        let roundBit = high >> (drop - 1) & 1
        let tailMask = UInt64(1) << (drop - 1) &- 1
        let tail = high & tailMask
        if exact {
            let halfway = roundBit == 1 && tail == 0 && middle == 0 && low == 0
            mantissa &+= halfway ? mantissa & 1 : roundBit
        } else {
            guard tail != tailMask || middle != UInt64.max else { return nil }
            mantissa &+= roundBit
        }
        // value = mantissa x 2^(drop + 128 + e + q - lz); a carry to 2^53 is 2^52 one binade up.
        var biased = drop + 128 + binaryExponent(ofPowerOfFive: q) + q - lz + 1075
        if mantissa >> 53 != 0 {
            mantissa >>= 1
            biased += 1
        }
        // Subnormal results would be rounded twice here, and overflow is strtod's to report.
        guard biased >= 1 && biased <= 2046 else { return nil }
        return Double(bitPattern: UInt64(biased) << 52 | mantissa & (UInt64(1) << 52 &- 1))
    }

    /// `significand x 10^exponent` by exact integer arithmetic where that fits 128 bits, else `nil`.
    @usableFromInline
    static func exactlyRounded(_ significand: UInt64, _ exponent: Int) -> Double? {
        if exponent >= 0 {
            guard exponent <= 19 else { return nil }
            let (high, low) = significand.multipliedFullWidth(by: powersOfTen[exponent])
            if high == 0 { return round(low, sticky: false, binaryExponent: 0) }
            // Keep the top 64 bits; what falls off only matters as "not zero".
            let shift = 64 - high.leadingZeroBitCount
            let top = high << (64 - shift) | low >> shift
            let sticky = low << (64 - shift) != 0
            return round(top, sticky: sticky, binaryExponent: shift)
        }
        let k = -exponent
        guard k <= 27 else { return nil }
        let divisor = powersOfFive[k]
        // s = 63 + bits(5^k) - bits(w) keeps w * 2^s below 5^k * 2^64 (the division cannot
        // overflow) and leaves a quotient of at least 2^62.
        let s = 63 + (64 - divisor.leadingZeroBitCount) - (64 - significand.leadingZeroBitCount)
        let dividend: (high: UInt64, low: UInt64) =
            s >= 64 ? (significand << (s - 64), 0)
            : s == 0 ? (0, significand) : (significand >> (64 - s), significand << s)
        let (quotient, remainder) = divisor.dividingFullWidth(dividend)
        return round(quotient, sticky: remainder != 0, binaryExponent: -(s + k))
    }

    /// `(value + sticky fraction) x 2^binaryExponent` rounded to 53 bits, half to even; `sticky`
    /// says whether anything nonzero lies below `value`'s last bit.
    @usableFromInline
    static func round(_ value: UInt64, sticky: Bool, binaryExponent: Int) -> Double {
        // Callers set `sticky` only with 63 or more bits in `value` (a quotient of at least 2^62, or
        // the top 64 bits of a product), so a value of 53 bits or fewer is the exact number.
        let drop = max(11 - value.leadingZeroBitCount, 0)
        assert(drop > 0 || !sticky)
        guard drop > 0 else { return Double(sign: .plus, exponent: binaryExponent, significand: Double(value)) }
        var mantissa = value >> drop
        let rest = value & (UInt64(1) << drop &- 1)
        let half = UInt64(1) << (drop - 1)
        if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) { mantissa += 1 }
        // A carry to 2^53 is still exact in a double.
        return Double(sign: .plus, exponent: binaryExponent + drop, significand: Double(mantissa))
    }

    @usableFromInline
    static let powersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 10 } }

    /// `10^k` for `k <= 22`, every one exact as a double.
    @usableFromInline
    static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    @usableFromInline
    static let powersOfFive: [UInt64] = (0...27).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 5 } }
}
