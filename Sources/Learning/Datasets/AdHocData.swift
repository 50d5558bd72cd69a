import Kernels
import LinearAlgebra
import Numerics
import QKSupport
import Simulation

/// Havlicek et al.'s "ad hoc" dataset (Nature 567, 2019), for any number of qubits: labels that the
/// ZZ feature map separates perfectly and that are hard to learn classically.
///
/// Points `x` are drawn uniformly from `[0, 2 pi)^n`. Each is encoded as
/// `|Phi(x)> = U(x) H U(x) H |0>` with `U(x) = exp(i sum_S phi_S(x) Z_S)`, `phi_i = x_i`,
/// `phi_ij = (pi - x_i)(pi - x_j)` over the entanglement's pairs (full by default), as in
/// qiskit-machine-learning's `ad_hoc_data`. With a random unitary `V` and the parity observable
/// `O = V^dagger Z...Z V`, a point is in class 0 when `<Phi(x)|O|Phi(x)> > gap`, in class 1 when it
/// is below `-gap`, and rejected otherwise, until each class has its count.
public struct AdHocData: Sendable {
    /// Training features, class 0 first then class 1.
    public var trainFeatures: Matrix
    /// Training labels (0 or 1).
    public var trainLabels: [Double]
    /// Test features.
    public var testFeatures: Matrix
    /// Test labels (0 or 1).
    public var testLabels: [Double]

    /// Generates `trainPerClass` and `testPerClass` points of each class on `qubits` qubits.
    public static func generate(
        qubits n: Int, trainPerClass: Int, testPerClass: Int, gap: Double, entanglement: Entanglement = .full,
        seed: UInt64
    ) throws -> AdHocData {
        guard (1...12).contains(n) else { throw InputError("ad hoc data needs 1 to 12 qubits, got \(n)") }
        guard trainPerClass >= 1, testPerClass >= 0 else { throw InputError("need at least one training point per class") }
        guard gap >= 0, gap < 1 else { throw InputError("gap must be in [0, 1), got \(gap)") }
        var rng = SeededGenerator(seed: seed)
        let v = randomUnitary(1 << n, using: &rng)
        // exp(i phi Z) = e^{i phi} e^{-2 i phi b}: the Pauli map with alpha = -2, up to global phase.
        let map = try FeatureMap(.pauli(["Z", "ZZ"]), qubits: n, reps: 2, entanglement: entanglement, alpha: -2)
        let state = try StateVector(qubitCount: n, parallelism: .serial)
        let simulator = Simulator(parallelism: .serial)
        let needed = trainPerClass + testPerClass
        var classes: [[[Double]]] = [[], []]
        var attempts = 0
        while classes[0].count < needed || classes[1].count < needed {
            attempts += 1
            if attempts > 1_000_000 {
                throw InputError("could not find enough points outside the gap \(gap) after 10^6 draws; lower --gap")
            }
            let x = (0..<n).map { _ in rng.uniform() * 2 * Double.pi }
            try simulator.run(map.circuit(for: x), into: state)
            let value = parityExpectation(state, v)
            if value > gap, classes[0].count < needed { classes[0].append(x) }
            if value < -gap, classes[1].count < needed { classes[1].append(x) }
        }
        let train = Array(classes[0][..<trainPerClass]) + Array(classes[1][..<trainPerClass])
        let test = Array(classes[0][trainPerClass...]) + Array(classes[1][trainPerClass...])
        func labels(_ k: Int) -> [Double] { [Double](repeating: 0, count: k) + [Double](repeating: 1, count: k) }
        return AdHocData(
            trainFeatures: Matrix(rows: train.count, columns: n, scalars: train.flatMap { $0 }),
            trainLabels: labels(trainPerClass),
            testFeatures: Matrix(rows: test.count, columns: n, scalars: test.flatMap { $0 }),
            testLabels: labels(testPerClass))
    }

    /// `<psi|V^dagger Z..Z V|psi> = sum_i |(V psi)_i|^2 (-1)^{popcount(i)}`.
    static func parityExpectation(_ psi: StateVector, _ v: [Complex<Double>]) -> Double {
        let d = psi.count
        var total = 0.0
        for i in 0..<d {
            var s = Complex<Double>.zero
            for j in 0..<d { s = s + v[i * d + j] * psi[j] }
            total += (i.nonzeroBitCount % 2 == 0 ? 1 : -1) * s.lengthSquared
        }
        return total
    }

    /// A Haar-random unitary (row-major) by Gram-Schmidt on a complex Gaussian matrix.
    static func randomUnitary(_ d: Int, using rng: inout SeededGenerator) -> [Complex<Double>] {
        var columns = (0..<d).map { _ in (0..<d).map { _ in Complex(rng.normal(), rng.normal()) } }
        for j in 0..<d {
            for k in 0..<j {
                let dot = zip(columns[k], columns[j]).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }
                columns[j] = zip(columns[j], columns[k]).map { $0 - dot * $1 }
            }
            let norm = columns[j].reduce(0) { $0 + $1.lengthSquared }.squareRoot()
            columns[j] = columns[j].map { $0.divided(by: norm) }
        }
        var u = [Complex<Double>](repeating: .zero, count: d * d)
        for r in 0..<d { for c in 0..<d { u[r * d + c] = columns[c][r] } }
        return u
    }
}
