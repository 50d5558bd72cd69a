import LinearAlgebra

/// The linear kernel `k(x, y) = x . y`.
///
/// The Gram matrix is `X X^T` by one `dsyrk`; test-versus-train is `T X^T` by one `dgemm`.
public struct LinearKernel: Kernel {
    /// Creates the kernel.
    public init() {}

    /// `"linear"`.
    public var name: String { "linear" }

    /// Checks and keeps the points.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `a_i . b_j` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        try PointBatch.innerProducts(a, rows: rows, b, columns: columns)
    }

    /// `A A^T` through `dsyrk`.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        PointBatch.innerProducts(a, rows: rows)
    }

    /// `||a_i||^2`.
    public func diagonal(_ a: PointBatch) throws -> [Double] { a.squaredNorms }
}
