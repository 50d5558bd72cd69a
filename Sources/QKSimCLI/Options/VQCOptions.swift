import ArgumentParser
import Kernels
import Learning
import Optimization
import QKSupport

/// Options of `train --classifier vqc` (the feature map comes from the kernel options:
/// `--feature-map`, `--reps`, `--entanglement`, `--alpha`, `--paulis`).
struct VQCOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Variational form: havlicek, real_amplitudes, efficient_su2, or an OpenQASM 3 file whose inputs theta0.. are trained.",
        valueName: "name"))
    var ansatz: String = "havlicek"
    @Option(help: "Layers (repetitions) of the variational form.") var layers: Int = 2
    @Option(help: ArgumentHelp("Optimizer: spsa, adam, bfgs, nelder-mead.", valueName: "name")) var optimizer: String = "bfgs"
    @Option(help: "Maximum optimizer iterations.") var maxiter: Int = 100
    @Option(name: .customLong("learning-rate"), help: "Adam's learning rate (SPSA: the gain a, default calibrated).")
    var learningRate: Double?
    @Option(help: ArgumentHelp("Loss: cross-entropy (exact probabilities) or sigmoid (Havlicek's shot-based cost).", valueName: "name"))
    var loss: String = "cross-entropy"
    @Option(name: .customLong("loss-shots"), help: "Shots R of the sigmoid loss.") var lossShots: Int = 2000
    @Option(help: ArgumentHelp("Gradient: adjoint or parameter-shift.", valueName: "name")) var gradient: String = "adjoint"
    @Option(name: .customLong("batch-size"), help: "Mini-batch size (default: all points).") var batchSize: Int?
    @Option(help: ArgumentHelp("Write the loss per iteration as CSV (and an SVG curve beside it).", valueName: "loss.csv"))
    var history: String?

    func validate() throws {
        guard isFile || (Ansatz.Family(rawValue: ansatz).map { $0 != .file } ?? false) else {
            let names = Ansatz.Family.allCases.filter { $0 != .file }.map(\.rawValue)
            throw ValidationError("--ansatz must be one of \(names.joined(separator: ", ")) or a .qasm file; got '\(ansatz)'")
        }
        guard ["spsa", "adam", "bfgs", "nelder-mead"].contains(optimizer) else {
            throw ValidationError("--optimizer must be spsa, adam, bfgs or nelder-mead; got '\(optimizer)'")
        }
        guard ["cross-entropy", "sigmoid"].contains(loss) else { throw ValidationError("--loss must be cross-entropy or sigmoid") }
        guard ["adjoint", "parameter-shift"].contains(gradient) else { throw ValidationError("--gradient must be adjoint or parameter-shift") }
        if layers < 0 { throw ValidationError("--layers must be at least 0") }
        if maxiter < 1 { throw ValidationError("--maxiter must be at least 1") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    }

    /// Whether `--ansatz` names a circuit file.
    var isFile: Bool { ansatz.lowercased().hasSuffix(".qasm") }

    /// A short description for summaries: `havlicek x 2` or the file's name.
    var ansatzDescription: String { isFile ? ansatz : "\(ansatz) x \(layers)" }

    func makeOptimizer(seed: UInt64) throws -> any Optimizer {
        switch optimizer {
        case "spsa": return try SPSA(maxIterations: maxiter, learningRate: learningRate, seed: seed)
        case "adam": return try Adam(learningRate: learningRate ?? 0.1, maxIterations: maxiter)
        case "nelder-mead": return try NelderMead(maxIterations: maxiter)
        default: return try BFGS(maxIterations: maxiter)
        }
    }

    func classifier(featureMap: FeatureMapSpec, entanglement: Entanglement, seed: UInt64, parallelism: Parallelism) throws
        -> VariationalClassifier
    {
        VariationalClassifier(
            featureMap: featureMap,
            ansatz: isFile
                ? try Ansatz(contentsOf: ansatz)
                : try Ansatz(Ansatz.Family(rawValue: ansatz)!, qubits: featureMap.qubits, reps: layers, entanglement: entanglement),
            optimizer: try makeOptimizer(seed: seed), loss: loss == "sigmoid" ? .sigmoid(shots: lossShots) : .crossEntropy,
            gradientMethod: gradient == "parameter-shift" ? .parameterShift : .adjoint, batchSize: batchSize, seed: seed,
            parallelism: parallelism)
    }
}
