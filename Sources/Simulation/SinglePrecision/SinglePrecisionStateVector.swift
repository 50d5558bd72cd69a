import CQKKernels
import Numerics
import QKSupport

/// The state of `n` qubits in single precision: `2^n` complex64 amplitudes, 64-byte aligned,
/// interleaved `(re, im)` floats, in the same qubit order as `StateVector` (qubit `q` is bit `q`).
///
/// The storage is `8 * 2^n` bytes and nothing proportional beside it: half of `StateVector`'s,
/// so a 30-qubit state takes 8 GiB. Gates are applied with float matrices rounded from the double
/// gate matrices; norms, probabilities, inner products and expectations are accumulated in double.
/// The public API mirrors `StateVector`'s (amplitudes read as `Complex<Float>`; reductions return
/// `Double`); both conform to `QuantumState`, which is what `Simulator` runs circuits on.
public final class SinglePrecisionStateVector {
    /// Number of qubits.
    public let qubitCount: Int
    /// Number of amplitudes, `2^qubitCount`.
    public let count: Int
    /// Interleaved `(re, im)` storage of `2 * count` floats.
    let storage: UnsafeMutablePointer<Float>
    /// Which kernels apply gates to this state.
    public var instructionSet: InstructionSet
    /// How the kernels split work over threads.
    public var parallelism: Parallelism

    /// Creates `|0...0>` on `qubitCount` qubits, first checking that `8 * 2^qubitCount` bytes fit.
    ///
    /// - Throws: `SimulationError.insufficientMemory` with the bytes needed and available.
    public init(
        qubitCount: Int, instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        try Precision.single.requireFits(qubits: qubitCount, availableBytes: SystemMemory.availableBytes)
        guard let p = qk_f32_state_alloc(UInt32(qubitCount)) else {
            throw SimulationError.insufficientMemory(
                qubits: qubitCount, requiredBytes: Precision.single.stateBytes(qubits: qubitCount), availableBytes: 0)
        }
        self.qubitCount = qubitCount
        self.count = 1 << qubitCount
        self.storage = p
        self.instructionSet = instructionSet
        self.parallelism = parallelism
        storage[0] = 1
    }

    /// Creates a state from interleaved float amplitudes (not renormalised).
    public convenience init(
        interleaved: [Float], instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        let n = (interleaved.count / 2).trailingZeroBitCount
        guard interleaved.count >= 2, interleaved.count == 2 << n else {
            throw SimulationError.unsupported("a state needs 2^n complex amplitudes, got \(interleaved.count / 2)")
        }
        try self.init(qubitCount: n, instructionSet: instructionSet, parallelism: parallelism)
        interleaved.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: interleaved.count) }
    }

    /// Creates a single-precision copy of a double-precision state (each amplitude rounded).
    public convenience init(_ state: StateVector) throws {
        try self.init(qubitCount: state.qubitCount, instructionSet: state.instructionSet, parallelism: state.parallelism)
        let s = storage
        state.withUnsafeInterleaved { src in
            parallelism.forEachChunk(count: 2 * count) { r in for i in r { s[i] = Float(src[i]) } }
        }
    }

    deinit { qk_f32_state_free(storage) }

    /// An independent copy (same amplitudes, same kernel settings).
    public func copy() throws -> SinglePrecisionStateVector {
        let c = try SinglePrecisionStateVector(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        c.storage.update(from: storage, count: 2 * count)
        return c
    }

    /// Overwrites this state with `other`'s amplitudes (same qubit count).
    public func assign(from other: SinglePrecisionStateVector) {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        storage.update(from: other.storage, count: 2 * count)
    }

    /// Resets to `|0...0>`.
    public func setZero() {
        storage.update(repeating: 0, count: 2 * count)
        storage[0] = 1
    }

    /// Amplitude `i`.
    public subscript(i: Int) -> Complex<Float> {
        get { Complex(storage[2 * i], storage[2 * i + 1]) }
        set {
            storage[2 * i] = newValue.real
            storage[2 * i + 1] = newValue.imaginary
        }
    }

    /// Read access to the interleaved `(re, im)` floats, for `.npy` output.
    public func withUnsafeInterleaved<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage, count: 2 * count))
    }

    /// Write access to the interleaved `(re, im)` floats.
    public func withUnsafeMutableInterleaved<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage, count: 2 * count))
    }

    /// The amplitudes as interleaved floats (a copy).
    public var interleaved: [Float] { Array(UnsafeBufferPointer(start: storage, count: 2 * count)) }

    /// `sum |psi_i|^2`, accumulated in double.
    public var squaredNorm: Double {
        let isa = instructionSet.isa, p = UnsafePointer(storage)
        return parallelism.sumChunks(count: count) { r in qk_f32_norm2(isa, p, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Multiplies every amplitude by the real factor `s`.
    public func scale(by s: Double) {
        let isa = instructionSet.isa, p = storage, f = Float(s)
        parallelism.forEachChunk(count: count) { r in qk_f32_scale(isa, p, f, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Rescales to unit norm.
    public func normalize() {
        let n2 = squaredNorm
        if n2 > 0 { scale(by: 1 / n2.squareRoot()) }
    }

    /// The inner product `<self|other>` (conjugate-linear in `self`), accumulated in double.
    public func inner(_ other: SinglePrecisionStateVector) -> Complex<Double> {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        let isa = instructionSet.isa, a = UnsafePointer(storage), b = UnsafePointer(other.storage)
        return parallelism.sumChunks(count: count) { r -> Complex<Double> in
            var out = (0.0, 0.0)
            withUnsafeMutableBytes(of: &out) {
                qk_f32_inner(isa, a, b, UInt64(r.lowerBound), UInt64(r.upperBound), $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            return Complex(out.0, out.1)
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

    /// The fidelity `|<self|other>|^2`, insensitive to global phase.
    public func fidelity(with other: SinglePrecisionStateVector) -> Double { inner(other).lengthSquared }

    /// The fidelity `|<self|other>|^2` with a double-precision state.
    public func fidelity(with other: StateVector) -> Double { inner(other).lengthSquared }

    /// The probabilities `|psi_i|^2` of all basis states, in double (allocates `8 * 2^n` bytes: for output).
    public func probabilities() -> [Double] {
        var p = [Double](repeating: 0, count: count)
        let s = storage
        p.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            parallelism.forEachChunk(count: count) { r in
                for i in r {
                    let re = Double(s[2 * i]), im = Double(s[2 * i + 1])
                    o[i] = re * re + im * im
                }
            }
        }
        return p
    }
}

extension SinglePrecisionStateVector: QuantumState {
    /// complex64.
    public static var precision: Precision { .single }

    /// Amplitude `i`, widened to double.
    public func amplitude(_ i: Int) -> Complex<Double> { Complex(Double(storage[2 * i]), Double(storage[2 * i + 1])) }
}
