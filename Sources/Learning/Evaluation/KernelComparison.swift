import Dispatch
import Kernels
import LinearAlgebra
import QKSupport

/// Cross-validated comparison of kernels on one labelled data set: for every kernel, a C-SVM is
/// trained and scored on the same stratified folds, so the accuracies are paired.
///
/// Kernels without data-dependent parameters (every quantum kernel, and classical ones with a
/// numeric gamma) have their Gram matrix computed once on all points and sliced per fold; the
/// others (gamma `scale`/`auto`) are refitted on each training fold, as scikit-learn's
/// `cross_val_score` would. Preprocessing, when given, is always refitted per fold.
public struct KernelComparison: Sendable {
    /// One kernel's results.
    public struct Result: Sendable {
        /// The kernel as specified (rules unresolved).
        public var spec: KernelSpec
        /// Test accuracy on each fold.
        public var foldAccuracies: [Double]
        /// Centered kernel-target alignment on all points.
        public var alignment: Double
        /// The Gram matrix on all points (after preprocessing fitted on all points), for diagnostics.
        public var gram: Matrix
        /// Wall time of kernel evaluations and training over all folds, in seconds.
        public var seconds: Double

        /// Mean fold accuracy.
        public var meanAccuracy: Double { foldAccuracies.reduce(0, +) / Double(max(foldAccuracies.count, 1)) }
        /// Sample standard deviation of the fold accuracies.
        public var accuracyStandardDeviation: Double {
            let n = Double(foldAccuracies.count)
            guard n > 1 else { return 0 }
            let m = meanAccuracy
            return (foldAccuracies.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        }
    }

    /// Number of folds.
    public var folds: Int
    /// SVM penalty.
    public var C: Double
    /// Seed of the fold assignment.
    public var seed: UInt64
    /// Threads for kernels that simulate.
    public var parallelism: Parallelism

    /// Creates a comparison.
    public init(folds: Int = 5, C: Double = 1, seed: UInt64 = 0, parallelism: Parallelism = Parallelism()) throws {
        guard folds >= 2 else { throw InputError("cross-validation needs at least 2 folds, got \(folds)") }
        guard C > 0 else { throw InputError("C must be positive, got \(C)") }
        self.folds = folds
        self.C = C
        self.seed = seed
        self.parallelism = parallelism
    }

    /// Runs every kernel on `data`; `preprocessing` fits the feature transformation on a training
    /// fold; `progress` is called after each kernel-fold with (done, total).
    public func run(
        _ data: Dataset, kernels: [KernelSpec],
        preprocessing: (Matrix) throws -> [PreprocessingStep] = { _ in [] },
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> [Result] {
        let y = try data.requireLabels()
        try data.requireClasses(atLeast: 2)
        let splits = try StratifiedSplit.kFold(labels: y, folds: folds, seed: seed)
        let allSteps = try preprocessing(data.features)
        let xAll = try allSteps.transform(data.features)
        var results: [Result] = []
        var done = 0
        for spec in kernels {
            let start = DispatchTime.now().uptimeNanoseconds
            let fullGram = try spec.resolved(for: xAll).makeKernel(fittedTo: xAll, parallelism: parallelism).gram(xAll)
            let sliceable = allSteps.isEmpty && spec.resolved(for: xAll) == spec
            var accuracies: [Double] = []
            for (train, test) in splits {
                let yTrain = train.map { y[$0] }, yTest = test.map { y[$0] }
                let kTrain: Matrix, kTest: Matrix
                if sliceable {
                    kTrain = Self.slice(fullGram, rows: train, columns: train)
                    kTest = Self.slice(fullGram, rows: test, columns: train)
                } else {
                    let rawTrain = data.subset(train).features, rawTest = data.subset(test).features
                    let steps = try preprocessing(rawTrain)
                    let xTrain = try steps.transform(rawTrain), xTest = try steps.transform(rawTest)
                    let kernel = try spec.resolved(for: xTrain).makeKernel(fittedTo: xTrain, parallelism: parallelism)
                    kTrain = try kernel.gram(xTrain)
                    kTest = try kernel.cross(xTest, xTrain)
                }
                let model = try SVC(kernel: .precomputed, C: C).fit(kTrain, yTrain)
                accuracies.append(try ClassificationMetrics.accuracy(yTest, model.predict(kTest)))
                done += 1
                progress(done, kernels.count * splits.count)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let alignment = try KernelDiagnostics.alignment(fullGram, labels: y, centered: true)
            results.append(Result(spec: spec, foldAccuracies: accuracies, alignment: alignment, gram: fullGram, seconds: seconds))
        }
        return results
    }

    static func slice(_ k: Matrix, rows: [Int], columns: [Int]) -> Matrix {
        var out = Matrix(rows: rows.count, columns: columns.count)
        for (r, i) in rows.enumerated() { for (c, j) in columns.enumerated() { out[r, c] = k[i, j] } }
        return out
    }
}
