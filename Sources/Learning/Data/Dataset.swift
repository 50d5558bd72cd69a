import LinearAlgebra
import QKSupport

/// A labelled (or unlabelled) data set: points as the rows of a feature matrix, and one label per
/// point.
///
/// Labels are numbers and keep the values the file had (`-1`/`1`, `0`/`1`/`2`, `7`, ...); the
/// ``classes`` are their distinct values in ascending order, as LIBSVM (with scikit-learn's
/// change) and scikit-learn order them.
public struct Dataset: Sendable, Equatable {
    /// The points, one per row.
    public var features: Matrix
    /// One label per point, or `nil` for data to predict.
    public var labels: [Double]?
    /// Feature names (the CSV header), one per column.
    public var featureNames: [String]
    /// Where the data came from (a file path), for error messages.
    public var source: String?

    /// Creates a data set; `featureNames` default to `x0, x1, ...`.
    public init(features: Matrix, labels: [Double]?, featureNames: [String]? = nil, source: String? = nil) {
        precondition(labels == nil || labels?.count == features.rows, "one label per point")
        self.features = features
        self.labels = labels
        self.featureNames = featureNames ?? (0..<features.columns).map { "x\($0)" }
        self.source = source
    }

    /// Number of points.
    public var count: Int { features.rows }

    /// The distinct labels, ascending (empty without labels).
    public var classes: [Double] { Array(Set(labels ?? [])).sorted() }

    /// The labels, or an error naming the source when there are none.
    public func requireLabels() throws -> [Double] {
        guard let labels else { throw InputError("the data has no label column; expected labels", file: source) }
        return labels
    }

    /// Throws unless the labels have at least `minimum` distinct classes (2 for training).
    public func requireClasses(atLeast minimum: Int) throws {
        let classes = try requireLabels().isEmpty ? [] : self.classes
        guard classes.count >= minimum else {
            let found = classes.isEmpty ? "no labels" : "a single class (label \(formatLabel(classes[0])))"
            throw InputError("the data has \(found); expected at least \(minimum) classes", file: source)
        }
    }

    /// The points at `indices` (and their labels), in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(
            features: features.selectingRows(indices), labels: labels.map { l in indices.map { l[$0] } },
            featureNames: featureNames, source: source)
    }

    /// The same data with the features replaced (after preprocessing); the names become `x0, ...`
    /// when the number of columns changes.
    public func replacingFeatures(_ newFeatures: Matrix) -> Dataset {
        precondition(newFeatures.rows == features.rows, "one row per point")
        return Dataset(
            features: newFeatures, labels: labels,
            featureNames: newFeatures.columns == features.columns ? featureNames : nil, source: source)
    }
}
