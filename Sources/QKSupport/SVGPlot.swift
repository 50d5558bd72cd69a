#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A small, dependency-free writer of line and scatter charts as standalone SVG, with linear or
/// logarithmic axes, a legend and a title: enough for convergence plots and learning curves in the
/// documentation, with output that is byte-for-byte reproducible (fixed number formatting, no
/// timestamps).
///
/// ```swift
/// var plot = SVGPlot(title: "Trapezoidal rule", xLabel: "N - 1", yLabel: "error",
///                    xScale: .logarithmic, yScale: .logarithmic)
/// plot.add(SVGPlot.Series(name: "trapezoid", points: [(4, 1e-3), (8, 2.5e-4), (16, 6.2e-5)]))
/// plot.add(SVGPlot.Series(name: "O(N^-2)", points: [(4, 1e-3), (16, 6.25e-5)], style: .line, dashed: true))
/// try plot.write(to: "convergence.svg")
/// ```
///
/// Points that cannot be drawn (non-finite, or non-positive on a logarithmic axis) are skipped, and a
/// line is broken where they were.
public struct SVGPlot: Sendable {
    /// How an axis maps values to positions.
    public enum Scale: Sendable, Hashable {
        /// Evenly spaced values.
        case linear
        /// Evenly spaced decades; only positive values are drawn.
        case logarithmic
    }

    /// How a series is drawn.
    public enum Style: Sendable, Hashable {
        /// Segments between consecutive points.
        case line
        /// Markers only.
        case scatter
        /// Segments and markers.
        case lineAndMarkers
    }

    /// One named set of points.
    public struct Series: Sendable {
        /// The legend entry (empty: not listed in the legend).
        public var name: String
        /// The points, drawn in order.
        public var points: [(x: Double, y: Double)]
        /// Line, markers or both.
        public var style: Style
        /// A CSS colour; `nil` picks the next colour of the palette.
        public var color: String?
        /// Whether the line is dashed (for reference slopes and the like).
        public var dashed: Bool

        /// Creates a series.
        public init(
            name: String, points: [(x: Double, y: Double)], style: Style = .lineAndMarkers, color: String? = nil,
            dashed: Bool = false
        ) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
            self.dashed = dashed
        }
    }

    /// The title above the plot.
    public var title: String
    /// The label under the horizontal axis.
    public var xLabel: String
    /// The label beside the vertical axis.
    public var yLabel: String
    /// The horizontal scale.
    public var xScale: Scale
    /// The vertical scale.
    public var yScale: Scale
    /// The width of the image, in pixels.
    public var width: Double
    /// The height of the image, in pixels.
    public var height: Double
    /// The series, drawn in order (later ones on top).
    public private(set) var series: [Series] = []

    /// The default colours (the "tab10" palette), used in turn by series without a colour.
    public static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// Creates an empty plot.
    public init(
        title: String, xLabel: String, yLabel: String, xScale: Scale = .linear, yScale: Scale = .linear,
        width: Double = 720, height: Double = 480
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.width = width
        self.height = height
    }

    /// Appends a series.
    public mutating func add(_ series: Series) { self.series.append(series) }

    /// Writes the SVG document to `path`.
    public func write(to path: String) throws {
        try Data(render().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The SVG document.
    public func render() -> String {
        // The legend sits right of the plot area, so it never hides data.
        let legendNames = series.map(\.name).filter { !$0.isEmpty }
        let legendWidth = legendNames.isEmpty ? 0 : 44 + 7.2 * Double(legendNames.map(\.count).max() ?? 0)
        let margin = (left: 84.0, right: 24.0 + (legendNames.isEmpty ? 0 : legendWidth + 12), top: 44.0, bottom: 58.0)
        let plotBox = (x: margin.left, y: margin.top, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom)
        let xAxis = Axis(scale: xScale, values: series.flatMap { $0.points.map(\.x) })
        let yAxis = Axis(scale: yScale, values: series.flatMap { $0.points.map(\.y) })
        func px(_ x: Double) -> Double { plotBox.x + xAxis.fraction(x) * plotBox.w }
        func py(_ y: Double) -> Double { plotBox.y + (1 - yAxis.fraction(y)) * plotBox.h }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" \
            viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(width / 2))" y="26" text-anchor="middle" font-size="16">\(escape(title))</text>

            """
        // Grid and ticks.
        for tick in xAxis.ticks() {
            let x = px(tick.value)
            let yBottom = plotBox.y + plotBox.h
            svg += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(plotBox.y))\" x2=\"\(fmt(x))\" y2=\"\(fmt(yBottom))\" "
                + "stroke=\"\(tick.major ? "#dddddd" : "#f0f0f0")\"/>\n"
            svg += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(yBottom))\" x2=\"\(fmt(x))\" y2=\"\(fmt(yBottom + (tick.major ? 6 : 3)))\" stroke=\"black\"/>\n"
            if let label = tick.label {
                svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(yBottom + 21))\" text-anchor=\"middle\">\(label)</text>\n"
            }
        }
        for tick in yAxis.ticks() {
            let y = py(tick.value)
            svg += "<line x1=\"\(fmt(plotBox.x))\" y1=\"\(fmt(y))\" x2=\"\(fmt(plotBox.x + plotBox.w))\" y2=\"\(fmt(y))\" "
                + "stroke=\"\(tick.major ? "#dddddd" : "#f0f0f0")\"/>\n"
            svg += "<line x1=\"\(fmt(plotBox.x - (tick.major ? 6 : 3)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(plotBox.x))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
            if let label = tick.label {
                svg += "<text x=\"\(fmt(plotBox.x - 9))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(label)</text>\n"
            }
        }
        svg += "<rect x=\"\(fmt(plotBox.x))\" y=\"\(fmt(plotBox.y))\" width=\"\(fmt(plotBox.w))\" height=\"\(fmt(plotBox.h))\" "
            + "fill=\"none\" stroke=\"black\"/>\n"
        svg += "<text x=\"\(fmt(plotBox.x + plotBox.w / 2))\" y=\"\(fmt(height - 14))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        let yLabelX = 18.0
        let yLabelY = plotBox.y + plotBox.h / 2
        svg += "<text x=\"\(fmt(yLabelX))\" y=\"\(fmt(yLabelY))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 \(fmt(yLabelX)) \(fmt(yLabelY)))\">\(escape(yLabel))</text>\n"

        // Series, clipped to the plot box.
        svg += "<clipPath id=\"plot-area\"><rect x=\"\(fmt(plotBox.x))\" y=\"\(fmt(plotBox.y))\" "
            + "width=\"\(fmt(plotBox.w))\" height=\"\(fmt(plotBox.h))\"/></clipPath>\n<g clip-path=\"url(#plot-area)\">\n"
        var legend: [(name: String, color: String, style: Style, dashed: Bool, marker: Int)] = []
        var paletteIndex = 0
        for (index, s) in series.enumerated() {
            let color: String
            if let c = s.color {
                color = c
            } else {
                color = SVGPlot.palette[paletteIndex % SVGPlot.palette.count]
                paletteIndex += 1
            }
            let marker = index % 4
            let drawable = s.points.map { p in
                xAxis.canDraw(p.x) && yAxis.canDraw(p.y) ? (px(p.x), py(p.y)) : nil
            }
            if s.style != .scatter {
                var runs: [[(Double, Double)]] = [[]]
                for p in drawable {
                    if let p { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
                }
                for run in runs where run.count >= 2 {
                    let path = run.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
                    svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(escape(color))\" stroke-width=\"2\""
                        + (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n"
                }
            }
            if s.style != .line {
                for case let (x, y)? in drawable { svg += markerShape(marker, x, y, color) }
            }
            if !s.name.isEmpty { legend.append((s.name, color, s.style, s.dashed, marker)) }
        }
        svg += "</g>\n"

        // Legend, right of the plot box.
        if !legend.isEmpty {
            let boxWidth = legendWidth
            let boxHeight = 8 + 18 * Double(legend.count)
            let left = plotBox.x + plotBox.w + 12
            let top = plotBox.y
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(boxWidth))\" height=\"\(fmt(boxHeight))\" "
                + "fill=\"white\" fill-opacity=\"0.9\" stroke=\"#999999\"/>\n"
            for (i, entry) in legend.enumerated() {
                let y = top + 13 + 18 * Double(i)
                if entry.style != .scatter {
                    svg += "<line x1=\"\(fmt(left + 6))\" y1=\"\(fmt(y))\" x2=\"\(fmt(left + 30))\" y2=\"\(fmt(y))\" "
                        + "stroke=\"\(escape(entry.color))\" stroke-width=\"2\"" + (entry.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n"
                }
                if entry.style != .line { svg += markerShape(entry.marker, left + 18, y, entry.color) }
                svg += "<text x=\"\(fmt(left + 36))\" y=\"\(fmt(y + 4))\">\(escape(entry.name))</text>\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }

    private func markerShape(_ kind: Int, _ x: Double, _ y: Double, _ color: String) -> String {
        let c = escape(color)
        switch kind {
        case 0: return "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3.5\" fill=\"\(c)\"/>\n"
        case 1: return "<rect x=\"\(fmt(x - 3.5))\" y=\"\(fmt(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(c)\"/>\n"
        case 2:
            return "<polygon points=\"\(fmt(x)),\(fmt(y - 4.5)) \(fmt(x - 4)),\(fmt(y + 3)) \(fmt(x + 4)),\(fmt(y + 3))\" fill=\"\(c)\"/>\n"
        default:
            return "<polygon points=\"\(fmt(x)),\(fmt(y - 4.5)) \(fmt(x + 4.5)),\(fmt(y)) \(fmt(x)),\(fmt(y + 4.5)) "
                + "\(fmt(x - 4.5)),\(fmt(y))\" fill=\"\(c)\"/>\n"
        }
    }
}

/// The value range of one axis and where its ticks go.
private struct Axis {
    let scale: SVGPlot.Scale
    /// The drawn range, in axis coordinates (`log10` of the value on a logarithmic axis).
    let low: Double
    let high: Double

    init(scale: SVGPlot.Scale, values: [Double]) {
        self.scale = scale
        let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
            .map { scale == .linear ? $0 : log10($0) }
        var lo = usable.min() ?? 0
        var hi = usable.max() ?? 1
        if hi - lo < 1e-12 {
            lo -= scale == .linear ? max(1, abs(lo) * 0.1) : 0.5
            hi += scale == .linear ? max(1, abs(hi) * 0.1) : 0.5
        }
        if scale == .logarithmic {
            // Whole decades when the data span several, a little padding otherwise.
            if hi - lo >= 2 {
                lo = floor(lo)
                hi = ceil(hi)
            } else {
                let pad = 0.06 * (hi - lo)
                lo -= pad
                hi += pad
            }
        } else {
            let step = Axis.niceStep((hi - lo) / 6)
            lo = floor(lo / step) * step
            hi = ceil(hi / step) * step
        }
        low = lo
        high = hi
    }

    func canDraw(_ v: Double) -> Bool { v.isFinite && (scale == .linear || v > 0) }

    func fraction(_ v: Double) -> Double {
        let a = scale == .linear ? v : log10(v)
        return (a - low) / (high - low)
    }

    /// Major ticks carry labels; on a logarithmic axis the minor ticks are at 2..9 times a decade.
    func ticks() -> [(value: Double, major: Bool, label: String?)] {
        switch scale {
        case .linear:
            let step = Axis.niceStep((high - low) / 6)
            var result: [(Double, Bool, String?)] = []
            var k = (low / step).rounded(.up)
            while k * step <= high + 1e-9 * step {
                let v = k * step
                result.append((v, true, linearLabel(abs(v) < 1e-12 * step ? 0 : v, step: step)))
                k += 1
            }
            return result
        case .logarithmic:
            var result: [(Double, Bool, String?)] = []
            for e in Int(floor(low))...Int(ceil(high)) {
                for m in 1...9 {
                    let a = Double(e) + log10(Double(m))
                    guard a >= low - 1e-9 && a <= high + 1e-9 else { continue }
                    // With under 1.5 decades in view, the minor ticks 2 and 5 get labels too, and
                    // with under one decade every tick does.
                    let labelled = m == 1 || (high - low < 1.5 && (m == 2 || m == 5)) || high - low < 1
                    result.append((pow(10, a), m == 1, labelled ? Axis.logLabel(m, e) : nil))
                }
            }
            return result
        }
    }

    private func linearLabel(_ v: Double, step: Double) -> String { SVGCanvas.tickLabel(v, step: step) }

    static func niceStep(_ raw: Double) -> Double { SVGCanvas.niceStep(raw) }

    /// `m 10^e` as SVG text: a plain integer up to 90000, else with a superscript exponent.
    static func logLabel(_ m: Int, _ e: Int) -> String {
        if e >= 0 && e <= 4 { return String(m * Int(pow(10, Double(e)))) }
        return m == 1 ? powerOfTen(e) : "\(m)\u{00D7}" + powerOfTen(e)
    }

    /// `10` with a superscript exponent, as SVG text.
    static func powerOfTen(_ e: Int) -> String {
        if e == 0 { return "1" }
        if e == 1 { return "10" }
        let exponent = e < 0 ? "\u{2212}\(-e)" : "\(e)"
        return "10<tspan dy=\"-6\" font-size=\"10\">\(exponent)</tspan>"
    }
}

/// Formats a coordinate with two decimals and no locale, so output is reproducible.
private func fmt(_ v: Double) -> String { SVGCanvas.number(v) }

/// Escapes text for SVG.
private func escape(_ s: String) -> String { SVGCanvas.escape(s) }
