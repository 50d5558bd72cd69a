import CQKKernels
import QKSupport
import Testing
import _TestSupport

/// Every AVX2 kernel must agree with its scalar reference to 1e-14 on random states, for every
/// target position (qubit 0 inside a register included), with and without (negated) controls, and
/// for ranges that start and end on odd items (what thread splitting can produce).
@Suite struct KernelAgreementTests {
    let n: UInt32 = 7
    let avx2 = qk_isa_available(QK_ISA_AVX2) != 0

    func randomState(_ rng: inout SeededGenerator) -> [Double] {
        (0..<(2 << n)).map { _ in rng.normal() }
    }

    func randomMatrix(_ dim: Int, _ rng: inout SeededGenerator) -> [Double] {
        (0..<(2 * dim * dim)).map { _ in rng.normal() }
    }

    /// Runs `body` on a scalar copy and an AVX2 copy of the same random state and compares them.
    func agree(_ seed: UInt64, _ body: (qk_isa, UnsafeMutablePointer<Double>) -> Void) -> Double {
        var rng = SeededGenerator(seed: seed)
        let psi = randomState(&rng)
        let a = qk_state_alloc(n)!, b = qk_state_alloc(n)!
        defer {
            qk_state_free(a)
            qk_state_free(b)
        }
        for i in psi.indices {
            a[i] = psi[i]
            b[i] = psi[i]
        }
        body(QK_ISA_SCALAR, a)
        body(QK_ISA_AVX2, b)
        return (0..<psi.count).map { abs(a[$0] - b[$0]) }.nanPropagatingMax()
    }

    /// Applies `body` to a range split in three pieces at odd boundaries, as threads might.
    func split(_ items: UInt64, _ body: (UInt64, UInt64) -> Void) {
        let cuts: [UInt64] = [0, min(items, 3), min(items, items / 2 + 1), items]
        for j in 0..<3 where cuts[j] < cuts[j + 1] { body(cuts[j], cuts[j + 1]) }
    }

    @Test func matrix1EveryTargetAndControlLayout() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: 1)
        let m = randomMatrix(2, &rng)
        for target in 0..<n {
            for ctrlSet in [[UInt32](), [0], [n - 1], [0, n - 1], [1, 2]] where !ctrlSet.contains(target) {
                for values: UInt64 in [0, 1, 3] {
                    let d = agree(UInt64(target) + 10) { isa, p in
                        split(qk_matrix1_items(n, UInt32(ctrlSet.count))) { lo, hi in
                            qk_apply_matrix1(isa, p, n, target, m, ctrlSet, UInt32(ctrlSet.count), values, lo, hi)
                        }
                    }
                    #expect(d <= 1e-14, "target \(target) controls \(ctrlSet) values \(values): \(d)")
                }
            }
        }
    }

    @Test func diag1AndPhase() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: 2)
        let dg = randomMatrix(1, &rng) + randomMatrix(1, &rng)
        let ph = [0.6, -0.8]
        for target in 0..<n {
            for ctrlSet in [[UInt32](), [0], [3]] where !ctrlSet.contains(target) {
                let d1 = agree(5) { isa, p in
                    split(qk_matrix1_items(n, UInt32(ctrlSet.count))) { lo, hi in
                        qk_apply_diag1(isa, p, n, target, dg, ctrlSet, UInt32(ctrlSet.count), 1, lo, hi)
                    }
                }
                #expect(d1 <= 1e-14)
                let qs = [target] + ctrlSet
                let d2 = agree(6) { isa, p in
                    split(qk_phase_items(n, UInt32(qs.count))) { lo, hi in
                        qk_apply_phase(isa, p, n, qs, UInt32(qs.count), 1, ph, lo, hi)
                    }
                }
                #expect(d2 <= 1e-14)
            }
        }
    }

    @Test func matrix2AndSwapEveryPair() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: 3)
        let m = randomMatrix(4, &rng)
        for q0 in 0..<n {
            for q1 in 0..<n where q1 != q0 {
                for ctrlSet in [[UInt32](), [UInt32((q0 + q1 + 1) % n)], [0]] where !ctrlSet.contains(q0) && !ctrlSet.contains(q1) {
                    let items = qk_matrix2_items(n, UInt32(ctrlSet.count))
                    let d = agree(7) { isa, p in
                        split(items) { lo, hi in
                            qk_apply_matrix2(isa, p, n, q0, q1, m, ctrlSet, UInt32(ctrlSet.count), 1, lo, hi)
                        }
                    }
                    #expect(d <= 1e-14, "matrix2 on (\(q0), \(q1)) controls \(ctrlSet): \(d)")
                    let s = agree(8) { isa, p in
                        split(items) { lo, hi in qk_apply_swap(isa, p, n, q0, q1, ctrlSet, UInt32(ctrlSet.count), 1, lo, hi) }
                    }
                    #expect(s == 0)
                }
            }
        }
    }

    @Test func diagonalOnQubitSets() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: 4)
        for qs: [UInt32] in [[0], [3], [0, 1], [6, 2], [1, 4, 0], [0, 1, 2, 3, 4, 5, 6]] {
            let table = (0..<(2 << qs.count)).map { _ in rng.normal() }
            let d = agree(9) { isa, p in
                split(1 << UInt64(n)) { lo, hi in qk_apply_diagonal(isa, p, n, qs, UInt32(qs.count), table, lo, hi) }
            }
            #expect(d <= 1e-14, "diagonal on \(qs): \(d)")
        }
    }

    @Test func reductionsAndCollapse() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: 5)
        let psi = randomState(&rng), other = randomState(&rng)
        let size = UInt64(1) << UInt64(n)
        #expect(isClose(qk_norm2(QK_ISA_SCALAR, psi, 1, size - 1), qk_norm2(QK_ISA_AVX2, psi, 1, size - 1), relative: 1e-14))
        for t in 0..<n {
            let a = qk_prob_one(QK_ISA_SCALAR, psi, n, t, 1, size / 2 - 1)
            let b = qk_prob_one(QK_ISA_AVX2, psi, n, t, 1, size / 2 - 1)
            #expect(isClose(a, b, relative: 1e-14))
            for outcome: Int32 in [0, 1] {
                let d = agree(11) { isa, p in split(size / 2) { lo, hi in qk_collapse(isa, p, n, t, outcome, 1.7, lo, hi) } }
                #expect(d <= 1e-14)
            }
        }
        var s = [0.0, 0.0], v = [0.0, 0.0]
        qk_inner(QK_ISA_SCALAR, psi, other, 1, size, &s)
        qk_inner(QK_ISA_AVX2, psi, other, 1, size, &v)
        #expect(isClose(s[0], v[0], absolute: 1e-12) && isClose(s[1], v[1], absolute: 1e-12))
        for (x, z): (UInt64, UInt64) in [(0, 5), (1, 0), (3, 6), (0x41, 0x7f), (0x7f, 0x01)] {
            var ps = [0.0, 0.0], pv = [0.0, 0.0]
            qk_pauli_sum(QK_ISA_SCALAR, psi, n, x, z, 1, size - 1, &ps)
            qk_pauli_sum(QK_ISA_AVX2, psi, n, x, z, 1, size - 1, &pv)
            #expect(isClose(ps[0], pv[0], absolute: 1e-12) && isClose(ps[1], pv[1], absolute: 1e-12), "x \(x) z \(z)")
        }
    }
}
