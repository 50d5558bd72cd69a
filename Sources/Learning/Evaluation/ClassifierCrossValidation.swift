import Dispatch
import LinearAlgebra
import QKSupport

extension KernelComparison {
    /// Cross-validates a variational classifier on the same stratified folds as the kernels
    /// (same `folds` and `seed`), so its accuracies pair with theirs. Preprocessing is refitted
    /// on each training fold.
    public func run(
        _ data: Dataset, classifier: VariationalClassifier,
        preprocessing: (Matrix) throws -> [PreprocessingStep] = { _ in [] },
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> ClassifierResult {
        let y = try data.requireLabels()
        let splits = try StratifiedSplit.kFold(labels: y, folds: folds, seed: seed)
        let start = DispatchTime.now().uptimeNanoseconds
        var accuracies: [Double] = []
        for (k, (train, test)) in splits.enumerated() {
            let rawTrain = data.subset(train).features, rawTest = data.subset(test).features
            let steps = try preprocessing(rawTrain)
            let model = try classifier.fit(x: steps.transform(rawTrain), y: train.map { y[$0] })
            accuracies.append(try model.score(steps.transform(rawTest), test.map { y[$0] }, parallelism: parallelism))
            progress(k + 1, splits.count)
        }
        return ClassifierResult(
            name: "vqc", foldAccuracies: accuracies, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Cross-validated accuracy of a classifier that is not a kernel SVM.
    public struct ClassifierResult: Sendable {
        /// Name for tables.
        public var name: String
        /// Test accuracy on each fold.
        public var foldAccuracies: [Double]
        /// Wall time of training and scoring over all folds, in seconds.
        public var seconds: Double
    }
}
