import CFFTW
import CircuitIR

/// The quantum Fourier transform as one FFT (see `FourierLayout`): FFTW's guru interface does the
/// DFT along the register's axis in place for all the other indices at once, threaded, in
/// O(m 2^n) operations instead of m(m+1)/2 gate passes.
extension StateVector {
    /// Applies the QFT (or its inverse) on `register`, `register[j]` being bit `j` of the register
    /// integer. A register of contiguous ascending qubits runs on FFTW; any other runs gate by gate.
    public func applyFourier(on register: [Int], inverse: Bool) throws {
        let m = register.count
        guard m > 0 else { return }
        guard let layout = FourierLayout(register: register, qubitCount: qubitCount) else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        var dims = [fftw_iodim64(n: layout.length, is: layout.stride, os: layout.stride)]
        var loops = [
            fftw_iodim64(n: layout.inner, is: 1, os: 1),
            fftw_iodim64(n: layout.outer, is: layout.outerStride, os: layout.outerStride),
        ]
        // QFT: out[y] = sum_x in[x] e^{+2 pi i x y / 2^m}, FFTW's backward sign; the inverse is forward.
        let sign = inverse ? FFTW_FORWARD : FFTW_BACKWARD
        let threads = count >= parallelism.minimumItems ? parallelism.threads : 1
        let data = OpaquePointer(storage)
        // A plan is a handle into FFTW's own state, used only on this thread.
        nonisolated(unsafe) var plan: fftw_plan?
        FourierLayout.planner.withLock { ready in
            if !ready.double { ready.double = fftw_init_threads() != 0 }
            if ready.double { fftw_plan_with_nthreads(Int32(threads)) }
            plan = fftw_plan_guru64_dft(
                1, &dims, 2, &loops, UnsafeMutablePointer(data), UnsafeMutablePointer(data), sign,
                UInt32(FFTW_ESTIMATE))
        }
        guard let plan else {
            // FFTW declines only layouts it cannot express; the gates are always exact.
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        fftw_execute(plan)
        nonisolated(unsafe) let done = plan
        FourierLayout.planner.withLock { _ in fftw_destroy_plan(done) }
        scale(by: 1 / Double(1 << m).squareRoot())
    }
}
