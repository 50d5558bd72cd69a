import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// `applyDenseMatrix` against the dense reference for random unitaries on every ordered layout of
/// 1...4 qubits among 5 (qubit 0 included), per instruction set, with threads forced on.
@Suite struct DenseMatrixApplicationTests {
    static let isas = InstructionSet.allCases.filter { $0 != .best && $0.isAvailable }

    @Test(arguments: isas)
    func matchesDenseReferenceOnEveryLayout(isa: InstructionSet) throws {
        let n = 5
        let psi = DenseReference.randomState(qubits: n, seed: 11)
        func layouts(_ k: Int) -> [[Int]] {
            k == 0 ? [[]] : layouts(k - 1).flatMap { p in (0..<n).filter { !p.contains($0) }.map { p + [$0] } }
        }
        var seed: UInt64 = 500
        for k in 1...4 {
            for qubits in layouts(k) {
                seed += 1
                let m = DenseReference.randomUnitary(1 << k, seed: seed)
                let state = try StateVector(
                    interleaved: psi.flatMap { [$0.real, $0.imaginary] }, instructionSet: isa,
                    parallelism: Parallelism(threads: seed % 2 == 0 ? 1 : 3, minimumItems: 1))
                state.applyDenseMatrix(m, on: qubits)
                let op = Operation(.unitary(m), qubits: qubits, name: "dense")
                let expected = DenseReference.apply(DenseReference.matrix(of: op, qubits: n), to: psi)
                let worst = (0..<state.count).map { (state[$0] - expected[$0]).length }.nanPropagatingMax()
                #expect(worst < 1e-13, "qubits \(qubits) (\(isa)): error \(worst)")
            }
        }
    }
}
