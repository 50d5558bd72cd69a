import QKSupport

/// The memory behind a state of either precision: `2^n` complex amplitudes of `Scalar`,
/// interleaved `(re, im)`, 64-byte aligned, allocated by the precision's C allocator and freed
/// with the state, plus the kernel settings. Nothing proportional to `2^n` beside it.
///
/// The base class of `StateVector` and `SinglePrecisionStateVector`, so that the two share their
/// stored properties and allocation; what they do is `InterleavedState`'s.
public class InterleavedStorage<Scalar: BinaryFloatingPoint & Sendable> {
    /// Number of qubits.
    public let qubitCount: Int
    /// Number of amplitudes, `2^qubitCount`.
    public let count: Int
    /// Interleaved `(re, im)` storage of `2 * count` scalars.
    @usableFromInline let storage: UnsafeMutablePointer<Scalar>
    /// Which kernels apply gates to this state.
    public var instructionSet: InstructionSet
    /// How the kernels split work over threads.
    public var parallelism: Parallelism

    /// Creates `|0...0>` on `qubitCount` qubits, first checking that it fits in memory
    /// (`16 * 2^qubitCount` bytes in double precision, `8 * 2^qubitCount` in single).
    ///
    /// - Throws: `SimulationError.tooManyQubits`, or `SimulationError.insufficientMemory` with the
    ///   bytes needed and available.
    public init(
        qubitCount: Int, instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        let precision: Precision = AmplitudeKernels<Scalar>.isDouble ? .double : .single
        try precision.requireFits(qubits: qubitCount, availableBytes: SystemMemory.availableBytes)
        guard let p = AmplitudeKernels<Scalar>.allocate(UInt32(qubitCount)) else {
            throw SimulationError.insufficientMemory(
                qubits: qubitCount, requiredBytes: precision.stateBytes(qubits: qubitCount), availableBytes: 0)
        }
        p[0] = 1
        self.qubitCount = qubitCount
        self.count = 1 << qubitCount
        self.storage = p
        self.instructionSet = instructionSet
        self.parallelism = parallelism
    }

    deinit { AmplitudeKernels<Scalar>.free(storage) }

    /// Write access to the interleaved `(re, im)` scalars.
    @inlinable public func withUnsafeMutableInterleaved<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage, count: 2 * count))
    }
}
