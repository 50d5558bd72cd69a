import CircuitIR
import Numerics
import Testing

/// Registers, broadcasting, measurement, reset, barrier, conditions, and the program API.
struct StatementTests {
    static func circuit(_ source: String, _ parameters: [String: Double] = [:]) throws -> Circuit {
        try QASMProgram.parse(source: source).circuit(parameters: parameters)
    }

    static let q2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n"
    static let q3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"

    @Test func registersAreNumberedFlatInDeclarationOrder() throws {
        let p = try QASMProgram.parse(source: Self.q2 + "qreg a[2];\ncreg m[3];\nqreg b[3];\ncreg n[1];\nx b[1];\nmeasure b[2] -> n[0];\n")
        #expect(p.qubitCount == 5 && p.clbitCount == 4)
        #expect(p.qubitRegisters == [Circuit.Register(name: "a", start: 0, size: 2), Circuit.Register(name: "b", start: 2, size: 3)])
        #expect(p.classicalRegisters == [Circuit.Register(name: "m", start: 0, size: 3), Circuit.Register(name: "n", start: 3, size: 1)])
        let c = try p.circuit()
        #expect(c.qubitRegisters == p.qubitRegisters && c.classicalRegisters == p.classicalRegisters)
        #expect(c.operations[0].qubits == [3])
        #expect(c.operations[1].kind == .measure(clbit: 3) && c.operations[1].qubits == [4])
        // OpenQASM 3 declarations, single qubits and bits included.
        let p3 = try QASMProgram.parse(source: Self.q3 + "qubit a;\nqubit[2] b;\nbit c;\nbit[2] d;\nqreg e[1];\n")
        #expect(p3.qubitRegisters.map(\.name) == ["a", "b", "e"] && p3.qubitRegisters.map(\.start) == [0, 1, 3])
        #expect(p3.classicalRegisters.map(\.size) == [1, 2])
    }

    @Test func broadcasting() throws {
        let c = try Self.circuit(Self.q2 + "qreg a[3];\nqreg b[3];\nqreg w[1];\nh a;\ncx a, b;\ncx w[0], b;\nccx a, w[0], b;\n")
        let targets = c.operations.map { $0.allQubits }
        #expect(targets[0..<3] == [[0], [1], [2]])
        // cx a, b: targets b[i], controls a[i].
        #expect(targets[3..<6] == [[3, 0], [4, 1], [5, 2]])
        #expect(targets[6..<9] == [[3, 6], [4, 6], [5, 6]])
        #expect(targets[9..<12] == [[3, 0, 6], [4, 1, 6], [5, 2, 6]])
        // OpenQASM 3 slices broadcast like registers (inclusive ends).
        let s = try Self.circuit(Self.q3 + "qubit[4] q;\nh q[1:2];\ncx q[0:1], q[2:3];\nx q[0:2:3];\n")
        #expect(s.operations.map(\.allQubits) == [[1], [2], [2, 0], [3, 1], [0], [2]])
    }

    @Test func measureResetAndBarrier() throws {
        let c = try Self.circuit(Self.q2 + "qreg q[2];\nqreg r[1];\ncreg c[2];\nbarrier q, r[0], q[1];\nreset q;\nmeasure q -> c;\nmeasure r[0] -> c[1];\n")
        #expect(c.operations[0].kind == .barrier && c.operations[0].qubits == [0, 1, 2])
        #expect(c.operations[1...2].map(\.kind) == [.reset, .reset] && c.operations[1...2].map(\.qubits) == [[0], [1]])
        #expect(c.operations[3...].map(\.kind) == [.measure(clbit: 0), .measure(clbit: 1), .measure(clbit: 1)])
        #expect(c.operations[3...].map(\.qubits) == [[0], [1], [2]])
        #expect(c.gateCount == 5 && c.needsShotByShot)
        // OpenQASM 3 forms.
        let d = try Self.circuit(Self.q3 + "qubit[2] q;\nbit[2] c;\nbit b;\nc = measure q;\nc[1] = measure q[0];\nb = measure q[1];\nmeasure q -> c;\nbarrier;\n")
        #expect(d.operations.compactMap { if case .measure(let k) = $0.kind { k } else { nil } } == [0, 1, 1, 2, 0, 1])
        #expect(d.operations.last?.kind == .barrier && d.operations.last?.qubits == [0, 1])
    }

    @Test func conditions() throws {
        let c = try Self.circuit(Self.q2 + "qreg q[2];\ncreg a[1];\ncreg c[3];\nif(c==5) h q;\nif(a==1) measure q[0] -> c[0];\nif(c==0) reset q[1];\n")
        #expect(c.operations.count == 4)
        #expect(c.operations[0...1].allSatisfy { $0.condition == Condition(clbits: [1, 2, 3], value: 5) })
        #expect(c.operations[2].condition == Condition(clbits: [0], value: 1) && c.operations[2].kind == .measure(clbit: 1))
        #expect(c.operations[3].condition == Condition(clbits: [1, 2, 3], value: 0))
        let d = try Self.circuit(Self.q3 + "qubit[2] q;\nbit[2] c;\nif (c[1] == 1) { x q[0]; cx q[0], q[1]; }\nif (c[0]) z q[1];\nif (c[0] == false) y q[0];\nif (c == 2) ctrl @ h q[0], q[1];\n")
        #expect(d.operations.map(\.condition) == [
            Condition(clbits: [1], value: 1), Condition(clbits: [1], value: 1), Condition(clbits: [0], value: 1),
            Condition(clbits: [0], value: 0), Condition(clbits: [0, 1], value: 2),
        ])
    }

    @Test func userGatesExpandIntoStandardOperations() throws {
        let c = try Self.circuit(Self.q2 + "gate inner(t) a { rz(t) a; }\ngate outer(s) a, b { inner(2 * s) b; cx a, b; barrier a, b; }\nqreg q[2];\nouter(0.25) q[1], q[0];\n")
        #expect(c.operations.map(\.name) == ["rz", "cx", "barrier"])
        #expect(c.operations[0].qubits == [0] && c.operations[1].controls == [Control(qubit: 1)] && c.operations[2].qubits == [1, 0])
        guard case .diagonal(let d) = c.operations[0].kind else {
            Issue.record("rz is not diagonal")
            return
        }
        #expect((d[1] - Complex(length: 1, phase: 0.25)).length < 1e-15)
        #expect(c.gateCount == 2 && c.depth == 2)
    }

    @Test func qiskitExtensionsMayBeRedefinedWithTheSameSignature() throws {
        // Older Qiskit exports define rzz themselves; like Qiskit, the exact built-in is used.
        let defined = try Self.circuit(Self.q2 + "gate rzz(theta) a, b { cx a, b; u1(theta) b; cx a, b; }\nqreg q[2];\nrzz(0.3) q[0], q[1];\n")
        let builtin = try Self.circuit(Self.q2 + "qreg q[2];\nrzz(0.3) q[0], q[1];\n")
        #expect(defined.operations == builtin.operations && defined.operations.count == 1)
        // And they exist without the include, as in Qiskit.
        #expect(try Self.circuit("OPENQASM 2.0;\nqreg q[2];\ncp(0.1) q[0], q[1];\nU(1, 2, 3) q[0];\nCX q[0], q[1];\n").operations.count == 3)
    }

    @Test func gphaseAndGlobalPhaseCounting() throws {
        let c = try Self.circuit(Self.q3 + "qubit[2] q;\ngphase(0.5);\nh q[0];\nctrl @ gphase(0.2) q[1];\n")
        #expect(c.operations.map(\.kind)[0] == .globalPhase(0.5) && c.operations[0].qubits.isEmpty)
        // Like Qiskit's size() and depth(): the uncontrolled phase is not a gate.
        #expect(c.gateCount == 2 && c.depth == 1)
    }

    @Test func parseOnceBindMany() throws {
        let program = try QASMProgram.parse(source: Self.q3 + "input float[64] a;\ninput float[64] b;\nqubit[2] q;\nry(a) q[0];\ncrz(a * b) q[0], q[1];\n")
        #expect(program.version == 3 && program.inputs == ["a", "b"] && program.qubitCount == 2)
        for i in 0..<50 {
            let a = Double(i) / 7, b = -Double(i) / 3
            let c = try program.circuit(parameters: ["a": a, "b": b])
            #expect(c.operations[0].kind == .unitary(.ry(a)))
            #expect(c.operations[1].kind == .diagonal([.one, Complex(length: 1, phase: -a * b / 2), .one, Complex(length: 1, phase: a * b / 2)]))
        }
    }

    @Test func versionDefaultsToThree() throws {
        let p = try QASMProgram.parse(source: "include \"stdgates.inc\";\nqubit q;\nh q;\n")
        #expect(p.version == 3)
        #expect(try QASMProgram.parse(source: "OPENQASM 3;\n").version == 3)
        #expect(try QASMProgram.parse(source: "OPENQASM 2.0;\n").version == 2)
    }
}
