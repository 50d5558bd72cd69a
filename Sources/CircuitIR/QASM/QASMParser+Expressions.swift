import QKSupport

/// The names an expression inside a `gate` body can see besides the globals.
struct QASMGateScope {
    /// The gate being defined, to report a recursive call clearly.
    var name: String
    var parameters: [String: Int]
    var qubits: [String: Int]
}

/// Expressions, lowest precedence first:
///
///     expression := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | '%') unary)*
///     unary      := ('-' | '+') unary | power
///     power      := primary (('^' | '**') unary)?      right-associative; -2^2 = -4 as in Qiskit
///     primary    := number | name | function '(' expression ')' | '(' expression ')'
///
/// Sub-expressions without inputs or gate parameters are folded to constants while parsing, so
/// binding evaluates only what can change.
extension QASMParser {
    mutating func parseExpression(gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        var lhs = try parseTerm(gate: gate)
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = advance()
            let rhs = try parseTerm(gate: gate)
            lhs = try combine(op.text == "+" ? .add : .subtract, lhs, rhs, at: op)
        }
        return lhs
    }

    private mutating func parseTerm(gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        var lhs = try parseUnary(gate: gate)
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let op = advance()
            let rhs = try parseUnary(gate: gate)
            let kind: QASMExpression.BinaryOperator = op.text == "*" ? .multiply : op.text == "/" ? .divide : .modulo
            lhs = try combine(kind, lhs, rhs, at: op)
        }
        return lhs
    }

    private mutating func parseUnary(gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        if current.isSymbol("-") {
            let op = advance()
            let e = try parseUnary(gate: gate)
            if let v = e.constantValue { return QASMExpression(node: .constant(-v), location: op.location) }
            return QASMExpression(node: .negate(e), location: op.location)
        }
        if accept("+") { return try parseUnary(gate: gate) }
        return try parsePower(gate: gate)
    }

    private mutating func parsePower(gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        let base = try parsePrimary(gate: gate)
        if current.isSymbol("^") && state.version == 3 {
            throw error("'^' is bitwise XOR in OpenQASM 3; write '**' for a power", at: current)
        }
        if current.isSymbol("^") || current.isSymbol("**") {
            let op = advance()
            let exponent = try parseUnary(gate: gate)
            return try combine(.power, base, exponent, at: op)
        }
        return base
    }

    private func combine(
        _ op: QASMExpression.BinaryOperator, _ a: QASMExpression, _ b: QASMExpression, at token: QASMToken
    ) throws(InputError) -> QASMExpression {
        if let x = a.constantValue, let y = b.constantValue {
            return QASMExpression(
                node: .constant(try QASMExpression.apply(op, x, y, at: token.location)), location: token.location)
        }
        return QASMExpression(node: .binary(op, a, b), location: token.location)
    }

    private mutating func parsePrimary(gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        let t = current
        switch t.kind {
        case .integer(let v):
            advance()
            return QASMExpression(node: .constant(Double(v)), location: t.location)
        case .real(let v):
            advance()
            return QASMExpression(node: .constant(v), location: t.location)
        case .symbol where t.text == "(":
            advance()
            let e = try parseExpression(gate: gate)
            try expect(")", "to close the parenthesis opened at line \(t.location.line), column \(t.location.column)")
            return e
        case .identifier:
            advance()
            if let f = QASMExpression.Function(name: t.text), current.isSymbol("(") {
                advance()
                let argument = try parseExpression(gate: gate)
                try expect(")", "after the argument of \(t.text)")
                if let x = argument.constantValue {
                    return QASMExpression(node: .constant(try QASMExpression.apply(f, x, at: t.location)), location: t.location)
                }
                return QASMExpression(node: .call(f, argument), location: t.location)
            }
            return try resolveName(t, gate: gate)
        default:
            throw error("expected a number, name or '(', found \(t.described)", at: t)
        }
    }

    /// Looks a name up: gate parameter, then global constant or input, then built-in constant.
    private func resolveName(_ t: QASMToken, gate: QASMGateScope?) throws(InputError) -> QASMExpression {
        if let gate {
            if let i = gate.parameters[t.text] { return QASMExpression(node: .gateParameter(i), location: t.location) }
            if gate.qubits[t.text] != nil {
                throw error("'\(t.text)' is a qubit argument of gate '\(gate.name)', not a number", at: t)
            }
        }
        switch state.symbols[t.text]?.symbol {
        case .constant(let v):
            return QASMExpression(node: .constant(v), location: t.location)
        case .input(let i):
            if let gate {
                throw error(
                    "input '\(t.text)' cannot be used inside gate '\(gate.name)'; pass it as a gate parameter", at: t)
            }
            return QASMExpression(node: .input(i), location: t.location)
        case .qubits, .clbits:
            throw error("'\(t.text)' is a register, not a number", at: t)
        case .gate:
            throw error("'\(t.text)' is a gate, not a number", at: t)
        case nil:
            if let v = builtinConstant(t.text) { return QASMExpression(node: .constant(v), location: t.location) }
            if QASMExpression.Function(name: t.text) != nil {
                throw error("function '\(t.text)' needs an argument in parentheses", at: t)
            }
            throw error("unknown name '\(t.text)': expected a number, parameter, constant or input", at: t)
        }
    }
}
