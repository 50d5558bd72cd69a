/// A covariance kernel on the real line together with the two integrals Bayesian quadrature needs in
/// closed form: the kernel mean `z(x) = integral_a^b k(x, t) dt` and the initial variance
/// `integral_a^b integral_a^b k(s, t) ds dt`.
///
/// Everything is generic over ``QuadratureScalar`` so the same formulas run in `Double` and in
/// ``DoubleDouble``.
public protocol QuadratureKernel: Sendable {
    /// A short name, e.g. `"matern72"`.
    var name: String { get }

    /// Whether `k(s + c, t + c) = k(s, t)`: then quadrature weights depend only on the nodes'
    /// positions relative to the interval, and can be reused for every interval of the same shape.
    var isStationary: Bool { get }

    /// The covariance `k(s, t)`.
    func covariance<S: QuadratureScalar>(_ s: S, _ t: S) -> S

    /// The kernel mean `z(x) = integral_a^b k(x, t) dt`.
    func kernelMean<S: QuadratureScalar>(at x: S, from a: S, to b: S) -> S

    /// The prior variance of the integral, `integral_a^b integral_a^b k(s, t) ds dt`.
    func initialVariance<S: QuadratureScalar>(from a: S, to b: S) -> S
}
