import ArgumentParser
import FoundationEssentials
import IntegralRL
import QKSupport

/// `qksim intrl`: integral reinforcement learning with different cost-integration rules, reproducing
/// Cao & Pan (ICLR 2024).
public struct IntRLCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "intrl",
        abstract: "Integral RL policy iteration: how the quadrature rule for the cost integrals limits control.",
        discussion: """
            For each rule and each sample count N, runs policy iteration on the task and prints the
            errors of the learned value weights, gain / policy, and the slope of log ||w - w*|| against
            log(N - 1). Example, the paper's Example 1:
              qksim intrl --task linear3 --quadrature trapezoid,bq-matern72,analytical --points 5...15
            """)

    /// The task.
    @Option(help: "The task: linear3 (third-order linear system) or nonlinear2 (2-D nonlinear system).")
    public var task: String = "linear3"

    /// Comma-separated rules.
    @Option(help: "Cost integration, comma-separated: \(CostIntegration.allCases.map(\.name).joined(separator: ", ")).")
    public var quadrature: String = "trapezoid,bq-matern72,analytical"

    /// Sample counts.
    @Option(help: "Samples per interval N: a list (5,8,10) or a range (5...15, or 5...15:2 with a step).")
    public var points: String = "5...15"

    /// Shared Bayesian-quadrature options.
    @OptionGroup public var bq: BayesianQuadratureOptions

    /// Least-squares rows override.
    @Option(help: "Intervals per policy evaluation (default: the paper's, 10 for trapezoid/Simpson/analytical and 20 for BQ on linear3, 20 on nonlinear2).")
    public var rows: Int?

    /// Policy-iteration stopping tolerance.
    @Option(help: "Stop policy iteration when ||w - w_old|| falls below this (the paper's 1e-3).")
    public var stopTolerance: Double = 1e-3

    /// ODE tolerance.
    @Option(help: "Relative and absolute tolerance of the rk8pd trajectory integrator.")
    public var odeTolerance: Double = 1e-11

    /// Seed for the policy-error sample.
    @Option(help: "Seed for the states at which mean |u - u*| is measured (nonlinear2).")
    public var seed: UInt64 = 0

    /// Threads.
    @Option(help: "Threads for independent runs (default: all cores).")
    public var threads: Int?

    /// JSON output.
    @Flag(help: "Print one JSON array of records instead of tables.")
    public var json = false

    /// Figure path.
    @Option(help: "Also write a log-log figure of ||w - w*|| against N - 1 to this SVG file.")
    public var plot: String?

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// Checks every option before anything runs.
    public func validate() throws {
        _ = try configuration()
        if let rows, rows < 1 { throw ValidationError("--rows must be at least 1, got \(rows)") }
        guard odeTolerance > 0 && odeTolerance < 1 else {
            throw ValidationError("--ode-tolerance must be in (0, 1), got \(odeTolerance)")
        }
        guard stopTolerance > 0 && stopTolerance.isFinite else {
            throw ValidationError("--stop-tolerance must be a positive number, got \(stopTolerance)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    private func configuration() throws -> (IntRLTask.Kind, [CostIntegration], [Int], BayesianQuadratureSettings) {
        guard let kind = IntRLTask.Kind(rawValue: task) else {
            throw ValidationError(
                "--task '\(task)': unknown task; known: \(IntRLTask.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let integrations = try parseList(quadrature, option: "--quadrature", known: CostIntegration.allCases.map(\.name))
            .compactMap(CostIntegration.init(name:))
        let counts = try parsePoints(points)
        if integrations.contains(.quadrature(.simpson)), let smallest = counts.min(), smallest < 3 {
            throw ValidationError("--points: simpson needs at least 3 samples per interval, got \(smallest)")
        }
        return (kind, integrations, counts, try bq.settings())
    }

    /// Runs the study and prints it.
    public func run() throws { print(try execute(), terminator: "") }

    /// Runs the study, writes the figure if asked, and returns what `run()` prints.
    public func execute() throws -> String {
        let (kind, integrations, counts, settings) = try configuration()
        let tolerance = odeTolerance
        let study = IntRLStudy(
            task: try IntRLTask.make(kind, seed: seed), integrations: integrations, points: counts, settings: settings,
            rows: rows, tolerance: stopTolerance, solver: ODESolver(relativeTolerance: tolerance, absoluteTolerance: tolerance))
        let records = try study.run(parallelism: Parallelism(threads: threads))
        let output: String
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            output = String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
        } else {
            output = report(study, records)
        }
        if let plot {
            let series = integrations.map { integration in
                let rows = records.filter { $0.quadrature == integration.name }
                return (name: integration.name, points: rows.map(\.points), errors: rows.map(\.wError))
            }
            let figure = StudyReport.convergencePlot(
                title: "Integral RL, \(kind.rawValue); BQ: l = \(settings.lengthscale), jitter \(settings.jitter), "
                    + settings.arithmetic.rawValue,
                yLabel: "||w - w*||",
                series: series,
                references: integrations.contains(.quadrature(.trapezoid)) ? [(2, "trapezoid")] : [])
            try figure.write(to: plot)
        }
        return output
    }

    private func report(_ study: IntRLStudy, _ records: [IntRLStudy.Record]) -> String {
        let linear = study.task.kind == .linear3
        let s = study.settings
        var out = "task \(study.task.kind.rawValue); Bayesian quadrature: lengthscale \(s.lengthscale), jitter \(s.jitter), "
        out += "\(s.arithmetic.rawValue) arithmetic\n\n"
        let header = ["quadrature", "N", "iterations", "||w-w*||", linear ? "||K-K*||_F" : "mean|u-u*|", "tr(P-P*)"]
        let rows = records.map { r in
            [
                r.quadrature, "\(r.points)", "\(r.iterations)", StudyReport.scientific(r.wError),
                StudyReport.scientific(linear ? r.kError : r.uError), StudyReport.scientific(r.traceError),
            ]
        }
        out += StudyReport.table(header: header, rows: rows)
        out += "\nslope of log ||w - w*|| against log(N - 1):\n"
        let slopes = IntRLStudy.slopes(records, integrations: study.integrations).map { [$0.name, StudyReport.slope($0.fit)] }
        out += StudyReport.table(header: ["quadrature", "slope"], rows: slopes)
        return out
    }
}
