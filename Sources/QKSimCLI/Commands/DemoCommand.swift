import ArgumentParser
import Dispatch
import FoundationEssentials
import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// `qksim demo`: the main job on its built-in default, no files needed.
///
/// Havlicek et al.'s experiment in one command: generate their ad hoc data (2 qubits, gap 0.3),
/// train a C-SVM with the ZZ-feature-map kernel and with classical baselines (RBF, polynomial,
/// linear), score them on held-out points, cross-validate them on the same folds, and write a
/// report with figures.
public struct DemoCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in demonstration: the ZZ quantum kernel against classical kernels on ad hoc data (no files needed).")

    @Option(help: "Seed of the data set and the folds.") var seed: UInt64 = 1
    @Option(help: "Qubits (= features) of the ad hoc data.") var qubits: Int = 2
    @Option(help: ArgumentHelp("Where to write report.md and the figures.", valueName: "dir")) var report: String = "qksim-demo"
    @Option(help: "Threads (default: all cores).") var threads: Int?

    /// Creates the command (argument parsing fills it in).
    public init() {}

    public func validate() throws {
        if !(1...8).contains(qubits) { throw ValidationError("--qubits must be in 1...8 for the demo") }
    }

    /// Runs the demo.
    public func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        print("QKSim demo: Havlicek et al.'s ad hoc data, \(qubits) qubits, gap 0.3, 20 training and 10 test points per class (seed \(seed))\n")
        let generated = try AdHocData.generate(qubits: qubits, trainPerClass: 20, testPerClass: 10, gap: 0.3, seed: seed)
        let names = (0..<qubits).map { "x\($0)" }
        let train = Dataset(features: generated.trainFeatures, labels: generated.trainLabels, featureNames: names, source: "ad hoc")
        let test = Dataset(features: generated.testFeatures, labels: generated.testLabels, featureNames: names, source: "ad hoc")
        let parallelism = Parallelism(threads: threads)
        let specs: [KernelSpec] = [
            .fidelity(FeatureMapSpec(map: "zz", qubits: qubits, reps: 2, entanglement: .linear), shots: nil, seed: seed),
            .classical(.rbf(gamma: .scale)),
            .classical(.polynomial(degree: 3, gamma: .scale, coef0: 1)),
            .classical(.linear),
        ]

        print("Held-out test accuracy (C-SVM, C = 1, trained on the 40 training points):")
        print("kernel   test accuracy   support vectors   seconds")
        for spec in specs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let resolved = spec.resolved(for: train.features)
            let model = try SVC(kernel: resolved.makeSVCKernel(fittedTo: train.features, parallelism: parallelism)).fit(train.features, train.labels!)
            let accuracy = try ClassificationMetrics.accuracy(test.labels!, model.predict(test.features))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            let name = spec.name.padded(toLength: 9)
            let score = ComparisonTable.format(accuracy).padded(toLength: 16)
            let vectors = "\(model.supportCounts.reduce(0, +))".padded(toLength: 18)
            print(name + score + vectors + ComparisonTable.format(seconds))
        }

        print("\n5-fold cross-validation on the training points (paired folds):")
        let comparison = try KernelComparison(folds: 5, C: 1, seed: seed, parallelism: parallelism)
        let results = try comparison.run(train, kernels: specs)
        let rows = results.map(ComparisonRow.init)
        print(ComparisonTable.text(rows))
        try ComparisonReport(data: train, rows: rows, kernels: results, folds: 5, C: 1, fitPreprocessing: { _ in [] })
            .write(to: report)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("\nReport with Gram heatmaps, accuracy chart and decision boundaries: \(report)/report.md")
        print("Total time: \(ComparisonTable.format(seconds)) s")
    }
}
