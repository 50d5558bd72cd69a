import CircuitIR
import Numerics
import Testing

/// OpenQASM 3 gate modifiers, checked against the algebra they mean: inv @ g is g's adjoint,
/// ctrl @ g is the block matrix diag(I, U_g) with U_g's global phase included, pow(k) @ g is U_g^k.
struct ModifierTests {
    typealias C = Complex<Double>

    static let header = """
        OPENQASM 3.0;
        include "stdgates.inc";
        gate g(a) x, y { gphase(a / 3); ry(a) x; crz(2 * a) x, y; sx y; h x; }

        """

    static func unitary(_ body: String, qubits: Int) throws -> [C] {
        let program = try QASMProgram.parse(source: Self.header + "qubit[\(qubits)] q;\n" + body)
        return DenseReference.unitary(try program.circuit())
    }

    static func adjoint(_ m: [C], _ n: Int) -> [C] {
        (0..<(n * n)).map { m[($0 % n) * n + $0 / n].conjugate }
    }

    static func multiply(_ a: [C], _ b: [C], _ n: Int) -> [C] {
        (0..<(n * n)).map { i in (0..<n).reduce(C.zero) { $0 + a[(i / n) * n + $1] * b[$1 * n + i % n] } }
    }

    static func identity(_ n: Int) -> [C] { (0..<(n * n)).map { $0 / n == $0 % n ? .one : .zero } }

    /// The matrix of `u` (on the low qubits) controlled by the highest qubit reading `value`.
    static func controlled(_ u: [C], _ n: Int, value: Bool) -> [C] {
        var m = identity(2 * n)
        let offset = value ? n : 0
        for r in 0..<n { for c in 0..<n { m[(r + offset) * 2 * n + c + offset] = u[r * n + c] } }
        return m
    }

    @Test func inverseIsAdjoint() throws {
        let u = try Self.unitary("g(0.7) q[0], q[1];\n", qubits: 2)
        let inv = try Self.unitary("inv @ g(0.7) q[0], q[1];\n", qubits: 2)
        #expect(Fixtures.maxDistance(inv, Self.adjoint(u, 4)) <= 1e-13)
        #expect(Fixtures.maxDistance(Self.multiply(inv, u, 4), Self.identity(4)) <= 1e-13)
        // Every standard gate as well, diagonal and phase kinds included.
        for gate in ["s", "t", "rz(0.3)", "p(1.1)", "u3(0.1, 0.2, 0.3)", "sx", "u2(0.4, 0.5)"] {
            let a = try Self.unitary("\(gate) q[0];\n", qubits: 1)
            let b = try Self.unitary("inv @ \(gate) q[0];\n", qubits: 1)
            #expect(Fixtures.maxDistance(b, Self.adjoint(a, 2)) <= 1e-14, "\(gate)")
        }
        for gate in ["cp(0.3) q[0], q[1]", "crz(0.9) q[1], q[0]", "cu(0.1, 0.2, 0.3, 0.4) q[0], q[1]", "swap q[0], q[1]"] {
            let a = try Self.unitary("\(gate);\n", qubits: 2)
            let b = try Self.unitary("inv @ \(gate);\n", qubits: 2)
            #expect(Fixtures.maxDistance(b, Self.adjoint(a, 4)) <= 1e-14, "\(gate)")
        }
    }

    @Test func controlKeepsTheBodyPhase() throws {
        // q[2] controls g on (q[0], q[1]): the gphase inside g becomes a phase on the controlled block.
        let u = try Self.unitary("g(0.9) q[0], q[1];\n", qubits: 3)
        let u2 = Array((0..<16).map { u[($0 / 4) * 8 + $0 % 4] })  // g on the two low qubits
        let ctrl = try Self.unitary("ctrl @ g(0.9) q[2], q[0], q[1];\n", qubits: 3)
        #expect(Fixtures.maxDistance(ctrl, Self.controlled(u2, 4, value: true)) <= 1e-13)
        let negctrl = try Self.unitary("negctrl @ g(0.9) q[2], q[0], q[1];\n", qubits: 3)
        #expect(Fixtures.maxDistance(negctrl, Self.controlled(u2, 4, value: false)) <= 1e-13)
        // The phase really is there: dropping the gphase changes the controlled matrix.
        let ops = try QASMProgram.parse(source: Self.header + "qubit[3] q;\nctrl @ g(0.9) q[2], q[0], q[1];\n").circuit().operations
        #expect(ops.first?.kind == .globalPhase(0.3) && ops.first?.controls == [Control(qubit: 2)] && ops.first?.qubits == [])
    }

    @Test func multipleControls() throws {
        let ccx = try Self.unitary("ccx q[0], q[1], q[2];\n", qubits: 3)
        #expect(Fixtures.maxDistance(try Self.unitary("ctrl(2) @ x q[0], q[1], q[2];\n", qubits: 3), ccx) == 0)
        #expect(Fixtures.maxDistance(try Self.unitary("ctrl @ ctrl @ x q[0], q[1], q[2];\n", qubits: 3), ccx) == 0)
        #expect(Fixtures.maxDistance(try Self.unitary("ctrl @ cx q[0], q[1], q[2];\n", qubits: 3), ccx) == 0)
        // negctrl(2) @ x flips the target when both controls read 0: X conjugated by X on the controls.
        let neg = try Self.unitary("negctrl(2) @ x q[0], q[1], q[2];\n", qubits: 3)
        let conj = try Self.unitary("x q[0];\nx q[1];\nccx q[0], q[1], q[2];\nx q[0];\nx q[1];\n", qubits: 3)
        #expect(Fixtures.maxDistance(neg, conj) <= 1e-15)
        // ctrl @ gphase(a) is a phase gate on the control.
        let cg = try Self.unitary("ctrl @ gphase(0.4) q[0];\n", qubits: 1)
        let p = try Self.unitary("p(0.4) q[0];\n", qubits: 1)
        #expect(Fixtures.maxDistance(cg, p) <= 1e-15)
    }

    @Test func powersRepeatAndInvert() throws {
        let u = try Self.unitary("g(0.35) q[0], q[1];\n", qubits: 2)
        let cube = Self.multiply(u, Self.multiply(u, u, 4), 4)
        #expect(Fixtures.maxDistance(try Self.unitary("pow(3) @ g(0.35) q[0], q[1];\n", qubits: 2), cube) <= 1e-13)
        let ui = Self.adjoint(u, 4)
        #expect(Fixtures.maxDistance(try Self.unitary("pow(-2) @ g(0.35) q[0], q[1];\n", qubits: 2), Self.multiply(ui, ui, 4)) <= 1e-13)
        #expect(Fixtures.maxDistance(try Self.unitary("pow(0) @ g(0.35) q[0], q[1];\n", qubits: 2), Self.identity(4)) == 0)
        // pow(2) @ sx = x, pow(4) @ t = z exactly up to rounding.
        #expect(Fixtures.maxDistance(try Self.unitary("pow(2) @ sx q[0];\n", qubits: 1), try Self.unitary("x q[0];\n", qubits: 1)) <= 1e-15)
        #expect(Fixtures.maxDistance(try Self.unitary("pow(4) @ t q[0];\n", qubits: 1), try Self.unitary("z q[0];\n", qubits: 1)) <= 1e-15)
        // An exponent that depends on a gate parameter is evaluated per call.
        let source = Self.header + "gate tp(k) a { pow(k) @ t a; }\nqubit q;\ntp(2) q;\ntp(-2) q;\ntp(4) q;\n"
        let ops = try QASMProgram.parse(source: source).circuit().operations
        #expect(ops.count == 8)
    }

    @Test func chainedModifiersCommuteAsTheyShould() throws {
        let a = try Self.unitary("ctrl @ inv @ g(0.6) q[2], q[0], q[1];\n", qubits: 3)
        let b = try Self.unitary("inv @ ctrl @ g(0.6) q[2], q[0], q[1];\n", qubits: 3)
        #expect(Fixtures.maxDistance(a, b) <= 1e-13)
        let c = try Self.unitary("ctrl @ pow(2) @ g(0.6) q[2], q[0], q[1];\n", qubits: 3)
        let d = try Self.unitary("pow(2) @ ctrl @ g(0.6) q[2], q[0], q[1];\n", qubits: 3)
        #expect(Fixtures.maxDistance(c, d) <= 1e-13)
    }
}
