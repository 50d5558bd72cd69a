import LinearAlgebra
import QKSupport

/// Measurements of a kernel matrix that predict how well it can learn, before training anything.
public enum KernelDiagnostics {}

extension KernelDiagnostics {
    /// Kernel-target alignment `A(K, T) = <K, T>_F / (||K||_F ||T||_F)` (Cristianini et al. 2002)
    /// between a training Gram matrix and the ideal kernel of the labels, `T[i, j] = 1` when points
    /// `i` and `j` share a class and `-1/(k-1)` otherwise (for two classes, `T = y y^T` with
    /// `y = +-1`).
    ///
    /// - `centered: false` is that original, *uncentred* alignment, in [-1, 1]; it is inflated by a
    ///   kernel's constant offset (every entry of an RBF matrix is positive).
    /// - `centered: true` is the *centred* alignment of Cortes, Mohri and Rostamizadeh (2012): both
    ///   matrices are first centred in feature space, `K_c = H K H` with `H = I - 1 1^T / n`, which
    ///   removes that offset; this is the one to compare kernels with.
    public static func alignment(_ k: Matrix, labels: [Double], centered: Bool) throws -> Double {
        guard k.rows == k.columns, k.rows == labels.count else {
            throw InputError("alignment needs an N x N kernel and N labels; got \(k.rows) x \(k.columns) and \(labels.count)")
        }
        return try alignment(k, idealKernel(labels), centered: centered)
    }

    /// The alignment of two kernel matrices on the same points (e.g. a quantum and a classical one).
    public static func alignment(_ a: Matrix, _ b: Matrix, centered: Bool) throws -> Double {
        guard a.rows == a.columns, a.rows == b.rows, b.rows == b.columns, a.rows > 0 else {
            throw InputError("alignment needs two square kernel matrices of the same size")
        }
        let (x, y) = centered ? (centre(a), centre(b)) : (a, b)
        var (xy, xx, yy) = (0.0, 0.0, 0.0)
        for (p, q) in zip(x.scalars, y.scalars) {
            xy += p * q
            xx += p * p
            yy += q * q
        }
        guard xx > 0 && yy > 0 else { return 0 }
        return xy / (xx * yy).squareRoot()
    }

    /// The label kernel `T` described in ``alignment(_:labels:centered:)``.
    public static func idealKernel(_ labels: [Double]) -> Matrix {
        let k = Set(labels).count
        let other = k > 1 ? -1 / Double(k - 1) : 1
        var t = Matrix(rows: labels.count, columns: labels.count)
        for i in labels.indices {
            for j in labels.indices { t[i, j] = labels[i] == labels[j] ? 1 : other }
        }
        return t
    }

    /// `H K H`: every entry minus its row mean and column mean, plus the overall mean.
    public static func centre(_ k: Matrix) -> Matrix {
        let n = k.rows
        var rowMeans = [Double](repeating: 0, count: n)
        var columnMeans = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n {
                rowMeans[i] += k[i, j]
                columnMeans[j] += k[i, j]
            }
        }
        rowMeans = rowMeans.map { $0 / Double(n) }
        columnMeans = columnMeans.map { $0 / Double(n) }
        let mean = rowMeans.reduce(0, +) / Double(n)
        var c = k
        for i in 0..<n {
            for j in 0..<n { c[i, j] = k[i, j] - rowMeans[i] - columnMeans[j] + mean }
        }
        return c
    }

    /// The eigenvalues of a symmetric kernel matrix, largest first (LAPACK `dsyevd`). A fast decay
    /// means the kernel sees the data through few effective dimensions.
    public static func spectrum(_ k: Matrix) throws -> [Double] {
        guard k.rows == k.columns else { throw InputError("the spectrum needs a square matrix; got \(k.rows) x \(k.columns)") }
        return try k.symmetricEigen().values.reversed()
    }

    /// Mean and (population) variance of the off-diagonal entries. For quantum fidelity kernels both
    /// shrink exponentially with the number of qubits when the feature map is too expressive
    /// ("exponential concentration", Thanasilp et al. 2022): the matrix tends to the identity and
    /// nothing can be learned from it.
    public static func offDiagonalStatistics(_ k: Matrix) throws -> (mean: Double, variance: Double) {
        guard k.rows == k.columns, k.rows >= 2 else {
            throw InputError("off-diagonal statistics need a square matrix of at least 2 x 2")
        }
        var values: [Double] = []
        values.reserveCapacity(k.rows * (k.rows - 1))
        for i in 0..<k.rows {
            for j in 0..<k.columns where i != j { values.append(k[i, j]) }
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance)
    }
}
