import Foundation
import Kernels
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Bad hyperparameters and bad training data are input errors with a clear message, never a crash.
struct SVCParameterTests {
    static let x = Matrix([[0, 0], [1, 0], [0, 1], [1, 1]])
    static let y: [Double] = [0, 0, 1, 1]

    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch let error as InputError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("Hyperparameters out of range")
    func hyperparameters() {
        let rbf = SVCKernel.kernel(RBFKernel(gamma: 1))
        #expect(Self.message { _ = try SVC(kernel: rbf, C: 0).fit(Self.x, Self.y) }.contains("C must be a positive"))
        #expect(Self.message { _ = try SVC(kernel: rbf, C: .infinity).fit(Self.x, Self.y) }.contains("C must be"))
        #expect(Self.message { _ = try SVC(kernel: rbf, tolerance: -1).fit(Self.x, Self.y) }.contains("tolerance"))
        #expect(Self.message { _ = try SVC(kernel: rbf, cacheBytes: 0).fit(Self.x, Self.y) }.contains("cache"))
        #expect(Self.message { _ = try SVC(kernel: rbf, maxIterations: 0).fit(Self.x, Self.y) }.contains("iteration"))
        #expect(Self.message { _ = try SVC(kernel: rbf, classWeights: [5: 1]).fit(Self.x, Self.y) }.contains("label 5"))
        #expect(Self.message { _ = try SVC(kernel: rbf, classWeights: [1: -2]).fit(Self.x, Self.y) }.contains("weight of class 1"))
    }

    @Test("Training data the SVM cannot use")
    func data() {
        let rbf = SVC(kernel: .kernel(RBFKernel(gamma: 1)))
        #expect(Self.message { _ = try rbf.fit(Self.x, [1, 1, 1, 1]) }.contains("single class (label 1)"))
        #expect(Self.message { _ = try rbf.fit(Self.x, [0, 1]) }.contains("2 labels for 4 training points"))
        #expect(Self.message { _ = try rbf.fit(Self.x, [0, .nan, 1, 1]) }.contains("label of training point 2"))
        #expect(Self.message { _ = try rbf.fit(Matrix(rows: 0, columns: 2), []) }.contains("no points"))
        #expect(Self.message { _ = try rbf.fit(Matrix([[0, 0], [1, .infinity]]), [0, 1]) }.contains("feature 2"))
        let pre = SVC(kernel: .precomputed)
        #expect(Self.message { _ = try pre.fit(Self.x, Self.y) }.contains("must be square"))
    }

    @Test("Prediction inputs of the wrong shape")
    func prediction() throws {
        let model = try SVC(kernel: .kernel(RBFKernel(gamma: 1))).fit(Self.x, Self.y)
        #expect(Self.message { _ = try model.predict(Matrix([[1, 2, 3]])) }.contains("trained on 2 features"))
        #expect(Self.message { _ = try model.predictProbability(Self.x) }.contains("no probability"))
        let k = try LinearKernel().gram(Self.x)
        let pre = try SVC(kernel: .precomputed).fit(k, Self.y)
        #expect(Self.message { _ = try pre.predict(Matrix([[1, 2]])) }.contains("one column per training point (4)"))
        #expect(try pre.predict(k) == Self.y)
    }
}
