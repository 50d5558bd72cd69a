/// The Broyden-Fletcher-Goldfarb-Shanno quasi-Newton method, GSL's `vector_bfgs2` (Fletcher's
/// implementation with a line search satisfying the strong Wolfe conditions).
///
/// Each iteration is one line search along the quasi-Newton direction (a few value-and-gradient
/// evaluations). Stops when `|grad f| < tolerance` (`gsl_multimin_test_gradient`), when GSL
/// cannot make progress (`GSL_ENOPROG`: the line search found no lower point, typically at a
/// minimum within rounding), or after `maxIterations`. Needs a deterministic objective.
public struct BFGS: Optimizer {
    /// The iteration budget.
    public var maxIterations: Int
    /// Stop when the gradient's Euclidean norm falls below this.
    public var tolerance: Double
    /// Length of the first trial step.
    public var initialStep: Double
    /// Accuracy of the line search (GSL recommends 0.1 for `vector_bfgs2`).
    public var lineSearchTolerance: Double

    /// Creates BFGS.
    public init(maxIterations: Int = 100, tolerance: Double = 1e-6, initialStep: Double = 0.01, lineSearchTolerance: Double = 0.1)
        throws
    {
        guard maxIterations >= 1 else {
            throw OptimizationError.invalidParameter("maxIterations must be at least 1, got \(maxIterations)")
        }
        guard tolerance >= 0 else { throw OptimizationError.invalidParameter("the tolerance must be non-negative") }
        guard initialStep > 0, lineSearchTolerance > 0, lineSearchTolerance < 1 else {
            throw OptimizationError.invalidParameter("BFGS needs a positive initial step and a line-search tolerance in (0, 1)")
        }
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.initialStep = initialStep
        self.lineSearchTolerance = lineSearchTolerance
    }

    /// `"bfgs"`.
    public var name: String { "bfgs" }
    /// BFGS needs the gradient.
    public var usesGradient: Bool { true }
    /// A line search needs a fixed function.
    public var acceptsStochasticObjective: Bool { false }

    /// Runs BFGS from `x0`.
    public func minimize(
        _ objective: Objective, from x0: [Double], callback: ((IterationRecord) -> Void)?
    ) throws -> OptimizationResult {
        try validateStart(objective, x0)
        return try GSLMultimin.minimize(objective, from: x0, maxIterations: maxIterations, callback: callback) { box, onStep in
            try GSLMultimin.runBFGS(
                box, x0: x0, stepSize: initialStep, lineSearchTolerance: lineSearchTolerance, gradientTolerance: tolerance,
                step: onStep)
        }
    }
}
