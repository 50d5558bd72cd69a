import CQKKernels
import QKSupport
import Testing
import _TestSupport

/// The dense k-qubit kernel against a direct matrix-vector product written here independently, for
/// every ordered layout of k = 1...5 qubits among 7 (qubit 0 included, so the AVX2 paths with
/// adjacent and with 128-bit-paired items both run), over ranges split at odd items; its AVX2
/// version against the scalar one to 1e-14; and the controlled form against the same product
/// restricted to the basis states where the controls fire.
@Suite struct DenseKernelTests {
    let n: UInt32 = 7

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

    @Test(arguments: 1...5) func matchesReferenceOnEveryLayout(k: Int) {
        var rng = SeededGenerator(seed: UInt64(40 + k))
        let psi = (0..<(2 << n)).map { _ in rng.normal() }
        // Entries of a unitary's size (1/sqrt(2^k)), so outputs stay O(1) and 1e-14 is a fair bound.
        let scale = 1 / Double(1 << k).squareRoot()
        let m = (0..<(2 << (2 * k))).map { _ in rng.normal() * scale }
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

    @Test(arguments: 1...5) func controlledMatchesReference(k: Int) {
        var rng = SeededGenerator(seed: UInt64(60 + k))
        let psi = (0..<(2 << n)).map { _ in rng.normal() }
        let m = (0..<(2 << (2 * k))).map { _ in rng.normal() }
        // Controls on qubit 0 (fires on |1>) and on the top qubit (negated), targets in between.
        let qubits = (1...UInt32(k)).reversed().map { $0 }
        let ctrls: [UInt32] = [0, n - 1]
        let values: UInt64 = 0b01
        let full = reference(psi, qubits, m)
        var want = psi
        for i in 0..<(psi.count / 2) where i & 1 == 1 && (i >> Int(n - 1)) & 1 == 0 {
            want[2 * i] = full[2 * i]
            want[2 * i + 1] = full[2 * i + 1]
        }
        for isa in [QK_ISA_SCALAR, QK_ISA_AVX2] where qk_isa_available(isa) != 0 {
            let p = qk_state_alloc(n)!
            defer { qk_state_free(p) }
            for i in psi.indices { p[i] = psi[i] }
            let items = qk_dense_controlled_items(n, UInt32(k), 2)
            let cuts: [UInt64] = [0, min(items, 1), min(items, items / 2 + 1), items]
            for j in 0..<3 where cuts[j] < cuts[j + 1] {
                qk_apply_dense_controlled(isa, p, n, qubits, UInt32(k), m, ctrls, 2, values, cuts[j], cuts[j + 1])
            }
            let got = (0..<psi.count).map { p[$0] }
            #expect(maxAbsDifference(got, want) <= 1e-12, "isa \(isa.rawValue), k \(k)")
        }
    }

    @Test func rejectsOutOfRangeBlockSizes() {
        let p = qk_state_alloc(n)!
        defer { qk_state_free(p) }
        p[0] = 1
        let qubits: [UInt32] = [0, 1, 2, 3, 4, 5]
        let m = [Double](repeating: 0, count: 2 << 12)
        qk_apply_dense(QK_ISA_BEST, p, n, qubits, 6, m, 0, 1)
        #expect(p[0] == 1, "a 6-qubit call must leave the state alone")
    }
}
