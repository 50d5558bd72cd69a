import CQKKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The prologue: the gates before any two-qubit gate leave each lane in a product state, which is
/// built per qubit (two amplitudes per lane) and then expanded into the batch in one pass.
extension BatchedSimulator {
    /// Each qubit's state after its prologue steps, per lane, into `work.factors` (four rows per
    /// qubit: a real, a imaginary, b real, b imaginary), starting from `|0>`.
    static func productFactors(_ flat: BatchProgram.FlatArrays, qubits n: Int, lanes: Int, trig: Trigonometry, work: Scratch) {
        let f = work.factors
        f.update(repeating: 0, count: 4 * n * lanes)
        for q in 0..<n { (f + 4 * q * lanes).update(repeating: 1, count: lanes) }
        var row = 0
        for step in flat.prologue {
            let ar = f + 4 * step.qubit * lanes, ai = ar + lanes, br = ai + lanes, bi = br + lanes
            if step.kind == .gate {
                let m = flat.matrices + step.index
                for v in 0..<lanes {
                    let xr = ar[v], xi = ai[v], yr = br[v], yi = bi[v]
                    ar[v] = m[0] * xr - m[1] * xi + m[2] * yr - m[3] * yi
                    ai[v] = m[0] * xi + m[1] * xr + m[2] * yi + m[3] * yr
                    br[v] = m[4] * xr - m[5] * xi + m[6] * yr - m[7] * yi
                    bi[v] = m[4] * xi + m[5] * xr + m[6] * yi + m[7] * yr
                }
                continue
            }
            let s = trig.sine(row), c = trig.cosine(row)
            row += 1
            switch step.kind {
            case .gate: break
            case .ry:
                for v in 0..<lanes {
                    let xr = ar[v], xi = ai[v], yr = br[v], yi = bi[v]
                    (ar[v], ai[v]) = (c[v] * xr - s[v] * yr, c[v] * xi - s[v] * yi)
                    (br[v], bi[v]) = (s[v] * xr + c[v] * yr, s[v] * xi + c[v] * yi)
                }
            case .rx:
                for v in 0..<lanes {
                    let xr = ar[v], xi = ai[v], yr = br[v], yi = bi[v]
                    (ar[v], ai[v]) = (c[v] * xr + s[v] * yi, c[v] * xi - s[v] * yr)
                    (br[v], bi[v]) = (c[v] * yr + s[v] * xi, c[v] * yi - s[v] * xr)
                }
            case .phase:
                rotatePhase(re: br, im: bi, cos: c, sin: s, lanes: lanes)
            case .global:
                rotatePhase(re: ar, im: ai, cos: c, sin: s, lanes: lanes)
                rotatePhase(re: br, im: bi, cos: c, sin: s, lanes: lanes)
            case .fixedPhase:
                rotatePhase(re: br, im: bi, cos: c, sin: s, lanes: lanes)
                let (cf, sf) = (cos(step.coefficient), sin(step.coefficient))
                for v in 0..<lanes { (ar[v], ai[v]) = (ar[v] * cf - ai[v] * sf, ar[v] * sf + ai[v] * cf) }
            }
        }
    }

    /// Rewrites `work.factors` as ratios `b/a` (rows 2 and 3 of each qubit) with the product of the
    /// `a`s in `work.first`, for `qk_batch_product_ratios_lanes`; false (factors untouched) when some
    /// `|a|^2 < 2^-40`, where the ratios could grow large enough to cost precision or overflow.
    static func productRatios(qubits n: Int, lanes: Int, work: Scratch) -> Bool {
        let f = work.factors
        for v in 0..<(4 * n * lanes) where f[v].isNaN { return false }
        for q in 0..<n {
            let ar = f + 4 * q * lanes, ai = ar + lanes
            for v in 0..<lanes where !(ar[v] * ar[v] + ai[v] * ai[v] >= 0x1p-40) { return false }
        }
        let pr = work.first, pi = pr + lanes
        pr.update(repeating: 1, count: lanes)
        pi.update(repeating: 0, count: lanes)
        for q in 0..<n {
            let ar = f + 4 * q * lanes, ai = ar + lanes, br = ai + lanes, bi = br + lanes
            for v in 0..<lanes {
                let (xr, xi) = (ar[v], ai[v]), norm = xr * xr + xi * xi
                (br[v], bi[v]) = ((br[v] * xr + bi[v] * xi) / norm, (bi[v] * xr - br[v] * xi) / norm)
                (pr[v], pi[v]) = (pr[v] * xr - pi[v] * xi, pr[v] * xi + pi[v] * xr)
            }
        }
        return true
    }

    /// `(re, im) *= cos + i sin`, lane by lane.
    private static func rotatePhase(
        re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, cos c: UnsafePointer<Double>, sin s: UnsafePointer<Double>,
        lanes: Int
    ) {
        for v in 0..<lanes { (re[v], im[v]) = (re[v] * c[v] - im[v] * s[v], re[v] * s[v] + im[v] * c[v]) }
    }
}
