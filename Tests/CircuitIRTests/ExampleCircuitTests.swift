import CircuitIR
import Foundation
import Numerics
import Testing

/// The repository's circuits/ examples: each parses, and each computes what it says it does.
struct ExampleCircuitTests {
    typealias C = Complex<Double>

    static let references: [Fixtures.Reference] = (try? Fixtures.manifest().examples) ?? []

    @Test func everyExampleIsCovered() throws {
        let folder = URL(fileURLWithPath: Fixtures.examplePath("")).path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".qasm") }
        // teleport.qasm has mid-circuit measurements; it is checked by enumerating its branches.
        #expect(Set(files) == Set(Self.references.map(\.file) + ["teleport.qasm"]))
    }

    /// The circuit without its final measurements, as Qiskit's remove_final_measurements does.
    static func withoutFinalMeasurements(_ circuit: Circuit) -> Circuit {
        var c = circuit
        while let last = c.operations.last, case .measure = last.kind { c.operations.removeLast() }
        return c
    }

    @Test(arguments: references)
    func matchesQiskit(_ reference: Fixtures.Reference) throws {
        let program = try QASMProgram.parse(contentsOf: Fixtures.examplePath(reference.file))
        let circuit = Self.withoutFinalMeasurements(try program.circuit(parameters: reference.parameters))
        let expected = try Fixtures.complexArray("examples/" + reference.reference)
        let actual = reference.kind == "unitary" ? DenseReference.unitary(circuit) : DenseReference.statevector(circuit)
        #expect(Fixtures.maxDistance(actual, expected) <= 1e-12, "\(reference.file)")
    }

    @Test func bellAndGHZ() throws {
        let bell = try QASMProgram.parse(contentsOf: Fixtures.examplePath("bell.qasm"))
        #expect(bell.version == 2 && bell.qubitCount == 2 && bell.clbitCount == 2)
        let c = try bell.circuit()
        #expect(c.operations.map(\.name) == ["h", "cx", "measure", "measure"])
        #expect(!c.needsShotByShot)
        let ghz = try QASMProgram.parse(contentsOf: Fixtures.examplePath("ghz.qasm")).circuit()
        let state = DenseReference.statevector(Self.withoutFinalMeasurements(ghz))
        let r = 1 / 2.0.squareRoot()
        #expect((state[0] - C(r)).length < 1e-15 && (state[31] - C(r)).length < 1e-15)
    }

    @Test func adderComputesFivePlusSeven() throws {
        let program = try QASMProgram.parse(contentsOf: Fixtures.examplePath("adder.qasm"))
        #expect(program.qubitRegisters.map(\.name) == ["cin", "a", "b", "cout"])
        #expect(program.classicalRegisters.map(\.name) == ["sum"])
        let circuit = try program.circuit()
        let state = DenseReference.statevector(Self.withoutFinalMeasurements(circuit))
        guard let index = state.indices.first(where: { state[$0].length > 0.5 }) else {
            Issue.record("no basis state holds the result")
            return
        }
        #expect(abs(state[index].length - 1) < 1e-12)
        // Layout: cin = bit 0, a = bits 1-4, b = bits 5-8, cout = bit 9. a is restored, b = a + b.
        let a = (index >> 1) & 0xF, b = (index >> 5) & 0xF, cout = (index >> 9) & 1
        #expect(a == 5)
        #expect(b + 16 * cout == 12)
        // The measurements read b and the carry into sum[0...4].
        let measured = circuit.operations.compactMap { op -> (Int, Int)? in
            if case .measure(let c) = op.kind { return (op.qubits[0], c) }
            return nil
        }
        #expect(measured.map(\.0) == [5, 6, 7, 8, 9] && measured.map(\.1) == [0, 1, 2, 3, 4])
    }

    @Test func qftMatchesTheDiscreteFourierTransform() throws {
        // Closed form: QFT|x> = sum_y exp(2 pi i x y / 16) |y> / 4.
        let u = DenseReference.unitary(try QASMProgram.parse(contentsOf: Fixtures.examplePath("qft4.qasm")).circuit())
        var distance = 0.0
        for y in 0..<16 {
            for x in 0..<16 {
                let expected = C(length: 0.25, phase: 2 * .pi * Double(x * y) / 16)
                distance = max(distance, (u[y * 16 + x] - expected).length)
            }
        }
        #expect(distance <= 1e-12)
    }

    @Test func teleportationDeliversTheState() throws {
        let program = try QASMProgram.parse(contentsOf: Fixtures.examplePath("teleport.qasm"))
        let circuit = Self.withoutFinalMeasurements(try program.circuit())
        #expect(circuit.needsShotByShot)
        #expect(circuit.operations.filter { $0.condition != nil }.count == 2)
        // u3(0.3, 0.2, 0.1)|0> = (cos 0.15, e^{0.2 i} sin 0.15).
        let sent = [C(cos(0.15)), C(length: sin(0.15), phase: 0.2)]
        let branches = DenseReference.branches(circuit)
        #expect(branches.count == 4)
        for b in branches {
            #expect(abs(b.probability - 0.25) < 1e-12)
            let m0 = b.clbits[0] ? 1 : 0, m1 = b.clbits[1] ? 1 : 0
            let received = [b.state[m0 + 2 * m1], b.state[m0 + 2 * m1 + 4]]
            #expect(Fixtures.fidelity(sent, received) > 1 - 1e-12, "branch m0=\(m0) m1=\(m1)")
        }
    }

    @Test func zzFeatureMapHasFourInputs() throws {
        let program = try QASMProgram.parse(contentsOf: Fixtures.examplePath("zz_feature_map.qasm"))
        #expect(program.version == 3)
        #expect(program.inputs == ["x0", "x1", "x2", "x3"])
        // Different data give different states; the same data the same state.
        let a = DenseReference.statevector(try program.circuit(parameters: ["x0": 0.1, "x1": 0.2, "x2": 0.3, "x3": 0.4]))
        let b = DenseReference.statevector(try program.circuit(parameters: ["x0": 0.1, "x1": 0.2, "x2": 0.3, "x3": 0.5]))
        let a2 = DenseReference.statevector(try program.circuit(parameters: ["x3": 0.4, "x2": 0.3, "x1": 0.2, "x0": 0.1]))
        #expect(Fixtures.fidelity(a, b) < 0.9999)
        #expect(Fixtures.maxDistance(a, a2) == 0)
    }
}
