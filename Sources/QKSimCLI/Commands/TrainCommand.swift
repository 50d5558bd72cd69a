import ArgumentParser
import Dispatch
import FoundationEssentials
import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// `qksim train`: fits a classifier and saves it as a versioned JSON model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a classifier on labelled data and save the model as JSON.",
        discussion: "The model file holds everything prediction needs on another machine: kernel or feature map, preprocessing, support vectors and coefficients.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var kernelOptions: KernelOptions
    @OptionGroup(title: "Variational classifier (--classifier vqc)") var vqcOptions: VQCOptions
    @Option(help: "The classifier: svm (a kernel SVM) or vqc (a variational quantum classifier on --feature-map).")
    var classifier: String = "svm"
    @Option(name: .customLong("C"), help: "SVM penalty C > 0.") var c: Double = 1
    @Option(help: "SMO stopping tolerance (LIBSVM's eps).") var tol: Double = 1e-3
    @Option(name: .customLong("class-weight"), help: ArgumentHelp("Weight of a class's C (repeatable), e.g. 1=2.5.", valueName: "label=w"))
    var classWeights: [String] = []
    @Flag(help: "Fit Platt probabilities (LIBSVM's internal 5-fold CV).") var probability = false
    @Option(help: ArgumentHelp("Where to write the model.", valueName: "model.json")) var out: String
    @Option(help: "Seed (shot noise, probability CV).") var seed: UInt64 = 0
    @Option(help: "Threads (default: all cores).") var threads: Int?
    @Flag(help: "Print a JSON summary.") var json = false

    func validate() throws {
        guard classifier == "svm" || classifier == "vqc" else { throw ValidationError("--classifier must be svm or vqc; got '\(classifier)'") }
        if !(c > 0) { throw ValidationError("--C must be positive, got \(c)") }
        if !(tol > 0) { throw ValidationError("--tol must be positive, got \(tol)") }
        _ = try parsedWeights()
        if kernelOptions.kernel.lowercased() == "precomputed" {
            if classifier != "svm" { throw ValidationError("--kernel precomputed needs --classifier svm") }
            if dataOptions.scale != "none" || dataOptions.pca != nil {
                throw ValidationError("--scale and --pca do not apply to a precomputed kernel matrix")
            }
        }
    }

    func parsedWeights() throws -> [Double: Double] {
        var weights: [Double: Double] = [:]
        for item in classWeights {
            let parts = item.split(separator: "=").map(String.init)
            guard parts.count == 2, let label = Double(parts[0]), let w = Double(parts[1]), w > 0 else {
                throw ValidationError("--class-weight '\(item)': expected label=weight with a positive weight")
            }
            weights[label] = w
        }
        return weights
    }

    func run() throws {
        BLASLibrary.loadInBackground()
        let start = DispatchTime.now().uptimeNanoseconds
        let data = try dataOptions.trainingSet()
        let y = try data.requireLabels()
        let steps = try dataOptions.fitPreprocessing(data.features)
        let x = try steps.transform(data.features)
        if kernelOptions.kernel.lowercased() == "precomputed" && x.rows != x.columns {
            throw InputError(
                "a precomputed training kernel must be square, one row and one column per training point; got \(x.rows) x \(x.columns)",
                file: dataOptions.data)
        }
        if classifier == "vqc" { return try trainVQC(x: x, y: y, steps: steps, start: start) }
        let spec = try kernelOptions.spec(named: kernelOptions.kernel, features: x.columns, seed: seed).resolved(for: x)
        let svc = SVC(
            kernel: try spec.makeSVCKernel(fittedTo: x, parallelism: Parallelism(threads: threads)), C: c, tolerance: tol,
            classWeights: try parsedWeights(), probability: probability, seed: seed, parallelism: Parallelism(threads: threads))
        let fitStart = DispatchTime.now().uptimeNanoseconds
        let model = try svc.fit(x, y)
        let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - fitStart) / 1e9
        let file = try SVMModelFile(model: model, kernel: spec, svc: svc, preprocessing: steps, featureNames: data.featureNames)
        try file.write(to: out)
        let trainAccuracy = try ClassificationMetrics.accuracy(y, model.predictTraining(x))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if json {
            print(JSONText.object([
                ("model", JSONText.string(out)), ("kernel", JSONText.string(spec.name)), ("classes", "\(model.classes.count)"),
                ("support_vectors", "\(model.supportCounts.reduce(0, +))"), ("train_accuracy", JSONText.number(trainAccuracy)),
                ("objective", JSONText.array(model.objectives.map(JSONText.number))), ("seconds", JSONText.number(seconds)),
                ("fit_seconds", JSONText.number(fitSeconds)),
            ]))
        } else {
            print("""
                trained svm with kernel \(spec.name) on \(x.rows) points, \(model.classes.count) classes
                support vectors: \(model.supportCounts.reduce(0, +)) (\(model.supportCounts.map(String.init).joined(separator: ", ")) per class)
                training accuracy: \(trainAccuracy)
                model: \(out) (\(JSONText.number((seconds * 1000).rounded() / 1000)) s)
                """)
        }
    }

    /// Trains the variational classifier on the feature map of the kernel options.
    func trainVQC(x: Matrix, y: [Double], steps: [PreprocessingStep], start: UInt64) throws {
        let map = try kernelOptions.featureMapSpec(kernelOptions.featureMap, features: x.columns)
        let vqc = try vqcOptions.classifier(
            featureMap: map, entanglement: Entanglement(parsing: kernelOptions.entanglement), seed: seed,
            parallelism: Parallelism(threads: threads))
        var model = try vqc.fit(x: x, y: y)
        model.preprocessing = steps.isEmpty ? nil : steps
        do {
            try model.jsonData().write(to: URL(fileURLWithPath: out))
        } catch {
            throw InputError("cannot write the model: \(errorText(error))", file: out)
        }
        if let history = vqcOptions.history { try LossHistory.write(model.lossHistory, csv: history) }
        let trainAccuracy = try model.score(x, y, parallelism: Parallelism(threads: threads))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if json {
            print(JSONText.object([
                ("model", JSONText.string(out)), ("classifier", JSONText.string("vqc")), ("parameters", "\(model.theta.count)"),
                ("iterations", "\(model.training.iterations)"), ("final_loss", JSONText.number(model.training.finalLoss)),
                ("train_accuracy", JSONText.number(trainAccuracy)), ("seconds", JSONText.number(seconds)),
            ]))
        } else {
            print("""
                trained vqc (\(map.map) feature map, \(vqcOptions.ansatzDescription), \(model.theta.count) parameters, \(vqcOptions.optimizer)) on \(x.rows) points
                iterations: \(model.training.iterations), final loss: \(model.training.finalLoss), stop: \(model.training.stopReason)
                training accuracy: \(trainAccuracy)
                model: \(out) (\(JSONText.number((seconds * 1000).rounded() / 1000)) s)
                """)
        }
    }
}
