import QKSupport

/// An angle of an expanded program as a function of the program's inputs: the angle's expression
/// with every gate parameter substituted, compiled to a postfix program over a small stack, so
/// evaluating it for new inputs costs a few nanoseconds per operation and no expansion.
///
/// It evaluates the same operations in the same order as binding the inputs and expanding, so
/// the angles agree bit for bit; errors (a division by zero, `sqrt` of a negative number) are the
/// same `InputError`s with the same source locations.
public struct QASMAngleFunction: Sendable {
    enum Instruction: Sendable {
        case constant(Double)
        case input(Int)
        case negate
        case binary(QASMExpression.BinaryOperator, SourceLocation)
        case call(QASMExpression.Function, SourceLocation)
    }

    let code: [Instruction]
    let depth: Int

    init(_ expression: QASMExpression) {
        var code: [Instruction] = []
        var depth = 0, maxDepth = 0
        func emit(_ e: QASMExpression) {
            switch e.node {
            case .constant(let v):
                code.append(.constant(v))
                depth += 1
            case .gateParameter:
                // Symbols hold inputs and constants only (gate parameters are substituted).
                code.append(.constant(.nan))
                depth += 1
            case .input(let i):
                code.append(.input(i))
                depth += 1
            case .negate(let a):
                emit(a)
                code.append(.negate)
            case .binary(let op, let a, let b):
                emit(a)
                emit(b)
                code.append(.binary(op, e.location))
                depth -= 1
            case .call(let f, let a):
                emit(a)
                code.append(.call(f, e.location))
            }
            maxDepth = max(maxDepth, depth)
        }
        emit(expression)
        self.code = code
        self.depth = maxDepth
    }

    /// The input the angle is, when it is one input as it stands (`ry(t0)`), else nil: binders
    /// copy such angles without evaluating anything.
    public var inputIndex: Int? {
        if code.count == 1, case .input(let i) = code[0] { return i }
        return nil
    }

    /// The angle at `inputs` (the program's inputs in declaration order).
    public func callAsFunction(_ inputs: UnsafePointer<Double>) throws(InputError) -> Double {
        if code.count == 1, case .input(let i) = code[0] { return inputs[i] }
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, depth)) { stack throws(InputError) -> Double in
            var top = -1
            for instruction in code {
                switch instruction {
                case .constant(let v):
                    top += 1
                    stack[top] = v
                case .input(let i):
                    top += 1
                    stack[top] = inputs[i]
                case .negate: stack[top] = -stack[top]
                case .binary(let op, let location):
                    stack[top - 1] = try QASMExpression.apply(op, stack[top - 1], stack[top], at: location)
                    top -= 1
                case .call(let f, let location):
                    stack[top] = try QASMExpression.apply(f, stack[top], at: location)
                }
            }
            return stack[0]
        }
    }
}

/// One step of a program expanded once for all input values.
public enum QASMSymbolicStep: Sendable {
    /// An operation that does not depend on the inputs.
    case fixed(Operation)
    /// `exp(-i angle/2 P)` about `axis` (`x`, `y`, `z`, `xx`, `zz`) with an input-dependent angle.
    case rotation(axis: String, qubits: [Int], angle: QASMAngleFunction)
    /// A global phase `e^{i angle}` with an input-dependent angle (from `p` and `u3`, exact).
    case globalPhase(QASMAngleFunction)
}

extension QASMProgram {
    /// The program expanded once, with every angle that depends on an input kept as a function
    /// of the inputs: binding new inputs is then evaluating those functions, with no parsing and
    /// no expansion, and gives the circuit `circuit(parameters:)` gives, global phase included.
    ///
    /// The expansion runs at `probe` (one value per input, declaration order). Inputs may enter
    /// only uncontrolled, unconditioned `rx`, `ry`, `rz`, `rxx`, `rzz`, `p` (`u1`, `phase`) and
    /// `u3` (`u`, `U`), as for `linearized(trainable:parameters:)`.
    ///
    /// - Throws: `InputError` when an input enters any other gate, a `pow` exponent (the
    ///   structure would depend on it), or for any binding error at `probe`.
    public func symbolicExpansion(probe: [Double]) throws(InputError) -> [QASMSymbolicStep] {
        var parameters: [String: Double] = [:]
        guard probe.count == inputs.count else {
            throw InputError("\(inputs.count) inputs but the probe has \(probe.count) values", file: fileName)
        }
        for (name, v) in zip(inputs, probe) { parameters[name] = v }
        var expander = QASMExpander(gates: gates, inputs: try bind(parameters), trainable: Set(inputs.indices))
        try expander.run(statements)
        guard !expander.structureDependsOnTrainable else {
            throw InputError("an input enters a pow exponent: the circuit's structure depends on the inputs", file: fileName)
        }
        return expander.emitted.map { e in
            if let r = e.rotation, let symbol = r.angle.symbol {
                return .rotation(axis: r.axis, qubits: e.operation.qubits, angle: QASMAngleFunction(symbol))
            }
            if let symbol = e.phaseSymbol { return .globalPhase(QASMAngleFunction(symbol)) }
            return .fixed(e.operation)
        }
    }
}
