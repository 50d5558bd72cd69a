import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// `.unitary` operations on 3-5 qubits (what the fuser emits), with and without (negated)
/// controls, through `StateVector.apply` against the naive dense reference, per instruction set;
/// and a clear error beyond the kernel's limit.
@Suite struct DenseUnitaryOperationTests {
    static let isas = InstructionSet.allCases.filter { $0 != .best && $0.isAvailable }

    @Test(arguments: isas)
    func wideUnitariesMatchTheReference(isa: InstructionSet) throws {
        let n = 8
        let psi = DenseReference.randomState(qubits: n, seed: 77)
        let cases: [([Int], [Control])] = [
            ([2, 0, 5], []), ([7, 1, 3, 0], []), ([0, 1, 2, 3, 4], []), ([6, 4, 2, 1, 3], []),
            ([1, 4, 6], [Control(qubit: 0)]), ([3, 2, 7, 5], [Control(qubit: 0, value: false), Control(qubit: 6)]),
            ([5, 4, 3, 2, 1], [Control(qubit: 7)]), ([2, 3, 4], [Control(qubit: 1), Control(qubit: 0)]),
        ]
        for (j, (qubits, controls)) in cases.enumerated() {
            let m = DenseReference.randomUnitary(1 << qubits.count, seed: UInt64(300 + j))
            let op = Operation(.unitary(m), qubits: qubits, controls: controls, name: "block")
            let state = try StateVector(
                interleaved: psi.flatMap { [$0.real, $0.imaginary] }, instructionSet: isa,
                parallelism: Parallelism(threads: j % 2 == 0 ? 1 : 3, minimumItems: 1))
            try state.apply(op)
            let expected = DenseReference.apply(DenseReference.matrix(of: op, qubits: n), to: psi)
            let worst = (0..<state.count).map { (state[$0] - expected[$0]).length }.nanPropagatingMax()
            #expect(worst < 1e-13, "\(qubits) controls \(controls.map(\.qubit)) (\(isa)): \(worst)")
        }
    }

    @Test func unitariesWiderThanTheKernelAreRejected() throws {
        let state = try StateVector(qubitCount: 7)
        let op = Operation(.unitary(DenseReference.randomUnitary(64, seed: 1)), qubits: Array(0..<6), name: "wide")
        #expect(throws: SimulationError.self) { try state.apply(op) }
    }
}
