import CircuitIR

/// An OpenQASM program with inputs, compiled once for batched simulation: the circuit's structure
/// as a `CircuitTemplate` and, for each slot, the file's angle expression as a function of the
/// inputs. Binding a row of inputs evaluates those functions; nothing is parsed or expanded again.
///
/// The parameter sweeps of `qksim simulate --sweep` and circuit-file feature maps run on this.
public struct CompiledProgram: Sendable {
    /// The compiled circuit.
    public let template: CircuitTemplate
    /// The slot angles as functions of the inputs (declaration order).
    let angles: [QASMAngleFunction]
    /// Number of inputs a binding takes (the program's declared inputs).
    public let inputCount: Int
    /// For each slot, the input it copies, or -1 when its angle is an expression to evaluate.
    let directInputs: [Int]

    /// Compiles `program`, or returns nil when it has steps a template cannot hold (measurement,
    /// reset, an input in a gate other than `rx`, `ry`, `rz`, `rzz`, `p`, `u3`, or in a `pow`
    /// exponent); such programs run circuit by circuit through `QASMProgram.circuit(parameters:)`.
    public init?(_ program: QASMProgram) {
        // Any probe point works: the structure does not depend on the inputs (checked by the
        // expansion); these values only avoid accidental zeros.
        guard let steps = try? program.symbolicExpansion(probe: program.inputs.indices.map { 0.3 + 0.1 * Double($0) })
        else { return nil }
        var angles: [QASMAngleFunction] = []
        for step in steps {
            switch step {
            case .fixed: break
            case .rotation(_, _, let f), .globalPhase(let f): angles.append(f)
            }
        }
        guard var t = try? CircuitTemplate(qubitCount: program.qubitCount, slotCount: angles.count) else { return nil }
        var slot = 0
        do {
            for step in steps {
                switch step {
                case .fixed(let op): try t.append(op)
                case .globalPhase:
                    try t.appendPhases(on: [0], terms: [], globals: [CircuitTemplate.PhaseTerm(mask: 0, slot: slot)])
                    slot += 1
                case .rotation(let axis, let qubits, _):
                    switch axis {
                    case "x": try t.appendRotation(.x, on: qubits[0], slot: slot)
                    case "y": try t.appendRotation(.y, on: qubits[0], slot: slot)
                    case "z": try t.appendRotation(.z, on: qubits[0], slot: slot)
                    case "zz":
                        // exp(-i a/2 ZZ): phase a on |01>, |10> and a global -a/2.
                        try t.appendPhases(
                            on: qubits, terms: [CircuitTemplate.PhaseTerm(mask: 3, slot: slot)],
                            globals: [CircuitTemplate.PhaseTerm(mask: 0, slot: slot, coefficient: -0.5)])
                    default: return nil
                    }
                    slot += 1
                }
            }
        } catch {
            return nil
        }
        template = t
        self.angles = angles
        directInputs = angles.map { $0.inputIndex ?? -1 }
        inputCount = program.inputs.count
    }

    /// Writes the slots for `inputs` (one value per declared input, declaration order) into lane
    /// `lane` of `slots` (slot-major, `lanes` per slot).
    ///
    /// - Throws: `InputError` when an expression cannot be evaluated at these inputs (a domain
    ///   error such as `sqrt` of a negative value), as `circuit(parameters:)` would report it.
    public func bind(_ inputs: UnsafePointer<Double>, lane: Int, lanes: Int, into slots: UnsafeMutablePointer<Double>) throws {
        try directInputs.withUnsafeBufferPointer { direct in
            for s in direct.indices {
                let i = direct[s]
                slots[s * lanes + lane] = i >= 0 ? inputs[i] : try angles[s](inputs)
            }
        }
    }
}
