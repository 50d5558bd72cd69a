/// A minimiser: starts at `x0`, calls the objective, and returns the best point it found with the
/// history of its iterations.
///
/// Conforming types hold only hyperparameters (the scikit-learn split: settings in the
/// initializer, the work in `minimize`), so one value can be reused and shared across threads.
public protocol Optimizer: Sendable {
    /// A short name for reports and model files (`"adam"`, `"spsa"`, `"bfgs"`, `"nelder-mead"`).
    var name: String { get }
    /// The iteration budget.
    var maxIterations: Int { get }
    /// Whether `minimize` needs the objective's gradient.
    var usesGradient: Bool { get }
    /// Whether the optimizer tolerates a noisy objective that changes with the batch index
    /// (Adam and SPSA do; BFGS's line search and Nelder-Mead's simplex need a fixed function).
    var acceptsStochasticObjective: Bool { get }

    /// Minimises `objective` from `x0`. `callback` sees each iteration as it is recorded.
    func minimize(
        _ objective: Objective, from x0: [Double], callback: ((IterationRecord) -> Void)?
    ) throws -> OptimizationResult
}

extension Optimizer {
    /// Minimises without a callback.
    public func minimize(_ objective: Objective, from x0: [Double]) throws -> OptimizationResult {
        try minimize(objective, from: x0, callback: nil)
    }

    /// Checks the starting point against the objective.
    func validateStart(_ objective: Objective, _ x0: [Double]) throws {
        guard x0.count == objective.dimension, !x0.isEmpty else {
            throw OptimizationError.invalidObjective(
                "the starting point has \(x0.count) coordinates, the objective \(objective.dimension) (at least 1)")
        }
        guard x0.allSatisfy(\.isFinite) else { throw OptimizationError.invalidObjective("the starting point is not finite") }
        if usesGradient && !objective.hasGradient { throw OptimizationError.gradientUnavailable }
    }
}

/// Why an optimizer could not run.
public enum OptimizationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A hyperparameter out of range, with what was expected.
    case invalidParameter(String)
    /// The objective does not match the starting point or returned something malformed.
    case invalidObjective(String)
    /// A gradient-based optimizer was given an objective without a gradient.
    case gradientUnavailable
    /// GSL reported an error that is not a normal stop.
    case gsl(code: Int32, message: String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .invalidParameter(let why): return why
        case .invalidObjective(let why): return why
        case .gradientUnavailable:
            return "this optimizer needs a gradient; give the objective one or use withFiniteDifferenceGradient()"
        case .gsl(let code, let message): return "GSL error \(code): \(message)"
        }
    }
}
