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
