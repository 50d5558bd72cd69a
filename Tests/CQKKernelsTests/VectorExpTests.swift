import CQKKernels
import Foundation
import QKSupport
import Testing
import _TestSupport

/// `qk_exp_scaled` (four exponentials per AVX2 register) against glibc's `exp`, which is correctly
/// rounded in practice: within 2 ulp everywhere, exact where it must be, and independent of an
/// element's position in the array.
@Suite struct VectorExpTests {
    static func vectorExp(_ xs: [Double], scale: Double = 1) -> [Double] {
        var out = xs
        out.withUnsafeMutableBufferPointer { qk_exp_scaled($0.baseAddress!, $0.count, scale) }
        return out
    }

    /// Distance in units in the last place (of the reference), for finite positive values.
    static func ulps(_ a: Double, _ reference: Double) -> Double {
        abs(a - reference) / reference.ulp
    }

    @Test func withinTwoUlpOverTheWholeRange() {
        var g = SeededGenerator(seed: 11)
        // Kernel arguments (-gamma d^2 in [-50, 0]), then the full double range down to subnormals.
        let xs = (0..<100_000).map { _ in -50 * g.uniform() } + (0..<100_000).map { _ in -745 + 1454 * g.uniform() }
        let got = Self.vectorExp(xs)
        var worst = 0.0
        for (x, y) in zip(xs, got) {
            let reference = exp(x)
            worst = maxOrNaN(worst, reference == 0 ? abs(y) / Double.leastNonzeroMagnitude : Self.ulps(y, reference))
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test func scaleIsAppliedAsAProduct() {
        let d2 = [0.0, 0.25, 1.5, 7.0, 30.0]
        let got = Self.vectorExp(d2, scale: -0.05)
        for (x, y) in zip(d2, got) { #expect(Self.ulps(y, exp(-0.05 * x)) <= 2) }
    }

    @Test func specialValues() {
        let got = Self.vectorExp([0, -0.0, -.infinity, .infinity, 710, 709.78, -746, -744.5, .nan, 1])
        #expect(got[0] == 1 && got[1] == 1, "exp(0) is exactly 1 (an RBF diagonal)")
        #expect(got[2] == 0 && got[3] == .infinity && got[4] == .infinity)
        #expect(Self.ulps(got[5], exp(709.78)) <= 2)
        #expect(got[6] == 0)
        #expect(got[7] == exp(-744.5), "the smallest subnormals round like libm's")
        #expect(got[8].isNaN)
        #expect(Self.ulps(got[9], M_E) <= 1)
    }

    @Test func valuesDoNotDependOnPositionOrLength() {
        var g = SeededGenerator(seed: 3)
        let xs = (0..<13).map { _ in -20 * g.uniform() }
        let whole = Self.vectorExp(xs)
        for length in 1...xs.count {
            for start in 0..<(xs.count - length + 1) {
                let part = Self.vectorExp(Array(xs[start..<(start + length)]))
                #expect(part == Array(whole[start..<(start + length)]), "slice \(start)..<\(start + length)")
            }
        }
        var scalar = xs
        scalar.withUnsafeMutableBufferPointer { qk_exp_scaled_scalar($0.baseAddress!, $0.count, 1) }
        #expect(scalar == xs.map { exp($0) })
    }
}
