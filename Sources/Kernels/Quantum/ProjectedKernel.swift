import LinearAlgebra
import QKSupport
import Simulation

/// The projected quantum kernel of Huang et al. (Nature Communications 12, 2631, 2021):
/// `k(x, y) = exp(-gamma sum_q ||rho_q(x) - rho_q(y)||_F^2)`, with `rho_q` the one-qubit reduced
/// density matrix of qubit `q` in the feature-map state.
///
/// Since `rho_q = (I + <X_q> X + <Y_q> Y + <Z_q> Z) / 2`, the distance is
/// `||rho_q - rho_q'||_F^2 = (1/2) sum_{P in X,Y,Z} (<P_q> - <P_q>')^2`: each state is reduced to
/// its 3n Pauli expectations (read from the state without copying it), and the kernel is a
/// Gaussian on those features.
public struct ProjectedKernel: Kernel {
    /// The feature map.
    public var featureMap: FeatureMap
    /// The Gaussian width.
    public var gamma: Double
    /// Threads for simulating points.
    public var parallelism: Parallelism

    /// Creates a projected kernel.
    public init(featureMap: FeatureMap, gamma: Double = 1, parallelism: Parallelism = Parallelism()) throws {
        guard gamma > 0, gamma.isFinite else { throw KernelError.invalidParameter("gamma must be positive, got \(gamma)") }
        self.featureMap = featureMap
        self.gamma = gamma
        self.parallelism = parallelism
    }

    /// The `N x 3n` matrix of `(<X_q>, <Y_q>, <Z_q>)` for every qubit `q` of every point.
    public func projectedFeatures(_ x: Matrix) throws -> Matrix {
        guard x.columns == featureMap.featureCount else {
            throw KernelError.shapeMismatch("\(featureMap.name) expects \(featureMap.featureCount) features, the data has \(x.columns) columns")
        }
        let n = featureMap.qubitCount
        let paulis = try (0..<n).flatMap { q in
            try ["X", "Y", "Z"].map { letter in
                try PauliString(String((0..<n).reversed().map { $0 == q ? Character(letter) : "I" }))
            }
        }
        var out = Matrix(rows: x.rows, columns: 3 * n)
        let policy = Parallelism(threads: parallelism.threads, minimumItems: 2)
        let map = featureMap
        try out.scalars.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let o = buffer
            try policy.forEachChunkThrowing(count: x.rows) { chunk in
                let state = try StateVector(qubitCount: n, parallelism: .serial)
                let simulator = Simulator(parallelism: .serial)
                for i in chunk {
                    try simulator.run(DiagonalFusion.fuse(map.circuit(for: x.row(i))), into: state)
                    for (k, p) in paulis.enumerated() { o[i * 3 * n + k] = try state.expectation(p) }
                }
            }
        }
        return out
    }

    /// `projected`.
    public var name: String { "projected" }

    /// `projected(zz, gamma=1.0)`.
    public var description: String { "projected(\(featureMap.name), gamma=\(gamma))" }

    /// Simulates every point once and keeps its 3n Pauli expectations.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(projectedFeatures(x)) }

    /// `exp(-gamma/2 ||r_x - r_y||^2)`: the RBF kernel on the expectation vectors.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        try RBFKernel(gamma: gamma / 2).block(a, rows: rows, b, columns: columns)
    }

    /// The symmetric tile, through the RBF kernel's `dsyrk` path.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        try RBFKernel(gamma: gamma / 2).symmetricBlock(a, rows: rows)
    }

    /// All ones.
    public func diagonal(_ a: PointBatch) throws -> [Double] { [Double](repeating: 1, count: a.count) }
}
