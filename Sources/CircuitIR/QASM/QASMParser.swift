#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// Everything the parser has declared so far. Kept apart from the token cursor so that an included
/// file, parsed with its own cursor, adds to the same program.
struct QASMParserState {
    enum Symbol {
        case qubits(register: Int, isArray: Bool)
        case clbits(register: Int, isArray: Bool)
        case gate(Int)
        case constant(Double)
        case input(Int)
    }

    struct Entry {
        var symbol: Symbol
        /// Where it was declared; `nil` for built-ins.
        var location: SourceLocation?
    }

    var version = 3
    var symbols: [String: Entry] = [:]
    var gates: [QASMGateDefinition] = []
    var statements: [QASMStatement] = []
    var inputs: [QASMInput] = []
    var qubitRegisters: [Circuit.Register] = []
    var classicalRegisters: [Circuit.Register] = []
    var qubitCount = 0
    var clbitCount = 0
    /// Built-in libraries already included (including one twice is harmless).
    var includedLibraries: Set<String> = []
    /// Files being included, outermost first, to reject include cycles.
    var includeStack: [String] = []
    /// One more than the highest physical qubit `$n` used, or `nil` if the program uses none.
    var hardwareQubitCount: Int?
    /// Qiskit's `qelib1.inc` extensions that a file redefined with the same signature: accepted and
    /// ignored, as Qiskit does, so that older Qiskit exports load.
    var tolerated: Set<String> = []
}

/// A recursive-descent parser for OpenQASM 2.0 and the OpenQASM 3 subset described in
/// docs/circuits.md. It resolves names as it goes (OpenQASM requires declaration before use), so the
/// result needs no further checking before expansion.
struct QASMParser {
    var tokens: [QASMToken]
    var position = 0
    var state: QASMParserState

    init(tokens: [QASMToken], state: QASMParserState) {
        self.tokens = tokens
        self.state = state
    }

    // MARK: Cursor

    var current: QASMToken { tokens[position] }
    var previous: QASMToken { tokens[max(position - 1, 0)] }
    func lookahead(_ k: Int) -> QASMToken { tokens[min(position + k, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> QASMToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    /// Consumes the symbol `s` if it is next.
    mutating func accept(_ s: String) -> Bool {
        if current.isSymbol(s) {
            advance()
            return true
        }
        return false
    }

    func error(_ message: String, at token: QASMToken) -> InputError { InputError(message, at: token.location) }

    /// Consumes the symbol `s` or reports what was found instead. A missing `;` is reported just after
    /// the previous token, where it belongs, rather than at the start of the next line.
    mutating func expect(_ s: String, _ context: String) throws(InputError) {
        if accept(s) { return }
        let found = current.described
        if s == ";" && position > 0 {
            throw InputError("expected ';' \(context), found \(found)", at: previous.end)
        }
        throw error("expected '\(s)' \(context), found \(found)", at: current)
    }

    /// Consumes an identifier that is not a keyword, for a name being declared.
    mutating func expectNewName(_ what: String) throws(InputError) -> QASMToken {
        let t = current
        guard t.kind == .identifier else { throw error("expected \(what), found \(t.described)", at: t) }
        if Self.keywords(version: state.version).contains(t.text) {
            throw error("expected \(what), found the keyword '\(t.text)'", at: t)
        }
        if builtinConstant(t.text) != nil {
            throw error("'\(t.text)' is a built-in constant and cannot be redeclared", at: t)
        }
        advance()
        return t
    }

    /// Rejects a declaration of a name already in use.
    func checkUndeclared(_ name: QASMToken) throws(InputError) {
        guard let entry = state.symbols[name.text] else { return }
        let previously = entry.location.map { " (first declared at \($0.file):\($0.line):\($0.column))" } ?? " (a built-in gate)"
        throw error("redefinition of '\(name.text)'\(previously)", at: name)
    }

    func requireVersion3(_ token: QASMToken, _ feature: String) throws(InputError) {
        if state.version == 2 {
            throw error("\(feature) is OpenQASM 3; this file declares 'OPENQASM 2.0' (use 'OPENQASM 3.0;')", at: token)
        }
    }

    /// Built-in constants: `pi` in OpenQASM 2; `pi π tau τ euler ℇ` in OpenQASM 3.
    func builtinConstant(_ name: String) -> Double? {
        switch name {
        case "pi": return .pi
        case "π" where state.version == 3: return .pi
        case "tau", "τ": return state.version == 3 ? 2 * .pi : nil
        case "euler", "ℇ": return state.version == 3 ? M_E : nil
        default: return nil
        }
    }

    static func keywords(version: Int) -> Set<String> { version == 2 ? keywords2 : keywords3 }

    private static let keywords2: Set<String> = [
        "OPENQASM", "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "barrier", "if", "U", "CX",
    ]
    private static let keywords3: Set<String> = [
        "OPENQASM", "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "barrier", "if", "else", "U",
        "qubit", "bit", "const", "input", "output", "gphase", "ctrl", "negctrl", "inv", "pow", "float", "angle",
        "int", "uint", "bool", "complex", "duration", "stretch", "for", "while", "in", "def", "return", "let",
        "box", "delay", "switch", "case", "default", "extern", "defcal", "cal", "defcalgrammar", "break",
        "continue", "end", "true", "false", "array", "void", "durationof", "sizeof", "pragma",
    ]

    // MARK: Program

    /// Parses a whole file: an optional version header, then statements.
    mutating func parseProgram(isInclude: Bool) throws(InputError) {
        if !isInclude {
            if current.isIdentifier("OPENQASM") { try parseVersion() }
            // The built-ins of each language version.
            if state.version == 2 {
                declareStandard([.U, .CX])
                declareStandard(StandardGate.qiskitExtensions)
            } else {
                declareStandard([.U, .gphase])
            }
        }
        while current.kind != .end {
            try parseStatement(condition: nil)
        }
    }

    private mutating func parseVersion() throws(InputError) {
        advance()
        let t = advance()
        switch t.kind {
        case .integer(2), .real(2.0): state.version = 2
        case .integer(3): state.version = 3
        case .real(let v) where v >= 3 && v < 4: state.version = 3
        default:
            throw error("unsupported OpenQASM version \(t.described); expected 2.0 or 3.0", at: t)
        }
        try expect(";", "after the OpenQASM version")
    }

    /// Declares built-in gates (skipping names already declared by an earlier include).
    mutating func declareStandard(_ gates: [StandardGate]) {
        for g in gates where state.symbols[g.rawValue] == nil {
            state.gates.append(
                QASMGateDefinition(
                    name: g.rawValue, parameterCount: g.parameterCount, qubitCount: g.qubitCount,
                    body: .standard(g), location: nil))
            state.symbols[g.rawValue] = .init(symbol: .gate(state.gates.count - 1), location: nil)
        }
    }

    // MARK: Statements

    /// Parses one statement. Inside an `if`, `condition` is set and only quantum operations are
    /// allowed.
    mutating func parseStatement(condition: Condition?) throws(InputError) {
        let t = current
        guard t.kind == .identifier else {
            throw error("expected a statement, found \(t.described)", at: t)
        }
        let declaration: Bool
        switch t.text {
        case "OPENQASM", "include", "qreg", "creg", "qubit", "bit", "const", "input", "gate", "opaque":
            declaration = true
        default:
            declaration = false
        }
        if declaration && condition != nil {
            throw error("only gates, measure and reset may be conditioned by 'if', found '\(t.text)'", at: t)
        }
        switch t.text {
        case "OPENQASM":
            throw error("the 'OPENQASM' version statement must be the first statement of the file", at: t)
        case "include": try parseInclude()
        case "qreg", "creg": try parseOldRegister()
        case "qubit", "bit":
            try requireVersion3(t, "'\(t.text)' declaration")
            try parseNewRegister()
        case "const":
            try requireVersion3(t, "'const'")
            try parseConstant()
        case "input":
            try requireVersion3(t, "'input'")
            try parseInput()
        case "gate": try parseGateDefinition()
        case "opaque": try parseOpaque()
        case "measure": try parseMeasureArrow(condition: condition)
        case "reset": try parseReset(condition: condition)
        case "barrier": try parseBarrier()
        case "if":
            if condition != nil {
                throw error("nested 'if' statements are not supported", at: t)
            }
            try parseIf()
        case "else":
            throw error("'else' is not supported: a condition can only test equality with 'if'", at: t)
        case "output", "for", "while", "def", "let", "box", "delay", "switch", "extern", "defcal", "cal",
            "defcalgrammar", "duration", "stretch", "float", "angle", "int", "uint", "bool", "complex", "return",
            "break", "continue", "end", "array", "pragma":
            if state.version == 3 {
                throw error("'\(t.text)' is not supported by this reader (see docs/circuits.md for the supported subset)", at: t)
            }
            try parseTopLevelApplication(condition: condition)
        default:
            if case .clbits = state.symbols[t.text]?.symbol {
                try parseMeasureAssignment(condition: condition)
            } else {
                try parseTopLevelApplication(condition: condition)
            }
        }
    }

    /// An expression that must be a constant integer of at least `minimum` (sizes, indices, counts).
    mutating func parseConstantInteger(_ what: String, minimum: Int) throws(InputError) -> Int {
        let t = current
        let e = try parseExpression(gate: nil)
        guard let v = e.constantValue else {
            throw error("the \(what) must be a constant, not depend on an input", at: t)
        }
        guard v.rounded() == v, v >= Double(minimum), v < 1e15 else {
            throw error("expected an integer \(what) of at least \(minimum), found \(v)", at: t)
        }
        return Int(v)
    }
}
