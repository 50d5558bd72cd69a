import ArgumentParser
import FoundationEssentials
import Learning
import LinearAlgebra

/// How a command reads its data and prepares the features.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Training data: CSV with a header (label column 'label', else the last), LIBSVM (.libsvm, .svm, .txt) or .npy features.", valueName: "file"))
    var data: String

    @Option(name: .customLong("labels"), help: ArgumentHelp("Labels as .npy, with --data a .npy feature matrix.", valueName: "file.npy"))
    var labelsPath: String?

    @Option(help: ArgumentHelp("Feature scaling fitted on the training data: none, standard, minmax.", valueName: "kind"))
    var scale: String = "none"

    @Option(name: .customLong("range"), help: ArgumentHelp("Range of --scale minmax, e.g. 0,pi.", valueName: "lo,hi"))
    var scaleRange: String = "0,pi"

    @Option(help: ArgumentHelp("Project on this many principal components (after scaling).", valueName: "k"))
    var pca: Int?

    func validate() throws {
        guard ["none", "standard", "minmax"].contains(scale) else {
            throw ValidationError("--scale must be none, standard or minmax; got '\(scale)'")
        }
        _ = try parsedRange()
        if let pca, pca < 1 { throw ValidationError("--pca must be at least 1") }
    }

    func parsedRange() throws -> ClosedRange<Double> {
        let parts = scaleRange.split(separator: ",").map { $0.trimmingWhitespaces().lowercased() }
        func value(_ s: String) -> Double? {
            switch s {
            case "pi": return Double.pi
            case "-pi": return -Double.pi
            case "2pi", "2*pi": return 2 * Double.pi
            default: return Double(s)
            }
        }
        guard parts.count == 2, let lo = value(parts[0]), let hi = value(parts[1]), lo < hi else {
            throw ValidationError("--range must be 'lo,hi' with lo < hi (numbers or pi), got '\(scaleRange)'")
        }
        return lo...hi
    }

    /// Reads a data file by its extension; `minimumClasses` 2 for training, 0 for prediction.
    static func read(_ path: String, labelsPath: String? = nil, minimumClasses: Int, labels: LabelColumn = .automatic) throws -> Dataset {
        let lower = path.lowercased()
        if lower.hasSuffix(".npy") { return try Dataset.readNPY(features: path, labels: labelsPath, minimumClasses: minimumClasses) }
        if lower.hasSuffix(".libsvm") || lower.hasSuffix(".svm") || lower.hasSuffix(".txt") {
            return try Dataset.readLIBSVM(path, minimumClasses: minimumClasses)
        }
        return try Dataset.readCSV(path, labels: labels, minimumClasses: minimumClasses)
    }

    /// The training set.
    func trainingSet() throws -> Dataset { try Self.read(data, labelsPath: labelsPath, minimumClasses: 2) }

    /// Fits the preprocessing steps on training features.
    func fitPreprocessing(_ x: Matrix) throws -> [PreprocessingStep] {
        var steps: [PreprocessingStep] = []
        var current = x
        switch scale {
        case "standard":
            let s = try StandardScaler().fit(current)
            steps.append(.standardize(s))
            current = try s.transform(current)
        case "minmax":
            let s = try MinMaxScaler(range: parsedRange()).fit(current)
            steps.append(.minMax(s))
            current = try s.transform(current)
        default: break
        }
        if let pca {
            let p = try PCA(components: pca).fit(current)
            steps.append(.pca(p))
        }
        return steps
    }
}
