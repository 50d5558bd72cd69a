import LinearAlgebra
import QKSupport

/// Any kernel QKSim offers, named by its parameters: what `--kernel` and a saved model describe.
///
/// JSON: a classical kernel is its flat object (`{"kernel": "rbf", "gamma": 0.05}`); a quantum
/// kernel is `{"kernel": "fidelity", "feature_map": {...}, "shots": 1000, "seed": 0}` or
/// `{"kernel": "projected", "feature_map": {...}, "gamma": 1}`.
public enum KernelSpec: Sendable, Hashable {
    /// Kernel matrices supplied by the caller (`{"kernel": "precomputed"}`).
    case precomputed
    /// A classical kernel.
    case classical(ClassicalKernelSpec)
    /// The fidelity kernel of a feature map, exact (`shots == nil`) or shot-sampled.
    case fidelity(FeatureMapSpec, shots: Int?, seed: UInt64)
    /// The projected kernel of a feature map.
    case projected(FeatureMapSpec, gamma: Double)

    /// A short name for tables: the feature map's or the classical kernel's.
    public var name: String {
        switch self {
        case .precomputed: return "precomputed"
        case .classical(let c): return c.name
        case .fidelity(let f, let shots, _): return f.map == "circuit" ? (f.name ?? "circuit") : f.map + (shots.map { "@\($0)" } ?? "")
        case .projected(let f, _): return "projected-" + f.map
        }
    }

    /// Whether the kernel simulates circuits.
    public var isQuantum: Bool {
        switch self {
        case .precomputed, .classical: return false
        case .fidelity, .projected: return true
        }
    }

    /// Whether every data-dependent rule (gamma `scale` / `auto`) has been replaced by a number, as
    /// a saved model needs.
    public var isResolved: Bool {
        guard case .classical(let c) = self else { return true }
        switch c {
        case .polynomial(_, let g, _), .rbf(let g), .laplacian(let g), .sigmoid(let g, _):
            if case .value = g { return true }
            return false
        default:
            return true
        }
    }

    /// The kernel for training points `x` (which fix any data-dependent parameter such as gamma
    /// 'scale').
    public func makeKernel(fittedTo x: Matrix, parallelism: Parallelism = Parallelism()) throws -> any Kernel {
        switch self {
        case .precomputed: throw KernelError.invalidParameter("a precomputed kernel has no kernel function: pass the Gram matrices")
        case .classical(let c): return try c.makeKernel(fittedTo: x)
        case .fidelity(let f, let shots, let seed):
            return try FidelityKernel(
                featureMap: f.makeFeatureMap(), shots: shots, seed: seed, parallelism: parallelism)
        case .projected(let f, let gamma):
            return try ProjectedKernel(featureMap: f.makeFeatureMap(), gamma: gamma, parallelism: parallelism)
        }
    }

    /// The same spec with data-dependent parameters fixed for training points `x`.
    public func resolved(for x: Matrix) -> KernelSpec {
        if case .classical(let c) = self { return .classical(c.resolved(for: x)) }
        return self
    }
}

extension KernelSpec: Codable {
    private enum Key: String, CodingKey {
        case kernel, shots, seed, gamma
        case featureMap = "feature_map"
    }

    /// Writes the flat object described on the type.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .precomputed:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("precomputed", forKey: .kernel)
        case .classical(let c):
            try c.encode(to: encoder)
        case .fidelity(let f, let shots, let seed):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("fidelity", forKey: .kernel)
            try c.encode(f, forKey: .featureMap)
            try c.encodeIfPresent(shots, forKey: .shots)
            try c.encode(seed, forKey: .seed)
        case .projected(let f, let gamma):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("projected", forKey: .kernel)
            try c.encode(f, forKey: .featureMap)
            try c.encode(gamma, forKey: .gamma)
        }
    }

    /// Reads any of the forms described on the type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        switch try c.decode(String.self, forKey: .kernel) {
        case "precomputed":
            self = .precomputed
        case "fidelity":
            self = .fidelity(
                try c.decode(FeatureMapSpec.self, forKey: .featureMap), shots: try c.decodeIfPresent(Int.self, forKey: .shots),
                seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0)
        case "projected":
            self = .projected(try c.decode(FeatureMapSpec.self, forKey: .featureMap), gamma: try c.decodeIfPresent(Double.self, forKey: .gamma) ?? 1)
        case let name where ClassicalKernelSpec.names.contains(name):
            self = .classical(try ClassicalKernelSpec(from: decoder))
        case let name:
            throw DecodingError.dataCorruptedError(
                forKey: .kernel, in: c,
                debugDescription: "unknown kernel '\(name)'; expected precomputed, fidelity, projected or one of "
                    + ClassicalKernelSpec.names.joined(separator: ", "))
        }
    }
}
