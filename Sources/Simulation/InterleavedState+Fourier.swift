import CircuitIR

/// The quantum Fourier transform as one FFT (see `FourierLayout`): FFTW's guru interface (`fftw_`
/// or `fftwf_`, by precision) does the DFT along the register's axis in place for all the other
/// indices at once, threaded, in O(m 2^n) operations instead of m(m+1)/2 gate passes.
extension InterleavedState {
    /// Applies the QFT (or its inverse) on `register`, `register[j]` being bit `j` of the register
    /// integer. A register of contiguous ascending qubits runs on FFTW; any other runs gate by gate.
    public func applyFourier(on register: [Int], inverse: Bool) throws {
        let m = register.count
        guard m > 0 else { return }
        let threads = count >= parallelism.minimumItems ? parallelism.threads : 1
        // FFTW declines only layouts it cannot express; the gates are always exact.
        guard let layout = FourierLayout(register: register, qubitCount: qubitCount),
            layout.transform(amplitudes, precision: Self.precision, inverse: inverse, threads: threads)
        else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        scale(by: 1 / Double(1 << m).squareRoot())
    }
}
