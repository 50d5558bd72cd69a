/// The Cholesky factorisation `A = L L^T` of a small dense symmetric positive definite matrix, in any
/// ``QuadratureScalar`` arithmetic (LAPACK offers only float and double).
///
/// Bayesian-quadrature systems have a few dozen unknowns, so the plain `O(n^3)` loop is the right
/// tool; what matters is that it runs in ``DoubleDouble`` as well.
struct SmallCholesky<S: QuadratureScalar> {
    /// `L`, row-major, lower triangle.
    private var lower: [S]
    private let size: Int

    /// Factors `matrix` (row-major `size x size`, lower triangle read), or `nil` when a pivot is not
    /// positive.
    init?(_ matrix: [S], size: Int) {
        self.size = size
        lower = matrix
        for j in 0..<size {
            var d = lower[j * size + j]
            for k in 0..<j { d = d - lower[j * size + k] * lower[j * size + k] }
            guard d > S(0) else { return nil }
            let root = d.squareRoot
            lower[j * size + j] = root
            for i in (j + 1)..<max(j + 1, size) {
                var s = lower[i * size + j]
                for k in 0..<j { s = s - lower[i * size + k] * lower[j * size + k] }
                lower[i * size + j] = s / root
            }
        }
    }

    /// The 1-based index of the first non-positive pivot (0 when the factorisation succeeds).
    static func failingPivot(_ matrix: [S], size: Int) -> Int {
        for k in stride(from: 1, through: size, by: 1) {
            let leading = (0..<k).flatMap { r in matrix[(r * size)..<(r * size + k)] }
            if SmallCholesky(Array(leading), size: k) == nil { return k }
        }
        return 0
    }

    /// `x` with `A x = b`, by forward and back substitution.
    func solve(_ b: [S]) -> [S] {
        var y = b
        for i in 0..<size {
            var s = y[i]
            for k in 0..<i { s = s - lower[i * size + k] * y[k] }
            y[i] = s / lower[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, size) { s = s - lower[k * size + i] * y[k] }
            y[i] = s / lower[i * size + i]
        }
        return y
    }
}
