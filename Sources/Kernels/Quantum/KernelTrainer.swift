import LinearAlgebra
import Optimization
import QKSupport

/// Trains a `TrainableFeatureMap` by maximising the centered kernel-target alignment of its
/// fidelity kernel on labelled data (Hubregtsen et al. 2022; Glick et al. 2024).
///
/// The objective handed to the optimizer is `-A_c(K(theta), y)`. Two optimizers: SPSA (two kernel
/// evaluations per step, Spall's gains, step size calibrated so the first step moves each angle
/// by about `firstStep`) and Adam on a central finite-difference gradient (2P kernel evaluations
/// per step for P parameters). Both are seeded and record the alignment at every iteration.
public struct KernelTrainer: Sendable {
    /// The optimiser.
    public enum Method: Sendable, Hashable {
        /// Simultaneous perturbation stochastic approximation.
        case spsa
        /// Adam on central finite differences with this learning rate.
        case adam(learningRate: Double)
    }

    /// The result of training.
    public struct Result: Sendable {
        /// The trained parameters.
        public var theta: [Double]
        /// Centered alignment at the initial parameters.
        public var alignmentBefore: Double
        /// Centered alignment at the trained parameters.
        public var alignmentAfter: Double
        /// Alignment after each iteration.
        public var history: [Double]
    }

    /// The optimiser.
    public var method: Method
    /// Number of iterations.
    public var iterations: Int
    /// Seed for SPSA perturbations (the exact kernel itself is deterministic).
    public var seed: UInt64
    /// SPSA: the size of the first step in each parameter, which calibrates the gain `a`
    /// (Qiskit's 2 pi / 10 overshoots the narrow ridges of alignment landscapes).
    public var firstStep: Double
    /// Threads for simulating points.
    public var parallelism: Parallelism

    /// Creates a trainer.
    public init(
        method: Method = .spsa, iterations: Int = 50, seed: UInt64 = 0, firstStep: Double = 0.3,
        parallelism: Parallelism = Parallelism()
    ) throws {
        guard iterations >= 1 else { throw KernelError.invalidParameter("iterations must be at least 1") }
        guard firstStep > 0 else { throw KernelError.invalidParameter("the first SPSA step must be positive") }
        if case .adam(let lr) = method, !(lr > 0) { throw KernelError.invalidParameter("learning rate must be positive") }
        self.method = method
        self.iterations = iterations
        self.seed = seed
        self.firstStep = firstStep
        self.parallelism = parallelism
    }

    /// Maximises the centered alignment over `theta`, starting from `initial`.
    public func fit(_ map: TrainableFeatureMap, data x: Matrix, labels: [Double], initial: [Double]) throws -> Result {
        guard Set(labels).count == 2 else {
            throw KernelError.invalidParameter("kernel training needs exactly two classes, found \(Set(labels).count)")
        }
        let parallelism = self.parallelism
        let alignment = { (theta: [Double]) throws -> Double in
            let k = try FidelityKernel(featureMap: map.featureMap(theta: theta), parallelism: parallelism).gram(x)
            return try KernelDiagnostics.alignment(k, labels: labels, centered: true)
        }
        var objective = Objective(dimension: initial.count) { theta in -(try alignment(theta)) }
        let optimizer: any Optimizer
        switch method {
        case .spsa:
            optimizer = try SPSA(maxIterations: iterations, targetStep: firstStep, seed: seed)
        case .adam(let lr):
            optimizer = try Adam(learningRate: lr, maxIterations: iterations)
            objective = objective.withFiniteDifferenceGradient(step: 1e-4)
        }
        let before = try alignment(initial)
        let result = try optimizer.minimize(objective, from: initial)
        let history = result.history.map { -$0.loss }
        return Result(theta: result.parameters, alignmentBefore: before, alignmentAfter: try alignment(result.parameters), history: history)
    }
}
