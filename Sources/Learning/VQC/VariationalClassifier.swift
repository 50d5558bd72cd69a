import Foundation
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
        let map = try featureMap.featureMap()
        try ansatz.validate()
        try loss.validate()
        guard x.rows == y.count, x.rows > 0 else {
            throw InputError("the data have \(x.rows) rows but \(y.count) labels (need at least one point)")
        }
        guard x.columns == map.featureCount else {
            throw InputError("the feature map expects \(map.featureCount) features, the data have \(x.columns) columns")
        }
        guard x.scalars.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw InputError("the data contain a value that is not a finite number")
        }
        let classes = Array(Set(y)).sorted()
        guard classes.count >= 2 else { throw InputError("the labels have \(classes.count) class; a classifier needs at least two") }
        let readout = self.readout ?? .defaultFor(classes: classes.count)
        if let batchSize {
            guard batchSize >= 1 else { throw InputError("the batch size must be at least 1, got \(batchSize)") }
            guard optimizer.acceptsStochasticObjective || batchSize >= x.rows else {
                throw InputError("\(optimizer.name) needs the full data at every step; mini-batches work with adam and spsa")
            }
        }
        guard initialScale.isFinite, initialScale >= 0 else { throw InputError("the initial scale must be finite and non-negative") }
        let model = try VQCCircuitModel(
            featureMap: map, ansatz: ansatz, readout: readout, classCount: classes.count, parallelism: parallelism)
        let pCount = ansatz.parameterCount
        var rng = SeededGenerator(seed: seed)
        let theta0: [Double]
        if let initialTheta {
            guard initialTheta.count == pCount, initialTheta.allSatisfy(\.isFinite) else {
                throw InputError("the ansatz has \(pCount) parameters, the initial point \(initialTheta.count) finite values")
            }
            theta0 = initialTheta
        } else {
            theta0 = (0..<pCount).map { _ in (2 * rng.uniform() - 1) * initialScale }
        }

        let rows = (0..<x.rows).map { x.row($0) }
        let encodings = try model.encodings(rows)
        let labels = y.map { classes.firstIndex(of: $0)! }
        let batches = MiniBatches(count: x.rows, size: batchSize, seed: rng.next())
        let shotSeed = rng.next()
        let loss = self.loss
        let path: VQCCircuitModel.GradientPath = gradientMethod == .adjoint ? .adjoint : .parameterShift
        let objective = Objective(
            dimension: pCount,
            batchedValue: { theta, batch in
                try model.loss(
                    encodings, labels: labels, points: batches.points(batch), theta: theta, loss: loss, path: .none,
                    shotSeed: shotSeed, batch: batch
                ).value
            },
            batchedValueAndGradient: { theta, batch in
                try model.loss(
                    encodings, labels: labels, points: batches.points(batch), theta: theta, loss: loss, path: path,
                    shotSeed: shotSeed, batch: batch)
            })
        let result = try optimizer.minimize(objective, from: theta0, callback: callback)
        // The loss on all training points, whatever the batching.
        let trainingLoss = try model.loss(
            encodings, labels: labels, points: Array(0..<x.rows), theta: result.parameters, loss: loss, path: .none,
            shotSeed: shotSeed, batch: 0
        ).value
        return FittedVariationalClassifier(
            featureMap: featureMap, ansatz: ansatz, readout: readout, classes: classes, theta: result.parameters,
            training: .init(
                optimizer: optimizer.name, loss: loss, gradientMethod: gradientMethod, batchSize: batchSize, seed: seed,
                iterations: result.iterations, evaluations: result.evaluations, stopReason: result.stopReason.rawValue,
                lossHistory: result.lossHistory, finalLoss: trainingLoss,
                initialTheta: theta0))
    }
}

/// The order in which mini-batches visit the points: each epoch is a fresh seeded permutation
/// cut into consecutive batches (the last one of an epoch may be smaller).
struct MiniBatches: Sendable {
    let count: Int
    let size: Int?
    let seed: UInt64

    /// The point indices of batch `b` (all points when there are no mini-batches).
    func points(_ b: Int) -> [Int] {
        guard let size, size < count else { return Array(0..<count) }
        let perEpoch = (count + size - 1) / size
        let epoch = b / perEpoch, position = b % perEpoch
        var rng = SeededGenerator(seed: seed).split(UInt64(epoch))
        var order = Array(0..<count)
        // Fisher-Yates with our generator, so the order is the same on every platform.
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return Array(order[(position * size)..<min(count, (position + 1) * size)])
    }
}
