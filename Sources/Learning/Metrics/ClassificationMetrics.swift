import QKSupport

/// Scores of predicted labels against true ones, with scikit-learn's definitions.
public enum ClassificationMetrics {
    /// Throws unless both label lists are equally long and not empty.
    static func checkLengths(_ truth: [Double], _ other: [Double], _ what: String) throws {
        guard truth.count == other.count else {
            throw InputError("there are \(truth.count) true labels but \(other.count) \(what); expected one per point")
        }
        guard !truth.isEmpty else { throw InputError("there are no points to score") }
    }

    /// The fraction of points predicted right.
    public static func accuracy(_ truth: [Double], _ predicted: [Double]) throws -> Double {
        try checkLengths(truth, predicted, "predictions")
        return Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(truth.count)
    }

    /// The mean over the classes present in `truth` of each class's recall (scikit-learn's
    /// `balanced_accuracy_score`): accuracy that does not reward predicting the majority class.
    public static func balancedAccuracy(_ truth: [Double], _ predicted: [Double]) throws -> Double {
        try checkLengths(truth, predicted, "predictions")
        let classes = Array(Set(truth)).sorted()
        let recalls = classes.map { c -> Double in
            let members = truth.indices.filter { truth[$0] == c }
            return Double(members.filter { predicted[$0] == c }.count) / Double(members.count)
        }
        return recalls.reduce(0, +) / Double(recalls.count)
    }

    /// F1 of class `positive`: `2 precision recall / (precision + recall)`, 0 when the class is
    /// neither present nor predicted (scikit-learn's `zero_division=0`).
    public static func f1(_ truth: [Double], _ predicted: [Double], positive: Double) throws -> Double {
        try checkLengths(truth, predicted, "predictions")
        var (tp, fp, fn) = (0, 0, 0)
        for (t, p) in zip(truth, predicted) {
            if p == positive && t == positive { tp += 1 } else if p == positive { fp += 1 } else if t == positive { fn += 1 }
        }
        return tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
    }

    /// The unweighted mean of each class's F1 over the labels in `truth` or `predicted`
    /// (`f1_score(average='macro', zero_division=0)`).
    public static func macroF1(_ truth: [Double], _ predicted: [Double]) throws -> Double {
        try checkLengths(truth, predicted, "predictions")
        let labels = Array(Set(truth).union(predicted)).sorted()
        return try labels.map { try f1(truth, predicted, positive: $0) }.reduce(0, +) / Double(labels.count)
    }

    /// The area under the ROC curve of `scores` (larger means more likely `positive`), the
    /// probability that a random positive outscores a random negative, ties counting one half —
    /// equal to scikit-learn's trapezoidal `roc_auc_score`, which groups tied scores.
    public static func rocAUC(_ truth: [Double], scores: [Double], positive: Double) throws -> Double {
        try checkLengths(truth, scores, "scores")
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw InputError("score \(bad + 1) is \(scores[bad]); scores must be finite")
        }
        let positives = truth.filter { $0 == positive }.count
        let negatives = truth.count - positives
        guard positives > 0 && negatives > 0 else {
            throw InputError("ROC-AUC needs both positive (\(formatLabel(positive))) and negative points")
        }
        // Mann-Whitney U from mid-ranks of the scores.
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for k in start...end where truth[order[k]] == positive { rankSum += midRank }
            start = end + 1
        }
        let u = rankSum - Double(positives) * Double(positives + 1) / 2
        return u / (Double(positives) * Double(negatives))
    }

    /// Counts `matrix[t][p]` of points of class `labels[t]` predicted as `labels[p]`; `labels` are
    /// the sorted union of both lists unless given.
    public static func confusionMatrix(_ truth: [Double], _ predicted: [Double], labels: [Double]? = nil) throws
        -> (labels: [Double], matrix: [[Int]])
    {
        try checkLengths(truth, predicted, "predictions")
        let labels = labels ?? Array(Set(truth).union(predicted)).sorted()
        var index: [Double: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(truth, predicted) {
            if let i = index[t], let j = index[p] { matrix[i][j] += 1 }
        }
        return (labels, matrix)
    }
}

/// The scores a prediction run reports, ready for a table or `--json`.
public struct ClassificationSummary: Sendable, Codable, Equatable {
    /// Number of points scored.
    public var count: Int
    /// Fraction right.
    public var accuracy: Double
    /// Mean per-class recall.
    public var balancedAccuracy: Double
    /// Macro-averaged F1.
    public var macroF1: Double
    /// F1 of the second class (binary problems only).
    public var f1: Double?
    /// ROC-AUC from decision values, the second class positive (binary problems with decision values).
    public var rocAUC: Double?
    /// The row/column labels of ``confusion``.
    public var labels: [Double]
    /// `confusion[t][p]`: points of class `labels[t]` predicted as `labels[p]`.
    public var confusion: [[Int]]

    /// Scores `predicted` against `truth`. For two classes, pass scikit-learn-convention decision
    /// values (> 0 means `classes[1]`) to get ROC-AUC; `classes` are the model's classes.
    public init(truth: [Double], predicted: [Double], classes: [Double], decision: [Double]? = nil) throws {
        count = truth.count
        accuracy = try ClassificationMetrics.accuracy(truth, predicted)
        balancedAccuracy = try ClassificationMetrics.balancedAccuracy(truth, predicted)
        macroF1 = try ClassificationMetrics.macroF1(truth, predicted)
        let binary = classes.count == 2
        f1 = binary ? try ClassificationMetrics.f1(truth, predicted, positive: classes[1]) : nil
        if binary, let decision, Set(truth).count == 2, Set(truth).isSubset(of: classes) {
            rocAUC = try ClassificationMetrics.rocAUC(truth, scores: decision, positive: classes[1])
        } else {
            rocAUC = nil
        }
        (labels, confusion) = try ClassificationMetrics.confusionMatrix(
            truth, predicted, labels: Array(Set(truth).union(classes)).sorted())
    }
}
