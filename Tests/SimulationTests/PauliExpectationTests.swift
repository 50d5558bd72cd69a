import CircuitIR
import Numerics
import Simulation
import Testing
import _TestSupport

@Suite struct PauliExpectationTests {
    /// <psi|P|psi> from the dense Kronecker product of 2x2 Pauli matrices (qubit 0 rightmost).
    func denseExpectation(_ label: String, _ psi: [Complex<Double>]) -> Double {
        let i = Complex<Double>.i
        let paulis: [Character: [[Complex<Double>]]] = [
            "I": [[.one, .zero], [.zero, .one]], "X": [[.zero, .one], [.one, .zero]],
            "Y": [[.zero, -i], [i, .zero]], "Z": [[.one, .zero], [.zero, -.one]],
        ]
        let letters = Array(label)
        let n = letters.count
        var total = Complex<Double>.zero
        for r in 0..<(1 << n) {
            for c in 0..<(1 << n) {
                var entry = Complex<Double>.one
                for q in 0..<n { entry = entry * paulis[letters[n - 1 - q]]![(r >> q) & 1][(c >> q) & 1] }
                total = total + psi[r].conjugate * entry * psi[c]
            }
        }
        return total.real
    }

    @Test(arguments: ["ZII", "IIZ", "XYZ", "YYY", "XIX", "IYI", "ZZZ", "YXI", "III"])
    func matchesDenseKroneckerProduct(label: String) throws {
        let psi = DenseReference.randomState(qubits: 3, seed: 11)
        for isa in InstructionSet.allCases where isa.isAvailable {
            let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] }, instructionSet: isa)
            let value = try state.expectation(PauliString(label))
            #expect(isClose(value, denseExpectation(label, psi), absolute: 1e-13), "\(label) with \(isa)")
        }
    }

    @Test func rejectsMalformedStrings() throws {
        let state = try StateVector(qubitCount: 2)
        #expect(throws: SimulationError.self) { try PauliString("XQ") }
        #expect(throws: SimulationError.self) { try state.expectation(PauliString("ZZZ")) }
        #expect(throws: SimulationError.self) { try PauliString("") }
    }
}
