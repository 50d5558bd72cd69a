import LinearAlgebra

/// A feature map named by its parameters, as a command line or a saved model gives it.
///
/// JSON: `{"map": "zz", "qubits": 2, "reps": 2, "entanglement": "linear", "alpha": 2, "bandwidth": 1}`;
/// `"map": "pauli"` adds `"paulis": ["Z", "YY"]`; a circuit-file map is
/// `{"map": "circuit", "name": "fm.qasm", "source": "OPENQASM 3.0; ..."}` (the whole file is kept, so
/// a model predicts on another machine without it).
public struct FeatureMapSpec: Sendable, Hashable, Codable {
    /// `zz`, `z`, `pauli`, `iqp` or `circuit`.
    public var map: String
    /// Number of qubits (= features for the built-in maps).
    public var qubits: Int
    /// Repetitions.
    public var reps: Int
    /// Entanglement of multi-qubit terms.
    public var entanglement: Entanglement
    /// Angle scale; nil for the family's default (2 for Pauli maps, 1 for IQP).
    public var alpha: Double?
    /// Data scale.
    public var bandwidth: Double
    /// Pauli words for `pauli`.
    public var paulis: [String]?
    /// For `circuit`: the file's name and its full text.
    public var name: String?
    /// The circuit file's text.
    public var source: String?

    /// Creates a spec for a built-in map.
    public init(
        map: String, qubits: Int, reps: Int = 2, entanglement: Entanglement = .full, alpha: Double? = nil,
        bandwidth: Double = 1, paulis: [String]? = nil
    ) {
        self.map = map
        self.qubits = qubits
        self.reps = reps
        self.entanglement = entanglement
        self.alpha = alpha
        self.bandwidth = bandwidth
        self.paulis = paulis
    }

    /// Havlicek's ZZ map (Qiskit's `ZZFeatureMap`).
    public static func zz(qubits: Int, reps: Int = 2, entanglement: Entanglement = .full, alpha: Double = 2) -> FeatureMapSpec {
        FeatureMapSpec(map: "zz", qubits: qubits, reps: reps, entanglement: entanglement, alpha: alpha)
    }

    /// The built-in map names.
    public static let builtInNames = ["zz", "z", "pauli", "iqp"]

    /// A spec for a circuit file: its name and full text are kept.
    public static func circuit(name: String, source: String, bandwidth: Double = 1) throws -> FeatureMapSpec {
        let map = try FeatureMap.circuitFile(name: name, source: source, bandwidth: bandwidth)
        var spec = FeatureMapSpec(map: "circuit", qubits: map.qubitCount, reps: 1, bandwidth: bandwidth)
        spec.name = name
        spec.source = source
        return spec
    }

    /// Builds the feature map.
    public func makeFeatureMap() throws -> FeatureMap {
        switch map {
        case "zz": return try FeatureMap(.pauli(["Z", "ZZ"]), qubits: qubits, reps: reps, entanglement: entanglement, alpha: alpha, bandwidth: bandwidth)
        case "z": return try FeatureMap(.pauli(["Z"]), qubits: qubits, reps: reps, entanglement: entanglement, alpha: alpha, bandwidth: bandwidth)
        case "pauli":
            guard let paulis, !paulis.isEmpty else { throw KernelError.invalidParameter("the pauli feature map needs --paulis, e.g. Z,YY") }
            return try FeatureMap(.pauli(paulis), qubits: qubits, reps: reps, entanglement: entanglement, alpha: alpha, bandwidth: bandwidth)
        case "iqp": return try FeatureMap(.iqp, qubits: qubits, reps: reps, entanglement: entanglement, alpha: alpha, bandwidth: bandwidth)
        case "circuit":
            guard let name, let source else { throw KernelError.invalidParameter("a circuit feature map needs its file's text") }
            return try FeatureMap.circuitFile(name: name, source: source, bandwidth: bandwidth)
        default:
            throw KernelError.invalidParameter("unknown feature map '\(map)': expected zz, z, pauli, iqp or a .qasm file")
        }
    }
}

extension FeatureMapSpec {
    private enum Key: String, CodingKey { case map, qubits, reps, entanglement, alpha, bandwidth, paulis, name, source }

    /// Reads the JSON form; `reps` (2), `entanglement` (full) and `bandwidth` (1) may be omitted.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            map: try c.decode(String.self, forKey: .map), qubits: try c.decode(Int.self, forKey: .qubits),
            reps: try c.decodeIfPresent(Int.self, forKey: .reps) ?? 2,
            entanglement: try c.decodeIfPresent(Entanglement.self, forKey: .entanglement) ?? .full,
            alpha: try c.decodeIfPresent(Double.self, forKey: .alpha),
            bandwidth: try c.decodeIfPresent(Double.self, forKey: .bandwidth) ?? 1,
            paulis: try c.decodeIfPresent([String].self, forKey: .paulis))
        name = try c.decodeIfPresent(String.self, forKey: .name)
        source = try c.decodeIfPresent(String.self, forKey: .source)
    }
}
