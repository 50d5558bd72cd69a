import Numerics

/// A dense square complex matrix, row-major: the unitary of a gate on a few qubits.
///
/// Small by design (a gate on `k <= 5` qubits has `4^k` entries); the simulator's C kernels read it
/// as interleaved `(re, im)` doubles.
public struct GateMatrix: Sendable, Hashable {
    /// The matrix dimension, `2^k` for a gate on `k` qubits.
    public let dimension: Int
    /// The entries, row-major: `entries[r * dimension + c]`.
    public private(set) var entries: [Complex<Double>]

    /// Creates a matrix from row-major entries; `entries.count` must be a square of a power of two.
    public init(dimension: Int, entries: [Complex<Double>]) {
        precondition(dimension > 0 && dimension & (dimension - 1) == 0, "dimension must be a power of two")
        precondition(entries.count == dimension * dimension, "expected \(dimension * dimension) entries")
        self.dimension = dimension
        self.entries = entries
    }

    /// Creates a 2x2 matrix `[[a, b], [c, d]]`.
    public init(_ a: Complex<Double>, _ b: Complex<Double>, _ c: Complex<Double>, _ d: Complex<Double>) {
        self.init(dimension: 2, entries: [a, b, c, d])
    }

    /// The identity of dimension `n`.
    public static func identity(_ n: Int) -> GateMatrix {
        var e = [Complex<Double>](repeating: .zero, count: n * n)
        for i in 0..<n { e[i * n + i] = .one }
        return GateMatrix(dimension: n, entries: e)
    }

    /// Number of qubits the matrix acts on.
    public var qubitCount: Int { dimension.trailingZeroBitCount }

    /// Entry at row `r`, column `c`.
    public subscript(r: Int, c: Int) -> Complex<Double> {
        get { entries[r * dimension + c] }
        set { entries[r * dimension + c] = newValue }
    }

    /// The matrix product `self * other`.
    public static func * (lhs: GateMatrix, rhs: GateMatrix) -> GateMatrix {
        precondition(lhs.dimension == rhs.dimension)
        let n = lhs.dimension
        var out = [Complex<Double>](repeating: .zero, count: n * n)
        for r in 0..<n {
            for k in 0..<n {
                let a = lhs.entries[r * n + k]
                if a == .zero { continue }
                for c in 0..<n { out[r * n + c] = out[r * n + c] + a * rhs.entries[k * n + c] }
            }
        }
        return GateMatrix(dimension: n, entries: out)
    }

    /// The conjugate transpose, which for a unitary is its inverse.
    public var adjoint: GateMatrix {
        let n = dimension
        var out = entries
        for r in 0..<n { for c in 0..<n { out[c * n + r] = entries[r * n + c].conjugate } }
        return GateMatrix(dimension: n, entries: out)
    }

    /// `self` multiplied by the scalar `exp(i * phase)`.
    public func withGlobalPhase(_ phase: Double) -> GateMatrix {
        if phase == 0 { return self }
        let z = Complex(length: 1, phase: phase)
        return GateMatrix(dimension: dimension, entries: entries.map { $0 * z })
    }

    /// Whether every off-diagonal entry is exactly zero.
    public var isDiagonal: Bool {
        for r in 0..<dimension { for c in 0..<dimension where r != c && entries[r * dimension + c] != .zero { return false } }
        return true
    }

    /// The diagonal entries.
    public var diagonal: [Complex<Double>] { (0..<dimension).map { entries[$0 * dimension + $0] } }

    /// Calls `body` with the entries viewed as interleaved `(re, im)` doubles, without copying
    /// (`Complex<Double>` is laid out as two `Double`s).
    public func withUnsafeInterleaved<R>(_ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
        try entries.withUnsafeBufferPointer { buffer in
            try UnsafeRawPointer(buffer.baseAddress!).withMemoryRebound(to: Double.self, capacity: 2 * buffer.count) { try body($0) }
        }
    }

    /// The entries as interleaved `(re, im)` doubles, the layout the C kernels read.
    public var interleaved: [Double] { entries.flatMap { [$0.real, $0.imaginary] } }

    /// Largest entry-wise distance to `other`, for tests and for recognising special matrices.
    public func maxDistance(to other: GateMatrix) -> Double {
        precondition(dimension == other.dimension)
        var m = 0.0
        for (a, b) in zip(entries, other.entries) { m = max(m, (a - b).length) }
        return m
    }
}
