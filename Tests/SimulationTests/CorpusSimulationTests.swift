import CircuitIR
import Foundation
import QKSupport
import Simulation
import Testing
import _TestSupport

/// The MQT Bench corpus (scripts/make_qasm_corpus.py) through the real simulator: every file, in
/// both its OpenQASM 2 and 3 exports, must give Qiskit's statevector (fidelity >= 1 - 1e-10); the
/// dynamic circuits (mid-circuit measurement, `if`) must give counts close to Aer's.
@Suite struct CorpusSimulationTests {
    struct Manifest: Decodable {
        struct Entry: Decodable {
            var name: String
            var qubits: Int
            var statevector: String
            var files: [String]
        }
        struct Dynamic: Decodable {
            var name: String
            var file: String
            var counts: String
        }
        var circuits: [Entry]
        var dynamic: [Dynamic]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CircuitIRTests/Fixtures/corpus").path

    static let manifest: Manifest = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        return try! JSONDecoder().decode(Manifest.self, from: data)
    }()

    @Test func everyCorpusFileMatchesQiskit() throws {
        #expect(Self.manifest.circuits.count >= 150)
        var checked = 0
        for entry in Self.manifest.circuits {
            let reference = try StateVector(interleaved: NPY.read(Self.directory + "/" + entry.statevector).scalars)
            for file in entry.files {
                let circuit = try QASMProgram.parse(contentsOf: Self.directory + "/" + file).circuit()
                let state = try Simulator().statevector(circuit)
                #expect(state.fidelity(with: reference) >= 1 - 1e-10, "\(file)")
                checked += 1
            }
        }
        #expect(checked >= 300)
    }

    @Test func dynamicCircuitsMatchAerCounts() throws {
        #expect(!Self.manifest.dynamic.isEmpty)
        for entry in Self.manifest.dynamic {
            let circuit = try QASMProgram.parse(contentsOf: Self.directory + "/" + entry.file).circuit()
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + entry.counts))
            struct AerCounts: Decodable { var counts: [String: Int] }
            let aer = try JSONDecoder().decode(AerCounts.self, from: data).counts
            let aerShots = Double(aer.values.reduce(0, +))
            let shots = 4000
            let ours = try Simulator().counts(circuit, shots: shots, seed: 11)
            // Compare distributions over classical-bit integers (bit i = clbit i).
            var p: [Int: Double] = [:], q: [Int: Double] = [:]
            for (key, n) in aer { p[Int(key)!, default: 0] += Double(n) / aerShots }
            for (label, n) in ours.counts {
                let bits = label.replacingOccurrences(of: " ", with: "")
                q[Int(bits, radix: 2)!, default: 0] += Double(n) / Double(shots)
            }
            let keys = Set(p.keys).union(q.keys)
            let distance = keys.reduce(0.0) { $0 + abs(p[$1, default: 0] - q[$1, default: 0]) } / 2
            #expect(distance < 0.05, "\(entry.name): total-variation distance \(distance)")
            for key in q.keys where p[key] == nil { #expect(q[key]! < 0.01, "\(entry.name): outcome \(key) that Aer never saw") }
        }
    }
}
