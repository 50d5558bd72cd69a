import LinearAlgebra
import QKSupport

extension KernelDiagnostics {
    /// The geometric difference `g(K_C || K_Q)` of Huang et al., "Power of data in quantum machine
    /// learning" (Nat. Commun. 12, 2631, 2021): how much better than the classical kernel `K_C` the
    /// quantum kernel `K_Q` can generalise on some labelling of these points. `g` near 1 means `K_C`
    /// can learn whatever `K_Q` can; only a large `g` (~ sqrt(N)) leaves room for an advantage.
    ///
    /// With both matrices first scaled to trace N (the paper's normalisation; turn off with
    /// `normalizeTrace: false`), this computes the paper's regularised form (its Eq. F9):
    ///
    ///     g = sqrt( || sqrt(K_Q) sqrt(K_C) (K_C + lambda I)^-2 sqrt(K_C) sqrt(K_Q) ||_inf )
    ///
    /// with `||.||_inf` the spectral norm (largest eigenvalue of this symmetric PSD matrix) and
    /// square roots of PSD matrices through their eigen-decomposition (negative eigenvalues from
    /// rounding clipped to 0). As `lambda -> 0` it tends to the unregularised
    /// `sqrt(|| sqrt(K_Q) K_C^-1 sqrt(K_Q) ||)`; `lambda = 0` is accepted and uses the pseudo-inverse
    /// (eigenvalues of `K_C` below 1e-12 of the largest are dropped), but a small positive `lambda`
    /// is what the paper recommends, as `K_C^-1` amplifies noise.
    public static func geometricDifference(
        classical kc: Matrix, quantum kq: Matrix, regularization lambda: Double, normalizeTrace: Bool = true
    ) throws -> Double {
        guard kc.rows == kc.columns, kq.rows == kq.columns, kc.rows == kq.rows, kc.rows > 0 else {
            throw InputError("the geometric difference needs two square kernel matrices on the same points")
        }
        guard lambda >= 0 && lambda.isFinite else {
            throw InputError("the regularisation lambda must be 0 or positive; got \(lambda)")
        }
        let n = Double(kc.rows)
        let c = normalizeTrace ? (n / kc.trace) * kc : kc
        let q = normalizeTrace ? (n / kq.trace) * kq : kq
        let sqrtQ = try psdSquareRoot(q)
        // sqrt(K_C) (K_C + lambda)^-2 sqrt(K_C) = V diag(s / (s + lambda)^2) V^T shares K_C's
        // eigenvectors; split it as W W^T with W = V diag(sqrt(s) / (s + lambda)).
        let (s, v) = try c.symmetricEigen()
        let top = s.last ?? 0
        var w = v
        for j in 0..<s.count {
            let value = max(s[j], 0)
            let factor = lambda > 0 ? value.squareRoot() / (value + lambda) : (value > 1e-12 * top ? 1 / value.squareRoot() : 0)
            for i in 0..<w.rows { w[i, j] *= factor }
        }
        let b = sqrtQ * w  // M = B B^T
        let m = Matrix.rowGram(b, rows: 0..<b.rows)
        let largest = try m.symmetricEigen().values.last ?? 0
        return max(largest, 0).squareRoot()
    }

    /// The PSD square root `V diag(sqrt(max(s, 0))) V^T` of a symmetric matrix.
    static func psdSquareRoot(_ k: Matrix) throws -> Matrix {
        let (s, v) = try k.symmetricEigen()
        var scaled = v
        for j in 0..<s.count {
            let r = max(s[j], 0).squareRoot()
            for i in 0..<v.rows { scaled[i, j] *= r }
        }
        return Matrix.rowInnerProducts(scaled, rows: 0..<v.rows, v, rows: 0..<v.rows)
    }
}
