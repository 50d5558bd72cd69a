import CQKKernels
import QKSupport
import Testing
import _TestSupport

/// The single-precision kernels against two references on every qubit layout of a 6-qubit state:
/// the float scalar loops (AVX2 == scalar to 1e-6, the float rounding of a few operations) and the
/// double scalar kernels run on the same inputs (float == double to 1e-5). Every call is split at
/// odd item boundaries, as thread chunks may be, so the scalar heads and tails are exercised too.
@Suite struct F32KernelTests {
    let n: UInt32 = 6
    let avx2 = qk_isa_available(QK_ISA_AVX2) != 0

    /// A random state and matrices whose float values are exactly the double values compared.
    struct Fixture {
        var psi: [Float]
        var m: [Float]
        var big: [Float]
    }

    func fixture(_ seed: UInt64) -> Fixture {
        var rng = SeededGenerator(seed: seed)
        func floats(_ count: Int) -> [Float] { (0..<count).map { _ in Float(rng.normal()) } }
        return Fixture(psi: floats(2 << n), m: floats(32), big: floats(512))
    }

    /// Runs `f32` on a float copy with the scalar and AVX2 kernels and `f64` on a double copy, and
    /// returns the largest differences (AVX2 vs scalar, float vs double).
    func compare(
        _ fx: Fixture, f32: (qk_isa, UnsafeMutablePointer<Float>) -> Void, f64: (UnsafeMutablePointer<Double>) -> Void
    ) -> (simd: Double, precision: Double) {
        let count = 2 << Int(n)
        let a = qk_f32_state_alloc(n)!, b = qk_f32_state_alloc(n)!, d = qk_state_alloc(n)!
        defer {
            qk_f32_state_free(a)
            qk_f32_state_free(b)
            qk_state_free(d)
        }
        for i in 0..<count {
            a[i] = fx.psi[i]
            b[i] = fx.psi[i]
            d[i] = Double(fx.psi[i])
        }
        f32(QK_ISA_SCALAR, a)
        f32(QK_ISA_AVX2, b)
        f64(d)
        var simd = 0.0, precision = 0.0
        for i in 0..<count {
            simd = max(simd, Double(abs(a[i] - b[i])))
            precision = max(precision, abs(Double(a[i]) - d[i]))
        }
        return (simd, precision)
    }

    /// Applies `body` over [0, items) cut at odd points.
    func split(_ items: UInt64, _ body: (UInt64, UInt64) -> Void) {
        let cuts: [UInt64] = [0, 1, 3, 7, 8, 13, items].map { min($0, items) }
        for j in 0..<(cuts.count - 1) where cuts[j] < cuts[j + 1] { body(cuts[j], cuts[j + 1]) }
    }

    /// Every (target, controls, control values) layout with up to two controls.
    var layouts: [(target: UInt32, controls: [UInt32], values: UInt64)] {
        var out: [(UInt32, [UInt32], UInt64)] = []
        for t in 0..<n {
            out.append((t, [], 0))
            for c in 0..<n where c != t { for v: UInt64 in [0, 1] { out.append((t, [c], v)) } }
            for c0 in 0..<n where c0 != t {
                for c1 in 0..<n where c1 != t && c1 != c0 { for v: UInt64 in [0, 1, 2, 3] { out.append((t, [c0, c1], v)) } }
            }
        }
        return out
    }

    @Test func oneQubitMatrixDiagonalAndPhaseOnEveryLayout() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        let fx = fixture(1)
        let md = fx.m.map(Double.init)
        for (t, cs, v) in layouts {
            let nc = UInt32(cs.count)
            let r1 = compare(fx, f32: { isa, p in
                split(qk_matrix1_items(n, nc)) { lo, hi in qk_f32_apply_matrix1(isa, p, n, t, fx.m, cs, nc, v, lo, hi) }
            }, f64: { p in qk_apply_matrix1(QK_ISA_SCALAR, p, n, t, md, cs, nc, v, 0, qk_matrix1_items(n, nc)) })
            #expect(r1.simd <= 1e-6 && r1.precision <= 1e-5, "matrix1 \(t) \(cs) \(v): \(r1)")
            let r2 = compare(fx, f32: { isa, p in
                split(qk_matrix1_items(n, nc)) { lo, hi in qk_f32_apply_diag1(isa, p, n, t, fx.m, cs, nc, v, lo, hi) }
            }, f64: { p in qk_apply_diag1(QK_ISA_SCALAR, p, n, t, md, cs, nc, v, 0, qk_matrix1_items(n, nc)) })
            #expect(r2.simd <= 1e-6 && r2.precision <= 1e-5, "diag1 \(t) \(cs) \(v): \(r2)")
            let qs = [t] + cs, values = v | UInt64(1 << cs.count)
            let r3 = compare(fx, f32: { isa, p in
                split(qk_phase_items(n, nc + 1)) { lo, hi in qk_f32_apply_phase(isa, p, n, qs, nc + 1, values, fx.m, lo, hi) }
            }, f64: { p in qk_apply_phase(QK_ISA_SCALAR, p, n, qs, nc + 1, values, md, 0, qk_phase_items(n, nc + 1)) })
            #expect(r3.simd <= 1e-6 && r3.precision <= 1e-5, "phase \(qs) \(values): \(r3)")
        }
    }

    @Test func twoQubitMatrixSwapAndDenseOnEveryLayout() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        let fx = fixture(2)
        let md = fx.m.map(Double.init), bigd = fx.big.map(Double.init)
        for (q0, cs, v) in layouts where !cs.isEmpty {
            let q1 = cs[0], rest = Array(cs.dropFirst()), nr = UInt32(rest.count)
            let items = qk_matrix2_items(n, nr)
            let r1 = compare(fx, f32: { isa, p in
                split(items) { lo, hi in qk_f32_apply_matrix2(isa, p, n, q0, q1, fx.m, rest, nr, v & 1, lo, hi) }
            }, f64: { p in qk_apply_matrix2(QK_ISA_SCALAR, p, n, q0, q1, md, rest, nr, v & 1, 0, items) })
            #expect(r1.simd <= 1e-6 && r1.precision <= 2e-5, "matrix2 \(q0) \(q1) \(rest): \(r1)")
            let r2 = compare(fx, f32: { isa, p in
                split(items) { lo, hi in qk_f32_apply_swap(isa, p, n, q0, q1, rest, nr, v & 1, lo, hi) }
            }, f64: { p in qk_apply_swap(QK_ISA_SCALAR, p, n, q0, q1, rest, nr, v & 1, 0, items) })
            #expect(r2.simd == 0 && r2.precision == 0, "swap \(q0) \(q1) \(rest): \(r2)")
            let qs = [q0] + cs, k = UInt32(qs.count)
            let r3 = compare(fx, f32: { isa, p in
                split(qk_dense_items(n, k)) { lo, hi in qk_f32_apply_dense(isa, p, n, qs, k, fx.big, lo, hi) }
            }, f64: { p in qk_apply_dense(QK_ISA_SCALAR, p, n, qs, k, bigd, 0, qk_dense_items(n, k)) })
            #expect(r3.simd <= 1e-5 && r3.precision <= 5e-5, "dense \(qs): \(r3)")
            let r4 = compare(fx, f32: { isa, p in
                split(1 << UInt64(n)) { lo, hi in qk_f32_apply_diagonal(isa, p, n, qs, k, fx.big, lo, hi) }
            }, f64: { p in qk_apply_diagonal(QK_ISA_SCALAR, p, n, qs, k, bigd, 0, 1 << UInt64(n)) })
            #expect(r4.simd <= 1e-6 && r4.precision <= 1e-5, "diagonal \(qs): \(r4)")
        }
        for qs: [UInt32] in [[3, 0, 5, 2], [5, 2, 4, 3], [0, 1, 2, 3]] {
            let r = compare(fx, f32: { isa, p in
                split(qk_dense_items(n, 4)) { lo, hi in qk_f32_apply_dense(isa, p, n, qs, 4, fx.big, lo, hi) }
            }, f64: { p in qk_apply_dense(QK_ISA_SCALAR, p, n, qs, 4, bigd, 0, qk_dense_items(n, 4)) })
            #expect(r.simd <= 1e-5 && r.precision <= 1e-4, "dense \(qs): \(r)")
        }
    }

    @Test func measurementScaleAndCollapse() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        let fx = fixture(3)
        let half = UInt64(1) << UInt64(n - 1)
        for t in 0..<n {
            for outcome: Int32 in [0, 1] {
                let r = compare(fx, f32: { isa, p in split(half) { lo, hi in qk_f32_collapse(isa, p, n, t, outcome, 0.7, lo, hi) } },
                                f64: { p in qk_collapse(QK_ISA_SCALAR, p, n, t, outcome, Double(Float(0.7)), 0, half) })
                #expect(r.simd == 0 && r.precision <= 1e-6, "collapse \(t) \(outcome): \(r)")
            }
        }
        let r = compare(fx, f32: { isa, p in split(1 << UInt64(n)) { lo, hi in qk_f32_scale(isa, p, 0.3, lo, hi) } },
                        f64: { p in qk_scale(QK_ISA_SCALAR, p, Double(Float(0.3)), 0, 1 << UInt64(n)) })
        #expect(r.simd == 0 && r.precision <= 1e-6)
    }

    @Test func reductionsAccumulateInDoubleAndAgree() throws {
        try #require(avx2, "AVX2 not available on this CPU: nothing to compare")
        let fx = fixture(4), other = fixture(5)
        let count = UInt64(1) << UInt64(n)
        let d = fx.psi.map(Double.init), e = other.psi.map(Double.init)
        // Reductions read floats and sum in double, so they equal the double kernels on the same
        // (float-representable) values to summation rounding.
        for isa in [QK_ISA_SCALAR, QK_ISA_AVX2] {
            var norm = 0.0
            split(count) { lo, hi in norm += qk_f32_norm2(isa, fx.psi, lo, hi) }
            #expect(isClose(norm, qk_norm2(QK_ISA_SCALAR, d, 0, count), absolute: 1e-12))
            for t in 0..<n {
                var p1 = 0.0
                split(count / 2) { lo, hi in p1 += qk_f32_prob_one(isa, fx.psi, n, t, lo, hi) }
                #expect(isClose(p1, qk_prob_one(QK_ISA_SCALAR, d, n, t, 0, count / 2), absolute: 1e-12), "prob_one \(t)")
            }
            var inner = [0.0, 0.0], ref = [0.0, 0.0]
            split(count) { lo, hi in qk_f32_inner(isa, fx.psi, other.psi, lo, hi, &inner) }
            qk_inner(QK_ISA_SCALAR, d, e, 0, count, &ref)
            #expect(isClose(inner[0], ref[0], absolute: 1e-12) && isClose(inner[1], ref[1], absolute: 1e-12))
            for x in stride(from: UInt64(0), to: count, by: 5) {
                for z in stride(from: UInt64(0), to: count, by: 3) {
                    var out = [0.0, 0.0], want = [0.0, 0.0]
                    split(count) { lo, hi in qk_f32_pauli_sum(isa, fx.psi, n, x, z, lo, hi, &out) }
                    qk_pauli_sum(QK_ISA_SCALAR, d, n, x, z, 0, count, &want)
                    #expect(isClose(out[0], want[0], absolute: 1e-12) && isClose(out[1], want[1], absolute: 1e-12), "pauli \(x) \(z)")
                }
            }
        }
    }
}
