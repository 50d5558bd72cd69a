import CircuitIR
import Numerics

/// A quantum feature map: a family of circuits `U(x)` with data-bound angles, whose states
/// `|phi(x)> = U(x)|0>` define the quantum kernels.
///
/// Built-in families follow the conventions users know:
/// - `.pauli(words)` is Qiskit's `PauliFeatureMap`: per repetition a Hadamard layer, then for each
///   word and each qubit group of the entanglement, `exp(i alpha phi_S(x) P_S)` implemented as
///   Qiskit does (basis change, CX ladder, `P(alpha phi_S)`, inverse), with
///   `phi_i = x_i` and `phi_S = prod_{j in S} (pi - x_j)`;
///   `.zz` is `pauli(["Z", "ZZ"])` (Havlicek's map, Qiskit's `ZZFeatureMap`), `.z` is `pauli(["Z"])`.
/// - `.iqp` is PennyLane's `IQPEmbedding`: per repetition H, `RZ(alpha x_i)` on each qubit, then
///   `MultiRZ(alpha x_i x_j)` on each pair of the entanglement (default full).
/// - `.circuit` is any circuit family given in code (a QASM file with inputs `x0..x{d-1}` is one).
///
/// `bandwidth` scales the data first (`x -> bandwidth * x`), the knob that keeps kernel values from
/// concentrating as qubits grow (Shaydulin & Wild 2022).
public struct FeatureMap: Sendable {
    /// The circuit family.
    public enum Family: Sendable {
        /// Qiskit's PauliFeatureMap with these Pauli words (e.g. `["Z", "YY"]`).
        case pauli([String])
        /// PennyLane's IQPEmbedding.
        case iqp
        /// A circuit built in code for a data point with `features` entries.
        case circuit(features: Int, qubits: Int, name: String, build: @Sendable ([Double]) throws -> Circuit)
    }

    /// The circuit family.
    public var family: Family
    /// Number of qubits (equal to the number of features for the built-in families).
    public var qubitCount: Int
    /// Repetitions of the encoding block.
    public var reps: Int
    /// Qubit groups for multi-qubit terms.
    public var entanglement: Entanglement
    /// Angle scale (Qiskit's `alpha`; default 2 for Pauli maps, 1 for IQP).
    public var alpha: Double
    /// Data scale applied before encoding.
    public var bandwidth: Double
    /// The parsed file of a `circuitFile` map, which `batchTemplate()` expands once symbolically.
    var circuitFileProgram: QASMProgram?

    /// Havlicek's ZZ map (Qiskit's `ZZFeatureMap`; Qiskit's default entanglement is `full`).
    public static func zz(features: Int, reps: Int = 2, entanglement: Entanglement = .full, alpha: Double = 2) throws -> FeatureMap {
        try FeatureMap(.pauli(["Z", "ZZ"]), qubits: features, reps: reps, entanglement: entanglement, alpha: alpha)
    }

    /// Creates a feature map, validating its parameters.
    public init(
        _ family: Family, qubits: Int, reps: Int = 2, entanglement: Entanglement = .full, alpha: Double? = nil,
        bandwidth: Double = 1
    ) throws {
        guard reps >= 1 else { throw KernelError.invalidParameter("reps must be at least 1, got \(reps)") }
        guard alpha?.isFinite ?? true, bandwidth.isFinite, bandwidth > 0 else {
            throw KernelError.invalidParameter("alpha must be finite and bandwidth positive")
        }
        switch family {
        case .pauli(let words):
            guard !words.isEmpty else { throw KernelError.invalidParameter("a Pauli feature map needs at least one word") }
            for w in words where w.isEmpty || !w.allSatisfy({ "IXYZ".contains($0) }) {
                throw KernelError.invalidParameter("Pauli word '\(w)': expected letters I, X, Y, Z")
            }
        case .circuit(_, let q, _, _):
            guard q == qubits else { throw KernelError.invalidParameter("the circuit family has \(q) qubits, not \(qubits)") }
        case .iqp: break
        }
        guard qubits >= 1 && qubits <= 30 else { throw KernelError.invalidParameter("a feature map needs 1 to 30 qubits, got \(qubits)") }
        self.family = family
        self.qubitCount = qubits
        self.reps = reps
        self.entanglement = entanglement
        if let alpha {
            self.alpha = alpha
        } else if case .iqp = family {
            self.alpha = 1
        } else {
            self.alpha = 2
        }
        self.bandwidth = bandwidth
    }

    /// Number of features a data point must have.
    public var featureCount: Int {
        if case .circuit(let d, _, _, _) = family { return d }
        return qubitCount
    }

    /// A short description: `zz(reps=2, entanglement=full, alpha=2)`.
    public var name: String {
        switch family {
        case .pauli(let w) where w == ["Z", "ZZ"]: return "zz"
        case .pauli(let w) where w == ["Z"]: return "z"
        case .pauli(let w): return "pauli[\(w.joined(separator: ","))]"
        case .iqp: return "iqp"
        case .circuit(_, _, let name, _): return name
        }
    }

    /// The circuit `U(x)` for one data point.
    public func circuit(for x: [Double]) throws -> Circuit {
        guard x.count == featureCount else {
            throw KernelError.shapeMismatch("\(name) expects \(featureCount) features, the data point has \(x.count)")
        }
        let x = bandwidth == 1 ? x : x.map { $0 * bandwidth }
        switch family {
        case .pauli(let words): return try pauliCircuit(words: words, x: x)
        case .iqp: return try iqpCircuit(x: x)
        case .circuit(_, _, _, let build): return try build(x)
        }
    }

    /// Largest register for which a repetition's Z-word evolutions become one diagonal over all
    /// qubits (a 2^n table, 256 KiB at 14 qubits); larger maps keep per-term diagonals, which
    /// `DiagonalFusion` packs into tables of at most 12 qubits.
    static let wholeRegisterDiagonalLimit = 14

    private func pauliCircuit(words: [String], x: [Double]) throws -> Circuit {
        let n = qubitCount
        var c = Circuit(qubitCount: n)
        if n <= Self.wholeRegisterDiagonalLimit && words.allSatisfy({ $0.allSatisfy { $0 == "Z" || $0 == "I" } }) {
            let diagonal = Operation(.diagonal(try zPhaseTable(words: words, x: x)), qubits: Array(0..<n), name: "zz-phase-layer")
            for _ in 0..<reps {
                for q in 0..<n { c.append(Operation(.unitary(FeatureMapGates.h), qubits: [q], name: "h")) }
                c.append(diagonal)
            }
            return c
        }
        for _ in 0..<reps {
            for q in 0..<n { c.append(Operation(.unitary(FeatureMapGates.h), qubits: [q], name: "h")) }
            for word in words {
                for group in try entanglement.groups(qubitCount: n, size: word.count) {
                    // The rightmost letter acts on the group's first qubit (Qiskit's label order).
                    let letters = Array(word.reversed())
                    let active = group.indices.filter { letters[$0] != "I" }
                    if active.isEmpty { continue }
                    let phi = group.count == 1 ? x[group[0]] : group.reduce(1.0) { $0 * (Double.pi - x[$1]) }
                    for j in active where letters[j] != "Z" {
                        c.append(Operation(.unitary(letters[j] == "X" ? FeatureMapGates.h : FeatureMapGates.rxHalfPi), qubits: [group[j]], name: "basis"))
                    }
                    // CX ladder, P(alpha phi), inverse ladder == phase e^{i alpha phi} on odd parity.
                    let qubits = active.map { group[$0] }
                    let theta = alpha * phi
                    let table = (0..<(1 << qubits.count)).map { l in l.nonzeroBitCount % 2 == 1 ? Complex(length: 1, phase: theta) : .one }
                    c.append(Operation(.diagonal(table), qubits: qubits, name: "pauli-evolution"))
                    for j in active where letters[j] != "Z" {
                        c.append(Operation(.unitary(letters[j] == "X" ? FeatureMapGates.h : FeatureMapGates.rxHalfPi.adjoint), qubits: [group[j]], name: "basis"))
                    }
                }
            }
        }
        return c
    }

    /// The diagonal `exp(i sum_t theta_t parity(l & m_t))` of all Z-word terms `(m_t, theta_t)`
    /// of one repetition, in O(n 2^n): with `chi_m(l) = (-1)^{|l & m|}`, `parity = (1 - chi)/2`,
    /// so the phase is `(sum_t theta_t - W(l))/2` where `W` is the Walsh-Hadamard transform of the
    /// spectrum that holds `theta_t` at index `m_t`.
    private func zPhaseTable(words: [String], x: [Double]) throws -> [Complex<Double>] {
        let n = qubitCount
        var spectrum = [Double](repeating: 0, count: 1 << n)
        var total = 0.0
        for word in words {
            for group in try entanglement.groups(qubitCount: n, size: word.count) {
                let letters = Array(word.reversed())
                var mask = 0
                for (j, q) in group.enumerated() where letters[j] == "Z" { mask |= 1 << q }
                if mask == 0 { continue }
                let phi = group.count == 1 ? x[group[0]] : group.reduce(1.0) { $0 * (Double.pi - x[$1]) }
                spectrum[mask] += alpha * phi
                total += alpha * phi
            }
        }
        var half = 1
        while half < spectrum.count {
            for block in stride(from: 0, to: spectrum.count, by: 2 * half) {
                for i in block..<(block + half) {
                    let a = spectrum[i], b = spectrum[i + half]
                    spectrum[i] = a + b
                    spectrum[i + half] = a - b
                }
            }
            half *= 2
        }
        return spectrum.map { Complex(length: 1, phase: (total - $0) / 2) }
    }

    private func iqpCircuit(x: [Double]) throws -> Circuit {
        let n = qubitCount
        var c = Circuit(qubitCount: n)
        func rz(_ theta: Double) -> [Complex<Double>] { [Complex(length: 1, phase: -theta / 2), Complex(length: 1, phase: theta / 2)] }
        for _ in 0..<reps {
            for q in 0..<n { c.append(Operation(.unitary(FeatureMapGates.h), qubits: [q], name: "h")) }
            for q in 0..<n { c.append(Operation(.diagonal(rz(alpha * x[q])), qubits: [q], name: "rz")) }
            for pair in try entanglement.groups(qubitCount: n, size: 2) {
                let theta = alpha * x[pair[0]] * x[pair[1]]
                let d = (0..<4).map { l in Complex<Double>(length: 1, phase: (l.nonzeroBitCount % 2 == 1 ? 1 : -1) * theta / 2) }
                c.append(Operation(.diagonal(d), qubits: pair, name: "multirz"))
            }
        }
        return c
    }
}

/// The few fixed gates the built-in maps use for basis changes.
enum FeatureMapGates {
    static let h: GateMatrix = {
        let s = Complex<Double>(0.5.squareRoot())
        return GateMatrix(s, s, s, -s)
    }()
    /// RX(pi/2) = exp(-i pi/4 X), Qiskit's basis change into Y.
    static let rxHalfPi: GateMatrix = {
        let c = Complex<Double>(0.5.squareRoot()), s = Complex<Double>(0, -0.5.squareRoot())
        return GateMatrix(c, s, s, c)
    }()
}
