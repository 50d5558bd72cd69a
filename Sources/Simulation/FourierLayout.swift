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
}
