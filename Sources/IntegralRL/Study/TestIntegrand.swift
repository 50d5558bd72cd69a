import FoundationEssentials
import QKSupport

/// A smooth function with a known integral, for measuring quadrature error without the control loop.
public struct TestIntegrand: Sendable {
    /// The command-line name.
    public var name: String
    /// The formula, for tables and figure legends.
    public var formula: String
    /// `f(x)`.
    public var function: @Sendable (Double) -> Double
    /// `integral_a^b f`, in closed form.
    public var exactIntegral: @Sendable (Double, Double) -> Double

    /// `e^x`: entire, all derivatives the same size.
    public static let exp = TestIntegrand(
        name: "exp", formula: "e^x", function: { CMath.exp($0) },
        exactIntegral: { a, b in CMath.exp(a) * CMath.expm1(b - a) })

    /// `sin(3x)`: oscillates (its derivatives grow like 3^k).
    public static let sin = TestIntegrand(
        name: "sin", formula: "sin(3x)", function: { CMath.sin(3 * $0) },
        exactIntegral: { a, b in (CMath.cos(3 * a) - CMath.cos(3 * b)) / 3 })

    /// `x^7 - 2x^5 + x^2 + 1`: a polynomial of degree 7 (Simpson is not exact on it).
    public static let polynomial = TestIntegrand(
        name: "polynomial", formula: "x^7 - 2x^5 + x^2 + 1",
        function: { x in ((x * x - 2) * x * x * x + 1) * x * x + 1 },
        exactIntegral: { a, b in
            let antiderivative = { (x: Double) in
                x * x * x * x * x * x * x * x / 8 - x * x * x * x * x * x / 3 + x * x * x / 3 + x
            }
            return antiderivative(b) - antiderivative(a)
        })

    /// `1 / (1 + 25 x^2)`: Runge's function, analytic but with poles at `+-i/5`.
    public static let runge = TestIntegrand(
        name: "runge", formula: "1/(1+25x^2)", function: { x in 1 / (1 + 25 * x * x) },
        exactIntegral: { a, b in (CMath.atan(5 * b) - CMath.atan(5 * a)) / 5 })

    /// Every built-in integrand.
    public static let all: [TestIntegrand] = [.exp, .sin, .polynomial, .runge]

    /// The integrand called `name`, or `nil`.
    public static func named(_ name: String) -> TestIntegrand? { all.first { $0.name == name } }
}
