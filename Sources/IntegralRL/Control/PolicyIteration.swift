import LinearAlgebra

/// Integral reinforcement learning by policy iteration, as in Cao & Pan's code (after Vrabie & Lewis).
///
/// Policy evaluation: along one continuing closed-loop trajectory (never reset), take `rows`
/// consecutive intervals `[t, t + T]` and fit `w` to the integral Bellman equation
///
///     w^T (phi(x(t)) - phi(x(t + T))) = integral_t^{t+T} l(x, u_i(x)) dt
///
/// by minimum-norm least squares. The integral comes from `N` evenly spaced samples of the running
/// cost (both ends included) through a quadrature rule, or from the cost integrated as an extra ODE
/// state (``CostIntegration/analytical``). Policy improvement: ``GreedyPolicy`` for the new `w`.
/// Stop when `||w - w_old|| < tolerance` or after `maxIterations` evaluations.
///
/// The learned `w` is a fixed point of "evaluate with this quadrature rule", so the quadrature error
/// in each integral becomes a bias in `w`: this is the computational effect the paper measures.
public struct PolicyIteration: Sendable {
    /// The system and cost.
    public var system: ControlAffineSystem
    /// The value-function basis.
    public var basis: ValueBasis
    /// The interval length `T`.
    public var intervalLength: Double
    /// The number of intervals per policy evaluation (least-squares rows).
    public var rows: Int
    /// The number of samples `N` per interval, both ends included.
    public var points: Int
    /// How the cost integrals are computed.
    public var integration: CostIntegration
    /// The Bayesian-quadrature settings (used by the Bayesian rules only).
    public var settings: BayesianQuadratureSettings
    /// Stop when `||w - w_old||_2` falls below this (paper: 1e-3).
    public var tolerance: Double
    /// The most policy evaluations.
    public var maxIterations: Int
    /// The trajectory integrator.
    public var solver: ODESolver
    /// Singular values below `rcond * s_max` count as zero in the least-squares solve (the Kronecker
    /// basis has exactly repeated columns, so this is what makes the solution minimum-norm).
    public var rcond: Double

    /// Creates a learner.
    public init(
        system: ControlAffineSystem, basis: ValueBasis, intervalLength: Double, rows: Int, points: Int,
        integration: CostIntegration, settings: BayesianQuadratureSettings = .init(), tolerance: Double = 1e-3,
        maxIterations: Int, solver: ODESolver = ODESolver(), rcond: Double = 1e-10
    ) {
        self.system = system
        self.basis = basis
        self.intervalLength = intervalLength
        self.rows = rows
        self.points = points
        self.integration = integration
        self.settings = settings
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.solver = solver
        self.rcond = rcond
    }

    /// What policy iteration produced.
    public struct Result: Sendable {
        /// The final weights.
        public var weights: [Double]
        /// The number of policy evaluations performed.
        public var iterations: Int
        /// Whether the stopping test `||w - w_old|| < tolerance` was met (rather than the limit).
        public var converged: Bool
        /// The weights after each evaluation.
        public var history: [[Double]]
        /// The state at the end of the trajectory.
        public var finalState: [Double]
    }

    /// Runs policy iteration from `initialWeights` (which define the initial policy) and `initialState`.
    public func run(initialWeights: [Double], initialState: [Double]) throws -> Result {
        let n = system.stateDimension
        precondition(initialWeights.count == basis.count && initialState.count == n, "dimensions do not match")
        let nodes = evenlySpacedNodes(from: 0, to: intervalLength, count: points)
        // Every rule offered is translation invariant, so one set of weights serves every interval.
        let quadratureWeights: [Double]?
        switch integration {
        case .analytical: quadratureWeights = nil
        case .quadrature(let method): quadratureWeights = try method.rule(settings).weights(for: nodes)
        }
        var w = initialWeights
        var history: [[Double]] = []
        var state = initialState
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            let policy = try GreedyPolicy(system: system, basis: basis, weights: w)
            var design = Matrix(rows: rows, columns: basis.count)
            var targets = [Double](repeating: 0, count: rows)
            for row in 0..<rows {
                let samples = try closedLoopSamples(policy: policy, from: state, at: nodes)
                let first = Array(samples[0].prefix(n))
                let last = Array(samples[samples.count - 1].prefix(n))
                if let quadratureWeights {
                    var integral = 0.0
                    for (k, sample) in samples.enumerated() {
                        let x = Array(sample.prefix(n))
                        integral += quadratureWeights[k] * system.runningCost(x, policy.control(at: x))
                    }
                    targets[row] = integral
                } else {
                    targets[row] = samples[samples.count - 1][n] - samples[0][n]
                }
                let phiStart = basis.features(first)
                let phiEnd = basis.features(last)
                for k in 0..<basis.count { design[row, k] = phiStart[k] - phiEnd[k] }
                state = last
            }
            let next = try design.leastSquares(targets, rcond: rcond)
            guard next.allSatisfy(\.isFinite) else { throw PolicyIterationError.diverged(iteration: iterations + 1) }
            iterations += 1
            history.append(next)
            let step = zip(next, w).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            w = next
            if step < tolerance {
                converged = true
                break
            }
        }
        return Result(weights: w, iterations: iterations, converged: converged, history: history, finalState: state)
    }

    /// The augmented state `[x, c]` at `nodes` (offsets from now) under `policy`, with `c' = l(x, u)`.
    private func closedLoopSamples(policy: GreedyPolicy, from x0: [Double], at nodes: [Double]) throws -> [[Double]] {
        let n = system.stateDimension
        let system = self.system
        return try solver.solve(from: 0, initial: x0 + [0], at: nodes) { _, y, dydt in
            let x = Array(y[0..<n])
            let u = policy.control(at: x)
            let f = system.drift(x)
            let g = system.inputMatrix(x)
            for i in 0..<n {
                var v = f[i]
                for j in 0..<system.inputDimension { v += g[i, j] * u[j] }
                dydt[i] = v
            }
            dydt[n] = system.runningCost(x, u)
        }
    }
}

/// Why policy iteration stopped early.
public enum PolicyIterationError: Error, CustomStringConvertible, Equatable {
    /// The weights became infinite or NaN.
    case diverged(iteration: Int)

    /// A sentence.
    public var description: String {
        switch self {
        case .diverged(let iteration): return "policy iteration diverged at evaluation \(iteration) (non-finite weights)"
        }
    }
}
