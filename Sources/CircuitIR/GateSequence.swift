import Numerics

/// A block of gates kept as its gates, beside the block's matrix: a list of 2x2 matrices each
/// applied to pairs of the block's local basis states, with the block's permutation gates (CX,
/// SWAP, X) folded into which states are paired and where each ends up.
///
/// A dense `2^k x 2^k` block costs `2^k` complex multiply-adds per amplitude however few gates
/// it holds. Replayed step by step, each one-qubit matrix costs 2 and each permutation gate none,
/// so a 5-qubit block of eight one-qubit gates and some CXs costs less arithmetic than a dense
/// 3-qubit one. Gate fusion attaches a sequence to a fused block (`Operation.sequence`) where its
/// cost model prices the replay below the dense product.
///
/// **Semantics.** The `2^k` local basis states (bit `j` is the block's qubit `j`) are read into
/// slots, slot `c` holding state `c`. Step `t` multiplies each pair of slots
/// `(pairs[t 2^k + 2p], pairs[t 2^k + 2p + 1])`, read as a column, by `matrices[4t ..< 4t + 4]`
/// (row-major). At the end slot `c` holds local state `labels[c]`. `matrix` multiplies this out.
public struct GateSequence: Sendable, Hashable {
    /// The number of qubits `k` of the block; there are `2^k` slots.
    public let qubitCount: Int
    /// Four entries per step, row-major `[[m00, m01], [m10, m11]]`.
    public let matrices: [Complex<Double>]
    /// `2^k` slot numbers per step, in pairs: the slot playing `|0>` of the step's qubit, then `|1>`.
    public let pairs: [UInt8]
    /// `labels[c]`: the local basis state that slot `c` holds after the last step.
    public let labels: [UInt8]

    /// Creates a sequence; every step's pairs must cover each slot once and `labels` must be a
    /// permutation of the slots.
    public init(qubitCount k: Int, matrices: [Complex<Double>], pairs: [UInt8], labels: [UInt8]) {
        precondition(k >= 1 && k <= 8, "a sequence acts on 1...8 qubits")
        let dim = 1 << k
        precondition(matrices.count % 4 == 0 && pairs.count == matrices.count / 4 * dim, "one matrix and 2^k slots per step")
        precondition(labels.count == dim && Set(labels).count == dim && labels.allSatisfy { Int($0) < dim },
                     "labels must be a permutation of the 2^k slots")
        for t in 0..<(matrices.count / 4) {
            let step = pairs[(t * dim)..<((t + 1) * dim)]
            precondition(Set(step).count == dim && step.allSatisfy { Int($0) < dim }, "step \(t) must pair every slot once")
        }
        self.qubitCount = k
        self.matrices = matrices
        self.pairs = pairs
        self.labels = labels
    }

    /// The number of 2x2 steps: the arithmetic of a replay is `2 * stepCount` complex
    /// multiply-adds per amplitude.
    public var stepCount: Int { matrices.count / 4 }

    /// The unitary the sequence applies, as a dense matrix (local bit j = the block's qubit j).
    public var matrix: GateMatrix {
        let dim = 1 << qubitCount
        var u = [Complex<Double>](repeating: .zero, count: dim * dim)
        var slots = [Complex<Double>](repeating: .zero, count: dim)
        for column in 0..<dim {
            for c in 0..<dim { slots[c] = c == column ? .one : .zero }
            for t in 0..<stepCount {
                let m = matrices[(4 * t)..<(4 * t + 4)].map { $0 }
                for p in stride(from: 0, to: dim, by: 2) {
                    let a = Int(pairs[t * dim + p]), b = Int(pairs[t * dim + p + 1])
                    let x = slots[a], y = slots[b]
                    slots[a] = m[0] * x + m[1] * y
                    slots[b] = m[2] * x + m[3] * y
                }
            }
            for c in 0..<dim { u[Int(labels[c]) * dim + column] = slots[c] }
        }
        return GateMatrix(dimension: dim, entries: u)
    }
}
