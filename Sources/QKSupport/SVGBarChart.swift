#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A vertical bar chart with optional error bars, as a standalone SVG: one bar per category, such as the
/// mean accuracy of each kernel with its standard deviation over folds.
///
/// ```swift
/// let chart = SVGBarChart(title: "Test accuracy", categories: ["linear", "rbf", "ZZ fidelity"],
///                         values: [0.81, 0.93, 0.95], errors: [0.02, 0.01, 0.015],
///                         yLabel: "accuracy", yRange: 0...1)
/// try chart.write(to: "accuracy.svg")
/// ```
///
/// Bars rise from zero (or from the nearer end of `yRange` when it excludes zero) and are cut at the
/// ends of the range; each carries its value with three decimals. Error bars span `value ± error`.
/// Category names are set at an angle when they do not fit under their bars. Output is byte-for-byte
/// reproducible.
public struct SVGBarChart: Sendable {
    /// The title above the chart.
    public var title: String
    /// The name under each bar.
    public var categories: [String]
    /// The bar heights; a non-finite value draws no bar and is labelled "n/a".
    public var values: [Double]
    /// Half-lengths of the error bars, one per value; `nil`, non-finite or non-positive entries draw none.
    public var errors: [Double]?
    /// The label beside the vertical axis.
    public var yLabel: String
    /// The vertical range shown; `nil` fits zero, the bars and their error bars, rounded to nice ticks.
    public var yRange: ClosedRange<Double>?
    /// The width of the image, in pixels (grown when the bars need more room).
    public var width: Double
    /// The height of the image, in pixels (grown when angled category names need more room).
    public var height: Double

    /// The colour of the bars (the first colour of `SVGPlot.palette`).
    public static let barColor = SVGPlot.palette[0]

    /// Creates a bar chart; there is one bar per entry of the longer of `categories` and `values`.
    public init(
        title: String, categories: [String], values: [Double], errors: [Double]? = nil, yLabel: String,
        yRange: ClosedRange<Double>? = nil, width: Double = 720, height: Double = 480
    ) {
        self.title = title
        self.categories = categories
        self.values = values
        self.errors = errors
        self.yLabel = yLabel
        self.yRange = yRange
        self.width = width
        self.height = height
    }

    /// Writes the SVG document to `path`.
    public func write(to path: String) throws {
        try Data(render().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The SVG document.
    public func render() -> String {
        let count = max(categories.count, values.count)
        let names = (0..<count).map { i in i < categories.count ? Self.shortened(categories[i]) : "" }
        let bars = (0..<count).map { i -> (value: Double, error: Double?) in
            let value = i < values.count ? values[i] : .nan
            let error = errors.flatMap { i < $0.count && $0[i].isFinite && $0[i] > 0 ? $0[i] : nil }
            return (value, value.isFinite ? error : nil)
        }
        let (low, high, ticks) = verticalRange(bars)

        // Every bar gets a slot of at least 40 pixels; names that do not fit their slot are set at 40 degrees,
        // and then the left margin grows until the first names fit in the image.
        var margin = (left: 84.0, right: 24.0, top: 44.0)
        var chartWidth = max(width, margin.left + margin.right + 40 * Double(count))
        let slot = count == 0 ? 0 : (chartWidth - margin.left - margin.right) / Double(count)
        let nameWidths = names.map { SVGCanvas.textWidth($0) }
        let angled = (nameWidths.max() ?? 0) > 0.92 * slot
        let angle = 40 * Double.pi / 180
        let bottom = angled ? 30 + (nameWidths.max() ?? 0) * sin(angle) : 40.0
        if angled {
            let overhang = nameWidths.enumerated().map { i, w in w * cos(angle) - (Double(i) + 0.5) * slot }.max() ?? 0
            let extra = max(0, overhang + 8 - margin.left)
            margin.left += extra
            chartWidth += extra
        }
        let chartHeight = max(height, margin.top + 200 + bottom)
        let box = (x: margin.left, y: margin.top, w: chartWidth - margin.left - margin.right, h: chartHeight - margin.top - bottom)
        func py(_ v: Double) -> Double { box.y + (1 - (min(max(v, low), high) - low) / (high - low)) * box.h }

        var svg = SVGCanvas.header(width: chartWidth, height: chartHeight, title: title)
        for tick in ticks.values {
            let y = fmt(py(tick))
            svg += "<line x1=\"\(fmt(box.x))\" y1=\"\(y)\" x2=\"\(fmt(box.x + box.w))\" y2=\"\(y)\" stroke=\"#dddddd\"/>\n"
            svg += "<line x1=\"\(fmt(box.x - 6))\" y1=\"\(y)\" x2=\"\(fmt(box.x))\" y2=\"\(y)\" stroke=\"black\"/>\n"
            svg += "<text x=\"\(fmt(box.x - 9))\" y=\"\(fmt(py(tick) + 4))\" text-anchor=\"end\">"
                + "\(SVGCanvas.tickLabel(tick, step: ticks.step))</text>\n"
        }
        let yLabelX = margin.left - 66
        let yLabelY = box.y + box.h / 2
        svg += "<text x=\"\(fmt(yLabelX))\" y=\"\(fmt(yLabelY))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 \(fmt(yLabelX)) \(fmt(yLabelY)))\">\(escape(yLabel))</text>\n"

        // Bars rise from zero when zero is in view, else from the end of the range nearer to it.
        let base = min(max(0, low), high)
        for (i, bar) in bars.enumerated() {
            let center = box.x + (Double(i) + 0.5) * slot
            let barWidth = 0.62 * slot
            if bar.value.isFinite {
                let (y0, y1) = (py(base), py(bar.value))
                svg += "<rect class=\"bar\" x=\"\(fmt(center - barWidth / 2))\" y=\"\(fmt(min(y0, y1)))\" "
                    + "width=\"\(fmt(barWidth))\" height=\"\(fmt(abs(y1 - y0)))\" fill=\"\(Self.barColor)\"/>\n"
            }
            var labelAnchor = py(bar.value.isFinite ? bar.value : base)
            if let error = bar.error {
                let (top, bottom) = (py(bar.value + error), py(bar.value - error))
                let cap = 0.18 * slot
                svg += "<path class=\"error-bar\" d=\"M\(fmt(center)) \(fmt(top))V\(fmt(bottom))"
                    + "M\(fmt(center - cap / 2)) \(fmt(top))h\(fmt(cap))M\(fmt(center - cap / 2)) \(fmt(bottom))h\(fmt(cap))\" "
                    + "stroke=\"black\" stroke-width=\"1.3\" fill=\"none\"/>\n"
                labelAnchor = bar.value >= base ? top : bottom
            }
            svg += valueLabel(bar.value, error: bar.error ?? 0, base: base, anchor: labelAnchor, center: center, box: (box.y, box.y + box.h), py: py)
        }
        svg += "<rect x=\"\(fmt(box.x))\" y=\"\(fmt(box.y))\" width=\"\(fmt(box.w))\" height=\"\(fmt(box.h))\" "
            + "fill=\"none\" stroke=\"black\"/>\n"
        if low < base && base < high {
            svg += "<line x1=\"\(fmt(box.x))\" y1=\"\(fmt(py(base)))\" x2=\"\(fmt(box.x + box.w))\" y2=\"\(fmt(py(base)))\" stroke=\"black\"/>\n"
        }

        for (i, name) in names.enumerated() where !name.isEmpty {
            let x = box.x + (Double(i) + 0.5) * slot
            let y = box.y + box.h + (angled ? 14 : 20)
            if angled {
                svg += "<text class=\"category\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"end\" "
                    + "transform=\"rotate(-40 \(fmt(x)) \(fmt(y)))\">\(escape(name))</text>\n"
            } else {
                svg += "<text class=\"category\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"middle\">\(escape(name))</text>\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }

    /// The value with three decimals beyond the end of its bar (or error bar), or inside the bar's end when
    /// there is no room left in the plot.
    private func valueLabel(
        _ value: Double, error: Double, base: Double, anchor: Double, center: Double, box: (top: Double, bottom: Double),
        py: (Double) -> Double
    ) -> String {
        // Adding zero turns a negative zero positive, so that -0.0001 reads 0.000, not -0.000.
        let text = value.isFinite ? cFormat("%.3f", (value * 1000).rounded() / 1000 + 0) : "n/a"
        let up = !value.isFinite || value >= base
        var y = up ? anchor - 6 : anchor + 15
        var inside = false
        // Inside, the label clears the part of the error bar that lies within the bar.
        if up && y - 11 < box.top {
            (y, inside) = (py(value - error) + 15, true)
        } else if !up && y > box.bottom - 2 {
            (y, inside) = (py(value + error) - 6, true)
        }
        return "<text class=\"value\" x=\"\(fmt(center))\" y=\"\(fmt(y))\" text-anchor=\"middle\" font-size=\"11\""
            + (inside ? " fill=\"white\"" : "") + ">\(text)</text>\n"
    }

    /// The range shown and its ticks.
    private func verticalRange(_ bars: [(value: Double, error: Double?)]) -> (Double, Double, (values: [Double], step: Double)) {
        var low: Double
        var high: Double
        if let yRange, yRange.lowerBound.isFinite && yRange.upperBound.isFinite && yRange.upperBound > yRange.lowerBound {
            (low, high) = (yRange.lowerBound, yRange.upperBound)
        } else {
            let ends = bars.filter { $0.value.isFinite }.flatMap { [$0.value - ($0.error ?? 0), $0.value + ($0.error ?? 0)] }
                .filter(\.isFinite)
            low = min(0, ends.min() ?? 0)
            high = max(0, ends.max() ?? 1)
            if !(high > low) { high = low + 1 }
            let step = SVGCanvas.niceStep((high - low) / 6)
            // Leave a little room above the tallest bar for its label.
            high += 0.04 * (high - low)
            (low, high) = (floor(low / step) * step, ceil(high / step) * step)
        }
        return (low, high, SVGCanvas.niceTicks(low, high, count: 6))
    }

    /// Names longer than 40 characters, cut with an ellipsis so the chart keeps its shape.
    private static func shortened(_ name: String) -> String {
        name.count <= 40 ? name : String(name.prefix(39)) + "\u{2026}"
    }
}

private func fmt(_ v: Double) -> String { SVGCanvas.number(v) }

private func escape(_ s: String) -> String { SVGCanvas.escape(s) }
