import CircuitIR
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Gate fusion planned with the single-precision cost models (what `qksim simulate --precision
/// single` uses): the plans are exact in double (fused == unfused to 1e-12, like every plan), and
/// a complex64 run of the fused circuit agrees with the unfused double state within the bounds
/// of `SinglePrecisionTests` (1e-5 per amplitude, fidelity 1 - 1e-6), on 5-16 qubits, every block
/// size, 1 and 2 threads, so the fused blocks run through every layout of the dense kernel.
@Suite struct SinglePrecisionFusionTests {
    /// The two single-precision models, and the same replaying blocks at any size (by default from
    /// 16 qubits), so that these small circuits run through the replay kernel too.
    static let models: [FusionCostModel] = [1, 2].flatMap { threads -> [FusionCostModel] in
        var replaying = FusionCostModel.avx2(threads: threads, precision: .single)
        replaying.sequenceMinimumQubits = 1
        return [.avx2(threads: threads, precision: .single), replaying]
    }

    @Test func singlePrecisionModelsPriceEveryPassBelowDouble() {
        for threads in [1, 2] {
            let single = FusionCostModel.avx2(threads: threads, precision: .single)
            let double = FusionCostModel.avx2(threads: threads)
            #expect(FusionCostModel.avx2(threads: threads, precision: .double) == double)
            #expect(single != double)
            let pairs: [(Double, Double)] = [
                (single.matrix1, double.matrix1), (single.controlledMatrix1, double.controlledMatrix1),
                (single.matrix2, double.matrix2), (single.swap, double.swap), (single.phase, double.phase),
                (single.diagonal, double.diagonal),
            ] + (1...StateVector.maxDenseMatrixQubits).map { (single.denseCost(qubits: $0), double.denseCost(qubits: $0)) }
            for (s, d) in pairs { #expect(s > 0 && s < d, "threads \(threads): \(s) vs \(d)") }
            // Wider blocks cost more: the fuser needs that to trade passes for work.
            for k in 2...StateVector.maxDenseMatrixQubits { #expect(single.denseCost(qubits: k) > single.denseCost(qubits: k - 1)) }
        }
    }

    @Test(arguments: [5, 9, 12, 16])
    func fusedPlansAreExactAndAgreeInSinglePrecision(qubits n: Int) throws {
        let circuit = FusionTestCircuits.random(qubits: n, gates: 10 * n, seed: UInt64(300 + n))
        let reference = try Simulator().statevector(circuit)
        for k in 1...StateVector.maxDenseMatrixQubits {
            for (m, model) in Self.models.enumerated() {
                let fused = GateFusion.fuse(DiagonalFusion.fuse(circuit), maxQubits: k, costModel: model)
                let exact = try Simulator().statevector(fused)
                #expect(FusionTestCircuits.distance(exact, reference) < 1e-12, "n \(n), k \(k), model \(m)")
                for threads in [1, 2] {
                    let sim = Simulator(parallelism: Parallelism(threads: threads, minimumItems: 1 << 6))
                    let s = try sim.singlePrecisionStatevector(fused)
                    let fidelity = s.fidelity(with: reference) / s.squaredNorm
                    let worst = (0..<reference.count).map { (s.amplitude($0) - reference[$0]).length }.nanPropagatingMax()
                    #expect(fidelity >= 1 - 1e-6 && worst <= 1e-5, "n \(n), k \(k), model \(m), threads \(threads): \(worst)")
                }
            }
        }
    }
}
