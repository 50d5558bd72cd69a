import FoundationEssentials
import LinearAlgebra

/// The Gaussian (radial basis function) kernel `k(x, y) = exp(-gamma ||x - y||^2)`.
///
/// Squared distances come from one matrix product, `||x||^2 + ||y||^2 - 2 x . y`, clamped at 0,
/// exactly as scikit-learn's `rbf_kernel` computes them.
public struct RBFKernel: Kernel {
    /// The inverse squared length scale, `1 / (2 sigma^2)`.
    public let gamma: Double

    /// Creates the kernel with a fixed `gamma`.
    public init(gamma: Double) { self.gamma = gamma }

    /// Creates the kernel with `gamma` chosen by a rule (`.scale`, `.auto`) from training points `x`.
    public init(gamma: KernelGamma, fittedTo x: Matrix) { self.gamma = gamma.resolved(for: x) }

    /// `"rbf"`.
    public var name: String { "rbf" }

    /// `rbf(gamma=0.5)`.
    public var description: String { "rbf(gamma=\(gamma))" }

    /// Checks the points and computes their norms.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `exp(-gamma d^2)` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.squaredDistances(a, rows: rows, b, columns: columns)
        k.mapExponential(scale: -gamma)
        return k
    }

    /// The same through `dsyrk`, with an exact unit diagonal.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        var k = PointBatch.squaredDistances(a, rows: rows)
        k.mapExponential(scale: -gamma)
        return k
    }

    /// All ones.
    public func diagonal(_ a: PointBatch) throws -> [Double] { [Double](repeating: 1, count: a.count) }
}
