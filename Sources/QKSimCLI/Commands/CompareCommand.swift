import ArgumentParser
import FoundationEssentials
import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// `qksim compare`: cross-validated accuracy of several kernels on one data set.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare kernels by stratified k-fold cross-validation of a C-SVM (paired folds).",
        discussion: "Prints mean +- std accuracy, centered kernel-target alignment and time per kernel; --report DIR also writes report.md and SVG figures.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var kernelOptions: KernelOptions
    @OptionGroup(title: "Variational classifier (the vqc column)") var vqcOptions: VQCOptions
    @Option(help: ArgumentHelp("Comma-separated kernels (names as for --kernel), and vqc for the variational classifier.", valueName: "list"))
    var kernels: String = "zz,rbf,poly,linear"
    @Option(help: "Number of folds.") var cv: Int = 5
    @Option(name: .customLong("C"), help: "SVM penalty C > 0.") var c: Double = 1
    @Option(help: "Seed (folds, shot noise).") var seed: UInt64 = 0
    @Option(help: "Threads (default: all cores).") var threads: Int?
    @Option(help: ArgumentHelp("Write report.md and SVG figures into this directory.", valueName: "dir")) var report: String?
    @Flag(help: "Print a JSON array, one object per kernel.") var json = false

    func validate() throws {
        if cv < 2 { throw ValidationError("--cv must be at least 2, got \(cv)") }
        if !(c > 0) { throw ValidationError("--C must be positive, got \(c)") }
        if kernelNames.isEmpty { throw ValidationError("--kernels is empty") }
    }

    var kernelNames: [String] { kernels.split(separator: ",").map { $0.trimmingWhitespaces() }.filter { !$0.isEmpty } }

    func run() throws {
        BLASLibrary.loadInBackground()
        let data = try dataOptions.trainingSet()
        let names = kernelNames.filter { $0.lowercased() != "vqc" }
        let withVQC = names.count < kernelNames.count
        let specs = try names.map { try kernelOptions.spec(named: $0, features: data.features.columns, seed: seed) }
        let parallelism = Parallelism(threads: threads)
        let comparison = try KernelComparison(folds: cv, C: c, seed: seed, parallelism: parallelism)
        let fit = { (x: Matrix) throws -> [PreprocessingStep] in try dataOptions.fitPreprocessing(x) }
        var bar = ProgressBar(total: (specs.count + (withVQC ? 1 : 0)) * cv, label: "compare")
        let results = try comparison.run(data, kernels: specs, preprocessing: fit) { _, _ in bar.advance() }
        var rows = results.map(ComparisonRow.init)
        if withVQC {
            let map = try kernelOptions.featureMapSpec(kernelOptions.featureMap, features: data.features.columns)
            let vqc = try vqcOptions.classifier(
                featureMap: map, entanglement: Entanglement(parsing: kernelOptions.entanglement), seed: seed, parallelism: parallelism)
            let result = try comparison.run(data, classifier: vqc, preprocessing: fit) { _, _ in bar.advance() }
            let position = kernelNames.firstIndex { $0.lowercased() == "vqc" }!
            rows.insert(ComparisonRow(result), at: min(position, rows.count))
        }
        bar.finish()
        if json {
            print(ComparisonTable.json(rows, folds: cv))
        } else {
            print("\(data.count) points, \(data.features.columns) features, \(data.classes.count) classes, \(cv)-fold CV, C = \(c)")
            print(ComparisonTable.text(rows))
        }
        if let report {
            try ComparisonReport(data: data, rows: rows, kernels: results, folds: cv, C: c, fitPreprocessing: fit).write(to: report)
            if !json { print("report: \(report)/report.md") }
        }
    }
}
