import ArgumentParser
import FoundationEssentials
import Learning
import LinearAlgebra
import QKSupport

/// `qksim predict`: applies a saved model.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict with a saved model; prints metrics when the data has labels.")

    @Option(help: ArgumentHelp("A model written by qksim train.", valueName: "model.json")) var model: String
    @Option(help: ArgumentHelp("Data to predict (a label column, if present, is used for metrics).", valueName: "file"))
    var data: String
    @Option(name: .customLong("labels"), help: ArgumentHelp("Labels as .npy, with --data a .npy feature matrix.", valueName: "file.npy"))
    var labelsPath: String?
    @Option(help: ArgumentHelp("Write predictions (prediction, decision values) as CSV.", valueName: "predictions.csv"))
    var out: String?
    @Flag(help: "Print one JSON object (accuracy, balanced_accuracy, macro_f1, f1, roc_auc, confusion).") var json = false

    /// Just enough of a model file to tell which kind it is.
    struct ModelKind: Decodable {
        var kind: String?
        var format: String?
    }

    func run() throws {
        BLASLibrary.loadInBackground()
        guard let bytes = FileManager.default.contents(atPath: model) else {
            throw InputError("cannot read the model file (missing or unreadable)", file: model)
        }
        let kind = try? JSONDecoder().decode(ModelKind.self, from: bytes)
        let dataset = try DataOptions.read(data, labelsPath: labelsPath, minimumClasses: 0, labels: .ifNamed)
        let predictions: [Double], classes: [Double], decision: Matrix?, probabilities: Matrix?
        if kind?.kind == "vqc" {
            let vqc = try FittedVariationalClassifier.load(from: bytes, file: model)
            let x = try (vqc.preprocessing ?? []).transform(dataset.features)
            let p = try vqc.predictProbabilities(x)
            probabilities = p
            predictions = try vqc.predict(x)
            classes = vqc.classes
            // The binary score is P(second class) - P(first class): > 0 means the second class.
            decision = p.columns == 2 ? Matrix(rows: p.rows, columns: 1, scalars: (0..<p.rows).map { p[$0, 1] - p[$0, 0] }) : nil
        } else {
            let file = try SVMModelFile.read(model)
            if file.kernel == .precomputed && dataset.features.columns != file.trainingCount {
                throw InputError(
                    "a precomputed test kernel needs one column per training point (\(file.trainingCount)); got \(dataset.features.rows) x \(dataset.features.columns)",
                    file: data)
            }
            (predictions, decision, probabilities) = try file.predict(dataset.features)
            classes = file.classes
        }
        if let out {
            try PredictionWriter.write(
                to: out, predictions: predictions, classes: classes, decision: decision, probabilities: probabilities,
                labels: dataset.labels)
        }
        guard let truth = dataset.labels else {
            if json {
                print(JSONText.object([("count", "\(predictions.count)"), ("predictions", JSONText.array(predictions.map { formatLabel($0) }))]))
            } else if out == nil {
                for p in predictions { print(formatLabel(p)) }
            }
            return
        }
        let summary = try ClassificationSummary(
            truth: truth, predicted: predictions, classes: classes, decision: decision.flatMap { $0.columns == 1 ? $0.column(0) : nil })
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print("points: \(summary.count)")
            print("accuracy: \(summary.accuracy)")
            print("balanced accuracy: \(summary.balancedAccuracy)")
            print("macro F1: \(summary.macroF1)")
            if let auc = summary.rocAUC { print("ROC-AUC: \(auc)") }
            print("confusion (rows: true \(summary.labels.map(formatLabel)), columns: predicted):")
            for row in summary.confusion { print("  " + row.map(String.init).joined(separator: " ")) }
        }
    }
}
