import Foundation
import IntegralRL
import Testing

/// `x - y` as a double, computed in double-double so that it is meaningful below 1e-16.
private func difference(_ x: DoubleDouble, _ y: DoubleDouble) -> Double { (x - y).doubleValue }

@Test func doubleDoubleKeepsTheRoundingErrorOfASum() {
    let sum = DoubleDouble(1) + DoubleDouble(1e-20)
    #expect(sum.hi == 1)
    #expect(sum.lo == 1e-20)
    #expect((sum - DoubleDouble(1)).doubleValue == 1e-20)
}

@Test func doubleDoubleDivisionAndSquareRootInvertMultiplication() {
    let third = DoubleDouble(1) / DoubleDouble(3)
    #expect(abs(difference(third * DoubleDouble(3), DoubleDouble(1))) < 1e-31)
    let root2 = DoubleDouble(2).squareRoot
    #expect(abs(difference(root2 * root2, DoubleDouble(2))) < 1e-31)
    // sqrt(2) = 1.41421356237309504880168872420969807856967...
    #expect(root2.hi == 2.0.squareRoot())
    #expect(abs(root2.lo - (-9.667293313452913e-17)) < 1e-31)
}

@Test func doubleDoubleExponentialMatchesKnownDigits() {
    // e = 2.71828182845904523536028747135266249775724709369995...
    let e = DoubleDouble.exp(DoubleDouble(1))
    #expect(e.hi == M_E)
    #expect(abs(e.lo - 1.4456468917292502e-16) < 1e-31)
    // The functional equation across the range reduction: e^(a + b) = e^a e^b to ~1e-30 relative.
    for (a, b) in [(0.3, 0.4), (-5.25, 2.125), (10.0, -30.5), (1e-5, 3e-7)] {
        let lhs = DoubleDouble.exp(DoubleDouble(a) + DoubleDouble(b))
        let rhs = DoubleDouble.exp(DoubleDouble(a)) * DoubleDouble.exp(DoubleDouble(b))
        #expect(abs(difference(lhs, rhs)) <= 1e-30 * lhs.hi, "a = \(a), b = \(b)")
    }
}

@Test func doubleDoubleExpm1IsAccurateForTinyArguments() {
    // expm1(x) = x + x^2/2 + x^3/6 + x^4/24 + ... ; for x = 1e-10 four terms reach 1e-40.
    let x = DoubleDouble(1e-10)
    let series = x + x * x / DoubleDouble(2) + x * x * x / DoubleDouble(6) + x * x * x * x / DoubleDouble(24)
    let value = DoubleDouble.expm1(x)
    #expect(abs(difference(value, series)) <= 1e-31 * 1e-10)
    #expect(abs(DoubleDouble.expm1(DoubleDouble(-0.5)).doubleValue - Foundation.expm1(-0.5)) < 1e-16)
    #expect(DoubleDouble.exp(DoubleDouble(-800)).doubleValue == 0)
}
