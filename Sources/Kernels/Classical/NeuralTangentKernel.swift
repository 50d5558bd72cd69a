import FoundationEssentials
import LinearAlgebra

/// The neural tangent kernel (Jacot, Gabriel and Hongler 2018) of a fully connected ReLU network
/// with `depth` hidden layers in the infinite-width limit, in closed form.
///
/// Normalisation (Arora et al. 2019, "On exact computation with an infinitely wide neural net"):
/// the network is `f(x) = w . g_L`, `g_h = sqrt(2/m) relu(W_h g_{h-1})`, `g_0 = x`, with all weights
/// standard normal and no biases (the "NTK parameterisation" with `c_sigma = 2`, which keeps
/// `Sigma_h(x, x) = ||x||^2` at every layer). The kernel is the limit of
/// `<df/dtheta(x), df/dtheta(y)>` as the width `m -> infinity`:
///
///     Sigma_0(x, y) = x . y
///     Sigma_h(x, y) = (1/pi) sqrt(S_xx S_yy) (sin t_h + (pi - t_h) cos t_h)   (arc-cosine, order 1)
///     Sigmadot_h(x, y) = (pi - t_h) / pi                                      (arc-cosine, order 0)
///     cos t_h = Sigma_{h-1}(x, y) / sqrt(S_xx S_yy),  S_xx = Sigma_{h-1}(x, x) = ||x||^2
///     Theta_0 = Sigma_0,  Theta_h = Theta_{h-1} Sigmadot_h + Sigma_h,   NTK = Theta_depth.
///
/// So `depth = 0` is the linear kernel, and `Theta(x, x) = (depth + 1) ||x||^2`. Computed from the
/// inner-product matrix (one BLAS product) by an element-wise recursion of `depth` steps.
public struct NeuralTangentKernel: InnerProductKernel {
    /// Number of hidden ReLU layers, `L >= 0`.
    public let depth: Int

    /// Creates the kernel of a network with `depth` hidden layers.
    public init(depth: Int = 1) { self.depth = depth }

    /// `"ntk"`.
    public var name: String { "ntk" }

    /// `ntk(depth=2)`.
    public var description: String { "ntk(depth=\(depth))" }


    /// `(depth + 1) ||x||^2`.
    public func diagonal(_ a: PointBatch) throws -> [Double] { a.squaredNorms.map { Double(depth + 1) * $0 } }

    /// Maps inner products to kernel values in place.
    public func apply(to k: inout Matrix, rowNorms: ArraySlice<Double>, columnNorms: ArraySlice<Double>) {
        let n = k.columns
        for r in 0..<k.rows {
            let sx = rowNorms[rowNorms.startIndex + r]
            for c in 0..<n {
                let sy = columnNorms[columnNorms.startIndex + c]
                k.scalars[r * n + c] = NeuralTangentKernel.value(depth: depth, dot: k.scalars[r * n + c], sx, sy)
            }
        }
    }

    /// `Theta_depth(x, y)` from `x . y`, `||x||^2` and `||y||^2`.
    static func value(depth: Int, dot: Double, _ squaredNormX: Double, _ squaredNormY: Double) -> Double {
        var sigma = dot
        var theta = dot
        for _ in 0..<depth {
            let next = ArcCosineKernel.value(order: 1, dot: sigma, squaredNormX, squaredNormY)
            let derivative = ArcCosineKernel.value(order: 0, dot: sigma, squaredNormX, squaredNormY)
            theta = theta * derivative + next
            sigma = next
        }
        return theta
    }
}
