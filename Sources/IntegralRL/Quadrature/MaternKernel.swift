/// The Matern kernel with half-integer smoothness `nu = p + 1/2` and lengthscale `l`:
///
///     k(s, t) = e^(-u) * sum_{j=0}^{p} c_j u^j,   u = sqrt(2 nu) |s - t| / l,
///     c_j = C(p, j) (2p - j)! 2^j / (2p)!
///
/// which is `e^-u`, `(1 + u) e^-u`, `(1 + u + u^2/3) e^-u` and `(1 + u + 2u^2/5 + u^3/15) e^-u` for
/// `nu = 1/2, 3/2, 5/2, 7/2`. Its sample paths have `p` derivatives, its reproducing-kernel Hilbert
/// space is the Sobolev space `H^(p+1)`, and Bayesian quadrature with it converges at `O(N^-(p+1))` for
/// integrands in that space.
///
/// ## Kernel means in closed form
/// With `alpha = sqrt(2 nu) / l`, substituting `u = alpha r` gives for `G(d) = integral_0^d k(r) dr`
/// and `H(d) = integral_0^d r k(r) dr`
///
///     G(d) = 1/alpha   * sum_j c_j  j!     P(j + 1, alpha d)
///     H(d) = 1/alpha^2 * sum_j c_j (j + 1)! P(j + 2, alpha d)
///
/// because `integral_0^D u^j e^-u du = j! P(j + 1, D)`, with `P(n, D) = e^-D sum_{k >= n} D^k / k!` the
/// regularised lower incomplete gamma function. Splitting `[a, b]` at `x`,
///
///     z(x) = G(x - a) + G(b - x)                        (a <= x <= b)
///     integral_a^b integral_a^b k = 2 (L G(L) - H(L)),  L = b - a
///
/// (the second from `integral integral f(|s - t|) = 2 integral_0^L (L - r) f(r) dr`). `P` is summed as the
/// positive tail series, which has no cancellation for the small `alpha d` of short intervals, where
/// the textbook form `1 - e^-D e_{n-1}(D)` loses digits.
public struct MaternKernel: QuadratureKernel, Hashable {
    /// The half-integer smoothness `nu = p + 1/2`.
    public enum Smoothness: Int, Sendable, CaseIterable, Hashable {
        /// `nu = 1/2`: the exponential (Ornstein-Uhlenbeck) kernel, continuous but rough paths.
        case oneHalf = 0
        /// `nu = 3/2`: once-differentiable paths.
        case threeHalves = 1
        /// `nu = 5/2`: twice-differentiable paths.
        case fiveHalves = 2
        /// `nu = 7/2`: three times differentiable paths.
        case sevenHalves = 3

        /// `nu` as a number.
        public var nu: Double { Double(rawValue) + 0.5 }

        /// `p = nu - 1/2`, the degree of the polynomial factor.
        public var order: Int { rawValue }

        /// The Bayesian-quadrature convergence order `b = nu + 1/2` on functions in the RKHS.
        public var convergenceOrder: Int { rawValue + 1 }

        /// `"12"`, `"32"`, `"52"`, `"72"` as in the rule names `bq-matern72`.
        public var code: String { "\(2 * rawValue + 1)2" }
    }

    /// The smoothness `nu`.
    public var smoothness: Smoothness
    /// The lengthscale `l > 0`.
    public var lengthscale: Double

    /// Creates a kernel (unit output scale).
    public init(smoothness: Smoothness, lengthscale: Double) {
        precondition(lengthscale > 0 && lengthscale.isFinite, "the lengthscale must be positive")
        self.smoothness = smoothness
        self.lengthscale = lengthscale
    }

    /// `"matern12"` ... `"matern72"`.
    public var name: String { "matern\(smoothness.code)" }

    /// Matern kernels are stationary.
    public var isStationary: Bool { true }

    /// `c_j = C(p, j) (2p - j)! 2^j / (2p)!` as an exact integer numerator over `(2p)!`.
    private var coefficientNumerators: [Int] {
        let p = smoothness.order
        return (0...p).map { j in binomial(p, j) * factorial(2 * p - j) * (1 << j) }
    }

    /// `alpha = sqrt(2 nu) / l`.
    private func rate<S: QuadratureScalar>() -> S {
        S.of(2 * smoothness.order + 1).squareRoot / S(lengthscale)
    }

    /// `k(s, t)`.
    public func covariance<S: QuadratureScalar>(_ s: S, _ t: S) -> S {
        let u = (s - t).magnitude * rate()
        let numerators = coefficientNumerators
        var poly = S.of(numerators[numerators.count - 1])
        for j in stride(from: numerators.count - 2, through: 0, by: -1) { poly = poly * u + S.of(numerators[j]) }
        return S.exp(-u) * poly / S.of(factorial(2 * smoothness.order))
    }

    /// `G(d) = integral_0^d k(r) dr` for `d >= 0`.
    func integralOfKernel<S: QuadratureScalar>(upTo d: S) -> S {
        let alpha: S = rate()
        let x = alpha * d
        var sum = S(0)
        for (j, c) in coefficientNumerators.enumerated() {
            sum = sum + S.of(c * factorial(j)) * regularizedLowerGamma(j + 1, x)
        }
        return sum / (S.of(factorial(2 * smoothness.order)) * alpha)
    }

    /// `H(d) = integral_0^d r k(r) dr` for `d >= 0`.
    func firstMomentOfKernel<S: QuadratureScalar>(upTo d: S) -> S {
        let alpha: S = rate()
        let x = alpha * d
        var sum = S(0)
        for (j, c) in coefficientNumerators.enumerated() {
            sum = sum + S.of(c * factorial(j + 1)) * regularizedLowerGamma(j + 2, x)
        }
        return sum / (S.of(factorial(2 * smoothness.order)) * alpha * alpha)
    }

    /// `z(x) = integral_a^b k(x, t) dt`, for `x` inside or outside `[a, b]`.
    public func kernelMean<S: QuadratureScalar>(at x: S, from a: S, to b: S) -> S {
        if x < a { return integralOfKernel(upTo: b - x) - integralOfKernel(upTo: a - x) }
        if b < x { return integralOfKernel(upTo: x - a) - integralOfKernel(upTo: x - b) }
        return integralOfKernel(upTo: x - a) + integralOfKernel(upTo: b - x)
    }

    /// `integral_a^b integral_a^b k(s, t) ds dt = 2 (L G(L) - H(L))`.
    public func initialVariance<S: QuadratureScalar>(from a: S, to b: S) -> S {
        let length = b - a
        let value = length * integralOfKernel(upTo: length) - firstMomentOfKernel(upTo: length)
        return value + value
    }
}

/// `P(n, x) = gamma(n, x) / (n - 1)! = e^-x sum_{k >= n} x^k / k!` for integer `n >= 1`, `x >= 0`.
///
/// The tail series has only positive terms; for large `x` (where it would need many terms) the
/// complement `1 - e^-x sum_{k < n} x^k / k!` is used instead, which is then close to 1 and loses
/// nothing.
func regularizedLowerGamma<S: QuadratureScalar>(_ n: Int, _ x: S) -> S {
    if x.doubleValue > Double(n) + 30 {
        var term = S(1)
        var sum = S(1)
        for k in 1..<max(n, 1) {
            term = term * x / S.of(k)
            sum = sum + term
        }
        return S(1) - S.exp(-x) * sum
    }
    var term = S(1)
    for k in 1...n { term = term * x / S.of(k) }
    var sum = term
    var k = n
    while term.doubleValue > 1e-36 * sum.doubleValue && k < n + 400 {
        k += 1
        term = term * x / S.of(k)
        sum = sum + term
    }
    return S.exp(-x) * sum
}

/// `n!` for small `n` (exact in `Int`).
func factorial(_ n: Int) -> Int { n <= 1 ? 1 : (2...n).reduce(1, *) }

/// The binomial coefficient `C(n, k)` for small arguments.
func binomial(_ n: Int, _ k: Int) -> Int { factorial(n) / (factorial(k) * factorial(n - k)) }
