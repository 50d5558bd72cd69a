import FoundationEssentials
import LinearAlgebra

/// The Laplacian kernel `k(x, y) = exp(-gamma ||x - y||_1)` (scikit-learn's `laplacian_kernel`).
///
/// The L1 distance has no matrix-product form; it is computed in vectorisable blocks (see
/// `PointBatch.manhattanDistances`).
public struct LaplacianKernel: Kernel {
    /// The inverse length scale.
    public let gamma: Double

    /// Creates the kernel with a fixed `gamma`.
    public init(gamma: Double) { self.gamma = gamma }

    /// Creates the kernel with `gamma` chosen by a rule from training points `x`
    /// (scikit-learn's `laplacian_kernel` default is `.auto`, `1/d`).
    public init(gamma: KernelGamma, fittedTo x: Matrix) { self.gamma = gamma.resolved(for: x) }

    /// `"laplacian"`.
    public var name: String { "laplacian" }

    /// `laplacian(gamma=0.5)`.
    public var description: String { "laplacian(gamma=\(gamma))" }

    /// Checks and keeps the points.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `exp(-gamma |a_i - b_j|_1)` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.manhattanDistances(a, rows: rows, b, columns: columns)
        k.mapExponential(scale: -gamma)
        return k
    }

    /// All ones.
    public func diagonal(_ a: PointBatch) throws -> [Double] { [Double](repeating: 1, count: a.count) }
}
