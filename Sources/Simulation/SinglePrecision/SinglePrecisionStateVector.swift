import Numerics
import QKSupport

/// The state of `n` qubits in single precision: `2^n` complex64 amplitudes, 64-byte aligned,
/// interleaved `(re, im)` floats, in the same qubit order as `StateVector` (qubit `q` is bit `q`).
///
/// The storage is `8 * 2^n` bytes and nothing proportional beside it: half of `StateVector`'s,
/// so a 30-qubit state takes 8 GiB. Gates are applied with float matrices rounded from the double
/// gate matrices; norms, probabilities, inner products and expectations are accumulated in double.
/// The API is `StateVector`'s, from the same `InterleavedState` code (amplitudes read as
/// `Complex<Float>`; reductions return `Double`), plus comparisons with a double-precision state.
public final class SinglePrecisionStateVector: InterleavedStorage<Float>, InterleavedState {
    /// Creates a single-precision copy of a double-precision state (each amplitude rounded).
    public convenience init(_ state: StateVector) throws {
        try self.init(qubitCount: state.qubitCount, instructionSet: state.instructionSet, parallelism: state.parallelism)
        let s = storage
        state.withUnsafeInterleaved { src in
            parallelism.forEachChunk(count: 2 * count) { r in for i in r { s[i] = Float(src[i]) } }
        }
    }

    /// The inner product `<self|other>` with a double-precision state: how accurate a
    /// single-precision run is, measured against the double one.
    public func inner(_ other: StateVector) -> Complex<Double> {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        let s = storage
        return other.withUnsafeInterleaved { b in
            parallelism.sumChunks(count: count) { r -> Complex<Double> in
                var re = 0.0, im = 0.0
                for i in r {
                    let ar = Double(s[2 * i]), ai = Double(s[2 * i + 1]), br = b[2 * i], bi = b[2 * i + 1]
                    re += ar * br + ai * bi
                    im += ar * bi - ai * br
                }
                return Complex(re, im)
            }
        }
    }

    /// The fidelity `|<self|other>|^2` with a double-precision state.
    public func fidelity(with other: StateVector) -> Double { inner(other).lengthSquared }
}
