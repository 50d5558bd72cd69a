import CircuitIR
import Foundation
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// The `fourier` operation (one FFT) against the textbook gates, and the recognition of QFT blocks
/// in circuits against the unrecognised circuit.
@Suite struct FourierTransformTests {
    static func randomState(_ n: Int, seed: UInt64, parallelism: Parallelism = Parallelism()) throws -> StateVector {
        let psi = DenseReference.randomState(qubits: n, seed: seed)
        let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        state.parallelism = parallelism
        return state
    }

    static func maxDifference(_ a: StateVector, _ b: StateVector) -> Double {
        a.withUnsafeInterleaved { x in b.withUnsafeInterleaved { y in zip(x, y).map { abs($0 - $1) }.nanPropagatingMax() } }
    }

    /// Registers: whole state, contiguous at an offset (strided FFT with loops on both sides), one
    /// qubit, and non-contiguous or descending ones (gate fallback).
    @Test(arguments: [
        (6, [0, 1, 2, 3, 4, 5]), (7, [2, 3, 4]), (7, [0, 1, 2, 3]), (7, [3, 4, 5, 6]), (5, [2]),
        (6, [0, 2, 5]), (6, [4, 3, 2, 1]),
    ])
    func fourierOperationEqualsGates(n: Int, register: [Int]) throws {
        for inverse in [false, true] {
            // Threads on a small state: minimumItems 1 makes FFTW's threaded plans run here too.
            for parallelism in [Parallelism.serial, Parallelism(threads: 2, minimumItems: 1)] {
                let fast = try Self.randomState(n, seed: UInt64(n * 31 + register.count), parallelism: parallelism)
                let slow = try fast.copy()
                try fast.apply(.fourier(on: register, inverse: inverse))
                for op in Operation.fourierGates(on: register, inverse: inverse) { try slow.apply(op) }
                let worst = Self.maxDifference(fast, slow)
                #expect(worst < 1e-12, "register \(register) inverse \(inverse): \(worst)")
            }
        }
    }

    @Test func inverseUndoesForward() throws {
        let state = try Self.randomState(9, seed: 4)
        let original = try state.copy()
        try state.apply(.fourier(on: Array(1..<8)))
        #expect(Self.maxDifference(state, original) > 1e-3)
        try state.apply(.fourier(on: Array(1..<8), inverse: true))
        #expect(Self.maxDifference(state, original) < 1e-13)
    }

    @Test func controlledFourierIsRefused() throws {
        let state = try StateVector(qubitCount: 3)
        let op = Operation.fourier(on: [0, 1]).controlled(by: [Control(qubit: 2)])
        #expect(throws: SimulationError.self) { try state.apply(op) }
    }

    /// Recognises the block and leaves a circuit whose state equals the gate-by-gate one.
    func check(_ circuit: Circuit, expect expected: [String], seed: UInt64 = 1) throws {
        let recognised = FourierRecognition.apply(circuit)
        let names = recognised.operations.map(\.name)
        #expect(names == expected, "got \(names)")
        let n = circuit.qubitCount
        let a = try Self.randomState(n, seed: seed), b = try a.copy()
        for op in circuit.operations { try a.apply(op) }
        for op in recognised.operations { try b.apply(op) }
        #expect(Self.maxDifference(a, b) < 1e-12)
    }

    @Test func recognisesQiskitsQFTFile() throws {
        // Qiskit's interleaved gate order, not the textbook one.
        for (name, n) in [("qft_n8", 8), ("qft_n12", 12)] {
            let circuit = try QASMProgram.parse(contentsOf: ReferenceCircuitTests.fixture(name + ".qasm")).circuit()
            try check(circuit, expect: ["qft"])
            let state = try Simulator().statevector(FourierRecognition.apply(circuit))
            let expected = try StateVector(interleaved: try NPY.read(ReferenceCircuitTests.fixture(name + ".npy")).scalars)
            #expect(state.fidelity(with: expected) >= 1 - 1e-12, "\(name) on \(n) qubits")
        }
    }

    @Test func recognisesTextbookVariants() throws {
        let register = [2, 3, 4, 5, 6]
        var forward = Circuit(qubitCount: 8)
        forward.operations = Operation.fourierGates(on: register)
        try check(forward, expect: ["qft"])
        // Without the final swaps: the FFT, then the swaps that reverse the register.
        forward.operations = Operation.fourierGates(on: register, swaps: false)
        try check(forward, expect: ["qft", "swap", "swap"])
        var inverse = Circuit(qubitCount: 8)
        inverse.operations = Operation.fourierGates(on: register, inverse: true)
        try check(inverse, expect: ["iqft"])
        inverse.operations = Operation.fourierGates(on: register, inverse: true, swaps: false)
        try check(inverse, expect: ["swap", "swap", "iqft"])
        // Between other gates: only the block is replaced.
        var mixed = Circuit(qubitCount: 8)
        mixed.operations = [Operation(.unitary(.x), qubits: [0], name: "x")] + Operation.fourierGates(on: register)
            + [Operation(.unitary(.y), qubits: [3], name: "y")]
        try check(mixed, expect: ["x", "qft", "y"])
    }

    @Test func leavesNonTransformsAlone() throws {
        let register = [0, 1, 2, 3]
        let gates = Operation.fourierGates(on: register)
        var c = Circuit(qubitCount: 4)
        // An approximate QFT (one phase dropped).
        let cpIndex = gates.firstIndex { $0.name == "cp" }!
        c.operations = gates.enumerated().filter { $0.offset != cpIndex }.map(\.element)
        try check(c, expect: c.operations.map(\.name))
        // A wrong angle.
        var wrong = gates
        wrong[cpIndex].kind = .diagonal([.one, .one, .one, Complex(length: 1, phase: 0.3)])
        c.operations = wrong
        try check(c, expect: wrong.map(\.name))
        // A phase moved before the H it must follow: a different unitary.
        var reordered = gates
        reordered.swapAt(0, cpIndex)
        c.operations = reordered
        try check(c, expect: reordered.map(\.name))
        // A descending register is a different transform on FFTW's axis: left as gates.
        c.operations = Operation.fourierGates(on: [3, 2, 1, 0])
        try check(c, expect: c.operations.map(\.name))
        // Half the swaps.
        c.operations = Array(gates.dropLast())
        try check(c, expect: c.operations.map(\.name))
    }
}
