/// The quadrature rules QKSim's studies compare, by the names the command line uses:
/// `trapezoid`, `simpson`, `bq-matern12`, `bq-matern32`, `bq-matern52`, `bq-matern72`.
public enum QuadratureMethod: Hashable, Sendable, CustomStringConvertible {
    /// ``TrapezoidalRule``.
    case trapezoid
    /// ``SimpsonRule``.
    case simpson
    /// ``BayesianQuadrature`` with a ``MaternKernel`` of the given smoothness.
    case bayesMatern(MaternKernel.Smoothness)

    /// Every method, in the order tables list them.
    public static let allCases: [QuadratureMethod] =
        [.trapezoid, .simpson] + MaternKernel.Smoothness.allCases.map { .bayesMatern($0) }

    /// The command-line name, e.g. `bq-matern72`.
    public var name: String {
        switch self {
        case .trapezoid: return "trapezoid"
        case .simpson: return "simpson"
        case .bayesMatern(let s): return "bq-matern\(s.code)"
        }
    }

    /// The command-line name.
    public var description: String { name }

    /// The method called `name`, or `nil`.
    public init?(name: String) {
        guard let method = QuadratureMethod.allCases.first(where: { $0.name == name }) else { return nil }
        self = method
    }

    /// The rule, with `settings` for the Bayesian-quadrature methods.
    public func rule(_ settings: BayesianQuadratureSettings = .init()) -> any QuadratureRule {
        switch self {
        case .trapezoid: return TrapezoidalRule()
        case .simpson: return SimpsonRule()
        case .bayesMatern(let s):
            return BayesianQuadrature(
                kernel: MaternKernel(smoothness: s, lengthscale: settings.lengthscale), jitter: settings.jitter,
                arithmetic: settings.arithmetic)
        }
    }

    /// The order `b` of the theoretical error `O(N^-b)` on smooth integrands: 2 for the trapezoidal
    /// rule, 4 for Simpson's, `nu + 1/2` for Matern Bayesian quadrature.
    public var theoreticalOrder: Int {
        switch self {
        case .trapezoid: return 2
        case .simpson: return 4
        case .bayesMatern(let s): return s.convergenceOrder
        }
    }
}

/// The parameters of Bayesian quadrature that the studies expose; the defaults are the paper's.
public struct BayesianQuadratureSettings: Sendable, Hashable {
    /// The Matern lengthscale (paper: 0.3).
    public var lengthscale: Double
    /// Added to the Gram matrix diagonal (paper: 1e-8).
    public var jitter: Double
    /// The arithmetic of the weight computation (paper: double).
    public var arithmetic: BayesianQuadrature<MaternKernel>.Arithmetic

    /// Creates settings.
    public init(lengthscale: Double = 0.3, jitter: Double = 1e-8, arithmetic: BayesianQuadrature<MaternKernel>.Arithmetic = .double) {
        self.lengthscale = lengthscale
        self.jitter = jitter
        self.arithmetic = arithmetic
    }
}
