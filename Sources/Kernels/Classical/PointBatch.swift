import CQKKernels
import LinearAlgebra
import QKSupport

/// A batch of data points prepared for a classical kernel: the points (rows) and their squared
/// norms, which every distance-based kernel needs once per point rather than once per pair.
public struct PointBatch: KernelFeatures, Sendable {
    /// The points, one per row.
    public let points: Matrix
    /// `||x_i||^2` for every point.
    public let squaredNorms: [Double]

    /// Prepares `points`, rejecting non-finite entries (they would poison every kernel value).
    public init(_ points: Matrix) throws {
        if let bad = points.scalars.firstIndex(where: { !$0.isFinite }) {
            let columns = max(points.columns, 1)
            throw InputError(
                "data point \(bad / columns + 1), feature \(bad % columns + 1) is \(points.scalars[bad]); "
                    + "kernels need finite numbers")
        }
        self.points = points
        self.squaredNorms = points.rowSquaredNorms
    }

    /// Number of points.
    public var count: Int { points.rows }

    /// Number of features per point.
    public var dimension: Int { points.columns }
}

// Shared block computations of the classical kernels. Each is a BLAS product followed by an
// element-wise map, so no kernel loops over pairs in Swift except the L1 distance, which has no
// product form.
extension PointBatch {
    /// Throws unless both batches have the same number of features.
    static func checkCompatible(_ a: PointBatch, _ b: PointBatch) throws {
        guard a.dimension == b.dimension else {
            throw InputError(
                "points with \(a.dimension) features cannot be compared with points with \(b.dimension) features")
        }
    }

    /// Inner products `a_i . b_j` for a tile.
    static func innerProducts(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws
        -> Matrix
    {
        try checkCompatible(a, b)
        return .rowInnerProducts(a.points, rows: rows, b.points, rows: columns)
    }

    /// Inner products within one batch, through `dsyrk`.
    static func innerProducts(_ a: PointBatch, rows: Range<Int>) -> Matrix {
        .rowGram(a.points, rows: rows)
    }

    /// Squared Euclidean distances `||a_i||^2 + ||b_j||^2 - 2 a_i . b_j` from one matrix product
    /// (as scikit-learn's `euclidean_distances`), never negative (see `exactSquaredDistance`).
    static func squaredDistances(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws
        -> Matrix
    {
        var g = try innerProducts(a, rows: rows, b, columns: columns)
        finishSquaredDistances(&g, a, rowStart: rows.lowerBound, b, columnStart: columns.lowerBound, symmetric: false)
        return g
    }

    /// Squared distances within one batch; the diagonal is exactly 0 (as scikit-learn sets it).
    static func squaredDistances(_ a: PointBatch, rows: Range<Int>) -> Matrix {
        var g = innerProducts(a, rows: rows)
        finishSquaredDistances(&g, a, rowStart: rows.lowerBound, a, columnStart: rows.lowerBound, symmetric: true)
        return g
    }

    /// Turns a tile of inner products into squared distances `||a_i||^2 + ||b_j||^2 - 2 a_i . b_j`,
    /// in place; on a symmetric tile the diagonal is set to exactly 0.
    private static func finishSquaredDistances(
        _ g: inout Matrix, _ a: PointBatch, rowStart: Int, _ b: PointBatch, columnStart: Int, symmetric: Bool
    ) {
        let (rows, n) = (g.rows, g.columns)
        var suspects: [(Int, Int)] = []
        a.squaredNorms.withUnsafeBufferPointer { na in
            b.squaredNorms.withUnsafeBufferPointer { nb in
                g.scalars.withUnsafeMutableBufferPointer { pg in
                    for r in 0..<rows {
                        let ar = na[rowStart + r]
                        let row = pg.baseAddress! + r * n
                        let norms = nb.baseAddress! + columnStart
                        for c in 0..<n {
                            let sum = ar + norms[c]
                            let expanded = sum - 2 * row[c]
                            row[c] = expanded
                            if expanded <= 1e-4 * sum { suspects.append((r, c)) }
                        }
                        if symmetric { row[r] = 0 }
                    }
                }
            }
        }
        for (r, c) in suspects where !(symmetric && r == c) {
            g.scalars[r * n + c] = exactSquaredDistance(a, rowStart + r, b, columnStart + c)
        }
    }

    /// `sum_k (a_ik - b_jk)^2` from the coordinates, for the pairs where the expansion cannot be
    /// trusted.
    ///
    /// The expansion's absolute error is a few ulps of `||x||^2 + ||y||^2`; below 1e-4 of that, fewer
    /// than ~11 digits survive (and it may even come out negative), which matters for kernels that
    /// are not smooth in `d^2` at 0 (Matern 1/2 is `exp(-d)`: an error of 1e-16 in `d^2` becomes
    /// 1e-8 in `k`). Such pairs are near-duplicates and rare, so recomputing them costs nothing.
    private static func exactSquaredDistance(_ a: PointBatch, _ i: Int, _ b: PointBatch, _ j: Int) -> Double {
        let d = a.dimension
        var s = 0.0
        for k in 0..<d {
            let t = a.points.scalars[i * d + k] - b.points.scalars[j * d + k]
            s += t * t
        }
        return s
    }

    /// Manhattan (L1) distances `sum_k |a_ik - b_jk|` for a tile.
    ///
    /// There is no matrix-product form, so this walks the tile in sub-blocks: for one row `a_i` and
    /// a run of columns, the inner loop adds `|a_ik - b_jk|` into one accumulator per column `j`
    /// with `b` stored feature-major, so consecutive iterations touch consecutive memory and carry
    /// no dependency (the compiler vectorises it; a per-pair reduction over `k` would not be).
    static func manhattanDistances(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws
        -> Matrix
    {
        try checkCompatible(a, b)
        let d = a.dimension
        let n = columns.count
        var out = Matrix(rows: rows.count, columns: n)
        if rows.isEmpty || n == 0 || d == 0 { return out }
        let width = 256
        var transposed = [Double](repeating: 0, count: d * width)
        a.points.scalars.withUnsafeBufferPointer { pa in
            b.points.scalars.withUnsafeBufferPointer { pb in
                out.scalars.withUnsafeMutableBufferPointer { po in
                    transposed.withUnsafeMutableBufferPointer { pt in
                        var start = 0
                        while start < n {
                            let w = min(width, n - start)
                            for k in 0..<d {
                                for j in 0..<w { pt[k * w + j] = pb[(columns.lowerBound + start + j) * d + k] }
                            }
                            for r in 0..<rows.count {
                                let row = pa.baseAddress! + (rows.lowerBound + r) * d
                                let acc = po.baseAddress! + r * n + start
                                for k in 0..<d {
                                    let x = row[k]
                                    let column = pt.baseAddress! + k * w
                                    for j in 0..<w { acc[j] += abs(x - column[j]) }
                                }
                            }
                            start += w
                        }
                    }
                }
            }
        }
        return out
    }
}

extension Matrix {
    /// Applies `transform` to every entry (the element-wise step after a kernel's matrix product).
    mutating func mapEntries(_ transform: (Double) -> Double) {
        scalars.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = transform(p[i]) }
        }
    }

    /// `exp(scale * entry)` for every entry, four at a time (`qk_exp_scaled`): the exponential is
    /// most of the cost of an RBF or Laplacian kernel matrix, and libm's is one value at a time.
    mutating func mapExponential(scale: Double) {
        scalars.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { qk_exp_scaled(base, p.count, scale) }
        }
    }
}
