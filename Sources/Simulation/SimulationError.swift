import QKSupport

/// Why a simulation cannot run.
public enum SimulationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The state would not fit in memory.
    case insufficientMemory(qubits: Int, requiredBytes: Double, availableBytes: Double)
    /// More qubits than 64-bit indices allow.
    case tooManyQubits(Int)
    /// An operation the simulator cannot apply, with the reason.
    case unsupported(String)
    /// A Pauli string that is malformed or does not match the register.
    case invalidPauli(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .insufficientMemory(let n, let need, let have):
            // need = bytes per amplitude x 2^n: 16 in double precision, 8 in single.
            let perAmplitude = Int((need / Double(sign: .plus, exponent: n, significand: 1)).rounded())
            return "a state of \(n) qubits needs \(perAmplitude) x 2^\(n) bytes = \(SystemMemory.format(need)), "
                + "but only \(SystemMemory.format(have)) of memory is available"
        case .tooManyQubits(let n):
            return "\(n) qubits is more than the simulator supports (at most 62)"
        case .unsupported(let why): return why
        case .invalidPauli(let why): return why
        }
    }
}
