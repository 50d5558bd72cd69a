/// How policy evaluation gets the integral of the running cost over each interval: a quadrature rule
/// on `N` samples, or the "analytical" reference, where the cost is integrated as an extra state of
/// the ODE (to the solver's tolerance).
public enum CostIntegration: Hashable, Sendable, CustomStringConvertible {
    /// The cost is an extra ODE state, `c' = l(x, u)`; the integral is `c(t + T) - c(t)`.
    case analytical
    /// A quadrature rule on the samples.
    case quadrature(QuadratureMethod)

    /// Every option, in the order tables list them.
    public static let allCases: [CostIntegration] = QuadratureMethod.allCases.map { .quadrature($0) } + [.analytical]

    /// The command-line name: a rule name or `analytical`.
    public var name: String {
        switch self {
        case .analytical: return "analytical"
        case .quadrature(let method): return method.name
        }
    }

    /// The command-line name.
    public var description: String { name }

    /// The option called `name`, or `nil`.
    public init?(name: String) {
        if name == "analytical" {
            self = .analytical
        } else if let method = QuadratureMethod(name: name) {
            self = .quadrature(method)
        } else {
            return nil
        }
    }
}
