import QKSupport

/// One step of a program expanded with derivatives: a fixed operation, or a Pauli rotation
/// `exp(-i angle/2 P)` whose angle depends on trainable inputs.
public enum QASMLinearizedStep: Sendable {
    /// An operation that does not depend on the trainable inputs.
    case fixed(Operation)
    /// A rotation about `axis` (`x`, `y`, `z`, `xx` or `zz`) with its angle at the bound inputs and
    /// `gradient[j] = d angle / d trainable[j]` (absent entries are zero).
    case rotation(axis: String, qubits: [Int], angle: Double, gradient: [Int: Double])
}

extension QASMProgram {
    /// Expands the program at `parameters`, with every angle's exact derivatives with respect to
    /// the inputs named in `trainable`.
    ///
    /// Derivatives are forward-mode: each expression carries its value and its gradient through
    /// arithmetic, functions (`sin(theta0)`, `2*theta0 + theta1`) and the parameters of nested
    /// `gate` definitions, so an angle's derivative is exact whatever the file writes. `inv @`
    /// negates a rotation's angle; `pow(k) @` repeats it. `p`/`u1`/`phase` become a global phase and
    /// an `rz`, `u3`/`u`/`U` a global phase and `rz ry rz` (exact, global phase included at the
    /// bound values).
    ///
    /// - Throws: `InputError` naming the file, line and gate when a trainable input enters a gate
    ///   that is not such a rotation (a controlled rotation, `cx`, a `pow` exponent does not count:
    ///   exponents are integers), for an unknown trainable name, or any binding error of
    ///   `circuit(parameters:)`.
    public func linearized(trainable: [String], parameters: [String: Double]) throws(InputError) -> [QASMLinearizedStep] {
        var slotOf: [Int: Int] = [:]
        for (j, name) in trainable.enumerated() {
            guard let slot = inputs.firstIndex(of: name) else {
                throw InputError("'\(name)' is not an input of the program (its inputs: \(inputs.joined(separator: ", ")))", file: fileName)
            }
            slotOf[slot] = j
        }
        var expander = QASMExpander(gates: gates, inputs: try bind(parameters), trainable: Set(slotOf.keys))
        try expander.run(statements)
        return expander.emitted.map { e in
            guard let r = e.rotation else { return .fixed(e.operation) }
            var gradient: [Int: Double] = [:]
            for (slot, d) in r.angle.gradient where d != 0 { gradient[slotOf[slot] ?? 0] = d }
            return .rotation(axis: r.axis, qubits: e.operation.qubits, angle: r.angle.value, gradient: gradient)
        }
    }
}
