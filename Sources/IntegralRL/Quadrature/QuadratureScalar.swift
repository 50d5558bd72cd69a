import FoundationEssentials
import QKSupport

/// The arithmetic that Bayesian quadrature can run in: `Double` (as in the published method) or
/// ``DoubleDouble`` (about 32 digits, for jitter-free weights).
///
/// Kernels, kernel means and the Cholesky solve are written once, generic over this protocol.
public protocol QuadratureScalar: Sendable, Comparable {
    /// The exact value of a double.
    init(_ value: Double)
    /// The nearest double.
    var doubleValue: Double { get }
    /// The absolute value.
    var magnitude: Self { get }
    /// The square root.
    var squareRoot: Self { get }
    /// Sum.
    static func + (a: Self, b: Self) -> Self
    /// Difference.
    static func - (a: Self, b: Self) -> Self
    /// Product.
    static func * (a: Self, b: Self) -> Self
    /// Quotient.
    static func / (a: Self, b: Self) -> Self
    /// Negation.
    static prefix func - (a: Self) -> Self
    /// `e^x`.
    static func exp(_ x: Self) -> Self
    /// `e^x - 1`, accurate for small `x`.
    static func expm1(_ x: Self) -> Self
}

extension Double: QuadratureScalar {
    /// The value itself.
    @inlinable public var doubleValue: Double { self }
    /// `squareRoot()` as a property, to match ``DoubleDouble``.
    @inlinable public var squareRoot: Double { squareRoot() }
    /// `e^x` from the C library.
    @inlinable public static func exp(_ x: Double) -> Double { CMath.exp(x) }
    /// `e^x - 1` from the C library.
    @inlinable public static func expm1(_ x: Double) -> Double { CMath.expm1(x) }
}

extension DoubleDouble: QuadratureScalar {}

extension QuadratureScalar {
    /// An integer as a scalar (exact below 2^53).
    @inlinable static func of(_ n: Int) -> Self { Self(Double(n)) }
}
