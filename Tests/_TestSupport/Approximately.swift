/// Approximate comparison helpers shared by the test targets (not API).

/// Whether `a` and `b` agree to `absolute` or to `relative` times the larger magnitude.
public func isClose(_ a: Double, _ b: Double, absolute: Double = 1e-12, relative: Double = 0) -> Bool {
    if a == b { return true }
    let d = abs(a - b)
    return d <= absolute || d <= relative * max(abs(a), abs(b))
}

/// Largest absolute entry-wise difference of two equally long arrays.
public func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "arrays differ in length: \(a.count) vs \(b.count)")
    // NaN wins: Swift's max(0, .nan) is 0, which would let a NaN entry pass any tolerance.
    return zip(a, b).reduce(0) { worst, pair in
        let d = abs(pair.0 - pair.1)
        return worst.isNaN || d.isNaN ? .nan : max(worst, d)
    }
}

/// Whether every pair of entries agrees to `tolerance` (absolute).
public func allClose(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && maxAbsDifference(a, b) <= tolerance
}

extension Sequence where Element == Double {
    /// The largest element, or NaN when any element is NaN: `max()` compares with `>`, so it skips
    /// a NaN that is not first, and a difference that came out NaN would pass any tolerance.
    /// Precondition: not empty.
    public func nanPropagatingMax() -> Double {
        var result: Double?
        for x in self {
            if x.isNaN { return .nan }
            result = Swift.max(result ?? x, x)
        }
        guard let result else { preconditionFailure("the maximum of an empty sequence") }
        return result
    }
}

/// The larger of `a` and `b`, or NaN when either is: for running maxima of errors, where Swift's
/// `max(worst, .nan)` would keep `worst`.
public func maxOrNaN(_ a: Double, _ b: Double) -> Double {
    a.isNaN || b.isNaN ? .nan : max(a, b)
}
