import CircuitIR
import Foundation
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Qiskit's exact statevectors for the reference circuits (QFT, random depth-20, ZZ feature map at
/// 4, 8 and 12 qubits), from shared/reference/circuits: fidelity >= 1 - 1e-10 with every
/// instruction set available here.
@Suite struct ReferenceCircuitTests {
    static let names = ["qft", "random_d20", "zzfm_full_r2"].flatMap { f in [4, 8, 12].map { "\(f)_n\($0)" } }

    static func fixture(_ file: String) -> String { Bundle.module.resourcePath! + "/Fixtures/reference/" + file }

    @Test(arguments: names)
    func matchesQiskitStatevector(name: String) throws {
        let circuit = try QASMProgram.parse(contentsOf: Self.fixture(name + ".qasm")).circuit()
        let reference = try NPY.read(Self.fixture(name + ".npy"))
        let expected = try StateVector(interleaved: reference.scalars)
        for isa in InstructionSet.allCases where isa != .best && isa.isAvailable {
            let state = try Simulator(instructionSet: isa).statevector(circuit)
            #expect(state.fidelity(with: expected) >= 1 - 1e-10, "\(name) with \(isa)")
            #expect(isClose(state.squaredNorm, 1, absolute: 1e-12))
        }
        // Fusing the diagonal runs changes nothing.
        let fused = try Simulator().statevector(DiagonalFusion.fuse(circuit))
        #expect(fused.fidelity(with: expected) >= 1 - 1e-10)
    }

    /// What `qksim simulate --precision single` runs on larger states: the circuit fused with the
    /// single-precision model (replayed blocks where it prices them lower), in complex64, on every
    /// instruction set.
    @Test(arguments: names)
    func singlePrecisionFusedRunMatchesQiskit(name: String) throws {
        let circuit = try QASMProgram.parse(contentsOf: Self.fixture(name + ".qasm")).circuit()
        let expected = try StateVector(interleaved: try NPY.read(Self.fixture(name + ".npy")).scalars)
        for threads in [1, 2] {
            // Replays from any size here (by default from 16 qubits), so these small states take them.
            var model = FusionCostModel.avx2(threads: threads, precision: .single)
            model.sequenceMinimumQubits = 1
            let fused = GateFusion.fuse(DiagonalFusion.fuse(FourierRecognition.apply(circuit)), costModel: model)
            if name.hasPrefix("random_d20") && circuit.qubitCount >= 8 {
                #expect(fused.operations.contains { $0.sequence != nil }, "\(name): the layered blocks are replayed")
            }
            for isa in InstructionSet.allCases where isa != .best && isa.isAvailable {
                let sim = Simulator(instructionSet: isa, parallelism: Parallelism(threads: threads, minimumItems: 1 << 4))
                let state = try sim.singlePrecisionStatevector(fused)
                let worst = (0..<expected.count).map { (state.amplitude($0) - expected[$0]).length }.nanPropagatingMax()
                #expect(state.fidelity(with: expected) >= 1 - 1e-6 && worst <= 1e-5, "\(name), \(isa), \(threads) threads: \(worst)")
            }
        }
    }
}
