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

/// Circuit-file feature maps: expanded once with their angles as functions of the inputs, then
/// bound per point in lanes; states equal the per-circuit path's (which expands the file per
/// point), global phase included.
@Suite struct BatchedCircuitFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file exercising nested definitions, `u3`, `p` (input-dependent global phases), `inv @`,
    /// `pow(2) @`, functions of inputs, a CX-RZ-CX interaction, fixed gates and inputs declared out of order.
    static func richFile(qubits n: Int) -> String {
        var s = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"
        for i in (0..<n).reversed() { s += "input float[64] x\(i);\n" }
        s += """
            gate enc(a, b) p, q { ry(a * b + 0.1) p; cx p, q; rz(b - a) q; cx p, q; p(a / 2) q; }
            gate block(t) p { u3(t, sin(t), 2 * t) p; rx(-t) p; }
            gate zz(t) a, b { cx a, b; rz(t) b; cx a, b; }
            qubit[\(n)] q;
            h q;

            """
        for i in 0..<n {
            let j = (i + 1) % n
            s += "enc(x\(i), (pi - x\(j))) q[\(i)], q[\(j)];\n"
            s += "inv @ block(x\(i) * x\(j)) q[\(i)];\n"
            s += "pow(2) @ rz(cos(x\(i))) q[\(j)];\n"
            s += "zz(x\(i) * 0.7) q[\(i)], q[\(j)];\n"
            s += "t q[\(i)];\nsx q[\(j)];\ncz q[\(i)], q[\(j)];\n"
        }
        s += "swap q[0], q[\(n - 1)];\nry(x0 ** 2) q[0];\n"
        return s
    }

    @Test(arguments: [2, 3, 5])
    func richFilesMatchThePerCircuitPath(qubits: Int) throws {
        let map = try FeatureMap.circuitFile(name: "rich.qasm", source: Self.richFile(qubits: qubits), bandwidth: 0.8)
        #expect(try map.batchTemplate() != nil)
        let x = BatchedStateTests.data(points: 13, features: qubits, seed: UInt64(qubits))
        let batched = try StateBatch.simulate(map, data: x, rows: 1..<12, mode: .batched)
        let reference = try StateBatch.simulate(map, data: x, rows: 1..<12, mode: .perCircuit)
        #expect(maxAbsDifference(batched.amplitudes, reference.amplitudes) <= 1e-12)
    }

    @Test func theBundledZZFileMatchesThePerCircuitPath() throws {
        let path = Self.repository.appendingPathComponent("circuits/zz_feature_map.qasm").path
        let map = try FeatureMap.circuitFile(name: "zz_feature_map.qasm", source: try String(contentsOfFile: path, encoding: .utf8))
        let x = BatchedStateTests.data(points: 21, features: 4, seed: 12)
        let batched = try StateBatch.simulate(map, data: x, rows: 0..<21, mode: .batched)
        let reference = try StateBatch.simulate(map, data: x, rows: 0..<21, mode: .perCircuit)
        #expect(maxAbsDifference(batched.amplitudes, reference.amplitudes) <= 1e-12)
    }

    @Test func filesATemplateCannotHoldFallBack() throws {
        let measured = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] x0;\nqubit[1] q;\nbit[1] c;\nrx(x0) q[0];\nc[0] = measure q[0];\n"
        let controlled = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] x0;\nqubit[2] q;\ncp(x0) q[0], q[1];\n"
        let xx = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] x0;\nqubit[2] q;\nctrl @ rx(x0) q[0], q[1];\n"
        for (name, source) in [("measured", measured), ("controlled", controlled), ("crx", xx)] {
            let map = try FeatureMap.circuitFile(name: name, source: source)
            #expect(try map.batchTemplate() == nil, "\(name)")
            #expect(throws: KernelError.self) {
                try StateBatch.simulate(map, data: Matrix(rows: 1, columns: 1, scalars: [0.2]), rows: 0..<1, mode: .batched)
            }
        }
        // The automatic mode takes the per-circuit path for them.
        let map = try FeatureMap.circuitFile(name: "crx", source: xx)
        let states = try StateBatch.simulate(map, data: Matrix(rows: 2, columns: 1, scalars: [0.2, 0.9]), rows: 0..<2)
        #expect(states.count == 2)
    }

    @Test func evaluationErrorsAreReported() throws {
        let source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] x0;\nqubit[1] q;\nrx(1 / x0) q[0];\n"
        let map = try FeatureMap.circuitFile(name: "div.qasm", source: source)
        #expect(try map.batchTemplate() != nil)
        #expect(throws: InputError.self) {
            try StateBatch.simulate(map, data: Matrix(rows: 2, columns: 1, scalars: [0.5, 0]), rows: 0..<2, mode: .batched)
        }
    }
}
