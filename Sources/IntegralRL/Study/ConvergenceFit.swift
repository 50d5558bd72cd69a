import FoundationEssentials
import QKSupport

/// A straight line fitted to `log(error)` against `log(N - 1)`: the observed convergence order.
///
/// With `N` nodes on a fixed interval the spacing is `h = (b - a) / (N - 1)`, so a rule with error
/// `C h^b` gives exactly slope `-b` against `log(N - 1)`; fitting against `log N` would bias the slope
/// at the small `N` of these studies.
public struct ConvergenceFit: Sendable, Equatable {
    /// The fitted slope (`-b` for an `O(N^-b)` rule).
    public var slope: Double
    /// The intercept of the fitted line, `log(C)`.
    public var intercept: Double
    /// How many points were used (those with a positive, finite error).
    public var count: Int

    /// The least-squares line through `(log(N - 1), log(error))`; `nil` with fewer than two usable points.
    public init?(points: [Int], errors: [Double]) {
        let pairs = zip(points, errors).filter { $0.0 >= 2 && $0.1 > 0 && $0.1.isFinite }
        guard pairs.count >= 2 else { return nil }
        let x = pairs.map { CMath.log(Double($0.0 - 1)) }
        let y = pairs.map { CMath.log($0.1) }
        let n = Double(pairs.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - mx) * (xi - mx)
            sxy += (xi - mx) * (yi - my)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        count = pairs.count
    }
}
