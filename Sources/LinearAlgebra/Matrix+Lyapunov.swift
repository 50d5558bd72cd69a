import COpenBLAS

extension Matrix {
    /// The real Schur decomposition `self = U T U^T` (LAPACK `dgees`): `U` orthogonal, `T` upper
    /// quasi-triangular with 1x1 and 2x2 diagonal blocks, and the eigenvalues `wr + i wi`.
    public func realSchur() throws -> (t: Matrix, u: Matrix, eigenvalues: [(re: Double, im: Double)]) {
        precondition(rows == columns, "the Schur decomposition needs a square matrix")
        if rows == 0 { return (self, self, []) }
        var t = transposed.scalars  // column-major
        var u = [Double](repeating: 0, count: rows * rows)
        var wr = [Double](repeating: 0, count: rows)
        var wi = [Double](repeating: 0, count: rows)
        var n = Int32(rows), sdim: Int32 = 0, info: Int32 = 0
        var bwork = [Int32](repeating: 0, count: rows)  // not referenced without sorting
        var lwork: Int32 = -1, workSize = 0.0
        qk_dgees("V", "N", nil, &n, &t, &n, &sdim, &wr, &wi, &u, &n, &workSize, &lwork, &bwork, &info, 1, 1)
        if info == 0 {
            lwork = Int32(workSize.rounded(.up))
            var work = [Double](repeating: 0, count: Int(lwork))
            qk_dgees("V", "N", nil, &n, &t, &n, &sdim, &wr, &wi, &u, &n, &work, &lwork, &bwork, &info, 1, 1)
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dgees", info: info,
                reason: info > 0 ? "the QR algorithm failed to compute all eigenvalues" : "argument \(-info) is invalid")
        }
        return (
            Matrix(rows: rows, columns: rows, scalars: t).transposed, Matrix(rows: rows, columns: rows, scalars: u).transposed,
            zip(wr, wi).map { ($0, $1) }
        )
    }

    /// The solution `X` of the continuous Lyapunov equation `A^T X + X A + Q = 0`.
    ///
    /// Bartels-Stewart: with the real Schur form `A = U T U^T`, `Y = U^T X U` solves
    /// `T^T Y + Y T = -U^T Q U`, a quasi-triangular Sylvester equation that LAPACK's `dtrsyl` solves by
    /// substitution; then `X = U Y U^T`. A unique solution exists when no two eigenvalues of `A` sum to
    /// zero, in particular when `A` is Hurwitz (then `X` is the cost-to-go matrix
    /// `integral_0^inf e^(A^T t) Q e^(A t) dt`, symmetric positive definite for `Q > 0`). The result is
    /// symmetrised when `Q` is symmetric.
    public static func solveLyapunov(_ a: Matrix, _ q: Matrix) throws -> Matrix {
        precondition(a.rows == a.columns && q.rows == a.rows && q.columns == a.rows, "A and Q must be square and alike")
        let n = a.rows
        let (t, u, _) = try a.realSchur()
        // dtrsyl on column-major copies: T^T Y + Y T = scale * C.
        var c = (-1.0 * (u.transposed * q * u)).transposed.scalars
        let tc = t.transposed.scalars
        var order = Int32(n), isgn: Int32 = 1, scale = 1.0, info: Int32 = 0
        if n > 0 { qk_dtrsyl("T", "N", &isgn, &order, &order, tc, &order, tc, &order, &c, &order, &scale, &info, 1, 1) }
        guard info >= 0 else {
            throw LinearAlgebraError(routine: "dtrsyl", info: info, reason: "argument \(-info) is invalid")
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dtrsyl", info: info, reason: "A and -A have (nearly) common eigenvalues; the solution is not unique")
        }
        let y = Matrix(rows: n, columns: n, scalars: c).transposed
        var x = u * ((1 / scale) * y) * u.transposed
        if q == q.transposed { x = 0.5 * (x + x.transposed) }
        return x
    }
}
