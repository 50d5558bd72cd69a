import CQKKernels
import Foundation
import QKSupport
import Testing
import _TestSupport

/// The batched kernels (qk_batch.h) against per-lane references written here on plain interleaved
/// states, lane by lane; and their AVX2 versions against the scalar ones to 1e-14. Lane counts
/// include ones that are not multiples of 4 (the scalar path then serves both ISAs).
@Suite struct BatchKernelTests {
    let n = 4

    /// A batch in the kernels' layout and the same states as interleaved rows.
    struct Batch {
        var re: [Double]
        var im: [Double]
        let lanes: Int

        func state(_ b: Int, dimension: Int) -> [Double] {
            var out: [Double] = []
            for i in 0..<dimension { out += [re[i * lanes + b], im[i * lanes + b]] }
            return out
        }
    }

    func randomBatch(lanes: Int, seed: UInt64) -> Batch {
        var rng = SeededGenerator(seed: seed)
        let count = lanes << n
        return Batch(re: (0..<count).map { _ in rng.normal() }, im: (0..<count).map { _ in rng.normal() }, lanes: lanes)
    }

    var isas: [qk_isa] { qk_isa_available(QK_ISA_AVX2) != 0 ? [QK_ISA_SCALAR, QK_ISA_AVX2] : [QK_ISA_SCALAR] }

    /// psi with the 2x2 matrix m (interleaved, row-major) applied to qubit q.
    func reference1(_ psi: [Double], _ q: Int, _ m: [Double]) -> [Double] {
        var out = psi
        for i in 0..<(psi.count / 2) where (i >> q) & 1 == 0 {
            let j = i | (1 << q)
            let (xr, xi, yr, yi) = (psi[2 * i], psi[2 * i + 1], psi[2 * j], psi[2 * j + 1])
            out[2 * i] = m[0] * xr - m[1] * xi + m[2] * yr - m[3] * yi
            out[2 * i + 1] = m[0] * xi + m[1] * xr + m[2] * yi + m[3] * yr
            out[2 * j] = m[4] * xr - m[5] * xi + m[6] * yr - m[7] * yi
            out[2 * j + 1] = m[4] * xi + m[5] * xr + m[6] * yi + m[7] * yr
        }
        return out
    }

    @Test(arguments: [4, 5, 8]) func oneQubitMatricesMatchPerLaneReference(lanes: Int) {
        let dim = 1 << n
        for q in 0..<n {
            var rng = SeededGenerator(seed: UInt64(100 + q))
            let shared = (0..<8).map { _ in rng.normal() }
            // Per-lane matrices: entry e of lane b at rows 2e (re) and 2e+1 (im).
            let perLane = (0..<(8 * lanes)).map { _ in rng.normal() }
            let start = randomBatch(lanes: lanes, seed: UInt64(7 + q))
            var results: [[Double]] = []
            for isa in isas {
                var b = start
                qk_batch_matrix1_shared(isa, &b.re, &b.im, UInt32(n), UInt32(lanes), UInt32(q), shared)
                qk_batch_matrix1_lanes(isa, &b.re, &b.im, UInt32(n), UInt32(lanes), UInt32(q), perLane)
                for v in 0..<lanes {
                    var m: [Double] = []
                    for e in 0..<4 { m += [perLane[2 * e * lanes + v], perLane[(2 * e + 1) * lanes + v]] }
                    let want = reference1(reference1(start.state(v, dimension: dim), q, shared), q, m)
                    #expect(maxAbsDifference(b.state(v, dimension: dim), want) <= 1e-12, "qubit \(q) lane \(v)")
                }
                results.append(b.re + b.im)
            }
            if results.count == 2 { #expect(maxAbsDifference(results[0], results[1]) <= 1e-14) }
        }
    }

    @Test(arguments: [[2, 0, 3], [1], [0, 1, 2, 3], [3, 1]]) func diagonalsMatchPerLaneReference(qubits: [Int]) {
        let lanes = 8, dim = 1 << n, k = qubits.count, dim16 = 1 << k
        var rng = SeededGenerator(seed: 5)
        let d = (0..<(2 * lanes << k)).map { _ in rng.normal() }
        let start = randomBatch(lanes: lanes, seed: 11)
        var results: [[Double]] = []
        for isa in isas {
            var b = start
            qk_batch_diagonal_lanes(isa, &b.re, &b.im, UInt32(n), UInt32(lanes), qubits.map(UInt32.init), UInt32(k), d)
            for v in 0..<lanes {
                let psi = start.state(v, dimension: dim)
                var want = psi
                for i in 0..<dim {
                    var l = 0
                    for (j, q) in qubits.enumerated() { l |= ((i >> q) & 1) << j }
                    let (dr, di) = (d[l * lanes + v], d[(dim16 + l) * lanes + v])
                    want[2 * i] = dr * psi[2 * i] - di * psi[2 * i + 1]
                    want[2 * i + 1] = dr * psi[2 * i + 1] + di * psi[2 * i]
                }
                #expect(maxAbsDifference(b.state(v, dimension: dim), want) <= 1e-12, "lane \(v)")
            }
            results.append(b.re + b.im)
        }
        if results.count == 2 { #expect(maxAbsDifference(results[0], results[1]) <= 1e-14) }
    }

    @Test func permutationsMoveAmplitudes() {
        let lanes = 4, dim = 1 << n
        let start = randomBatch(lanes: lanes, seed: 3)
        var b = start
        qk_batch_cx(&b.re, &b.im, UInt32(n), UInt32(lanes), 2, 0)
        qk_batch_swap(&b.re, &b.im, UInt32(n), UInt32(lanes), 1, 3)
        for v in 0..<lanes {
            let psi = start.state(v, dimension: dim)
            var want = psi
            for i in 0..<dim {
                // out[i] = psi[CX^-1 SWAP^-1 i]: undo the swap of bits 1, 3 then the CX (control 2, target 0).
                let bit1 = (i >> 1) & 1, bit3 = (i >> 3) & 1
                var j = (i & ~0b1010) | (bit1 << 3) | (bit3 << 1)
                if (j >> 2) & 1 == 1 { j ^= 1 }
                want[2 * i] = psi[2 * j]
                want[2 * i + 1] = psi[2 * j + 1]
            }
            #expect(b.state(v, dimension: dim) == want)
        }
    }

    @Test func sincosMatchesLibm() {
        var rng = SeededGenerator(seed: 17)
        let x: [Double] = [0.0, -Double.pi / 2, 3 * Double.pi / 4] + (0..<1000).map { _ in 2000 * (rng.uniform() - 0.5) }
        var results: [[Double]] = []
        for isa in isas {
            var s = [Double](repeating: 0, count: x.count), c = s
            qk_batch_sincos(isa, x, x.count, &s, &c)
            #expect(maxAbsDifference(s, x.map { sin($0) }) <= 1e-14)
            #expect(maxAbsDifference(c, x.map { cos($0) }) <= 1e-14)
            results.append(s + c)
        }
        if results.count == 2 { #expect(maxAbsDifference(results[0], results[1]) <= 1e-14) }
    }

    /// phi(l) = fixed(l) + g + sum_t w_t parity(l & m_t), built by the transform, against the sum.
    @Test(arguments: [4, 6]) func phaseTablesMatchDirectSums(lanes: Int) {
        let k = 3, dim = 1 << k
        var rng = SeededGenerator(seed: 23)
        let masks = [1, 3, 6, 7, 5, 1]
        let weights = (0..<(masks.count * lanes)).map { _ in 4 * rng.normal() }
        let globals = (0..<lanes).map { _ in rng.normal() }
        let fixed = (0..<dim).map { _ in rng.normal() }
        var results: [[Double]] = []
        for isa in isas {
            var spectrum = [Double](repeating: 0, count: dim * lanes)
            var offset = globals.map { 2 * $0 }
            for (t, m) in masks.enumerated() {
                for v in 0..<lanes {
                    spectrum[m * lanes + v] += weights[t * lanes + v]
                    offset[v] += weights[t * lanes + v]
                }
            }
            var d = [Double](repeating: 0, count: 2 * dim * lanes)
            qk_batch_phase_table(isa, &spectrum, offset, fixed, UInt32(k), UInt32(lanes), &d)
            for v in 0..<lanes {
                for l in 0..<dim {
                    var phi = fixed[l] + globals[v]
                    for (t, m) in masks.enumerated() where (l & m).nonzeroBitCount % 2 == 1 { phi += weights[t * lanes + v] }
                    #expect(isClose(d[l * lanes + v], cos(phi), absolute: 1e-13))
                    #expect(isClose(d[(dim + l) * lanes + v], sin(phi), absolute: 1e-13))
                }
            }
            results.append(d)
        }
        if results.count == 2 { #expect(maxAbsDifference(results[0], results[1]) <= 1e-14) }
    }

    /// Both ISAs, sizes below and above the AVX2 blocks (2 and 4 amplitudes), lane counts that are
    /// and are not multiples of 4, and a count that leaves lanes out.
    @Test(arguments: [(1, 4, 3), (2, 8, 5), (4, 8, 5), (4, 6, 6), (5, 12, 9)])
    func rowsRoundTripAndZeroState(qubits: Int, lanes: Int, count: Int) {
        let dim = 1 << qubits
        var rng = SeededGenerator(seed: UInt64(29 + qubits))
        let start = Batch(
            re: (0..<(lanes << qubits)).map { _ in rng.normal() }, im: (0..<(lanes << qubits)).map { _ in rng.normal() }, lanes: lanes)
        for isa in isas {
            // Rows wider than the state (stride 2 * dim + 2), and sentinels between and after them.
            let stride = 2 * dim + 2
            var rows = [Double](repeating: -1, count: count * stride + 3)
            qk_batch_to_rows(isa, start.re, start.im, UInt32(qubits), UInt32(lanes), UInt32(count), &rows, stride, nil, nil)
            for v in 0..<count {
                #expect(Array(rows[(v * stride)..<(v * stride + 2 * dim)]) == start.state(v, dimension: dim), "lane \(v)")
                #expect(rows[v * stride + 2 * dim] == -1 && rows[v * stride + 2 * dim + 1] == -1, "no write past a row")
            }
            #expect(rows.suffix(3) == [-1, -1, -1], "no write past the requested rows")
            var probabilities = [Double](repeating: -1, count: count * (dim + 1) + 3)
            qk_batch_probabilities_to_rows(
                isa, start.re, start.im, UInt32(qubits), UInt32(lanes), UInt32(count), &probabilities, dim + 1, nil, nil)
            for v in 0..<count {
                let psi = start.state(v, dimension: dim)
                let want: [Double] = (0..<dim).map { i in
                    let (r, m) = (psi[2 * i], psi[2 * i + 1])
                    return r * r + m * m
                }
                // AVX2 forms r^2 + m^2 with one fused multiply-add: an ulp or two apart from the scalar sum.
                #expect(maxAbsDifference(Array(probabilities[(v * (dim + 1))..<(v * (dim + 1) + dim)]), want) <= 1e-14)
                #expect(probabilities[v * (dim + 1) + dim] == -1, "no write past a row")
            }
            #expect(probabilities.suffix(3) == [-1, -1, -1], "no write past the requested rows")
            // Per-lane factors (what a run in the tangent form leaves): lane v times f_v, |f_v a|^2;
            // and a permutation left to the readout: amplitude i from plane row source[i].
            let factors = (0..<lanes).map { 0.5 + Double($0) }
            let source = (0..<dim).map { UInt32(($0 * 5 + 3) % dim) }
            var scaled = [Double](repeating: -1, count: count * stride)
            qk_batch_to_rows(isa, start.re, start.im, UInt32(qubits), UInt32(lanes), UInt32(count), &scaled, stride, factors, source)
            var scaledProbabilities = [Double](repeating: -1, count: count * (dim + 1))
            qk_batch_probabilities_to_rows(
                isa, start.re, start.im, UInt32(qubits), UInt32(lanes), UInt32(count), &scaledProbabilities, dim + 1, factors, source)
            for v in 0..<count {
                let f = factors[v], psi = start.state(v, dimension: dim)
                for i in 0..<dim {
                    let j = Int(source[i])
                    #expect(scaled[v * stride + 2 * i] == f * psi[2 * j] && scaled[v * stride + 2 * i + 1] == f * psi[2 * j + 1])
                    let got = scaledProbabilities[v * (dim + 1) + i], want = probabilities[v * (dim + 1) + j] * f * f
                    #expect(isClose(got, want, absolute: 1e-14, relative: 1e-14), "lane \(v), amplitude \(i)")
                }
            }
            var b = Batch(re: [Double](repeating: 9, count: lanes << qubits), im: [Double](repeating: 9, count: lanes << qubits), lanes: lanes)
            qk_batch_from_rows(&b.re, &b.im, UInt32(qubits), UInt32(lanes), UInt32(count), rows, stride)
            for v in 0..<count { #expect(b.state(v, dimension: dim) == start.state(v, dimension: dim)) }
            for v in count..<lanes { #expect(b.state(v, dimension: dim).allSatisfy { $0 == 9 }, "lanes past count untouched") }
            qk_batch_zero_state(&b.re, &b.im, UInt32(qubits), UInt32(lanes))
            for v in 0..<lanes { #expect(b.state(v, dimension: dim) == [1, 0] + [Double](repeating: 0, count: 2 * dim - 2)) }
        }
    }
}
