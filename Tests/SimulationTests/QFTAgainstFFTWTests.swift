import CFFTW
import CircuitIR
import Numerics
import Simulation
import Testing
import _TestSupport

/// The QFT circuit, simulated gate by gate, must equal FFTW's discrete Fourier transform of the
/// input amplitudes: QFT|j> = 2^{-n/2} sum_k e^{+2 pi i jk / 2^n} |k>, FFTW's backward transform.
@Suite struct QFTAgainstFFTWTests {
    static func qftCircuit(_ n: Int) -> Circuit {
        let s = 0.5.squareRoot()
        let h = GateMatrix(Complex(s), Complex(s), Complex(s), Complex(-s))
        var c = Circuit(qubitCount: n)
        for j in stride(from: n - 1, through: 0, by: -1) {
            c.append(Operation(.unitary(h), qubits: [j], name: "h"))
            for k in stride(from: j - 1, through: 0, by: -1) {
                let theta = Double.pi / Double(1 << (j - k))
                c.append(Operation(.diagonal([.one, Complex(length: 1, phase: theta)]), qubits: [j], controls: [Control(qubit: k)], name: "cp"))
            }
        }
        for i in 0..<(n / 2) { c.append(Operation(.swap, qubits: [i, n - 1 - i], name: "swap")) }
        return c
    }

    @Test(arguments: [1, 3, 6, 10, 14])
    func qftEqualsFFTW(n: Int) throws {
        let psi = DenseReference.randomState(qubits: n, seed: UInt64(n))
        let interleaved = psi.flatMap { [$0.real, $0.imaginary] }
        let state = try StateVector(interleaved: interleaved)
        for op in Self.qftCircuit(n).operations { try state.apply(op) }

        let size = 1 << n
        let input = fftw_alloc_complex(size)!, output = fftw_alloc_complex(size)!
        defer {
            fftw_free(input)
            fftw_free(output)
        }
        let plan = fftw_plan_dft_1d(Int32(size), input, output, FFTW_BACKWARD, UInt32(FFTW_ESTIMATE))
        defer { fftw_destroy_plan(plan) }
        UnsafeMutableRawPointer(input).assumingMemoryBound(to: Double.self).update(from: interleaved, count: 2 * size)
        fftw_execute(plan)
        let fft = UnsafeMutableRawPointer(output).assumingMemoryBound(to: Double.self)
        let scale = 1 / Double(size).squareRoot()
        let worst = state.withUnsafeInterleaved { sim in (0..<(2 * size)).map { abs(sim[$0] - scale * fft[$0]) }.nanPropagatingMax() }
        #expect(worst < 1e-12, "QFT on \(n) qubits differs from FFTW by \(worst)")
    }
}
