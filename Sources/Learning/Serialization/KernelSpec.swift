import Kernels
import LinearAlgebra
import QKSupport

/// Any kernel QKSim can name and save: the one vocabulary of the command line (`--kernel ...`) and
/// of model files.
///
/// JSON is one flat object with a `kernel` field: `{"kernel": "precomputed"}`, or a classical
/// kernel's object (see ``ClassicalKernelSpec``), e.g. `{"kernel": "rbf", "gamma": 0.05}`.
///
/// Extending it (quantum feature maps): add a case holding the feature map's own Codable spec,
/// give it its names in ``name``, encode it flat with the same `kernel` field, decode it in
/// `init(from:)` when the name is one of its names, and build it in ``makeKernel(fittedTo:)``.
public enum KernelSpec: Sendable, Hashable {
    /// Kernel matrices supplied by the caller.
    case precomputed
    /// A classical kernel.
    case classical(ClassicalKernelSpec)

    /// The kernel's name, e.g. `rbf` or `precomputed`.
    public var name: String {
        switch self {
        case .precomputed: return "precomputed"
        case .classical(let c): return c.name
        }
    }

    /// Whether every data-dependent rule (gamma `scale` / `auto`) has been replaced by a number, as
    /// a saved model needs.
    public var isResolved: Bool { !hasRule }

    private var hasRule: Bool {
        guard case .classical(let c) = self else { return false }
        switch c {
        case .polynomial(_, let g, _), .rbf(let g), .laplacian(let g), .sigmoid(let g, _):
            if case .value = g { return false }
            return true
        default:
            return false
        }
    }

    /// The spec with gamma rules resolved on training points `x` (what a model must remember).
    public func resolved(for x: Matrix) -> KernelSpec {
        switch self {
        case .precomputed: return self
        case .classical(let c): return .classical(c.resolved(for: x))
        }
    }

    /// The SVM kernel for training points `x`.
    public func makeKernel(fittedTo x: Matrix) throws -> SVCKernel {
        switch self {
        case .precomputed: return .precomputed
        case .classical(let c): return .kernel(try c.makeKernel(fittedTo: x))
        }
    }
}

extension KernelSpec: Codable {
    private enum Key: String, CodingKey { case kernel }

    /// Writes the flat object.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .precomputed:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("precomputed", forKey: .kernel)
        case .classical(let spec):
            try spec.encode(to: encoder)
        }
    }

    /// Reads the flat object, dispatching on its `kernel` name.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let name = try c.decode(String.self, forKey: .kernel)
        if name == "precomputed" {
            self = .precomputed
        } else if ClassicalKernelSpec.names.contains(name) {
            self = .classical(try ClassicalKernelSpec(from: decoder))
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .kernel, in: c,
                debugDescription: "unknown kernel '\(name)'; expected precomputed or one of "
                    + ClassicalKernelSpec.names.joined(separator: ", "))
        }
    }
}
