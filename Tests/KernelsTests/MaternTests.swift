import Foundation
import Kernels
import Testing
import _TestSupport

/// The general-nu Matern path (GSL's Bessel K_nu) against the closed forms it must reproduce.
struct MaternTests {
    @Test("Bessel form equals the closed forms at nu = 1/2, 3/2, 5/2", arguments: [0.5, 1.5, 2.5])
    func besselMatchesClosedForm(_ nu: Double) {
        for step in 0...400 {
            let r = Double(step) * 0.025  // 0 ... 10
            let closed: Double
            switch nu {
            case 0.5: closed = exp(-r)
            case 1.5: closed = (1 + 3.0.squareRoot() * r) * exp(-3.0.squareRoot() * r)
            default: closed = (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r)
            }
            #expect(isClose(MaternKernel.besselForm(distance: r, nu: nu), closed, absolute: 1e-300, relative: 1e-13))
        }
    }

    @Test("Large nu approaches the RBF kernel exp(-r^2/2)")
    func largeNuTendsToRBF() {
        for r in [0.1, 0.5, 1.0, 2.0] {
            #expect(abs(MaternKernel.besselForm(distance: r, nu: 400) - exp(-r * r / 2)) < 2e-3)
        }
    }

    @Test("Far points underflow to 0 without NaN")
    func farPoints() {
        let v = MaternKernel.besselForm(distance: 2000, nu: 3.7)
        #expect(v >= 0 && v < 1e-300)
    }
}
