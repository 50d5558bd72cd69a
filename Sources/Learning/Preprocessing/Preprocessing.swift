import LinearAlgebra

/// One fitted preprocessing step, as stored in a model file so that prediction applies exactly the
/// transformation training used.
public enum PreprocessingStep: Sendable, Codable, Equatable {
    /// Standardisation.
    case standardize(Standardization)
    /// Min-max scaling to a range.
    case minMax(MinMaxScaling)
    /// Projection on principal components.
    case pca(PCAProjection)

    /// Applies the step to the rows of `x`.
    public func transform(_ x: Matrix) throws -> Matrix {
        switch self {
        case .standardize(let s): return try s.transform(x)
        case .minMax(let s): return try s.transform(x)
        case .pca(let p): return try p.transform(x)
        }
    }
}

extension Array where Element == PreprocessingStep {
    /// Applies the steps in order.
    public func transform(_ x: Matrix) throws -> Matrix {
        try reduce(x) { try $1.transform($0) }
    }
}
