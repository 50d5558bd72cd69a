import LinearAlgebra

/// The `gamma` of a kernel: a number, or one of scikit-learn's rules that choose it from the
/// training data.
public enum KernelGamma: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A fixed value.
    case value(Double)
    /// `1 / (d * Var(X))`, with `Var` the variance of all entries of the training matrix (scikit-learn's
    /// `gamma='scale'`, the default of `SVC`); `1` when the variance is 0.
    case scale
    /// `1 / d` (scikit-learn's `gamma='auto'`).
    case auto

    /// The number this rule gives for training points `x` (rows), e.g. `.scale.resolved(for: x)`.
    public func resolved(for x: Matrix) -> Double {
        switch self {
        case .value(let g):
            return g
        case .auto:
            return 1 / Double(max(x.columns, 1))
        case .scale:
            let n = Double(x.scalars.count)
            guard n > 0 else { return 1 }
            let mean = x.scalars.reduce(0, +) / n
            let variance = x.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            return variance != 0 ? 1 / (Double(x.columns) * variance) : 1
        }
    }

    /// `0.5`, `scale` or `auto`.
    public var description: String {
        switch self {
        case .value(let g): return "\(g)"
        case .scale: return "scale"
        case .auto: return "auto"
        }
    }

    /// Parses `scale`, `auto` or a number; `nil` for anything else.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "scale": self = .scale
        case "auto": self = .auto
        default:
            guard let g = Double(text) else { return nil }
            self = .value(g)
        }
    }

    /// Encoded as the JSON number or the string `"scale"` / `"auto"`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .value(let g): try c.encode(g)
        case .scale: try c.encode("scale")
        case .auto: try c.encode("auto")
        }
    }

    /// Decodes a number or `"scale"` / `"auto"`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let g = try? c.decode(Double.self) {
            self = .value(g)
            return
        }
        let text = try c.decode(String.self)
        guard let g = KernelGamma(text) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "gamma must be a number, \"scale\" or \"auto\", not \"\(text)\"")
        }
        self = g
    }
}
