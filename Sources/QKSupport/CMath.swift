#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's `double` functions under a name no type can shadow.
///
/// Code inside a type with its own `exp`, `sin` or `log` (an expression node's cases, a
/// double-double's methods) must name the C function with a module prefix; that prefix used to be
/// `Foundation.`, which FoundationEssentials does not re-export, and the C module's own name differs
/// between Glibc, Musl and Darwin. These forward to exactly the same C functions, so results are
/// bit-identical to the unqualified calls.
public enum CMath {
    /// e^x.
    @inlinable public static func exp(_ x: Double) -> Double { cExp(x) }
    /// e^x - 1, accurate for small x.
    @inlinable public static func expm1(_ x: Double) -> Double { cExpm1(x) }
    /// The natural logarithm.
    @inlinable public static func log(_ x: Double) -> Double { cLog(x) }
    /// x * 2^n, exactly (barring overflow or underflow); the overlay's `scalbn(_:_: Int)`.
    @inlinable public static func scalbn(_ x: Double, _ n: Int) -> Double { cScalbn(x, n) }
    /// The square root.
    @inlinable public static func sqrt(_ x: Double) -> Double { cSqrt(x) }
    /// The sine of x radians.
    @inlinable public static func sin(_ x: Double) -> Double { cSin(x) }
    /// The cosine of x radians.
    @inlinable public static func cos(_ x: Double) -> Double { cCos(x) }
    /// The tangent of x radians.
    @inlinable public static func tan(_ x: Double) -> Double { cTan(x) }
    /// The arcsine, in [-pi/2, pi/2].
    @inlinable public static func asin(_ x: Double) -> Double { cAsin(x) }
    /// The arccosine, in [0, pi].
    @inlinable public static func acos(_ x: Double) -> Double { cAcos(x) }
    /// The arctangent, in (-pi/2, pi/2).
    @inlinable public static func atan(_ x: Double) -> Double { cAtan(x) }
}

// Outside `CMath`, where the plain names mean the C functions.
@inlinable func cExp(_ x: Double) -> Double { exp(x) }
@inlinable func cExpm1(_ x: Double) -> Double { expm1(x) }
@inlinable func cLog(_ x: Double) -> Double { log(x) }
@inlinable func cScalbn(_ x: Double, _ n: Int) -> Double { scalbn(x, n) }
@inlinable func cSqrt(_ x: Double) -> Double { sqrt(x) }
@inlinable func cSin(_ x: Double) -> Double { sin(x) }
@inlinable func cCos(_ x: Double) -> Double { cos(x) }
@inlinable func cTan(_ x: Double) -> Double { tan(x) }
@inlinable func cAsin(_ x: Double) -> Double { asin(x) }
@inlinable func cAcos(_ x: Double) -> Double { acos(x) }
@inlinable func cAtan(_ x: Double) -> Double { atan(x) }
