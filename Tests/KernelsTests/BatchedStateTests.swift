import Foundation
import Kernels
import LinearAlgebra
import QKSupport
import Simulation
import Testing
import _TestSupport

/// The batched path of `StateBatch` (points in SIMD lanes through a compiled template) against the
/// per-circuit path, state by state, and against the peers' statevectors in the feature-map fixture.
@Suite struct BatchedStateTests {
    static func data(points: Int, features: Int, seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: points, columns: features, scalars: (0..<(points * features)).map { _ in 2 * Double.pi * rng.uniform() - 1 })
    }

    static let maps: [(String, @Sendable (Int) throws -> FeatureMap)] = [
        ("zz full", { try FeatureMap.zz(features: $0) }),
        ("zz linear reps 3", { try FeatureMap.zz(features: $0, reps: 3, entanglement: .linear) }),
        ("z", { try FeatureMap(.pauli(["Z"]), qubits: $0, reps: 2) }),
        ("pauli X,YY circular", { try FeatureMap(.pauli(["X", "YY"]), qubits: $0, reps: 2, entanglement: .circular) }),
        ("pauli Y,ZX,XYZ", { try FeatureMap(.pauli(["Y", "ZX", "XYZ"]), qubits: $0, reps: 1) }),
        ("pauli ZZZ bandwidth", { try FeatureMap(.pauli(["Z", "ZZZ"]), qubits: $0, reps: 2, bandwidth: 0.3) }),
        ("iqp", { try FeatureMap(.iqp, qubits: $0, reps: 2) }),
        ("iqp linear alpha", { try FeatureMap(.iqp, qubits: $0, reps: 3, entanglement: .linear, alpha: 0.7) }),
    ]

    @Test(arguments: 0..<maps.count, [3, 5, 8])
    func batchedStatesEqualPerCircuitStates(map index: Int, qubits: Int) throws {
        let (name, make) = Self.maps[index]
        let map = try make(qubits)
        // 37 points: several full batches and a partial one whatever the lane count; odd range start.
        let x = Self.data(points: 40, features: map.featureCount, seed: UInt64(10 * index + qubits))
        let rows = 2..<39
        let batched = try StateBatch.simulate(map, data: x, rows: rows, parallelism: Parallelism(threads: 2), mode: .batched)
        let reference = try StateBatch.simulate(map, data: x, rows: rows, parallelism: .serial, mode: .perCircuit)
        #expect(batched.count == 37)
        #expect(maxAbsDifference(batched.amplitudes, reference.amplitudes) <= 1e-12, "\(name), \(qubits) qubits")
        // And each state is the plain simulator's state of the map's circuit.
        let last = try Simulator().statevector(map.circuit(for: x.row(38)))
        #expect(maxAbsDifference(Array(batched.amplitudes.suffix(2 << qubits)), last.interleaved) <= 1e-12)
    }

    @Test(arguments: [1, 2, 7, 11])
    func smallAndOddBatchSizes(points: Int) throws {
        let map = try FeatureMap.zz(features: 4)
        let x = Self.data(points: points, features: 4, seed: 99)
        let batched = try StateBatch.simulate(map, data: x, rows: 0..<points, mode: .batched)
        let reference = try StateBatch.simulate(map, data: x, rows: 0..<points, mode: .perCircuit)
        #expect(maxAbsDifference(batched.amplitudes, reference.amplitudes) <= 1e-12)
    }

    @Test func circuitFamiliesAreNotBatched() throws {
        let map = try FeatureMap(
            .circuit(features: 1, qubits: 1, name: "custom", build: { _ in throw KernelError.invalidParameter("never built") }), qubits: 1)
        #expect(throws: KernelError.self) {
            try StateBatch.simulate(map, data: Matrix(rows: 1, columns: 1, scalars: [0]), rows: 0..<1, mode: .batched)
        }
    }

    @Test func largeAnglesStayAccurate() throws {
        // Unscaled data far from [0, 2 pi]: phases of order 10^4 go through the vector sincos.
        let map = try FeatureMap.zz(features: 5)
        var x = Self.data(points: 9, features: 5, seed: 5)
        x = Matrix(rows: 9, columns: 5, scalars: x.scalars.map { $0 * 40 })
        let batched = try StateBatch.simulate(map, data: x, rows: 0..<9, mode: .batched)
        let reference = try StateBatch.simulate(map, data: x, rows: 0..<9, mode: .perCircuit)
        #expect(maxAbsDifference(batched.amplitudes, reference.amplitudes) <= 1e-10)
    }

    @Test func gramMatricesAgreeBetweenModes() throws {
        let map = try FeatureMap.zz(features: 6, reps: 2)
        let x = Self.data(points: 23, features: 6, seed: 3)
        let a = try StateBatch.simulate(map, data: x, rows: 0..<23, mode: .batched)
        let b = try StateBatch.simulate(map, data: x, rows: 0..<23, mode: .perCircuit)
        let dim = 1 << 6
        for i in 0..<23 {
            for j in 0..<23 {
                func fidelity(_ s: StateBatch) -> Double {
                    var re = 0.0, im = 0.0
                    for k in 0..<dim {
                        let (ar, ai) = (s.amplitudes[2 * (i * dim + k)], s.amplitudes[2 * (i * dim + k) + 1])
                        let (br, bi) = (s.amplitudes[2 * (j * dim + k)], s.amplitudes[2 * (j * dim + k) + 1])
                        re += ar * br + ai * bi
                        im += ar * bi - ai * br
                    }
                    return re * re + im * im
                }
                #expect(isClose(fidelity(a), fidelity(b), absolute: 1e-12))
            }
        }
    }
}

/// The batched states against the peers' statevectors (Qiskit's PauliFeatureMap with X and Y words,
/// ZFeatureMap; PennyLane's IQPEmbedding), up to the frameworks' global phase.
@Suite struct BatchedStatePeerTests {
    @Test(arguments: FeatureMapTests.fixture.cases.map(\.name))
    func batchedStatesMatchThePeer(name: String) throws {
        let c = FeatureMapTests.fixture.cases.first { $0.name == name }!
        let map = try FeatureMapTests.map(for: c)
        let x = Matrix(rows: c.points.count, columns: c.qubits, scalars: c.points.flatMap { $0 })
        let batch = try StateBatch.simulate(map, data: x, rows: 0..<c.points.count, mode: .batched)
        let dim = 1 << c.qubits
        for (k, expected) in c.states.enumerated() {
            let state = try StateVector(interleaved: Array(batch.amplitudes[(2 * k * dim)..<(2 * (k + 1) * dim)]))
            let reference = try StateVector(interleaved: expected.flatMap { $0 })
            #expect(isClose(state.fidelity(with: reference), 1, absolute: 1e-12), "\(name) point \(k)")
        }
    }
}
