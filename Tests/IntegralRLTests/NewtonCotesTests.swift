import Foundation
import IntegralRL
import Testing
import _TestSupport

@Test func trapezoidWeightsOnUnevenNodes() throws {
    let w = try TrapezoidalRule().weights(for: [0, 1, 3, 3.5])
    #expect(w == [0.5, 1.5, 1.25, 0.25])
}

@Test func trapezoidErrorFollowsEulerMaclaurin() throws {
    // The leading error of the composite trapezoidal rule is -h^2/12 (f'(b) - f'(a)).
    let rule = TrapezoidalRule()
    for n in [9, 17, 33] {
        let nodes = evenlySpacedNodes(from: 0, to: 1, count: n)
        let estimate = try rule.integrate(nodes.map { exp($0) }, at: nodes)
        let h = 1.0 / Double(n - 1)
        let leading = h * h / 12 * (exp(1) - 1)
        let error = estimate - (exp(1) - 1)
        #expect(isClose(error, leading, absolute: 0, relative: 2 * h * h), "n = \(n)")
    }
}

@Test func simpsonWithOddCountIsTheClassicalRule() throws {
    let w = try SimpsonRule().weights(for: evenlySpacedNodes(from: 0, to: 1, count: 5))
    let h = 0.25
    #expect(allClose(w, [h / 3, 4 * h / 3, 2 * h / 3, 4 * h / 3, h / 3], tolerance: 1e-16))
}

@Test func simpsonIsExactForCubicsForEveryNodeCount() throws {
    // Odd counts use Simpson panels only; even counts end with a 3/8 panel. Both are exact on cubics.
    let f = { (x: Double) in 2 * x * x * x - x * x + 3 * x - 1 }
    let exact = { (x: Double) in x * x * x * x / 2 - x * x * x / 3 + 1.5 * x * x - x }
    for n in 3...12 {
        let nodes = evenlySpacedNodes(from: -0.5, to: 2, count: n)
        let value = try SimpsonRule().integrate(nodes.map(f), at: nodes)
        #expect(isClose(value, exact(2) - exact(-0.5), absolute: 1e-13), "n = \(n)")
    }
}

@Test func simpsonConvergesAtFourthOrderForOddAndEvenCounts() throws {
    // The observed order log(e1 / e2) / log(h1 / h2) is 4 with Simpson panels only, and at least 4
    // with a 3/8 end panel (whose O(h^5) local error partly cancels the Simpson part at coarse h).
    func error(_ n: Int) throws -> Double {
        let nodes = evenlySpacedNodes(from: 0, to: 2, count: n)
        return abs(try SimpsonRule().integrate(nodes.map { sin(3 * $0) }, at: nodes) - (1 - cos(6)) / 3)
    }
    func order(_ coarse: Int, _ fine: Int) throws -> Double {
        log(try error(coarse) / error(fine)) / log(Double(fine - 1) / Double(coarse - 1))
    }
    let simpsonOnly = try order(17, 33)
    #expect(simpsonOnly > 3.9 && simpsonOnly < 4.1, "order \(simpsonOnly)")
    for (coarse, fine) in [(20, 40), (40, 80)] {
        let withEndPanel = try order(coarse, fine)
        #expect(withEndPanel > 3.9, "\(coarse) -> \(fine): order \(withEndPanel)")
    }
}

@Test func newtonCotesRulesRejectBadNodes() {
    #expect(throws: QuadratureError.tooFewNodes(rule: "simpson", needed: 3, given: 2)) {
        try SimpsonRule().weights(for: [0, 1])
    }
    #expect(throws: QuadratureError.nodesNotEvenlySpaced(rule: "simpson")) {
        try SimpsonRule().weights(for: [0, 0.4, 1])
    }
    #expect(throws: QuadratureError.nodesNotIncreasing(index: 2)) {
        try TrapezoidalRule().weights(for: [0, 1, 1])
    }
}
