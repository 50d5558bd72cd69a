import LinearAlgebra

/// A kernel that is an element-wise function of the inner product `x . y` and the two squared
/// norms (arc-cosine, NTK): one BLAS product per tile (`dgemm`, or `dsyrk` for a symmetric tile),
/// then ``apply(to:rowNorms:columnNorms:)``.
public protocol InnerProductKernel: Kernel where Features == PointBatch {
    /// Replaces the inner products `k[r, c] = x_r . y_c` by kernel values, given `||x_r||^2` and
    /// `||y_c||^2`.
    func apply(to k: inout Matrix, rowNorms: ArraySlice<Double>, columnNorms: ArraySlice<Double>)
}

extension InnerProductKernel {
    /// Checks the points and computes their norms.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// The kernel over the tile, from one `dgemm`.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.innerProducts(a, rows: rows, b, columns: columns)
        apply(to: &k, rowNorms: a.squaredNorms[rows], columnNorms: b.squaredNorms[columns])
        return k
    }

    /// The symmetric tile, from one `dsyrk`.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        var k = PointBatch.innerProducts(a, rows: rows)
        apply(to: &k, rowNorms: a.squaredNorms[rows], columnNorms: a.squaredNorms[rows])
        return k
    }
}
