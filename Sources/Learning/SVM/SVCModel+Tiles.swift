import Dispatch
import Kernels
import LinearAlgebra
import QKSupport

// Kernel values between many test points and the support vectors, in tiles of test rows.
//
// Prediction on M points needs the M x nSV kernel matrix; for classical kernels (points as
// features) with enough rows, it is computed in tiles of rows on every core, each tile one `block`
// against all support vectors, and used at once (decision values) or copied into place (cross).
// Quantum kernels keep their own `cross`, which tiles states to a memory budget and threads the
// simulations itself.
extension SVCModel {
    /// Rows per tile: 256 rows against a few thousand support vectors is a few MB.
    static let tileRows = 256

    /// Calls `body(rows, K[rows, :])` for tiles of the rows of `test` against all rows of `train`,
    /// concurrently (tiles are disjoint, so `body` may write per-row results in place).
    static func forEachKernelTile<K: Kernel>(
        _ k: K, _ test: Matrix, _ train: Matrix, parallelism: Parallelism = Parallelism(),
        _ body: (Range<Int>, Matrix) -> Void
    ) throws {
        let tile = tileRows
        guard K.Features.self == PointBatch.self, parallelism.threads > 1, test.rows >= 2 * tile, train.rows > 0 else {
            // One thread asked for: BLAS too.
            let all = parallelism.threads == 1 ? try BLASThreads.serial { try k.cross(test, train) } : try k.cross(test, train)
            body(0..<test.rows, all)
            return
        }
        let a = try k.features(test)
        let b = try k.features(train)
        let (m, n) = (test.rows, train.rows)
        let tiles = (m + tile - 1) / tile
        var errors = [Error?](repeating: nil, count: tiles)
        errors.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let work = body
                nonisolated(unsafe) let failures = slots
                BLASThreads.serial {
                    DispatchQueue.concurrentPerform(iterations: tiles) { t in
                        let rows = t * tile..<min(m, (t + 1) * tile)
                        do {
                            work(rows, try k.block(a, rows: rows, b, columns: 0..<n))
                        } catch {
                            failures[t] = error
                        }
                    }
                }
            }
        }
        if let first = errors.compactMap({ $0 }).first { throw first }
    }

    /// `k.cross(test, train)`, through ``forEachKernelTile(_:_:_:parallelism:_:)``.
    static func cross<K: Kernel>(_ k: K, _ test: Matrix, _ train: Matrix, parallelism: Parallelism) throws -> Matrix {
        var out = Matrix(rows: test.rows, columns: train.rows)
        let n = train.rows
        try out.scalars.withUnsafeMutableBufferPointer { o in
            nonisolated(unsafe) let target = o.baseAddress!
            try forEachKernelTile(k, test, train, parallelism: parallelism) { rows, block in
                block.scalars.withUnsafeBufferPointer { source in
                    (target + rows.lowerBound * n).update(from: source.baseAddress!, count: rows.count * n)
                }
            }
        }
        return out
    }
}
