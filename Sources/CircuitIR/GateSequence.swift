import Numerics

/// A block of gates kept as its gates, beside the block's matrix: one-qubit matrices on the
/// block's local bits and permutations of its local basis states (CX, CCX, SWAP, X).
///
/// A dense `2^k x 2^k` block costs `2^k` complex multiply-adds per amplitude however few gates
/// it holds. Replayed gate by gate, each one-qubit matrix costs 2 and a permutation can often be
/// folded into where the following gates read and write, costing nothing; so a 5-qubit block of
/// eight one-qubit gates and some CXs costs less arithmetic than a dense 3-qubit one. Gate fusion
/// attaches a sequence to a fused block (`Operation.sequence`) where its cost model prices the
/// replay below the dense product.
///
/// Local bit `j` is the block's qubit `j` (`Operation.qubits[j]`), as in its matrix.
public struct GateSequence: Sendable, Hashable {
    /// One gate of the sequence.
    public enum Part: Sendable, Hashable {
        /// A 2x2 matrix `[[m00, m01], [m10, m11]]` (row-major) on local bit `bit`.
        case matrix(bit: Int, entries: [Complex<Double>])
        /// The local basis state `x` goes to `permutation[x]` (`2^k` entries).
        case permutation([Int])
    }

    /// The number of qubits `k` of the block.
    public let qubitCount: Int
    /// The gates, in the order they act.
    public let parts: [Part]

    /// Creates a sequence; every bit must be below `k`, every permutation one of `0..<2^k`.
    public init(qubitCount k: Int, parts: [Part]) {
        precondition(k >= 1 && k <= 8, "a sequence acts on 1...8 qubits")
        for part in parts {
            switch part {
            case .matrix(let bit, let entries):
                precondition(bit >= 0 && bit < k && entries.count == 4, "a 2x2 matrix on one of the \(k) local bits")
            case .permutation(let p):
                precondition(p.count == 1 << k && Set(p).count == p.count && p.allSatisfy { $0 >= 0 && $0 < p.count },
                             "a permutation of the 2^\(k) local basis states")
            }
        }
        self.qubitCount = k
        self.parts = parts
    }

    /// The number of one-qubit matrices: the arithmetic of a replay is about `2 * stepCount`
    /// complex multiply-adds per amplitude.
    public var stepCount: Int {
        parts.reduce(0) { n, part in
            if case .matrix = part { return n + 1 }
            return n
        }
    }

    /// The unitary the sequence applies, as a dense matrix (local bit j = the block's qubit j).
    public var matrix: GateMatrix {
        let dim = 1 << qubitCount
        var u = [Complex<Double>](repeating: .zero, count: dim * dim)
        for column in 0..<dim {
            var v = (0..<dim).map { $0 == column ? Complex<Double>.one : .zero }
            for part in parts {
                switch part {
                case .matrix(let bit, let m):
                    for x in 0..<dim where (x >> bit) & 1 == 0 {
                        let y = x | 1 << bit
                        (v[x], v[y]) = (m[0] * v[x] + m[1] * v[y], m[2] * v[x] + m[3] * v[y])
                    }
                case .permutation(let p):
                    var w = v
                    for x in 0..<dim { w[p[x]] = v[x] }
                    v = w
                }
            }
            for r in 0..<dim { u[r * dim + column] = v[r] }
        }
        return GateMatrix(dimension: dim, entries: u)
    }
}
