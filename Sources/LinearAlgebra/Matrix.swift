/// A dense real matrix, row-major, the type that the learning and control layers pass to BLAS and
/// LAPACK.
///
/// Value semantics (copy on write through the array). Row-major storage matches `.npy` C order and
/// CBLAS's `CblasRowMajor`; LAPACK routines, which are column-major, are called on the transpose
/// (OpenBLAS's own Fortran entry points, see `Matrix+LAPACK.swift`).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row-major: `scalars[r * columns + c]`.
    public var scalars: [Double]

    /// Creates a matrix from row-major scalars.
    public init(rows: Int, columns: Int, scalars: [Double]) {
        precondition(rows >= 0 && columns >= 0 && scalars.count == rows * columns, "scalars do not match the shape")
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// A `rows x columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, scalars: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "rows have different lengths")
        self.init(rows: rowArrays.count, columns: c, scalars: rowArrays.flatMap { $0 })
    }

    /// The `n x n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A diagonal matrix.
    public static func diagonal(_ d: [Double]) -> Matrix {
        var m = Matrix(rows: d.count, columns: d.count)
        for (i, v) in d.enumerated() { m[i, i] = v }
        return m
    }

    /// Entry at row `r`, column `c`.
    @inlinable
    public subscript(r: Int, c: Int) -> Double {
        get { scalars[r * columns + c] }
        set { scalars[r * columns + c] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Double] { Array(scalars[r * columns..<(r + 1) * columns]) }

    /// Column `c` as an array.
    public func column(_ c: Int) -> [Double] { (0..<rows).map { self[$0, c] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for r in 0..<rows { for c in 0..<columns { t.scalars[c * rows + r] = scalars[r * columns + c] } }
        return t
    }

    /// The diagonal entries.
    public var diagonalEntries: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The sum of the diagonal.
    public var trace: Double { diagonalEntries.reduce(0, +) }

    /// The Frobenius norm, sqrt(sum of squares).
    public var frobeniusNorm: Double { scalars.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// Entry-wise sum.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return Matrix(rows: a.rows, columns: a.columns, scalars: zip(a.scalars, b.scalars).map(+))
    }

    /// Entry-wise difference.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return Matrix(rows: a.rows, columns: a.columns, scalars: zip(a.scalars, b.scalars).map(-))
    }

    /// Scalar multiple.
    public static func * (s: Double, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, scalars: a.scalars.map { s * $0 })
    }
}
