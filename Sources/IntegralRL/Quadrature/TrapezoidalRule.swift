/// The composite trapezoidal rule: integrate the piecewise-linear interpolant of the samples.
///
/// `w_0 = (x_1 - x_0) / 2`, `w_i = (x_{i+1} - x_{i-1}) / 2`, `w_{n-1} = (x_{n-1} - x_{n-2}) / 2`; any
/// increasing nodes. On evenly spaced nodes the error is `-(b - a) h^2 f''(xi) / 12 = O(N^-2)` (with
/// `h = (b - a) / (N - 1)`), and the Euler-Maclaurin formula gives its leading term exactly:
/// `-h^2 / 12 (f'(b) - f'(a))`.
///
/// It is also Bayesian quadrature under a Brownian-motion prior (``WienerKernel``): the posterior mean
/// of a Wiener process given its values at the nodes is their piecewise-linear interpolant.
public struct TrapezoidalRule: QuadratureRule {
    /// Creates the rule.
    public init() {}

    /// `"trapezoid"`.
    public var name: String { "trapezoid" }

    /// The trapezoidal weights for `nodes` (at least two).
    public func weights(for nodes: [Double]) throws -> [Double] {
        try validateNodes(nodes, minimum: 2, rule: name)
        let n = nodes.count
        var w = [Double](repeating: 0, count: n)
        for i in 0..<(n - 1) {
            let half = (nodes[i + 1] - nodes[i]) / 2
            w[i] += half
            w[i + 1] += half
        }
        return w
    }
}
