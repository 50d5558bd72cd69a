#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

extension SeededGenerator {
    /// An exact draw from the binomial distribution `B(trials, probability)`.
    ///
    /// Inversion by a search that starts at the mode and walks outward, alternating sides, with
    /// the pmf updated by its ratio recurrence: exact for every `trials`, and about `sigma` steps
    /// (`sigma = sqrt(n p (1-p))`), so shot-noise kernels with 10^6 shots stay cheap.
    public mutating func binomial(trials n: Int, probability p: Double) -> Int {
        precondition(n >= 0, "trials must be non-negative")
        if n == 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        let q = 1 - p
        let mode = min(n, Int(Double(n + 1) * p))
        let logPmf = lgamma(Double(n + 1)) - lgamma(Double(mode + 1)) - lgamma(Double(n - mode + 1))
            + Double(mode) * log(p) + Double(n - mode) * log(q)
        var u = uniform()
        var low = mode, high = mode
        var pLow = exp(logPmf), pHigh = pLow
        u -= pLow
        if u <= 0 { return mode }
        let upRatio = p / q, downRatio = q / p
        while low > 0 || high < n {
            if high < n {
                pHigh *= Double(n - high) / Double(high + 1) * upRatio
                high += 1
                u -= pHigh
                if u <= 0 { return high }
            }
            if low > 0 {
                pLow *= Double(low) / Double(n - low + 1) * downRatio
                low -= 1
                u -= pLow
                if u <= 0 { return low }
            }
        }
        return mode  // only reachable through rounding of the last few ulps of mass
    }
}
