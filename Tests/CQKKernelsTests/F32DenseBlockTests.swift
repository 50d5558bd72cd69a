import CQKKernels
import QKSupport
import Testing

/// The single-precision dense block kernel (`qk_f32_apply_dense`, what fused gates run on) for
/// k = 1...5 on every set of k qubits of a 7-qubit state, in sorted and reversed order: the AVX2
/// paths (targets all >= 2, four items per register; targets on qubit 0 or 1, lane permutations)
/// against the float scalar loop, and the float result against the double scalar kernel on the
/// same inputs. Every call is cut at odd item boundaries, as thread chunks may be.
@Suite struct F32DenseBlockTests {
    let n: UInt32 = 7

    /// Every k-element subset of 0..<n, ascending.
    func subsets(_ k: Int) -> [[UInt32]] {
        (0..<(1 << Int(n))).filter { $0.nonzeroBitCount == k }.map { mask in
            (0..<n).filter { (mask >> Int($0)) & 1 == 1 }
        }
    }

    /// Applies `body` over [0, items) cut at odd points.
    func split(_ items: UInt64, _ body: (UInt64, UInt64) -> Void) {
        let cuts: [UInt64] = [0, 1, 3, 7, 8, 13, items].map { min($0, items) }
        for j in 0..<(cuts.count - 1) where cuts[j] < cuts[j + 1] { body(cuts[j], cuts[j + 1]) }
    }

    @Test(arguments: 1...5)
    func denseBlockOnEveryQubitSet(k: Int) throws {
        try #require(qk_isa_available(QK_ISA_AVX2) != 0, "AVX2 not available on this CPU: nothing to compare")
        var rng = SeededGenerator(seed: UInt64(40 + k))
        let dim = 1 << k, count = 2 << Int(n)
        // Entries of size 1/sqrt(dim), like a unitary's, so the outputs stay of order one.
        let m = (0..<(2 * dim * dim)).map { _ in Float(rng.normal() / Double(dim).squareRoot()) }
        let md = m.map(Double.init)
        let psi = (0..<count).map { _ in Float(rng.normal()) }
        let a = qk_f32_state_alloc(n)!, b = qk_f32_state_alloc(n)!, d = qk_state_alloc(n)!
        defer {
            qk_f32_state_free(a)
            qk_f32_state_free(b)
            qk_state_free(d)
        }
        let items = qk_dense_items(n, UInt32(k))
        var cases = 0
        for sorted in subsets(k) {
            for qs in [sorted, sorted.reversed()] {
                for i in 0..<count {
                    a[i] = psi[i]
                    b[i] = psi[i]
                    d[i] = Double(psi[i])
                }
                split(items) { lo, hi in
                    qk_f32_apply_dense(QK_ISA_SCALAR, a, n, qs, UInt32(k), m, lo, hi)
                    qk_f32_apply_dense(QK_ISA_AVX2, b, n, qs, UInt32(k), m, lo, hi)
                }
                qk_apply_dense(QK_ISA_SCALAR, d, n, qs, UInt32(k), md, 0, items)
                var simd = 0.0, precision = 0.0, moved = 0.0
                for i in 0..<count {
                    simd = max(simd, Double(abs(a[i] - b[i])))
                    precision = max(precision, abs(Double(b[i]) - d[i]))
                    moved = max(moved, abs(d[i] - Double(psi[i])))
                }
                #expect(simd <= 1e-5 && precision <= 1e-5, "k = \(k) on \(qs): AVX2 vs scalar \(simd), float vs double \(precision)")
                #expect(moved > 0.1, "k = \(k) on \(qs): the block must change the state")
                cases += 1
            }
        }
        #expect(cases == 2 * subsets(k).count && cases > 0)
    }
}
