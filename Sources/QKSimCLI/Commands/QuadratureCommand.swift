import ArgumentParser
import FoundationEssentials
import IntegralRL
import QKSupport

/// `qksim quadrature`: error against node count of quadrature rules on smooth integrands with known
/// integrals, the rates of the rules without the control loop.
public struct QuadratureCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "quadrature",
        abstract: "Quadrature error vs node count on test integrands (trapezoid, Simpson, Bayesian quadrature).",
        discussion: """
            Prints the absolute error of each rule for each node count N, and the slope of log(error)
            against log(N - 1) fitted over all N. Example, the jitter-free regime:
              qksim quadrature --rule trapezoid,bq-matern72 --function exp --points 5...40 \\
                --precision double-double --jitter 0
            """)

    /// Comma-separated rule names.
    @Option(help: "Rules, comma-separated: \(QuadratureMethod.allCases.map(\.name).joined(separator: ", ")).")
    public var rule: String = QuadratureMethod.allCases.map(\.name).joined(separator: ",")

    /// Comma-separated integrand names.
    @Option(help: "Integrands, comma-separated: \(TestIntegrand.all.map { "\($0.name) (\($0.formula))" }.joined(separator: ", ")).")
    public var function: String = TestIntegrand.all.map(\.name).joined(separator: ",")

    /// Node counts.
    @Option(help: "Node counts N: a list (5,8,10) or a range (5...30, or 5...30:5 with a step).")
    public var points: String = "5...30"

    /// The interval.
    @Option(help: "The integration interval as a,b.")
    public var interval: String = "0,1"

    /// Shared Bayesian-quadrature options.
    @OptionGroup public var bq: BayesianQuadratureOptions

    /// JSON output.
    @Flag(help: "Print one JSON array of records instead of tables.")
    public var json = false

    /// Figure path.
    @Option(help: "Also write a log-log figure of error against N - 1 to this SVG file.")
    public var plot: String?

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// Checks every option before anything runs.
    public func validate() throws {
        _ = try parsed()
    }

    private func parsed() throws -> QuadratureStudy {
        let methods = try parseMethods(rule)
        let integrands = try parseList(function, option: "--function", known: TestIntegrand.all.map(\.name))
            .compactMap(TestIntegrand.named)
        let counts = try parsePoints(points)
        if methods.contains(.simpson), let smallest = counts.min(), smallest < 3 {
            throw ValidationError("--points: simpson needs at least 3 nodes, got \(smallest)")
        }
        let bounds = interval.split(separator: ",").map { Double($0.trimmingWhitespaces()) }
        guard bounds.count == 2, let a = bounds[0], let b = bounds[1], a.isFinite, b.isFinite, a < b else {
            throw ValidationError("--interval '\(interval)': expected two numbers a,b with a < b")
        }
        return QuadratureStudy(
            methods: methods, integrands: integrands, points: counts, interval: a...b, settings: try bq.settings())
    }

    /// Runs the study and prints it.
    public func run() throws { print(try execute(), terminator: "") }

    /// Runs the study, writes the figure if asked, and returns what `run()` prints.
    public func execute() throws -> String {
        let study = try parsed()
        let records = try study.run()
        let output: String
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            output = String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
        } else {
            output = report(study, records)
        }
        if let plot {
            var series: [(name: String, points: [Int], errors: [Double])] = []
            for integrand in study.integrands {
                for method in study.methods {
                    let rows = records.filter { $0.rule == method.name && $0.function == integrand.name }
                    let label = study.integrands.count > 1 ? "\(method.name), \(integrand.name)" : method.name
                    series.append((label, rows.map(\.points), rows.map(\.error)))
                }
            }
            let names = study.integrands.map(\.formula).joined(separator: ", ")
            let s = study.settings
            var references: [(order: Int, anchor: String)] = []
            if study.integrands.count == 1 {
                if study.methods.contains(.trapezoid) { references.append((2, QuadratureMethod.trapezoid.name)) }
                if study.methods.contains(.bayesMatern(.sevenHalves)) { references.append((4, "bq-matern72")) }
            }
            let figure = StudyReport.convergencePlot(
                title: "\(names) on [\(study.interval.lowerBound), \(study.interval.upperBound)]; BQ: l = \(s.lengthscale), "
                    + "jitter \(s.jitter), \(s.arithmetic.rawValue)",
                yLabel: "absolute error", series: series, references: references)
            try figure.write(to: plot)
        }
        return output
    }

    private func report(_ study: QuadratureStudy, _ records: [QuadratureStudy.Record]) -> String {
        var out = ""
        let s = study.settings
        out += "Bayesian quadrature: lengthscale \(s.lengthscale), jitter \(s.jitter), \(s.arithmetic.rawValue) arithmetic\n"
        for integrand in study.integrands {
            out += "\n\(integrand.name): integral of \(integrand.formula) over [\(study.interval.lowerBound), \(study.interval.upperBound)]\n"
            let rows = study.points.map { n in
                ["\(n)"] + study.methods.map { m in
                    StudyReport.scientific(records.first { $0.rule == m.name && $0.function == integrand.name && $0.points == n }?.error)
                }
            }
            let slopes = ["slope"] + study.methods.map { m in
                let rows = records.filter { $0.rule == m.name && $0.function == integrand.name }
                return StudyReport.slope(ConvergenceFit(points: rows.map(\.points), errors: rows.map(\.error)))
            }
            out += StudyReport.table(header: ["N"] + study.methods.map(\.name), rows: rows + [slopes])
        }
        return out
    }
}

/// The Bayesian-quadrature options shared by `qksim quadrature` and `qksim intrl`.
public struct BayesianQuadratureOptions: ParsableArguments {
    /// Matern lengthscale.
    @Option(help: "Matern kernel lengthscale (the paper's 0.3).")
    public var lengthscale: Double = 0.3

    /// Gram-matrix jitter.
    @Option(help: "Added to the kernel matrix diagonal (the paper's 1e-8; with 0, large N needs --precision double-double).")
    public var jitter: Double = 1e-8

    /// Arithmetic of the weight computation.
    @Option(help: "Arithmetic of the Bayesian-quadrature weights: double (as in the paper) or double-double.")
    public var precision: String = "double"

    /// Creates the options (argument parsing fills them in).
    public init() {}

    /// The settings, or a `ValidationError` naming the bad option.
    func settings() throws -> BayesianQuadratureSettings {
        guard lengthscale > 0 && lengthscale.isFinite else {
            throw ValidationError("--lengthscale must be a positive number, got \(lengthscale)")
        }
        guard jitter >= 0 && jitter.isFinite else {
            throw ValidationError("--jitter must be a number >= 0, got \(jitter)")
        }
        guard let arithmetic = BayesianQuadrature<MaternKernel>.Arithmetic(rawValue: precision) else {
            throw ValidationError("--precision '\(precision)': expected double or double-double")
        }
        return BayesianQuadratureSettings(lengthscale: lengthscale, jitter: jitter, arithmetic: arithmetic)
    }
}

/// The names in a comma-separated list, each checked against `known`.
func parseList(_ text: String, option: String, known: [String]) throws -> [String] {
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingWhitespaces()
    }
    guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
        throw ValidationError("\(option) '\(text)': expected a comma-separated list of \(known.joined(separator: ", "))")
    }
    let unknown = names.filter { !known.contains($0) }
    guard unknown.isEmpty else {
        throw ValidationError(
            "\(option): unknown name\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                + "known: \(known.joined(separator: ", "))")
    }
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}

/// Quadrature methods from `--rule`.
func parseMethods(_ text: String) throws -> [QuadratureMethod] {
    try parseList(text, option: "--rule", known: QuadratureMethod.allCases.map(\.name)).compactMap(QuadratureMethod.init(name:))
}

/// Node counts from `--points`, with the library's message as a validation error.
func parsePoints(_ text: String) throws -> [Int] {
    do { return try PointList.parse(text) } catch let error as InputError { throw ValidationError(error.description) }
}
