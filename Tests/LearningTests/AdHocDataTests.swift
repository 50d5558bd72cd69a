import Foundation
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

/// Havlicek's experiment end to end on the reference ad hoc data (qiskit-machine-learning's
/// ad_hoc_data, gap 0.3): our ZZ kernel, our SVM, test accuracy 1.0 as in Qiskit's tutorial.
@Suite struct ZZKernelSVMOnAdHocDataTests {
    @Test func reachesPerfectTestAccuracy() throws {
        let directory = Bundle.module.resourcePath! + "/Fixtures/adhoc2_zz_linear_r2/"
        let train = try Dataset.readCSV(directory + "train.csv", minimumClasses: 2)
        let test = try Dataset.readCSV(directory + "test.csv")
        let kernel = try FidelityKernel(featureMap: .zz(features: 2, reps: 2, entanglement: .linear))
        let model = try SVC(kernel: .kernel(kernel), C: 1).fit(train.features, train.labels!)
        #expect(try ClassificationMetrics.accuracy(test.labels!, model.predict(test.features)) == 1.0)
        #expect(try ClassificationMetrics.accuracy(train.labels!, model.predict(train.features)) == 1.0)
    }
}
