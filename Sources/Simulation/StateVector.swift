import Numerics

/// The state of `n` qubits: `2^n` complex128 amplitudes, 64-byte aligned, interleaved `(re, im)`.
///
/// Amplitude `i` belongs to the basis state whose qubit `q` is bit `q` of `i` (Qiskit's order). The
/// interleaved layout is what numpy, BLAS (`zgemm`/`zherk` for Gram matrices) and FFTW read
/// directly, so results leave the simulator without a copy; see docs/architecture.md for why it
/// beats a split re/im layout here.
///
/// The storage is `16 * 2^n` bytes and nothing proportional beside it. A `StateVector` is a class
/// because that storage is large and owned: copy explicitly with `copy()`. Gates, measurement and
/// reductions are `InterleavedState`'s, shared with `SinglePrecisionStateVector`.
public final class StateVector: InterleavedStorage<Double>, InterleavedState {}
