import Numerics

/// A tensor product of Pauli operators, written as Qiskit writes it: the rightmost letter acts on
/// qubit 0 (`"ZZI"` is Z on qubits 2 and 1, identity on qubit 0).
public struct PauliString: Sendable, Hashable, CustomStringConvertible {
    /// Qubits carrying X or Y.
    public let xMask: UInt64
    /// Qubits carrying Z or Y.
    public let zMask: UInt64
    /// Number of qubits the string spans.
    public let qubitCount: Int
    /// The label as written.
    public let label: String

    /// Parses a label of I, X, Y, Z letters (case-insensitive).
    public init(_ label: String) throws {
        let letters = Array(label.uppercased())
        guard !letters.isEmpty, letters.count <= 62 else {
            throw SimulationError.invalidPauli("Pauli string '\(label)' must have 1 to 62 letters")
        }
        var x: UInt64 = 0, z: UInt64 = 0
        for (position, letter) in letters.enumerated() {
            let q = UInt64(letters.count - 1 - position)
            switch letter {
            case "I": break
            case "X": x |= 1 << q
            case "Z": z |= 1 << q
            case "Y":
                x |= 1 << q
                z |= 1 << q
            default:
                throw SimulationError.invalidPauli(
                    "Pauli string '\(label)': '\(letter)' at position \(position + 1) is not one of I, X, Y, Z")
            }
        }
        xMask = x
        zMask = z
        qubitCount = letters.count
        self.label = label
    }

    /// Number of Y factors.
    public var yCount: Int { (xMask & zMask).nonzeroBitCount }

    /// The label.
    public var description: String { label }

    /// Throws unless the string has one letter per qubit of a `qubits`-qubit state.
    @usableFromInline func requireQubits(_ qubits: Int) throws {
        guard qubitCount == qubits else {
            throw SimulationError.invalidPauli(
                "Pauli string '\(label)' has \(qubitCount) letters but the circuit has \(qubits) qubits")
        }
    }

    /// `<psi|P|psi>` from the kernel's sum `sum_i conj(psi[i XOR x]) psi[i] (-1)^{|i & z|}`:
    /// multiplied by `i^{#Y}`; the result of a Hermitian operator is real.
    @usableFromInline func expectation(fromSum s: Complex<Double>) -> Double {
        switch yCount % 4 {
        case 0: return s.real
        case 1: return -s.imaginary
        case 2: return -s.real
        default: return s.imaginary
        }
    }
}
