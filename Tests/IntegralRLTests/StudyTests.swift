import Foundation
import IntegralRL
import QKSupport
import Testing
import _TestSupport

@Test func pointListParsesListsAndRanges() throws {
    #expect(try PointList.parse("5,8,10") == [5, 8, 10])
    #expect(try PointList.parse(" 5...9 ") == [5, 6, 7, 8, 9])
    #expect(try PointList.parse("5...30:5") == [5, 10, 15, 20, 25, 30])
    #expect(try PointList.parse("7") == [7])
}

@Test func pointListRejectsBadInputWithAClearMessage() {
    #expect(throws: InputError("--points '5,x,9': 'x' is not an integer", line: 1, column: 3)) {
        try PointList.parse("5,x,9")
    }
    #expect(throws: InputError("--points '9...5': the range is empty (9 > 5)")) { try PointList.parse("9...5") }
    #expect(throws: InputError("--points '1...5': 1 is out of range; node counts must be between 2 and 400")) {
        try PointList.parse("1...5")
    }
    #expect(throws: InputError.self) { try PointList.parse("") }
    #expect(throws: InputError.self) { try PointList.parse("5...10:0") }
}

@Test func convergenceFitRecoversAnExactPowerLaw() throws {
    let points = [5, 7, 11, 21]
    let errors = points.map { 3.5 * pow(Double($0 - 1), -2.5) }
    let fit = try #require(ConvergenceFit(points: points, errors: errors))
    #expect(isClose(fit.slope, -2.5, absolute: 1e-12))
    #expect(isClose(fit.intercept, log(3.5), absolute: 1e-12))
    // Zero errors cannot be placed on a log scale and are skipped.
    #expect(ConvergenceFit(points: [5, 6], errors: [0, 1e-3]) == nil)
}

@Test func quadratureStudyShowsThePaperStallAndTheJitterFreeRate() throws {
    // On the paper's interval [0, 0.1] with lengthscale 0.3: the trapezoid converges at order 2,
    // Simpson at 4, BQ Matern 7/2 with the paper's jitter stalls, and jitter-free BQ in double-double
    // converges at order <= -3.5 (the threshold; the theory says 4 for nu = 7/2).
    let points = Array(stride(from: 5, through: 40, by: 5))
    func slopes(_ settings: BayesianQuadratureSettings) throws -> [String: Double] {
        let study = QuadratureStudy(
            methods: [.trapezoid, .simpson, .bayesMatern(.sevenHalves)], integrands: [.exp], points: points,
            interval: 0...0.1, settings: settings)
        let records = try study.run()
        var result: [String: Double] = [:]
        for method in study.methods {
            let rows = records.filter { $0.rule == method.name }
            result[method.name] = try #require(ConvergenceFit(points: rows.map(\.points), errors: rows.map(\.error))).slope
        }
        return result
    }
    let paper = try slopes(BayesianQuadratureSettings())
    #expect(abs(try #require(paper["trapezoid"]) + 2) < 0.02)
    #expect(abs(try #require(paper["simpson"]) + 4) < 0.1)
    #expect(try #require(paper["bq-matern72"]) > -2.5)
    let exact = try slopes(BayesianQuadratureSettings(jitter: 0, arithmetic: .doubleDouble))
    #expect(try #require(exact["bq-matern72"]) <= -3.5)
}

@Test func doubleDoubleKeepsThePosteriorVariancePositiveWhereDoubleCannot() throws {
    // Jitter-free Matern 7/2 on [0, 0.1]: at N = 40 the double-precision weights are off by tens of
    // percent and the posterior variance comes out negative; in double-double it stays positive and
    // keeps decreasing with N.
    let kernel = MaternKernel(smoothness: .sevenHalves, lengthscale: 0.3)
    var previous = Double.infinity
    for n in [5, 10, 20, 30, 40] {
        let nodes = evenlySpacedNodes(from: 0, to: 0.1, count: n)
        let dd = try BayesianQuadrature(kernel: kernel, jitter: 0, arithmetic: .doubleDouble).fit(nodes: nodes, from: 0, to: 0.1)
        #expect(dd.posteriorVariance > 0 && dd.posteriorVariance < previous, "N = \(n)")
        previous = dd.posteriorVariance
    }
    let nodes = evenlySpacedNodes(from: 0, to: 0.1, count: 40)
    let double = try BayesianQuadrature(kernel: kernel, jitter: 0).fit(nodes: nodes, from: 0, to: 0.1)
    let dd = try BayesianQuadrature(kernel: kernel, jitter: 0, arithmetic: .doubleDouble).fit(nodes: nodes, from: 0, to: 0.1)
    #expect(double.posteriorVariance < 0)
    #expect(maxAbsDifference(double.weights, dd.weights) > 0.1 * (dd.weights.map(abs).max() ?? 0))
}

@Test(arguments: TestIntegrand.all.map(\.name))
func testIntegrandsKnowTheirIntegrals(name: String) throws {
    let integrand = try #require(TestIntegrand.named(name))
    for (a, b) in [(0.0, 1.0), (0.0, 0.1), (-1.0, 0.5), (0.3, 2.0)] {
        let reference = try AdaptiveQuadrature.integrate(
            from: a, to: b, relativeTolerance: 1e-12, absoluteTolerance: 1e-15
        ) { integrand.function($0) }
        #expect(isClose(integrand.exactIntegral(a, b), reference.value, absolute: 1e-14, relative: 1e-12), "[\(a), \(b)]")
    }
}

@Test func quadratureMethodNamesRoundTrip() {
    for method in QuadratureMethod.allCases { #expect(QuadratureMethod(name: method.name) == method) }
    for integration in CostIntegration.allCases { #expect(CostIntegration(name: integration.name) == integration) }
    #expect(QuadratureMethod(name: "bq-matern92") == nil)
    #expect(QuadratureMethod.allCases.map(\.name) == [
        "trapezoid", "simpson", "bq-matern12", "bq-matern32", "bq-matern52", "bq-matern72",
    ])
}
