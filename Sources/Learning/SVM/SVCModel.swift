import Dispatch
import Kernels
import LinearAlgebra
import QKSupport

/// A trained C-SVC: the learned state of ``SVC/fit(_:_:)``, in LIBSVM's layout with scikit-learn's
/// views alongside.
///
/// For a class pair `p = (i, j)` (pairs in LIBSVM order), the decision value of a point `x` is
///
///     d_p(x) = sum_{s in SV(i)} coef[j-1, s] K(x_s, x) + sum_{s in SV(j)} coef[i, s] K(x_s, x) - rho[p]
///
/// and `d_p > 0` votes for class `i`. ``decisionValues(_:)`` returns these (LIBSVM's convention);
/// ``decisionFunction(_:)`` returns scikit-learn's, which negates them for binary problems so that a
/// positive value means `classes[1]`.
public struct SVCModel: Sendable {
    /// The kernel the model was trained with.
    public let kernel: SVCKernel
    /// The sorted class labels.
    public let classes: [Double]
    /// Number of training points (the width a precomputed test matrix must have).
    public let trainingCount: Int
    /// Indices of the support vectors in the training data, grouped by class (scikit-learn's `support_`).
    public let supportIndices: [Int]
    /// The support vectors, one per row (empty for a precomputed kernel).
    public let supportVectors: Matrix
    /// Number of support vectors of each class (`n_support_`, LIBSVM's `nSV`).
    public let supportCounts: [Int]
    /// `(k-1) x nSV` coefficients `alpha_s y_s` in LIBSVM's `sv_coef` layout (see the type's comment).
    public let supportVectorCoefficients: Matrix
    /// The offset of each pair's decision function (LIBSVM's `rho`).
    public let rho: [Double]
    /// Each pair's dual objective `1/2 a^T Q a - e^T a` at the solution (LIBSVM's `obj`); scikit-learn's
    /// fixture "dual objective, max form" is its negative.
    public let objectives: [Double]
    /// SMO iterations taken by each pair.
    public let iterations: [Int]
    /// Whether a pair stopped at the iteration limit instead of the tolerance.
    public let reachedIterationLimit: [Bool]
    /// Threads for prediction's kernel values (a fitted model inherits its ``SVC``'s).
    public var parallelism = Parallelism()
    /// Platt's sigmoid `P(class i | d) = 1 / (1 + exp(A d + B))` per pair, when fitted.
    public let probabilityA: [Double]?
    /// See ``probabilityA``.
    public let probabilityB: [Double]?
    /// LIBSVM's decision values of the training points, in training order, read off the solver's
    /// final gradient (binary models fitted in this process; `nil` otherwise). See
    /// ``predictTraining(_:)``.
    public internal(set) var trainingDecisionValues: [Double]? = nil
    /// A bound on the kernel's magnitude over the training points (`max(1, max_i K(x_i, x_i))`),
    /// which scales the float rounding of the solver's kernel cache.
    var trainingKernelScale = 1.0

    /// Assembles a model from its parts (used by ``SVC`` and by the model file reader).
    public init(
        kernel: SVCKernel, classes: [Double], trainingCount: Int, supportIndices: [Int], supportVectors: Matrix,
        supportCounts: [Int], supportVectorCoefficients: Matrix, rho: [Double], objectives: [Double],
        iterations: [Int], reachedIterationLimit: [Bool], probabilityA: [Double]?, probabilityB: [Double]?
    ) {
        self.kernel = kernel
        self.classes = classes
        self.trainingCount = trainingCount
        self.supportIndices = supportIndices
        self.supportVectors = supportVectors
        self.supportCounts = supportCounts
        self.supportVectorCoefficients = supportVectorCoefficients
        self.rho = rho
        self.objectives = objectives
        self.iterations = iterations
        self.reachedIterationLimit = reachedIterationLimit
        self.probabilityA = probabilityA
        self.probabilityB = probabilityB
    }

    /// The class pairs `(i, j)`, `i < j`, in LIBSVM's order.
    public var pairs: [(Int, Int)] {
        (0..<classes.count).flatMap { i in (i + 1..<classes.count).map { (i, $0) } }
    }

    /// scikit-learn's `intercept_`: `-rho`, negated again for binary problems.
    public var intercept: [Double] { classes.count == 2 ? rho : rho.map { -$0 } }

    /// scikit-learn's `dual_coef_`: the LIBSVM coefficients, negated for binary problems.
    public var dualCoefficients: Matrix { classes.count == 2 ? -1 * supportVectorCoefficients : supportVectorCoefficients }

    /// The kernel values between the rows of `x` and the support vectors (M x nSV). For a
    /// precomputed kernel `x` is the M x N test-versus-training matrix.
    public func supportKernel(_ x: Matrix) throws -> Matrix {
        switch kernel {
        case .precomputed:
            guard x.columns == trainingCount else {
                throw InputError(
                    "a precomputed test kernel needs one column per training point (\(trainingCount)); got \(x.columns)")
            }
            if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
                throw InputError("precomputed kernel entry (\(bad / x.columns + 1), \(bad % x.columns + 1)) is \(x.scalars[bad])")
            }
            return x.selectingColumns(supportIndices)
        case .kernel(let k):
            guard x.columns == supportVectors.columns else {
                throw InputError(
                    "the model was trained on \(supportVectors.columns) features; the data has \(x.columns)")
            }
            return try Self.cross(k, x, supportVectors, parallelism: parallelism)
        }
    }

    /// LIBSVM's decision values, `M x k(k-1)/2`: column `p` is `d_p` for pair `pairs[p]`, positive
    /// for the pair's first class.
    public func decisionValues(_ x: Matrix) throws -> Matrix {
        var out = Matrix(rows: x.rows, columns: pairs.count)
        if case .kernel(let k) = kernel {
            guard x.columns == supportVectors.columns else {
                throw InputError(
                    "the model was trained on \(supportVectors.columns) features; the data has \(x.columns)")
            }
            // Tile by tile, so the M x nSV kernel matrix is never held whole.
            let width = out.columns
            try out.scalars.withUnsafeMutableBufferPointer { o in
                nonisolated(unsafe) let target = o.baseAddress!
                try Self.forEachKernelTile(k, x, supportVectors, parallelism: parallelism) { rows, block in
                    decisionValues(supportKernel: block, into: target + rows.lowerBound * width)
                }
            }
        } else {
            let kvalue = try supportKernel(x)
            out.scalars.withUnsafeMutableBufferPointer { o in decisionValues(supportKernel: kvalue, into: o.baseAddress!) }
        }
        return out
    }

    /// The decision values of the rows of `kvalue` (kernel values against the support vectors),
    /// written row by row from `out`.
    private func decisionValues(supportKernel kvalue: Matrix, into out: UnsafeMutablePointer<Double>) {
        let k = classes.count
        var starts = [0]
        for c in 0..<k - 1 { starts.append(starts[c] + supportCounts[c]) }
        let pairList = pairs
        let n = kvalue.columns
        let width = pairList.count
        kvalue.scalars.withUnsafeBufferPointer { kv in
            supportVectorCoefficients.scalars.withUnsafeBufferPointer { coefficients in
                for m in 0..<kvalue.rows {
                    let row = kv.baseAddress! + m * n
                    for (p, (i, j)) in pairList.enumerated() {
                        // Summed in LIBSVM's order, so that values near 0 fall on the same side.
                        var sum = 0.0
                        let first = coefficients.baseAddress! + (j - 1) * n
                        for s in starts[i]..<starts[i] + supportCounts[i] { sum += first[s] * row[s] }
                        let second = coefficients.baseAddress! + i * n
                        for s in starts[j]..<starts[j] + supportCounts[j] { sum += second[s] * row[s] }
                        out[m * width + p] = sum - rho[p]
                    }
                }
            }
        }
    }

    /// scikit-learn's `decision_function` with `decision_function_shape='ovo'`: ``decisionValues(_:)``,
    /// negated for binary problems (then `> 0` means `classes[1]`).
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        let d = try decisionValues(x)
        return classes.count == 2 ? -1 * d : d
    }

    /// The predicted labels by one-versus-one voting (ties go to the class that comes first;
    /// a decision value of exactly 0 votes for the pair's second class, as in LIBSVM).
    public func predict(_ x: Matrix) throws -> [Double] {
        try predict(decisionValues: decisionValues(x))
    }

    /// `predict(x)` for the training points `x` themselves (the rows the model was fitted on, in
    /// that order), mostly without a kernel evaluation.
    ///
    /// For C-SVC the solver's final gradient is `G_i = y_i sum_j alpha_j y_j K_ij - 1`, so each
    /// training decision value is `y_i (G_i + 1) - rho` (``trainingDecisionValues``). The solver
    /// reads kernel values rounded to float, as LIBSVM's cache does, and every update of `G_i` uses
    /// the same rounded `K_ij`, so the updates telescope to `sum_j alpha_j y_j K^float_ij`: an error
    /// of at most `2^-24 sum_j alpha_j |K_ij|`. Points whose value lies within 16 times that bound
    /// of zero are evaluated exactly, so the labels are `predict(x)`'s. A 5000-point RBF problem
    /// re-evaluates a handful of points instead of 5000 x nSV kernel values.
    public func predictTraining(_ x: Matrix) throws -> [Double] {
        guard classes.count == 2, let d = trainingDecisionValues, d.count == x.rows else { return try predict(x) }
        var scale = trainingKernelScale
        if case .precomputed = kernel {
            // A user's matrix need not be positive semi-definite: bound its entries directly.
            scale = max(scale, x.largestFiniteMagnitude ?? .infinity)
        }
        let margin = 1e-6 * scale * supportVectorCoefficients.scalars.reduce(0) { $0 + abs($1) }
        var labels = d.map { $0 > 0 ? classes[0] : classes[1] }
        let uncertain = d.indices.filter { abs(d[$0]) <= margin }
        if !uncertain.isEmpty {
            for (i, label) in zip(uncertain, try predict(x.selectingRows(uncertain))) { labels[i] = label }
        }
        return labels
    }

    /// Labels from LIBSVM decision values (as returned by ``decisionValues(_:)``).
    public func predict(decisionValues d: Matrix) -> [Double] {
        let pairList = pairs
        return (0..<d.rows).map { m in
            var votes = [Int](repeating: 0, count: classes.count)
            for (p, (i, j)) in pairList.enumerated() {
                if d[m, p] > 0 { votes[i] += 1 } else { votes[j] += 1 }
            }
            var best = 0
            for c in 1..<classes.count where votes[c] > votes[best] { best = c }
            return classes[best]
        }
    }

    /// Class probabilities (M x k, columns in `classes` order) from Platt's sigmoids and the
    /// pairwise coupling of Wu, Lin and Weng (2004), as LIBSVM's `svm_predict_probability`.
    /// Throws unless the model was trained with `probability: true`.
    public func predictProbability(_ x: Matrix) throws -> Matrix {
        guard let a = probabilityA, let b = probabilityB else {
            throw InputError("this model has no probability estimates; train it with probability enabled")
        }
        let d = try decisionValues(x)
        let k = classes.count
        let minimum = 1e-7
        var out = Matrix(rows: x.rows, columns: k)
        for m in 0..<x.rows {
            var pairwise = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for (p, (i, j)) in pairs.enumerated() {
                let r = min(max(PlattScaling.sigmoid(d[m, p], a: a[p], b: b[p]), minimum), 1 - minimum)
                pairwise[i][j] = r
                pairwise[j][i] = 1 - r
            }
            let probabilities = PlattScaling.coupledProbabilities(pairwise)
            for c in 0..<k { out[m, c] = probabilities[c] }
        }
        return out
    }
}
