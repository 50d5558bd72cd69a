/// The Wiener (Brownian-motion) kernel `k(s, t) = min(s - o, t - o)` for a process started at `o`
/// (the `origin`, 0 by default) with value 0.
///
/// Bayesian quadrature with this kernel reproduces the trapezoidal rule: the posterior mean of a
/// Brownian motion observed at `x_0 < ... < x_{n-1}` is the piecewise-linear interpolant of the
/// observations (the process is Markov, so between two observations only those two matter, and its
/// bridge has a linear mean). Integrated over `[x_0, x_{n-1}]` that is exactly the trapezoidal rule.
/// Nodes must lie strictly to the right of the origin, or the kernel matrix is singular.
///
///     z(x)          = (x' ^2 - a'^2) / 2 + x' (b' - x')        x' = x - o, a' = a - o, b' = b - o
///     double integral = (b'^3 - a'^3) / 3 - a'^2 (b' - a')
public struct WienerKernel: QuadratureKernel, Hashable {
    /// Where the process starts (with value zero).
    public var origin: Double

    /// Creates a Wiener kernel for a process started at `origin`.
    public init(origin: Double = 0) { self.origin = origin }

    /// `"wiener"`.
    public var name: String { "wiener" }

    /// Not stationary: the variance grows with distance from the origin.
    public var isStationary: Bool { false }

    /// `min(s, t) - origin`.
    public func covariance<S: QuadratureScalar>(_ s: S, _ t: S) -> S { min(s, t) - S(origin) }

    /// `integral_a^b min(x, t) dt` (shifted by the origin), for `x` anywhere right of the origin.
    public func kernelMean<S: QuadratureScalar>(at x: S, from a: S, to b: S) -> S {
        let o = S(origin)
        let (xs, as_, bs) = (x - o, a - o, b - o)
        let half = S(0.5)
        if x <= a { return xs * (bs - as_) }
        if b <= x { return half * (bs * bs - as_ * as_) }
        return half * (xs * xs - as_ * as_) + xs * (bs - xs)
    }

    /// `integral_a^b integral_a^b min(s, t) ds dt` (shifted by the origin).
    public func initialVariance<S: QuadratureScalar>(from a: S, to b: S) -> S {
        let o = S(origin)
        let (as_, bs) = (a - o, b - o)
        return (bs * bs * bs - as_ * as_ * as_) / S(3) - as_ * as_ * (bs - as_)
    }
}
