import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Every operation kind, on every qubit layout, with and without (negated) controls, against the
/// dense reference, for each instruction set available on this CPU and with threads forced on.
@Suite struct GateApplicationTests {
    static let n = 5
    static let isas = InstructionSet.allCases.filter { $0 != .best && $0.isAvailable }

    static func operations() -> [Operation] {
        var ops: [Operation] = []
        var seed: UInt64 = 100
        func next() -> UInt64 {
            seed += 1
            return seed
        }
        let controlSets: [[Control]] = [[], [Control(qubit: 0)], [Control(qubit: 4, value: false)], [Control(qubit: 1), Control(qubit: 3)]]
        for t in 0..<n {
            for cs in controlSets where !cs.contains(where: { $0.qubit == t }) {
                ops.append(Operation(.unitary(DenseReference.randomUnitary(2, seed: next())), qubits: [t], controls: cs, name: "u"))
                let d = [Complex(length: 1, phase: 0.3), Complex(length: 1, phase: -1.1)]
                ops.append(Operation(.diagonal(d), qubits: [t], controls: cs, name: "diag1"))
                ops.append(Operation(.diagonal([.one, Complex(length: 1, phase: 0.7)]), qubits: [t], controls: cs, name: "p"))
                ops.append(Operation(.globalPhase(0.4), qubits: [], controls: cs + [Control(qubit: t)], name: "gphase"))
            }
        }
        for q0 in 0..<n {
            for q1 in 0..<n where q1 != q0 {
                for cs in controlSets where !cs.contains(where: { $0.qubit == q0 || $0.qubit == q1 }) {
                    ops.append(Operation(.unitary(DenseReference.randomUnitary(4, seed: next())), qubits: [q0, q1], controls: cs, name: "u2"))
                    ops.append(Operation(.swap, qubits: [q0, q1], controls: cs, name: "swap"))
                    let d = (0..<4).map { Complex(length: 1, phase: Double($0) * 0.37 + 0.1) }
                    ops.append(Operation(.diagonal(d), qubits: [q0, q1], controls: cs, name: "diag2"))
                }
            }
        }
        ops.append(Operation(.diagonal((0..<8).map { Complex(length: 1, phase: Double($0)) }), qubits: [4, 0, 2], name: "diag3"))
        return ops
    }

    @Test(arguments: isas)
    func operationsMatchDenseReference(isa: InstructionSet) throws {
        let n = Self.n
        let psi = DenseReference.randomState(qubits: n, seed: 7)
        for (k, op) in Self.operations().enumerated() {
            // Threads forced on for small states, so chunk boundaries are exercised too.
            let state = try StateVector(
                interleaved: psi.flatMap { [$0.real, $0.imaginary] }, instructionSet: isa,
                parallelism: Parallelism(threads: k % 2 == 0 ? 1 : 3, minimumItems: 1))
            try state.apply(op)
            let expected = DenseReference.apply(DenseReference.matrix(of: op, qubits: n), to: psi)
            let worst = (0..<state.count).map { (state[$0] - expected[$0]).length }.nanPropagatingMax()
            #expect(worst < 1e-13, "\(op.name) on \(op.qubits) controls \(op.controls) (\(isa)): error \(worst)")
        }
    }

    @Test func unitariesPreserveNormAndInvert() throws {
        let psi = DenseReference.randomState(qubits: Self.n, seed: 9)
        let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        let ops = Self.operations()
        for op in ops { try state.apply(op) }
        #expect(isClose(state.squaredNorm, 1, absolute: 1e-12))
        for op in ops.reversed() {
            var inverse = op
            switch op.kind {
            case .unitary(let m): inverse.kind = .unitary(m.adjoint)
            case .diagonal(let d): inverse.kind = .diagonal(d.map(\.conjugate))
            case .globalPhase(let phi): inverse.kind = .globalPhase(-phi)
            default: break
            }
            try state.apply(inverse)
        }
        let original = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        #expect(isClose(state.fidelity(with: original), 1, absolute: 1e-12))
        #expect(isClose(state.inner(original).real, 1, absolute: 1e-12), "global phase must come back too")
    }

    @Test func badOperationsAreRejected() throws {
        let state = try StateVector(qubitCount: 2)
        #expect(throws: SimulationError.self) { try state.apply(Operation(.swap, qubits: [0, 2], name: "swap")) }
        #expect(throws: SimulationError.self) {
            try state.apply(Operation(.unitary(.identity(2)), qubits: [1], controls: [Control(qubit: 1)], name: "cx"))
        }
        #expect(throws: SimulationError.self) { try state.apply(Operation(.measure(clbit: 0), qubits: [0], name: "measure")) }
    }

    @Test func refusesStatesThatDoNotFit() {
        do {
            _ = try StateVector(qubitCount: 45)
            Issue.record("a 45-qubit state (512 TiB) must be refused")
        } catch let error as SimulationError {
            #expect(error.description.contains("16 x 2^45"))
            #expect(error.description.contains("available"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
