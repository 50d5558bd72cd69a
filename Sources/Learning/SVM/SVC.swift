import Kernels
import LinearAlgebra
import QKSupport

/// Where an SVM's kernel values come from.
public enum SVCKernel: Sendable {
    /// The caller passes kernel matrices instead of points: `fit` takes the N x N training Gram
    /// matrix, prediction takes the M x N test-versus-training matrix (scikit-learn's
    /// `kernel='precomputed'`).
    case precomputed
    /// A kernel evaluated by the SVM itself, column by column as the solver needs them.
    case kernel(any Kernel)
}

/// C-support vector classification trained by SMO exactly as LIBSVM (and so scikit-learn's `SVC`)
/// trains it.
///
/// Hyperparameters are set in the initializer; ``fit(_:_:)`` returns an ``SVCModel``:
///
///     let svc = SVC(kernel: .kernel(RBFKernel(gamma: 0.05)), C: 1)
///     let model = try svc.fit(xTrain, yTrain)
///     let predicted = try model.predict(xTest)
///
/// Multiclass problems are split one-versus-one into k(k-1)/2 binary problems in LIBSVM's order
/// (classes sorted, pairs (0,1), (0,2), ..., (1,2), ...), each solved by ``SMOSolver`` with bounds
/// `C * weight[class]`; prediction votes, ties going to the class that comes first.
public struct SVC: Sendable {
    /// The kernel (or `.precomputed`).
    public var kernel: SVCKernel
    /// The penalty on margin violations, `C > 0`.
    public var C: Double
    /// The stopping tolerance on the maximal KKT violation (LIBSVM's `eps`, scikit-learn's `tol`).
    public var tolerance: Double
    /// Per-class multipliers of `C`, by label (LIBSVM's `-wi`, scikit-learn's `class_weight`).
    public var classWeights: [Double: Double]
    /// Whether to use LIBSVM's shrinking heuristic (it changes the path, not the solution).
    public var shrinking: Bool
    /// Memory for cached kernel columns, in bytes (scikit-learn's `cache_size` is in MB, default 200).
    /// When the whole N x N kernel matrix fits in it as `Float` (N <= 7240 for the default), it is
    /// computed once, up front, instead of column by column.
    public var cacheBytes: Int
    /// Whether to fit Platt's sigmoid per class pair (by 5-fold cross-validation) for
    /// ``SVCModel/predictProbability(_:)``.
    public var probability: Bool
    /// Seeds the cross-validation shuffle of `probability`.
    public var seed: UInt64
    /// The iteration limit per binary problem; `nil` means LIBSVM's `max(10^7, 100 l)`.
    public var maxIterations: Int?
    /// Threads for computing kernel values (the solver itself runs on the calling thread).
    public var parallelism: Parallelism

    /// Creates an SVC with LIBSVM's and scikit-learn's defaults.
    public init(
        kernel: SVCKernel, C: Double = 1, tolerance: Double = 1e-3, classWeights: [Double: Double] = [:],
        shrinking: Bool = true, cacheBytes: Int = 200 << 20, probability: Bool = false, seed: UInt64 = 0,
        maxIterations: Int? = nil, parallelism: Parallelism = Parallelism()
    ) {
        self.parallelism = parallelism
        self.kernel = kernel
        self.C = C
        self.tolerance = tolerance
        self.classWeights = classWeights
        self.shrinking = shrinking
        self.cacheBytes = cacheBytes
        self.probability = probability
        self.seed = seed
        self.maxIterations = maxIterations
    }

    /// Trains on points `x` (rows; or the N x N Gram matrix for `.precomputed`) with labels `y`
    /// (any numbers, at least two distinct).
    public func fit(_ x: Matrix, _ y: [Double]) throws -> SVCModel {
        let classes = try checkParameters(x, y)
        let grouping = ClassGrouping(labels: y, classes: classes)
        switch kernel {
        case .precomputed:
            let dense = DenseKernelMatrix.fits(count: x.rows, byteLimit: cacheBytes) ? DenseKernelMatrix(precomputed: x) : nil
            return try train(grouping, classes: classes, kernel: .precomputed, trainingCount: x.rows) { ranges in
                let indices = ranges.flatMap { $0.map { grouping.order[$0] } }
                if let dense { return .dense(dense, indices: indices, diagonal: indices.map { x[$0, $0] }) }
                return .precomputed(x, indices: indices)
            } supportVectors: { _ in Matrix(rows: 0, columns: 0) }
        case .kernel(let k):
            return try fit(x, grouping, classes: classes, kernel: k)
        }
    }

    /// Trains on a labelled data set.
    public func fit(_ data: Dataset) throws -> SVCModel {
        try fit(data.features, data.requireLabels())
    }

    private func fit<K: Kernel>(_ x: Matrix, _ grouping: ClassGrouping, classes: [Double], kernel k: K) throws
        -> SVCModel
    {
        // Prepare every point once (for quantum kernels: one simulation per point), in grouped order
        // so that each class is a contiguous range of tiles.
        let features = try k.features(x.selectingRows(grouping.order))
        let diagonal = try k.diagonal(features)
        // When every kernel value fits in the cache's memory, compute them all at once.
        let dense =
            DenseKernelMatrix.fits(count: x.rows, byteLimit: cacheBytes)
            ? try DenseKernelMatrix(kernel: k, features: features, parallelism: parallelism) : nil
        return try train(grouping, classes: classes, kernel: .kernel(k), trainingCount: x.rows) { ranges in
            if let dense {
                let positions = ranges.flatMap { Array($0) }
                return .dense(dense, indices: positions, diagonal: positions.map { diagonal[$0] })
            }
            return SubproblemKernel.tiles(k, features: features, diagonal: diagonal, ranges: ranges)
        } supportVectors: { indices in
            x.selectingRows(indices)
        }
    }

    /// LIBSVM's `svm_train` for C-SVC: one binary problem per class pair, then the support vectors
    /// shared among them and their coefficients in LIBSVM's layout.
    private func train(
        _ grouping: ClassGrouping, classes: [Double], kernel: SVCKernel, trainingCount: Int,
        subproblem: ([Range<Int>]) -> SubproblemKernel, supportVectors: ([Int]) -> Matrix
    ) throws -> SVCModel {
        let k = classes.count
        let weightedC = classes.map { C * (classWeights[$0] ?? 1) }
        var nonzero = [Bool](repeating: false, count: grouping.order.count)
        var alphas: [[Double]] = []
        var rho: [Double] = []
        var objectives: [Double] = []
        var iterations: [Int] = []
        var limited: [Bool] = []
        var probabilityA: [Double] = []
        var probabilityB: [Double] = []
        var generator = SeededGenerator(seed: seed)
        var trainingDecisions: [Double]? = nil
        var kernelScale = 1.0
        for i in 0..<k {
            for j in (i + 1)..<k {
                let (ri, rj) = (grouping.range(of: i), grouping.range(of: j))
                let kernel = subproblem([ri, rj])
                let y = [Int8](repeating: 1, count: ri.count) + [Int8](repeating: -1, count: rj.count)
                if probability {
                    let sigmoid = try PlattScaling.crossValidatedSigmoid(
                        kernel: kernel, y: y, Cp: weightedC[i], Cn: weightedC[j], svc: self, generator: &generator)
                    probabilityA.append(sigmoid.a)
                    probabilityB.append(sigmoid.b)
                }
                let solution = try solveBinary(kernel: kernel, y: y, Cp: weightedC[i], Cn: weightedC[j])
                let signed = zip(solution.alpha, y).map { $0 * Double($1) }
                for (s, a) in signed.enumerated() where abs(a) > 0 {
                    nonzero[s < ri.count ? ri.lowerBound + s : rj.lowerBound + s - ri.count] = true
                }
                if k == 2 {
                    // One pair covers every point: its final gradient is every training decision value.
                    var d = [Double](repeating: 0, count: grouping.order.count)
                    for (s, g) in solution.gradient.enumerated() {
                        let position = s < ri.count ? ri.lowerBound + s : rj.lowerBound + s - ri.count
                        d[grouping.order[position]] = Double(y[s]) * (g + 1) - solution.rho
                    }
                    trainingDecisions = d
                    kernelScale = max(1, kernel.diagonal.max() ?? 1)
                }
                alphas.append(signed)
                rho.append(solution.rho)
                objectives.append(solution.objective)
                iterations.append(solution.iterations)
                limited.append(solution.reachedIterationLimit)
            }
        }

        // Support vectors: every point with a nonzero coefficient in some pair, in grouped order.
        let supportPositions = nonzero.indices.filter { nonzero[$0] }
        let counts = (0..<k).map { c in grouping.range(of: c).filter { nonzero[$0] }.count }
        var starts = [0]
        for c in 0..<k - 1 { starts.append(starts[c] + counts[c]) }
        // Pair (i, j): class i's coefficients go to row j-1, class j's to row i (LIBSVM's sv_coef).
        var coefficients = Matrix(rows: k - 1, columns: supportPositions.count)
        var p = 0
        for i in 0..<k {
            for j in (i + 1)..<k {
                let (ri, rj) = (grouping.range(of: i), grouping.range(of: j))
                var column = starts[i]
                for s in 0..<ri.count where nonzero[ri.lowerBound + s] {
                    coefficients[j - 1, column] = alphas[p][s]
                    column += 1
                }
                column = starts[j]
                for s in 0..<rj.count where nonzero[rj.lowerBound + s] {
                    coefficients[i, column] = alphas[p][ri.count + s]
                    column += 1
                }
                p += 1
            }
        }
        let supportIndices = supportPositions.map { grouping.order[$0] }
        var model = SVCModel(
            kernel: kernel, classes: classes, trainingCount: trainingCount, supportIndices: supportIndices,
            supportVectors: supportVectors(supportIndices), supportCounts: counts,
            supportVectorCoefficients: coefficients, rho: rho, objectives: objectives, iterations: iterations,
            reachedIterationLimit: limited, probabilityA: probability ? probabilityA : nil,
            probabilityB: probability ? probabilityB : nil)
        model.parallelism = parallelism
        model.trainingDecisionValues = trainingDecisions
        model.trainingKernelScale = kernelScale
        return model
    }

    /// LIBSVM's `solve_c_svc`: bounds `Cp` for `y = +1`, `Cn` for `y = -1`.
    func solveBinary(kernel: SubproblemKernel, y: [Int8], Cp: Double, Cn: Double) throws -> SMOSolution {
        let q = SVCQMatrix(kernel: kernel, y: y, cacheBytes: cacheBytes)
        let limit = maxIterations ?? max(10_000_000, y.count > Int(Int32.max) / 100 ? Int(Int32.max) : 100 * y.count)
        return try SMOSolver.solve(
            q: q, y: y, upperBounds: y.map { $0 > 0 ? Cp : Cn }, eps: tolerance, shrinking: shrinking,
            maxIterations: limit)
    }
}

/// The training points grouped by class, as LIBSVM's `svm_group_classes` (with scikit-learn's
/// change: classes in sorted order): class `c` occupies positions `start[c] ..< start[c] + count[c]`
/// of `order`, keeping the points' original order within a class.
struct ClassGrouping {
    /// Grouped position -> original point index.
    let order: [Int]
    private let starts: [Int]
    private let counts: [Int]

    init(labels: [Double], classes: [Double]) {
        var members = [[Int]](repeating: [], count: classes.count)
        var index: [Double: Int] = [:]
        for (c, label) in classes.enumerated() { index[label] = c }
        for (i, label) in labels.enumerated() { members[index[label] ?? 0].append(i) }
        order = members.flatMap { $0 }
        counts = members.map(\.count)
        var s = [0]
        for c in 0..<max(classes.count - 1, 0) { s.append(s[c] + counts[c]) }
        starts = s
    }

    /// The grouped positions of class `c`.
    func range(of c: Int) -> Range<Int> { starts[c]..<starts[c] + counts[c] }
}
