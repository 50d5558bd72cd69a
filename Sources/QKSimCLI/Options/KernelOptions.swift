import ArgumentParser
import FoundationEssentials
import Kernels
import QKSupport

/// The one vocabulary of kernel options shared by `kernel`, `train` and `compare`.
struct KernelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "zz, z, pauli, iqp, projected, a feature-map .qasm file, a classical kernel: linear, poly, rbf, laplacian, matern, sigmoid, arccos, ntk, or precomputed (train/predict: --data is the N x N training or M x N test-vs-training kernel matrix).",
        valueName: "name"))
    var kernel: String = "zz"

    @Option(help: "Feature map repetitions.") var reps: Int = 2

    @Option(help: ArgumentHelp("Feature-map entanglement: linear, reverse_linear, circular, full, or groups like 0-1,1-2.", valueName: "pattern"))
    var entanglement: String = "full"

    @Option(help: "Feature-map angle scale (default 2 for Pauli maps, 1 for IQP).") var alpha: Double?

    @Option(help: "Data scale applied before encoding (x -> c x).") var bandwidth: Double = 1

    @Option(help: ArgumentHelp("Pauli words of the pauli map, e.g. Z,YY.", valueName: "words")) var paulis: String?

    @Option(name: .customLong("feature-map"), help: ArgumentHelp("Feature map of the projected kernel (zz, z, pauli, iqp or a .qasm file).", valueName: "name"))
    var featureMap: String = "zz"

    @Option(help: ArgumentHelp("Shots per fidelity-kernel entry (default: exact).", valueName: "M")) var shots: Int?

    @Option(help: ArgumentHelp("Kernel width: a number, or scale / auto (rbf, poly, laplacian, sigmoid; projected: a number).", valueName: "gamma"))
    var gamma: String?

    @Option(help: "Polynomial degree.") var degree: Int?
    @Option(help: "Polynomial / sigmoid offset.") var coef0: Double?
    @Option(help: "Matern smoothness.") var nu: Double?
    @Option(name: .customLong("length-scale"), help: "Matern length scale.") var lengthScale: Double?
    @Option(help: "Arc-cosine order (0, 1, 2).") var order: Int?
    @Option(help: "NTK depth (hidden layers).") var depth: Int?

    /// The kernel names accepted besides a .qasm path.
    static let quantumNames = ["zz", "z", "pauli", "iqp", "projected"]

    func validate() throws {
        if reps < 1 { throw ValidationError("--reps must be at least 1, got \(reps)") }
        if let shots, shots < 1 { throw ValidationError("--shots must be at least 1, got \(shots)") }
        if !(bandwidth > 0) { throw ValidationError("--bandwidth must be positive, got \(bandwidth)") }
        _ = try Entanglement(parsing: entanglement)
    }

    /// The spec of `name` (one entry of `--kernels` for compare, or `--kernel`) for data with `features` columns.
    func spec(named name: String, features: Int, seed: UInt64) throws -> KernelSpec {
        let lower = name.lowercased()
        if lower == "precomputed" { return .precomputed }
        if lower.hasSuffix(".qasm") || lower == "zz" || lower == "z" || lower == "pauli" || lower == "iqp" {
            return .fidelity(try featureMapSpec(name, features: features), shots: shots, seed: seed)
        }
        if lower == "projected" {
            let g = try gamma.map { text -> Double in
                guard let v = Double(text), v > 0 else { throw ValidationError("--gamma for the projected kernel must be a positive number") }
                return v
            } ?? 1
            return .projected(try featureMapSpec(featureMap, features: features), gamma: g)
        }
        guard ClassicalKernelSpec.names.contains(lower) || lower == "polynomial" || lower == "gaussian" else {
            throw ValidationError(
                "unknown kernel '\(name)': expected \((Self.quantumNames + ClassicalKernelSpec.names).joined(separator: ", ")) or a .qasm file")
        }
        let parsedGamma: KernelGamma? = try gamma.map { text in
            switch text.lowercased() {
            case "scale": return .scale
            case "auto": return .auto
            default:
                guard let v = Double(text), v > 0, v.isFinite else {
                    throw ValidationError("--gamma must be a positive number, scale or auto; got '\(text)'")
                }
                return .value(v)
            }
        }
        let spec = try ClassicalKernelSpec(
            name: lower, gamma: parsedGamma, degree: degree, coef0: coef0, nu: nu, lengthScale: lengthScale, order: order,
            depth: depth)
        try spec.validate()
        return .classical(spec)
    }

    /// The feature map `name` (built-in or a .qasm path) for `features` data columns.
    func featureMapSpec(_ name: String, features: Int) throws -> FeatureMapSpec {
        if name.lowercased().hasSuffix(".qasm") {
            guard let data = FileManager.default.contents(atPath: name) else {
                throw ValidationError("cannot read the feature-map file \(name)")
            }
            let spec = try FeatureMapSpec.circuit(
                name: PathText.lastComponent(of: name), source: String(decoding: data, as: UTF8.self), bandwidth: bandwidth)
            let map = try spec.makeFeatureMap()
            guard map.featureCount == features else {
                throw ValidationError("\(name) takes \(map.featureCount) inputs x0..x\(map.featureCount - 1), but the data has \(features) features")
            }
            return spec
        }
        let lower = name.lowercased()
        guard FeatureMapSpec.builtInNames.contains(lower) else {
            throw ValidationError("unknown feature map '\(name)': expected zz, z, pauli, iqp or a .qasm file")
        }
        let words = paulis.map { $0.split(separator: ",").map { String($0).trimmingWhitespaces().uppercased() } }
        if lower == "pauli" && (words ?? []).isEmpty { throw ValidationError("the pauli feature map needs --paulis, e.g. --paulis Z,YY") }
        return FeatureMapSpec(
            map: lower, qubits: features, reps: reps, entanglement: try Entanglement(parsing: entanglement), alpha: alpha,
            bandwidth: bandwidth, paulis: lower == "pauli" ? words : nil)
    }
}
