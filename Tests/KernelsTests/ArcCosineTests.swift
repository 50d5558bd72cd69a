import Foundation
import Kernels
import LinearAlgebra
import Testing
import _TestSupport

/// Cho and Saul's arc-cosine kernels against their defining integral
/// `k_n(x, y) = 2 E_w[max(0, w.x)^n max(0, w.y)^n]`, `w ~ N(0, I)`, evaluated by quadrature.
struct ArcCosineTests {
    /// The expectation for 2-D inputs in polar coordinates `w = rho (cos phi, sin phi)`: the radial
    /// integral is `int rho^(2n+1) exp(-rho^2/2) d rho = 2^n n!`, the angular one is a fine midpoint
    /// sum (for n = 0 the integrand is a step, so the sum is accurate to about one step width).
    static func quadrature(order n: Int, _ x: [Double], _ y: [Double]) -> Double {
        let steps = 200_000
        var sum = 0.0
        for s in 0..<steps {
            let phi = (Double(s) + 0.5) * 2 * Double.pi / Double(steps)
            let ux = cos(phi) * x[0] + sin(phi) * x[1]
            let uy = cos(phi) * y[0] + sin(phi) * y[1]
            if ux > 0 && uy > 0 { sum += pow(ux, Double(n)) * pow(uy, Double(n)) }
        }
        let angular = sum / Double(steps)  // (1 / 2 pi) int d phi
        let radial = pow(2, Double(n)) * tgamma(Double(n + 1))
        return 2 * angular * radial
    }

    @Test("Orders 0, 1, 2 equal the defining Gaussian integral", arguments: [0, 1, 2])
    func matchesIntegral(_ order: Int) throws {
        let points: [[Double]] = [[1.0, 0.2], [-0.4, 1.3], [0.7, -0.9], [2.0, 1.9], [-1.1, -0.3]]
        let k = try ArcCosineKernel(order: order).gram(Matrix(points))
        for i in 0..<points.count {
            for j in 0..<points.count {
                let reference = Self.quadrature(order: order, points[i], points[j])
                // The midpoint sum is exact to ~1e-14 for smooth integrands (orders 1, 2: errors
                // measured 8e-11 and 1e-14) but only to ~1e-5 across order 0's step.
                let tolerance = order == 0 ? 3e-5 : 1e-9
                #expect(abs(k[i, j] - reference) < tolerance * max(1, abs(reference)), "k[\(i), \(j)]")
            }
        }
    }

    @Test("Closed values at theta = 0, pi/2, pi")
    func specialAngles() throws {
        let x = Matrix([[3, 0], [0, 2], [-1, 0], [0, 0]])
        let k0 = try ArcCosineKernel(order: 0).gram(x)
        let k1 = try ArcCosineKernel(order: 1).gram(x)
        let k2 = try ArcCosineKernel(order: 2).gram(x)
        #expect(k0[0, 0] == 1 && isClose(k0[0, 1], 0.5) && k0[0, 2] == 0 && k0[3, 3] == 0.5)
        #expect(isClose(k1[0, 0], 9) && isClose(k1[0, 1], 6 / Double.pi) && abs(k1[0, 2]) < 1e-15)
        #expect(isClose(k2[0, 0], 3 * 81) && isClose(k2[0, 1], 9 * 4 / 2) && abs(k2[0, 2]) < 1e-15)
        #expect(k1[3, 0] == 0 && k2[3, 3] == 0)
        let f = try ArcCosineKernel(order: 2).features(x)
        #expect(try ArcCosineKernel(order: 2).diagonal(f) == [243, 48, 3, 0])
    }

    @Test("Gram matrices are positive semi-definite", arguments: [0, 1, 2])
    func positiveSemiDefinite(_ order: Int) throws {
        let x = try fixtureMatrix("X")
        let values = try ArcCosineKernel(order: order).gram(x).symmetricEigen().values
        let top = try #require(values.last)
        #expect(values.allSatisfy { $0 > -1e-12 * top })
    }
}
