import CQKKernels
import CircuitIR
import Numerics
import QKSupport

extension InterleavedState {
    /// Applies a dense `2^k x 2^k` matrix on `qubits` (k = 1...5, distinct, in range) in one pass:
    /// `psi'[.., l, ..] = sum_c m[l, c] psi[.., c, ..]`, with local index bit j = bit `qubits[j]` of
    /// the amplitude index (the IR's little-endian convention), only where every control reads its
    /// value (the controls must be distinct from `qubits`; single precision has no controlled
    /// kernel and takes none). Fused gate blocks run on this.
    @inlinable func applyDenseBlock(_ m: GateMatrix, on qubits: [Int], controls: [Control]) {
        let k = qubits.count
        precondition(k >= 1 && k <= Int(QK_MAX_DENSE_QUBITS), "a dense block acts on 1...\(QK_MAX_DENSE_QUBITS) qubits")
        precondition(m.dimension == 1 << k, "matrix dimension must be 2^(qubit count)")
        precondition(Set(qubits).count == k && qubits.allSatisfy { $0 >= 0 && $0 < qubitCount },
                     "block qubits must be distinct and in range")
        precondition(Set(qubits + controls.map(\.qubit)).count == k + controls.count
                     && controls.allSatisfy { $0.qubit >= 0 && $0.qubit < qubitCount },
                     "controls must be distinct, in range and apart from the block's qubits")
        precondition(Kernels.hasControlledDense || controls.isEmpty, "controlled dense blocks need double precision")
        let qs = qubits.map { UInt32($0) }
        let cs = controls.map { UInt32($0.qubit) }
        var values: UInt64 = 0
        for (j, c) in controls.enumerated() where c.value { values |= 1 << UInt64(j) }
        let isa = instructionSet.isa, p = amplitudes
        let n = UInt32(qubitCount), kk = UInt32(k), nc = UInt32(cs.count)
        let items = Int(Kernels.denseItems(n, kk, nc))
        qs.withUnsafeBufferPointer { q in
            cs.withUnsafeBufferPointer { c in
                let qp = q.baseAddress!, cp = c.baseAddress, cv = values
                m.withInterleaved(as: Scalar.self) { mp in
                    parallelism.forEachChunk(count: items, itemWeight: 1 << (k - 1)) { r in
                        Kernels.dense(isa, p, n, qp, kk, mp, cp, nc, cv, UInt64(r.lowerBound), UInt64(r.upperBound))
                    }
                }
            }
        }
    }
}

extension InterleavedState {
    /// Applies a block given as its gates (`GateSequence`, local bit j = `qubits[j]`) by
    /// replaying them (`ReplayProgram`): about 1.25-2 complex multiply-adds per amplitude and
    /// one-qubit gate instead of the dense product's `2^k`. Returns false, having done nothing,
    /// where the replay kernel cannot take the block (double precision; qubit 0 or 1 in the block
    /// without AVX2; a permutation mixing lanes that has no step): the caller applies the matrix.
    @inlinable func applySequence(_ sequence: GateSequence, on qubits: [Int]) -> Bool {
        let k = qubits.count
        guard Kernels.hasSequence, sequence.qubitCount == k, k >= 1, k <= Int(QK_MAX_DENSE_QUBITS) else { return false }
        precondition(Set(qubits).count == k && qubits.allSatisfy { $0 >= 0 && $0 < qubitCount },
                     "block qubits must be distinct and in range")
        let isa = instructionSet.isa
        if qubits.contains(where: { $0 < 2 }) && qk_isa_resolve(isa) != QK_ISA_AVX2 { return false }
        guard let program = ReplayProgram(sequence, qubits: qubits) else { return false }
        let qs = qubits.map { UInt32($0) }
        let coefs = program.coefficients.map { Scalar($0) }
        let p = amplitudes
        let n = UInt32(qubitCount), kk = UInt32(k), steps = UInt32(program.stepCount)
        let items = Int(Kernels.denseItems(n, kk, 0))
        qs.withUnsafeBufferPointer { q in
            coefs.withUnsafeBufferPointer { c in
                program.kinds.withUnsafeBufferPointer { kd in
                    program.pairs.withUnsafeBufferPointer { pr in
                        program.labels.withUnsafeBufferPointer { lb in
                            // The step tables are empty (nil) for a block of permutations only.
                            let qp = q.baseAddress!, cp = c.baseAddress, kp = kd.baseAddress, pp = pr.baseAddress
                            let lp = lb.baseAddress!
                            parallelism.forEachChunk(count: items, itemWeight: 1 << (k - 1)) { r in
                                let status = Kernels.sequence(
                                    isa, p, n, qp, kk, steps, kp, cp, pp, lp, UInt64(r.lowerBound), UInt64(r.upperBound))
                                precondition(status == 0, "the replay kernel refused a block it was checked to take")
                            }
                        }
                    }
                }
            }
        }
        return true
    }
}

extension StateVector {
    /// Largest block a dense matrix call accepts: 5 qubits, a 32 x 32 matrix.
    public static let maxDenseMatrixQubits = Int(QK_MAX_DENSE_QUBITS)

    /// Applies a dense `2^k x 2^k` matrix on `qubits` (k = 1...5, distinct, in range) in one pass:
    /// `psi'[.., l, ..] = sum_c m[l, c] psi[.., c, ..]`, with local index bit j = bit `qubits[j]` of
    /// the amplitude index (the IR's little-endian convention), only where every control reads its
    /// value (the controls must be distinct from `qubits`). Fused gate blocks run on this.
    public func applyDenseMatrix(_ m: GateMatrix, on qubits: [Int], controls: [Control] = []) {
        applyDenseBlock(m, on: qubits, controls: controls)
    }
}

extension SinglePrecisionStateVector {
    /// Applies a dense `2^k x 2^k` matrix on `qubits` (k = 1...5, distinct, in range) in one pass,
    /// local index bit j = bit `qubits[j]` (as `StateVector.applyDenseMatrix`).
    public func applyDenseMatrix(_ m: GateMatrix, on qubits: [Int]) {
        applyDenseBlock(m, on: qubits, controls: [])
    }
}
