import QKSupport

/// Integral RL on one task for several cost-integration rules and sample counts `N`: the error of the
/// learned value weights against `N`, the paper's main experiment.
public struct IntRLStudy: Sendable {
    /// One run of policy iteration. The JSON keys are `task`, `quadrature`, `points`, `iterations`,
    /// `w_error`, `k_error` (linear task), `trace_error` and `u_error` (nonlinear task).
    public struct Record: Sendable, Equatable, Codable {
        /// The task name (`linear3` or `nonlinear2`).
        public var task: String
        /// The cost-integration name (a rule or `analytical`).
        public var quadrature: String
        /// `N`, samples per interval.
        public var points: Int
        /// Policy evaluations performed.
        public var iterations: Int
        /// `||w - w*||_2`.
        public var wError: Double
        /// `||K - K*||_F` (linear task).
        public var kError: Double?
        /// `tr(P - P*)`, unscaled.
        public var traceError: Double
        /// `mean |u - u*|` (nonlinear task).
        public var uError: Double?

        /// Creates a record.
        public init(
            task: String, quadrature: String, points: Int, iterations: Int, wError: Double, kError: Double?,
            traceError: Double, uError: Double?
        ) {
            self.task = task
            self.quadrature = quadrature
            self.points = points
            self.iterations = iterations
            self.wError = wError
            self.kError = kError
            self.traceError = traceError
            self.uError = uError
        }

        enum CodingKeys: String, CodingKey {
            case task, quadrature, points, iterations
            case wError = "w_error"
            case kError = "k_error"
            case traceError = "trace_error"
            case uError = "u_error"
        }
    }

    /// The task.
    public var task: IntRLTask
    /// The rules compared.
    public var integrations: [CostIntegration]
    /// The sample counts `N`.
    public var points: [Int]
    /// The Bayesian-quadrature settings.
    public var settings: BayesianQuadratureSettings
    /// Least-squares rows per evaluation; `nil` uses the task's (the paper's) choice per rule.
    public var rows: Int?
    /// Stop policy iteration when `||w - w_old||` falls below this (paper: 1e-3).
    public var tolerance: Double
    /// The trajectory integrator.
    public var solver: ODESolver

    /// Creates a study.
    public init(
        task: IntRLTask, integrations: [CostIntegration], points: [Int], settings: BayesianQuadratureSettings = .init(),
        rows: Int? = nil, tolerance: Double = 1e-3, solver: ODESolver = ODESolver()
    ) {
        self.tolerance = tolerance
        self.task = task
        self.integrations = integrations
        self.points = points
        self.settings = settings
        self.rows = rows
        self.solver = solver
    }

    /// Runs every (rule, `N`) pair, independent runs spread over `parallelism.threads`; records are in
    /// rule-major order whatever the thread count. `progress` is called after each run (from any thread).
    public func run(parallelism: Parallelism = .serial, progress: (@Sendable () -> Void)? = nil) throws -> [Record] {
        let jobs = integrations.flatMap { integration in points.map { (integration, $0) } }
        let results = UnsafeMutableBufferPointer<Result<Record, any Error>?>.allocate(capacity: jobs.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        let policy = Parallelism(threads: parallelism.threads, minimumItems: 1)
        policy.forEachChunk(count: jobs.count, alignment: 1) { range in
            for index in range {
                let (integration, n) = jobs[index]
                slots[index] = Result { try runOne(integration, n) }
                progress?()
            }
        }
        return try results.map { try $0!.get() }
    }

    /// One run of policy iteration and its metrics.
    public func runOne(_ integration: CostIntegration, _ n: Int) throws -> Record {
        let learner = task.learner(
            integration: integration, points: n, settings: settings, rows: rows, tolerance: tolerance, solver: solver)
        let result = try learner.run(initialWeights: task.initialWeights, initialState: task.initialState)
        let metrics = try task.evaluate(weights: result.weights)
        return Record(
            task: task.kind.rawValue, quadrature: integration.name, points: n, iterations: result.iterations,
            wError: metrics.wError, kError: metrics.kError, traceError: metrics.traceError, uError: metrics.uError)
    }

    /// The fitted slope of `log ||w - w*||` against `log(N - 1)` for each rule in `records`.
    public static func slopes(_ records: [Record], integrations: [CostIntegration]) -> [(name: String, fit: ConvergenceFit?)] {
        integrations.map { integration in
            let rows = records.filter { $0.quadrature == integration.name }
            return (integration.name, ConvergenceFit(points: rows.map(\.points), errors: rows.map(\.wError)))
        }
    }
}
