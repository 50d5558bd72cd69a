import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// The operations the fusions emit — dense blocks of up to five qubits and the QFT as one FFT —
/// at single precision against double.
@Suite struct SinglePrecisionBlockTests {
    static func pair(_ n: Int, seed: UInt64) throws -> (StateVector, SinglePrecisionStateVector) {
        let psi = DenseReference.randomState(qubits: n, seed: seed)
        let double = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        return (double, try SinglePrecisionStateVector(double))
    }

    static func maxDifference(_ a: StateVector, _ b: SinglePrecisionStateVector) -> Double {
        (0..<a.count).map { (a[$0] - b.amplitude($0)).length }.nanPropagatingMax()
    }

    @Test(arguments: [[0, 1, 2, 3, 4], [4, 0, 6, 2, 1], [2, 5, 3, 6, 7], [1, 0, 3]])
    func denseBlocks(qubits: [Int]) throws {
        let (double, single) = try Self.pair(8, seed: UInt64(qubits.reduce(0, +)))
        let u = DenseReference.randomUnitary(1 << qubits.count, seed: 9)
        let op = Operation(.unitary(u), qubits: qubits, name: "block")
        try double.apply(op)
        try single.apply(op)
        #expect(Self.maxDifference(double, single) < 1e-5)
    }

    @Test(arguments: [[0, 1, 2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5], [3, 1, 6]])
    func fourier(register: [Int]) throws {
        for inverse in [false, true] {
            let (double, single) = try Self.pair(9, seed: UInt64(register.count))
            try double.apply(.fourier(on: register, inverse: inverse))
            try single.apply(.fourier(on: register, inverse: inverse))
            #expect(Self.maxDifference(double, single) < 1e-5, "register \(register) inverse \(inverse)")
        }
    }
}
