import QKSupport

/// A Pauli rotation `exp(-i phi/2 P)` whose angle depends on trainable inputs: the axis (`x`, `y`,
/// `z`, `xx`, `zz`) and the angle with its derivatives.
struct QASMRotation: Sendable {
    var axis: String
    var angle: QASMDual

    /// Annotates a standard gate's operations with their rotation when an argument depends on a
    /// trainable input, rewriting `p`/`u1`/`phase` and `u3`/`u`/`U` into Pauli rotations (exact,
    /// global phase included):
    /// `P(l) = e^{i l/2} RZ(l)`, `U(t, f, l) = e^{i (f+l)/2} RZ(f) RY(t) RZ(l)`.
    ///
    /// - Throws: `InputError` at `location` if a trainable input reaches any other gate.
    static func annotate(
        _ ops: [Operation], gate: StandardGate, values: [QASMDual], at location: SourceLocation
    ) throws(InputError) -> [QASMEmittedOperation] {
        guard values.contains(where: { !$0.gradient.isEmpty }) else { return ops.map { QASMEmittedOperation($0) } }
        func rotation(_ axis: String, _ angle: QASMDual, _ qubits: [Int]) -> QASMEmittedOperation {
            let name = "r\(axis)"
            let op = StandardGate(rawValue: name).map { $0.operations(parameters: [angle.value], qubits: qubits)[0] }
            return QASMEmittedOperation(op ?? ops[0], rotation: QASMRotation(axis: axis, angle: angle))
        }
        // The global phase half the angle(s): kept as an expression too, so a symbolic expansion
        // re-evaluates it with the rotation (x * 0.5 rounds exactly as x / 2).
        func phase(_ angle: QASMDual) -> QASMEmittedOperation {
            let half = QASMExpression(node: .constant(0.5), location: location)
            return QASMEmittedOperation(
                Operation(.globalPhase(angle.value / 2), qubits: [], name: "gphase"),
                phaseSymbol: QASMExpression(node: .binary(.multiply, angle.expression(at: location), half), location: location))
        }
        let q = ops.first?.qubits ?? []
        switch gate {
        case .rx, .ry, .rz, .rxx, .rzz:
            return [QASMEmittedOperation(ops[0], rotation: QASMRotation(axis: String(gate.rawValue.dropFirst()), angle: values[0]))]
        case .p, .u1, .phase:
            return [phase(values[0]), rotation("z", values[0], q)]
        case .U, .u3, .u:
            let (t, f, l) = (values[0], values[1], values[2])
            let sum = QASMDual(
                f.value + l.value, symbol: QASMExpression(node: .binary(.add, f.expression(at: location), l.expression(at: location)), location: location))
            return [phase(sum), rotation("z", l, q), rotation("y", t, q), rotation("z", f, q)]
        default:
            throw InputError(
                "a trainable input enters gate '\(gate.rawValue)', which is not a rotation; trainable angles may only enter rx, ry, rz, rxx, rzz, p (u1, phase) and u3 (u, U)",
                at: location)
        }
    }
}

/// An expanded operation and, when its angle depends on trainable inputs, the rotation it is.
struct QASMEmittedOperation: Sendable {
    var operation: Operation
    var rotation: QASMRotation?
    /// For a global phase that depends on trainable inputs (from `p` or `u3`), its angle as an
    /// expression of the inputs.
    var phaseSymbol: QASMExpression?

    init(_ operation: Operation, rotation: QASMRotation? = nil, phaseSymbol: QASMExpression? = nil) {
        self.operation = operation
        self.rotation = rotation
        self.phaseSymbol = phaseSymbol
    }
}
