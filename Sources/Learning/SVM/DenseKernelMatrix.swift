import Dispatch
import Kernels
import LinearAlgebra
import QKSupport

/// A whole N x N kernel matrix held in single precision, for SMO problems small enough that every
/// column fits in the memory the column cache would be allowed.
///
/// LIBSVM stores Q in `float` (`Qfloat`) and rounds every kernel value to it before the solver
/// sees it, so holding `Float(K)` loses nothing the cache would keep. What it saves: each value is
/// computed once (half of them, by symmetry, for a kernel evaluated on points), in large tiles
/// (one matrix product and one element-wise pass per tile, on every core) instead of one column
/// product per cache miss; and the cache's bookkeeping (LRU list, re-ordering every cached column
/// at each shrinking swap) disappears, since a column is gathered from its row on demand.
///
/// Row `s` holds `K[s, t]` for `t` in `0..<count`; the SMO solver reads column `s` of Q from row
/// `s`, as LIBSVM reads a precomputed kernel.
struct DenseKernelMatrix: Sendable {
    /// The entries, `K[s, t]` at `s * count + t`.
    enum Storage: Sendable {
        /// Computed here, already rounded to `Float`.
        case single([Float])
        /// A caller's precomputed matrix, read in place and rounded as columns are gathered
        /// (converting it up front would cost a pass and N^2 floats of memory).
        case double([Double])
    }

    /// Number of points.
    let count: Int
    /// The entries.
    let storage: Storage

    /// Whether an `n` x `n` matrix fits in `byteLimit` bytes.
    static func fits(count n: Int, byteLimit: Int) -> Bool {
        n > 0 && n <= byteLimit / MemoryLayout<Float>.size / n
    }

    /// A caller's kernel matrix (square), used as it is.
    init(precomputed k: Matrix) {
        count = k.rows
        storage = .double(k.scalars)
    }

    /// `Float(K[s, t])`.
    func value(_ s: Int, _ t: Int) -> Float {
        switch storage {
        case .single(let v): return v[s * count + t]
        case .double(let v): return Float(v[s * count + t])
        }
    }

    /// The kernel matrix of all points of `features`, exactly symmetric: the upper triangle is
    /// computed in tiles of rows (each tile one `block` call against the columns from its first
    /// row on), on `parallelism`'s threads, and mirrored.
    init<K: Kernel>(kernel: K, features: K.Features, parallelism: Parallelism) throws {
        let n = features.count
        count = n
        // Tiles of rows; the first tiles are the widest, so many small tiles balance the threads.
        let tile = 64
        let tiles = (n + tile - 1) / tile
        var errors = [Error?](repeating: nil, count: tiles)
        // Every entry is written by exactly one tile, so the storage is not zeroed first (a pass
        // over N^2 floats that would cost about as much as filling them).
        let storage = [Float](unsafeUninitializedCapacity: n * n) { g, initialized in
            errors.withUnsafeMutableBufferPointer { slots in
                // Tiles write disjoint entries: rows of the tile right of the diagonal, and their
                // mirror images (below the diagonal, in the tile's columns).
                nonisolated(unsafe) let out = g.baseAddress!
                nonisolated(unsafe) let failures = slots
                let work = { (t: Int) in
                    let r0 = t * tile
                    let r1 = min(n, r0 + tile)
                    do {
                        let block = try kernel.block(features, rows: r0..<r1, features, columns: r0..<n)
                        Self.store(block, rows: r0..<r1, count: n, into: out)
                    } catch {
                        failures[t] = error
                    }
                }
                // One thread per tile, each tile's product on its own thread.
                BLASThreads.serial {
                    if parallelism.threads > 1 && n >= 256 {
                        nonisolated(unsafe) let shared = work
                        DispatchQueue.concurrentPerform(iterations: tiles) { shared($0) }
                    } else {
                        for t in 0..<tiles { work(t) }
                    }
                }
            }
            initialized = n * n
        }
        if let first = errors.compactMap({ $0 }).first { throw first }
        self.storage = .single(storage)
    }

    /// Writes the upper-triangular part of `block` (rows `rows`, columns `rows.lowerBound..<n`)
    /// and its mirror image.
    private static func store(_ block: Matrix, rows: Range<Int>, count n: Int, into g: UnsafeMutablePointer<Float>) {
        let r0 = rows.lowerBound
        let width = n - r0
        block.scalars.withUnsafeBufferPointer { b in
            for r in rows {
                let source = b.baseAddress! + (r - r0) * width
                let row = g + r * n
                for c in r..<n { row[c] = Float(source[c - r0]) }
            }
            // Below the diagonal: row c (c > r), columns of the tile, from the rows just written.
            for c in (r0 + 1)..<n {
                let row = g + c * n
                for r in r0..<min(c, rows.upperBound) { row[r] = g[r * n + c] }
            }
        }
    }
}
