/// One iteration of an optimizer, as recorded in the history and passed to callbacks.
public struct IterationRecord: Sendable, Hashable, Codable {
    /// 1-based iteration number.
    public var iteration: Int
    /// The loss the optimizer saw at this iteration (see each optimizer for which point it is:
    /// Adam records `f(x_k)` before its step, SPSA the mean of its two probes, BFGS and
    /// Nelder-Mead the value at the new iterate).
    public var loss: Double
    /// The iterate after this iteration's step.
    public var parameters: [Double]
    /// The norm of the gradient (or gradient estimate) used in this step, when there is one.
    public var gradientNorm: Double?
    /// Objective evaluations (values and gradients) so far, calibration included.
    public var evaluations: Int

    /// Creates a record.
    public init(iteration: Int, loss: Double, parameters: [Double], gradientNorm: Double?, evaluations: Int) {
        self.iteration = iteration
        self.loss = loss
        self.parameters = parameters
        self.gradientNorm = gradientNorm
        self.evaluations = evaluations
    }
}

/// What an optimizer returns.
public struct OptimizationResult: Sendable, Codable {
    /// Why the optimizer stopped.
    public enum StopReason: String, Sendable, Codable {
        /// The iteration budget ran out.
        case maxIterations
        /// The convergence test (gradient norm, step size or simplex size below the tolerance) passed.
        case converged
        /// The method could not make progress (e.g. GSL's line search found no lower point).
        case noProgress
    }

    /// The final point.
    public var parameters: [Double]
    /// The loss at the final point as last seen by the optimizer (for SPSA an estimate).
    public var value: Double
    /// One record per iteration.
    public var history: [IterationRecord]
    /// Objective evaluations (values and gradients) in total.
    public var evaluations: Int
    /// Why it stopped.
    public var stopReason: StopReason

    /// Number of iterations performed.
    public var iterations: Int { history.count }
    /// The loss at each iteration.
    public var lossHistory: [Double] { history.map(\.loss) }
}
