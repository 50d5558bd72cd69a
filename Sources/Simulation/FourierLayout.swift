import CFFTW
import Synchronization

/// Where a QFT register sits in the amplitude array, in FFTW's guru terms: on contiguous qubits
/// `a .. a+m-1` the amplitudes form a `2^(n-a-m) x 2^m x 2^a` array, and the QFT is a length-`2^m`
/// DFT along the middle axis (stride `2^a`) for every value of the other two (the "howmany" loops).
struct FourierLayout {
    /// Transform length, `2^m`.
    let length: Int
    /// Stride of the register's axis, `2^a`.
    let stride: Int
    /// Number of amplitudes below the register, `2^a` (stride 1).
    let inner: Int
    /// Number of blocks above the register, `2^(n-a-m)`.
    let outer: Int
    /// Stride between those blocks, `2^(a+m)`.
    let outerStride: Int

    /// The layout of `register` (bit `j` of the register integer = `register[j]`), or nil unless the
    /// qubits are contiguous and ascending, the only registers that are one strided axis.
    init?(register: [Int], qubitCount n: Int) {
        guard let a = register.first, register.enumerated().allSatisfy({ $0.element == a + $0.offset })
        else { return nil }
        let m = register.count
        length = 1 << m
        stride = 1 << a
        inner = 1 << a
        outer = 1 << (n - a - m)
        outerStride = 1 << (a + m)
    }

    /// FFTW's planner is not thread-safe (executing a plan is): every plan, at either precision, is
    /// made and destroyed under this lock, which also records whether FFTW's threads are set up.
    static let planner = Mutex<(double: Bool, single: Bool)>((false, false))

    /// The unnormalised DFT along the register's axis, in place on interleaved amplitudes of the
    /// given precision (`fftw_` or `fftwf_`), on `threads` threads. The QFT is FFTW's backward
    /// transform (`out[y] = sum_x in[x] e^{+2 pi i x y / 2^m}`), its inverse the forward one; the
    /// caller scales by `2^(-m/2)`. Returns false when FFTW declines the layout.
    func transform(_ data: UnsafeMutableRawPointer, precision: Precision, inverse: Bool, threads: Int) -> Bool {
        let sign = inverse ? FFTW_FORWARD : FFTW_BACKWARD
        let flags = UInt32(FFTW_ESTIMATE)  // ESTIMATE never writes the array while planning
        let single = precision == .single
        // A plan is a handle into FFTW's own state, used only on this thread.
        nonisolated(unsafe) var plan: OpaquePointer?
        Self.planner.withLock { ready in
            if single {
                if !ready.single { ready.single = qk_fftwf_init_threads() != 0 }
                if ready.single { qk_fftwf_plan_with_nthreads(Int32(threads)) }
                var dims = [fftwf_iodim64(n: length, is: stride, os: stride)]
                var loops = [fftwf_iodim64(n: inner, is: 1, os: 1), fftwf_iodim64(n: outer, is: outerStride, os: outerStride)]
                let p = OpaquePointer(data)
                plan = qk_fftwf_plan_guru64_dft(1, &dims, 2, &loops, UnsafeMutablePointer(p), UnsafeMutablePointer(p), sign, flags)
            } else {
                if !ready.double { ready.double = qk_fftw_init_threads() != 0 }
                if ready.double { qk_fftw_plan_with_nthreads(Int32(threads)) }
                var dims = [fftw_iodim64(n: length, is: stride, os: stride)]
                var loops = [fftw_iodim64(n: inner, is: 1, os: 1), fftw_iodim64(n: outer, is: outerStride, os: outerStride)]
                let p = OpaquePointer(data)
                plan = qk_fftw_plan_guru64_dft(1, &dims, 2, &loops, UnsafeMutablePointer(p), UnsafeMutablePointer(p), sign, flags)
            }
        }
        guard let plan else { return false }
        if single { qk_fftwf_execute(plan) } else { qk_fftw_execute(plan) }
        nonisolated(unsafe) let done = plan
        Self.planner.withLock { _ in if single { qk_fftwf_destroy_plan(done) } else { qk_fftw_destroy_plan(done) } }
        return true
    }
}
