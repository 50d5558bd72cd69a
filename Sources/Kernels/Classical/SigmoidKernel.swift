#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import LinearAlgebra

/// The sigmoid (hyperbolic tangent) kernel `k(x, y) = tanh(gamma x . y + coef0)`.
///
/// Not positive semi-definite in general; LIBSVM and scikit-learn offer it all the same, and the
/// SMO solver copes with indefinite matrices (it replaces non-positive curvature by `tau`).
public struct SigmoidKernel: Kernel {
    /// The scale of the inner product.
    public let gamma: Double
    /// The offset inside the tangent.
    public let coef0: Double

    /// Creates the kernel (scikit-learn's default `coef0` is 0).
    public init(gamma: Double, coef0: Double = 0) {
        self.gamma = gamma
        self.coef0 = coef0
    }

    /// `"sigmoid"`.
    public var name: String { "sigmoid" }

    /// `sigmoid(gamma=0.5, coef0=0)`.
    public var description: String { "sigmoid(gamma=\(gamma), coef0=\(coef0))" }

    /// Checks and keeps the points.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `tanh(gamma a_i . b_j + coef0)` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.innerProducts(a, rows: rows, b, columns: columns)
        let (g, c) = (gamma, coef0)
        k.mapEntries { tanh(g * $0 + c) }
        return k
    }

    /// The same through `dsyrk`.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        var k = PointBatch.innerProducts(a, rows: rows)
        let (g, c) = (gamma, coef0)
        k.mapEntries { tanh(g * $0 + c) }
        return k
    }

    /// `tanh(gamma ||a_i||^2 + coef0)`.
    public func diagonal(_ a: PointBatch) throws -> [Double] { a.squaredNorms.map { tanh(gamma * $0 + coef0) } }
}
