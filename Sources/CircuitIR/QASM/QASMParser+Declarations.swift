import FoundationEssentials
import QKSupport

/// Declarations: includes, registers, constants and inputs.
extension QASMParser {
    mutating func parseInclude() throws(InputError) {
        advance()
        let t = current
        guard case .string(let name) = t.kind else {
            throw error("expected a quoted file name after 'include', found \(t.described)", at: t)
        }
        advance()
        try expect(";", "after the include file name")
        switch name {
        case "qelib1.inc":
            state.includedLibraries.insert(name)
            declareStandard(StandardGate.qelib1)
            declareStandard(StandardGate.qiskitExtensions)
        case "stdgates.inc":
            state.includedLibraries.insert(name)
            declareStandard(StandardGate.stdgates)
        default:
            try includeFile(name, at: t)
        }
    }

    /// Reads an include file other than the built-in libraries, relative to the including file.
    mutating func includeFile(_ name: String, at token: QASMToken) throws(InputError) {
        let base = PathText.deletingLastComponent(of: token.location.file)
        let path = name.hasPrefix("/") || base.isEmpty ? name : PathText.appending(name, to: base)
        if state.includeStack.contains(path) || path == token.location.file {
            throw error("include cycle: '\(name)' includes itself", at: token)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw error(
                "cannot read include file \"\(name)\" (looked for \(path)); the built-in libraries are \"qelib1.inc\" and \"stdgates.inc\"",
                at: token)
        }
        var sub = QASMParser(tokens: try QASMLexer.tokenize(text, fileName: path), state: state)
        sub.state.includeStack.append(path)
        try sub.parseProgram(isInclude: true)
        sub.state.includeStack.removeLast()
        state = sub.state
    }

    /// `qreg name[n];` or `creg name[n];`.
    mutating func parseOldRegister() throws(InputError) {
        let keyword = advance()
        let name = try expectNewName("a register name")
        try checkUndeclared(name)
        try expect("[", "after the register name (declare it as '\(keyword.text) \(name.text)[size];')")
        let size = try parseConstantInteger("register size", minimum: 1)
        try expect("]", "after the register size")
        try expect(";", "after the register declaration")
        try declareRegister(name, size: size, quantum: keyword.text == "qreg", isArray: true)
    }

    /// `qubit[n] name;`, `qubit name;`, `bit[n] name;`, `bit name;`.
    mutating func parseNewRegister() throws(InputError) {
        let keyword = advance()
        var size = 1
        var isArray = false
        if accept("[") {
            size = try parseConstantInteger("register size", minimum: 1)
            try expect("]", "after the register size")
            isArray = true
        }
        let name = try expectNewName("a register name")
        try checkUndeclared(name)
        if current.isSymbol("=") {
            throw error("initialising a '\(keyword.text)' declaration is not supported", at: current)
        }
        try expect(";", "after the register declaration")
        try declareRegister(name, size: size, quantum: keyword.text == "qubit", isArray: isArray)
    }

    /// Most qubits and classical bits a program may declare: far beyond what a state vector can
    /// hold, small enough that broadcasting over a register cannot exhaust memory.
    static let maximumQubits = 4096
    static let maximumClbits = 1 << 16

    mutating func declareRegister(_ name: QASMToken, size: Int, quantum: Bool, isArray: Bool) throws(InputError) {
        let (count, limit) = quantum ? (state.qubitCount, Self.maximumQubits) : (state.clbitCount, Self.maximumClbits)
        guard size <= limit - count else {
            throw error(
                "register '\(name.text)' of size \(size) would exceed the \(limit) \(quantum ? "qubits" : "classical bits") a program may declare",
                at: name)
        }
        if quantum {
            if state.hardwareQubitCount != nil {
                throw error("cannot declare qubit register '\(name.text)' in a program that uses physical qubits '$n'", at: name)
            }
            state.qubitRegisters.append(Circuit.Register(name: name.text, start: state.qubitCount, size: size))
            state.qubitCount += size
            state.symbols[name.text] = .init(
                symbol: .qubits(register: state.qubitRegisters.count - 1, isArray: isArray), location: name.location)
        } else {
            state.classicalRegisters.append(Circuit.Register(name: name.text, start: state.clbitCount, size: size))
            state.clbitCount += size
            state.symbols[name.text] = .init(
                symbol: .clbits(register: state.classicalRegisters.count - 1, isArray: isArray), location: name.location)
        }
    }

    /// A classical type for `const` and `input`: `float[64]`, `angle`, `int[32]`, `uint`, ...
    /// Returns whether it is an integer type.
    mutating func parseClassicalType() throws(InputError) -> Bool {
        let t = current
        let integer: Bool
        switch t.kind == .identifier ? t.text : "" {
        case "float", "angle": integer = false
        case "int", "uint": integer = true
        default:
            throw error("expected a type (float, angle, int or uint), found \(t.described)", at: t)
        }
        advance()
        if accept("[") {
            _ = try parseConstantInteger("type width", minimum: 1)
            try expect("]", "after the type width")
        }
        return integer
    }

    /// `const type name = expression;`: a compile-time constant.
    mutating func parseConstant() throws(InputError) {
        advance()
        let integer = try parseClassicalType()
        let name = try expectNewName("a constant name")
        try checkUndeclared(name)
        try expect("=", "after the constant name")
        let valueToken = current
        let e = try parseExpression(gate: nil)
        guard let value = e.constantValue else {
            throw error("the value of const '\(name.text)' must not depend on an input", at: valueToken)
        }
        if integer && value.rounded() != value {
            throw error("const '\(name.text)' is an integer but its value is \(value)", at: valueToken)
        }
        try expect(";", "after the constant declaration")
        state.symbols[name.text] = .init(symbol: .constant(value), location: name.location)
    }

    /// `input type name;`: a parameter bound when the circuit is built.
    mutating func parseInput() throws(InputError) {
        advance()
        let integer = try parseClassicalType()
        let name = try expectNewName("an input name")
        try checkUndeclared(name)
        try expect(";", "after the input declaration")
        state.inputs.append(QASMInput(name: name.text, location: name.location, isInteger: integer))
        state.symbols[name.text] = .init(symbol: .input(state.inputs.count - 1), location: name.location)
    }
}
