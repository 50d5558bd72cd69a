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
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Whether every pair of entries agrees to `tolerance` (absolute).
public func allClose(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && maxAbsDifference(a, b) <= tolerance
}
