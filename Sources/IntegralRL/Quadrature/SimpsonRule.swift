/// The composite Simpson rule on evenly spaced nodes: integrate the piecewise-quadratic interpolant
/// on consecutive pairs of intervals.
///
/// With an odd node count `N` (an even number of intervals) the weights are
/// `h / 3 * [1, 4, 2, 4, ..., 2, 4, 1]` and the error is `-(b - a) h^4 f''''(xi) / 180 = O(N^-4)`.
///
/// With an even `N >= 4` the interval count is odd, so Simpson's rule alone does not fit. Instead of
/// rejecting the input or dropping to a lower order, QKSim uses Simpson's rule on the first `N - 3`
/// nodes and Simpson's 3/8 rule, `3h/8 * [1, 3, 3, 1]`, on the last three intervals. The 3/8 rule is
/// also exact for cubics with an `O(h^5)` local error, so the composite rule keeps the `O(N^-4)` order
/// for every `N >= 3`. (`N = 4` is the 3/8 rule alone.) Two nodes are too few and throw.
public struct SimpsonRule: QuadratureRule {
    /// Creates the rule.
    public init() {}

    /// `"simpson"`.
    public var name: String { "simpson" }

    /// The Simpson weights for evenly spaced `nodes` (at least three; relative spacing tolerance 1e-9).
    public func weights(for nodes: [Double]) throws -> [Double] {
        try validateNodes(nodes, minimum: 3, rule: name)
        let n = nodes.count
        let a = nodes[0]
        let span = nodes[n - 1] - a
        let h = span / Double(n - 1)
        for i in 1..<(n - 1) where abs(nodes[i] - (a + h * Double(i))) > 1e-9 * span {
            throw QuadratureError.nodesNotEvenlySpaced(rule: name)
        }
        var w = [Double](repeating: 0, count: n)
        // Simpson panels over nodes 0...simpsonEnd, then a 3/8 panel over the last three intervals
        // when the number of intervals is odd.
        let simpsonEnd = (n - 1) % 2 == 0 ? n - 1 : n - 4
        var i = 0
        while i + 2 <= simpsonEnd {
            w[i] += h / 3
            w[i + 1] += 4 * h / 3
            w[i + 2] += h / 3
            i += 2
        }
        if simpsonEnd != n - 1 {
            let s = simpsonEnd
            for (k, c) in [1.0, 3, 3, 1].enumerated() { w[s + k] += 3 * h / 8 * c }
        }
        return w
    }
}
