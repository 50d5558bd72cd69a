import COpenBLAS

// LAPACK is column-major and `Matrix` row-major: a row-major buffer read column-major is the
// transpose. Symmetric inputs need no copy (the triangle named is the mirror of the one meant);
// general ones are transposed on the way in and out, O(n^2) beside LAPACK's O(n^3).

extension Matrix {
    /// The lower-triangular Cholesky factor `L` with `self = L L^T` (LAPACK `dpotrf`).
    ///
    /// Throws when the matrix is not (numerically) positive definite.
    public func cholesky() throws -> Matrix {
        precondition(rows == columns, "Cholesky needs a square matrix")
        var l = self
        var n = Int32(rows), lda = Int32(max(1, rows)), info: Int32 = 0
        // Column-major "U" of the buffer is row-major L: A = U^T U with U = L^T.
        l.scalars.withUnsafeMutableBufferPointer { qk_dpotrf("U", &n, $0.baseAddress, &lda, &info, 1) }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dpotrf", info: info,
                reason: info > 0 ? "leading minor \(info) is not positive definite" : "argument \(-info) is invalid")
        }
        for r in 0..<rows { for c in (r + 1)..<max(r + 1, columns) { l[r, c] = 0 } }
        return l
    }

    /// Solves `self * X = B` for square `self` by LU with partial pivoting (LAPACK `dgetrf` and
    /// `dgetrs`, the two halves of `dgesv`).
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(rows == columns && b.rows == rows, "solve needs a square matrix and a matching right-hand side")
        // The buffer of `self` is A^T column-major: factor it, then solve with its transpose.
        var lu = scalars
        var x = b.transposed.scalars  // B column-major
        var n = Int32(rows), nrhs = Int32(b.columns), ld = Int32(max(1, rows)), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: rows)
        lu.withUnsafeMutableBufferPointer { qk_dgetrf(&n, &n, $0.baseAddress, &ld, &pivots, &info) }
        guard info == 0 else {
            throw LinearAlgebraError(
                routine: "dgesv", info: info,
                reason: info > 0 ? "matrix is singular (U[\(info),\(info)] = 0)" : "argument \(-info) is invalid")
        }
        if nrhs > 0 {
            lu.withUnsafeBufferPointer { pa in
                x.withUnsafeMutableBufferPointer { qk_dgetrs("T", &n, &nrhs, pa.baseAddress, &ld, pivots, $0.baseAddress, &ld, &info, 1) }
            }
        }
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dgesv", info: info, reason: "argument \(-info) is invalid")
        }
        return Matrix(rows: b.columns, columns: rows, scalars: x).transposed
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
        var n = Int32(rows), info: Int32 = 0
        // Workspace query, then the solve; column-major "U" is the row-major lower triangle.
        var lwork: Int32 = -1, liwork: Int32 = -1, workSize = 0.0, iworkSize: Int32 = 0
        v.scalars.withUnsafeMutableBufferPointer {
            qk_dsyevd("V", "U", &n, $0.baseAddress, &n, &w, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1)
        }
        if info == 0 {
            lwork = Int32(workSize.rounded(.up))
            liwork = iworkSize
            var work = [Double](repeating: 0, count: Int(lwork))
            var iwork = [Int32](repeating: 0, count: Int(liwork))
            v.scalars.withUnsafeMutableBufferPointer {
                qk_dsyevd("V", "U", &n, $0.baseAddress, &n, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
            }
        }
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dsyevd", info: info, reason: "the eigen-solver did not converge")
        }
        // Eigenvector j is column j column-major, so row j of the buffer read row-major.
        return (w, v.transposed)
    }

    /// The minimum-norm least-squares solution of `self * x ~= b` (LAPACK `dgelsd`, SVD-based), which
    /// is also right for rank-deficient and under-determined systems. Singular values below
    /// `rcond * s_max` are treated as zero (`rcond < 0`: machine precision).
    public func leastSquares(_ b: [Double], rcond: Double = -1) throws -> [Double] {
        precondition(b.count == rows, "right-hand side has \(b.count) entries, matrix has \(rows) rows")
        let longest = max(rows, columns)
        if rows == 0 || columns == 0 { return [Double](repeating: 0, count: columns) }
        var a = transposed.scalars  // column-major, leading dimension `rows`
        var rhs = b + [Double](repeating: 0, count: longest - rows)
        var s = [Double](repeating: 0, count: min(rows, columns))
        var m = Int32(rows), n = Int32(columns), nrhs: Int32 = 1, lda = Int32(rows), ldb = Int32(longest)
        var rcond = rcond, rank: Int32 = 0, info: Int32 = 0
        var lwork: Int32 = -1, workSize = 0.0, iworkSize: Int32 = 0
        qk_dgelsd(&m, &n, &nrhs, &a, &lda, &rhs, &ldb, &s, &rcond, &rank, &workSize, &lwork, &iworkSize, &info)
        if info == 0 {
            lwork = Int32(workSize.rounded(.up))
            var work = [Double](repeating: 0, count: Int(lwork))
            var iwork = [Int32](repeating: 0, count: max(1, Int(iworkSize)))
            qk_dgelsd(&m, &n, &nrhs, &a, &lda, &rhs, &ldb, &s, &rcond, &rank, &work, &lwork, &iwork, &info)
        }
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dgelsd", info: info, reason: "the SVD did not converge")
        }
        return Array(rhs.prefix(columns))
    }
}
