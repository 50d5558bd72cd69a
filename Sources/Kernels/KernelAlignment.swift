import LinearAlgebra

/// Kernel-target alignment (Cristianini et al. 2002): how well a Gram matrix `K` matches the ideal
/// kernel `y y^T` of the labels `y in {-1, +1}`.
///
/// `A(K, y) = <K, y y^T>_F / (||K||_F ||y y^T||_F) = y^T K y / (N ||K||_F)`, in [-1, 1].
/// The centered variant (Cortes, Mohri, Rostamizadeh 2012) first replaces `K` by `H K H` with
/// `H = I - 11^T/N`, which removes the constant offset that makes every uncentered alignment
/// look good on balanced data.
public enum KernelAlignment {
    /// Uncentered alignment of `k` with the labels `y` (each +1 or -1).
    public static func alignment(_ k: Matrix, labels y: [Double]) throws -> Double {
        try check(k, y)
        let norm = k.frobeniusNorm
        guard norm > 0 else { return 0 }
        let ky = k * y
        return zip(y, ky).reduce(0) { $0 + $1.0 * $1.1 } / (Double(y.count) * norm)
    }

    /// Centered alignment: the alignment of `HKH` with `y y^T` centered likewise.
    public static func centeredAlignment(_ k: Matrix, labels y: [Double]) throws -> Double {
        try check(k, y)
        let c = center(k)
        let mean = y.reduce(0, +) / Double(y.count)
        let yc = y.map { $0 - mean }
        let ynorm2 = yc.reduce(0) { $0 + $1 * $1 }
        let norm = c.frobeniusNorm
        guard norm > 0, ynorm2 > 0 else { return 0 }
        let ky = c * yc
        return zip(yc, ky).reduce(0) { $0 + $1.0 * $1.1 } / (norm * ynorm2)
    }

    /// `H K H` with `H = I - 11^T/N`: subtract row and column means, add back the grand mean.
    public static func center(_ k: Matrix) -> Matrix {
        let n = k.rows
        let rowMeans = (0..<n).map { i in k.row(i).reduce(0, +) / Double(n) }
        let grand = rowMeans.reduce(0, +) / Double(n)
        var c = k
        for i in 0..<n { for j in 0..<n { c[i, j] = k[i, j] - rowMeans[i] - rowMeans[j] + grand } }
        return c
    }

    private static func check(_ k: Matrix, _ y: [Double]) throws {
        guard k.rows == k.columns, k.rows == y.count, !y.isEmpty else {
            throw KernelError.shapeMismatch("alignment needs an N x N kernel and N labels; got \(k.rows)x\(k.columns) and \(y.count)")
        }
    }
}
