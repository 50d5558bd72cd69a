import Foundation
import Kernels
@testable import Learning
import LinearAlgebra
import Optimization
import Simulation
import QKSupport
import Testing
import _TestSupport

/// A fitted VQC's class probabilities through the batched path (points in SIMD lanes, feature map
/// and ansatz compiled into one template) against the per-circuit path, for each built-in ansatz
/// family and several feature maps, on point counts that leave partial batches.
@Suite struct VQCBatchedPredictionTests {
    @Test(arguments: [0, 1, 2, 3])
    func batchedProbabilitiesEqualPerCircuitOnes(index: Int) throws {
        let cases: [(FeatureMapSpec, Ansatz, Int)] = [
            (.zz(qubits: 2), try Ansatz(.havlicek, qubits: 2, reps: 2), 2),
            (.zz(qubits: 3, entanglement: .linear), try Ansatz(.efficientSU2, qubits: 3, reps: 2, entanglement: .circular), 2),
            (FeatureMapSpec(map: "z", qubits: 4, reps: 2), try Ansatz(.realAmplitudes, qubits: 4, reps: 3), 3),
            (FeatureMapSpec(map: "iqp", qubits: 5, reps: 2), try Ansatz(.efficientSU2, qubits: 5, reps: 1), 4),
        ]
        let (map, ansatz, classes) = cases[index]
        let n = ansatz.qubits
        // Both halves compile, so predictProbabilities takes the batched path.
        #expect(try map.makeFeatureMap().batchTemplate() != nil)
        _ = try ParameterizedTemplate(try ansatz.circuit())
        var rng = SeededGenerator(seed: UInt64(index + 1))
        let train = Matrix(rows: 12, columns: n, scalars: (0..<(12 * n)).map { _ in 2 * rng.uniform() })
        let labels = (0..<12).map { Double($0 % classes) }
        let vqc = VariationalClassifier(featureMap: map, ansatz: ansatz, optimizer: try Adam(learningRate: 0.1, maxIterations: 3), seed: 5)
        let model = try vqc.fit(x: train, y: labels)
        let test = Matrix(rows: 45, columns: n, scalars: (0..<(45 * n)).map { _ in 3 * rng.uniform() - 0.5 })
        let batched = try model.predictProbabilities(test, parallelism: Parallelism(threads: 2))
        let reference = try model.predictProbabilitiesPerCircuit(test, parallelism: .serial)
        #expect(batched.rows == 45 && batched.columns == classes)
        #expect(maxAbsDifference(batched.scalars, reference.scalars) <= 1e-12)
        #expect((0..<45).allSatisfy { i in isClose((0..<classes).reduce(0) { $0 + batched[i, $1] }, 1, absolute: 1e-12) })
    }
}
