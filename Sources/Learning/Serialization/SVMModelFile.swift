import FoundationEssentials
import Kernels
import LinearAlgebra
import QKSupport

/// A trained SVM as a versioned JSON file: everything needed to predict on another machine — the
/// kernel (with resolved parameters), the preprocessing fitted on the training data, the support
/// vectors, their coefficients, the offsets and the classes.
///
///     let file = try SVMModelFile(model: model, kernel: spec.resolved(for: x), svc: svc, preprocessing: steps)
///     try file.write(to: "model.json")
///     let predicted = try SVMModelFile.read("model.json").predict(rawTestFeatures).labels
///
/// Layout (version 1): `format` ("qksim-svm"), `version`, `kernel` (see ``KernelSpec``),
/// `hyperparameters`, `preprocessing` (fitted steps, applied in order to raw features),
/// `featureNames`, `classes`, `trainingCount`, `supportIndices`, `supportVectors` and
/// `coefficients` (matrices as `{rows, columns, scalars}`; coefficients in LIBSVM's `sv_coef`
/// layout), `supportCounts`, `rho`, `probabilityA`/`probabilityB` (when fitted), and the training
/// record `objectives`, `iterations`.
public struct SVMModelFile: Sendable, Codable {
    /// The `format` value of a QKSim SVM model file.
    public static let formatName = "qksim-svm"
    /// The version this build writes; it reads this version and older.
    public static let currentVersion = 1

    /// The hyperparameters the model was trained with (a record; prediction does not need them).
    public struct Hyperparameters: Sendable, Codable, Equatable {
        /// The penalty C.
        public var C: Double
        /// The stopping tolerance.
        public var tolerance: Double
        /// Class weights as `[label, weight]` pairs.
        public var classWeights: [[Double]]
        /// Whether shrinking was used.
        public var shrinking: Bool
        /// Whether probabilities were fitted.
        public var probability: Bool
        /// The seed of the probability cross-validation.
        public var seed: UInt64
    }

    /// Always ``formatName``.
    public var format: String
    /// The file's layout version.
    public var version: Int
    /// The kernel, parameters resolved.
    public var kernel: KernelSpec
    /// Training hyperparameters.
    public var hyperparameters: Hyperparameters
    /// Preprocessing fitted on the training data, applied in order before the kernel.
    public var preprocessing: [PreprocessingStep]
    /// Names of the raw input features, when known.
    public var featureNames: [String]?
    /// Sorted class labels.
    public var classes: [Double]
    /// Number of training points.
    public var trainingCount: Int
    /// Indices of the support vectors in the training data.
    public var supportIndices: [Int]
    /// The support vectors after preprocessing (0 x 0 for a precomputed kernel).
    public var supportVectors: Matrix
    /// Support vectors per class.
    public var supportCounts: [Int]
    /// LIBSVM's `sv_coef`, (k-1) x nSV.
    public var coefficients: Matrix
    /// Offsets per class pair.
    public var rho: [Double]
    /// Platt sigmoid slopes per pair.
    public var probabilityA: [Double]?
    /// Platt sigmoid offsets per pair.
    public var probabilityB: [Double]?
    /// Dual objectives per pair at the solution.
    public var objectives: [Double]
    /// SMO iterations per pair.
    public var iterations: [Int]

    /// Captures a trained model. `kernel` must be the spec the model's kernel was made from, with
    /// gamma rules resolved (``KernelSpec/resolved(for:)``), since the training data is not saved.
    public init(
        model: SVCModel, kernel: KernelSpec, svc: SVC, preprocessing: [PreprocessingStep] = [],
        featureNames: [String]? = nil
    ) throws {
        guard kernel.isResolved else {
            throw InputError(
                "the kernel spec \(kernel.name) still has a gamma rule; resolve it on the training data first")
        }
        switch (kernel, model.kernel) {
        case (.precomputed, .precomputed), (.classical, .kernel), (.fidelity, .kernel), (.projected, .kernel): break
        default: throw InputError("the kernel spec '\(kernel.name)' does not describe the model's kernel")
        }
        format = Self.formatName
        version = Self.currentVersion
        self.kernel = kernel
        hyperparameters = Hyperparameters(
            C: svc.C, tolerance: svc.tolerance, classWeights: svc.classWeights.sorted { $0.key < $1.key }.map { [$0.key, $0.value] },
            shrinking: svc.shrinking, probability: svc.probability, seed: svc.seed)
        self.preprocessing = preprocessing
        self.featureNames = featureNames
        classes = model.classes
        trainingCount = model.trainingCount
        supportIndices = model.supportIndices
        supportVectors = model.supportVectors
        supportCounts = model.supportCounts
        coefficients = model.supportVectorCoefficients
        rho = model.rho
        probabilityA = model.probabilityA
        probabilityB = model.probabilityB
        objectives = model.objectives
        iterations = model.iterations
    }

    /// The model, its kernel rebuilt from the spec.
    public func makeModel() throws -> SVCModel {
        let svcKernel = try kernel.makeSVCKernel(fittedTo: supportVectors)
        return SVCModel(
            kernel: svcKernel, classes: classes, trainingCount: trainingCount, supportIndices: supportIndices,
            supportVectors: supportVectors, supportCounts: supportCounts, supportVectorCoefficients: coefficients,
            rho: rho, objectives: objectives, iterations: iterations,
            reachedIterationLimit: [Bool](repeating: false, count: rho.count), probabilityA: probabilityA,
            probabilityB: probabilityB)
    }

    /// Predicts raw feature rows (before preprocessing; for a precomputed kernel, the M x N test
    /// kernel): labels, scikit-learn-convention decision values, and probabilities when fitted.
    public func predict(_ raw: Matrix) throws -> (labels: [Double], decision: Matrix, probabilities: Matrix?) {
        let model = try makeModel()
        let x = kernel == .precomputed ? raw : try preprocessing.transform(raw)
        let values = try model.decisionValues(x)
        let labels = model.predict(decisionValues: values)
        let probabilities = probabilityA == nil ? nil : try model.predictProbability(x)
        return (labels, classes.count == 2 ? -1 * values : values, probabilities)
    }

    /// The JSON encoding: sorted keys, one top-level field per line (see `jsonBytes()`). Every
    /// number must be finite, as for `JSONEncoder`; a fitted model's always are.
    public func encoded() throws -> Data {
        try Data(jsonBytes())
    }

    /// Writes the JSON file.
    public func write(to path: String) throws {
        do {
            try encoded().write(to: URL(fileURLWithPath: path))
        } catch {
            throw InputError("cannot write the model: \(errorText(error))", file: path)
        }
    }

    /// Reads and checks a model file.
    public static func read(_ path: String) throws -> SVMModelFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the model file (missing or unreadable)", file: path)
        }
        return try decode(data, path: path)
    }

    /// Decodes and checks model JSON; errors name `path` and the offending field.
    public static func decode(_ data: Data, path: String?) throws -> SVMModelFile {
        // Check the format and version first, so an old or foreign file gets a message about that
        // rather than about a missing field.
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw InputError("not a JSON object; expected a QKSim model file", file: path)
        }
        guard header.format == formatName else {
            throw InputError("not a QKSim SVM model (format is \(header.format.map { "'\($0)'" } ?? "missing"))", file: path)
        }
        guard let version = header.version, version >= 1, version <= currentVersion else {
            throw InputError(
                "model file version \(header.version.map(String.init) ?? "missing") is not supported; this QKSim "
                    + "reads versions 1 to \(currentVersion)", file: path)
        }
        let file: SVMModelFile
        do {
            file = try JSONDecoder().decode(SVMModelFile.self, from: data)
        } catch let error as DecodingError {
            throw InputError("invalid model file: \(describe(error))", file: path)
        }
        try file.checkConsistency(path: path)
        return file
    }

    /// Checks that the parts fit together (a hand-edited or truncated file fails here).
    private func checkConsistency(path: String?) throws {
        func fail(_ message: String) -> InputError { InputError("inconsistent model file: \(message)", file: path) }
        let k = classes.count
        let nSV = supportIndices.count
        guard k >= 2, classes == Array(Set(classes)).sorted() else { throw fail("classes must be 2 or more distinct sorted labels") }
        guard supportCounts.count == k, supportCounts.reduce(0, +) == nSV else {
            throw fail("supportCounts must give one count per class, summing to the \(nSV) support indices")
        }
        guard coefficients.rows == k - 1, coefficients.columns == nSV else {
            throw fail("coefficients must be \(k - 1) x \(nSV); found \(coefficients.rows) x \(coefficients.columns)")
        }
        guard rho.count == k * (k - 1) / 2 else { throw fail("rho must have \(k * (k - 1) / 2) entries (one per class pair)") }
        if kernel != .precomputed {
            guard supportVectors.rows == nSV else { throw fail("supportVectors must have \(nSV) rows") }
        }
        guard supportIndices.allSatisfy({ $0 >= 0 && $0 < trainingCount }) else {
            throw fail("support indices must lie in 0..<\(trainingCount)")
        }
        if let a = probabilityA, let b = probabilityB {
            guard a.count == rho.count, b.count == rho.count else { throw fail("probability parameters: one per pair") }
        }
        guard (probabilityA == nil) == (probabilityB == nil) else { throw fail("probabilityA and probabilityB go together") }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "top level" : String(p.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
