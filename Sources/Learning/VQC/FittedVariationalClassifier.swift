import FoundationEssentials
import Kernels
import LinearAlgebra
import QKSupport

/// A trained variational classifier: everything needed to predict, and a record of how it was
/// trained. `Codable` as a versioned JSON model file (`"kind": "vqc"`), the same family of files
/// as the other models: feature map, ansatz, readout, classes and `theta` fully determine the
/// predictions.
public struct FittedVariationalClassifier: Sendable, Codable {
    /// How the model was trained (for reports; not needed to predict).
    public struct Training: Sendable, Codable, Hashable {
        /// Optimizer name (`adam`, `spsa`, `bfgs`, `nelder-mead`).
        public var optimizer: String
        /// The loss.
        public var loss: VQCLoss
        /// How gradients were computed.
        public var gradientMethod: VariationalClassifier.GradientMethod
        /// Mini-batch size, if any.
        public var batchSize: Int?
        /// The classifier's seed.
        public var seed: UInt64
        /// Optimizer iterations.
        public var iterations: Int
        /// Objective evaluations (values and gradients).
        public var evaluations: Int
        /// Why the optimizer stopped.
        public var stopReason: String
        /// The loss at each iteration, as the optimizer recorded it.
        public var lossHistory: [Double]
        /// The mean loss over all training points at the final parameters.
        public var finalLoss: Double
        /// The starting parameters.
        public var initialTheta: [Double]

        enum CodingKeys: String, CodingKey {
            case optimizer, loss, seed, iterations, evaluations
            case gradientMethod = "gradient_method", batchSize = "batch_size", stopReason = "stop_reason"
            case lossHistory = "loss_history", finalLoss = "final_loss", initialTheta = "initial_theta"
        }
    }

    /// The file format version this code writes and reads.
    public static let currentVersion = 1

    /// Always `"vqc"`: which kind of model the file holds.
    public var kind: String = "vqc"
    /// The format version.
    public var version: Int = FittedVariationalClassifier.currentVersion
    /// The feature map.
    public var featureMap: FeatureMapSpec
    /// The trained circuit's family and shape.
    public var ansatz: Ansatz
    /// How bitstrings map to classes.
    public var readout: ClassReadout
    /// The class labels, in the order of the readout's class indices.
    public var classes: [Double]
    /// The trained parameters.
    public var theta: [Double]
    /// The training record.
    public var training: Training
    /// Feature preprocessing fitted on the training data, applied before the feature map
    /// (absent in files without preprocessing).
    public var preprocessing: [PreprocessingStep]?

    enum CodingKeys: String, CodingKey {
        case kind, version, ansatz, readout, classes, theta, training, preprocessing
        case featureMap = "feature_map"
    }

    init(
        featureMap: FeatureMapSpec, ansatz: Ansatz, readout: ClassReadout, classes: [Double], theta: [Double],
        training: Training
    ) {
        self.featureMap = featureMap
        self.ansatz = ansatz
        self.readout = readout
        self.classes = classes
        self.theta = theta
        self.training = training
    }

    /// The loss at each training iteration.
    public var lossHistory: [Double] { training.lossHistory }

    /// Class probabilities: row `i` holds `p_c(x_i)` for the classes in `classes` order.
    public func predictProbabilities(_ x: Matrix, parallelism: Parallelism = Parallelism()) throws -> Matrix {
        let model = try circuitModel(parallelism)
        guard x.columns == model.featureMap.featureCount else {
            throw InputError("the model expects \(model.featureMap.featureCount) features, the data have \(x.columns) columns")
        }
        guard x.scalars.allSatisfy(\.isFinite) else { throw InputError("the data contain a value that is not a finite number") }
        let p = try model.batchedProbabilities(x, theta: theta)
            ?? model.probabilities(try model.encodings((0..<x.rows).map { x.row($0) }), theta: theta)
        return Matrix(rows: x.rows, columns: classes.count, scalars: p.flatMap { $0 })
    }

    /// `predictProbabilities` one circuit per point (no batching): the reference the batched
    /// path is tested against.
    func predictProbabilitiesPerCircuit(_ x: Matrix, parallelism: Parallelism = Parallelism()) throws -> Matrix {
        let model = try circuitModel(parallelism)
        let p = try model.probabilities(try model.encodings((0..<x.rows).map { x.row($0) }), theta: theta)
        return Matrix(rows: x.rows, columns: classes.count, scalars: p.flatMap { $0 })
    }

    /// The most probable class of each row (ties go to the earlier class).
    public func predict(_ x: Matrix, parallelism: Parallelism = Parallelism()) throws -> [Double] {
        let p = try predictProbabilities(x, parallelism: parallelism)
        return (0..<p.rows).map { i in
            var best = 0
            for c in 1..<p.columns where p[i, c] > p[i, best] { best = c }
            return classes[best]
        }
    }

    /// The fraction of rows whose predicted class equals `y`.
    public func score(_ x: Matrix, _ y: [Double], parallelism: Parallelism = Parallelism()) throws -> Double {
        guard y.count == x.rows, !y.isEmpty else { throw InputError("\(x.rows) rows but \(y.count) labels") }
        let predicted = try predict(x, parallelism: parallelism)
        return Double(zip(predicted, y).filter { $0 == $1 }.count) / Double(y.count)
    }

    /// Pretty-printed JSON with sorted keys (stable across runs).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a model file's contents, checking kind, version and consistency.
    ///
    /// - Throws: `InputError` naming `file` and what is wrong.
    public static func load(from data: Data, file: String? = nil) throws -> FittedVariationalClassifier {
        let model: FittedVariationalClassifier
        do {
            model = try JSONDecoder().decode(FittedVariationalClassifier.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError("model file: missing '\(path(context.codingPath + [key]))'", file: file)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            throw InputError("model file: at '\(path(context.codingPath))': \(context.debugDescription)", file: file)
        } catch {
            throw InputError("model file: \(error)", file: file)
        }
        guard model.kind == "vqc" else { throw InputError("model file holds a '\(model.kind)' model, not 'vqc'", file: file) }
        guard model.version == currentVersion else {
            throw InputError("model file version \(model.version); this qksim reads version \(currentVersion)", file: file)
        }
        do {
            let map = try model.featureMap.makeFeatureMap()
            try model.ansatz.validate()
            guard map.qubitCount == model.ansatz.qubits else {
                throw InputError("the feature map has \(map.qubitCount) qubits, the ansatz \(model.ansatz.qubits)")
            }
            try model.readout.validate(classes: model.classes.count, qubits: model.ansatz.qubits)
            guard model.theta.count == model.ansatz.parameterCount, model.theta.allSatisfy(\.isFinite) else {
                throw InputError("'theta' has \(model.theta.count) values; the ansatz needs \(model.ansatz.parameterCount) finite values")
            }
            guard Set(model.classes).count == model.classes.count else { throw InputError("'classes' repeats a label") }
        } catch let error as InputError {
            throw InputError("model file: \(error.message)", file: file)
        }
        return model
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private func circuitModel(_ parallelism: Parallelism) throws -> VQCCircuitModel {
        try VQCCircuitModel(
            featureMap: try featureMap.makeFeatureMap(), ansatz: ansatz, readout: readout, classCount: classes.count,
            parallelism: parallelism)
    }
}
