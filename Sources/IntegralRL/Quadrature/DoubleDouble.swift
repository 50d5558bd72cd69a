import FoundationEssentials
import QKSupport

/// A double-double number: the unevaluated sum `hi + lo` of two doubles with `|lo| <= ulp(hi) / 2`,
/// about 106 significant bits (32 decimal digits).
///
/// Bayesian-quadrature weights solve `K w = z` with a kernel matrix whose condition number grows like
/// `h^-(2 nu + 1)` for node spacing `h`; in double precision that solve loses every digit long before
/// the quadrature error reaches its theoretical rate, which is why the published method needs a jitter.
/// Forming `K` and `z` and solving in double-double arithmetic keeps 10-15 more digits, enough to drop
/// the jitter altogether. The algorithms are the classic error-free transformations (Knuth's two-sum,
/// an FMA-based two-product) and the "accurate" double-double addition and division of Hida, Li and
/// Bailey's QD library.
public struct DoubleDouble: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The leading part: the double nearest to the value.
    public var hi: Double
    /// The trailing part: the rounding error of `hi`.
    public var lo: Double

    /// The exact value of a double.
    @inlinable public init(_ value: Double) {
        hi = value
        lo = 0
    }

    /// The exact value of an integer that fits in a double's significand.
    @inlinable public init(_ value: Int) { self.init(Double(value)) }

    /// `hi + lo`, renormalised so that `lo` is the rounding error of `hi`.
    @inlinable public init(hi: Double, lo: Double) {
        let (s, e) = DoubleDouble.quickTwoSum(hi, lo)
        self.hi = s
        self.lo = e
    }

    /// The nearest double.
    @inlinable public var doubleValue: Double { hi + lo }

    /// `hi` and `lo` in scientific notation.
    public var description: String { "DoubleDouble(\(hi) + \(lo))" }

    /// `ln 2` to 106 bits.
    public static let ln2 = DoubleDouble(hi: 6.931471805599452862e-01, lo: 2.319046813846299558e-17)

    // MARK: Error-free transformations

    /// `a + b = s + e` exactly, for any doubles (Knuth).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// `a + b = s + e` exactly, when `|a| >= |b|` (Dekker).
    @inlinable static func quickTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// `a * b = p + e` exactly (through a fused multiply-add).
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    // MARK: Arithmetic

    /// The sum, accurate to about 2^-104 relative.
    @inlinable public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var (s1, s2) = twoSum(a.hi, b.hi)
        let (t1, t2) = twoSum(a.lo, b.lo)
        s2 += t1
        (s1, s2) = quickTwoSum(s1, s2)
        s2 += t2
        (s1, s2) = quickTwoSum(s1, s2)
        return DoubleDouble(unnormalisedHi: s1, lo: s2)
    }

    /// The negation (exact).
    @inlinable public static prefix func - (a: DoubleDouble) -> DoubleDouble {
        DoubleDouble(unnormalisedHi: -a.hi, lo: -a.lo)
    }

    /// The difference.
    @inlinable public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + -b }

    /// The product, accurate to about 2^-104 relative.
    @inlinable public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var (p1, p2) = twoProduct(a.hi, b.hi)
        p2 += a.hi * b.lo + a.lo * b.hi
        (p1, p2) = quickTwoSum(p1, p2)
        return DoubleDouble(unnormalisedHi: p1, lo: p2)
    }

    /// The quotient, by three steps of long division.
    @inlinable public static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        var r = a - b * DoubleDouble(q1)
        let q2 = r.hi / b.hi
        r = r - b * DoubleDouble(q2)
        let q3 = r.hi / b.hi
        return DoubleDouble(hi: q1, lo: q2) + DoubleDouble(q3)
    }

    /// Orders by value.
    @inlinable public static func < (a: DoubleDouble, b: DoubleDouble) -> Bool {
        a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
    }

    /// The value times `2^n` (exact barring overflow and underflow).
    @inlinable public func scaled(byPowerOfTwo n: Int) -> DoubleDouble {
        DoubleDouble(unnormalisedHi: CMath.scalbn(hi, n), lo: CMath.scalbn(lo, n))
    }

    /// The absolute value.
    @inlinable public var magnitude: DoubleDouble { hi < 0 ? -self : self }

    /// The square root, by one Newton step from the double square root (which doubles the digits).
    public var squareRoot: DoubleDouble {
        if hi <= 0 { return hi == 0 ? DoubleDouble(0) : DoubleDouble(.nan) }
        let y = DoubleDouble(hi.squareRoot())
        return y + (self - y * y) / (y + y)
    }

    /// `e^x - 1`, accurate also for tiny `x`.
    ///
    /// `x = k ln 2 + r` with `|r| <= ln 2 / 2`; then `s = r / 2^10` is small enough that a dozen Taylor
    /// terms give `e^s - 1` to full precision, and ten squarings `(1 + p)^2 - 1 = p (2 + p)` undo the
    /// scaling without ever forming `1 + p` (which would lose the low digits of a small result).
    public static func expm1(_ x: DoubleDouble) -> DoubleDouble {
        if x.hi.isNaN { return x }
        if x.hi > 709.7 { return DoubleDouble(.infinity) }
        if x.hi < -40 { return exp(x) - DoubleDouble(1) }
        let k = (x.hi / ln2.hi).rounded()
        let r = x - ln2 * DoubleDouble(k)
        let s = r.scaled(byPowerOfTwo: -10)
        var term = s
        var p = s
        var n = 1.0
        while true {
            n += 1
            term = term * s / DoubleDouble(n)
            p = p + term
            if term.hi == 0 || Swift.abs(term.hi) <= 1e-36 * Swift.abs(p.hi) { break }
        }
        for _ in 0..<10 { p = p * (DoubleDouble(2) + p) }
        if k == 0 { return p }
        return (DoubleDouble(1) + p).scaled(byPowerOfTwo: Int(k)) - DoubleDouble(1)
    }

    /// `e^x`.
    public static func exp(_ x: DoubleDouble) -> DoubleDouble {
        if x.hi.isNaN { return x }
        if x.hi > 709.7 { return DoubleDouble(.infinity) }
        if x.hi < -745.2 { return DoubleDouble(0) }
        let k = (x.hi / ln2.hi).rounded()
        let r = x - ln2 * DoubleDouble(k)
        return (DoubleDouble(1) + expm1(r)).scaled(byPowerOfTwo: Int(k))
    }

    /// Builds from parts that are already normalised (internal fast path).
    @inlinable init(unnormalisedHi hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }
}
