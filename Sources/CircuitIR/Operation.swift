import Numerics

/// A control on an operation: the operation acts only on basis states where `qubit` reads `value`.
///
/// `value == true` is an ordinary control (`ctrl @`, the dot in a circuit drawing); `false` is a negated
/// control (`negctrl @`, the open circle).
public struct Control: Sendable, Hashable {
    /// The controlling qubit.
    public var qubit: Int
    /// The basis value the qubit must have for the operation to act.
    public var value: Bool

    /// Creates a control on `qubit` that fires when it reads `value`.
    public init(qubit: Int, value: Bool = true) {
        self.qubit = qubit
        self.value = value
    }
}

/// A classical condition, OpenQASM 2's `if (creg == n)`: the operation runs only when the bits of the
/// register, read as a little-endian integer, equal `value`.
public struct Condition: Sendable, Hashable {
    /// Indices into the circuit's classical bits, least significant first.
    public var clbits: [Int]
    /// The integer the register must hold.
    public var value: UInt64

    /// Creates a condition comparing the register `clbits` (least significant first) with `value`.
    public init(clbits: [Int], value: UInt64) {
        self.clbits = clbits
        self.value = value
    }
}

/// One step of a circuit after parsing and gate expansion: everything the simulator needs, nothing
/// it has to look up.
///
/// Matrices use Qiskit's little-endian convention: for an operation on `qubits = [q0, q1, ...]`, the
/// local basis index is `bit(q0) + 2 bit(q1) + 4 bit(q2) + ...`, and matrices are row-major.
public struct Operation: Sendable, Hashable {
    /// What the operation does.
    public enum Kind: Sendable, Hashable {
        /// A dense unitary on `qubits`: `2^k x 2^k`, row-major. The simulator applies it for
        /// k = 1...5 (`StateVector.maxDenseMatrixQubits`), with or without controls; gate fusion
        /// emits uncontrolled blocks of up to that size.
        case unitary(GateMatrix)
        /// A diagonal unitary on `qubits`: `2^k` entries.
        case diagonal([Complex<Double>])
        /// Exchange of the two qubits in `qubits`.
        case swap
        /// The quantum Fourier transform on the register `qubits` (`qubits[j]` is bit `j` of the
        /// register's integer `x`, `m = qubits.count`):
        /// `|x> -> 2^(-m/2) sum_y exp(+-2 pi i x y / 2^m) |y>`, the sign `-` when `inverse`. Qiskit's
        /// `QFT(m)` with its final swaps; executed as one FFT where the register is contiguous.
        case fourier(inverse: Bool)
        /// Multiplication by `exp(i * phase)`; `qubits` is empty. With controls it is a phase on the
        /// controlled subspace; without, it is unobservable but kept so that `ctrl @` of a gate body
        /// stays exact and statevectors match Qiskit's including global phase.
        case globalPhase(Double)
        /// Projective Z measurement of `qubits[0]` into classical bit `clbit`.
        case measure(clbit: Int)
        /// Reset of `qubits[0]` to |0>.
        case reset
        /// A scheduling barrier: no effect on the state.
        case barrier
    }

    /// What the operation does. Setting it drops `sequence`.
    public var kind: Kind { didSet { sequence = nil } }
    /// The qubits it acts on (its targets), in the order its matrix uses. Setting them drops
    /// `sequence`.
    public var qubits: [Int] { didSet { sequence = nil } }
    /// Extra control qubits, which must be distinct from `qubits`.
    public var controls: [Control]
    /// A classical condition, or `nil` for an unconditional operation.
    public var condition: Condition?
    /// The name the circuit file used (`"cx"`, `"rz"`, ...), kept for summaries and error messages.
    public var name: String
    /// For a block made with `init(sequence:qubits:name:)` (gate fusion's replayed blocks): its
    /// gates (`GateSequence`, local bit j = `qubits[j]`), which a kernel may replay instead of
    /// multiplying by the dense matrix in `kind`. nil for every other operation. Set only with
    /// `kind` from the same gates, and dropped whenever `kind` or `qubits` change, so it never
    /// describes another unitary than `kind`.
    public private(set) var sequence: GateSequence?

    /// Creates an operation.
    public init(
        _ kind: Kind, qubits: [Int], controls: [Control] = [], condition: Condition? = nil, name: String
    ) {
        self.kind = kind
        self.qubits = qubits
        self.controls = controls
        self.condition = condition
        self.name = name
    }

    /// A block of gates kept as its gates: `.unitary(sequence.matrix)` on `qubits` (local bit j =
    /// `qubits[j]`), with `sequence` attached for kernels that replay it.
    public init(sequence: GateSequence, qubits: [Int], name: String) {
        precondition(sequence.qubitCount == qubits.count, "one qubit per local bit of the sequence")
        self.init(.unitary(sequence.matrix), qubits: qubits, name: name)
        self.sequence = sequence
    }

    /// Whether the operation changes the state only by a unitary (no measurement, reset or barrier).
    public var isUnitary: Bool {
        switch kind {
        case .unitary, .diagonal, .swap, .fourier, .globalPhase: return true
        case .measure, .reset, .barrier: return false
        }
    }

    /// Every qubit the operation touches: targets, then controls.
    public var allQubits: [Int] { qubits + controls.map(\.qubit) }
}
