import CircuitIR
import Foundation
import Numerics
import Testing

/// Real circuits from MQT Bench as Qiskit exports them (scripts/make_qasm_corpus.py): every file
/// parses, and its state matches Qiskit's exact statevector; dynamic circuits match Aer's counts.
struct CorpusTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var family: String
        var qubits: Int
        var statevector: String
        var files: [String]
        var testDescription: String { name }
    }

    struct DynamicEntry: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var qubits: Int
        var file: String
        var counts: String
        var testDescription: String { name }
    }

    struct Manifest: Decodable {
        var circuits: [Entry]
        var dynamic: [DynamicEntry]
    }

    struct Counts: Decodable {
        var shots: Int
        var clbits: Int
        var counts: [String: Int]
    }

    static let manifest = try? Fixtures.json(Manifest.self, "corpus/manifest.json")

    @Test func corpusIsLarge() throws {
        let m = try #require(Self.manifest)
        #expect(Set(m.circuits.map(\.family)).count >= 20)
        #expect(m.circuits.flatMap(\.files).count >= 200)
        #expect(m.circuits.contains { $0.files.contains { $0.hasSuffix("qasm2.qasm") } })
        #expect(m.circuits.contains { $0.files.contains { $0.hasSuffix("qasm3.qasm") } })
        #expect(m.dynamic.count >= 5)
    }

    @Test(arguments: manifest?.circuits ?? [])
    func statevectorMatchesQiskit(_ entry: Entry) throws {
        let expected = try Fixtures.complexArray("corpus/" + entry.statevector)
        for file in entry.files {
            let program = try QASMProgram.parse(contentsOf: try Fixtures.path("corpus/" + file))
            #expect(program.version == (file.hasSuffix("qasm2.qasm") ? 2 : 3))
            let circuit = try program.circuit()
            #expect(circuit.qubitCount == entry.qubits, "\(file)")
            guard circuit.qubitCount <= 6 else { continue }
            let fidelity = Fixtures.fidelity(DenseReference.statevector(circuit), expected)
            #expect(fidelity >= 1 - 1e-10, "\(file): fidelity \(fidelity)")
        }
    }

    /// Exact outcome distribution (branch enumeration) against Aer's seeded counts: no outcome Aer saw
    /// may be impossible, every likely outcome must have been seen, and the total variation distance
    /// must be within sampling error (20000 shots: typically about 0.01).
    @Test(arguments: manifest?.dynamic ?? [])
    func dynamicCircuitMatchesAerCounts(_ entry: DynamicEntry) throws {
        let circuit = try QASMProgram.parse(contentsOf: try Fixtures.path("corpus/" + entry.file)).circuit()
        let reference = try Fixtures.json(Counts.self, "corpus/" + entry.counts)
        #expect(circuit.clbitCount == reference.clbits)
        #expect(circuit.needsShotByShot)
        var exact: [Int: Double] = [:]
        for b in DenseReference.branches(circuit) {
            let value = b.clbits.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }
            exact[value, default: 0] += b.probability
        }
        #expect(abs(exact.values.reduce(0, +) - 1) < 1e-12)
        var observed: [Int: Double] = [:]
        for (key, n) in reference.counts { observed[Int(key) ?? -1] = Double(n) / Double(reference.shots) }
        for (value, _) in observed { #expect((exact[value] ?? 0) > 1e-9, "Aer saw outcome \(value), which is impossible here") }
        for (value, p) in exact where p > 0.01 { #expect(observed[value] != nil, "outcome \(value) (p = \(p)) never seen by Aer") }
        let keys = Set(exact.keys).union(observed.keys)
        let tv = keys.reduce(0.0) { $0 + abs((exact[$1] ?? 0) - (observed[$1] ?? 0)) } / 2
        #expect(tv < 0.03, "total variation \(tv)")
    }
}
