import CircuitIR
import Numerics

/// A circuit whose trainable parameters `theta` enter through Pauli rotations
/// `R_P(phi) = exp(-i phi/2 P)`, with each angle an affine function of `theta`:
/// `phi = constant + sum_j coefficient_j theta_{p_j}`.
///
/// This is the form the adjoint and parameter-shift rules need: `dR_P/dphi = -i/2 P R_P`, and the
/// chain rule through the affine angle gives `d/dtheta_p`. A parameter may appear in many gates
/// and be scaled (`theta_0 * 2.5`); a gate may mix several parameters. Everything else is a fixed
/// IR `Operation` (any unitary: a feature map, CX, CZ, ...). `circuit(theta:)` produces the plain
/// IR `Circuit` for given parameters, for the simulator, for QASM output or for a kernel.
///
/// Qubit order and matrix conventions are the IR's (Qiskit's): `RZ(phi) = diag(e^{-i phi/2},
/// e^{i phi/2})`, `RZZ(phi) = exp(-i phi/2 Z Z)`, as Qiskit's `RZGate`, `RZZGate`, ...
public struct ParameterizedCircuit: Sendable, Hashable {
    /// The Pauli generator `P` of a rotation `exp(-i phi/2 P)`.
    public enum Axis: String, Sendable, Hashable, CaseIterable, Codable {
        /// `RX`.
        case x
        /// `RY`.
        case y
        /// `RZ`.
        case z
        /// `RXX` on two qubits.
        case xx
        /// `RYY` on two qubits.
        case yy
        /// `RZZ` on two qubits.
        case zz

        /// Number of qubits the generator acts on.
        public var qubitCount: Int { rawValue.count }
    }

    /// One term `coefficient * theta[parameter]` of an angle.
    public struct Term: Sendable, Hashable {
        /// Index into `theta`.
        public var parameter: Int
        /// The factor multiplying it.
        public var coefficient: Double

        /// Creates a term.
        public init(parameter: Int, coefficient: Double = 1) {
            self.parameter = parameter
            self.coefficient = coefficient
        }
    }

    /// A rotation `exp(-i phi/2 P)` with `phi = constant + sum(terms)`.
    public struct Rotation: Sendable, Hashable {
        /// The generator.
        public var axis: Axis
        /// The qubits it acts on (one or two, matching `axis`).
        public var qubits: [Int]
        /// The angle's constant part.
        public var constant: Double
        /// The angle's parameter-dependent part.
        public var terms: [Term]

        /// The angle at `theta`.
        public func angle(_ theta: [Double]) -> Double {
            terms.reduce(constant) { $0 + $1.coefficient * theta[$1.parameter] }
        }
    }

    /// A step of the circuit.
    public enum Gate: Sendable, Hashable {
        /// A fixed unitary operation.
        case fixed(Operation)
        /// A rotation whose angle may depend on `theta`.
        case rotation(Rotation)
    }

    /// Number of qubits.
    public let qubitCount: Int
    /// Number of trainable parameters (`theta.count`).
    public let parameterCount: Int
    /// The gates in the order they are applied.
    public private(set) var gates: [Gate] = []

    /// An empty circuit on `qubitCount` qubits with `parameterCount` parameters.
    public init(qubitCount: Int, parameterCount: Int) throws {
        guard qubitCount >= 1, parameterCount >= 0 else {
            throw SimulationError.unsupported(
                "a parameterised circuit needs at least one qubit and a non-negative parameter count")
        }
        self.qubitCount = qubitCount
        self.parameterCount = parameterCount
    }

    /// Appends a fixed operation, which must be an unconditioned unitary on the register.
    public mutating func append(_ op: Operation) throws {
        guard op.isUnitary, op.condition == nil else {
            throw SimulationError.unsupported("\(op.name): a parameterised circuit holds only unconditioned unitaries")
        }
        try checkQubits(op.allQubits, op.name)
        gates.append(.fixed(op))
    }

    /// Appends every operation of `circuit` (barriers are dropped).
    public mutating func append(contentsOf circuit: Circuit) throws {
        guard circuit.qubitCount == qubitCount else {
            throw SimulationError.unsupported("the circuit has \(circuit.qubitCount) qubits, not \(qubitCount)")
        }
        for op in circuit.operations {
            if case .barrier = op.kind { continue }
            try append(op)
        }
    }

    /// Appends `exp(-i phi/2 P)` with `phi = constant + sum(terms)`.
    public mutating func appendRotation(_ axis: Axis, on qubits: [Int], terms: [Term], constant: Double = 0) throws {
        guard qubits.count == axis.qubitCount else {
            throw SimulationError.unsupported("r\(axis.rawValue) acts on \(axis.qubitCount) qubit(s), got \(qubits)")
        }
        try checkQubits(qubits, "r\(axis.rawValue)")
        for t in terms where !(0..<parameterCount).contains(t.parameter) || !t.coefficient.isFinite {
            throw SimulationError.unsupported(
                "r\(axis.rawValue): parameter \(t.parameter) (coefficient \(t.coefficient)) is not one of theta[0..<\(parameterCount)]")
        }
        guard constant.isFinite else { throw SimulationError.unsupported("r\(axis.rawValue): the angle is not finite") }
        gates.append(.rotation(Rotation(axis: axis, qubits: qubits, constant: constant, terms: terms)))
    }

    /// Appends `exp(-i (scale theta[parameter]) / 2 P)`, the common case.
    public mutating func appendRotation(_ axis: Axis, on qubits: [Int], parameter: Int, scale: Double = 1) throws {
        try appendRotation(axis, on: qubits, terms: [Term(parameter: parameter, coefficient: scale)])
    }

    /// Indices of the gates whose angle depends on `theta`.
    public var trainableGateIndices: [Int] {
        gates.indices.filter { if case .rotation(let r) = gates[$0], !r.terms.isEmpty { true } else { false } }
    }

    /// The IR circuit at parameters `theta`.
    public func circuit(theta: [Double]) throws -> Circuit {
        try checkTheta(theta)
        var c = Circuit(qubitCount: qubitCount)
        for gate in gates {
            switch gate {
            case .fixed(let op): c.append(op)
            case .rotation(let r): c.append(Self.operation(r.axis, r.qubits, angle: r.angle(theta)))
            }
        }
        return c
    }

    /// Checks that `theta` has one finite value per parameter.
    public func checkTheta(_ theta: [Double]) throws {
        guard theta.count == parameterCount else {
            throw SimulationError.unsupported("the circuit has \(parameterCount) parameters, theta has \(theta.count) values")
        }
        guard theta.allSatisfy(\.isFinite) else { throw SimulationError.unsupported("theta has a non-finite value") }
    }

    private func checkQubits(_ qubits: [Int], _ name: String) throws {
        for q in qubits where !(0..<qubitCount).contains(q) {
            throw SimulationError.unsupported("\(name) acts on qubit \(q), but the circuit has \(qubitCount) qubits")
        }
        guard Set(qubits).count == qubits.count else { throw SimulationError.unsupported("\(name) uses a qubit twice: \(qubits)") }
    }

    /// The IR operation for `exp(-i angle/2 P)`.
    public static func operation(_ axis: Axis, _ qubits: [Int], angle: Double) -> Operation {
        let c = Complex<Double>(.cos(angle / 2)), s = Double.sin(angle / 2)
        let minusIS = Complex<Double>(0, -s)
        let name = "r\(axis.rawValue)"
        switch axis {
        case .x: return Operation(.unitary(GateMatrix(c, minusIS, minusIS, c)), qubits: qubits, name: name)
        case .y: return Operation(.unitary(GateMatrix(c, Complex(-s), Complex(s), c)), qubits: qubits, name: name)
        case .z:
            return Operation(
                .diagonal([Complex(length: 1, phase: -angle / 2), Complex(length: 1, phase: angle / 2)]), qubits: qubits,
                name: name)
        case .zz:
            let d = (0..<4).map { l in Complex<Double>(length: 1, phase: (l.nonzeroBitCount == 1 ? 1 : -1) * angle / 2) }
            return Operation(.diagonal(d), qubits: qubits, name: name)
        case .xx, .yy:
            // cos(phi/2) I - i sin(phi/2) P with P = X X or Y Y, both mapping |l> to +-|l XOR 3>;
            // Y Y picks up -1 on |00> and |11> (Y|0> = i|1>, Y|1> = -i|0>).
            var m = GateMatrix(dimension: 4, entries: [Complex<Double>](repeating: .zero, count: 16))
            for l in 0..<4 {
                m[l, l] = c
                let sign: Double = axis == .yy && (l == 0 || l == 3) ? -1 : 1
                m[l ^ 3, l] = minusIS * Complex(sign)
            }
            return Operation(.unitary(m), qubits: qubits, name: name)
        }
    }
}
