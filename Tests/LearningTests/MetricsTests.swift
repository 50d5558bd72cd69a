import Foundation
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Metrics against scikit-learn's values (fixture `generated/metrics.json`: binary labels -1/2 with
/// tied scores, four classes of which one is never predicted).
struct MetricsTests {
    @Test("Binary: accuracy, balanced accuracy, F1, ROC-AUC with ties")
    func binary() throws {
        let r = try fixtureJSON("generated/metrics")
        let truth = try doubles(r["binary_true"])
        let predicted = try doubles(r["binary_pred"])
        let scores = try doubles(r["binary_scores"])
        func value(_ key: String) throws -> Double { try #require((r[key] as? NSNumber)?.doubleValue) }
        #expect(abs(try ClassificationMetrics.accuracy(truth, predicted) - value("binary_accuracy")) < 1e-15)
        #expect(abs(try ClassificationMetrics.balancedAccuracy(truth, predicted) - value("binary_balanced_accuracy")) < 1e-15)
        #expect(abs(try ClassificationMetrics.f1(truth, predicted, positive: 2) - value("binary_f1_positive_2")) < 1e-15)
        #expect(abs(try ClassificationMetrics.rocAUC(truth, scores: scores, positive: 2) - value("binary_roc_auc")) < 1e-14)
        #expect(Set(scores).count < scores.count)  // the fixture does have ties
    }

    @Test("Multiclass: accuracy, balanced accuracy, macro F1 (a class never predicted), confusion matrix")
    func multiclass() throws {
        let r = try fixtureJSON("generated/metrics")
        let truth = try doubles(r["multi_true"])
        let predicted = try doubles(r["multi_pred"])
        func value(_ key: String) throws -> Double { try #require((r[key] as? NSNumber)?.doubleValue) }
        #expect(abs(try ClassificationMetrics.accuracy(truth, predicted) - value("multi_accuracy")) < 1e-15)
        #expect(abs(try ClassificationMetrics.balancedAccuracy(truth, predicted) - value("multi_balanced_accuracy")) < 1e-15)
        #expect(abs(try ClassificationMetrics.macroF1(truth, predicted) - value("multi_f1_macro")) < 1e-15)
        let confusion = try ClassificationMetrics.confusionMatrix(truth, predicted)
        let expected = try #require(r["multi_confusion"] as? [[Int]])
        #expect(confusion.labels == [0, 1, 2, 3] && confusion.matrix == expected)
    }

    @Test("Summary of a binary model's predictions; errors for mismatched or one-class input")
    func summaryAndErrors() throws {
        let s = try ClassificationSummary(truth: [0, 0, 1, 1], predicted: [0, 1, 1, 1], classes: [0, 1], decision: [-2, 0.5, 1, 3])
        #expect(s.accuracy == 0.75 && s.rocAUC == 1 && s.f1 == 0.8 && s.confusion == [[1, 1], [0, 2]])
        let json = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(ClassificationSummary.self, from: json) == s)
        #expect(throws: InputError.self) { try ClassificationMetrics.accuracy([1, 2], [1]) }
        #expect(throws: InputError.self) { try ClassificationMetrics.rocAUC([1, 1], scores: [0.2, 0.4], positive: 1) }
        #expect(try ClassificationSummary(truth: [1, 1], predicted: [1, 0], classes: [0, 1], decision: [1, -1]).rocAUC == nil)
    }
}
