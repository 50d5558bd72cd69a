import CQKKernels
import Foundation
import QKSupport
import Testing
import _TestSupport

/// The structure-exploiting batched kernels (qk_batch_structured.c) against the general batched
/// kernels or direct formulas, lane by lane, on both instruction sets and on lane counts that are
/// and are not multiples of 4.
@Suite struct BatchStructuredKernelTests {
    let n = 5

    var isas: [qk_isa] { qk_isa_available(QK_ISA_AVX2) != 0 ? [QK_ISA_SCALAR, QK_ISA_AVX2] : [QK_ISA_SCALAR] }

    func random(_ count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in rng.normal() }
    }

    /// RX and RY through the rotation kernel equal the same per-lane matrices through matrix1.
    @Test(arguments: [4, 5, 12], [true, false]) func rotationsMatchTheGeneralKernel(lanes: Int, y: Bool) {
        let angles = random(lanes, seed: 41).map { 3 * $0 }
        let c = angles.map { cos($0 / 2) }, s = angles.map { sin($0 / 2) }
        // Entry e of lane b: real row 2e, imaginary row 2e + 1.
        var m = [Double](repeating: 0, count: 8 * lanes)
        for b in 0..<lanes {
            m[b] = c[b]
            m[6 * lanes + b] = c[b]
            if y {
                m[2 * lanes + b] = -s[b]
                m[4 * lanes + b] = s[b]
            } else {
                m[3 * lanes + b] = -s[b]
                m[5 * lanes + b] = -s[b]
            }
        }
        for isa in isas {
            for q in [0, 2, 4] {
                var re = random(lanes << n, seed: 42), im = random(lanes << n, seed: 43)
                var wantRe = re, wantIm = im
                qk_batch_rotation_lanes(isa, &re, &im, UInt32(n), UInt32(lanes), UInt32(q), y ? 1 : 0, c, s)
                qk_batch_matrix1_lanes(isa, &wantRe, &wantIm, UInt32(n), UInt32(lanes), UInt32(q), m)
                #expect(maxAbsDifference(re, wantRe) <= 1e-14, "qubit \(q)")
                #expect(maxAbsDifference(im, wantIm) <= 1e-14, "qubit \(q)")
            }
        }
    }

    /// A CX ladder and a SWAP as one permutation, given as cycles, equal the gates one by one.
    @Test func permutationCyclesEqualTheGatesInTurn() {
        let lanes = 4, dim = 1 << n
        let gates: [(swap: Bool, a: Int, b: Int)] = [(false, 0, 1), (false, 1, 2), (true, 0, 4), (false, 3, 2), (false, 2, 3)]
        // Row j ends up holding the old row g_1(g_2(... g_m(j))).
        var source = [Int](repeating: 0, count: dim)
        for j in 0..<dim {
            var i = j
            for g in gates.reversed() {
                if g.swap {
                    if (i >> g.a) & 1 != (i >> g.b) & 1 { i ^= (1 << g.a) | (1 << g.b) }
                } else if (i >> g.a) & 1 == 1 {
                    i ^= 1 << g.b
                }
            }
            source[j] = i
        }
        var cycles: [UInt32] = [], seen = [Bool](repeating: false, count: dim)
        for start in 0..<dim where !seen[start] && source[start] != start {
            var cycle: [UInt32] = [], j = start
            repeat {
                seen[j] = true
                cycle.append(UInt32(j))
                j = source[j]
            } while j != start
            cycles += [UInt32(cycle.count)] + cycle
        }
        #expect(!cycles.isEmpty)
        let re = random(lanes << n, seed: 44), im = random(lanes << n, seed: 45)
        var wantRe = re, wantIm = im
        for g in gates {
            if g.swap {
                qk_batch_swap(&wantRe, &wantIm, UInt32(n), UInt32(lanes), UInt32(g.a), UInt32(g.b))
            } else {
                qk_batch_cx(&wantRe, &wantIm, UInt32(n), UInt32(lanes), UInt32(g.a), UInt32(g.b))
            }
        }
        var row = [Double](repeating: 0, count: 2 * lanes)
        for isa in isas {
            var (r, m) = (re, im)
            qk_batch_permute(isa, &r, &m, UInt32(lanes), cycles, cycles.count, &row)
            #expect(r == wantRe)
            #expect(m == wantIm)
        }
    }

    /// Rotations applied block by block (then a phase split into a block table and a per-block
    /// table, then the rows scattered to a permutation's places in other planes) equal the
    /// rotations' separate passes, the phase applied entry by entry and the rows moved one by one.
    @Test(arguments: [4, 6, 12], [1, 2, 3, 5]) func blockedRotationsEqualSeparatePasses(lanes: Int, b: Int) {
        let qubits: [UInt32] = [0, 1, 0, 2, 4, 3, 1].filter { Int($0) < b }
        let ys: [UInt8] = qubits.indices.map { $0 % 3 == 1 ? 0 : 1 }
        // Six trigonometric rows; rotation t takes row (t * 5) % 6 so rows are not in order.
        let angles = random(6 * lanes, seed: 51).map { 3 * $0 }
        let cosines = angles.map { cos($0 / 2) }, sines = angles.map { sin($0 / 2) }
        let rows = qubits.indices.map { UInt32(($0 * 5) % 6) }
        let low = random(2 * (lanes << b), seed: 52), high = random(2 * (lanes << (n - b)), seed: 53)
        // A permutation of the 2^n rows: multiplication by an odd number modulo 2^n.
        let destination = (0..<(1 << n)).map { UInt32(($0 * 13 + 5) % (1 << n)) }
        for isa in isas {
            for (withPhase, permute, paired) in [
                (false, false, false), (true, false, false), (false, true, false), (true, true, false), (false, false, true),
                (true, true, true),
            ] {
                var re = random(lanes << n, seed: 54), im = random(lanes << n, seed: 55)
                var wantRe = re, wantIm = im
                var movedRe = [Double](repeating: .nan, count: lanes << n), movedIm = movedRe
                // Pairs: consecutive rotations on different qubits, in the tangent form; the lanes
                // come out multiplied by 1 / (cos cos) of each pair, undone before comparing.
                var flags = [UInt8](repeating: 0, count: qubits.count)
                var undo = [Double](repeating: 1, count: lanes)
                var t = 0
                while paired && t + 1 < qubits.count {
                    guard qubits[t] != qubits[t + 1] else {
                        t += 1
                        continue
                    }
                    flags[t] = 1
                    for v in 0..<lanes { undo[v] *= cosines[Int(rows[t]) * lanes + v] * cosines[Int(rows[t + 1]) * lanes + v] }
                    t += 2
                }
                let tangents = zip(sines, cosines).map { $0 / $1 }
                qk_batch_rotation_blocks(
                    isa, &re, &im, UInt32(n), UInt32(lanes), UInt32(b), UInt32(qubits.count), qubits, ys, cosines, sines, rows,
                    paired ? flags : nil, paired ? tangents : nil, withPhase ? low : nil, withPhase ? high : nil,
                    permute ? destination : nil, &movedRe, &movedIm)
                for i in 0..<(lanes << n) {
                    re[i] *= undo[i % lanes]
                    im[i] *= undo[i % lanes]
                    movedRe[i] *= undo[i % lanes]
                    movedIm[i] *= undo[i % lanes]
                }
                for t in qubits.indices {
                    let r = Int(rows[t]) * lanes
                    qk_batch_rotation_lanes(
                        isa, &wantRe, &wantIm, UInt32(n), UInt32(lanes), qubits[t], Int32(ys[t]), Array(cosines[r..<(r + lanes)]),
                        Array(sines[r..<(r + lanes)]))
                }
                if withPhase {
                    for i in 0..<(1 << n) {
                        let l = i & ((1 << b) - 1), h = i >> b
                        for v in 0..<lanes {
                            let lr = low[l * lanes + v], li = low[(lanes << b) + l * lanes + v]
                            let hr = high[h * lanes + v], hi = high[(lanes << (n - b)) + h * lanes + v]
                            let fr = lr * hr - li * hi, fi = lr * hi + li * hr
                            let xr = wantRe[i * lanes + v], xi = wantIm[i * lanes + v]
                            wantRe[i * lanes + v] = xr * fr - xi * fi
                            wantIm[i * lanes + v] = xr * fi + xi * fr
                        }
                    }
                }
                let label = "b \(b), phase \(withPhase), permute \(permute), paired \(paired)"
                #expect(maxAbsDifference(re, wantRe) <= 1e-13, "\(label)")
                #expect(maxAbsDifference(im, wantIm) <= 1e-13, "\(label)")
                if permute {
                    var placedRe = wantRe, placedIm = wantIm
                    for i in 0..<(1 << n) {
                        let d = Int(destination[i])
                        for v in 0..<lanes {
                            placedRe[d * lanes + v] = wantRe[i * lanes + v]
                            placedIm[d * lanes + v] = wantIm[i * lanes + v]
                        }
                    }
                    #expect(maxAbsDifference(movedRe, placedRe) <= 1e-13, "\(label)")
                    #expect(maxAbsDifference(movedIm, placedIm) <= 1e-13, "\(label)")
                }
            }
        }
    }

    /// Two rotations in the tangent form, times cos(phi1/2) cos(phi2/2) per lane, equal the two
    /// plain rotations, for each kind and both qubit orders; angles
    /// include pi (a tangent near 1.6e16) and -pi/2.
    @Test(arguments: [4, 5, 12], [(0, 3), (3, 1), (2, 4)]) func tangentPairsEqualTwoRotations(lanes: Int, qubits: (UInt32, UInt32)) {
        var angles = random(2 * lanes, seed: 61).map { 6 * $0 }
        angles[1] = .pi
        angles[lanes + 2] = -.pi / 2
        let c = angles.map { cos($0 / 2) }, s = angles.map { sin($0 / 2) }, t = zip(s, c).map { $0 / $1 }
        let undo = (0..<lanes).map { 1 / (c[$0] * c[lanes + $0]) }
        for isa in isas {
            for (y1, y2) in [(1, 1), (1, 0), (0, 1), (0, 0)] as [(Int32, Int32)] {
                var re = random(lanes << n, seed: 62), im = random(lanes << n, seed: 63)
                var wantRe = re, wantIm = im
                qk_batch_rotation_pair_lanes(
                    isa, &re, &im, UInt32(n), UInt32(lanes), qubits.0, y1, qubits.1, y2, Array(t[0..<lanes]), Array(t[lanes...]))
                for i in 0..<(lanes << n) {
                    re[i] /= undo[i % lanes]
                    im[i] /= undo[i % lanes]
                }
                qk_batch_rotation_lanes(isa, &wantRe, &wantIm, UInt32(n), UInt32(lanes), qubits.0, y1, Array(c[0..<lanes]), Array(s[0..<lanes]))
                qk_batch_rotation_lanes(isa, &wantRe, &wantIm, UInt32(n), UInt32(lanes), qubits.1, y2, Array(c[lanes...]), Array(s[lanes...]))
                #expect(maxAbsDifference(re, wantRe) <= 1e-13, "y \(y1) \(y2), isa \(isa.rawValue)")
                #expect(maxAbsDifference(im, wantIm) <= 1e-13, "y \(y1) \(y2), isa \(isa.rawValue)")
            }
        }
    }

    /// d(l) = exp(i (g + sum_j theta_j bit_j(l))) by doubling, against the closed form.
    @Test(arguments: [4, 6]) func separablePhaseTablesMatchTheSum(lanes: Int) {
        let k = 4, dim = 1 << k
        let angles = random((k + 1) * lanes, seed: 46).map { 5 * $0 }
        for isa in isas {
            var work = [Double](repeating: .nan, count: (6 * k + 4) * lanes)
            var d = [Double](repeating: .nan, count: 2 * dim * lanes)
            qk_batch_phase_product(isa, angles, UInt32(k), UInt32(lanes), &work, &d)
            for v in 0..<lanes {
                for l in 0..<dim {
                    var phi = angles[v]
                    for j in 0..<k where (l >> j) & 1 == 1 { phi += angles[(j + 1) * lanes + v] }
                    #expect(isClose(d[l * lanes + v], cos(phi), absolute: 1e-14))
                    #expect(isClose(d[(dim + l) * lanes + v], sin(phi), absolute: 1e-14))
                }
            }
        }
    }

    /// Each lane's product state equals its factors' tensor product.
    @Test(arguments: [4, 5]) func productStatesAreTensorProducts(lanes: Int) {
        let dim = 1 << n
        let factors = random(4 * n * lanes, seed: 47)
        for isa in isas {
            var re = random(lanes << n, seed: 48), im = re
            qk_batch_product_state_lanes(isa, &re, &im, UInt32(n), UInt32(lanes), factors)
            for v in 0..<lanes {
                for i in 0..<dim {
                    var (ar, ai) = (1.0, 0.0)
                    for q in 0..<n {
                        let row = 4 * q * lanes + 2 * ((i >> q) & 1) * lanes
                        let (fr, fi) = (factors[row + v], factors[row + lanes + v])
                        (ar, ai) = (ar * fr - ai * fi, ar * fi + ai * fr)
                    }
                    #expect(isClose(re[i * lanes + v], ar, absolute: 1e-13))
                    #expect(isClose(im[i * lanes + v], ai, absolute: 1e-13))
                }
            }
            // As ratios b/a (rows 2 and 3) with the product of the a's first: the same state, in
            // place and written permuted into other planes (row i to row 13 i + 5 mod 2^n).
            var ratios = factors, first = [Double](repeating: 0, count: 2 * lanes)
            for v in 0..<lanes {
                var (pr, pi) = (1.0, 0.0)
                for q in 0..<n {
                    let a = 4 * q * lanes + v, (xr, xi) = (factors[a], factors[a + lanes])
                    let (yr, yi) = (factors[a + 2 * lanes], factors[a + 3 * lanes]), norm = xr * xr + xi * xi
                    (ratios[a], ratios[a + lanes]) = (.nan, .nan)
                    (ratios[a + 2 * lanes], ratios[a + 3 * lanes]) = ((yr * xr + yi * xi) / norm, (yi * xr - yr * xi) / norm)
                    (pr, pi) = (pr * xr - pi * xi, pr * xi + pi * xr)
                }
                (first[v], first[lanes + v]) = (pr, pi)
            }
            var inPlaceRe = random(lanes << n, seed: 49), inPlaceIm = inPlaceRe
            qk_batch_product_ratios_lanes(isa, &inPlaceRe, &inPlaceIm, UInt32(n), UInt32(lanes), ratios, first, nil, nil, nil)
            #expect(maxAbsDifference(inPlaceRe, re) <= 1e-13 && maxAbsDifference(inPlaceIm, im) <= 1e-13)
            let destination = (0..<dim).map { UInt32(($0 * 13 + 5) % dim) }
            var scratchRe = random(lanes << n, seed: 50), scratchIm = scratchRe
            var movedRe = [Double](repeating: .nan, count: lanes << n), movedIm = movedRe
            qk_batch_product_ratios_lanes(
                isa, &scratchRe, &scratchIm, UInt32(n), UInt32(lanes), ratios, first, destination, &movedRe, &movedIm)
            for i in 0..<dim {
                let d = Int(destination[i])
                #expect(maxAbsDifference(Array(movedRe[(d * lanes)..<((d + 1) * lanes)]), Array(re[(i * lanes)..<((i + 1) * lanes)])) <= 1e-13)
                #expect(maxAbsDifference(Array(movedIm[(d * lanes)..<((d + 1) * lanes)]), Array(im[(i * lanes)..<((i + 1) * lanes)])) <= 1e-13)
            }
        }
    }
}
