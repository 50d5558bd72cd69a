import FoundationEssentials
import LinearAlgebra
import QKSupport

/// The two benchmark problems of Cao & Pan (ICLR 2024), with their ground truth and error metrics.
public struct IntRLTask: Sendable {
    /// Which problem.
    public enum Kind: String, Sendable, CaseIterable {
        /// Example 1: a third-order linear system with quadratic cost.
        case linear3
        /// Example 2: a two-dimensional control-affine nonlinear system with known optimal value.
        case nonlinear2
    }

    /// Which problem this is.
    public let kind: Kind
    /// Dynamics and cost.
    public let system: ControlAffineSystem
    /// The value-function basis.
    public let basis: ValueBasis
    /// `w_0`, which defines the initial policy.
    public let initialWeights: [Double]
    /// `x_0`.
    public let initialState: [Double]
    /// `T`.
    public let intervalLength: Double
    /// The limit on policy evaluations.
    public let maxIterations: Int
    /// `w*`.
    public let optimalWeights: [Double]
    /// `P*` with `V*(x) = x^T P* x`.
    public let optimalValueMatrix: Matrix
    /// `K*` (linear task only).
    public let optimalGain: Matrix?
    /// The states at which `mean |u - u*|` is measured (nonlinear task only).
    public let policySample: [[Double]]

    /// The number of least-squares rows per evaluation in the authors' scripts: 10 for the
    /// trapezoidal rule (and, here, Simpson and the analytical reference) and 20 for Bayesian
    /// quadrature on the linear task; 20 for everything on the nonlinear task.
    public func rows(for integration: CostIntegration) -> Int {
        switch (kind, integration) {
        case (.linear3, .quadrature(.bayesMatern)): return 20
        case (.linear3, _): return 10
        case (.nonlinear2, _): return 20
        }
    }

    /// `P(w)`: `reshape(w, n, n)` symmetrised (linear task) or `[[w1, w2/2], [w2/2, w3]]` (nonlinear).
    public func valueMatrix(_ w: [Double]) -> Matrix {
        switch kind {
        case .linear3:
            let n = system.stateDimension
            let p = Matrix(rows: n, columns: n, scalars: w)
            return 0.5 * (p + p.transposed)
        case .nonlinear2:
            return Matrix([[w[0], w[1] / 2], [w[1] / 2, w[2]]])
        }
    }

    /// How far `w` (learned in `iterations` evaluations) is from the optimum, by the paper's metrics.
    public func evaluate(weights w: [Double]) throws -> IntRLMetrics {
        let wError = zip(w, optimalWeights).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let traceError = (valueMatrix(w) - optimalValueMatrix).trace
        var kError: Double?
        var uError: Double?
        switch kind {
        case .linear3:
            if let optimalGain {
                let b = system.inputMatrix([Double](repeating: 0, count: system.stateDimension))
                let gain = try system.inputCost.solve(b.transposed * valueMatrix(w))
                kError = (gain - optimalGain).frobeniusNorm
            }
        case .nonlinear2:
            let policy = try GreedyPolicy(system: system, basis: basis, weights: w)
            let optimal = try GreedyPolicy(system: system, basis: basis, weights: optimalWeights)
            var total = 0.0
            for x in policySample { total += abs(policy.control(at: x)[0] - optimal.control(at: x)[0]) }
            uError = total / Double(max(policySample.count, 1))
        }
        return IntRLMetrics(wError: wError, kError: kError, traceError: traceError, uError: uError)
    }

    /// The task `kind`; `seed` draws the states for the policy error (nonlinear task).
    public static func make(_ kind: Kind, seed: UInt64 = 0) throws -> IntRLTask {
        switch kind {
        case .linear3: return try linear3()
        case .nonlinear2: return nonlinear2(seed: seed)
        }
    }

    /// Example 1: `A = [[0,1,0],[0,0,1],[-0.1,-0.5,-0.7]]`, `B = [0,0,1]^T`, `Q = I`, `R = 1`, `K_0 = 0`,
    /// `x_0 = [2,-2,3]`, `T = 0.1`, `phi = x kron x`, at most 120 evaluations. `P*` and `K*` come from
    /// the CARE (``Riccati``).
    public static func linear3() throws -> IntRLTask {
        let a = Matrix([[0, 1, 0], [0, 0, 1], [-0.1, -0.5, -0.7]])
        let b = Matrix([[0], [0], [1]])
        let q = Matrix.identity(3)
        let r = Matrix.identity(1)
        let care = try Riccati.solveContinuous(a: a, b: b, q: q, r: r)
        return IntRLTask(
            kind: .linear3, system: .linear(a: a, b: b, stateCost: q, inputCost: r), basis: .kronecker(stateDimension: 3),
            initialWeights: [Double](repeating: 0, count: 9), initialState: [2, -2, 3], intervalLength: 0.1,
            maxIterations: 120, optimalWeights: care.p.scalars, optimalValueMatrix: care.p, optimalGain: care.gain,
            policySample: [])
    }

    /// Example 2: `x1' = -x1 + x2`, `x2' = -(x1 + x2)/2 + x2 sin^2(x1)/2 + sin(x1) u`, `Q = I`, `R = 1`,
    /// `phi = [x1^2, x1 x2, x2^2]`, `w_0 = [-1, 3, 1.5]`, `x_0 = [1, 1]`, `T = 0.1`, at most 100
    /// evaluations (the authors' BQ script). The optimum is known: `V* = x1^2/2 + x2^2`, so
    /// `w* = [0.5, 0, 1]` and `u* = -sin(x1) x2`. The policy error is averaged over 1000 states drawn
    /// uniformly from `[-1, 1]^2` with `seed`.
    public static func nonlinear2(seed: UInt64 = 0) -> IntRLTask {
        let system = ControlAffineSystem(
            stateDimension: 2, inputDimension: 1,
            drift: { x in
                let s = CMath.sin(x[0])
                return [-x[0] + x[1], -0.5 * (x[0] + x[1]) + 0.5 * x[1] * s * s]
            },
            inputMatrix: { x in Matrix(rows: 2, columns: 1, scalars: [0, CMath.sin(x[0])]) },
            stateCost: .identity(2), inputCost: .identity(1))
        let basis = ValueBasis(
            count: 3, features: { x in [x[0] * x[0], x[0] * x[1], x[1] * x[1]] },
            jacobian: { x in Matrix([[2 * x[0], 0], [x[1], x[0]], [0, 2 * x[1]]]) })
        var generator = SeededGenerator(seed: seed)
        let sample = (0..<1000).map { _ in [2 * generator.uniform() - 1, 2 * generator.uniform() - 1] }
        return IntRLTask(
            kind: .nonlinear2, system: system, basis: basis, initialWeights: [-1, 3, 1.5], initialState: [1, 1],
            intervalLength: 0.1, maxIterations: 100, optimalWeights: [0.5, 0, 1],
            optimalValueMatrix: Matrix([[0.5, 0], [0, 1]]), optimalGain: nil, policySample: sample)
    }

    /// A learner for this task with the given integration and `N` (stopping tolerance: the paper's 1e-3).
    public func learner(
        integration: CostIntegration, points: Int, settings: BayesianQuadratureSettings = .init(), rows: Int? = nil,
        tolerance: Double = 1e-3, solver: ODESolver = ODESolver()
    ) -> PolicyIteration {
        PolicyIteration(
            system: system, basis: basis, intervalLength: intervalLength, rows: rows ?? self.rows(for: integration),
            points: points, integration: integration, settings: settings, tolerance: tolerance,
            maxIterations: maxIterations, solver: solver)
    }
}

/// The paper's error metrics for learned weights.
public struct IntRLMetrics: Sendable, Equatable {
    /// `||w - w*||_2`.
    public var wError: Double
    /// `||K - K*||_F` with `K = R^-1 B^T P(w)` (linear task).
    public var kError: Double?
    /// `tr(P(w) - P*)`, signed and unscaled.
    public var traceError: Double
    /// `mean |u(x) - u*(x)|` over the task's sample of states (nonlinear task).
    public var uError: Double?

    /// Creates metrics.
    public init(wError: Double, kError: Double?, traceError: Double, uError: Double?) {
        self.wError = wError
        self.kError = kError
        self.traceError = traceError
        self.uError = uError
    }
}
