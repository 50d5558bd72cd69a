import COpenBLAS

extension Matrix {
    /// The real Schur decomposition `self = U T U^T` (LAPACK `dgees`): `U` orthogonal, `T` upper
    /// quasi-triangular with 1x1 and 2x2 diagonal blocks, and the eigenvalues `wr + i wi`.
    public func realSchur() throws -> (t: Matrix, u: Matrix, eigenvalues: [(re: Double, im: Double)]) {
        precondition(rows == columns, "the Schur decomposition needs a square matrix")
        var t = self
        var u = Matrix(rows: rows, columns: rows)
        var wr = [Double](repeating: 0, count: rows)
        var wi = [Double](repeating: 0, count: rows)
        var sdim: Int32 = 0
        if rows == 0 { return (t, u, []) }
        let info = t.scalars.withUnsafeMutableBufferPointer { pt in
            u.scalars.withUnsafeMutableBufferPointer { pu in
                LAPACKE_dgees(
                    LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "N")), nil, Int32(rows), pt.baseAddress,
                    Int32(rows), &sdim, &wr, &wi, pu.baseAddress, Int32(rows))
            }
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dgees", info: info,
                reason: info > 0 ? "the QR algorithm failed to compute all eigenvalues" : "argument \(-info) is invalid")
        }
        return (t, u, zip(wr, wi).map { ($0, $1) })
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
        var c = -1.0 * (u.transposed * q * u)
        var scale = 1.0
        let info = t.scalars.withUnsafeBufferPointer { pt in
            c.scalars.withUnsafeMutableBufferPointer { pc in
                LAPACKE_dtrsyl(
                    LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "T")), Int8(UInt8(ascii: "N")), 1, Int32(n), Int32(n), pt.baseAddress,
                    Int32(n), pt.baseAddress, Int32(n), pc.baseAddress, Int32(n), &scale)
            }
        }
        guard info >= 0 else {
            throw LinearAlgebraError(routine: "dtrsyl", info: info, reason: "argument \(-info) is invalid")
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dtrsyl", info: info, reason: "A and -A have (nearly) common eigenvalues; the solution is not unique")
        }
        var x = u * ((1 / scale) * c) * u.transposed
        if q == q.transposed { x = 0.5 * (x + x.transposed) }
        return x
    }
}
