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
        func phase(_ angle: Double) -> QASMEmittedOperation {
            QASMEmittedOperation(Operation(.globalPhase(angle), qubits: [], name: "gphase"))
        }
        let q = ops.first?.qubits ?? []
        switch gate {
        case .rx, .ry, .rz, .rxx, .rzz:
            return [QASMEmittedOperation(ops[0], rotation: QASMRotation(axis: String(gate.rawValue.dropFirst()), angle: values[0]))]
        case .p, .u1, .phase:
            return [phase(values[0].value / 2), rotation("z", values[0], q)]
        case .U, .u3, .u:
            let (t, f, l) = (values[0], values[1], values[2])
            return [phase((f.value + l.value) / 2), rotation("z", l, q), rotation("y", t, q), rotation("z", f, q)]
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

    init(_ operation: Operation, rotation: QASMRotation? = nil) {
        self.operation = operation
        self.rotation = rotation
    }
}
