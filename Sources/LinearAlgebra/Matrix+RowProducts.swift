import COpenBLAS

// Products between the rows of matrices, the shape in which data points are stored (one point per
// row). Kernels are built from these: inner products x_i . y_j for a block of points, and the
// symmetric X X^T for a training set. The row ranges are handed to BLAS as pointer offsets, so a tile
// of a large data set is never copied.

extension Matrix {
    /// The inner products of rows `rowsA` of `a` with rows `rowsB` of `b`:
    /// `result[r, c] = a.row(rowsA.lowerBound + r) . b.row(rowsB.lowerBound + c)`, one `dgemm`.
    public static func rowInnerProducts(_ a: Matrix, rows rowsA: Range<Int>, _ b: Matrix, rows rowsB: Range<Int>)
        -> Matrix
    {
        precondition(a.columns == b.columns, "rows of length \(a.columns) and \(b.columns) have no inner product")
        precondition(rowsA.lowerBound >= 0 && rowsA.upperBound <= a.rows, "row range \(rowsA) outside 0..<\(a.rows)")
        precondition(rowsB.lowerBound >= 0 && rowsB.upperBound <= b.rows, "row range \(rowsB) outside 0..<\(b.rows)")
        var c = Matrix(rows: rowsA.count, columns: rowsB.count)
        let d = a.columns
        if rowsA.isEmpty || rowsB.isEmpty || d == 0 { return c }
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.scalars.withUnsafeMutableBufferPointer { pc in
                    qk_cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rowsA.count), Int32(rowsB.count), Int32(d), 1,
                        pa.baseAddress! + rowsA.lowerBound * d, Int32(d), pb.baseAddress! + rowsB.lowerBound * d,
                        Int32(d), 0, pc.baseAddress, Int32(rowsB.count))
                }
            }
        }
        return c
    }

    /// The Gram matrix of rows `rows` of `a`, `A A^T`, by `dsyrk` (half the work of `dgemm`); both
    /// triangles are filled.
    public static func rowGram(_ a: Matrix, rows: Range<Int>) -> Matrix {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= a.rows, "row range \(rows) outside 0..<\(a.rows)")
        let n = rows.count
        let d = a.columns
        var c = Matrix(rows: n, columns: n)
        if n == 0 || d == 0 { return c }
        a.scalars.withUnsafeBufferPointer { pa in
            c.scalars.withUnsafeMutableBufferPointer { pc in
                qk_cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(d), 1, pa.baseAddress! + rows.lowerBound * d,
                    Int32(d), 0, pc.baseAddress, Int32(n))
                // dsyrk leaves the lower triangle untouched; mirror the upper one into it.
                for r in 1..<max(n, 1) {
                    for s in 0..<r { pc[r * n + s] = pc[s * n + r] }
                }
            }
        }
        return c
    }

    /// The squared Euclidean norm of every row, `||a_i||^2`.
    public var rowSquaredNorms: [Double] {
        (0..<rows).map { r in
            var s = 0.0
            for c in 0..<columns {
                let v = scalars[r * columns + c]
                s += v * v
            }
            return s
        }
    }

    /// The rows at `indices`, in that order (repeats allowed).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        for i in indices {
            precondition(i >= 0 && i < rows, "row \(i) outside 0..<\(rows)")
            out.append(contentsOf: scalars[i * columns..<(i + 1) * columns])
        }
        return Matrix(rows: indices.count, columns: columns, scalars: out)
    }

    /// The columns at `indices`, in that order (repeats allowed).
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * rows)
        for r in 0..<rows {
            for c in indices {
                precondition(c >= 0 && c < columns, "column \(c) outside 0..<\(columns)")
                out.append(scalars[r * columns + c])
            }
        }
        return Matrix(rows: rows, columns: indices.count, scalars: out)
    }
}
