import Kernels
import QKSupport

/// A feature map as data: enough to rebuild a `Kernels.FeatureMap` and to store it in a model
/// file (the closures of `FeatureMap.Family.circuit` cannot be stored, so only the built-in
/// families are describable).
///
/// JSON form: `{"family": "zz", "qubits": 2, "reps": 2, "entanglement": "full", "alpha": 2}`;
/// `family` is `zz` (`pauli` with words Z, ZZ: Havlicek's map), `z`, `pauli` (with `paulis`, e.g.
/// `["Z", "YY"]`) or `iqp`; `entanglement` is `linear`, `reverse_linear`, `circular`, `full` or
/// explicit groups like `0-1,1-2`.
public struct FeatureMapSpec: Sendable, Hashable, Codable {
    /// `zz`, `z`, `pauli` or `iqp`.
    public var family: String
    /// Number of qubits (= features).
    public var qubits: Int
    /// Repetitions of the encoding block.
    public var reps: Int
    /// Entanglement as text.
    public var entanglement: String
    /// Angle scale (`nil`: the family's default, 2 for Pauli maps, 1 for IQP).
    public var alpha: Double?
    /// Pauli words for the `pauli` family.
    public var paulis: [String]?
    /// Data scale applied before encoding.
    public var bandwidth: Double?

    /// Creates a spec; `featureMap()` validates it.
    public init(
        family: String, qubits: Int, reps: Int = 2, entanglement: String = "full", alpha: Double? = nil,
        paulis: [String]? = nil, bandwidth: Double? = nil
    ) {
        self.family = family
        self.qubits = qubits
        self.reps = reps
        self.entanglement = entanglement
        self.alpha = alpha
        self.paulis = paulis
        self.bandwidth = bandwidth
    }

    /// Havlicek's ZZ map (Qiskit's `ZZFeatureMap`).
    public static func zz(qubits: Int, reps: Int = 2, entanglement: Entanglement = .full, alpha: Double = 2) -> FeatureMapSpec {
        FeatureMapSpec(family: "zz", qubits: qubits, reps: reps, entanglement: entanglement.text, alpha: alpha)
    }

    /// The feature map it describes.
    ///
    /// - Throws: `InputError` naming the field that is wrong.
    public func featureMap() throws -> FeatureMap {
        let kind: FeatureMap.Family
        switch family.lowercased() {
        case "zz": kind = .pauli(["Z", "ZZ"])
        case "z": kind = .pauli(["Z"])
        case "pauli":
            guard let paulis, !paulis.isEmpty else { throw InputError("feature map 'pauli' needs a list of Pauli words in 'paulis'") }
            kind = .pauli(paulis)
        case "iqp": kind = .iqp
        default: throw InputError("feature map family '\(family)': expected zz, z, pauli or iqp")
        }
        do {
            return try FeatureMap(
                kind, qubits: qubits, reps: reps, entanglement: Entanglement(parsing: entanglement), alpha: alpha,
                bandwidth: bandwidth ?? 1)
        } catch let error as KernelError {
            throw InputError("feature map: \(error)")
        }
    }
}

extension Entanglement {
    /// The text `Entanglement(parsing:)` reads back.
    var text: String {
        switch self {
        case .linear: return "linear"
        case .reverseLinear: return "reverse_linear"
        case .circular: return "circular"
        case .full: return "full"
        case .explicit(let groups): return groups.map { $0.map(String.init).joined(separator: "-") }.joined(separator: ",")
        }
    }
}
