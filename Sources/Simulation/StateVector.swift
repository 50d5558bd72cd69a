import CQKKernels
import Numerics
import QKSupport

/// The state of `n` qubits: `2^n` complex amplitudes, 64-byte aligned, interleaved `(re, im)`.
///
/// Amplitude `i` belongs to the basis state whose qubit `q` is bit `q` of `i` (Qiskit's order). The
/// interleaved layout is what numpy, BLAS (`zgemm`/`zherk` for Gram matrices) and FFTW read
/// directly, so results leave the simulator without a copy; see docs/architecture.md for why it
/// beats a split re/im layout here.
///
/// The storage is `16 * 2^n` bytes and nothing proportional beside it. A `StateVector` is a class
/// because that storage is large and owned: copy explicitly with `copy()`.
public final class StateVector {
    /// Number of qubits.
    public let qubitCount: Int
    /// Number of amplitudes, `2^qubitCount`.
    public let count: Int
    /// Interleaved `(re, im)` storage of `2 * count` doubles.
    let storage: UnsafeMutablePointer<Double>
    /// Which kernels apply gates to this state.
    public var instructionSet: InstructionSet
    /// How the kernels split work over threads.
    public var parallelism: Parallelism

    /// Creates `|0...0>` on `qubitCount` qubits, first checking that it fits in memory.
    ///
    /// - Throws: `SimulationError.insufficientMemory` with the bytes needed and available.
    public init(
        qubitCount: Int, instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        guard qubitCount >= 0 && qubitCount <= Int(QK_MAX_QUBITS) else { throw SimulationError.tooManyQubits(qubitCount) }
        let need = 16 * Double(sign: .plus, exponent: qubitCount, significand: 1)
        if let available = SystemMemory.availableBytes, need > Double(available) {
            throw SimulationError.insufficientMemory(qubits: qubitCount, requiredBytes: need, availableBytes: Double(available))
        }
        guard let p = qk_state_alloc(UInt32(qubitCount)) else {
            throw SimulationError.insufficientMemory(qubits: qubitCount, requiredBytes: need, availableBytes: 0)
        }
        self.qubitCount = qubitCount
        self.count = 1 << qubitCount
        self.storage = p
        self.instructionSet = instructionSet
        self.parallelism = parallelism
        storage[0] = 1
    }

    /// Creates a state from interleaved amplitudes (not renormalised).
    public convenience init(
        interleaved: [Double], instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        let n = (interleaved.count / 2).trailingZeroBitCount
        guard interleaved.count >= 2, interleaved.count == 2 << n else {
            throw SimulationError.unsupported("a state needs 2^n complex amplitudes, got \(interleaved.count / 2)")
        }
        try self.init(qubitCount: n, instructionSet: instructionSet, parallelism: parallelism)
        interleaved.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: interleaved.count) }
    }

    deinit { qk_state_free(storage) }

    /// An independent copy (same amplitudes, same kernel settings).
    public func copy() throws -> StateVector {
        let c = try StateVector(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        c.storage.update(from: storage, count: 2 * count)
        return c
    }

    /// Overwrites this state with `other`'s amplitudes (same qubit count).
    public func assign(from other: StateVector) {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        storage.update(from: other.storage, count: 2 * count)
    }

    /// Resets to `|0...0>`.
    public func setZero() {
        storage.update(repeating: 0, count: 2 * count)
        storage[0] = 1
    }

    /// Amplitude `i`.
    public subscript(i: Int) -> Complex<Double> {
        get { Complex(storage[2 * i], storage[2 * i + 1]) }
        set {
            storage[2 * i] = newValue.real
            storage[2 * i + 1] = newValue.imaginary
        }
    }

    /// Read access to the interleaved `(re, im)` doubles, for BLAS, FFTW and `.npy` output.
    public func withUnsafeInterleaved<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage, count: 2 * count))
    }

    /// Write access to the interleaved `(re, im)` doubles.
    public func withUnsafeMutableInterleaved<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage, count: 2 * count))
    }

    /// The amplitudes as interleaved doubles (a copy).
    public var interleaved: [Double] { Array(UnsafeBufferPointer(start: storage, count: 2 * count)) }

    /// `sum |psi_i|^2`, which unitaries preserve.
    public var squaredNorm: Double {
        let isa = instructionSet.isa, p = UnsafePointer(storage)
        return parallelism.sumChunks(count: count) { r in qk_norm2(isa, p, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Multiplies every amplitude by the real factor `s`.
    public func scale(by s: Double) {
        let isa = instructionSet.isa, p = storage
        parallelism.forEachChunk(count: count) { r in qk_scale(isa, p, s, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Rescales to unit norm.
    public func normalize() {
        let n2 = squaredNorm
        if n2 > 0 { scale(by: 1 / n2.squareRoot()) }
    }

    /// The inner product `<self|other>` (conjugate-linear in `self`).
    public func inner(_ other: StateVector) -> Complex<Double> {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        let isa = instructionSet.isa, a = UnsafePointer(storage), b = UnsafePointer(other.storage)
        let s = parallelism.sumChunks(count: count) { r -> Complex<Double> in
            var out = (0.0, 0.0)
            withUnsafeMutableBytes(of: &out) {
                qk_inner(isa, a, b, UInt64(r.lowerBound), UInt64(r.upperBound), $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            return Complex(out.0, out.1)
        }
        return s
    }

    /// The fidelity `|<self|other>|^2`, insensitive to global phase.
    public func fidelity(with other: StateVector) -> Double { inner(other).lengthSquared }

    /// The probabilities `|psi_i|^2` of all basis states (allocates `8 * 2^n` bytes: for output).
    public func probabilities() -> [Double] {
        var p = [Double](repeating: 0, count: count)
        let s = storage
        p.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            parallelism.forEachChunk(count: count) { r in
                for i in r { o[i] = s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1] }
            }
        }
        return p
    }
}
