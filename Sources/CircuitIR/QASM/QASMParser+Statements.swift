import QKSupport

/// A register or bit named as an operand: `q`, `q[2]`, or (OpenQASM 3) a slice `q[0:2]`.
struct QASMOperand {
    /// The flat qubit or classical-bit indices it denotes.
    var bits: [Int]
    /// A whole register or a slice, which broadcasts; a single bit does not.
    var isRegister: Bool
    /// The operand's name token, where errors about it point.
    var token: QASMToken
}

/// Operands, broadcasting, and the non-gate statements: measure, reset, barrier, if.
extension QASMParser {
    // MARK: Operands

    mutating func parseOperand(quantum: Bool) throws(InputError) -> QASMOperand {
        let t = current
        let kind = quantum ? "qubit" : "classical bit"
        if t.isSymbol("$") && quantum { return try parseHardwareQubit() }
        guard t.kind == .identifier else {
            throw error("expected a \(kind) operand (a register or 'register[index]'), found \(t.described)", at: t)
        }
        let register: Circuit.Register
        let isArray: Bool
        switch state.symbols[t.text]?.symbol {
        case .qubits(let r, let array) where quantum:
            register = state.qubitRegisters[r]
            isArray = array
        case .clbits(let r, let array) where !quantum:
            register = state.classicalRegisters[r]
            isArray = array
        case .qubits: throw error("'\(t.text)' is a quantum register; expected a classical bit here", at: t)
        case .clbits: throw error("'\(t.text)' is a classical register; expected a qubit here", at: t)
        case .gate: throw error("'\(t.text)' is a gate; expected a \(kind) operand", at: t)
        case .constant, .input: throw error("'\(t.text)' is a number; expected a \(kind) operand", at: t)
        case nil:
            throw error("undeclared register '\(t.text)'; declare it with '\(quantum ? "qreg" : "creg") \(t.text)[n];' first", at: t)
        }
        advance()
        guard current.isSymbol("[") else {
            return QASMOperand(bits: Array(register.start..<(register.start + register.size)), isRegister: isArray, token: t)
        }
        if !isArray { throw error("'\(t.text)' is a single \(kind) and cannot be indexed", at: current) }
        advance()
        var indices = [try parseIndex(register)]
        var isSlice = false
        if current.isSymbol(":") {
            try requireVersion3(current, "a register slice")
            isSlice = true
            advance()
            indices.append(try parseIndex(register))
            if accept(":") { indices.append(try parseIndex(register)) }
        }
        try expect("]", "after the index")
        if !isSlice { return QASMOperand(bits: [register.start + indices[0]], isRegister: false, token: t) }
        // OpenQASM 3 ranges are inclusive: [start:end] or [start:step:end].
        let start = indices[0], end = indices.last ?? start
        let step = indices.count == 3 ? indices[1] : 1
        guard step > 0, start <= end else {
            throw error("empty or backwards slice of '\(t.text)'; expected [start:end] with start <= end", at: t)
        }
        return QASMOperand(
            bits: stride(from: start, through: end, by: step).map { register.start + $0 }, isRegister: true, token: t)
    }

    /// `$n`, OpenQASM 3's physical qubit `n` (Qiskit exports transpiled circuits this way). A program
    /// that uses them declares no qubits; physical qubit `n` is qubit `n` of the circuit.
    private mutating func parseHardwareQubit() throws(InputError) -> QASMOperand {
        let dollar = advance()
        try requireVersion3(dollar, "a physical qubit '$n'")
        guard case .integer(let n) = current.kind, current.location.column == dollar.end.column,
            current.location.line == dollar.end.line
        else {
            throw error("expected a physical qubit number right after '$', found \(current.described)", at: current)
        }
        if !state.qubitRegisters.isEmpty {
            throw error("physical qubit '$\(n)' cannot be mixed with declared qubit registers", at: dollar)
        }
        guard n < Self.maximumHardwareQubit else {
            throw error("physical qubit '$\(n)' is beyond the supported range ($0 to $\(Self.maximumHardwareQubit - 1))", at: dollar)
        }
        advance()
        state.hardwareQubitCount = max(state.hardwareQubitCount ?? 0, n + 1)
        return QASMOperand(bits: [n], isRegister: false, token: dollar)
    }

    static let maximumHardwareQubit = 4096

    private mutating func parseIndex(_ register: Circuit.Register) throws(InputError) -> Int {
        let t = current
        let e = try parseExpression(gate: nil)
        guard let v = e.constantValue else { throw error("an index must be a constant, not depend on an input", at: t) }
        guard v.rounded() == v, v >= 0, v < Double(register.size) else {
            throw error(
                "index \(v.rounded() == v ? String(Int(v)) : String(v)) is out of range for register '\(register.name)' of size \(register.size) (valid: 0 to \(register.size - 1))",
                at: t)
        }
        return Int(v)
    }

    /// Name of flat qubit `i` for messages, `q[3]`.
    func qubitName(_ i: Int) -> String {
        if state.hardwareQubitCount != nil { return "$\(i)" }
        for r in state.qubitRegisters where i >= r.start && i < r.start + r.size { return "\(r.name)[\(i - r.start)]" }
        return "qubit \(i)"
    }

    /// OpenQASM broadcasting: every register operand must have the same size `n`, and the statement
    /// means `n` applications, the `i`-th taking element `i` of each register and the single qubits
    /// as given.
    func broadcast(_ operands: [QASMOperand], at statement: QASMToken) throws(InputError) -> [[Int]] {
        var first: QASMOperand?
        for op in operands where op.isRegister {
            guard let f = first else {
                first = op
                continue
            }
            if op.bits.count != f.bits.count {
                throw error(
                    "size mismatch: '\(op.token.text)' has \(op.bits.count) qubits but '\(f.token.text)' has \(f.bits.count); registers in one statement must have equal sizes",
                    at: op.token)
            }
        }
        let n = first?.bits.count ?? 1
        var instances: [[Int]] = []
        instances.reserveCapacity(n)
        for i in 0..<n {
            let qubits = operands.map { $0.isRegister ? $0.bits[i] : $0.bits[0] }
            if Set(qubits).count != qubits.count {
                let repeated = qubits.first { q in qubits.filter { $0 == q }.count > 1 } ?? qubits[0]
                throw error(
                    "qubit \(qubitName(repeated)) is used twice in one application of '\(statement.text)'; operands must be distinct",
                    at: statement)
            }
            instances.append(qubits)
        }
        return instances
    }

    // MARK: Measure, reset, barrier

    /// `measure q -> c;` (both versions).
    mutating func parseMeasureArrow(condition: Condition?) throws(InputError) {
        let keyword = advance()
        let q = try parseOperand(quantum: true)
        if current.isSymbol(";") {
            throw error("a measurement needs a target: write 'measure q -> c;' or 'c = measure q;'", at: current)
        }
        try expect("->", "after the measured qubits (write 'measure q -> c;')")
        let c = try parseOperand(quantum: false)
        try expect(";", "after the measurement")
        try appendMeasure(q, c, at: keyword, condition: condition)
    }

    /// `c = measure q;` and `c[i] = measure q[j];` (OpenQASM 3).
    mutating func parseMeasureAssignment(condition: Condition?) throws(InputError) {
        try requireVersion3(current, "'c = measure q;'")
        let c = try parseOperand(quantum: false)
        try expect("=", "after the classical target (only 'bit = measure qubit;' assignments are supported)")
        let keyword = current
        guard keyword.isIdentifier("measure") else {
            throw error("expected 'measure' on the right of '=', found \(keyword.described); other assignments are not supported", at: keyword)
        }
        advance()
        let q = try parseOperand(quantum: true)
        try expect(";", "after the measurement")
        try appendMeasure(q, c, at: keyword, condition: condition)
    }

    private mutating func appendMeasure(
        _ q: QASMOperand, _ c: QASMOperand, at keyword: QASMToken, condition: Condition?
    ) throws(InputError) {
        guard q.isRegister == c.isRegister || (q.bits.count == 1 && c.bits.count == 1) else {
            throw error(
                "measure '\(q.token.text)' into '\(c.token.text)': both must be registers of equal size or both single bits",
                at: keyword)
        }
        guard q.bits.count == c.bits.count else {
            throw error(
                "size mismatch: measuring \(q.bits.count) qubits of '\(q.token.text)' into \(c.bits.count) bits of '\(c.token.text)'",
                at: c.token)
        }
        state.statements.append(.measure(qubits: q.bits, clbits: c.bits, condition: condition))
    }

    /// `reset q;` or `reset q[0], r;`: every named qubit to |0>.
    mutating func parseReset(condition: Condition?) throws(InputError) {
        advance()
        var qubits: [Int] = []
        repeat { qubits += try parseOperand(quantum: true).bits } while accept(",")
        try expect(";", "after the reset")
        state.statements.append(.reset(qubits, condition: condition))
    }

    /// `barrier q, r[0];`, or in OpenQASM 3 `barrier;` for every qubit.
    mutating func parseBarrier() throws(InputError) {
        let keyword = advance()
        var qubits: [Int] = []
        if current.isSymbol(";") {
            try requireVersion3(keyword, "'barrier;' without operands")
            qubits = Array(0..<state.qubitCount)
        } else {
            repeat { qubits += try parseOperand(quantum: true).bits } while accept(",")
        }
        try expect(";", "after the barrier")
        var seen = Set<Int>()
        state.statements.append(.barrier(qubits.filter { seen.insert($0).inserted }))
    }

    // MARK: If

    /// `if (c == n) statement`, and in OpenQASM 3 also `if (c[i] == b)` (b an integer, `true` or
    /// `false`), `if (c[i])`, and a block `{ ... }` of statements under one condition.
    mutating func parseIf() throws(InputError) {
        advance()
        try expect("(", "after 'if'")
        let c = try parseOperand(quantum: false)
        var value = 1
        let valueToken: QASMToken
        if accept("==") {
            valueToken = current
            if current.isIdentifier("true") || current.isIdentifier("false") {
                value = current.text == "true" ? 1 : 0
                advance()
            } else {
                value = try parseConstantInteger("comparison value", minimum: 0)
            }
        } else if current.isSymbol(")") && c.bits.count == 1 {
            valueToken = c.token
        } else {
            throw error("expected '==' in the condition (only 'register == integer' is supported), found \(current.described)", at: current)
        }
        try expect(")", "to close the condition")
        guard c.bits.count <= 64 else {
            throw error("a condition can test at most 64 bits; '\(c.token.text)' has \(c.bits.count)", at: c.token)
        }
        // Comparison values are below 1e15 < 2^50, so a register of 50 or more bits holds any of them.
        guard c.bits.count >= 50 || value < (1 << c.bits.count) else {
            throw error("the value \(value) does not fit in the \(c.bits.count) bit(s) of '\(c.token.text)'", at: valueToken)
        }
        let condition = Condition(clbits: c.bits, value: UInt64(value))
        if current.isSymbol("{") {
            try requireVersion3(current, "an 'if' block")
            let open = advance()
            while !accept("}") {
                if current.kind == .end {
                    throw error("unterminated 'if' block: expected '}' to close the '{' at line \(open.location.line)", at: current)
                }
                try parseStatement(condition: condition)
            }
        } else {
            try parseStatement(condition: condition)
        }
    }
}
