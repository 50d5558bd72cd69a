/// Bayesian quadrature (BQ): put a Gaussian-process prior with kernel `k` on the integrand, condition
/// on its values at the nodes, and report the posterior of the integral.
///
/// With `K_ij = k(x_i, x_j)` and the kernel mean `z_i = integral_a^b k(x_i, t) dt`, the posterior mean
/// of `integral_a^b f` is `z^T (K + jitter I)^-1 f = sum_i w_i f(x_i)`: a linear rule with weights
/// `w = (K + jitter I)^-1 z`. Its posterior variance,
///
///     sigma^2 = integral_a^b integral_a^b k(s, t) ds dt - z^T (K + jitter I)^-1 z,
///
/// is (without jitter) the squared worst-case error of the rule over the unit ball of the kernel's
/// reproducing-kernel Hilbert space.
///
/// ## Jitter and arithmetic
/// The published method (and ProbNum, which the authors used) adds `jitter = 1e-8` to the diagonal and
/// solves in double precision. For smooth kernels on closely spaced nodes `K` is so ill-conditioned
/// (condition numbers of 1e12-1e20 for Matern 7/2 on the paper's intervals) that this is necessary in
/// double precision, but it regularises the interpolant and makes the error stall far above the rate
/// that the theory promises. With ``Arithmetic/doubleDouble`` the kernel matrix, the kernel means and
/// the Cholesky solve are carried out in 106-bit arithmetic, which keeps the jitter-free system
/// solvable; use `jitter: 0` with it to see the `O(N^-(nu + 1/2))` regime.
public struct BayesianQuadrature<Kernel: QuadratureKernel>: QuadratureRule {
    /// The arithmetic the weights are computed in (they are returned as doubles).
    public enum Arithmetic: String, Sendable, CaseIterable, Hashable {
        /// IEEE double precision, as in the published method.
        case double
        /// ``DoubleDouble``, about 32 digits.
        case doubleDouble = "double-double"
    }

    /// The prior covariance.
    public var kernel: Kernel
    /// Added to the diagonal of the kernel matrix (`>= 0`).
    public var jitter: Double
    /// The arithmetic of the weight computation.
    public var arithmetic: Arithmetic

    /// Creates a rule. The defaults (`jitter = 1e-8`, double precision) match the paper.
    public init(kernel: Kernel, jitter: Double = 1e-8, arithmetic: Arithmetic = .double) {
        self.kernel = kernel
        self.jitter = jitter
        self.arithmetic = arithmetic
    }

    /// `"bq-<kernel>"`.
    public var name: String { "bq-\(kernel.name)" }

    /// The weights and the posterior variance of one Bayesian-quadrature fit.
    public struct Fit: Sendable, Equatable {
        /// `w = (K + jitter I)^-1 z`.
        public var weights: [Double]
        /// `z_i = integral_a^b k(x_i, t) dt`.
        public var kernelMeans: [Double]
        /// The prior variance of the integral, `integral integral k`.
        public var initialVariance: Double
        /// The posterior variance of the integral, `initialVariance - z^T w` (computed in the rule's
        /// arithmetic, so in double precision it is dominated by rounding once it falls below about
        /// `1e-16 * initialVariance`).
        public var posteriorVariance: Double
    }

    /// Weights and posterior variance for `nodes` (strictly increasing, at least one) in `[a, b]`.
    public func fit(nodes: [Double], from a: Double, to b: Double) throws -> Fit {
        try validateNodes(nodes, minimum: 1, rule: name)
        guard jitter >= 0 && jitter.isFinite else {
            throw QuadratureError.invalidParameter("the jitter must be a finite number >= 0, got \(jitter)")
        }
        guard a < b else { throw QuadratureError.invalidParameter("the interval [\(a), \(b)] is empty") }
        for x in nodes where x < a || x > b { throw QuadratureError.nodeOutsideInterval(node: x, lower: a, upper: b) }
        switch arithmetic {
        case .double: return try solve(nodes, a, b, as: Double.self)
        case .doubleDouble: return try solve(nodes, a, b, as: DoubleDouble.self)
        }
    }

    /// The weights over `[nodes.first, nodes.last]` (at least two nodes).
    public func weights(for nodes: [Double]) throws -> [Double] {
        try validateNodes(nodes, minimum: 2, rule: name)
        return try fit(nodes: nodes, from: nodes[0], to: nodes[nodes.count - 1]).weights
    }

    /// The posterior variance of the integral over `[nodes.first, nodes.last]`.
    public func posteriorVariance(for nodes: [Double]) throws -> Double {
        try validateNodes(nodes, minimum: 2, rule: name)
        return try fit(nodes: nodes, from: nodes[0], to: nodes[nodes.count - 1]).posteriorVariance
    }

    private func solve<S: QuadratureScalar>(_ nodes: [Double], _ a: Double, _ b: Double, as _: S.Type) throws -> Fit {
        let n = nodes.count
        let x = nodes.map { S($0) }
        let (sa, sb) = (S(a), S(b))
        var gram = [S](repeating: S(0), count: n * n)
        for i in 0..<n {
            for j in 0...i {
                let kij = kernel.covariance(x[i], x[j])
                gram[i * n + j] = kij
                gram[j * n + i] = kij
            }
            gram[i * n + i] = gram[i * n + i] + S(jitter)
        }
        let z = x.map { kernel.kernelMean(at: $0, from: sa, to: sb) }
        guard let factor = SmallCholesky(gram, size: n) else {
            throw QuadratureError.kernelMatrixNotPositiveDefinite(
                size: n, pivot: SmallCholesky<S>.failingPivot(gram, size: n), arithmetic: arithmetic.rawValue)
        }
        let w = factor.solve(z)
        var zw = S(0)
        for i in 0..<n { zw = zw + z[i] * w[i] }
        let prior = kernel.initialVariance(from: sa, to: sb)
        return Fit(
            weights: w.map(\.doubleValue), kernelMeans: z.map(\.doubleValue), initialVariance: prior.doubleValue,
            posteriorVariance: (prior - zw).doubleValue)
    }
}
