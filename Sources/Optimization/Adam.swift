/// Adam (Kingma & Ba 2015): gradient descent with bias-corrected running means of the gradient
/// and of its square.
///
/// With `g_k = grad f(x_{k-1})` on batch `k - 1`:
///
///     m_k = beta1 m_{k-1} + (1 - beta1) g_k          v_k = beta2 v_{k-1} + (1 - beta2) g_k^2
///     x_k = x_{k-1} - lr * (m_k / (1 - beta1^k)) / (sqrt(v_k / (1 - beta2^k)) + epsilon)
///
/// Stops after `maxIterations` steps or when a step is shorter than `tolerance` (Euclidean norm,
/// Qiskit's `ADAM(tol:)` test). The history records `f(x_{k-1})`, the value computed with the
/// gradient, so Adam costs exactly one gradient evaluation per iteration. Deterministic.
public struct Adam: Optimizer {
    /// Step size.
    public var learningRate: Double
    /// Decay of the first-moment average.
    public var beta1: Double
    /// Decay of the second-moment average.
    public var beta2: Double
    /// Guard against division by a zero second moment.
    public var epsilon: Double
    /// The iteration budget.
    public var maxIterations: Int
    /// Stop when `||x_k - x_{k-1}|| < tolerance` (0 disables the test).
    public var tolerance: Double

    /// Creates Adam with Kingma & Ba's defaults (`beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`).
    public init(
        learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        maxIterations: Int = 100, tolerance: Double = 0
    ) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw OptimizationError.invalidParameter("Adam's learning rate must be positive, got \(learningRate)")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            throw OptimizationError.invalidParameter("Adam's beta1 and beta2 must be in [0, 1), got \(beta1), \(beta2)")
        }
        guard epsilon > 0 else { throw OptimizationError.invalidParameter("Adam's epsilon must be positive") }
        guard maxIterations >= 1 else {
            throw OptimizationError.invalidParameter("maxIterations must be at least 1, got \(maxIterations)")
        }
        guard tolerance >= 0 else { throw OptimizationError.invalidParameter("the tolerance must be non-negative") }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// `"adam"`.
    public var name: String { "adam" }
    /// Adam needs the gradient.
    public var usesGradient: Bool { true }
    /// Adam works on mini-batches.
    public var acceptsStochasticObjective: Bool { true }

    /// Runs Adam from `x0`.
    public func minimize(
        _ objective: Objective, from x0: [Double], callback: ((IterationRecord) -> Void)?
    ) throws -> OptimizationResult {
        try validateStart(objective, x0)
        var x = x0
        var m = [Double](repeating: 0, count: x.count), v = m
        var history: [IterationRecord] = []
        var stop = OptimizationResult.StopReason.maxIterations
        var beta1Power = 1.0, beta2Power = 1.0
        for k in 1...maxIterations {
            let (loss, g) = try objective.valueAndGradient(at: x, batch: k - 1)
            beta1Power *= beta1
            beta2Power *= beta2
            var stepSquared = 0.0
            for i in x.indices {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                let mHat = m[i] / (1 - beta1Power), vHat = v[i] / (1 - beta2Power)
                let step = learningRate * mHat / (vHat.squareRoot() + epsilon)
                x[i] -= step
                stepSquared += step * step
            }
            let record = IterationRecord(
                iteration: k, loss: loss, parameters: x, gradientNorm: norm(g), evaluations: k)
            history.append(record)
            callback?(record)
            if stepSquared.squareRoot() < tolerance {
                stop = .converged
                break
            }
        }
        return OptimizationResult(
            parameters: x, value: history.last?.loss ?? .nan, history: history, evaluations: history.count,
            stopReason: stop)
    }
}

/// Euclidean norm.
func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
