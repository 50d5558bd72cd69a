import COpenBLAS

extension Matrix {
    /// The matrix product `a * b` through BLAS `dgemm`.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "cannot multiply \(a.rows)x\(a.columns) by \(b.rows)x\(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        if a.rows == 0 || b.columns == 0 { return c }
        if a.columns == 0 { return c }
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.scalars.withUnsafeMutableBufferPointer { pc in
                    qk_cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns), Int32(a.columns),
                        1, pa.baseAddress, Int32(a.columns), pb.baseAddress, Int32(b.columns), 0, pc.baseAddress,
                        Int32(b.columns))
                }
            }
        }
        return c
    }

    /// The matrix-vector product `a * x` through BLAS `dgemv`.
    public static func * (a: Matrix, x: [Double]) -> [Double] {
        precondition(a.columns == x.count, "cannot multiply \(a.rows)x\(a.columns) by a vector of \(x.count)")
        var y = [Double](repeating: 0, count: a.rows)
        if a.rows == 0 || a.columns == 0 { return y }
        a.scalars.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    qk_cblas_dgemv(
                        CblasRowMajor, CblasNoTrans, Int32(a.rows), Int32(a.columns), 1, pa.baseAddress,
                        Int32(a.columns), px.baseAddress, 1, 0, py.baseAddress, 1)
                }
            }
        }
        return y
    }
}
