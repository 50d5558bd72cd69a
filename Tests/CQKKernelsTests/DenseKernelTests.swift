import CQKKernels
import QKSupport
import Testing
import _TestSupport

/// The dense k-qubit kernel against a direct matrix-vector product written here independently, for
/// every ordered layout of k = 1...4 qubits among 5 (qubit 0 included), over ranges split at odd
/// items; and its AVX2 version against the scalar one to 1e-14.
@Suite struct DenseKernelTests {
    let n: UInt32 = 5

    /// All ordered k-tuples of distinct qubits in 0..<n.
    func layouts(_ k: Int) -> [[UInt32]] {
        if k == 0 { return [[]] }
        return layouts(k - 1).flatMap { prefix in
            (0..<n).filter { !prefix.contains($0) }.map { prefix + [$0] }
        }
    }

    /// out_i = sum_c m[r(i), c] psi[i with the block bits replaced by c], r(i) = the block bits of i.
    func reference(_ psi: [Double], _ qubits: [UInt32], _ m: [Double]) -> [Double] {
        let dim = 1 << qubits.count
        var out = [Double](repeating: 0, count: psi.count)
        for i in 0..<(psi.count / 2) {
            var row = 0, base = i
            for (j, q) in qubits.enumerated() {
                row |= ((i >> Int(q)) & 1) << j
                base &= ~(1 << Int(q))
            }
            for c in 0..<dim {
                var idx = base
                for (j, q) in qubits.enumerated() where (c >> j) & 1 == 1 { idx |= 1 << Int(q) }
                let mr = m[2 * (row * dim + c)], mi = m[2 * (row * dim + c) + 1]
                out[2 * i] += mr * psi[2 * idx] - mi * psi[2 * idx + 1]
                out[2 * i + 1] += mr * psi[2 * idx + 1] + mi * psi[2 * idx]
            }
        }
        return out
    }

    func run(_ isa: qk_isa, _ psi: [Double], _ qubits: [UInt32], _ m: [Double]) -> [Double] {
        let p = qk_state_alloc(n)!
        defer { qk_state_free(p) }
        for i in psi.indices { p[i] = psi[i] }
        let items = qk_dense_items(n, UInt32(qubits.count))
        let cuts: [UInt64] = [0, min(items, 3), min(items, items / 2 + 1), items]
        for j in 0..<3 where cuts[j] < cuts[j + 1] {
            qk_apply_dense(isa, p, n, qubits, UInt32(qubits.count), m, cuts[j], cuts[j + 1])
        }
        return (0..<psi.count).map { p[$0] }
    }

    @Test(arguments: 1...4) func matchesReferenceOnEveryLayout(k: Int) {
        var rng = SeededGenerator(seed: UInt64(40 + k))
        let psi = (0..<(2 << n)).map { _ in rng.normal() }
        let m = (0..<(2 << (2 * k))).map { _ in rng.normal() }
        for qubits in layouts(k) {
            let want = reference(psi, qubits, m)
            let scalar = run(QK_ISA_SCALAR, psi, qubits, m)
            #expect(maxAbsDifference(scalar, want) <= 1e-12, "scalar, qubits \(qubits)")
            if qk_isa_available(QK_ISA_AVX2) != 0 {
                let avx2 = run(QK_ISA_AVX2, psi, qubits, m)
                #expect(maxAbsDifference(avx2, scalar) <= 1e-14, "avx2 vs scalar, qubits \(qubits)")
            }
        }
    }

    @Test func rejectsOutOfRangeBlockSizes() {
        let p = qk_state_alloc(n)!
        defer { qk_state_free(p) }
        p[0] = 1
        let qubits: [UInt32] = [0, 1, 2, 3, 4]
        let m = [Double](repeating: 0, count: 2 << 10)
        qk_apply_dense(QK_ISA_BEST, p, n, qubits, 5, m, 0, 1)
        #expect(p[0] == 1, "a 5-qubit call must leave the state alone")
    }
}
