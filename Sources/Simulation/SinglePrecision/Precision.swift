import CQKKernels
import QKSupport

/// The floating-point precision of a simulated state.
///
/// `double` stores each amplitude as two `Double`s (complex128, 16 bytes), `single` as two `Float`s
/// (complex64, 8 bytes): half the memory and half the memory traffic per pass, at a relative
/// amplitude error of about `1e-7` per gate layer instead of `1e-16` (see docs/precision.md). A
/// state of `n` qubits costs `bytesPerAmplitude * 2^n` bytes and nothing proportional beside it,
/// so 30 qubits (8 GiB) fit a 24 GiB machine in single precision but not in double (16 GiB).
public enum Precision: String, Sendable, CaseIterable {
    /// complex128 amplitudes (`StateVector`).
    case double
    /// complex64 amplitudes (`SinglePrecisionStateVector`).
    case single

    /// Bytes one amplitude takes: 16 or 8.
    public var bytesPerAmplitude: Int { self == .double ? 16 : 8 }

    /// Bytes a state of `qubits` qubits takes, `bytesPerAmplitude * 2^qubits` (as a Double: it may
    /// exceed `Int.max` for a refused request).
    public func stateBytes(qubits: Int) -> Double {
        Double(bytesPerAmplitude) * Double(sign: .plus, exponent: qubits, significand: 1)
    }

    /// Throws unless a state of `qubits` qubits fits in `availableBytes` (nil: unknown, accepted).
    ///
    /// Pure arithmetic, so the figures (30 qubits in single precision on 24 GiB: accepted; 32:
    /// refused) are testable without allocating anything.
    ///
    /// - Throws: `SimulationError.tooManyQubits` beyond 64-bit indexing, or
    ///   `SimulationError.insufficientMemory` with the bytes needed and available.
    public func requireFits(qubits: Int, availableBytes: UInt64?) throws {
        guard qubits >= 0 && qubits <= Int(QK_MAX_QUBITS) else { throw SimulationError.tooManyQubits(qubits) }
        let need = stateBytes(qubits: qubits)
        if let availableBytes, need > Double(availableBytes) {
            throw SimulationError.insufficientMemory(qubits: qubits, requiredBytes: need, availableBytes: Double(availableBytes))
        }
    }
}
