import Foundation
import Kernels
import Learning
import LinearAlgebra
import Testing

/// Probability estimates: the sigmoid fit and the pairwise coupling against scipy, and the trained
/// model's probabilities.
struct PlattScalingTests {
    @Test("The Newton fit of Platt's sigmoid reaches scipy's minimiser of the same objective")
    func sigmoidFit() throws {
        let reference = try fixtureJSON("generated/platt")
        let fit = PlattScaling.fitSigmoid(
            decisionValues: try doubles(reference["decision"]), labels: try doubles(reference["labels"]))
        // LIBSVM stops when both gradient components are below 1e-5.
        #expect(abs(fit.a - (try #require((reference["A"] as? NSNumber)?.doubleValue))) < 1e-5)
        #expect(abs(fit.b - (try #require((reference["B"] as? NSNumber)?.doubleValue))) < 1e-5)
    }

    @Test("Pairwise coupling solves Wu, Lin and Weng's quadratic problem")
    func coupling() throws {
        let reference = try fixtureJSON("generated/platt")
        let r = try #require(reference["pairwise"] as? [Any]).map { try doubles($0) }
        let p = PlattScaling.coupledProbabilities(r)
        let exact = try doubles(reference["coupled"])
        // LIBSVM's iteration stops when max |(Qp)_t - p^T Q p| < 0.005 / k.
        #expect(zip(p, exact).allSatisfy { abs($0 - $1) < 2e-3 })
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        // Two classes: the coupled probabilities are the pairwise ones.
        let two = PlattScaling.coupledProbabilities([[0, 0.8], [0.2, 0]])
        #expect(abs(two[0] - 0.8) < 1e-3 && abs(two[1] - 0.2) < 1e-3)
    }

    @Test("A model trained with probabilities: rows sum to 1, the seed fixes them, the sigmoid slopes the right way")
    func modelProbabilities() throws {
        let train = try fixtureCSV("generated/iris_train")
        let test = try fixtureCSV("generated/iris_test")
        let svc = SVC(kernel: .kernel(RBFKernel(gamma: 0.5)), probability: true, seed: 42)
        let model = try svc.fit(train.x, train.y)
        let p = try model.predictProbability(test.x)
        #expect(p.rows == test.x.rows && p.columns == 3)
        for m in 0..<p.rows {
            let row = p.row(m)
            #expect(abs(row.reduce(0, +) - 1) < 1e-9 && row.allSatisfy { $0 > 0 && $0 < 1 })
        }
        #expect(try #require(model.probabilityA).allSatisfy { $0 < 0 })  // d > 0 (first class) -> P up
        #expect(try svc.fit(train.x, train.y).predictProbability(test.x) == p)
        var other = svc
        other.seed = 43
        #expect(try other.fit(train.x, train.y).predictProbability(test.x) != p)
        // Probabilities agree with the votes on this well-separated data.
        let predicted = try model.predict(test.x)
        let argmax = (0..<p.rows).map { m in model.classes[(0..<3).max { p[m, $0] < p[m, $1] }!] }
        #expect(zip(predicted, argmax).filter { $0 != $1 }.count <= 2)
    }
}
