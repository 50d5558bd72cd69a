import CircuitIR

/// The QFT as one single-precision FFT (FFTW's `fftwf_` interface), laid out as in
/// `StateVector.applyFourier`: a length-`2^m` DFT along the register's axis for every value of the
/// other qubits.
extension SinglePrecisionStateVector {
    /// Applies the QFT (or its inverse) on `register`, `register[j]` being bit `j` of the register
    /// integer. A register of contiguous ascending qubits runs on FFTW; any other runs gate by gate.
    public func applyFourier(on register: [Int], inverse: Bool) throws {
        let m = register.count
        guard m > 0 else { return }
        let threads = count >= parallelism.minimumItems ? parallelism.threads : 1
        // FFTW declines only layouts it cannot express; the gates are always exact.
        guard let layout = FourierLayout(register: register, qubitCount: qubitCount),
            layout.transform(storage, precision: .single, inverse: inverse, threads: threads)
        else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        scale(by: 1 / Double(1 << m).squareRoot())
    }
}
