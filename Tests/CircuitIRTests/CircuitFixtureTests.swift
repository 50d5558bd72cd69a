import CircuitIR
import Foundation
import Numerics
import Testing

/// Whole programs (gate definitions, broadcasting, modifiers, inputs) against the operator Qiskit's
/// own OpenQASM readers build from the same file, compared entry by entry: global phase included.
struct CircuitFixtureTests {
    static let references: [Fixtures.Reference] = (try? Fixtures.manifest().circuits) ?? []

    @Test func manifestListsEveryFixtureCircuit() throws {
        let folder = try Fixtures.path("circuits")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".qasm") }
        #expect(Set(files) == Set(Self.references.map(\.file)))
        #expect(files.count >= 5)
    }

    @Test(arguments: references)
    func unitaryMatchesQiskit(_ reference: Fixtures.Reference) throws {
        let program = try QASMProgram.parse(contentsOf: try Fixtures.path("circuits/" + reference.file))
        #expect(Set(program.inputs) == Set(reference.parameters.keys))
        let circuit = try program.circuit(parameters: reference.parameters)
        let expected = try Fixtures.complexArray("circuits/" + reference.reference)
        let u = DenseReference.unitary(circuit)
        let distance = Fixtures.maxDistance(u, expected)
        #expect(distance <= 1e-12, "\(reference.file): max entry distance \(distance)")
    }
}
