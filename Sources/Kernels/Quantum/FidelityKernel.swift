import COpenBLAS
import Dispatch
import LinearAlgebra
import QKSupport

/// The fidelity (quantum) kernel `k(x, y) = |<phi(x)|phi(y)>|^2` of a feature map.
///
/// Computed the way it should be on a classical machine: simulate each data point once, stack
/// the states as rows of `Psi`, and take one BLAS product, `G = Psi Psi^H` for a training matrix
/// (only its upper triangle formed) or `Phi Psi^H` against test points, through ZHERK and ZGEMM on
/// bands of rows; then `K = |G|^2` entry-wise. Never N^2 compute-uncompute circuits.
///
/// `gram` and `cross` are tiled: when the states of all points would exceed `memoryBudget` bytes,
/// rows are taken in tiles and each pair of tiles is one BLAS call, so memory stays bounded however
/// large N is (and tiles are the unit a distributed version would hand to ranks).
///
/// With `shots`, each entry is replaced by a binomial estimate `B(M, k)/M`, what a device running
/// the compute-uncompute circuit M times would report. The draw for entry `(i, j)` comes from a
/// generator seeded by `seed` and the pair's indices, so any tile, column or whole matrix gives
/// the same value for the same entry, and the training matrix is symmetric. `duplicates` decides
/// which entries are exactly 1, as qiskit-machine-learning's `evaluate_duplicates`.
public struct FidelityKernel: Kernel {
    /// Which entries between identical inputs are estimated rather than set to 1.
    public enum DuplicateEvaluation: String, Sendable, Codable, CaseIterable {
        /// Estimate everything, the diagonal included.
        case all
        /// Estimate all but the training diagonal, which is exactly 1 (Qiskit's default).
        case offDiagonal = "off_diagonal"
        /// Entries between identical data points, on or off the diagonal, are exactly 1.
        case none
    }

    /// The feature map whose states define the kernel.
    public var featureMap: FeatureMap
    /// Shots per entry, or nil for the exact kernel.
    public var shots: Int?
    /// Seed of the shot noise.
    public var seed: UInt64
    /// Duplicate handling for shot estimates.
    public var duplicates: DuplicateEvaluation
    /// Whether `gram` projects a shot-noisy training matrix onto the PSD cone (eigenvalue clipping).
    public var repairPSD: Bool
    /// Bytes of states held at once by `gram` and `cross`.
    public var memoryBudget: Int
    /// Threads for simulating points (BLAS uses its own).
    public var parallelism: Parallelism
    /// How the states are simulated (batched in SIMD lanes where the map allows it, by default).
    public var simulationMode: StateBatch.Mode = .automatic

    /// Creates a fidelity kernel.
    public init(
        featureMap: FeatureMap, shots: Int? = nil, seed: UInt64 = 0, duplicates: DuplicateEvaluation = .offDiagonal,
        repairPSD: Bool = false, memoryBudget: Int = 1 << 30, parallelism: Parallelism = Parallelism()
    ) throws {
        if let shots, shots < 1 { throw KernelError.invalidParameter("shots must be at least 1, got \(shots)") }
        guard memoryBudget >= 1 << 16 else { throw KernelError.invalidParameter("memory budget is too small") }
        self.featureMap = featureMap
        self.shots = shots
        self.seed = seed
        self.duplicates = duplicates
        self.repairPSD = repairPSD
        self.memoryBudget = memoryBudget
        self.parallelism = parallelism
    }

    /// The feature map's name, e.g. `zz`.
    public var name: String { featureMap.name }

    /// `zz(reps=2, entanglement=full, alpha=2.0, shots=1000)`.
    public var description: String {
        "\(featureMap.name)(qubits=\(featureMap.qubitCount), reps=\(featureMap.reps), alpha=\(featureMap.alpha)"
            + (shots.map { ", shots=\($0)" } ?? "") + ")"
    }

    /// Simulates every point once.
    public func features(_ x: Matrix) throws -> StateBatch {
        try StateBatch.simulate(featureMap, data: x, rows: 0..<x.rows, parallelism: parallelism, mode: simulationMode)
    }

    /// One tile, `|A[rows] B[columns]^H|^2`.
    public func block(_ a: StateBatch, rows: Range<Int>, _ b: StateBatch, columns: Range<Int>) throws -> Matrix {
        var k = Self.squaredOverlaps(a, rows: rows, b, columns: columns, threads: parallelism.threads)
        if shots != nil { addShotNoise(&k, a, rows: rows, b, columns: columns) }
        return k
    }

    /// The tile of a batch with itself, `|A[rows] A[rows]^H|^2`, exactly symmetric.
    public func symmetricBlock(_ a: StateBatch, rows: Range<Int>) throws -> Matrix {
        var k = Self.squaredOverlaps(a, rows: rows, threads: parallelism.threads)
        if shots != nil { addShotNoise(&k, a, rows: rows, a, columns: rows) }
        return k
    }

    /// All ones: `|<phi|phi>|^2 = 1`, and a binomial draw with p = 1 is always M.
    public func diagonal(_ a: StateBatch) throws -> [Double] { [Double](repeating: 1, count: a.count) }

    /// The symmetric `N x N` training matrix of the rows of `x`, tiled to the memory budget.
    public func gram(_ x: Matrix) throws -> Matrix {
        let n = x.rows
        let tile = tileRows
        if n <= tile {
            // One tile: its product is the matrix, with no N x N zero-fill and copy around it.
            let states = try StateBatch.simulate(featureMap, data: x, rows: 0..<n, parallelism: parallelism, mode: simulationMode)
            var k = try symmetricBlock(states, rows: 0..<n)
            if shots != nil && repairPSD { k = try Self.clipNegativeEigenvalues(k) }
            return k
        }
        var k = Matrix(rows: n, columns: n)
        for i0 in stride(from: 0, to: n, by: tile) {
            let a = try StateBatch.simulate(featureMap, data: x, rows: i0..<min(n, i0 + tile), parallelism: parallelism, mode: simulationMode)
            k.setBlock(try symmetricBlock(a, rows: 0..<a.count), row: i0, column: i0)
            for j0 in stride(from: i0 + tile, to: n, by: tile) {
                let b = try StateBatch.simulate(featureMap, data: x, rows: j0..<min(n, j0 + tile), parallelism: parallelism, mode: simulationMode)
                let block = try block(a, rows: 0..<a.count, b, columns: 0..<b.count)
                k.setBlock(block, row: i0, column: j0)
                k.setBlock(block.transposed, row: j0, column: i0)
            }
        }
        if shots != nil && repairPSD { k = try Self.clipNegativeEigenvalues(k) }
        return k
    }

    /// The `M x N` matrix between test rows and training rows, tiled to the memory budget.
    public func cross(_ test: Matrix, _ train: Matrix) throws -> Matrix {
        var k = Matrix(rows: test.rows, columns: train.rows)
        let tile = tileRows
        for i0 in stride(from: 0, to: test.rows, by: tile) {
            let a = try StateBatch.simulate(featureMap, data: test, rows: i0..<min(test.rows, i0 + tile), parallelism: parallelism, mode: simulationMode)
            for j0 in stride(from: 0, to: train.rows, by: tile) {
                let b = try StateBatch.simulate(featureMap, data: train, rows: j0..<min(train.rows, j0 + tile), parallelism: parallelism, mode: simulationMode)
                k.setBlock(try block(a, rows: 0..<a.count, b, columns: 0..<b.count), row: i0, column: j0)
            }
        }
        return k
    }

    /// Rows of states per tile so that two tiles fit the budget.
    var tileRows: Int { max(1, memoryBudget / (2 * 16 << featureMap.qubitCount)) }

    /// Rows of `A` per ZGEMM call in `squaredOverlaps`. Each call's complex product (`tile x n`)
    /// goes through one scratch buffer, kept near half a megabyte so that it stays in cache while
    /// its squared moduli are taken, instead of a full complex matrix twice the size of the result
    /// beside it (at N = 800 and 8 qubits, that matrix's page faults, single-threaded pass and
    /// unmapping had cost a third as much as the product). But every call streams all of `B`
    /// through OpenBLAS's packing again, so for long states the tile grows with the dimension
    /// (at 12 qubits, 32-row tiles re-read 2000 states of 64 KB each from memory 60 times and
    /// fell from 91% to 79% of the ZGEMM peak).
    static func productRowTile(columns: Int, dimension: Int) -> Int {
        min(256, max(32, (1 << 15) / max(1, columns), dimension / 16))
    }

    /// `|A[rows] B[columns]^H|^2` through ZGEMM, a tile of rows at a time; with `threads > 1` and
    /// two tiles or more per thread, the tiles are shared out as in `squaredOverlaps(_:rows:threads:)`.
    static func squaredOverlaps(_ a: StateBatch, rows: Range<Int>, _ b: StateBatch, columns: Range<Int>, threads: Int = 1) -> Matrix {
        let m = rows.count, n = columns.count
        guard m > 0 && n > 0 else { return Matrix(rows: m, columns: n) }
        let tile = productRowTile(columns: n, dimension: a.dimension)
        let bands = (m + tile - 1) / tile
        let scalars = [Double](unsafeUninitializedCapacity: m * n) { k, count in
            FreshMemory.prepare(k)
            nonisolated(unsafe) let out = k.baseAddress!
            // Equal tiles: worker t takes every workers-th one.
            shareBands(bands, threads: threads) { t, workers in
                var scratch = [Double](unsafeUninitializedCapacity: 2 * min(tile, m) * n) { _, count in count = 2 * min(tile, m) * n }
                for band in stride(from: t, to: bands, by: workers) {
                    let i0 = band * tile, h = min(tile, m - i0)
                    zgemm(a, rows: (rows.lowerBound + i0)..<(rows.lowerBound + i0 + h), b, columns: columns, into: &scratch, at: 0, stride: n)
                    scratch.withUnsafeBufferPointer { g in
                        for e in 0..<(h * n) {
                            let re = g[2 * e], im = g[2 * e + 1]
                            out[i0 * n + e] = re * re + im * im
                        }
                    }
                }
            }
            count = m * n
        }
        return Matrix(rows: m, columns: n, scalars: scalars)
    }

    /// `|A[rows] A[rows]^H|^2` on tiles of rows: each tile's products with itself (ZHERK, its upper
    /// triangle) and with the rows after it (ZGEMM) fill one scratch row block; every entry below
    /// the diagonal is taken from its mirror, so the result is exactly symmetric.
    ///
    /// With `threads > 1` the bands are dealt to that many threads, each running single-threaded
    /// BLAS on its bands with its own scratch: each band's squared moduli and mirror
    /// are then taken in parallel too, and OpenBLAS's workers do not spin on the other core between
    /// its calls (at N = 800 and 8 qubits they had taken an eighth of the process's CPU time). The
    /// bands write disjoint entries: band `i` the upper-triangle entries of its rows and the lower
    /// ones of its columns.
    static func squaredOverlaps(_ a: StateBatch, rows: Range<Int>, threads: Int = 1) -> Matrix {
        let m = rows.count
        guard m > 0 else { return Matrix(rows: 0, columns: 0) }
        let tile = productRowTile(columns: m, dimension: a.dimension)
        let bands = (m + tile - 1) / tile
        let scalars = [Double](unsafeUninitializedCapacity: m * m) { k, count in
            FreshMemory.prepare(k)
            nonisolated(unsafe) let out = k.baseAddress!
            // Worker t takes the bands dealt to it in a snake order (t, 2T - 1 - t, 2T + t, ...),
            // which evens out the work of bands that narrow from first to last.
            shareBands(bands, threads: threads) { t, workers in
                var scratch = [Double](unsafeUninitializedCapacity: 2 * min(tile, m) * m) { _, count in count = 2 * min(tile, m) * m }
                for band in 0..<bands where (band / workers) % 2 == 0 ? band % workers == t : band % workers == workers - 1 - t {
                    fillBand(a, rows: rows, from: band * tile, height: min(tile, m - band * tile), scratch: &scratch, into: out)
                }
            }
            count = m * m
        }
        return Matrix(rows: m, columns: m, scalars: scalars)
    }

    /// Runs `work(worker, workers)` for each worker of a banded product: on the calling thread alone
    /// (OpenBLAS threading each call) when there are fewer than two bands per thread, since dealing
    /// so few out leaves one thread most of the work; else on `threads` threads, BLAS single-threaded.
    private static func shareBands(_ bands: Int, threads: Int, _ work: @Sendable (_ worker: Int, _ workers: Int) -> Void) {
        let workers = bands >= 2 * threads ? max(1, threads) : 1
        if workers == 1 {
            work(0, 1)
            return
        }
        BLASThreads.serial { DispatchQueue.concurrentPerform(iterations: workers) { work($0, workers) } }
    }

    /// Band `i0 ..< i0 + h` of `squaredOverlaps(a, rows:)`: its rows from the diagonal on, and
    /// their mirror in its columns, into the `m x m` row-major `k`.
    private static func fillBand(
        _ a: StateBatch, rows: Range<Int>, from i0: Int, height h: Int, scratch: inout [Double], into k: UnsafeMutablePointer<Double>
    ) {
        let m = rows.count, w = m - i0
        let tileRows = (rows.lowerBound + i0)..<(rows.lowerBound + i0 + h)
        zherk(a, rows: tileRows, into: &scratch, stride: w)
        if w > h { zgemm(a, rows: tileRows, a, columns: tileRows.upperBound..<rows.upperBound, into: &scratch, at: h, stride: w) }
        scratch.withUnsafeBufferPointer { g in
            // Rows of the tile, from the diagonal on.
            for r in 0..<h {
                for c in r..<w {
                    let re = g[2 * (r * w + c)], im = g[2 * (r * w + c) + 1]
                    k[(i0 + r) * m + i0 + c] = re * re + im * im
                }
            }
            // Their mirror: column c of the tile becomes a contiguous piece of row i0 + c.
            for c in 1..<w {
                let row = (i0 + c) * m + i0
                for r in 0..<min(h, c) {
                    let re = g[2 * (r * w + c)], im = g[2 * (r * w + c) + 1]
                    k[row + r] = re * re + im * im
                }
            }
        }
    }

    /// `A[rows] B[columns]^H` (one ZGEMM) into `c`, row-major with `stride` complex numbers per
    /// row, from complex column `at` of its first row.
    private static func zgemm(
        _ a: StateBatch, rows: Range<Int>, _ b: StateBatch, columns: Range<Int>, into c: inout [Double], at column: Int, stride: Int
    ) {
        let m = rows.count, n = columns.count, d = a.dimension
        precondition(column + n <= stride && c.count >= 2 * ((m - 1) * stride + column + n))
        var one = (1.0, 0.0), zero = (0.0, 0.0)
        a.amplitudes.withUnsafeBufferPointer { pa in
            b.amplitudes.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    qk_cblas_zgemm(
                        CblasRowMajor, CblasNoTrans, CblasConjTrans, Int32(m), Int32(n), Int32(d), &one,
                        pa.baseAddress! + 2 * rows.lowerBound * d, Int32(d), pb.baseAddress! + 2 * columns.lowerBound * d,
                        Int32(d), &zero, pc.baseAddress! + 2 * column, Int32(stride))
                }
            }
        }
    }

    /// The upper triangle of `A[rows] A[rows]^H` (one ZHERK) into `c`, row-major with `stride`
    /// complex numbers per row; the entries below the diagonal are left as they were.
    private static func zherk(_ a: StateBatch, rows: Range<Int>, into c: inout [Double], stride: Int) {
        let m = rows.count, d = a.dimension
        precondition(m <= stride && c.count >= 2 * ((m - 1) * stride + m))
        a.amplitudes.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                qk_cblas_zherk(
                    CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(d), 1, pa.baseAddress! + 2 * rows.lowerBound * d,
                    Int32(d), 0, pc.baseAddress, Int32(stride))
            }
        }
    }

    /// Replaces each exact entry of a tile by its shot estimate.
    private func addShotNoise(_ k: inout Matrix, _ a: StateBatch, rows: Range<Int>, _ b: StateBatch, columns: Range<Int>) {
        guard let shots else { return }
        let sameData = a.source == b.source
        for r in 0..<k.rows {
            let i = a.firstRow + rows.lowerBound + r
            for c in 0..<k.columns {
                let j = b.firstRow + columns.lowerBound + c
                let exact: Bool
                switch duplicates {
                case .all: exact = false
                case .offDiagonal: exact = sameData && i == j
                case .none: exact = (sameData && i == j) || Self.sameRow(a.points, rows.lowerBound + r, b.points, columns.lowerBound + c)
                }
                if exact {
                    k[r, c] = 1
                    continue
                }
                // One generator per entry, keyed by the unordered pair for a training matrix.
                let (u, v) = sameData ? (UInt64(min(i, j)), UInt64(max(i, j))) : (UInt64(i), UInt64(j))
                let pairKey: UInt64 = (u &* 0x9E37_79B9_7F4A_7C15) ^ (v &* 0xC2B2_AE3D_27D4_EB4F)
                let kindKey: UInt64 = sameData ? 0 : 0x5851_F42D_4C95_7F2D
                var rng = SeededGenerator(seed: seed ^ pairKey ^ kindKey)
                k[r, c] = Double(rng.binomial(trials: shots, probability: min(max(k[r, c], 0), 1))) / Double(shots)
            }
        }
    }

    /// Whether row `i` of `a` equals row `j` of `b`, without copying either (this runs per entry).
    private static func sameRow(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Bool {
        for k in 0..<a.columns where a[i, k] != b[j, k] { return false }
        return true
    }

    /// The nearest PSD matrix in Frobenius norm: eigen-decompose and clip negative eigenvalues.
    public static func clipNegativeEigenvalues(_ k: Matrix) throws -> Matrix {
        let (values, vectors) = try k.symmetricEigen()
        let clipped = Matrix.diagonal(values.map { max($0, 0) })
        var result = vectors * clipped * vectors.transposed
        for i in 0..<result.rows { for j in 0..<i { result[i, j] = result[j, i] } }
        return result
    }
}

extension Matrix {
    /// Copies `block` into `self` with its top-left corner at `(row, column)`.
    mutating func setBlock(_ block: Matrix, row: Int, column: Int) {
        for r in 0..<block.rows {
            for c in 0..<block.columns { self[row + r, column + c] = block[r, c] }
        }
    }
}
