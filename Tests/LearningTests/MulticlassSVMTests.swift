import Foundation
import Kernels
import Learning
import LinearAlgebra
import Testing

/// One-versus-one multiclass SVMs against scikit-learn's `SVC` (fixtures from
/// `Fixtures/make_fixtures.py`): iris with an RBF kernel, wine with a weighted polynomial kernel and
/// gamma = 'scale', iris with relabelled classes through a precomputed kernel, and wine at the
/// default tolerance 1e-3 (where only the same iterates give the same answer).
struct MulticlassSVMTests {
    static func check(
        _ model: SVCModel, _ name: String, test: Matrix, coefficientTolerance: Double = 1e-6
    ) throws {
        let reference = try fixtureJSON("generated/\(name)")
        #expect(model.classes == (try doubles(reference["classes"])), "\(name): classes")
        #expect(model.supportIndices == (try doubles(reference["support"])).map { Int($0) }, "\(name): support")
        #expect(model.supportCounts == (try doubles(reference["n_support"])).map { Int($0) }, "\(name): n_support")
        let dual = try matrix(reference["dual_coef"])
        let scale = max(dual.scalars.map(abs).max() ?? 1, 1)
        let coefficientError = zip(model.dualCoefficients.scalars, dual.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(coefficientError / scale < coefficientTolerance, "\(name): dual_coef differs by \(coefficientError)")
        let intercept = try doubles(reference["intercept"])
        for (a, b) in zip(model.intercept, intercept) {
            #expect(relativeError(a, b) < 1e-6 || abs(a - b) < 1e-9, "\(name): intercept \(a) vs \(b)")
        }
        let decision = try model.decisionFunction(test)
        let expected = try matrix(reference["decision_ovo"])
        let decisionError = zip(decision.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(decisionError < 1e-6, "\(name): decision values differ by \(decisionError)")
        #expect(try model.predict(test) == (try doubles(reference["test_predictions"])), "\(name): predictions")
    }

    @Test("iris, RBF kernel (gamma 0.5), C = 1")
    func irisRBF() throws {
        let train = try fixtureCSV("generated/iris_train")
        let test = try fixtureCSV("generated/iris_test")
        let model = try SVC(kernel: .kernel(RBFKernel(gamma: 0.5)), C: 1, tolerance: 1e-8).fit(train.x, train.y)
        try Self.check(model, "iris_rbf", test: test.x)
        #expect(model.pairs.map { [$0.0, $0.1] } == [[0, 1], [0, 2], [1, 2]])
    }

    @Test("wine, weighted classes, polynomial kernel with gamma = scale, C = 10")
    func winePolynomialWeighted() throws {
        let train = try fixtureCSV("generated/wine_train_std")
        let test = try fixtureCSV("generated/wine_test_std")
        let reference = try fixtureJSON("generated/wine_poly_weighted")
        let spec = ClassicalKernelSpec.polynomial(degree: 3, gamma: .scale, coef0: 1)
        let kernel = try spec.makeKernel(fittedTo: train.x)
        let gamma = try #require((reference["gamma"] as? NSNumber)?.doubleValue)
        #expect(relativeError(try #require(kernel as? PolynomialKernel).gamma, gamma) < 1e-14)
        let svc = SVC(kernel: .kernel(kernel), C: 10, tolerance: 1e-8, classWeights: [0: 1, 1: 2, 2: 0.5])
        try Self.check(try svc.fit(train.x, train.y), "wine_poly_weighted", test: test.x)
    }

    @Test("iris relabelled 7 / -1 / 3, precomputed linear kernel, C = 0.5")
    func precomputedRelabelled() throws {
        let train = try fixtureCSV("generated/iris_relabelled_train")
        let model = try SVC(kernel: .precomputed, C: 0.5, tolerance: 1e-8)
            .fit(try fixtureMatrix("generated/iris_linear_K_train"), train.y)
        #expect(model.classes == [-1, 3, 7])
        try Self.check(model, "iris_linear_precomputed", test: try fixtureMatrix("generated/iris_linear_K_test"))
    }

    @Test("wine at the default tolerance 1e-3: the same iterates as LIBSVM")
    func defaultTolerance() throws {
        let train = try fixtureCSV("generated/wine_train_std")
        let test = try fixtureCSV("generated/wine_test_std")
        let kernel = RBFKernel(gamma: .scale, fittedTo: train.x)
        let model = try SVC(kernel: .kernel(kernel)).fit(train.x, train.y)
        try Self.check(model, "wine_rbf_default_tol", test: test.x)
    }

    @Test("Voting ties go to the class that comes first; a zero decision value votes for the second")
    func votingTies() throws {
        let train = try fixtureCSV("generated/iris_train")
        let model = try SVC(kernel: .kernel(RBFKernel(gamma: 0.5))).fit(train.x, train.y)
        // Pairs (0,1), (0,2), (1,2): votes 0, 2, 1 -> one each, the tie goes to class 0.
        let cyclic = Matrix([[1, -1, 1], [-1, 1, -1], [0, 0, 0]])
        #expect(model.predict(decisionValues: cyclic) == [0, 0, 2])
    }
}
