import CQKKernels

/// The C kernels of the state's precision: `include/qk_kernels.h` (`qk_*`) on `Double` amplitudes,
/// `qk_kernels_f32.h` (`qk_f32_*`) on `Float` ones. The only place the two precisions differ
/// below the API: both headers share their conventions (work items, ranges, controls, local
/// indices), so one Swift routine drives either, and reductions accumulate in double at both.
///
/// Each function picks its kernel with a type test rather than through a table of function
/// values: in code specialised for one precision the test is a constant, so the call is a direct
/// C call. (Closures stored in a generic table are re-abstracted, allocated and released on every
/// use: that cost +15% per gate on small states.)
@usableFromInline
enum AmplitudeKernels<Scalar: BinaryFloatingPoint> {
    @inlinable static var isDouble: Bool {
        precondition(Scalar.self == Double.self || Scalar.self == Float.self, "amplitudes are Double or Float")
        return Scalar.self == Double.self
    }

    /// The same storage seen as the kernel's element type (`Scalar` is that type).
    @inlinable @inline(__always)
    static func cast<T>(_ p: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: T.self)
    }

    @inlinable @inline(__always)
    static func cast<T>(_ p: UnsafePointer<Scalar>) -> UnsafePointer<T> {
        UnsafeRawPointer(p).assumingMemoryBound(to: T.self)
    }

    /// 64-byte aligned, zero-filled storage for `2^n` amplitudes; nil when the allocation fails.
    @inlinable static func allocate(_ n: UInt32) -> UnsafeMutablePointer<Scalar>? {
        let p = isDouble ? UnsafeMutableRawPointer(qk_state_alloc(n)) : UnsafeMutableRawPointer(qk_f32_state_alloc(n))
        return p?.assumingMemoryBound(to: Scalar.self)
    }

    @inlinable static func free(_ psi: UnsafeMutablePointer<Scalar>) {
        isDouble ? qk_state_free(cast(psi)) : qk_f32_state_free(cast(psi))
    }

    /// A 2x2 matrix `m` (8 scalars) on `target`, or with `diagonal` `diag(d0, d1)` (4 scalars).
    @inlinable static func gate1(
        diagonal: Bool, _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ target: UInt32,
        _ m: UnsafePointer<Scalar>, _ ctrls: UnsafePointer<UInt32>?, _ nc: UInt32, _ cv: UInt64, _ begin: UInt64, _ end: UInt64
    ) {
        if isDouble {
            (diagonal ? qk_apply_diag1 : qk_apply_matrix1)(isa, cast(psi), n, target, cast(m), ctrls, nc, cv, begin, end)
        } else {
            (diagonal ? qk_f32_apply_diag1 : qk_f32_apply_matrix1)(isa, cast(psi), n, target, cast(m), ctrls, nc, cv, begin, end)
        }
    }

    @inlinable static func matrix2(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ q0: UInt32, _ q1: UInt32,
        _ m: UnsafePointer<Scalar>, _ ctrls: UnsafePointer<UInt32>?, _ nc: UInt32, _ cv: UInt64, _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_apply_matrix2(isa, cast(psi), n, q0, q1, cast(m), ctrls, nc, cv, begin, end)
            : qk_f32_apply_matrix2(isa, cast(psi), n, q0, q1, cast(m), ctrls, nc, cv, begin, end)
    }

    @inlinable static func swap(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ q0: UInt32, _ q1: UInt32,
        _ ctrls: UnsafePointer<UInt32>?, _ nc: UInt32, _ cv: UInt64, _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_apply_swap(isa, cast(psi), n, q0, q1, ctrls, nc, cv, begin, end)
            : qk_f32_apply_swap(isa, cast(psi), n, q0, q1, ctrls, nc, cv, begin, end)
    }

    @inlinable static func phase(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ qubits: UnsafePointer<UInt32>?, _ k: UInt32,
        _ values: UInt64, _ phase: UnsafePointer<Scalar>, _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_apply_phase(isa, cast(psi), n, qubits, k, values, cast(phase), begin, end)
            : qk_f32_apply_phase(isa, cast(psi), n, qubits, k, values, cast(phase), begin, end)
    }

    @inlinable static func diagonal(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ qubits: UnsafePointer<UInt32>, _ k: UInt32,
        _ table: UnsafePointer<Scalar>, _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_apply_diagonal(isa, cast(psi), n, qubits, k, cast(table), begin, end)
            : qk_f32_apply_diagonal(isa, cast(psi), n, qubits, k, cast(table), begin, end)
    }

    /// Whether dense blocks can run under controls: only the double kernels have that.
    @inlinable static var hasControlledDense: Bool { isDouble }

    /// A dense block, under controls in double precision (`ctrls` must be empty in single).
    @inlinable static func dense(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ qubits: UnsafePointer<UInt32>, _ k: UInt32,
        _ m: UnsafePointer<Scalar>, _ ctrls: UnsafePointer<UInt32>?, _ nc: UInt32, _ cv: UInt64, _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_apply_dense_controlled(isa, cast(psi), n, qubits, k, cast(m), ctrls, nc, cv, begin, end)
            : qk_f32_apply_dense(isa, cast(psi), n, qubits, k, cast(m), begin, end)
    }

    /// Whether fused blocks can be replayed as their gates (`GateSequence`): only the
    /// single-precision kernels have the replay.
    @inlinable static var hasSequence: Bool { !isDouble }

    /// A block replayed as its gates (`qk_f32_apply_sequence`); single precision only. Items are
    /// `denseItems(n, k, 0)`. The step tables may be nil when there are no steps. Returns 0, or -1
    /// for a block the kernel cannot take (lane steps without AVX2).
    @inlinable static func sequence(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ qubits: UnsafePointer<UInt32>, _ k: UInt32,
        _ steps: UInt32, _ kinds: UnsafePointer<UInt8>?, _ coefs: UnsafePointer<Scalar>?, _ pairs: UnsafePointer<UInt8>?,
        _ labels: UnsafePointer<UInt8>, _ begin: UInt64, _ end: UInt64
    ) -> Int32 {
        precondition(!isDouble, "the replay kernel is single precision")
        let c: UnsafePointer<Float>? = coefs.map { cast($0) }
        return qk_f32_apply_sequence(isa, cast(psi), n, qubits, k, steps, kinds, c, pairs, labels, begin, end)
    }

    /// Work items of `dense`.
    @inlinable static func denseItems(_ n: UInt32, _ k: UInt32, _ nc: UInt32) -> UInt64 {
        isDouble ? qk_dense_controlled_items(n, k, nc) : qk_dense_items(n, k)
    }

    @inlinable static func norm2(_ isa: qk_isa, _ psi: UnsafePointer<Scalar>, _ begin: UInt64, _ end: UInt64) -> Double {
        isDouble ? qk_norm2(isa, cast(psi), begin, end) : qk_f32_norm2(isa, cast(psi), begin, end)
    }

    @inlinable static func scale(_ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ s: Scalar, _ begin: UInt64, _ end: UInt64) {
        isDouble ? qk_scale(isa, cast(psi), Double(s), begin, end) : qk_f32_scale(isa, cast(psi), Float(s), begin, end)
    }

    @inlinable static func probabilityOfOne(
        _ isa: qk_isa, _ psi: UnsafePointer<Scalar>, _ n: UInt32, _ target: UInt32, _ begin: UInt64, _ end: UInt64
    ) -> Double {
        isDouble
            ? qk_prob_one(isa, cast(psi), n, target, begin, end) : qk_f32_prob_one(isa, cast(psi), n, target, begin, end)
    }

    @inlinable static func collapse(
        _ isa: qk_isa, _ psi: UnsafeMutablePointer<Scalar>, _ n: UInt32, _ target: UInt32, _ outcome: Int32, _ s: Scalar,
        _ begin: UInt64, _ end: UInt64
    ) {
        isDouble
            ? qk_collapse(isa, cast(psi), n, target, outcome, Double(s), begin, end)
            : qk_f32_collapse(isa, cast(psi), n, target, outcome, Float(s), begin, end)
    }

    @inlinable static func inner(
        _ isa: qk_isa, _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ begin: UInt64, _ end: UInt64,
        _ out: UnsafeMutablePointer<Double>
    ) {
        isDouble
            ? qk_inner(isa, cast(a), cast(b), begin, end, out) : qk_f32_inner(isa, cast(a), cast(b), begin, end, out)
    }

    @inlinable static func pauliSum(
        _ isa: qk_isa, _ psi: UnsafePointer<Scalar>, _ n: UInt32, _ x: UInt64, _ z: UInt64, _ begin: UInt64, _ end: UInt64,
        _ out: UnsafeMutablePointer<Double>
    ) {
        isDouble
            ? qk_pauli_sum(isa, cast(psi), n, x, z, begin, end, out)
            : qk_f32_pauli_sum(isa, cast(psi), n, x, z, begin, end, out)
    }
}
