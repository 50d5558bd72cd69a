import QKSupport

/// Gate definitions (`gate`, `opaque`) and gate applications with OpenQASM 3 modifiers.
extension QASMParser {
    // MARK: Definitions

    /// `gate name(p0, p1) q0, q1 { body }`.
    mutating func parseGateDefinition() throws(InputError) {
        let keyword = advance()
        let (name, parameters, qubits) = try parseGateSignature()
        let tolerated = try checkGateRedefinition(name, parameterCount: parameters.count, qubitCount: qubits.count)
        let scope = QASMGateScope(
            name: name.text,
            parameters: Dictionary(uniqueKeysWithValues: parameters.enumerated().map { ($1, $0) }),
            qubits: Dictionary(uniqueKeysWithValues: qubits.enumerated().map { ($1, $0) }))
        try expect("{", "to open the body of gate '\(name.text)'")
        var body: [QASMBodyItem] = []
        while !accept("}") {
            let t = current
            if t.kind == .end {
                throw error(
                    "unterminated body of gate '\(name.text)' (line \(keyword.location.line)): expected '}' before the end of the file",
                    at: t)
            }
            if t.isIdentifier("barrier") {
                advance()
                var operands: [Int] = []
                repeat { operands.append(try parseGateQubit(scope)) } while accept(",")
                try expect(";", "after the barrier")
                body.append(.barrier(operands))
                continue
            }
            if t.kind == .identifier, ["measure", "reset", "if", "qreg", "creg", "qubit", "bit", "gate", "opaque", "const", "input", "include"].contains(t.text) {
                throw error(
                    "'\(t.text)' is not allowed in the body of gate '\(name.text)': only gate applications, gphase and barrier",
                    at: t)
            }
            let (application, count, nameToken) = try parseApplicationHead(gate: scope)
            var operands: [Int] = []
            var operandTokens: [QASMToken] = []
            if !current.isSymbol(";") {
                repeat {
                    let token = current
                    let q = try parseGateQubit(scope)
                    if operands.contains(q) {
                        throw error("qubit '\(token.text)' is used twice in one gate application", at: token)
                    }
                    operands.append(q)
                    operandTokens.append(token)
                } while accept(",")
            }
            try expect(";", "after the gate application")
            try checkOperandCount(operands.count, expected: count, gateName: nameToken, firstExtra: operandTokens.dropFirst(count).first)
            body.append(.apply(application, qubits: operands))
        }
        if tolerated { return }
        state.gates.append(
            QASMGateDefinition(
                name: name.text, parameterCount: parameters.count, qubitCount: qubits.count, body: .defined(body),
                location: name.location))
        state.symbols[name.text] = .init(symbol: .gate(state.gates.count - 1), location: name.location)
    }

    /// `opaque name(p0) q0, q1;`: declares a gate without a body. Applying it is an error, since a
    /// simulator cannot know what it does.
    mutating func parseOpaque() throws(InputError) {
        advance()
        let (name, parameters, qubits) = try parseGateSignature()
        let tolerated = try checkGateRedefinition(name, parameterCount: parameters.count, qubitCount: qubits.count)
        try expect(";", "after the opaque declaration")
        if tolerated { return }
        state.gates.append(
            QASMGateDefinition(
                name: name.text, parameterCount: parameters.count, qubitCount: qubits.count, body: .opaque,
                location: name.location))
        state.symbols[name.text] = .init(symbol: .gate(state.gates.count - 1), location: name.location)
    }

    /// `name (params)? qubits`, with all names distinct.
    private mutating func parseGateSignature() throws(InputError) -> (QASMToken, [String], [String]) {
        let name = try expectNewName("a gate name")
        var seen: Set<String> = []
        var parameters: [String] = []
        if accept("("), !accept(")") {
            repeat {
                let p = try expectNewName("a parameter name")
                guard seen.insert(p.text).inserted else { throw error("duplicate parameter name '\(p.text)'", at: p) }
                parameters.append(p.text)
            } while accept(",")
            try expect(")", "after the parameters of gate '\(name.text)'")
        }
        var qubits: [String] = []
        repeat {
            let q = try expectNewName("a qubit argument name for gate '\(name.text)'")
            guard seen.insert(q.text).inserted else { throw error("duplicate argument name '\(q.text)'", at: q) }
            qubits.append(q.text)
        } while accept(",")
        return (name, parameters, qubits)
    }

    /// Rejects redefining a name, except Qiskit's tolerance for a file redefining one of its
    /// `qelib1.inc` extensions (`rzz`, `cu`, ...) with the same signature. Returns whether the
    /// definition is such a tolerated one and must be ignored.
    private mutating func checkGateRedefinition(_ name: QASMToken, parameterCount: Int, qubitCount: Int) throws(InputError) -> Bool {
        if state.version == 2, let entry = state.symbols[name.text], case .gate(let i) = entry.symbol,
            case .standard(let g) = state.gates[i].body, StandardGate.qiskitExtensions.contains(g)
        {
            guard g.parameterCount == parameterCount && g.qubitCount == qubitCount else {
                throw error(
                    "gate '\(name.text)' is built in with \(g.parameterCount) parameter(s) and \(g.qubitCount) qubit(s); this definition has \(parameterCount) and \(qubitCount)",
                    at: name)
            }
            state.tolerated.insert(name.text)
            return true
        }
        try checkUndeclared(name)
        return false
    }

    /// A qubit operand inside a gate body: one of the gate's qubit arguments, unindexed.
    private mutating func parseGateQubit(_ scope: QASMGateScope) throws(InputError) -> Int {
        let t = current
        guard t.kind == .identifier, let q = scope.qubits[t.text] else {
            let names = scope.qubits.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")
            throw error("expected a qubit argument of gate '\(scope.name)' (\(names)), found \(t.described)", at: t)
        }
        advance()
        if current.isSymbol("[") {
            throw error("qubit argument '\(t.text)' of a gate is a single qubit and cannot be indexed", at: current)
        }
        return q
    }

    // MARK: Applications

    /// Parses `modifiers* name ('(' arguments ')')?` and returns the application, the number of qubit
    /// operands it needs, and the gate name token.
    mutating func parseApplicationHead(gate scope: QASMGateScope?) throws(InputError) -> (QASMApplication, Int, QASMToken) {
        var modifiers: [QASMModifier] = []
        while current.kind == .identifier, ["ctrl", "negctrl", "inv", "pow"].contains(current.text),
            lookahead(1).isSymbol("@") || lookahead(1).isSymbol("(")
        {
            let m = current
            if state.version == 2 && state.symbols[m.text] == nil {
                throw error("the gate modifier '\(m.text) @' is OpenQASM 3; this file declares 'OPENQASM 2.0'", at: m)
            }
            if state.version == 2 { break }
            advance()
            switch m.text {
            case "ctrl", "negctrl":
                var count = 1
                if accept("(") {
                    let t = current
                    let e = try parseExpression(gate: scope)
                    guard let v = e.constantValue, v.rounded() == v, v >= 1, v <= 64 else {
                        throw error("the number of controls of '\(m.text)' must be a constant integer from 1 to 64", at: t)
                    }
                    count = Int(v)
                    try expect(")", "after the number of controls")
                }
                modifiers.append(.control(count: count, value: m.text == "ctrl"))
            case "inv":
                modifiers.append(.inverse)
            default:
                try expect("(", "after 'pow' (write 'pow(k) @')")
                let t = current
                let e = try parseExpression(gate: scope)
                if let v = e.constantValue, v.rounded() != v {
                    throw error("pow(\(v)) @ is not supported: the exponent must be an integer", at: t)
                }
                try expect(")", "after the exponent")
                modifiers.append(.power(e))
            }
            try expect("@", "after the gate modifier '\(m.text)'")
        }

        let nameToken = current
        guard nameToken.kind == .identifier else {
            throw error("expected a gate name, found \(nameToken.described)", at: nameToken)
        }
        if let scope, nameToken.text == scope.name {
            throw error("gate '\(scope.name)' calls itself: recursive gate definitions are not allowed", at: nameToken)
        }
        let index: Int
        switch state.symbols[nameToken.text]?.symbol {
        case .gate(let i): index = i
        case .qubits, .clbits: throw error("'\(nameToken.text)' is a register, not a gate", at: nameToken)
        case .constant, .input: throw error("'\(nameToken.text)' is a number, not a gate", at: nameToken)
        case nil: throw unknownGate(nameToken)
        }
        let definition = state.gates[index]
        if case .opaque = definition.body {
            throw error(
                "gate '\(nameToken.text)' is opaque (declared without a body), so it cannot be simulated", at: nameToken)
        }
        advance()
        var arguments: [QASMExpression] = []
        if accept("("), !accept(")") {
            repeat { arguments.append(try parseExpression(gate: scope)) } while accept(",")
            try expect(")", "after the arguments of gate '\(nameToken.text)'")
        }
        guard arguments.count == definition.parameterCount else {
            throw error(
                "gate '\(nameToken.text)' takes \(Self.plural(definition.parameterCount, "parameter")), found \(arguments.count)",
                at: nameToken)
        }
        let count = definition.qubitCount + modifiers.reduce(0) { $0 + $1.controlCount }
        return (QASMApplication(gate: index, modifiers: modifiers, arguments: arguments, location: nameToken.location), count, nameToken)
    }

    func checkOperandCount(_ found: Int, expected: Int, gateName: QASMToken, firstExtra: QASMToken?) throws(InputError) {
        guard found != expected else { return }
        let message = "gate '\(gateName.text)' acts on \(Self.plural(expected, "qubit")), found \(Self.plural(found, "operand"))"
        throw error(message, at: firstExtra ?? gateName)
    }

    private func unknownGate(_ t: QASMToken) -> InputError {
        var hint = ""
        if let g = StandardGate(rawValue: t.text) {
            if state.version == 2 && StandardGate.qelib1.contains(g) && !state.includedLibraries.contains("qelib1.inc") {
                hint = " (it is declared by 'include \"qelib1.inc\";')"
            } else if state.version == 3 && StandardGate.stdgates.contains(g) && !state.includedLibraries.contains("stdgates.inc") {
                hint = " (it is declared by 'include \"stdgates.inc\";')"
            } else if state.version == 3 && StandardGate.qiskitExtensions.contains(g) {
                hint = " (it is not in stdgates.inc; define it with 'gate')"
            }
        }
        return error("unknown gate '\(t.text)'\(hint)", at: t)
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

    mutating func parseTopLevelApplication(condition: Condition?) throws(InputError) {
        let (application, count, nameToken) = try parseApplicationHead(gate: nil)
        var operands: [QASMOperand] = []
        if !current.isSymbol(";") {
            repeat { operands.append(try parseOperand(quantum: true)) } while accept(",")
        }
        try expect(";", "after the gate application")
        try checkOperandCount(operands.count, expected: count, gateName: nameToken, firstExtra: operands.dropFirst(count).first?.token)
        let instances = try broadcast(operands, at: nameToken)
        state.statements.append(.apply(application, instances: instances, condition: condition))
    }
}
