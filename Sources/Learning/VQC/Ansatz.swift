import CircuitIR
import Kernels
import Numerics
import QKSupport
import Simulation

/// The trainable circuit `W(theta)` of a variational classifier, in three families that match
/// Qiskit's definitions gate for gate and parameter for parameter (checked against Qiskit 2.6
/// statevectors in the tests).
///
/// All three are "two-local" circuits: `reps + 1` rotation layers with an entangling layer between
/// consecutive ones (`reps` entangling layers; with `reps = 0` only one rotation layer). A rotation
/// layer applies each of its rotation gates to every qubit in turn, and parameters are numbered in
/// that order: layer by layer, gate by gate, qubit by qubit.
///
/// - `havlicek`: Havlicek et al. (Nature 567, 209, 2019), Eq. (4) and Fig. 2: `W(theta) =
///   U_loc^(l)(theta_l) U_ent ... U_loc^(1)(theta_1) U_ent U_loc^(0)(theta_0)` with
///   `U_loc^(t) = prod_m RZ(theta^z_{m,t}) RY(theta^y_{m,t})` (the paper writes
///   `exp(i theta^z/2 Z) exp(i theta^y/2 Y)`; the sign of a free angle does not change the model)
///   and `U_ent = prod_{(i,j) in E} CZ(i, j)`. Depth `l = reps`. Qiskit:
///   `n_local(n, ["ry", "rz"], "cz", entanglement, reps)`; `2 n (reps + 1)` parameters.
/// - `realAmplitudes`: Qiskit's `real_amplitudes(n, entanglement, reps)`: RY layers, CX entanglers
///   (real amplitudes only); `n (reps + 1)` parameters. Qiskit's default entanglement is
///   `reverse_linear`.
/// - `efficientSU2`: Qiskit's `efficient_su2(n, ["ry", "rz"], entanglement, reps)`: RY then RZ
///   layers, CX entanglers; `2 n (reps + 1)` parameters.
///
/// Entanglement pairs are the `Entanglement` groups of size 2 (Qiskit's `get_entangler_map`:
/// `linear` (0,1),(1,2),...; `reverse_linear` the reverse; `circular` (n-1,0) then linear; `full`
/// all i < j), control first for CX.
public struct Ansatz: Sendable, Hashable, Codable {
    /// The family.
    public enum Family: String, Sendable, Hashable, Codable, CaseIterable {
        /// Havlicek's W(theta): RY, RZ layers with CZ entanglers.
        case havlicek
        /// Qiskit's RealAmplitudes: RY layers with CX entanglers.
        case realAmplitudes = "real_amplitudes"
        /// Qiskit's EfficientSU2: RY, RZ layers with CX entanglers.
        case efficientSU2 = "efficient_su2"
        /// An OpenQASM 3 file whose `input float[64] theta0 ... theta{P-1}` are the parameters
        /// (see `AnsatzFile`; create with `Ansatz(file:source:)`).
        case file
    }

    /// The family.
    public var family: Family
    /// Number of qubits.
    public var qubits: Int
    /// Number of entangling layers (Havlicek's depth `l`).
    public var reps: Int
    /// Which pairs the entangling layers couple, as `Entanglement` text (`linear`, `full`, ...).
    public var entanglement: String
    /// The circuit file, for `family == .file` (`nil` otherwise).
    public var file: AnsatzFile?

    /// Creates an ansatz, validating the settings.
    ///
    /// - Throws: `InputError` for fewer than 1 qubit, negative reps or bad entanglement.
    public init(_ family: Family, qubits: Int, reps: Int, entanglement: Entanglement = .full) throws {
        self.family = family
        self.qubits = qubits
        self.reps = reps
        self.entanglement = entanglement.description
        try validate()
    }

    /// Checks the settings (also used after decoding).
    public func validate() throws {
        if family == .file || file != nil {
            guard family == .file else { throw InputError("an ansatz of family '\(family.rawValue)' cannot carry a circuit file") }
            guard let file else {
                throw InputError("a 'file' ansatz needs an OpenQASM 3 file whose inputs theta0, theta1, ... are its parameters (give its path)")
            }
            let program = try file.parse()
            guard program.qubitCount == qubits else {
                throw InputError("the ansatz file declares \(program.qubitCount) qubits, the model says \(qubits)", file: file.name)
            }
        }
        guard (1...30).contains(qubits) else { throw InputError("the ansatz needs 1 to 30 qubits, got \(qubits)") }
        guard (0...1000).contains(reps) else { throw InputError("ansatz reps (layers) must be 0 to 1000, got \(reps)") }
        _ = try pairs()
    }

    /// The rotation axes of one layer, in order.
    var rotations: [ParameterizedCircuit.Axis] {
        switch family {
        case .realAmplitudes: return [.y]
        case .havlicek, .efficientSU2: return [.y, .z]
        case .file: return []
        }
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { file?.parameterCount ?? (reps + 1) * rotations.count * qubits }

    /// The entangling pairs of one layer.
    func pairs() throws -> [[Int]] {
        let e: Entanglement
        do { e = try Entanglement(parsing: entanglement) } catch { throw InputError("ansatz entanglement: \(error)") }
        do { return try e.groups(qubitCount: qubits, size: 2) } catch { throw InputError("ansatz entanglement: \(error)") }
    }

    /// Appends `W(theta)` to `circuit`, whose parameters `offset ..< offset + parameterCount` it uses.
    public func append(to circuit: inout ParameterizedCircuit, parameterOffset offset: Int = 0) throws {
        guard circuit.qubitCount == qubits else {
            throw InputError("the ansatz has \(qubits) qubits, the circuit \(circuit.qubitCount)")
        }
        guard family != .file else {
            throw InputError("a circuit-file ansatz is rebuilt at each theta: use circuit(at:)")
        }
        let pairs = try pairs()
        var p = offset
        for layer in 0...reps {
            if layer > 0 {
                for pair in pairs { try circuit.append(entangler(pair)) }
            }
            for axis in rotations {
                for q in 0..<qubits {
                    try circuit.appendRotation(axis, on: [q], parameter: p)
                    p += 1
                }
            }
        }
    }

    /// `W(theta)` alone, as a parameterised circuit.
    public func circuit() throws -> ParameterizedCircuit {
        var c = try ParameterizedCircuit(qubitCount: qubits, parameterCount: parameterCount)
        try append(to: &c)
        return c
    }

    private func entangler(_ pair: [Int]) -> Operation {
        switch family {
        case .havlicek:
            return Operation(.diagonal([.one, .one, .one, Complex(-1)]), qubits: pair, name: "cz")
        case .realAmplitudes, .efficientSU2, .file:
            return Operation(
                .unitary(GateMatrix(.zero, .one, .one, .zero)), qubits: [pair[1]], controls: [Control(qubit: pair[0])],
                name: "cx")
        }
    }
}
