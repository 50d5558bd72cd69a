import CircuitIR
import FoundationEssentials
import Kernels
import LinearAlgebra
import Optimization
import QKSupport
import Simulation

/// Havlicek et al.'s quantum variational classifier (Nature 567, 209, 2019): a data point `x` is
/// encoded by a feature map `U_Phi(x)`, processed by a trainable circuit `W(theta)`, and measured;
/// the class is read from the bitstrings (`ClassReadout`), with class probabilities
/// `p_c(x; theta) = <Phi(x)|W^dagger(theta) Pi_c W(theta)|Phi(x)>`.
///
/// Training minimises the mean loss over the training points (`VQCLoss`) with any optimizer of
/// the `Optimization` target. Gradients are exact: by adjoint differentiation by default (one
/// backward sweep per point whatever the number of parameters), or by the parameter-shift rule
/// (two circuits per trainable gate, the path that also works with shots).
///
/// Hyperparameters live here, learned state in the `FittedVariationalClassifier` that `fit`
/// returns (scikit-learn's split):
///
/// ```swift
/// let vqc = VariationalClassifier(
///     featureMap: .zz(qubits: 2), ansatz: try Ansatz(.havlicek, qubits: 2, reps: 2),
///     optimizer: try BFGS(maxIterations: 100))
/// let model = try vqc.fit(x: trainX, y: trainY)
/// let predicted = try model.predict(testX)
/// ```
public struct VariationalClassifier: Sendable {
    /// How gradients of the loss are computed.
    public enum GradientMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// Adjoint differentiation (exact, about 3-6 forward passes per point).
        case adjoint
        /// The parameter-shift rule (exact, or unbiased with shots; 2 circuits per trainable gate).
        case parameterShift = "parameter_shift"
    }

    /// The feature map `U_Phi(x)`.
    public var featureMap: FeatureMapSpec
    /// The trainable circuit `W(theta)`.
    public var ansatz: Ansatz
    /// The optimizer.
    public var optimizer: any Optimizer
    /// The loss.
    public var loss: VQCLoss
    /// How gradients are computed (for optimizers that use them).
    public var gradientMethod: GradientMethod
    /// How bitstrings map to classes; `nil`: parity for two classes, modulo for more.
    public var readout: ClassReadout?
    /// Points per mini-batch (Adam and SPSA only); `nil`: every point at every iteration.
    public var batchSize: Int?
    /// The starting parameters; `nil`: uniform in `[-initialScale, initialScale)`, seeded.
    public var initialTheta: [Double]?
    /// Half-width of the random initial parameters.
    public var initialScale: Double
    /// Seed of the initial parameters, the mini-batch order and the shots.
    public var seed: UInt64
    /// Threads (over data points for small registers).
    public var parallelism: Parallelism

    /// Creates a classifier (validated by `fit`).
    public init(
        featureMap: FeatureMapSpec, ansatz: Ansatz, optimizer: any Optimizer, loss: VQCLoss = .crossEntropy,
        gradientMethod: GradientMethod = .adjoint, readout: ClassReadout? = nil, batchSize: Int? = nil,
        initialTheta: [Double]? = nil, initialScale: Double = Double.pi, seed: UInt64 = 0,
        parallelism: Parallelism = Parallelism()
    ) {
        self.featureMap = featureMap
        self.ansatz = ansatz
        self.optimizer = optimizer
        self.loss = loss
        self.gradientMethod = gradientMethod
        self.readout = readout
        self.batchSize = batchSize
        self.initialTheta = initialTheta
        self.initialScale = initialScale
        self.seed = seed
        self.parallelism = parallelism
    }

    /// Trains on the rows of `x` with labels `y` (any distinct values; at least two classes).
    /// `callback` sees every optimizer iteration.
    ///
    /// - Throws: `InputError` for data that do not fit the feature map, labels with fewer than
    ///   two classes or more than the readout can tell apart, or inconsistent settings.
    public func fit(
        x: Matrix, y: [Double], callback: ((IterationRecord) -> Void)? = nil
    ) throws -> FittedVariationalClassifier {
        let problem = try TrainingProblem(self, x: x, y: y)
        let result = try optimizer.minimize(problem.objective, from: problem.initialTheta, callback: callback)
        // The loss on all training points, whatever the batching.
        let trainingLoss = try problem.loss(
            theta: result.parameters, points: Array(problem.labels.indices), path: .none, batch: 0
        ).value
        return FittedVariationalClassifier(
            featureMap: featureMap, ansatz: ansatz, readout: problem.readout, classes: problem.classes,
            theta: result.parameters,
            training: .init(
                optimizer: optimizer.name, loss: loss, gradientMethod: gradientMethod, batchSize: batchSize, seed: seed,
                iterations: result.iterations, evaluations: result.evaluations, stopReason: result.stopReason.rawValue,
                lossHistory: result.lossHistory, finalLoss: trainingLoss, initialTheta: problem.initialTheta))
    }

    /// The training objective exactly as `fit` hands it to the optimizer: the mean loss over the
    /// batch `batch` (all points without mini-batches) as a function of `theta`, with its gradient
    /// by `gradientMethod`; and the starting point `fit` would use. For inspecting the loss
    /// landscape and for checking gradients.
    public func objective(x: Matrix, y: [Double]) throws -> (objective: Objective, initialTheta: [Double]) {
        let problem = try TrainingProblem(self, x: x, y: y)
        return (problem.objective, problem.initialTheta)
    }
}
