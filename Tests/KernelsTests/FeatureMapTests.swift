import Foundation
import Kernels
import LinearAlgebra
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Feature-map states against peers' exact statevectors (Qiskit's PauliFeatureMap with X and Y
/// words, ZFeatureMap; PennyLane's IQPEmbedding), from scripts/make_feature_map_fixtures.py.
@Suite struct FeatureMapTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var family: String
            var paulis: [String]?
            var qubits: Int
            var reps: Int
            var entanglement: String
            var alpha: Double
            var points: [[Double]]
            var states: [[[Double]]]
        }
        var cases: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: Bundle.module.resourcePath! + "/Fixtures/feature_maps.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static func map(for c: Fixture.Case) throws -> FeatureMap {
        let family: FeatureMap.Family = c.family == "iqp" ? .iqp : .pauli(c.paulis!)
        return try FeatureMap(family, qubits: c.qubits, reps: c.reps, entanglement: Entanglement(parsing: c.entanglement), alpha: c.alpha)
    }

    @Test(arguments: fixture.cases.map(\.name))
    func statesMatchThePeer(name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!
        let map = try Self.map(for: c)
        for (x, expected) in zip(c.points, c.states) {
            let state = try Simulator().statevector(map.circuit(for: x))
            let reference = try StateVector(interleaved: expected.flatMap { $0 })
            // Global phase differs between frameworks' conventions; fidelity does not.
            #expect(isClose(state.fidelity(with: reference), 1, absolute: 1e-12), "\(name) at \(x)")
        }
    }

    @Test func entanglementGroupsFollowQiskit() throws {
        #expect(try Entanglement.linear.groups(qubitCount: 4, size: 2) == [[0, 1], [1, 2], [2, 3]])
        #expect(try Entanglement.circular.groups(qubitCount: 4, size: 2) == [[3, 0], [0, 1], [1, 2], [2, 3]])
        #expect(try Entanglement.full.groups(qubitCount: 4, size: 3) == [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]])
        #expect(try Entanglement.reverseLinear.groups(qubitCount: 3, size: 2) == [[1, 2], [0, 1]])
        #expect(try Entanglement(parsing: "0-2, 1-2").groups(qubitCount: 3, size: 2) == [[0, 2], [1, 2]])
        #expect(throws: KernelError.self) { try Entanglement(parsing: "0-5").groups(qubitCount: 3, size: 2) }
    }

    @Test func bandwidthScalesTheData() throws {
        let scaled = try FeatureMap(.pauli(["Z", "ZZ"]), qubits: 2, bandwidth: 0.5)
        let plain = try FeatureMap.zz(features: 2)
        let a = try Simulator().statevector(scaled.circuit(for: [1.0, 2.0]))
        let b = try Simulator().statevector(plain.circuit(for: [0.5, 1.0]))
        #expect(isClose(a.fidelity(with: b), 1, absolute: 1e-14))
    }
}

@Suite struct CircuitFileFeatureMapTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theBundledZZFileIsTheBuiltInMap() throws {
        let path = Self.repository.appendingPathComponent("circuits/zz_feature_map.qasm").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let fromFile = try FeatureMap.circuitFile(name: "zz_feature_map.qasm", source: source)
        let builtIn = try FeatureMap.zz(features: 4, reps: 2, entanglement: .linear)
        var rng = SeededGenerator(seed: 8)
        let x = Matrix(rows: 12, columns: 4, scalars: (0..<48).map { _ in rng.uniform() * Double.pi })
        let a = try FidelityKernel(featureMap: fromFile).gram(x)
        let b = try FidelityKernel(featureMap: builtIn).gram(x)
        #expect(maxAbsDifference(a.scalars, b.scalars) < 1e-12)
        // And it survives a round trip through a model file's spec.
        let spec = try FeatureMapSpec.circuit(name: "zz_feature_map.qasm", source: source)
        let decoded = try JSONDecoder().decode(FeatureMapSpec.self, from: JSONEncoder().encode(spec))
        let c = try FidelityKernel(featureMap: decoded.makeFeatureMap()).gram(x)
        #expect(maxAbsDifference(a.scalars, c.scalars) == 0)
    }

    @Test func rejectsFilesWithoutDataInputs() {
        let source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[2] q;\nrx(theta) q[0];\n"
        #expect(throws: KernelError.self) { try FeatureMap.circuitFile(name: "bad.qasm", source: source) }
    }
}
