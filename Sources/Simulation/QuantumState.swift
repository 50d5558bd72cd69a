import CircuitIR
import Numerics
import QKSupport

/// What the `Simulator` needs from a state, whatever its precision: `StateVector` (complex128) and
/// `SinglePrecisionStateVector` (complex64) both conform, so one run loop, one shot-by-shot loop
/// and one sampler serve both. Amplitudes and reductions cross the protocol as `Double`.
///
/// Both implement it with the same code (`InterleavedState`), specialised for each precision; the
/// protocol is used through generics (specialised by the compiler), never as an existential in a
/// per-amplitude path.
public protocol QuantumState: AnyObject {
    /// The precision of the stored amplitudes.
    static var precision: Precision { get }
    /// Creates `|0...0>` on `qubitCount` qubits, first checking that it fits in memory.
    init(qubitCount: Int, instructionSet: InstructionSet, parallelism: Parallelism) throws
    /// Number of qubits.
    var qubitCount: Int { get }
    /// Number of amplitudes, `2^qubitCount`.
    var count: Int { get }
    /// Which kernels apply gates.
    var instructionSet: InstructionSet { get set }
    /// How the kernels split work over threads.
    var parallelism: Parallelism { get set }
    /// Amplitude `i`, widened to `Complex<Double>`.
    func amplitude(_ i: Int) -> Complex<Double>
    /// Resets to `|0...0>`.
    func setZero()
    /// An independent copy.
    func copy() throws -> Self
    /// Overwrites this state with `other`'s amplitudes (same qubit count).
    func assign(from other: Self)
    /// Applies a unitary operation.
    func apply(_ op: Operation) throws
    /// Multiplies by `phase` exactly the amplitudes whose `qubits` read `values`.
    func applyPhase(_ phase: Complex<Double>, whereQubits qubits: [Int], read values: [Bool])
    /// Measures `qubit`, collapses the state and returns the bit.
    func measure(_ qubit: Int, using rng: inout SeededGenerator) -> Bool
    /// Resets `qubit` to `|0>`.
    func reset(_ qubit: Int, using rng: inout SeededGenerator)
    /// Draws `shots` basis-state indices from `|psi_i|^2`, ascending.
    func sampleIndices(shots: Int, using rng: inout SeededGenerator) -> [Int]
    /// `sum |psi_i|^2`, accumulated in double.
    var squaredNorm: Double { get }
    /// The probabilities of all basis states.
    func probabilities() -> [Double]
    /// `<psi|P|psi>` of a Pauli string.
    func expectation(_ pauli: PauliString) throws -> Double
}
