import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

@Suite struct DiagonalFusionTests {
    @Test(arguments: [2, 3, 12])
    func fusedCircuitsGiveTheSameState(maxQubits: Int) throws {
        let n = 6
        var rng = SeededGenerator(seed: 21)
        let s = 0.5.squareRoot()
        let h = GateMatrix(Complex(s), Complex(s), Complex(s), Complex(-s))
        var circuit = Circuit(qubitCount: n)
        for layer in 0..<3 {
            for q in 0..<n { circuit.append(Operation(.unitary(h), qubits: [q], name: "h")) }
            for q in 0..<n {
                circuit.append(Operation(.diagonal([.one, Complex(length: 1, phase: rng.uniform() * 6)]), qubits: [q], name: "p"))
            }
            for i in 0..<n {
                for j in (i + 1)..<n where (i + j + layer) % 2 == 0 {
                    let t = rng.uniform() * 6
                    circuit.append(Operation(.diagonal([Complex(length: 1, phase: -t), Complex(length: 1, phase: t), Complex(length: 1, phase: t), Complex(length: 1, phase: -t)]), qubits: [i, j], name: "rzz"))
                }
            }
            circuit.append(Operation(.globalPhase(0.3), qubits: [], controls: [Control(qubit: 1), Control(qubit: 4, value: false)], name: "cgphase"))
            circuit.append(Operation(.unitary(.init(Complex(0.6), Complex(0.8), Complex(0.8), Complex(-0.6))), qubits: [2], controls: [Control(qubit: 5)], name: "cu"))
            circuit.append(Operation(.barrier, qubits: Array(0..<n), name: "barrier"))
        }
        let fused = DiagonalFusion.fuse(circuit, maxQubits: maxQubits)
        #expect(fused.operations.count < circuit.operations.count)
        #expect(fused.operations.allSatisfy { $0.allQubits.count <= max(maxQubits, 2) })
        let a = try Simulator().statevector(circuit)
        let b = try Simulator().statevector(fused)
        let worst = (0..<a.count).map { (a[$0] - b[$0]).length }.nanPropagatingMax()
        #expect(worst < 1e-12)
    }
}

@Suite struct ConjugatedPhaseTests {
    /// CX(c,t) P(theta)_t CX(c,t), the way circuit files write ZZ interactions, becomes one
    /// two-qubit diagonal, and whole feature-map layers then fuse into single passes.
    @Test func cxPhaseCxBecomesADiagonal() throws {
        let x = GateMatrix(.zero, .one, .one, .zero)
        var circuit = Circuit(qubitCount: 4)
        let s = 0.5.squareRoot()
        for q in 0..<4 { circuit.append(Operation(.unitary(GateMatrix(Complex(s), Complex(s), Complex(s), Complex(-s))), qubits: [q], name: "h")) }
        for (c, t, theta) in [(0, 1, 0.3), (2, 1, 1.1), (3, 0, -0.7), (1, 3, 2.0)] {
            circuit.append(Operation(.unitary(x), qubits: [t], controls: [Control(qubit: c)], name: "cx"))
            circuit.append(Operation(.diagonal([.one, Complex(length: 1, phase: theta)]), qubits: [t], name: "p"))
            circuit.append(Operation(.unitary(x), qubits: [t], controls: [Control(qubit: c)], name: "cx"))
        }
        // A CX pair around a phase on the control (not the target) must not be rewritten.
        circuit.append(Operation(.unitary(x), qubits: [2], controls: [Control(qubit: 0)], name: "cx"))
        circuit.append(Operation(.diagonal([.one, Complex(length: 1, phase: 0.9)]), qubits: [0], name: "p"))
        circuit.append(Operation(.unitary(x), qubits: [2], controls: [Control(qubit: 0)], name: "cx"))
        let fused = DiagonalFusion.fuse(circuit)
        #expect(fused.operations.count == 4 + 1 + 3, "H layer, one fused diagonal, and the untouched CX P CX")
        let a = try Simulator().statevector(circuit), b = try Simulator().statevector(fused)
        #expect((0..<a.count).map { (a[$0] - b[$0]).length }.nanPropagatingMax() < 1e-14)
    }
}
