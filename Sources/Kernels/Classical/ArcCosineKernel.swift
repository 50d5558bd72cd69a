#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import LinearAlgebra

/// The arc-cosine kernel of order `n` (Cho and Saul, "Kernel methods for deep learning", 2009):
///
///     k_n(x, y) = (1/pi) ||x||^n ||y||^n J_n(theta),   cos(theta) = x . y / (||x|| ||y||),
///
///     J_0 = pi - theta
///     J_1 = sin(theta) + (pi - theta) cos(theta)
///     J_2 = 3 sin(theta) cos(theta) + (pi - theta) (1 + 2 cos^2(theta))
///
/// It is the covariance of one infinitely wide layer of step (`n = 0`), ReLU (`n = 1`) or squared
/// ReLU (`n = 2`) units with standard normal weights: `k_n(x, y) = 2 E_w[s(w.x) s(w.y)]` with
/// `s(u) = max(0, u)^n`. It is computed from the inner-product matrix (one BLAS product) and the
/// norms by an element-wise map.
///
/// A zero vector has no angle; it is given `cos(theta) = 0`, so `k_0 = 1/2` and `k_1 = k_2 = 0`
/// (the norms vanish).
public struct ArcCosineKernel: InnerProductKernel {
    /// The order `n`: 0, 1 or 2.
    public let order: Int

    /// Creates the kernel of order 0, 1 or 2 (other orders are rejected by `ClassicalKernelSpec`).
    public init(order: Int = 1) { self.order = order }

    /// `"arccos"`.
    public var name: String { "arccos" }

    /// `arccos(order=1)`.
    public var description: String { "arccos(order=\(order))" }


    /// `k_n(x, x) = ||x||^(2n) J_n(0) / pi`: 1, `||x||^2`, `3 ||x||^4`.
    public func diagonal(_ a: PointBatch) throws -> [Double] {
        a.squaredNorms.map { s in
            switch order {
            case 0: return s > 0 ? 1 : 0.5
            case 1: return s
            default: return 3 * s * s
            }
        }
    }

    /// Maps inner products to kernel values in place.
    public func apply(to k: inout Matrix, rowNorms: ArraySlice<Double>, columnNorms: ArraySlice<Double>) {
        let n = k.columns
        let rowStart = rowNorms.startIndex
        let columnStart = columnNorms.startIndex
        for r in 0..<k.rows {
            let sx = rowNorms[rowStart + r]
            for c in 0..<n {
                let sy = columnNorms[columnStart + c]
                k.scalars[r * n + c] = ArcCosineKernel.value(order: order, dot: k.scalars[r * n + c], sx, sy)
            }
        }
    }

    /// `k_n` from the inner product and the two squared norms.
    static func value(order: Int, dot: Double, _ squaredNormX: Double, _ squaredNormY: Double) -> Double {
        let normProduct = (squaredNormX * squaredNormY).squareRoot()
        var cosine = normProduct > 0 ? min(1, max(-1, dot / normProduct)) : 0
        // A cosine within rounding of +-1 is +-1: acos magnifies its last-ulp error to an angle of
        // ~2e-8 (sqrt of the error), which would spoil k(x, x) in the 8th digit. Snapping costs no
        // accuracy, since such angles cannot be resolved from a rounded inner product anyway.
        if 1 - abs(cosine) <= 4 * Double.ulpOfOne { cosine = cosine > 0 ? 1 : -1 }
        let theta = acos(cosine)
        let sine = (1 - cosine * cosine).squareRoot()
        switch order {
        case 0:
            return (Double.pi - theta) / Double.pi
        case 1:
            return normProduct * (sine + (Double.pi - theta) * cosine) / Double.pi
        default:
            let j2 = 3 * sine * cosine + (Double.pi - theta) * (1 + 2 * cosine * cosine)
            return normProduct * normProduct * j2 / Double.pi
        }
    }
}
