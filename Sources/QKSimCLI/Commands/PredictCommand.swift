import ArgumentParser
import Foundation
import Learning
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

    func run() throws {
        let file = try SVMModelFile.read(model)
        let dataset = try DataOptions.read(data, labelsPath: labelsPath, minimumClasses: 0, labels: .ifNamed)
        let (predictions, decision, probabilities) = try file.predict(dataset.features)
        if let out {
            try PredictionWriter.write(
                to: out, predictions: predictions, classes: file.classes, decision: decision, probabilities: probabilities,
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
            truth: truth, predicted: predictions, classes: file.classes, decision: decision.columns == 1 ? decision.column(0) : nil)
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
