import Kernels
import LinearAlgebra

/// Kernel values among the training points of one binary sub-problem, fetched a column at a time
/// so that a large training set never needs its full N x N matrix.
///
/// Points are numbered `0..<count` in sub-problem order. A column comes either from a precomputed
/// matrix or from a ``Kernel`` evaluated on demand as a tile (`block`) against the points' features,
/// which were prepared once for the whole training set.
struct SubproblemKernel {
    /// Number of points.
    let count: Int
    /// `K[s, s]` for every point.
    let diagonal: [Double]
    /// `K[s, t]` for every `t` in `0..<count`.
    let column: (_ s: Int) throws -> [Double]
    /// When set, every value is already in a dense matrix: point `s` is its row/column
    /// `dense.indices[s]`, and ``SVCQMatrix`` gathers columns from it instead of caching them.
    let dense: (matrix: DenseKernelMatrix, indices: [Int])?

    init(
        count: Int, diagonal: [Double], column: @escaping (_ s: Int) throws -> [Double],
        dense: (matrix: DenseKernelMatrix, indices: [Int])? = nil
    ) {
        self.count = count
        self.diagonal = diagonal
        self.column = column
        self.dense = dense
    }

    /// Entries of a dense single-precision matrix, sub-problem point `s` being row/column
    /// `indices[s]`; `diagonal` holds the full-precision `K[s, s]` of the sub-problem's points.
    static func dense(_ k: DenseKernelMatrix, indices: [Int], diagonal: [Double]) -> SubproblemKernel {
        SubproblemKernel(
            count: indices.count, diagonal: diagonal,
            column: { s in
                let row = indices[s]
                return indices.map { Double(k.value(row, $0)) }
            }, dense: (k, indices))
    }

    /// Entries of a precomputed matrix, sub-problem point `s` being row/column `indices[s]`.
    /// Column `s` is read from row `indices[s]`, as LIBSVM reads a precomputed kernel.
    static func precomputed(_ k: Matrix, indices: [Int]) -> SubproblemKernel {
        SubproblemKernel(
            count: indices.count, diagonal: indices.map { k[$0, $0] },
            column: { s in
                let row = indices[s] * k.columns
                return indices.map { k.scalars[row + $0] }
            })
    }

    /// Entries of `kernel` among prepared points: the sub-problem's points are the points in
    /// `ranges` of `features`, concatenated in order (one range per class of the pair).
    static func tiles<K: Kernel>(_ kernel: K, features: K.Features, diagonal: [Double], ranges: [Range<Int>])
        -> SubproblemKernel
    {
        let positions = ranges.flatMap { Array($0) }
        return SubproblemKernel(
            count: positions.count, diagonal: positions.map { diagonal[$0] },
            column: { s in
                let p = positions[s]
                var values = [Double]()
                values.reserveCapacity(positions.count)
                for range in ranges {
                    values += try kernel.block(features, rows: range, features, columns: p..<p + 1).scalars
                }
                return values
            })
    }

    /// The sub-problem made of points `indices` of this one (used for cross-validation folds).
    func restricted(to indices: [Int]) -> SubproblemKernel {
        if let dense {
            return .dense(dense.matrix, indices: indices.map { dense.indices[$0] }, diagonal: indices.map { diagonal[$0] })
        }
        let parent = column
        return SubproblemKernel(
            count: indices.count, diagonal: indices.map { diagonal[$0] },
            column: { s in
                let full = try parent(indices[s])
                return indices.map { full[$0] }
            })
    }
}
