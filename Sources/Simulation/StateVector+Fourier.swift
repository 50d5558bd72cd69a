import CFFTW
import CircuitIR
import Numerics
import Synchronization

/// FFTW's planner is not thread-safe (executing a plan is): every plan is made and destroyed
/// under this lock.
private let fftwPlanner = Mutex<Bool>(false)

/// The quantum Fourier transform as one FFT: on a register of `m` contiguous qubits starting at
/// `a`, the amplitudes form a `2^(n-a-m) x 2^m x 2^a` array and the QFT is a length-`2^m` DFT along
/// the middle axis (stride `2^a`), which FFTW's guru interface does in place for all the other
/// indices at once, threaded, in O(m 2^n) operations instead of m(m+1)/2 gate passes.
extension StateVector {
    /// Applies the QFT (or its inverse) on `register`, `register[j]` being bit `j` of the register
    /// integer. A register of contiguous ascending qubits runs on FFTW; any other runs gate by gate.
    public func applyFourier(on register: [Int], inverse: Bool) throws {
        let m = register.count
        guard m > 0 else { return }
        guard let a = register.first, register.enumerated().allSatisfy({ $0.element == a + $0.offset }) else {
            for op in Operation.fourierGates(on: register, inverse: inverse) { try apply(op) }
            return
        }
        let inner = 1 << a, length = 1 << m, outer = 1 << (qubitCount - a - m)
        var dims = [fftw_iodim(n: Int32(length), is: Int32(inner), os: Int32(inner))]
        var loops = [
            fftw_iodim(n: Int32(inner), is: 1, os: 1),
            fftw_iodim(n: Int32(outer), is: Int32(inner * length), os: Int32(inner * length)),
        ]
        // QFT: out[y] = sum_x in[x] e^{+2 pi i x y / 2^m}, FFTW's backward sign; the inverse is forward.
        let sign = inverse ? FFTW_FORWARD : FFTW_BACKWARD
        let threads = count >= parallelism.minimumItems ? parallelism.threads : 1
        let data = OpaquePointer(storage)
        // A plan is a handle into FFTW's own state, used only on this thread.
        nonisolated(unsafe) var plan: fftw_plan?
        fftwPlanner.withLock { initialised in
            if !initialised {
                initialised = fftw_init_threads() != 0
            }
            if initialised { fftw_plan_with_nthreads(Int32(threads)) }
            plan = fftw_plan_guru_dft(
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
        fftwPlanner.withLock { _ in fftw_destroy_plan(done) }
        scale(by: 1 / Double(length).squareRoot())
    }
}
