import CircuitIR
import Foundation
import Numerics
import Testing

/// Every standard gate, applied through the parser, against Qiskit's `Operator(gate).data`.
struct StandardGateTests {
    struct GateCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var version: Int
        var parameters: [Double]
        var qubits: Int
        var matrix: [[Double]]
        var testDescription: String { "\(name)(\(parameters.map { String($0) }.joined(separator: ", ")))" }
    }

    static let cases: [GateCase] = (try? Fixtures.json([GateCase].self, "gates.json")) ?? []

    @Test func fixtureIsComplete() {
        // One case per name at least, for every gate the tables know.
        let names = Set(Self.cases.map(\.name))
        #expect(Self.cases.count > 100)
        for g in StandardGate.allCases { #expect(names.contains(g.rawValue), "no Qiskit reference for \(g.rawValue)") }
    }

    /// The gate applied to q[0], ..., q[k-1] in a one-statement program of the gate's OpenQASM version.
    static func program(_ c: GateCase) -> String {
        let header = c.version == 2 ? "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[\(max(c.qubits, 1))];\n"
            : "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[\(max(c.qubits, 1))] q;\n"
        let args = c.parameters.isEmpty ? "" : "(" + c.parameters.map { "\($0)" }.joined(separator: ", ") + ")"
        let operands = (0..<c.qubits).map { "q[\($0)]" }.joined(separator: ", ")
        return header + c.name + args + (operands.isEmpty ? "" : " " + operands) + ";\n"
    }

    @Test(arguments: cases)
    func matchesQiskitOperator(_ c: GateCase) throws {
        let circuit = try QASMProgram.parse(source: Self.program(c)).circuit()
        let u = DenseReference.unitary(circuit)
        var expected = c.matrix.map { Complex($0[0], $0[1]) }
        if c.qubits == 0 {
            // gphase: Qiskit's operator is 1x1; on the one declared qubit it is that scalar times I.
            expected = [expected[0], .zero, .zero, expected[0]]
        }
        #expect(Fixtures.maxDistance(u, expected) <= 1e-12, "\(c.testDescription): distance \(Fixtures.maxDistance(u, expected))")
    }

    @Test func phaseGatesAreDiagonal() {
        let diagonal: [StandardGate] = [.u1, .p, .phase, .id, .u0, .z, .s, .sdg, .t, .tdg, .rz, .cz, .cu1, .cp, .cphase, .crz, .rzz]
        for g in diagonal {
            let ops = g.operations(parameters: Array(repeating: 0.3, count: g.parameterCount), qubits: Array(0..<g.qubitCount))
            #expect(ops.count == 1)
            guard case .diagonal(let d) = ops[0].kind else {
                Issue.record("\(g) is not a diagonal operation")
                continue
            }
            #expect(d.count == 1 << g.qubitCount && ops[0].controls.isEmpty && ops[0].qubits == Array(0..<g.qubitCount))
        }
    }

    @Test func multiControlledGatesAreControlledOperations() {
        let cases: [(StandardGate, Int, GateMatrix)] = [
            (.cx, 1, .x), (.CX, 1, .x), (.ccx, 2, .x), (.c3x, 3, .x), (.c4x, 4, .x), (.c3sqrtx, 3, .sx), (.csx, 1, .sx),
            (.cy, 1, .y), (.ch, 1, .h),
        ]
        for (g, n, m) in cases {
            let ops = g.operations(parameters: [], qubits: Array(0..<g.qubitCount))
            #expect(ops.count == 1)
            #expect(ops[0].controls == (0..<n).map { Control(qubit: $0) }, "\(g)")
            #expect(ops[0].qubits == [n], "\(g)")
            if case .unitary(let u) = ops[0].kind { #expect(u == m, "\(g)") } else { Issue.record("\(g) is not a unitary") }
        }
        let cswap = StandardGate.cswap.operations(parameters: [], qubits: [4, 1, 2])
        #expect(cswap.count == 1 && cswap[0].kind == .swap && cswap[0].qubits == [1, 2] && cswap[0].controls == [Control(qubit: 4)])
    }

    @Test func everyGateIsUnitaryAndInvertible() {
        // U U† = I through the IR's own adjoint, for random parameters.
        var rng = SystemRandomNumberGenerator()
        for g in StandardGate.allCases where g != .gphase {
            let params = (0..<g.parameterCount).map { _ in Double.random(in: -7...7, using: &rng) }
            let ops = g.operations(parameters: params, qubits: Array(0..<g.qubitCount))
            let inverse = ops.reversed().compactMap(\.adjoint)
            let product = Circuit(qubitCount: g.qubitCount, operations: ops + inverse)
            let u = DenseReference.unitary(product)
            let n = 1 << g.qubitCount
            let identity = (0..<(n * n)).map { $0 / n == $0 % n ? Complex<Double>.one : .zero }
            #expect(Fixtures.maxDistance(u, identity) <= 1e-12, "\(g)")
        }
    }
}
