import LinearAlgebra
import QKSupport

/// Standardisation to zero mean and unit variance per feature, `z = (x - mean) / std`, as
/// scikit-learn's `StandardScaler` (population standard deviation; a constant feature keeps scale 1).
public struct StandardScaler: Sendable {
    /// Creates the scaler.
    public init() {}

    /// Learns each feature's mean and standard deviation from the rows of `x`.
    public func fit(_ x: Matrix) throws -> Standardization {
        guard x.rows > 0 else { throw InputError("cannot standardise an empty data set") }
        let n = Double(x.rows)
        var mean = [Double](repeating: 0, count: x.columns)
        var scale = [Double](repeating: 0, count: x.columns)
        for c in 0..<x.columns {
            var s = 0.0
            for r in 0..<x.rows { s += x[r, c] }
            mean[c] = s / n
            var v = 0.0
            for r in 0..<x.rows { v += (x[r, c] - mean[c]) * (x[r, c] - mean[c]) }
            let std = (v / n).squareRoot()
            // scikit-learn's rule: a (numerically) constant feature is left unscaled.
            scale[c] = std < 10 * Double.ulpOfOne * max(abs(mean[c]), 1) ? 1 : std
        }
        return Standardization(mean: mean, scale: scale)
    }
}

/// A fitted ``StandardScaler``.
public struct Standardization: Sendable, Codable, Equatable {
    /// Per-feature mean.
    public var mean: [Double]
    /// Per-feature standard deviation (1 for constant features).
    public var scale: [Double]

    /// `(x - mean) / scale` for every row of `x`.
    public func transform(_ x: Matrix) throws -> Matrix {
        try checkWidth(x, mean.count, "standardisation")
        var out = x
        for r in 0..<x.rows {
            for c in 0..<x.columns { out[r, c] = (x[r, c] - mean[c]) / scale[c] }
        }
        return out
    }
}

/// Throws unless `x` has `expected` columns.
func checkWidth(_ x: Matrix, _ expected: Int, _ step: String) throws {
    guard x.columns == expected else {
        throw InputError("the \(step) was fitted to \(expected) features; the data has \(x.columns)")
    }
}
