/// Error against node count of quadrature rules on integrands with known integrals: the rates of the
/// rules, seen without the control loop.
public struct QuadratureStudy: Sendable {
    /// One rule on one integrand at one node count.
    public struct Record: Sendable, Equatable, Codable {
        /// The rule's command-line name.
        public var rule: String
        /// The integrand's name.
        public var function: String
        /// The node count `N`.
        public var points: Int
        /// The rule's estimate.
        public var estimate: Double
        /// `|estimate - exact|`.
        public var error: Double
        /// The Bayesian-quadrature posterior standard deviation (Bayesian rules only).
        public var posteriorStandardDeviation: Double?

        enum CodingKeys: String, CodingKey {
            case rule, function, points, estimate, error
            case posteriorStandardDeviation = "posterior_std"
        }
    }

    /// The rules compared.
    public var methods: [QuadratureMethod]
    /// The integrands.
    public var integrands: [TestIntegrand]
    /// The node counts `N`.
    public var points: [Int]
    /// The interval `[a, b]`.
    public var interval: ClosedRange<Double>
    /// Kernel, jitter and arithmetic of the Bayesian rules.
    public var settings: BayesianQuadratureSettings

    /// Creates a study.
    public init(
        methods: [QuadratureMethod], integrands: [TestIntegrand], points: [Int], interval: ClosedRange<Double> = 0...1,
        settings: BayesianQuadratureSettings = .init()
    ) {
        self.methods = methods
        self.integrands = integrands
        self.points = points
        self.interval = interval
        self.settings = settings
    }

    /// Runs every rule on every integrand at every node count (rules x integrands x points order).
    public func run() throws -> [Record] {
        let (a, b) = (interval.lowerBound, interval.upperBound)
        var records: [Record] = []
        for method in methods {
            for n in points {
                let nodes = evenlySpacedNodes(from: a, to: b, count: n)
                let rule = method.rule(settings)
                var standardDeviation: Double?
                let weights: [Double]
                if case .bayesMatern(let s) = method {
                    let bq = BayesianQuadrature(
                        kernel: MaternKernel(smoothness: s, lengthscale: settings.lengthscale), jitter: settings.jitter,
                        arithmetic: settings.arithmetic)
                    let fit = try bq.fit(nodes: nodes, from: a, to: b)
                    weights = fit.weights
                    standardDeviation = max(fit.posteriorVariance, 0).squareRoot()
                } else {
                    weights = try rule.weights(for: nodes)
                }
                for integrand in integrands {
                    let estimate = zip(weights, nodes).reduce(0) { $0 + $1.0 * integrand.function($1.1) }
                    let error = abs(estimate - integrand.exactIntegral(a, b))
                    records.append(
                        Record(
                            rule: method.name, function: integrand.name, points: n, estimate: estimate, error: error,
                            posteriorStandardDeviation: standardDeviation))
                }
            }
        }
        return records
    }
}
