import COpenBLAS

extension Matrix {
    /// The lower-triangular Cholesky factor `L` with `self = L L^T` (LAPACK `dpotrf`).
    ///
    /// Throws when the matrix is not (numerically) positive definite.
    public func cholesky() throws -> Matrix {
        precondition(rows == columns, "Cholesky needs a square matrix")
        var l = self
        let info = l.scalars.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(rows), $0.baseAddress, Int32(rows))
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dpotrf", info: info,
                reason: info > 0 ? "leading minor \(info) is not positive definite" : "argument \(-info) is invalid")
        }
        for r in 0..<rows { for c in (r + 1)..<max(r + 1, columns) { l[r, c] = 0 } }
        return l
    }

    /// Solves `self * X = B` for square `self` by LU with partial pivoting (LAPACK `dgesv`).
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(rows == columns && b.rows == rows, "solve needs a square matrix and a matching right-hand side")
        var a = self
        var x = b
        var pivots = [Int32](repeating: 0, count: rows)
        let info = a.scalars.withUnsafeMutableBufferPointer { pa in
            x.scalars.withUnsafeMutableBufferPointer { px in
                LAPACKE_dgesv(
                    LAPACK_ROW_MAJOR, Int32(rows), Int32(b.columns), pa.baseAddress, Int32(rows), &pivots,
                    px.baseAddress, Int32(max(1, b.columns)))
            }
        }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dgesv", info: info,
                reason: info > 0 ? "matrix is singular (U[\(info),\(info)] = 0)" : "argument \(-info) is invalid")
        }
        return x
    }

    /// Solves `self * x = b` for a vector right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, scalars: b)).scalars
    }

    /// The inverse of a square matrix.
    public func inverse() throws -> Matrix { try solve(.identity(rows)) }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (as columns) of a symmetric matrix, by
    /// the divide-and-conquer driver `dsyevd`. Only the lower triangle is read.
    public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
        precondition(rows == columns, "eigen-decomposition needs a square matrix")
        var v = self
        var w = [Double](repeating: 0, count: rows)
        if rows == 0 { return (w, v) }
        let info = v.scalars.withUnsafeMutableBufferPointer {
            LAPACKE_dsyevd(
                LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")), Int32(rows), $0.baseAddress,
                Int32(rows), &w)
        }
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dsyevd", info: info, reason: "the eigen-solver did not converge")
        }
        return (w, v)
    }

    /// The minimum-norm least-squares solution of `self * x ~= b` (LAPACK `dgelsd`, SVD-based), which
    /// is also right for rank-deficient and under-determined systems. Singular values below
    /// `rcond * s_max` are treated as zero (`rcond < 0`: machine precision).
    public func leastSquares(_ b: [Double], rcond: Double = -1) throws -> [Double] {
        precondition(b.count == rows, "right-hand side has \(b.count) entries, matrix has \(rows) rows")
        let n = max(rows, columns)
        var a = self
        var rhs = b + [Double](repeating: 0, count: n - rows)
        var s = [Double](repeating: 0, count: min(rows, columns))
        var rank: Int32 = 0
        let info = a.scalars.withUnsafeMutableBufferPointer { pa in
            LAPACKE_dgelsd(
                LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), 1, pa.baseAddress, Int32(columns), &rhs, 1, &s, rcond,
                &rank)
        }
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dgelsd", info: info, reason: "the SVD did not converge")
        }
        return Array(rhs.prefix(columns))
    }
}
