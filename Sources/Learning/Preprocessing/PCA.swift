import LinearAlgebra
import QKSupport

/// Principal component analysis to `components` dimensions: the data, centred, is projected on
/// the eigenvectors of its covariance matrix with the largest eigenvalues (LAPACK `dsyevd`).
///
/// Signs follow scikit-learn: each component's largest-magnitude entry is positive.
public struct PCA: Sendable {
    /// Number of components to keep.
    public var components: Int

    /// Creates the transform to `components` dimensions.
    public init(components: Int) { self.components = components }

    /// Learns the mean and the principal axes of the rows of `x`.
    public func fit(_ x: Matrix) throws -> PCAProjection {
        guard components >= 1 && components <= x.columns else {
            throw InputError("PCA needs between 1 and \(x.columns) components (the number of features); got \(components)")
        }
        guard x.rows >= 2 else { throw InputError("PCA needs at least two points; got \(x.rows)") }
        let n = x.rows
        let d = x.columns
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += x[r, c] } }
        mean = mean.map { $0 / Double(n) }
        var centred = x
        for r in 0..<n { for c in 0..<d { centred[r, c] -= mean[c] } }
        // Covariance (d x d) = Xc^T Xc / (n - 1), one dgemm on the transposed matrix's rows.
        let xt = centred.transposed
        let covariance = (1 / Double(n - 1)) * Matrix.rowGram(xt, rows: 0..<d)
        let (values, vectors) = try covariance.symmetricEigen()
        var axes = Matrix(rows: components, columns: d)
        var variances = [Double]()
        for k in 0..<components {
            let column = d - 1 - k  // eigenvalues ascend
            var axis = vectors.column(column)
            let largest = axis.indices.max { abs(axis[$0]) < abs(axis[$1]) } ?? 0
            if axis[largest] < 0 { axis = axis.map { -$0 } }
            for c in 0..<d { axes[k, c] = axis[c] }
            variances.append(max(values[column], 0))
        }
        return PCAProjection(mean: mean, components: axes, explainedVariance: variances)
    }
}

/// A fitted ``PCA``.
public struct PCAProjection: Sendable, Codable, Equatable {
    /// The training mean, subtracted before projecting.
    public var mean: [Double]
    /// The principal axes, one per row (k x d), by decreasing variance.
    public var components: Matrix
    /// The variance along each axis (the covariance eigenvalues, denominator n - 1).
    public var explainedVariance: [Double]

    /// `(x - mean) components^T`: the coordinates of every row of `x` on the axes.
    public func transform(_ x: Matrix) throws -> Matrix {
        try checkWidth(x, mean.count, "PCA")
        var centred = x
        for r in 0..<x.rows { for c in 0..<x.columns { centred[r, c] -= mean[c] } }
        return Matrix.rowInnerProducts(centred, rows: 0..<x.rows, components, rows: 0..<components.rows)
    }
}
