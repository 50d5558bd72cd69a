/// A fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every place where QKSim draws random numbers takes one of these, so that `--seed` makes any run
/// reproducible bit for bit on any machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal deviate (Box-Muller; the second deviate is discarded for simplicity).
    public mutating func normal() -> Double {
        var u = uniform()
        while u == 0 { u = uniform() }
        return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * uniform())
    }

    /// An independent generator for stream `index`, e.g. one per data point or per shot batch, so
    /// that parallel work draws the same numbers whatever the thread count.
    public func split(_ index: UInt64) -> SeededGenerator {
        var copy = self
        return SeededGenerator(seed: copy.next() ^ (index &* 0xD1B5_4A32_D192_ED03))
    }
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
    @inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Musl)
    import Musl
    @inline(__always) private func _log(_ x: Double) -> Double { Musl.log(x) }
    @inline(__always) private func _cos(_ x: Double) -> Double { Musl.cos(x) }
#else
    import Darwin
    @inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
    @inline(__always) private func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
