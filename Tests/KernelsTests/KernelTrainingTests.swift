import Kernels
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct KernelAlignmentTests {
    @Test func closedForms() throws {
        let y: [Double] = [1, 1, -1, -1]
        let ideal = Matrix((0..<4).map { i in (0..<4).map { j in y[i] * y[j] } })
        #expect(isClose(try KernelDiagnostics.alignment(ideal, labels: y, centered: false), 1, absolute: 1e-15))
        #expect(isClose(try KernelDiagnostics.alignment(ideal, labels: y, centered: true), 1, absolute: 1e-15))
        // The identity: y^T I y / (N ||I||_F) = N / (N sqrt(N)).
        #expect(isClose(try KernelDiagnostics.alignment(.identity(4), labels: y, centered: false), 0.5, absolute: 1e-15))
        // A constant kernel carries no information once centered.
        #expect(try KernelDiagnostics.alignment(Matrix(rows: 4, columns: 4, repeating: 1), labels: y, centered: true) == 0)
        #expect(throws: (any Error).self) { try KernelDiagnostics.alignment(.identity(3), labels: y, centered: false) }
    }
}

@Suite struct KernelTrainingTests {
    @Test(arguments: [KernelTrainer.Method.spsa, .adam(learningRate: 0.1)])
    func trainingRaisesAlignment(method: KernelTrainer.Method) throws {
        let x = try ReferenceData.features("adhoc2_zz_linear_r2", "train.csv")
        let labels: [Double] = (0..<x.rows).map { $0 < x.rows / 2 ? 0 : 1 }  // the file lists class 0 then class 1
        let map = TrainableFeatureMap.rotationLayer(before: try .zz(features: 2, reps: 2, entanglement: .linear))
        let trainer = try KernelTrainer(method: method, iterations: 30, seed: 4)
        let start = [1.3, -0.9]
        let result = try trainer.fit(map, data: x, labels: labels, initial: start)
        #expect(result.history.count == 30)
        #expect(result.alignmentAfter > result.alignmentBefore + 0.01, "\(result.alignmentBefore) -> \(result.alignmentAfter)")
        let again = try trainer.fit(map, data: x, labels: labels, initial: start)
        #expect(again.theta == result.theta)
    }

    @Test func rejectsNonBinaryLabels() throws {
        let map = TrainableFeatureMap.rotationLayer(before: try .zz(features: 2))
        let x = Matrix([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
        #expect(throws: KernelError.self) { try KernelTrainer().fit(map, data: x, labels: [0, 1, 2], initial: [0, 0]) }
    }
}
