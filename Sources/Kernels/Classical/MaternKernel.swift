import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import LinearAlgebra

/// The Matern kernel with smoothness `nu` and length scale `l` (scikit-learn's
/// `gaussian_process.kernels.Matern`):
///
///     k(x, y) = 2^(1-nu) / Gamma(nu) * (sqrt(2 nu) r)^nu * K_nu(sqrt(2 nu) r),   r = ||x - y|| / l,
///
/// with `k = 1` at `r = 0`, and `K_nu` the modified Bessel function of the second kind. For the
/// half-integer `nu` used in practice it has closed forms, which this kernel uses:
///
/// - `nu = 1/2`: `exp(-r)` (the exponential / Ornstein-Uhlenbeck kernel);
/// - `nu = 3/2`: `(1 + sqrt(3) r) exp(-sqrt(3) r)`;
/// - `nu = 5/2`: `(1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r)`.
///
/// Any other `nu > 0` goes through GSL's `K_nu` and `Gamma` (in logarithms, so large distances
/// underflow gracefully to 0 instead of overflowing `r^nu`). As `nu -> infinity` the kernel tends
/// to the RBF kernel `exp(-r^2 / 2)`.
public struct MaternKernel: Kernel {
    /// The smoothness: the kernel's sample functions are `ceil(nu) - 1` times differentiable.
    public let nu: Double
    /// The length scale `l` dividing distances.
    public let lengthScale: Double

    /// Creates the kernel; scikit-learn's defaults are `nu = 1.5`, `lengthScale = 1`.
    public init(nu: Double = 1.5, lengthScale: Double = 1) {
        self.nu = nu
        self.lengthScale = lengthScale
    }

    /// `"matern"`.
    public var name: String { "matern" }

    /// `matern(nu=1.5, length_scale=1)`.
    public var description: String { "matern(nu=\(nu), length_scale=\(lengthScale))" }

    /// Checks the points and computes their norms.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `k(r)` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.squaredDistances(a, rows: rows, b, columns: columns)
        k.mapEntries(profile())
        return k
    }

    /// The same through `dsyrk`, with an exact unit diagonal.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        var k = PointBatch.squaredDistances(a, rows: rows)
        k.mapEntries(profile())
        return k
    }

    /// All ones.
    public func diagonal(_ a: PointBatch) throws -> [Double] { [Double](repeating: 1, count: a.count) }

    /// The kernel as a function of the squared distance `||x - y||^2`.
    private func profile() -> @Sendable (Double) -> Double {
        let l = lengthScale
        let nu = nu
        switch nu {
        case 0.5:
            return { exp(-$0.squareRoot() / l) }
        case 1.5:
            return {
                let s = 3.0.squareRoot() * $0.squareRoot() / l
                return (1 + s) * exp(-s)
            }
        case 2.5:
            return {
                let s = 5.0.squareRoot() * $0.squareRoot() / l
                return (1 + s + s * s / 3) * exp(-s)
            }
        default:
            return { MaternKernel.besselForm(distance: $0.squareRoot() / l, nu: nu) }
        }
    }

    /// The general-`nu` Matern function of the scaled distance `r = ||x - y|| / l`, through GSL's
    /// Bessel `K_nu` and log-Gamma:
    /// `log k = (1 - nu) log 2 - log Gamma(nu) + nu log(s) + log K_nu(s)` with `s = sqrt(2 nu) r`.
    ///
    /// Public so that tests can check it against the closed forms at `nu = 1/2, 3/2, 5/2`.
    public static func besselForm(distance r: Double, nu: Double) -> Double {
        if r <= 0 { return 1 }
        let s = (2 * nu).squareRoot() * r
        var lnK = gsl_sf_result()
        var lnGamma = gsl_sf_result()
        guard gsl_sf_bessel_lnKnu_e(nu, s, &lnK) == GSL_SUCCESS, gsl_sf_lngamma_e(nu, &lnGamma) == GSL_SUCCESS else {
            return .nan
        }
        return exp((1 - nu) * M_LN2 - lnGamma.val + nu * log(s) + lnK.val)
    }
}
