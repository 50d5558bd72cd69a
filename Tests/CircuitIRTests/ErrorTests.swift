import CircuitIR
import Foundation
import QKSupport
import Testing

/// Malformed input: every case must give an `InputError` at the right line and column, saying what
/// was found and what was expected.
struct ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var fragment: String
        var parameters: [String: Double] = [:]
        var testDescription: String { fragment }
    }

    static let q2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n"  // body starts on line 3
    static let q3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"

    static let cases: [Case] = [
        // Names and signatures.
        Case(source: q2 + "qreg q[1];\nfoo q[0];\n", line: 4, column: 1, fragment: "unknown gate 'foo'"),
        Case(source: "OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", line: 3, column: 1, fragment: "include \"qelib1.inc\""),
        Case(source: "OPENQASM 3.0;\nqubit q;\nh q;\n", line: 3, column: 1, fragment: "include \"stdgates.inc\""),
        Case(source: q3 + "qubit[2] q;\nrzz(0.1) q[0], q[1];\n", line: 4, column: 1, fragment: "not in stdgates.inc"),
        Case(source: q2 + "qreg q[1];\nrz q[0];\n", line: 4, column: 1, fragment: "takes 1 parameter, found 0"),
        Case(source: q2 + "qreg q[1];\nh(0.1) q[0];\n", line: 4, column: 1, fragment: "takes 0 parameters, found 1"),
        Case(source: q2 + "qreg q[1];\nu3(1, 2) q[0];\n", line: 4, column: 1, fragment: "takes 3 parameters, found 2"),
        Case(source: q2 + "qreg q[2];\ncx q[0];\n", line: 4, column: 1, fragment: "acts on 2 qubits, found 1 operand"),
        Case(source: q2 + "qreg q[2];\nh q[0], q[1];\n", line: 4, column: 9, fragment: "acts on 1 qubit, found 2 operands"),
        Case(source: q3 + "qubit[2] q;\nctrl @ x q[0];\n", line: 4, column: 8, fragment: "acts on 2 qubits, found 1 operand"),
        Case(source: q2 + "qreg q[2];\nh r[0];\n", line: 4, column: 3, fragment: "undeclared register 'r'"),
        Case(source: q2 + "qreg q[2];\nrz(theta) q[0];\n", line: 4, column: 4, fragment: "unknown name 'theta'"),
        Case(source: q2 + "qreg q[2];\nq q[0];\n", line: 4, column: 1, fragment: "'q' is a register, not a gate"),
        Case(source: q2 + "qreg q[1];\ncreg c[1];\nx c;\n", line: 5, column: 3, fragment: "'c' is a classical register; expected a qubit"),
        Case(source: q2 + "qreg q[1];\nqreg q[2];\n", line: 4, column: 6, fragment: "redefinition of 'q' (first declared at <input>:3:6)"),
        Case(source: q2 + "gate h a { U(0, 0, 0) a; }\n", line: 3, column: 6, fragment: "redefinition of 'h' (a built-in gate)"),
        Case(source: q2 + "gate g a { x a; }\ngate g b { y b; }\n", line: 4, column: 6, fragment: "redefinition of 'g'"),
        Case(source: q2 + "gate rzz(a, b) x, y { cx x, y; }\n", line: 3, column: 6, fragment: "built in with 1 parameter(s) and 2 qubit(s)"),
        Case(source: q2 + "gate g(a, a) x { rz(a) x; }\n", line: 3, column: 11, fragment: "duplicate parameter name 'a'"),
        Case(source: q2 + "gate g x, x { h x; }\n", line: 3, column: 11, fragment: "duplicate argument name 'x'"),
        Case(source: q2 + "qreg if[2];\n", line: 3, column: 6, fragment: "found the keyword 'if'"),
        Case(source: q3 + "const float[64] pi = 3;\n", line: 3, column: 17, fragment: "'pi' is a built-in constant"),
        // Indices, sizes, broadcasting, operands.
        Case(source: q2 + "qreg q[2];\nh q[2];\n", line: 4, column: 5, fragment: "index 2 is out of range for register 'q' of size 2"),
        Case(source: q2 + "qreg q[2];\nh q[-1];\n", line: 4, column: 5, fragment: "index -1 is out of range"),
        Case(source: q2 + "qreg q[2];\nh q[0.5];\n", line: 4, column: 5, fragment: "index 0.5 is out of range"),
        Case(source: q2 + "qreg q[0];\n", line: 3, column: 8, fragment: "expected an integer register size of at least 1"),
        Case(source: q2 + "qreg q[4000];\nqreg r[97];\n", line: 4, column: 6, fragment: "would exceed the 4096 qubits a program may declare"),
        Case(source: q3 + "gate g2 a { pow(3000) @ x a; }\nqubit q;\npow(4000) @ g2 q;\n", line: 5, column: 13, fragment: "expands to more than 10000000 operations"),
        Case(source: q2 + "qreg a[2];\nqreg b[3];\ncx a, b;\n", line: 5, column: 7, fragment: "size mismatch: 'b' has 3 qubits but 'a' has 2"),
        Case(source: q2 + "qreg q[2];\ncx q[0], q[0];\n", line: 4, column: 1, fragment: "qubit q[0] is used twice"),
        Case(source: q2 + "qreg q[2];\ncx q, q[1];\n", line: 4, column: 1, fragment: "qubit q[1] is used twice"),
        Case(source: q3 + "qubit[2] q;\nctrl @ x q[1], q[1];\n", line: 4, column: 8, fragment: "used twice"),
        Case(source: q3 + "qubit q;\nh q[0];\n", line: 4, column: 4, fragment: "single qubit and cannot be indexed"),
        Case(source: q2 + "qreg q[2];\ncreg c[3];\nmeasure q -> c;\n", line: 5, column: 14, fragment: "measuring 2 qubits of 'q' into 3 bits of 'c'"),
        Case(source: q2 + "qreg q[2];\ncreg c[2];\nmeasure q -> c[0];\n", line: 5, column: 1, fragment: "both must be registers of equal size or both single bits"),
        Case(source: q2 + "qreg q[2];\nmeasure q -> q;\n", line: 4, column: 14, fragment: "'q' is a quantum register; expected a classical bit"),
        Case(source: q3 + "qubit[2] q;\nmeasure q;\n", line: 4, column: 10, fragment: "a measurement needs a target"),
        Case(source: q2 + "qreg q[1];\ncreg c[2];\nif(c==4) x q[0];\n", line: 5, column: 7, fragment: "the value 4 does not fit in the 2 bit(s) of 'c'"),
        Case(source: q2 + "qreg q[1];\ncreg c[2];\nif(c<2) x q[0];\n", line: 5, column: 5, fragment: "expected '==' in the condition"),
        Case(source: q3 + "qubit q;\nbit c;\nif (c) { if (c) x q; }\n", line: 5, column: 10, fragment: "nested 'if' statements are not supported"),
        Case(source: q3 + "qubit q;\nbit c;\nif (c) x q;\nelse y q;\n", line: 6, column: 1, fragment: "'else' is not supported"),
        Case(source: q3 + "qubit q;\nbit c;\nif (c) qubit r;\n", line: 5, column: 8, fragment: "only gates, measure and reset may be conditioned"),
        Case(source: q3 + "qubit[2] q;\nh $0;\n", line: 4, column: 3, fragment: "cannot be mixed with declared qubit registers"),
        Case(source: q3 + "h $0;\nqubit[2] q;\n", line: 4, column: 10, fragment: "program that uses physical qubits"),
        // Lexical errors.
        Case(source: q3 + "qubit q;\n/* never closed\nh q;\n", line: 4, column: 1, fragment: "unterminated comment"),
        Case(source: q2 + "qreg q[1]\nh q[0];\n", line: 3, column: 10, fragment: "expected ';' after the register declaration, found 'h'"),
        Case(source: q2 + "qreg q[1];\nh q[0]\n", line: 4, column: 7, fragment: "expected ';' after the gate application, found end of file"),
        Case(source: q2 + "qreg q[1];\nrz(1.2.3) q[0];\n", line: 4, column: 4, fragment: "bad number '1.2.3'"),
        Case(source: q2 + "qreg q[1];\nrz(2x) q[0];\n", line: 4, column: 4, fragment: "bad number '2x'"),
        Case(source: q2 + "qreg q[1];\nrz(1e) q[0];\n", line: 4, column: 4, fragment: "bad number '1e'"),
        Case(source: q2 + "qreg q[1];\nrz(99999999999999999999) q[0];\n", line: 4, column: 4, fragment: "integer too large"),
        Case(source: q3 + "qubit q;\nrz(0b102) q;\n", line: 4, column: 4, fragment: "bad number '0b102'"),
        Case(source: "OPENQASM 2.0;\ninclude \"qelib1.inc;\n", line: 2, column: 9, fragment: "unterminated string"),
        Case(source: q2 + "qreg q[1];\nh q[0]; #\n", line: 4, column: 9, fragment: "unexpected character '#'"),
        Case(source: q2 + "qreg q[1];\nrz((1 + 2 q[0]);\n", line: 4, column: 11, fragment: "expected ')' to close the parenthesis opened at line 4, column 4"),
        Case(source: q2 + "qreg q[1];\nrz(*2) q[0];\n", line: 4, column: 4, fragment: "expected a number, name or '('"),
        Case(source: q2 + "qreg q[1];\nrz(sin) q[0];\n", line: 4, column: 4, fragment: "function 'sin' needs an argument"),
        // Versions and features.
        Case(source: "OPENQASM 4.0;\n", line: 1, column: 10, fragment: "unsupported OpenQASM version '4.0'"),
        Case(source: q2 + "OPENQASM 2.0;\n", line: 3, column: 1, fragment: "must be the first statement"),
        Case(source: q2 + "qubit[2] q;\n", line: 3, column: 1, fragment: "'qubit' declaration is OpenQASM 3"),
        Case(source: q2 + "qreg q[1];\ninv @ x q[0];\n", line: 4, column: 1, fragment: "modifier 'inv @' is OpenQASM 3"),
        Case(source: q3 + "qubit q;\nrz(2 ^ 3) q;\n", line: 4, column: 6, fragment: "'^' is bitwise XOR in OpenQASM 3"),
        Case(source: q3 + "qubit q;\nfor int i in [0:2] { x q; }\n", line: 4, column: 1, fragment: "'for' is not supported"),
        Case(source: q3 + "qubit q;\nfloat[64] a = 1;\n", line: 4, column: 1, fragment: "'float' is not supported"),
        Case(source: q3 + "qubit q;\nbit c;\nc = 1;\n", line: 5, column: 5, fragment: "expected 'measure' on the right of '='"),
        Case(source: q2 + "include \"other.inc\";\n", line: 3, column: 9, fragment: "cannot read include file \"other.inc\""),
        // Gate definitions.
        Case(source: q2 + "gate g a { g a; }\n", line: 3, column: 12, fragment: "gate 'g' calls itself"),
        Case(source: q2 + "gate g a { h a;\n", line: 4, column: 1, fragment: "unterminated body of gate 'g'"),
        Case(source: q2 + "gate g a { measure a -> c; }\n", line: 3, column: 12, fragment: "'measure' is not allowed in the body of gate 'g'"),
        Case(source: q2 + "gate g a { h a[0]; }\n", line: 3, column: 15, fragment: "cannot be indexed"),
        Case(source: q2 + "gate g a { h b; }\n", line: 3, column: 14, fragment: "expected a qubit argument of gate 'g' (a)"),
        Case(source: q2 + "gate g a { rz(a) a; }\n", line: 3, column: 15, fragment: "'a' is a qubit argument of gate 'g', not a number"),
        Case(source: q2 + "opaque magic(t) a;\nqreg q[1];\nmagic(1) q[0];\n", line: 5, column: 1, fragment: "gate 'magic' is opaque"),
        Case(source: q2 + "opaque magic a;\ngate g b { magic b; }\n", line: 4, column: 12, fragment: "gate 'magic' is opaque"),
        Case(source: q3 + "input float w;\ngate g a { rz(w) a; }\n", line: 4, column: 15, fragment: "input 'w' cannot be used inside gate 'g'"),
        Case(source: q3 + "qubit q;\npow(0.5) @ x q;\n", line: 4, column: 5, fragment: "pow(0.5) @ is not supported"),
        Case(source: q3 + "qubit[2] q;\nctrl(0) @ x q[0];\n", line: 4, column: 6, fragment: "number of controls of 'ctrl' must be a constant integer"),
        // Expressions.
        Case(source: q2 + "qreg q[1];\nrz(1/0) q[0];\n", line: 4, column: 5, fragment: "division by zero"),
        Case(source: q2 + "qreg q[1];\nrz(sqrt(-1)) q[0];\n", line: 4, column: 4, fragment: "sqrt(-1.0) is not a finite real number"),
        Case(source: q2 + "qreg q[1];\nrz(ln(0)) q[0];\n", line: 4, column: 4, fragment: "ln(0.0) is not a finite real number"),
        Case(source: q3 + "input float v;\nconst float w = 2 * v;\n", line: 4, column: 17, fragment: "must not depend on an input"),
        Case(source: q3 + "const int n = 2.5;\n", line: 3, column: 15, fragment: "const 'n' is an integer but its value is 2.5"),
        // Errors found when binding and expanding.
        Case(source: q2 + "gate g(x) a { rz(1 / x) a; }\nqreg q[1];\ng(0) q[0];\n", line: 3, column: 20, fragment: "division by zero"),
        Case(source: q3 + "input float k;\nqubit q;\npow(k) @ x q;\n", line: 5, column: 5, fragment: "pow(0.5) @ is not supported", parameters: ["k": 0.5]),
        Case(source: q3 + "input float v;\nqubit q;\nrz(1 / v) q;\n", line: 5, column: 6, fragment: "division by zero", parameters: ["v": 0]),
        Case(source: q3 + "input float v;\nqubit q;\nrz(v) q;\n", line: 3, column: 13, fragment: "no value given for input parameter 'v'"),
        Case(source: q3 + "input int n;\nqubit q;\nrz(n) q;\n", line: 3, column: 11, fragment: "input parameter 'n' is an integer, got 1.5", parameters: ["n": 1.5]),
    ]

    @Test(arguments: cases)
    func reportsLocationAndMessage(_ c: Case) {
        do {
            let program = try QASMProgram.parse(source: c.source)
            _ = try program.circuit(parameters: c.parameters)
            Issue.record("no error for: \(c.fragment)")
        } catch {
            #expect(error.file == "<input>")
            #expect(error.line == c.line && error.column == c.column, "\(error)")
            #expect(error.message.contains(c.fragment), "\(error)")
        }
    }

    @Test func unknownParameterIsNamed() throws {
        let program = try QASMProgram.parse(source: Self.q3 + "input float v;\nqubit q;\nrz(v) q;\n", fileName: "map.qasm")
        #expect(throws: InputError("unknown parameter 'y': the program has no input of that name (its inputs are v)", file: "map.qasm")) {
            try program.circuit(parameters: ["v": 1, "y": 2])
        }
        let none = try QASMProgram.parse(source: Self.q3 + "qubit q;\n")
        #expect(throws: InputError("unknown parameter 'z': the program has no input of that name (it declares none)", file: "<input>")) {
            try none.circuit(parameters: ["z": 1])
        }
    }

    @Test func unreadableFileIsNamed() {
        #expect(throws: InputError("cannot read the circuit file (it does not exist or is not readable)", file: "/no/such/dir/x.qasm")) {
            try QASMProgram.parse(contentsOf: "/no/such/dir/x.qasm")
        }
    }

    @Test func errorsNameTheFileTheyComeFrom() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qksim-include-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = dir.appendingPathComponent("lib.inc").path
        let main = dir.appendingPathComponent("main.qasm").path
        try "// helpers\ngate flip a { x a; }\ngate bad(t) a { rz(1 / t) a; }\n".write(toFile: lib, atomically: true, encoding: .utf8)
        try (Self.q2 + "include \"lib.inc\";\nqreg q[1];\nflip q[0];\n").write(toFile: main, atomically: true, encoding: .utf8)
        // A relative include is read from next to the including file.
        let circuit = try QASMProgram.parse(contentsOf: main).circuit()
        #expect(circuit.operations.map(\.name) == ["x"])
        // An error inside the included file names that file.
        try (Self.q2 + "include \"lib.inc\";\nqreg q[1];\nbad(0) q[0];\n").write(toFile: main, atomically: true, encoding: .utf8)
        let program = try QASMProgram.parse(contentsOf: main)
        #expect(throws: InputError("division by zero: the divisor evaluates to 0", file: lib, line: 3, column: 22)) {
            try program.circuit()
        }
        // An include cycle is reported instead of recursing forever.
        try "include \"lib.inc\";\n".write(toFile: lib, atomically: true, encoding: .utf8)
        do {
            _ = try QASMProgram.parse(contentsOf: main)
            Issue.record("no error for an include cycle")
        } catch {
            #expect(error.file == lib && error.message.contains("include cycle"), "\(error)")
        }
    }

    /// Robustness: every prefix of real files, and seeded random corruptions of them, either parse or
    /// give an InputError (a crash would abort the test run).
    @Test func truncatedAndCorruptedFilesNeverCrash() throws {
        var generator = SeededGenerator(seed: 2024)
        let alphabet = Array("qc[]();,{}@->=+-*/^.0123456789 \n/*\"$hxπ")
        var errors = 0, successes = 0
        for name in ["modifiers.qasm", "teleport.qasm", "adder.qasm", "zz_feature_map.qasm"] {
            let text = Array(try String(contentsOfFile: Fixtures.examplePath(name), encoding: .utf8))
            var variants: [String] = stride(from: 0, through: text.count, by: 3).map { String(text[0..<$0]) }
            for _ in 0..<300 {
                var t = text
                for _ in 0..<(1 + Int(generator.next() % 3)) {
                    let i = Int(generator.next() % UInt64(t.count))
                    switch generator.next() % 3 {
                    case 0: t.remove(at: i)
                    case 1: t.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: i)
                    default: t[i] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    }
                }
                variants.append(String(t))
            }
            for source in variants {
                do {
                    let program = try QASMProgram.parse(source: source)
                    let parameters = Dictionary(uniqueKeysWithValues: program.inputs.map { ($0, 0.5) })
                    _ = try program.circuit(parameters: parameters)
                    successes += 1
                } catch {
                    #expect(error.line != nil && error.column != nil, "\(error)")
                    errors += 1
                }
            }
        }
        #expect(errors > 500 && successes > 10)
    }
}
