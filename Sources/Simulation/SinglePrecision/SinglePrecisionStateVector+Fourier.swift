import CFFTW
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
        guard let layout = FourierLayout(register: register, qubitCount: qubitCount) else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        var dims = [fftwf_iodim64(n: layout.length, is: layout.stride, os: layout.stride)]
        var loops = [
            fftwf_iodim64(n: layout.inner, is: 1, os: 1),
            fftwf_iodim64(n: layout.outer, is: layout.outerStride, os: layout.outerStride),
        ]
        let sign = inverse ? FFTW_FORWARD : FFTW_BACKWARD
        let threads = Int32(count >= parallelism.minimumItems ? parallelism.threads : 1)
        let data = OpaquePointer(storage)
        // A plan is a handle into FFTW's own state, used only on this thread.
        nonisolated(unsafe) var plan: fftwf_plan?
        FourierLayout.planner.withLock { ready in
            if !ready.single { ready.single = fftwf_init_threads() != 0 }
            if ready.single { fftwf_plan_with_nthreads(threads) }
            plan = fftwf_plan_guru64_dft(
                1, &dims, 2, &loops, UnsafeMutablePointer(data), UnsafeMutablePointer(data), sign, UInt32(FFTW_ESTIMATE))
        }
        guard let plan else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        fftwf_execute(plan)
        nonisolated(unsafe) let done = plan
        FourierLayout.planner.withLock { _ in fftwf_destroy_plan(done) }
        scale(by: 1 / Double(1 << m).squareRoot())
    }
}
