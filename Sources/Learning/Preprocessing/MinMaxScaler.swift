import LinearAlgebra
import QKSupport

/// Scales each feature linearly so that its training minimum and maximum map to the ends of a
/// range, e.g. `[0, pi]` for angle encodings (scikit-learn's `MinMaxScaler(feature_range=...)`).
/// Test data outside the training range maps outside the target range (no clipping).
public struct MinMaxScaler: Sendable {
    /// The target range.
    public var range: ClosedRange<Double>

    /// Creates the scaler for `range` (default `[0, 1]`).
    public init(range: ClosedRange<Double> = 0...1) { self.range = range }

    /// Learns each feature's minimum and maximum from the rows of `x`.
    public func fit(_ x: Matrix) throws -> MinMaxScaling {
        guard x.rows > 0 else { throw InputError("cannot scale an empty data set") }
        guard range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound else {
            throw InputError("the target range must be finite and non-empty; got \(range)")
        }
        var scale = [Double](repeating: 1, count: x.columns)
        var offset = [Double](repeating: 0, count: x.columns)
        for c in 0..<x.columns {
            let column = x.column(c)
            let (low, high) = (column.min() ?? 0, column.max() ?? 0)
            // A constant feature gets scale 1, as in scikit-learn.
            let span = high - low
            scale[c] = (range.upperBound - range.lowerBound) / (span < 10 * Double.ulpOfOne * max(abs(low), 1) ? 1 : span)
            offset[c] = range.lowerBound - low * scale[c]
        }
        return MinMaxScaling(scale: scale, offset: offset)
    }
}

/// A fitted ``MinMaxScaler``: `x * scale + offset` per feature.
public struct MinMaxScaling: Sendable, Codable, Equatable {
    /// Per-feature factor.
    public var scale: [Double]
    /// Per-feature offset (scikit-learn's `min_`).
    public var offset: [Double]

    /// `x * scale + offset` for every row of `x`.
    public func transform(_ x: Matrix) throws -> Matrix {
        try checkWidth(x, scale.count, "min-max scaling")
        var out = x
        for r in 0..<x.rows {
            for c in 0..<x.columns { out[r, c] = x[r, c] * scale[c] + offset[c] }
        }
        return out
    }
}
