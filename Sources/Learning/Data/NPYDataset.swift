import LinearAlgebra
import QKSupport

extension Dataset {
    /// Reads features from a `.npy` matrix (N x d float64, or a vector of N one-feature points) and
    /// optional labels from a second `.npy` (N, or N x 1).
    public static func readNPY(features featuresPath: String, labels labelsPath: String? = nil, minimumClasses: Int = 1)
        throws -> Dataset
    {
        let array = try NPY.read(featuresPath)
        guard array.dtype == .float64, (1...2).contains(array.shape.count) else {
            throw InputError(
                "features must be a float64 matrix (N x d); found shape \(array.shape) of \(array.dtype.rawValue)",
                file: featuresPath)
        }
        let rows = array.shape[0]
        let columns = array.shape.count == 2 ? array.shape[1] : 1
        guard rows > 0 && columns > 0 else { throw InputError("the feature matrix is empty", file: featuresPath) }
        if let bad = array.scalars.firstIndex(where: { !$0.isFinite }) {
            throw InputError(
                "entry (\(bad / columns + 1), \(bad % columns + 1)) is \(array.scalars[bad]); features must be finite",
                file: featuresPath)
        }
        var labels: [Double]?
        if let labelsPath {
            let l = try NPY.read(labelsPath)
            guard l.dtype == .float64, l.shape == [rows] || l.shape == [rows, 1] else {
                throw InputError(
                    "labels must be a vector of \(rows) numbers (one per row of the features); found shape \(l.shape)",
                    file: labelsPath)
            }
            if let bad = l.scalars.firstIndex(where: { !$0.isFinite }) {
                throw InputError("label \(bad + 1) is \(l.scalars[bad]); labels must be finite", file: labelsPath)
            }
            labels = l.scalars
        }
        let dataset = Dataset(
            features: Matrix(rows: rows, columns: columns, scalars: array.scalars), labels: labels, source: featuresPath)
        if labels != nil && minimumClasses > 1 {
            var checked = dataset
            checked.source = labelsPath
            try checked.requireClasses(atLeast: minimumClasses)
        }
        return dataset
    }
}
