import Foundation
import IntegralRL
import Testing
import _TestSupport

private struct ProbNumFixture: Decodable {
    struct Case: Decodable {
        var nu: Double
        var a: Double
        var b: Double
        var lengthscale: Double
        var nodes: [Double]
        var weights: [Double]
        var variance: Double
        var exp_estimate: Double
    }
    var jitter: Double
    var cases: [Case]
}

private func loadProbNumFixture() throws -> ProbNumFixture {
    let path = try #require(Bundle.module.path(forResource: "probnum_bq", ofType: "json", inDirectory: "Fixtures"))
    return try JSONDecoder().decode(ProbNumFixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
}

@Test func bayesianQuadratureReproducesProbNum() throws {
    // Same kernel, jitter and double precision as the paper's code: ProbNum's weights, posterior
    // variance and estimate of integral e^x agree. Where the jittered Gram matrix is ill-conditioned
    // (the short interval [0, 0.1]: condition number up to ~1/jitter = 1e8) two double-precision
    // solves in different operation orders agree only to ~1e-8 relative in the weights, though the
    // estimate of a smooth integrand still agrees to 1e-12; elsewhere the weights agree to 1e-12.
    let fixture = try loadProbNumFixture()
    #expect(fixture.cases.count == 36)
    for c in fixture.cases {
        let smoothness = try #require(MaternKernel.Smoothness(rawValue: Int(c.nu - 0.5)))
        let rule = BayesianQuadrature(
            kernel: MaternKernel(smoothness: smoothness, lengthscale: c.lengthscale), jitter: fixture.jitter)
        let fit = try rule.fit(nodes: c.nodes, from: c.a, to: c.b)
        let length = c.b - c.a
        let label = "nu \(c.nu), [\(c.a), \(c.b)], l \(c.lengthscale), n \(c.nodes.count)"
        let illConditioned = length < 0.5
        #expect(maxAbsDifference(fit.weights, c.weights) <= (illConditioned ? 1e-7 : 1e-12) * length, "\(label)")
        let estimate = zip(fit.weights, c.nodes).reduce(0) { $0 + $1.0 * exp($1.1) }
        #expect(isClose(estimate, c.exp_estimate, absolute: 1e-12 * length), "\(label)")
        #expect(isClose(fit.posteriorVariance, c.variance, absolute: 1e-12 * length * length, relative: 1e-6), "\(label)")
    }
}

@Test(arguments: BayesianQuadrature<WienerKernel>.Arithmetic.allCases)
func wienerBayesianQuadratureIsTheTrapezoidalRule(arithmetic: BayesianQuadrature<WienerKernel>.Arithmetic) throws {
    // Even and uneven nodes, intervals near and far from the process origin.
    let cases: [(nodes: [Double], origin: Double)] = [
        (evenlySpacedNodes(from: 1, to: 2, count: 11), 0),
        (evenlySpacedNodes(from: 0.5, to: 0.6, count: 5), 0),
        ([0.0, 0.1, 0.35, 0.4, 0.9, 1.0], -1),
        (evenlySpacedNodes(from: 3, to: 7, count: 15), 2.5),
    ]
    for (nodes, origin) in cases {
        let bq = BayesianQuadrature(kernel: WienerKernel(origin: origin), jitter: 0, arithmetic: arithmetic)
        let bqWeights = try bq.weights(for: nodes)
        let trapezoid = try TrapezoidalRule().weights(for: nodes)
        let span = nodes.last! - nodes.first!
        #expect(maxAbsDifference(bqWeights, trapezoid) <= 1e-13 * span, "nodes \(nodes)")
    }
}

@Test func wienerPosteriorVarianceIsTheSumOfBrownianBridgeVariances() throws {
    // Between two observations Brownian motion is a bridge; the integral over a gap of width h has
    // variance h^3 / 12 and the gaps are independent, so sigma^2 = sum h_i^3 / 12.
    let nodes = [1.0, 1.2, 1.25, 1.7, 2.0]
    let fit = try BayesianQuadrature(kernel: WienerKernel(), jitter: 0).fit(nodes: nodes, from: 1, to: 2)
    let expected = zip(nodes, nodes.dropFirst()).reduce(0) { $0 + pow($1.1 - $1.0, 3) / 12 }
    #expect(isClose(fit.posteriorVariance, expected, absolute: 1e-14))
}

@Test func posteriorVarianceMatchesIntegratedPosteriorCovariance() throws {
    // sigma^2 = integral integral [k(s,t) - k(s,X) K^-1 k(X,t)] ds dt, here by nested QAG of the
    // posterior covariance written with the fitted weights' dual form; a well-conditioned case.
    let kernel = MaternKernel(smoothness: .threeHalves, lengthscale: 0.3)
    let nodes = evenlySpacedNodes(from: 0, to: 1, count: 5)
    let fit = try BayesianQuadrature(kernel: kernel, jitter: 0).fit(nodes: nodes, from: 0, to: 1)
    // Var = prior - z^T K^-1 z, with z^T K^-1 = w^T: integral of the posterior mean of the kernel
    // section k(., t) is sum_i w_i k(x_i, t); integrate its difference from z(t) over t.
    let reduction = try AdaptiveQuadrature.integrate(from: 0, to: 1) { t in
        zip(fit.weights, nodes).reduce(0) { $0 + $1.0 * kernel.covariance($1.1, t) }
    }.value
    let prior = try AdaptiveQuadrature.integrate(from: 0, to: 1) { kernel.kernelMean(at: $0, from: 0.0, to: 1.0) }.value
    #expect(isClose(fit.posteriorVariance, prior - reduction, absolute: 1e-13))
    #expect(fit.posteriorVariance > 0 && fit.posteriorVariance < fit.initialVariance)
}

@Test(arguments: BayesianQuadrature<MaternKernel>.Arithmetic.allCases)
func bayesianQuadratureIsExactOnKernelSections(arithmetic: BayesianQuadrature<MaternKernel>.Arithmetic) throws {
    // f = k(., x_j) lies in the span the rule interpolates, so the estimate is z_j exactly.
    let kernel = MaternKernel(smoothness: .fiveHalves, lengthscale: 0.3)
    let nodes = evenlySpacedNodes(from: 0, to: 1, count: 7)
    let fit = try BayesianQuadrature(kernel: kernel, jitter: 0, arithmetic: arithmetic).fit(nodes: nodes, from: 0, to: 1)
    for j in nodes.indices {
        let estimate = zip(fit.weights, nodes).reduce(0) { $0 + $1.0 * kernel.covariance($1.1, nodes[j]) }
        #expect(isClose(estimate, fit.kernelMeans[j], absolute: 1e-12))
    }
}

@Test func doubleDoubleWeightsAgreeWithDoubleWhenWellConditioned() throws {
    let kernel = MaternKernel(smoothness: .threeHalves, lengthscale: 0.5)
    let nodes = evenlySpacedNodes(from: 0, to: 2, count: 9)
    let d = try BayesianQuadrature(kernel: kernel, jitter: 0).fit(nodes: nodes, from: 0, to: 2)
    let dd = try BayesianQuadrature(kernel: kernel, jitter: 0, arithmetic: .doubleDouble).fit(nodes: nodes, from: 0, to: 2)
    #expect(maxAbsDifference(d.weights, dd.weights) < 1e-13)
    #expect(isClose(d.posteriorVariance, dd.posteriorVariance, absolute: 1e-14))
}

@Test func jitterStallsTheErrorAndDoubleDoubleRemovesTheNeedForIt() throws {
    // Matern 7/2 on the paper's interval [0, 0.1], lengthscale 0.3. At N = 15 the paper's jitter 1e-8
    // makes the error on e^x stall at 4.4e-8, while the jitter-free rule reaches 2e-9 (the O(h^4)
    // level of the kernel's smoothness). At N = 60 the jitter-free Gram matrix is no longer positive
    // definite in double precision, but double-double still solves it, for a 1e-12 error.
    let kernel = MaternKernel(smoothness: .sevenHalves, lengthscale: 0.3)
    let exactDD = BayesianQuadrature(kernel: kernel, jitter: 0, arithmetic: .doubleDouble)
    let nodes15 = evenlySpacedNodes(from: 0, to: 0.1, count: 15)
    let values15 = nodes15.map { exp($0) }
    let jittered = abs(try BayesianQuadrature(kernel: kernel).integrate(values15, at: nodes15) - expm1(0.1))
    let exact = abs(try exactDD.integrate(values15, at: nodes15) - expm1(0.1))
    #expect(jittered > 3e-8)
    #expect(exact < 2.5e-9)
    #expect(exact < jittered / 15)

    let nodes60 = evenlySpacedNodes(from: 0, to: 0.1, count: 60)
    #expect {
        try BayesianQuadrature(kernel: kernel, jitter: 0).weights(for: nodes60)
    } throws: { error in
        guard case .kernelMatrixNotPositiveDefinite(let size, _, let arithmetic) = error as? QuadratureError else { return false }
        return size == 60 && arithmetic == "double"
    }
    let estimate60 = try exactDD.integrate(nodes60.map { exp($0) }, at: nodes60)
    #expect(abs(estimate60 - expm1(0.1)) < 3e-12)
}

@Test func bayesianQuadratureValidatesItsInput() {
    let rule = BayesianQuadrature(kernel: MaternKernel(smoothness: .oneHalf, lengthscale: 1))
    #expect(throws: QuadratureError.nodeOutsideInterval(node: 2, lower: 0, upper: 1)) {
        try rule.fit(nodes: [0.5, 2], from: 0, to: 1)
    }
    #expect(throws: QuadratureError.self) {
        try BayesianQuadrature(kernel: MaternKernel(smoothness: .oneHalf, lengthscale: 1), jitter: -1).weights(for: [0, 1])
    }
}
