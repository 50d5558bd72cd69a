import CQKKernels
import Numerics
import QKSupport

/// A `QuantumState` held in memory as `2^n` complex amplitudes of `Scalar`, interleaved
/// `(re, im)` and 64-byte aligned, amplitude `i` belonging to the basis state whose qubit `q` is
/// bit `q` of `i`: `StateVector` (`Double`, complex128) and `SinglePrecisionStateVector` (`Float`,
/// complex64).
///
/// Everything above the storage (gate routing and validation, measurement, sampling, reductions,
/// dense blocks, the FFT QFT) is written once, in extensions of this protocol. A conforming class
/// supplies only its storage (it is an `InterleavedStorage`); `AmplitudeKernels` calls the C
/// kernels of its precision. Reductions are accumulated in double at either precision.
///
/// Two concrete classes sharing a protocol, not one generic class under two type aliases: each
/// precision keeps its own `QuantumState` conformance, whose witnesses (what the generic run loop
/// calls per gate) the compiler specialises for that precision, and other modules can extend or
/// conform each precision on its own (the CLI's output formats do; Swift allows a generic type
/// only one conformance to a protocol, whatever its arguments).
///
/// The shared methods are `@inlinable`: a call such as `state.apply(op)` from another module
/// (Learning's VQC, the benchmarks) names the protocol extension, which would otherwise run
/// unspecialised, through witness tables (measured: +40% per gate on 6-qubit states). Inlined,
/// the caller specialises it for the concrete class, as calls inside this module are.
public protocol InterleavedState: QuantumState {
    /// `Double` (complex128) or `Float` (complex64).
    associatedtype Scalar: BinaryFloatingPoint & Real & Sendable
    /// Write access to the interleaved `(re, im)` scalars.
    func withUnsafeMutableInterleaved<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R
}

extension InterleavedState {
    /// The C kernels of this precision.
    @usableFromInline typealias Kernels = AmplitudeKernels<Scalar>

    /// The storage, owned by the state for its whole life (so valid while `self` is).
    @inlinable var amplitudes: UnsafeMutablePointer<Scalar> { withUnsafeMutableInterleaved { $0.baseAddress! } }

    /// The precision of the stored amplitudes.
    public static var precision: Precision { Kernels.isDouble ? .double : .single }

    /// Creates a state from interleaved amplitudes (not renormalised).
    @inlinable public init(
        interleaved: [Scalar], instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()
    ) throws {
        let n = (interleaved.count / 2).trailingZeroBitCount
        guard interleaved.count >= 2, interleaved.count == 2 << n else {
            throw SimulationError.unsupported("a state needs 2^n complex amplitudes, got \(interleaved.count / 2)")
        }
        try self.init(qubitCount: n, instructionSet: instructionSet, parallelism: parallelism)
        interleaved.withUnsafeBufferPointer { amplitudes.update(from: $0.baseAddress!, count: interleaved.count) }
    }

    /// An independent copy (same amplitudes, same kernel settings).
    @inlinable public func copy() throws -> Self {
        let c = try Self(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        c.amplitudes.update(from: amplitudes, count: 2 * count)
        return c
    }

    /// Overwrites this state with `other`'s amplitudes (same qubit count).
    @inlinable public func assign(from other: Self) {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        amplitudes.update(from: other.amplitudes, count: 2 * count)
    }

    /// Resets to `|0...0>`.
    @inlinable public func setZero() {
        let s = amplitudes
        s.update(repeating: 0, count: 2 * count)
        s[0] = 1
    }

    /// Amplitude `i`.
    @inlinable public subscript(i: Int) -> Complex<Scalar> {
        get {
            let s = amplitudes
            return Complex(s[2 * i], s[2 * i + 1])
        }
        set {
            let s = amplitudes
            s[2 * i] = newValue.real
            s[2 * i + 1] = newValue.imaginary
        }
    }

    /// Amplitude `i`, widened to `Complex<Double>`.
    @inlinable public func amplitude(_ i: Int) -> Complex<Double> {
        let s = amplitudes
        return Complex(Double(s[2 * i]), Double(s[2 * i + 1]))
    }

    /// Read access to the interleaved `(re, im)` scalars, for BLAS, FFTW and `.npy` output.
    @inlinable public func withUnsafeInterleaved<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try withUnsafeMutableInterleaved { try body(UnsafeBufferPointer($0)) }
    }

    /// The amplitudes as interleaved scalars (a copy).
    @inlinable public var interleaved: [Scalar] { withUnsafeInterleaved { Array($0) } }

    /// `sum |psi_i|^2`, which unitaries preserve, accumulated in double.
    @inlinable public var squaredNorm: Double {
        let isa = instructionSet.isa, p = UnsafePointer(amplitudes)
        return parallelism.sumChunks(count: count) { r in Kernels.norm2(isa, p, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Multiplies every amplitude by the real factor `s` (rounded once to `Scalar`).
    @inlinable public func scale(by s: Double) {
        let isa = instructionSet.isa, p = amplitudes, f = Scalar(s)
        parallelism.forEachChunk(count: count) { r in Kernels.scale(isa, p, f, UInt64(r.lowerBound), UInt64(r.upperBound)) }
    }

    /// Rescales to unit norm.
    @inlinable public func normalize() {
        let n2 = squaredNorm
        if n2 > 0 { scale(by: 1 / n2.squareRoot()) }
    }

    /// The inner product `<self|other>` (conjugate-linear in `self`), accumulated in double.
    @inlinable public func inner(_ other: Self) -> Complex<Double> {
        precondition(other.qubitCount == qubitCount, "states differ in size")
        let isa = instructionSet.isa
        let a = UnsafePointer(amplitudes), b = UnsafePointer(other.amplitudes)
        return parallelism.sumChunks(count: count) { r -> Complex<Double> in
            var out = (0.0, 0.0)
            withUnsafeMutableBytes(of: &out) {
                Kernels.inner(isa, a, b, UInt64(r.lowerBound), UInt64(r.upperBound), $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            return Complex(out.0, out.1)
        }
    }

    /// The fidelity `|<self|other>|^2`, insensitive to global phase.
    @inlinable public func fidelity(with other: Self) -> Double { inner(other).lengthSquared }

    /// The probabilities `|psi_i|^2` of all basis states, in double (allocates `8 * 2^n` bytes: for output).
    @inlinable public func probabilities() -> [Double] {
        var p = [Double](repeating: 0, count: count)
        let s = amplitudes
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
