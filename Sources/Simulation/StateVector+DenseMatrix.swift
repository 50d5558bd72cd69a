import CQKKernels
import CircuitIR

extension StateVector {
    /// Largest block a dense matrix call accepts: 4 qubits, a 16 x 16 matrix.
    public static let maxDenseMatrixQubits = Int(QK_MAX_DENSE_QUBITS)

    /// Applies a dense `2^k x 2^k` matrix on `qubits` (k = 1...4, distinct, in range) in one pass:
    /// `psi'[.., l, ..] = sum_c m[l, c] psi[.., c, ..]`, with local index bit j = bit `qubits[j]` of
    /// the amplitude index (the IR's little-endian convention). Fused gate blocks run on this.
    public func applyDenseMatrix(_ m: GateMatrix, on qubits: [Int]) {
        let k = qubits.count
        precondition(k >= 1 && k <= Self.maxDenseMatrixQubits, "a dense block acts on 1...4 qubits")
        precondition(m.dimension == 1 << k, "matrix dimension must be 2^(qubit count)")
        precondition(Set(qubits).count == k && qubits.allSatisfy { $0 >= 0 && $0 < qubitCount },
                     "block qubits must be distinct and in range")
        let qs = qubits.map { UInt32($0) }
        let isa = instructionSet.isa, p = storage, n = UInt32(qubitCount), kk = UInt32(k)
        let items = Int(qk_dense_items(n, kk))
        qs.withUnsafeBufferPointer { q in
            let qp = q.baseAddress!
            m.withUnsafeInterleaved { mp in
                parallelism.forEachChunk(count: items) { r in
                    qk_apply_dense(isa, p, n, qp, kk, mp, UInt64(r.lowerBound), UInt64(r.upperBound))
                }
            }
        }
    }
}
