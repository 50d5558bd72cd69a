import Kernels
import LinearAlgebra
import Learning
import Testing

@Suite struct AdHocDataTests {
    @Test func seededShapesAndBalance() throws {
        let a = try AdHocData.generate(qubits: 2, trainPerClass: 20, testPerClass: 5, gap: 0.3, seed: 1)
        #expect(a.trainFeatures.rows == 40 && a.trainFeatures.columns == 2)
        #expect(a.testFeatures.rows == 10)
        #expect(a.trainLabels.filter { $0 == 0 }.count == 20)
        #expect(a.trainFeatures.scalars.allSatisfy { $0 >= 0 && $0 < 2 * Double.pi })
        let b = try AdHocData.generate(qubits: 2, trainPerClass: 20, testPerClass: 5, gap: 0.3, seed: 1)
        #expect(a.trainFeatures == b.trainFeatures)
        let c = try AdHocData.generate(qubits: 2, trainPerClass: 20, testPerClass: 5, gap: 0.3, seed: 2)
        #expect(a.trainFeatures != c.trainFeatures)
    }

    @Test func rejectsImpossibleRequests() {
        #expect(throws: (any Error).self) { try AdHocData.generate(qubits: 0, trainPerClass: 1, testPerClass: 1, gap: 0.3, seed: 1) }
        #expect(throws: (any Error).self) { try AdHocData.generate(qubits: 2, trainPerClass: 1, testPerClass: 1, gap: 1.5, seed: 1) }
    }
}
