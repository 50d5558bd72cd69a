import Foundation
import IntegralRL
import Testing
import _TestSupport

@Test(arguments: MaternKernel.Smoothness.allCases)
func maternClosedFormMatchesBesselFormula(smoothness: MaternKernel.Smoothness) {
    let kernel = MaternKernel(smoothness: smoothness, lengthscale: 0.3)
    for r in [0.0, 1e-3, 0.01, 0.05, 0.1, 0.3, 0.7, 2.0] {
        // The general formula through GSL's Bessel function K_nu, independent of the closed forms.
        let expected = MaternKernel.besselCovariance(nu: smoothness.nu, lengthscale: 0.3, distance: r)
        #expect(isClose(kernel.covariance(0.2, 0.2 + r), expected, absolute: 1e-13, relative: 1e-12), "r = \(r)")
        #expect(kernel.covariance(r, 0.0) == kernel.covariance(0.0, r))
    }
}

@Test(arguments: MaternKernel.Smoothness.allCases)
func maternKernelMeansMatchAdaptiveQuadrature(smoothness: MaternKernel.Smoothness) throws {
    // Intervals as in the control task (T = 0.1) and in the quadrature study ([0, 1]), nodes inside,
    // on the ends and outside; QAG is split at the kink x so that its integrand is smooth.
    for lengthscale in [0.3, 0.05, 2.0] {
        let kernel = MaternKernel(smoothness: smoothness, lengthscale: lengthscale)
        for (a, b) in [(0.0, 0.1), (0.0, 1.0), (3.2, 3.3)] {
            for t in [-0.3, 0.0, 0.01, 0.37, 0.5, 1.0, 1.4] {
                let x = a + t * (b - a)
                let f = { (s: Double) in kernel.covariance(x, s) }
                var reference = 0.0
                let cuts = [a, min(max(x, a), b), b]
                for k in 0..<2 where cuts[k] < cuts[k + 1] {
                    reference += try AdaptiveQuadrature.integrate(
                        from: cuts[k], to: cuts[k + 1], relativeTolerance: 1e-13, f
                    ).value
                }
                let closed = kernel.kernelMean(at: x, from: a, to: b)
                #expect(
                    isClose(closed, reference, absolute: 1e-15, relative: 1e-12),
                    "l = \(lengthscale), [\(a), \(b)], x = \(x): \(closed) vs \(reference)")
            }
        }
    }
}

@Test(arguments: MaternKernel.Smoothness.allCases)
func maternInitialVarianceMatchesNestedAdaptiveQuadrature(smoothness: MaternKernel.Smoothness) throws {
    for (lengthscale, a, b) in [(0.3, 0.0, 0.1), (0.3, 0.0, 1.0), (0.05, 1.0, 1.5)] {
        let kernel = MaternKernel(smoothness: smoothness, lengthscale: lengthscale)
        // The inner integral is the (already verified) kernel mean; the outer one is QAG.
        let reference = try AdaptiveQuadrature.integrate(from: a, to: b, relativeTolerance: 1e-13) {
            kernel.kernelMean(at: $0, from: a, to: b)
        }.value
        let closed = kernel.initialVariance(from: a, to: b)
        #expect(isClose(closed, reference, absolute: 0, relative: 1e-12), "l = \(lengthscale): \(closed) vs \(reference)")
    }
}

@Test func doubleDoubleKernelMeansAgreeWithDouble() {
    let kernel = MaternKernel(smoothness: .sevenHalves, lengthscale: 0.3)
    for x in [0.0, 0.013, 0.05, 0.1] {
        let d = kernel.kernelMean(at: x, from: 0.0, to: 0.1)
        let dd = kernel.kernelMean(at: DoubleDouble(x), from: DoubleDouble(0), to: DoubleDouble(0.1))
        #expect(isClose(dd.doubleValue, d, absolute: 0, relative: 1e-15))
    }
    let v = kernel.initialVariance(from: 0.0, to: 0.1)
    let vdd = kernel.initialVariance(from: DoubleDouble(0), to: DoubleDouble(0.1)).doubleValue
    #expect(isClose(vdd, v, absolute: 0, relative: 1e-15))
}

@Test func wienerKernelMeansMatchAdaptiveQuadrature() throws {
    let kernel = WienerKernel(origin: -0.5)
    for x in [-0.2, 0.0, 0.3, 1.0, 1.7] {
        let f = { (s: Double) in kernel.covariance(x, s) }
        let cuts = [0.0, min(max(x, 0), 1), 1.0]
        var reference = 0.0
        for k in 0..<2 where cuts[k] < cuts[k + 1] {
            reference += try AdaptiveQuadrature.integrate(from: cuts[k], to: cuts[k + 1], f).value
        }
        #expect(isClose(kernel.kernelMean(at: x, from: 0.0, to: 1.0), reference, absolute: 1e-14))
    }
    let double = try AdaptiveQuadrature.integrate(from: 0, to: 1) { kernel.kernelMean(at: $0, from: 0.0, to: 1.0) }
    #expect(isClose(kernel.initialVariance(from: 0.0, to: 1.0), double.value, absolute: 1e-14))
}
