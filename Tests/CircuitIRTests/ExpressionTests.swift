import CircuitIR
import Foundation
import Numerics
import QKSupport
import Testing

/// Lexing and expressions, checked through the values that reach the IR.
struct ExpressionTests {
    /// The value of an OpenQASM 3 expression, read back from `gphase(expression);`.
    static func value3(_ expression: String, prelude: String = "") throws -> Double {
        let c = try QASMProgram.parse(source: "OPENQASM 3.0;\n\(prelude)gphase(\(expression));\n").circuit()
        guard c.operations.count == 1, case .globalPhase(let v) = c.operations[0].kind else {
            throw InputError("unexpected operations \(c.operations)")
        }
        return v
    }

    /// e^{i x} for an OpenQASM 2 expression x, read back from `u1(x)`.
    static func phase2(_ expression: String) throws -> Complex<Double> {
        let c = try QASMProgram.parse(source: "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nu1(\(expression)) q[0];\n").circuit()
        guard case .diagonal(let d) = c.operations[0].kind else { throw InputError("u1 is not diagonal") }
        return d[1]
    }

    static let openQASM3Cases: [(String, Double)] = [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("10 / 4", 2.5), ("7 - 2 - 1", 4), ("8 / 2 / 2", 2), ("-3 + 1", -2),
        ("- - 2", 2), ("+2", 2), ("2 ** 3 ** 2", 512), ("-2 ** 2", -4), ("2 ** -1", 0.5), ("7 % 3", 1),
        ("pi", .pi), ("π / 2", .pi / 2), ("tau", 2 * .pi), ("τ", 2 * .pi), ("euler", M_E), ("ℇ", M_E),
        ("sin(0.5) + cos(0.5)", sin(0.5) + cos(0.5)), ("tan(0.3)", tan(0.3)), ("exp(1.5)", exp(1.5)),
        ("ln(3)", log(3.0)), ("sqrt(2)", 2.0.squareRoot()), ("asin(0.2) + acos(0.2)", .pi / 2),
        ("arcsin(0.5)", asin(0.5)), ("arccos(0.5)", acos(0.5)), ("arctan(1)", .pi / 4), ("atan(2)", atan(2.0)),
        ("1_000.5", 1000.5), ("0x1F", 31), ("0b101", 5), ("0o17", 15), (".5e1", 5), ("1.e2", 100), ("1e-3", 0.001),
        ("2.5E+1", 25),
    ]

    static let openQASM2Cases: [(String, Double)] = [
        ("-2^2", -4.0), ("2^-1", 0.5), ("2^3^2", 512), ("-pi/2*3", -3 * Double.pi / 2), ("2*-3", -6),
        ("ln(2)+sqrt(2)+exp(1)+tan(1)", log(2.0) + 2.0.squareRoot() + exp(1.0) + tan(1.0)), ("1.e2", 100), (".5e-1", 0.05),
        ("1e3 / 250", 4), ("(((1)))", 1), ("2 * (3 - 1) ^ 2", 8),
    ]

    @Test(arguments: openQASM3Cases)
    func openQASM3Values(_ expression: String, _ expected: Double) throws {
        let v = try Self.value3(expression)
        #expect(abs(v - expected) <= 1e-12 * max(1, abs(expected)), "\(expression) = \(v), expected \(expected)")
    }

    @Test(arguments: openQASM2Cases)
    func openQASM2Values(_ expression: String, _ expected: Double) throws {
        // The same values Qiskit's OpenQASM 2 reader computes (e.g. -2^2 = -4, right-associative ^).
        let z = try Self.phase2(expression)
        #expect((z - Complex(length: 1, phase: expected)).length <= 1e-12, "\(expression)")
    }

    @Test func constantsAndInputsInExpressions() throws {
        let prelude = "const float[64] a = 1.5;\nconst angle b = a * 2;\nconst int[32] n = 3;\n"
        #expect(try Self.value3("a + b + n", prelude: prelude) == 1.5 + 3 + 3)
        let program = try QASMProgram.parse(
            source: "OPENQASM 3.0;\nconst float c = 0.25;\ninput float[64] x;\ninput angle[32] y;\ngphase(c * x - y / 2);\n")
        #expect(program.inputs == ["x", "y"])
        for (x, y) in [(1.0, 2.0), (-3.0, 0.5), (0.0, 0.0)] {
            let op = try program.circuit(parameters: ["x": x, "y": y]).operations[0]
            #expect(op.kind == .globalPhase(0.25 * x - y / 2))
        }
    }

    @Test func unicodeIdentifiersAndColumns() throws {
        // θ is one column: the error after it points at the right character.
        let source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ngate rθ(θ) q { rz(θ) q; }\nqubit q;\nrθ(0.5) q;\nrθ(θ) q;\n"
        do {
            _ = try QASMProgram.parse(source: source)
            Issue.record("θ outside the gate should be unknown")
        } catch {
            #expect(error.line == 6 && error.column == 4 && error.message.contains("unknown name 'θ'"), "\(error)")
        }
        let ok = try QASMProgram.parse(source: source.replacingOccurrences(of: "rθ(θ) q;\n", with: "")).circuit()
        #expect(ok.operations.count == 1 && ok.operations[0].name == "rz")
    }

    @Test("Scalars of two to four UTF-8 bytes, a byte-order mark, a stray non-ASCII character: columns in scalars")
    func multiByteScalars() throws {
        // 𝛼 (U+1D6FC) is a letter of four bytes, é two; the mark is skipped wherever it is.
        let source = "\u{FEFF}OPENQASM 3.0;\ninclude \"stdgates.inc\";\ngate gé𝛼(𝛼) q { rz(𝛼) q; }\nqubit q;\u{FEFF}\ngé𝛼(0.5) q; gé𝛼(1) q → 2;\n"
        do {
            _ = try QASMProgram.parse(source: source)
            Issue.record("the arrow should be an error")
        } catch {
            #expect(error.line == 5 && error.column == 22, "\(error)")
            #expect(error.message.contains("unexpected character '→' (U+2192)"), "\(error)")
        }
        let circuit = try QASMProgram.parse(source: source.replacingOccurrences(of: " → 2", with: "")).circuit()
        #expect(circuit.operations.map(\.name) == ["rz", "rz"])
        let ascii = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nrz(0.5) q; rz(1) q;\n"
        #expect(circuit.operations.map(\.kind) == (try QASMProgram.parse(source: ascii).circuit()).operations.map(\.kind))
    }

    @Test func commentsAndLineEndings() throws {
        let source = "// header comment\r\nOPENQASM 3.0; /* block\r\n comment */ include \"stdgates.inc\";\r\nqubit q; // trailing\rh q;\n/* multi\nline */ x q;\n  bogus"
        do {
            _ = try QASMProgram.parse(source: source)
            Issue.record("the trailing word should be an error")
        } catch {
            // Lines count \r\n, \r and \n breaks each once.
            #expect(error.line == 8 && error.column == 3, "\(error)")
        }
        let c = try QASMProgram.parse(source: String(source.dropLast(7))).circuit()
        #expect(c.operations.map(\.name) == ["h", "x"])
    }

    @Test func lexerErrorsOnStrayInput() {
        for (source, fragment) in [("OPENQASM 3.0;\nqubit q;\nh q; `", "unexpected character '`'"), ("OPENQASM 3.0; 1.5.", "bad number")] {
            #expect(throws: InputError.self) { try QASMProgram.parse(source: source) }
            do { _ = try QASMProgram.parse(source: source) } catch { #expect(error.message.contains(fragment), "\(error)") }
        }
    }
}
