/// A function to minimise, `f: R^n -> R`, with its gradient when one is available.
///
/// Every optimizer in this target minimises. The `batch` argument serves stochastic optimizers
/// (Adam, SPSA) that see a different sample of the data at each iteration: they pass the
/// iteration index (0, 1, 2, ...), and the objective decides what that means (a mini-batch, a
/// shot seed, or nothing). Deterministic optimizers (BFGS, Nelder-Mead) always pass 0, because a
/// line search or a simplex needs one fixed function.
///
/// ```swift
/// let rosenbrock = Objective(dimension: 2) { x in
///     (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
/// }
/// ```
public struct Objective {
    /// Number of variables `n`.
    public let dimension: Int
    private let valueFunction: (_ x: [Double], _ batch: Int) throws -> Double
    private let gradientFunction: ((_ x: [Double], _ batch: Int) throws -> (value: Double, gradient: [Double]))?

    /// An objective whose value (and optionally gradient) depends on the batch index.
    public init(
        dimension: Int,
        batchedValue: @escaping (_ x: [Double], _ batch: Int) throws -> Double,
        batchedValueAndGradient: ((_ x: [Double], _ batch: Int) throws -> (value: Double, gradient: [Double]))? = nil
    ) {
        self.dimension = dimension
        self.valueFunction = batchedValue
        self.gradientFunction = batchedValueAndGradient
    }

    /// An objective that ignores the batch index: one fixed function.
    public init(
        dimension: Int,
        valueAndGradient: ((_ x: [Double]) throws -> (value: Double, gradient: [Double]))? = nil,
        value: @escaping (_ x: [Double]) throws -> Double
    ) {
        self.dimension = dimension
        self.valueFunction = { x, _ in try value(x) }
        if let valueAndGradient {
            self.gradientFunction = { x, _ in try valueAndGradient(x) }
        } else {
            self.gradientFunction = nil
        }
    }

    /// Whether the objective supplies its gradient.
    public var hasGradient: Bool { gradientFunction != nil }

    /// `f(x)` on batch `batch`.
    public func value(at x: [Double], batch: Int = 0) throws -> Double {
        try check(x)
        return try valueFunction(x, batch)
    }

    /// `f(x)` and `grad f(x)` on batch `batch`.
    ///
    /// - Throws: `OptimizationError.gradientUnavailable` when the objective has no gradient.
    public func valueAndGradient(at x: [Double], batch: Int = 0) throws -> (value: Double, gradient: [Double]) {
        try check(x)
        guard let gradientFunction else { throw OptimizationError.gradientUnavailable }
        let result = try gradientFunction(x, batch)
        guard result.gradient.count == dimension else {
            throw OptimizationError.invalidObjective(
                "the gradient has \(result.gradient.count) entries for \(dimension) variables")
        }
        return result
    }

    /// The same objective with its gradient replaced by central finite differences,
    /// `g_i = (f(x + h e_i) - f(x - h e_i)) / 2h`: `2n + 1` evaluations per gradient, error `O(h^2)`.
    /// For objectives whose gradient is not known, so that Adam and BFGS can still run.
    public func withFiniteDifferenceGradient(step h: Double = 1e-5) -> Objective {
        let value = valueFunction
        return Objective(dimension: dimension, batchedValue: value) { x, batch in
            let f0 = try value(x, batch)
            var g = [Double](repeating: 0, count: x.count)
            var probe = x
            for i in x.indices {
                probe[i] = x[i] + h
                let up = try value(probe, batch)
                probe[i] = x[i] - h
                let down = try value(probe, batch)
                probe[i] = x[i]
                g[i] = (up - down) / (2 * h)
            }
            return (f0, g)
        }
    }

    private func check(_ x: [Double]) throws {
        guard x.count == dimension else {
            throw OptimizationError.invalidObjective("a point has \(x.count) coordinates, the objective \(dimension)")
        }
    }
}
