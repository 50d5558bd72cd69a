import FoundationEssentials
import LinearAlgebra
import QKSupport

/// Writes predictions as CSV: a `prediction` column, then the decision values and, when given,
/// class probabilities (and the true `label` first, when known).
///
/// Decision columns: `decision` for a binary model (scikit-learn's sign: > 0 means the second
/// class), `decision_<a>_<b>` per class pair otherwise (> 0 favours `a`); probability columns are
/// `probability_<class>`.
public enum PredictionWriter {
    /// The CSV text.
    public static func csv(
        predictions: [Double], classes: [Double], decision: Matrix? = nil, probabilities: Matrix? = nil,
        labels: [Double]? = nil
    ) -> String {
        var header: [String] = []
        if labels != nil { header.append("label") }
        header.append("prediction")
        if let decision {
            if decision.columns == 1 {
                header.append("decision")
            } else {
                for i in 0..<classes.count {
                    for j in (i + 1)..<classes.count {
                        header.append("decision_\(formatLabel(classes[i]))_\(formatLabel(classes[j]))")
                    }
                }
            }
        }
        if probabilities != nil { header += classes.map { "probability_\(formatLabel($0))" } }
        var lines = [header.joined(separator: ",")]
        for m in predictions.indices {
            var row: [String] = []
            if let labels { row.append(formatLabel(labels[m])) }
            row.append(formatLabel(predictions[m]))
            if let decision { row += decision.row(m).map { "\($0)" } }
            if let probabilities { row += probabilities.row(m).map { "\($0)" } }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv(predictions:classes:decision:probabilities:labels:)`` to `path`.
    public static func write(
        to path: String, predictions: [Double], classes: [Double], decision: Matrix? = nil,
        probabilities: Matrix? = nil, labels: [Double]? = nil
    ) throws {
        let text = csv(
            predictions: predictions, classes: classes, decision: decision, probabilities: probabilities,
            labels: labels)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write predictions: \(errorText(error))", file: path)
        }
    }
}
