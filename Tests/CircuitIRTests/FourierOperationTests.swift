import CircuitIR
import Numerics
import Testing
import _TestSupport

/// `Operation.fourierGates` (the textbook ladder) against the DFT matrix written from its definition.
@Suite struct FourierOperationTests {
    @Test(arguments: [[0, 1, 2, 3], [1, 2], [0, 3, 1], [4, 0, 2, 1, 3], [2]])
    func gatesEqualTheTransform(register: [Int]) {
        let n = 5
        for inverse in [false, true] {
            let gates = DenseReference.unitary(Circuit(qubitCount: n, operations: Operation.fourierGates(on: register, inverse: inverse)))
            let single = DenseReference.unitary(Circuit(qubitCount: n, operations: [.fourier(on: register, inverse: inverse)]))
            let distance = zip(gates, single).map { ($0 - $1).length }.nanPropagatingMax()
            #expect(distance <= 1e-12, "register \(register) inverse \(inverse): \(distance)")
        }
    }

    @Test func adjointInverts() {
        let op = Operation.fourier(on: [0, 1, 2])
        #expect(op.adjoint?.kind == .fourier(inverse: true))
        #expect(op.adjoint?.adjoint?.kind == .fourier(inverse: false))
        #expect(op.isUnitary)
    }
}
