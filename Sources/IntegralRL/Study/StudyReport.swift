#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// Plain-text tables and SVG figures for the convergence studies, shared by the command line and
/// the documentation.
public enum StudyReport {
    /// A right-aligned text table: a header row, a rule, then the rows.
    public static func table(header: [String], rows: [[String]]) -> String {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in String(repeating: " ", count: widths[i] - c.count) + c }
                .joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// `1.234e-05`-style scientific notation (locale-independent).
    public static func scientific(_ v: Double?) -> String {
        guard let v else { return "-" }
        return v.isFinite ? cFormat("%.3e", v) : "\(v)"
    }

    /// A slope with two decimals, or `-` when there was nothing to fit.
    public static func slope(_ fit: ConvergenceFit?) -> String {
        guard let fit else { return "-" }
        return cFormat("%.2f", fit.slope)
    }

    /// A log-log figure of `error` against `N - 1`, one series per name, with dashed reference lines
    /// `C (N - 1)^-order` through the first point of the series whose name matches `reference`.
    public static func convergencePlot(
        title: String, yLabel: String, series: [(name: String, points: [Int], errors: [Double])],
        references: [(order: Int, anchor: String)] = []
    ) -> SVGPlot {
        var plot = SVGPlot(title: title, xLabel: "N - 1 (sub-intervals per integral)", yLabel: yLabel, xScale: .logarithmic, yScale: .logarithmic)
        for s in series {
            plot.add(SVGPlot.Series(name: s.name, points: zip(s.points, s.errors).map { (Double($0.0 - 1), $0.1) }))
        }
        for reference in references {
            guard let anchor = series.first(where: { $0.name == reference.anchor }),
                let first = zip(anchor.points, anchor.errors).first(where: { $0.1 > 0 }),
                let lastN = anchor.points.last
            else { continue }
            let x0 = Double(first.0 - 1)
            let x1 = Double(lastN - 1)
            let y1 = first.1 * pow(x1 / x0, -Double(reference.order))
            plot.add(
                SVGPlot.Series(
                    name: "O(N^-\(reference.order))", points: [(x0, first.1), (x1, y1)], style: .line, color: "#555555",
                    dashed: true))
        }
        return plot
    }
}
