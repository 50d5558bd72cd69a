import LinearAlgebra
import QKSupport

/// What a kernel keeps about a batch of data points once it has prepared them: for classical
/// kernels the points and their norms, for quantum kernels the simulated states.
public protocol KernelFeatures: Sendable {
    /// Number of data points in the batch.
    var count: Int { get }
}

/// A kernel function k(x, y) on data points, evaluated on whole batches.
///
/// Data points are the rows of a ``Matrix``. Every kernel in QKSim, classical and quantum, speaks
/// this one vocabulary:
///
/// - ``gram(_:)``: the symmetric training matrix `K[i, j] = k(x_i, x_j)`, N x N;
/// - ``cross(_:_:)``: test against training points, `K[m, n] = k(t_m, x_n)`, M x N (the layout
///   scikit-learn's `SVC(kernel='precomputed')` expects).
///
/// Both are built from two lower-level steps, which are the requirements a new kernel implements:
///
/// 1. ``features(_:)`` prepares a batch once per point. Quantum kernels simulate each state here,
///    so a Gram matrix costs N circuit simulations, never N^2.
/// 2. ``block(_:rows:_:columns:)`` computes one tile `K[rows, columns]` between two prepared
///    batches, as a matrix product where possible (BLAS `dgemm` / `zgemm`). Tiles let callers bound
///    memory for large N, and let the SVM fetch single kernel columns on demand.
///
/// ``symmetricBlock(_:rows:)`` and ``diagonal(_:)`` have default implementations through `block`;
/// kernels with a cheaper symmetric product (`dsyrk`, `zherk`) or a known diagonal override them.
public protocol Kernel: Sendable, CustomStringConvertible {
    /// The prepared form of a batch of points.
    associatedtype Features: KernelFeatures

    /// A short identifier, e.g. `"rbf"`, used in tables and file names.
    var name: String { get }

    /// Prepares the rows of `x`; called once per batch.
    func features(_ x: Matrix) throws -> Features

    /// The tile `K[r, c] = k(a_{rows.lowerBound + r}, b_{columns.lowerBound + c})`.
    func block(_ a: Features, rows: Range<Int>, _ b: Features, columns: Range<Int>) throws -> Matrix

    /// The symmetric tile `K[rows, rows]` of one batch with itself.
    func symmetricBlock(_ a: Features, rows: Range<Int>) throws -> Matrix

    /// `k(a_i, a_i)` for every point of the batch.
    func diagonal(_ a: Features) throws -> [Double]

    /// The training Gram matrix of the rows of `x` (N x N, symmetric).
    func gram(_ x: Matrix) throws -> Matrix

    /// The test-versus-training matrix (M x N) between the rows of `test` and of `train`.
    func cross(_ test: Matrix, _ train: Matrix) throws -> Matrix
}

extension Kernel {
    /// `name` unless a kernel describes its parameters too.
    public var description: String { name }

    /// Default: the general tile of the batch with itself.
    public func symmetricBlock(_ a: Features, rows: Range<Int>) throws -> Matrix {
        try block(a, rows: rows, a, columns: rows)
    }

    /// Default: one 1 x 1 tile per point.
    public func diagonal(_ a: Features) throws -> [Double] {
        try (0..<a.count).map { i in try block(a, rows: i..<i + 1, a, columns: i..<i + 1)[0, 0] }
    }

    /// Default: prepare once, one symmetric tile over the whole batch.
    public func gram(_ x: Matrix) throws -> Matrix {
        let f = try features(x)
        return try symmetricBlock(f, rows: 0..<f.count)
    }

    /// Default: prepare both batches once, one tile between them.
    public func cross(_ test: Matrix, _ train: Matrix) throws -> Matrix {
        guard test.columns == train.columns else {
            throw InputError(
                "test points have \(test.columns) features but training points have \(train.columns); "
                    + "both must have the same")
        }
        let a = try features(test)
        let b = try features(train)
        return try block(a, rows: 0..<a.count, b, columns: 0..<b.count)
    }
}
