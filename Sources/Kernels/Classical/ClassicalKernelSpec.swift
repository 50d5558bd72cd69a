import LinearAlgebra
import QKSupport

/// A classical kernel named by its parameters: what a command line or a saved model says, before
/// it is turned into a ``Kernel`` for particular training data.
///
/// In JSON it is one flat object with a `kernel` field, e.g. `{"kernel": "rbf", "gamma": 0.05}` or
/// `{"kernel": "poly", "degree": 3, "gamma": "scale", "coef0": 1}`.
public enum ClassicalKernelSpec: Sendable, Hashable {
    /// `x . y`.
    case linear
    /// `(gamma x . y + coef0)^degree`.
    case polynomial(degree: Int, gamma: KernelGamma, coef0: Double)
    /// `exp(-gamma ||x - y||^2)`.
    case rbf(gamma: KernelGamma)
    /// `exp(-gamma ||x - y||_1)`.
    case laplacian(gamma: KernelGamma)
    /// Matern with smoothness `nu` and length scale.
    case matern(nu: Double, lengthScale: Double)
    /// `tanh(gamma x . y + coef0)`.
    case sigmoid(gamma: KernelGamma, coef0: Double)
    /// Cho and Saul's arc-cosine kernel of order 0, 1 or 2.
    case arcCosine(order: Int)
    /// The neural tangent kernel of a ReLU network with `depth` hidden layers.
    case ntk(depth: Int)

    /// The names accepted by ``init(name:gamma:degree:coef0:nu:lengthScale:order:depth:)`` and in JSON.
    public static let names = ["linear", "poly", "rbf", "laplacian", "matern", "sigmoid", "arccos", "ntk"]

    /// The kernel's name: `linear`, `poly`, `rbf`, `laplacian`, `matern`, `sigmoid`, `arccos`, `ntk`.
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .polynomial: return "poly"
        case .rbf: return "rbf"
        case .laplacian: return "laplacian"
        case .matern: return "matern"
        case .sigmoid: return "sigmoid"
        case .arcCosine: return "arccos"
        case .ntk: return "ntk"
        }
    }

    /// Builds a spec from a name and the shared vocabulary of kernel options (`--gamma`, `--degree`,
    /// ...); options a kernel does not use are ignored, missing ones take scikit-learn's defaults
    /// (`gamma = scale`, except `auto` for `laplacian` as in `laplacian_kernel`; degree 3; coef0 0;
    /// nu 1.5; length scale 1; arc-cosine order 1; NTK depth 1).
    public init(
        name: String, gamma: KernelGamma? = nil, degree: Int? = nil, coef0: Double? = nil, nu: Double? = nil,
        lengthScale: Double? = nil, order: Int? = nil, depth: Int? = nil
    ) throws {
        switch name.lowercased() {
        case "linear": self = .linear
        case "poly", "polynomial": self = .polynomial(degree: degree ?? 3, gamma: gamma ?? .scale, coef0: coef0 ?? 0)
        case "rbf", "gaussian": self = .rbf(gamma: gamma ?? .scale)
        case "laplacian": self = .laplacian(gamma: gamma ?? .auto)
        case "matern": self = .matern(nu: nu ?? 1.5, lengthScale: lengthScale ?? 1)
        case "sigmoid": self = .sigmoid(gamma: gamma ?? .scale, coef0: coef0 ?? 0)
        case "arccos", "arccosine", "arc-cosine": self = .arcCosine(order: order ?? degree ?? 1)
        case "ntk": self = .ntk(depth: depth ?? 1)
        default:
            throw InputError(
                "unknown classical kernel '\(name)'; expected one of \(ClassicalKernelSpec.names.joined(separator: ", "))")
        }
        try validate()
    }

    /// Throws an ``InputError`` naming the first parameter out of range.
    public func validate() throws {
        func positive(_ g: KernelGamma, _ what: String) throws {
            if case .value(let v) = g, !(v > 0 && v.isFinite) {
                throw InputError("\(what) kernel: gamma must be a positive number, 'scale' or 'auto'; got \(v)")
            }
        }
        switch self {
        case .linear:
            break
        case .polynomial(let degree, let gamma, let coef0):
            guard degree >= 1 else { throw InputError("poly kernel: degree must be at least 1; got \(degree)") }
            guard coef0.isFinite else { throw InputError("poly kernel: coef0 must be finite; got \(coef0)") }
            try positive(gamma, "poly")
        case .rbf(let gamma):
            try positive(gamma, "rbf")
        case .laplacian(let gamma):
            try positive(gamma, "laplacian")
        case .matern(let nu, let lengthScale):
            guard nu > 0 && nu.isFinite else { throw InputError("matern kernel: nu must be positive; got \(nu)") }
            guard lengthScale > 0 && lengthScale.isFinite else {
                throw InputError("matern kernel: length scale must be positive; got \(lengthScale)")
            }
        case .sigmoid(let gamma, let coef0):
            guard coef0.isFinite else { throw InputError("sigmoid kernel: coef0 must be finite; got \(coef0)") }
            try positive(gamma, "sigmoid")
        case .arcCosine(let order):
            guard (0...2).contains(order) else {
                throw InputError("arccos kernel: order must be 0, 1 or 2; got \(order)")
            }
        case .ntk(let depth):
            guard depth >= 0 else { throw InputError("ntk kernel: depth must be 0 or more; got \(depth)") }
        }
    }

    /// The same spec with `gamma` rules (`scale`, `auto`) replaced by their values for training
    /// points `x`, which is what a trained model must remember.
    public func resolved(for x: Matrix) -> ClassicalKernelSpec {
        switch self {
        case .polynomial(let degree, let gamma, let coef0):
            return .polynomial(degree: degree, gamma: .value(gamma.resolved(for: x)), coef0: coef0)
        case .rbf(let gamma): return .rbf(gamma: .value(gamma.resolved(for: x)))
        case .laplacian(let gamma): return .laplacian(gamma: .value(gamma.resolved(for: x)))
        case .sigmoid(let gamma, let coef0): return .sigmoid(gamma: .value(gamma.resolved(for: x)), coef0: coef0)
        default: return self
        }
    }

    /// The kernel for training points `x` (which fix any `gamma` rule).
    public func makeKernel(fittedTo x: Matrix) throws -> any Kernel {
        try validate()
        switch self {
        case .linear: return LinearKernel()
        case .polynomial(let degree, let gamma, let coef0):
            return PolynomialKernel(degree: degree, gamma: gamma.resolved(for: x), coef0: coef0)
        case .rbf(let gamma): return RBFKernel(gamma: gamma, fittedTo: x)
        case .laplacian(let gamma): return LaplacianKernel(gamma: gamma, fittedTo: x)
        case .matern(let nu, let lengthScale): return MaternKernel(nu: nu, lengthScale: lengthScale)
        case .sigmoid(let gamma, let coef0): return SigmoidKernel(gamma: gamma.resolved(for: x), coef0: coef0)
        case .arcCosine(let order): return ArcCosineKernel(order: order)
        case .ntk(let depth): return NeuralTangentKernel(depth: depth)
        }
    }
}

extension ClassicalKernelSpec: Codable {
    private enum Key: String, CodingKey {
        case kernel, degree, gamma, coef0, nu
        case lengthScale = "length_scale"
        case order, depth
    }

    /// Writes the flat `{"kernel": name, parameters...}` object.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: .kernel)
        switch self {
        case .linear:
            break
        case .polynomial(let degree, let gamma, let coef0):
            try c.encode(degree, forKey: .degree)
            try c.encode(gamma, forKey: .gamma)
            try c.encode(coef0, forKey: .coef0)
        case .rbf(let gamma), .laplacian(let gamma):
            try c.encode(gamma, forKey: .gamma)
        case .matern(let nu, let lengthScale):
            try c.encode(nu, forKey: .nu)
            try c.encode(lengthScale, forKey: .lengthScale)
        case .sigmoid(let gamma, let coef0):
            try c.encode(gamma, forKey: .gamma)
            try c.encode(coef0, forKey: .coef0)
        case .arcCosine(let order):
            try c.encode(order, forKey: .order)
        case .ntk(let depth):
            try c.encode(depth, forKey: .depth)
        }
    }

    /// Reads the flat object; missing parameters take the defaults of the name-based initializer.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let name = try c.decode(String.self, forKey: .kernel)
        do {
            try self.init(
                name: name, gamma: try c.decodeIfPresent(KernelGamma.self, forKey: .gamma),
                degree: try c.decodeIfPresent(Int.self, forKey: .degree),
                coef0: try c.decodeIfPresent(Double.self, forKey: .coef0),
                nu: try c.decodeIfPresent(Double.self, forKey: .nu),
                lengthScale: try c.decodeIfPresent(Double.self, forKey: .lengthScale),
                order: try c.decodeIfPresent(Int.self, forKey: .order),
                depth: try c.decodeIfPresent(Int.self, forKey: .depth))
        } catch let error as InputError {
            throw DecodingError.dataCorruptedError(forKey: .kernel, in: c, debugDescription: error.message)
        }
    }
}
