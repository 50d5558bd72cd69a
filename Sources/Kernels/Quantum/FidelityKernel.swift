import CGSL
import COpenBLAS
import LinearAlgebra
import QKSupport

/// The fidelity (quantum) kernel `k(x, y) = |<phi(x)|phi(y)>|^2` of a feature map.
///
/// Computed the way it should be on a classical machine: simulate each data point once, stack
/// the states as rows of `Psi`, and take one BLAS product, `G = Psi Psi^H` (ZHERK: only the upper
/// triangle is formed) for a training matrix or `Phi Psi^H` (ZGEMM) against test points; then
/// `K = |G|^2` entry-wise. Never N^2 compute-uncompute circuits.
///
/// The work is tiled: when the states of all points would exceed `memoryBudget` bytes, rows are
/// taken in tiles and each pair of tiles is one BLAS call, so memory stays bounded however large N
/// is (and tiles are the unit a distributed version would hand to ranks).
///
/// With `shots`, each entry is replaced by a binomial estimate `B(M, k)/M` (what a device running
/// the compute-uncompute circuit M times would report), drawn from a generator seeded by `seed`;
/// the matrix stays symmetric, and `duplicates` decides which entries are taken as exactly 1, as
/// in qiskit-machine-learning's `evaluate_duplicates`.
public struct FidelityKernel: Sendable {
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
    /// Whether to project a shot-noisy training matrix onto the PSD cone (eigenvalue clipping).
    public var repairPSD: Bool
    /// Bytes of states held at once.
    public var memoryBudget: Int
    /// Threads for simulating points (BLAS uses its own).
    public var parallelism: Parallelism

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

    /// Rows of states per tile so that two tiles fit the budget.
    var tileRows: Int { max(1, memoryBudget / (2 * 16 << featureMap.qubitCount)) }

    /// The symmetric `N x N` training matrix of the rows of `x`.
    public func gram(_ x: Matrix) throws -> Matrix {
        let n = x.rows
        var k = Matrix(rows: n, columns: n)
        let tile = tileRows
        for i0 in stride(from: 0, to: n, by: tile) {
            let rowsA = i0..<min(n, i0 + tile)
            let a = try StateBatch.simulate(featureMap, data: x, rows: rowsA, parallelism: parallelism)
            Self.herk(a, into: &k, at: i0)
            for j0 in stride(from: rowsA.upperBound, to: n, by: tile) {
                let rowsB = j0..<min(n, j0 + tile)
                let b = try StateBatch.simulate(featureMap, data: x, rows: rowsB, parallelism: parallelism)
                Self.gemm(a, b, into: &k, row: i0, column: j0)
            }
        }
        for i in 0..<n { for j in 0..<i { k[i, j] = k[j, i] } }
        if let shots {
            sampleShots(&k, shots: shots, symmetric: true, identical: identicalPairs(x, x))
            if repairPSD { k = try Self.clipNegativeEigenvalues(k) }
        }
        return k
    }

    /// The `M x N` matrix between test rows and training rows.
    public func cross(_ test: Matrix, _ train: Matrix) throws -> Matrix {
        var k = Matrix(rows: test.rows, columns: train.rows)
        let tile = tileRows
        for i0 in stride(from: 0, to: test.rows, by: tile) {
            let a = try StateBatch.simulate(featureMap, data: test, rows: i0..<min(test.rows, i0 + tile), parallelism: parallelism)
            for j0 in stride(from: 0, to: train.rows, by: tile) {
                let b = try StateBatch.simulate(featureMap, data: train, rows: j0..<min(train.rows, j0 + tile), parallelism: parallelism)
                Self.gemm(a, b, into: &k, row: i0, column: j0)
            }
        }
        if let shots { sampleShots(&k, shots: shots, symmetric: false, identical: identicalPairs(test, train)) }
        return k
    }

    /// `K[i0.., i0..] = |A A^H|^2` (upper triangle) through ZHERK.
    static func herk(_ a: StateBatch, into k: inout Matrix, at i0: Int) {
        let m = a.count
        var c = [Double](repeating: 0, count: 2 * m * m)
        a.amplitudes.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_zherk(
                    CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(a.dimension), 1, pa.baseAddress,
                    Int32(a.dimension), 0, pc.baseAddress, Int32(m))
            }
        }
        for i in 0..<m {
            for j in i..<m {
                let re = c[2 * (i * m + j)], im = c[2 * (i * m + j) + 1]
                k[i0 + i, i0 + j] = re * re + im * im
            }
        }
    }

    /// `K[i0.., j0..] = |A B^H|^2` through ZGEMM.
    static func gemm(_ a: StateBatch, _ b: StateBatch, into k: inout Matrix, row i0: Int, column j0: Int) {
        let m = a.count, n = b.count
        var c = [Double](repeating: 0, count: 2 * m * n)
        var one = (1.0, 0.0), zero = (0.0, 0.0)
        a.amplitudes.withUnsafeBufferPointer { pa in
            b.amplitudes.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_zgemm(
                        CblasRowMajor, CblasNoTrans, CblasConjTrans, Int32(m), Int32(n), Int32(a.dimension), &one,
                        pa.baseAddress, Int32(a.dimension), pb.baseAddress, Int32(b.dimension), &zero, pc.baseAddress,
                        Int32(n))
                }
            }
        }
        for i in 0..<m {
            for j in 0..<n {
                let re = c[2 * (i * n + j)], im = c[2 * (i * n + j) + 1]
                k[i0 + i, j0 + j] = re * re + im * im
            }
        }
    }

    /// Pairs (i, j) whose data rows are identical.
    private func identicalPairs(_ a: Matrix, _ b: Matrix) -> Set<[Int]> {
        var rowsOfB: [[Double]: [Int]] = [:]
        for j in 0..<b.rows { rowsOfB[b.row(j), default: []].append(j) }
        var pairs = Set<[Int]>()
        for i in 0..<a.rows { for j in rowsOfB[a.row(i)] ?? [] { pairs.insert([i, j]) } }
        return pairs
    }

    /// GSL's Mersenne Twister, looked up in GSL's table of generator types (the global variable
    /// that names it directly is not concurrency-safe to Swift).
    static var generatorType: UnsafePointer<gsl_rng_type> {
        var entry = gsl_rng_types_setup()!
        while let type = entry.pointee {
            if String(cString: type.pointee.name) == "mt19937" { return type }
            entry += 1
        }
        fatalError("GSL has no mt19937 generator")
    }

    /// Replaces each entry by a binomial estimate with `shots` trials, seeded and in a fixed order.
    private func sampleShots(_ k: inout Matrix, shots: Int, symmetric: Bool, identical: Set<[Int]>) {
        let rng = gsl_rng_alloc(Self.generatorType)
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
        for i in 0..<k.rows {
            for j in (symmetric ? i : 0)..<k.columns {
                let isDiagonal = symmetric && i == j
                let exact: Bool
                switch duplicates {
                case .all: exact = false
                case .offDiagonal: exact = isDiagonal
                case .none: exact = isDiagonal || identical.contains([i, j])
                }
                let p = min(max(k[i, j], 0), 1)
                let value = exact ? 1 : Double(gsl_ran_binomial(rng, p, UInt32(shots))) / Double(shots)
                k[i, j] = value
                if symmetric { k[j, i] = value }
            }
        }
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
