/// The Nelder-Mead downhill simplex, GSL's `nmsimplex2` (O(n) operations per iteration, with the
/// simplex size maintained incrementally).
///
/// Needs values only. Stops when the simplex's characteristic size (mean distance of its vertices
/// from the centre) falls below `tolerance` (`gsl_multimin_test_size`) or after `maxIterations`.
/// The history records the best vertex's value after each iteration. Needs a deterministic objective.
public struct NelderMead: Optimizer {
    /// The iteration budget.
    public var maxIterations: Int
    /// Stop when the simplex size is below this.
    public var tolerance: Double
    /// The initial simplex's step along each coordinate axis.
    public var initialStep: Double

    /// Creates Nelder-Mead.
    public init(maxIterations: Int = 500, tolerance: Double = 1e-6, initialStep: Double = 0.5) throws {
        guard maxIterations >= 1 else {
            throw OptimizationError.invalidParameter("maxIterations must be at least 1, got \(maxIterations)")
        }
        guard tolerance >= 0 else { throw OptimizationError.invalidParameter("the tolerance must be non-negative") }
        guard initialStep > 0, initialStep.isFinite else {
            throw OptimizationError.invalidParameter("Nelder-Mead's initial step must be positive, got \(initialStep)")
        }
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.initialStep = initialStep
    }

    /// `"nelder-mead"`.
    public var name: String { "nelder-mead" }
    /// Values only.
    public var usesGradient: Bool { false }
    /// A simplex needs a fixed function.
    public var acceptsStochasticObjective: Bool { false }

    /// Runs Nelder-Mead from `x0`.
    public func minimize(
        _ objective: Objective, from x0: [Double], callback: ((IterationRecord) -> Void)?
    ) throws -> OptimizationResult {
        try validateStart(objective, x0)
        return try GSLMultimin.minimize(objective, from: x0, maxIterations: maxIterations, callback: callback) { box, onStep in
            try GSLMultimin.runNelderMead(
                box, x0: x0, steps: [Double](repeating: initialStep, count: x0.count), sizeTolerance: tolerance, step: onStep)
        }
    }
}
