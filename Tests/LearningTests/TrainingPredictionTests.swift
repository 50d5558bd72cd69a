import Kernels
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// `predictTraining` reads the training labels off the solver's final gradient; it must give
/// `predict`'s labels, and the gradient's decision values must be the model's own to within the
/// float rounding of the kernel cache.
struct TrainingPredictionTests {
    static func noisyProblem(_ n: Int, seed: UInt64) -> (x: Matrix, y: [Double]) {
        var generator = SeededGenerator(seed: seed)
        let d = 6
        let x = Matrix(rows: n, columns: d, scalars: (0..<n * d).map { _ in generator.normal() })
        // Overlapping classes: many bounded support vectors, some decision values near zero.
        let y = (0..<n).map { i in x[i, 0] * x[i, 1] + 0.5 * x[i, 2] + 0.6 * generator.normal() > 0 ? 1.0 : -1.0 }
        return (x, y)
    }

    @Test("Binary RBF, dense matrix and column cache: the gradient's labels are predict's")
    func binaryMatchesPredict() throws {
        let (x, y) = Self.noisyProblem(600, seed: 3)
        for cacheBytes in [200 << 20, 8 * 600] {
            let model = try SVC(kernel: .kernel(RBFKernel(gamma: 0.3)), C: 2, cacheBytes: cacheBytes).fit(x, y)
            let fromGradient = try #require(model.trainingDecisionValues)
            let exact = try model.decisionValues(x)
            let worst = zip(fromGradient, exact.scalars).map { abs($0 - $1) }.max() ?? 0
            let bound = 0x1p-24 * model.supportVectorCoefficients.scalars.reduce(0) { $0 + abs($1) }
            #expect(worst <= bound, "decision values from the gradient differ by \(worst) (bound \(bound))")
            #expect(worst > 0, "the float cache should leave a visible rounding difference")
            #expect(try model.predictTraining(x) == model.predict(x))
        }
    }

    @Test("Precomputed Gram matrix and labels that are not +-1 give predict's labels")
    func precomputedMatchesPredict() throws {
        let (x, y) = Self.noisyProblem(300, seed: 5)
        let gram = try RBFKernel(gamma: 0.2).gram(x)
        let labels = y.map { $0 > 0 ? 7.0 : 2.0 }
        let model = try SVC(kernel: .precomputed, C: 1).fit(gram, labels)
        #expect(model.trainingDecisionValues != nil)
        #expect(try model.predictTraining(gram) == model.predict(gram))
    }

    @Test("Three classes, or rows that are not the training set: predictTraining falls back to predict")
    func fallbacks() throws {
        let (x, y) = Self.noisyProblem(240, seed: 9)
        let three = (0..<x.rows).map { i in y[i] > 0 ? 1.0 : (x[i, 3] > 0 ? 2.0 : 3.0) }
        let multi = try SVC(kernel: .kernel(RBFKernel(gamma: 0.3))).fit(x, three)
        #expect(multi.trainingDecisionValues == nil)
        #expect(try multi.predictTraining(x) == multi.predict(x))
        let binary = try SVC(kernel: .kernel(RBFKernel(gamma: 0.3))).fit(x, y)
        let fewer = x.selectingRows(Array(0..<100))
        #expect(try binary.predictTraining(fewer) == binary.predict(fewer))
    }
}
