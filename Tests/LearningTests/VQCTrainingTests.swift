import Foundation
import Kernels
import Learning
import LinearAlgebra
import Optimization
import QKSupport
import Testing
import _TestSupport

/// Two blobs, one near (0.4, 0.4), one near (1.3, 1.3): the Z map turns them into single-qubit
/// phases 0.8 and 2.6, which a rotation layer can separate.
func toyData(perClass: Int, seed: UInt64) -> (x: Matrix, y: [Double]) {
    var rng = SeededGenerator(seed: seed)
    var rows: [[Double]] = [], labels: [Double] = []
    for c in 0..<2 {
        for _ in 0..<perClass {
            let center = c == 0 ? 0.4 : 1.3
            rows.append([center + 0.3 * (rng.uniform() - 0.5), center + 0.3 * (rng.uniform() - 0.5)])
            labels.append(c == 0 ? -1 : 1)
        }
    }
    return (Matrix(rows), labels)
}

@Test func lossGradientsAgreeAcrossMethods() throws {
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 5, testPerClass: 0, gap: 0.3, seed: 3)
    let three = try AdHocData.generate(qubits: 3, trainPerClass: 4, testPerClass: 0, gap: 0.1, seed: 4)
    let cases: [(FeatureMapSpec, Ansatz, AdHocData)] = [
        (.zz(qubits: 2), try Ansatz(.havlicek, qubits: 2, reps: 2), data),
        (.zz(qubits: 3, entanglement: .linear), try Ansatz(.efficientSU2, qubits: 3, reps: 1, entanglement: .circular), three),
    ]
    for (map, ansatz, d) in cases {
        func objective(_ method: VariationalClassifier.GradientMethod) throws -> (Objective, [Double]) {
            let vqc = VariationalClassifier(
                featureMap: map, ansatz: ansatz, optimizer: try Adam(), gradientMethod: method, seed: 11)
            return try vqc.objective(x: d.trainFeatures, y: d.trainLabels)
        }
        let (adjoint, theta) = try objective(.adjoint)
        let (shift, _) = try objective(.parameterShift)
        let a = try adjoint.valueAndGradient(at: theta)
        let s = try shift.valueAndGradient(at: theta)
        let fd = try adjoint.withFiniteDifferenceGradient(step: 1e-5).valueAndGradient(at: theta)
        #expect(a.value == s.value)
        #expect(maxAbsDifference(a.gradient, s.gradient) < 1e-10)
        #expect(maxAbsDifference(a.gradient, fd.gradient) < 1e-8)
        #expect(a.gradient.contains { abs($0) > 1e-3 })
    }
}

@Test func lossDecreasesOnASeparableToySet() throws {
    let (x, y) = toyData(perClass: 10, seed: 1)
    let vqc = VariationalClassifier(
        featureMap: FeatureMapSpec(map: "z", qubits: 2, reps: 1), ansatz: try Ansatz(.efficientSU2, qubits: 2, reps: 1),
        optimizer: try Adam(learningRate: 0.1, maxIterations: 60), seed: 5)
    let model = try vqc.fit(x: x, y: y)
    let history = model.lossHistory
    #expect(history.count == 60)
    #expect(history.last! < 0.5 * history.first!)
    // Smoothed: every block of 10 iterations ends lower than the one before.
    let blocks = stride(from: 0, to: 60, by: 10).map { history[$0..<($0 + 10)].reduce(0, +) / 10 }
    #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $1 < $0 })
    #expect(try model.score(x, y) == 1)
    #expect(model.classes == [-1, 1])

    // BFGS's line search only accepts lower points: its history never rises.
    let bfgs = try VariationalClassifier(
        featureMap: FeatureMapSpec(map: "z", qubits: 2, reps: 1), ansatz: try Ansatz(.efficientSU2, qubits: 2, reps: 1),
        optimizer: BFGS(maxIterations: 30), seed: 5
    ).fit(x: x, y: y)
    #expect(zip(bfgs.lossHistory, bfgs.lossHistory.dropFirst()).allSatisfy { $1 <= $0 })
    #expect(bfgs.training.finalLoss < 0.2)
}

@Test func adHocDataReachHavliceksAccuracy() throws {
    // Havlicek's setting: 2 qubits, gap 0.3, 20 training and 10 test points per class; the ZZ map
    // (reps 2, full, alpha 2) and W(theta) with l = 2 layers, BFGS on the exact cross-entropy.
    // The full study (l = 0..4, four optimizers, both losses) is VQCBenchmark in qksim-bench.
    var accuracies: [Double] = []
    for seed in 0..<10 as Range<UInt64> {
        let data = try AdHocData.generate(qubits: 2, trainPerClass: 20, testPerClass: 10, gap: 0.3, seed: seed)
        let vqc = VariationalClassifier(
            featureMap: .zz(qubits: 2), ansatz: try Ansatz(.havlicek, qubits: 2, reps: 2),
            optimizer: try BFGS(maxIterations: 100), seed: seed)
        let model = try vqc.fit(x: data.trainFeatures, y: data.trainLabels)
        accuracies.append(try model.score(data.testFeatures, data.testLabels))
    }
    let mean = accuracies.reduce(0, +) / 10
    #expect(mean >= 0.95, "accuracies \(accuracies)")
    #expect(accuracies.allSatisfy { $0 >= 0.85 }, "accuracies \(accuracies)")
}

@Test func sameSeedGivesIdenticalModels() throws {
    // Every random path at once: random start, SPSA directions, mini-batch order, sampled shots.
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 8, testPerClass: 4, gap: 0.3, seed: 2)
    func train(seed: UInt64, threads: Int) throws -> Data {
        try VariationalClassifier(
            featureMap: .zz(qubits: 2), ansatz: try Ansatz(.havlicek, qubits: 2, reps: 1),
            optimizer: try SPSA(maxIterations: 15, seed: seed), loss: .sigmoid(shots: 100), batchSize: 5, seed: seed,
            parallelism: Parallelism(threads: threads)
        ).fit(x: data.trainFeatures, y: data.trainLabels).jsonData()
    }
    let a = try train(seed: 7, threads: 1)
    #expect(a == (try train(seed: 7, threads: 1)))
    #expect(a == (try train(seed: 7, threads: 2)), "the thread count must not change the result")
    #expect(a != (try train(seed: 8, threads: 1)))
    // Parameter shift with shots is reproducible too.
    func shifted() throws -> [Double] {
        try VariationalClassifier(
            featureMap: .zz(qubits: 2), ansatz: try Ansatz(.realAmplitudes, qubits: 2, reps: 1),
            optimizer: try Adam(learningRate: 0.1, maxIterations: 5), loss: .sigmoid(shots: 50),
            gradientMethod: .parameterShift, seed: 3
        ).fit(x: data.trainFeatures, y: data.trainLabels).theta
    }
    #expect(try shifted() == shifted())
}

@Test func modelFilesRoundTripAndRejectBadContent() throws {
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 6, testPerClass: 5, gap: 0.3, seed: 1)
    let model = try VariationalClassifier(
        featureMap: .zz(qubits: 2), ansatz: try Ansatz(.efficientSU2, qubits: 2, reps: 1, entanglement: .linear),
        optimizer: try NelderMead(maxIterations: 40), seed: 1
    ).fit(x: data.trainFeatures, y: data.trainLabels)
    let json = try model.jsonData()
    let loaded = try FittedVariationalClassifier.load(from: json, file: "m.json")
    #expect(try loaded.predictProbabilities(data.testFeatures) == model.predictProbabilities(data.testFeatures))
    #expect(loaded.lossHistory == model.lossHistory)
    #expect(try loaded.jsonData() == json)

    var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    func reload(_ change: (inout [String: Any]) -> Void) throws -> InputError? {
        var copy = object
        change(&copy)
        do {
            _ = try FittedVariationalClassifier.load(from: try JSONSerialization.data(withJSONObject: copy), file: "m.json")
            return nil
        } catch let error as InputError {
            return error
        }
    }
    #expect(try reload { $0["kind"] = "svm" }?.message.contains("not 'vqc'") == true)
    #expect(try reload { $0["version"] = 99 }?.message.contains("version 99") == true)
    #expect(try reload { $0["theta"] = [1.0, 2.0] }?.message.contains("'theta' has 2 values") == true)
    #expect(try reload { $0.removeValue(forKey: "ansatz") }?.message.contains("missing 'ansatz'") == true)
    #expect(try reload { $0["readout"] = "spin" }?.file == "m.json")
    object["classes"] = [0.0, 1.0, 2.0, 3.0]
    #expect(try reload { _ in }?.message.contains("at most 3 classes") == true)
}

@Test func badTrainingInputIsAnInputError() throws {
    let (x, y) = toyData(perClass: 3, seed: 1)
    let vqc = VariationalClassifier(
        featureMap: .zz(qubits: 2), ansatz: try Ansatz(.havlicek, qubits: 2, reps: 1), optimizer: try BFGS())
    #expect(throws: InputError.self) { try vqc.fit(x: x, y: Array(y.dropLast())) }
    #expect(throws: InputError.self) { try vqc.fit(x: x, y: y.map { _ in 1 }) }
    #expect(throws: InputError.self) { try vqc.fit(x: Matrix(rows: 6, columns: 3), y: y) }
    var batched = vqc
    batched.batchSize = 2
    #expect(throws: InputError.self) { try batched.fit(x: x, y: y) }
    var mismatched = vqc
    mismatched.ansatz = try Ansatz(.havlicek, qubits: 3, reps: 1)
    #expect(throws: InputError.self) { try mismatched.fit(x: x, y: y) }
    #expect(throws: InputError.self) { try Ansatz(.havlicek, qubits: 2, reps: -1) }
    #expect(throws: InputError.self) { try Ansatz(.havlicek, qubits: 2, reps: 1, entanglement: .explicit([[0, 5]])) }
    #expect(throws: (any Error).self) { try FeatureMapSpec(map: "qaoa", qubits: 2).makeFeatureMap() }
}

@Test func multiclassTrainingUsesTheModuloReadout() throws {
    // Three blobs on a line; 2 qubits give 4 bitstrings for 3 classes (index mod 3).
    var rows: [[Double]] = [], labels: [Double] = []
    var rng = SeededGenerator(seed: 9)
    for c in 0..<3 {
        for _ in 0..<6 {
            let v = 0.5 + Double(c) + 0.2 * (rng.uniform() - 0.5)
            rows.append([v, v])
            labels.append(Double(c * 10))
        }
    }
    let model = try VariationalClassifier(
        featureMap: FeatureMapSpec(map: "z", qubits: 2, reps: 1), ansatz: try Ansatz(.efficientSU2, qubits: 2, reps: 2),
        optimizer: try BFGS(maxIterations: 150), seed: 2
    ).fit(x: Matrix(rows), y: labels)
    #expect(model.readout == .modulo)
    #expect(model.classes == [0, 10, 20])
    let p = try model.predictProbabilities(Matrix(rows))
    #expect((0..<p.rows).allSatisfy { abs(p.row($0).reduce(0, +) - 1) < 1e-12 })
    #expect(try model.score(Matrix(rows), labels) >= 0.9)
}
