import FoundationEssentials

/// A classifier's decision function over a 2-D input space, as a standalone SVG: the decision values as
/// a blue-white-red background, the decision boundary (where the value is zero) as a line, and the
/// training and test points on top.
///
/// ```swift
/// // f evaluated on a 101 x 101 grid over [-1, 1]^2, row 0 at y = -1.
/// let grid = (0...100).map { i in (0...100).map { j in f(-1 + 0.02 * Double(j), -1 + 0.02 * Double(i)) } }
/// let figure = SVGDecisionBoundary(title: "ZZ kernel SVM", xRange: -1...1, yRange: -1...1, gridValues: grid,
///                                  points: train.map { ($0.x, $0.y, $0.label) })
/// try figure.write(to: "boundary.svg")
/// ```
///
/// `gridValues[row][column]` is the decision value at the grid node
/// `x = xRange.lowerBound + column · (xRange.upperBound − xRange.lowerBound) / (columns − 1)`,
/// `y = yRange.lowerBound + row · (yRange.upperBound − yRange.lowerBound) / (rows − 1)`: the nodes include
/// both ends of each range, as `linspace` and `meshgrid` make them. Each node colours the cell around it:
/// red where the value is positive, blue where it is negative, paler towards zero, at full strength from
/// the 95th percentile of `|value|` on (so that a few extreme values do not wash out the rest). The zero
/// level is traced by marching squares with linear interpolation along cell edges. With two classes, the
/// smaller label is drawn blue and the larger red, matching the side of the boundary where a classifier
/// whose positive decision means the larger label puts them; more classes take the colours of
/// `SVGPlot.palette` in order. Output is byte-for-byte reproducible.
public struct SVGDecisionBoundary: Sendable {
    /// The title above the figure.
    public var title: String
    /// The horizontal extent of the grid and of the plot.
    public var xRange: ClosedRange<Double>
    /// The vertical extent of the grid and of the plot.
    public var yRange: ClosedRange<Double>
    /// Decision values on a regular grid of nodes, `gridValues[row][column]`, row 0 at
    /// `yRange.lowerBound`, column 0 at `xRange.lowerBound`; non-finite values are drawn grey.
    public var gridValues: [[Double]]
    /// Training points, drawn as filled circles coloured by label.
    public var points: [(x: Double, y: Double, label: Int)]
    /// Test points, drawn as outlined squares coloured by label.
    public var testPoints: [(x: Double, y: Double, label: Int)]
    /// The label under the horizontal axis.
    public var xLabel: String
    /// The label beside the vertical axis.
    public var yLabel: String
    /// The width of the image, in pixels.
    public var width: Double
    /// The height of the image, in pixels.
    public var height: Double

    /// Creates a decision-boundary figure.
    public init(
        title: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, gridValues: [[Double]],
        points: [(x: Double, y: Double, label: Int)], testPoints: [(x: Double, y: Double, label: Int)] = [],
        xLabel: String = "x0", yLabel: String = "x1", width: Double = 720, height: Double = 540
    ) {
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.gridValues = gridValues
        self.points = points
        self.testPoints = testPoints
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// Writes the SVG document to `path`.
    public func write(to path: String) throws {
        try Data(render().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The SVG document.
    public func render() -> String {
        let xs = Self.usable(xRange)
        let ys = Self.usable(yRange)
        let classes = Set(points.map(\.label) + testPoints.map(\.label)).sorted()
        func classColor(_ label: Int) -> String {
            let index = classes.firstIndex(of: label) ?? 0
            return classes.count == 2 ? [SVGPlot.palette[0], SVGPlot.palette[3]][index] : SVGPlot.palette[index % SVGPlot.palette.count]
        }

        // The legend sits right of the plot box, so it never hides data.
        var legend: [(name: String, mark: LegendMark)] = classes.map { ("label \($0)", .train(classColor($0))) }
        if !testPoints.isEmpty { legend.append(("test points", .test("#444444"))) }
        legend += [("decision = 0", .boundary), ("decision > 0", .swatch(Self.shade(0.75))), ("decision < 0", .swatch(Self.shade(0.25)))]
        let legendWidth = 44 + (legend.map { SVGCanvas.textWidth($0.name) }.max() ?? 0)
        let box = (x: 72.0, y: 44.0, w: max(width - 72 - 36 - legendWidth, 60), h: max(height - 44 - 58, 60))
        func px(_ x: Double) -> Double { box.x + (x - xs.lowerBound) / (xs.upperBound - xs.lowerBound) * box.w }
        func py(_ y: Double) -> Double { box.y + (1 - (y - ys.lowerBound) / (ys.upperBound - ys.lowerBound)) * box.h }

        var svg = SVGCanvas.header(width: width, height: height, title: title)
        svg += "<clipPath id=\"decision-area\"><rect x=\"\(fmt(box.x))\" y=\"\(fmt(box.y))\" width=\"\(fmt(box.w))\" "
            + "height=\"\(fmt(box.h))\"/></clipPath>\n<g clip-path=\"url(#decision-area)\">\n"
        svg += background(box: box)

        // The boundary: grid coordinates (column, row) to data to pixels.
        let rows = gridValues.count
        let columns = gridValues.map(\.count).max() ?? 0
        let lines = ZeroContour.polylines(gridValues)
        if !lines.isEmpty {
            let dx = (xs.upperBound - xs.lowerBound) / Double(max(columns - 1, 1))
            let dy = (ys.upperBound - ys.lowerBound) / Double(max(rows - 1, 1))
            let d = lines.map { line in
                "M" + line.map { "\(fmt(px(xs.lowerBound + $0.column * dx))) \(fmt(py(ys.lowerBound + $0.row * dy)))" }
                    .joined(separator: "L")
            }.joined()
            svg += "<path class=\"decision-boundary\" d=\"\(d)\" fill=\"none\" stroke=\"black\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
        }
        for p in points where p.x.isFinite && p.y.isFinite {
            svg += "<circle class=\"train\" cx=\"\(fmt(px(p.x)))\" cy=\"\(fmt(py(p.y)))\" r=\"4.5\" fill=\"\(classColor(p.label))\" "
                + "stroke=\"white\" stroke-width=\"1\"/>\n"
        }
        for p in testPoints where p.x.isFinite && p.y.isFinite {
            svg += "<rect class=\"test\" x=\"\(fmt(px(p.x) - 4.5))\" y=\"\(fmt(py(p.y) - 4.5))\" width=\"9\" height=\"9\" fill=\"none\" "
                + "stroke=\"\(classColor(p.label))\" stroke-width=\"2\"/>\n"
        }
        svg += "</g>\n"
        svg += axes(box: box, xs: xs, ys: ys, px: px, py: py)

        let left = box.x + box.w + 12
        svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(box.y))\" width=\"\(fmt(legendWidth))\" height=\"\(fmt(8 + 18 * Double(legend.count)))\" "
            + "fill=\"white\" stroke=\"#999999\"/>\n"
        for (i, entry) in legend.enumerated() {
            let y = box.y + 13 + 18 * Double(i)
            switch entry.mark {
            case .train(let color): svg += "<circle cx=\"\(fmt(left + 18))\" cy=\"\(fmt(y))\" r=\"4.5\" fill=\"\(color)\"/>\n"
            case .test(let color):
                svg += "<rect x=\"\(fmt(left + 13.5))\" y=\"\(fmt(y - 4.5))\" width=\"9\" height=\"9\" fill=\"none\" "
                    + "stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            case .boundary:
                svg += "<line x1=\"\(fmt(left + 6))\" y1=\"\(fmt(y))\" x2=\"\(fmt(left + 30))\" y2=\"\(fmt(y))\" "
                    + "stroke=\"black\" stroke-width=\"2\"/>\n"
            case .swatch(let color):
                svg += "<rect x=\"\(fmt(left + 8))\" y=\"\(fmt(y - 6))\" width=\"20\" height=\"12\" fill=\"\(color)\" "
                    + "stroke=\"#999999\"/>\n"
            }
            svg += "<text x=\"\(fmt(left + 36))\" y=\"\(fmt(y + 4))\">\(escape(entry.name))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// The grid as cells centred on its nodes (the outer half-cells are clipped by the plot box).
    private func background(box: (x: Double, y: Double, w: Double, h: Double)) -> String {
        let rows = gridValues.count
        let columns = gridValues.map(\.count).max() ?? 0
        guard rows > 0 && columns > 0 else { return "" }
        let magnitudes = gridValues.flatMap { $0 }.filter(\.isFinite).map(abs).sorted()
        var scale = magnitudes.isEmpty ? 1 : magnitudes[Int((0.95 * Double(magnitudes.count - 1)).rounded())]
        if !(scale > 0) { scale = magnitudes.last ?? 1 }
        if !(scale > 0) { scale = 1 }
        let levels = 64
        let colors = (0...levels).map { Self.shade(Double($0) / Double(levels)) } + [SVGCanvas.missingColor]
        // Display row 0 is the top of the plot, the last grid row.
        let indices: [[Int?]] = gridValues.reversed().map { row in
            (0..<columns).map { j in
                guard j < row.count && row[j].isFinite else { return levels + 1 }
                let f = 0.5 + 0.5 * min(max(row[j] / scale, -1), 1)
                return Int((f * Double(levels)).rounded())
            }
        }
        let cell = (w: box.w / Double(max(columns - 1, 1)), h: box.h / Double(max(rows - 1, 1)))
        let origin = (x: box.x - (columns > 1 ? cell.w / 2 : 0), y: box.y - (rows > 1 ? cell.h / 2 : 0))
        return "<g transform=\"translate(\(fmt(origin.x)) \(fmt(origin.y))) scale(\(fmt4(cell.w)) \(fmt4(cell.h)))\" "
            + "shape-rendering=\"crispEdges\">\n" + SVGCanvas.cellPaths(indices, colors: colors, cssClass: "background") + "</g>\n"
    }

    /// Ticks, tick labels, the frame and the axis labels.
    private func axes(
        box: (x: Double, y: Double, w: Double, h: Double), xs: ClosedRange<Double>, ys: ClosedRange<Double>,
        px: (Double) -> Double, py: (Double) -> Double
    ) -> String {
        var out = "<rect x=\"\(fmt(box.x))\" y=\"\(fmt(box.y))\" width=\"\(fmt(box.w))\" height=\"\(fmt(box.h))\" fill=\"none\" stroke=\"black\"/>\n"
        let bottom = box.y + box.h
        let xTicks = SVGCanvas.niceTicks(xs.lowerBound, xs.upperBound, count: 6)
        for t in xTicks.values {
            let x = fmt(px(t))
            out += "<line x1=\"\(x)\" y1=\"\(fmt(bottom))\" x2=\"\(x)\" y2=\"\(fmt(bottom + 6))\" stroke=\"black\"/>\n"
            out += "<text x=\"\(x)\" y=\"\(fmt(bottom + 21))\" text-anchor=\"middle\">\(SVGCanvas.tickLabel(t, step: xTicks.step))</text>\n"
        }
        let yTicks = SVGCanvas.niceTicks(ys.lowerBound, ys.upperBound, count: 6)
        for t in yTicks.values {
            let y = py(t)
            out += "<line x1=\"\(fmt(box.x - 6))\" y1=\"\(fmt(y))\" x2=\"\(fmt(box.x))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
            out += "<text x=\"\(fmt(box.x - 9))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(SVGCanvas.tickLabel(t, step: yTicks.step))</text>\n"
        }
        out += "<text x=\"\(fmt(box.x + box.w / 2))\" y=\"\(fmt(height - 14))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        let (lx, ly) = (18.0, box.y + box.h / 2)
        out += "<text x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" text-anchor=\"middle\" transform=\"rotate(-90 \(fmt(lx)) \(fmt(ly)))\">"
            + "\(escape(yLabel))</text>\n"
        return out
    }

    /// The background colour `fraction` along the diverging map: its inner 70 percent, lightened, so that
    /// the points stay visible on the strongest shades.
    static func shade(_ fraction: Double) -> String {
        let white = SVGCanvas.RGB(r: 1, g: 1, b: 1)
        return SVGHeatmap.ColorMap.diverging.rgb(at: 0.5 + 0.7 * (fraction - 0.5)).mixed(with: white, 0.3).hex
    }

    /// A drawable range: finite and of positive width.
    private static func usable(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite && range.upperBound.isFinite else { return 0...1 }
        return range.upperBound > range.lowerBound ? range : (range.lowerBound - 0.5)...(range.lowerBound + 0.5)
    }
}

/// What a legend entry shows beside its name.
private enum LegendMark {
    case train(String), test(String), boundary, swatch(String)
}

/// The zero level set of a function sampled on a grid, by marching squares.
enum ZeroContour {
    /// Polylines through the points where the linear interpolation of `values[row][column]` along grid
    /// edges is zero, in grid coordinates (fractional `column`, `row`). A polyline whose first and last
    /// points coincide is closed. Cells with a non-finite corner are skipped; a value of exactly zero counts
    /// as positive. Saddle cells are resolved by the mean of their four corners.
    static func polylines(_ values: [[Double]]) -> [[(column: Double, row: Double)]] {
        let rows = values.count
        let columns = values.map(\.count).max() ?? 0
        guard rows >= 2 && columns >= 2 else { return [] }
        var segments: [(Int, Int)] = []
        func value(_ r: Int, _ c: Int) -> Double { c < values[r].count ? values[r][c] : .nan }

        // A crossing is named by its edge: the edge's lower-left node n and direction, 2n (horizontal) or
        // 2n + 1 (vertical). A crossing at a node whose value is exactly zero is named by the node, -(n + 1),
        // so that the segments of all the cells that meet there join up.
        func crossing(_ edge: Int) -> Int {
            let node = edge / 2
            let other = edge % 2 == 0 ? node + 1 : node + columns
            if value(node / columns, node % columns) == 0 { return -(node + 1) }
            if value(other / columns, other % columns) == 0 { return -(other + 1) }
            return edge
        }
        func point(_ key: Int) -> (column: Double, row: Double) {
            if key < 0 { return (Double((-key - 1) % columns), Double((-key - 1) / columns)) }
            let (r, c) = ((key / 2) / columns, (key / 2) % columns)
            let a = value(r, c)
            let b = key % 2 == 0 ? value(r, c + 1) : value(r + 1, c)
            let t = a / (a - b)
            return key % 2 == 0 ? (Double(c) + t, Double(r)) : (Double(c), Double(r) + t)
        }
        func add(_ e1: Int, _ e2: Int) {
            let (k1, k2) = (crossing(e1), crossing(e2))
            if k1 != k2 { segments.append((k1, k2)) }  // a cell touching the level at one node only adds nothing
        }

        for r in 0..<(rows - 1) {
            for c in 0..<(columns - 1) {
                // Corners counter-clockwise from bottom-left; edge i joins corner i to corner i + 1.
                let corners = [value(r, c), value(r, c + 1), value(r + 1, c + 1), value(r + 1, c)]
                guard corners.allSatisfy(\.isFinite) else { continue }
                let positive = corners.map { $0 >= 0 }
                let node = r * columns + c
                let edges = [2 * node, 2 * (node + 1) + 1, 2 * (node + columns), 2 * node + 1]
                let crossed = (0..<4).filter { positive[$0] != positive[($0 + 1) % 4] }
                if crossed.count == 2 {
                    add(edges[crossed[0]], edges[crossed[1]])
                } else if crossed.count == 4 {
                    // Cut off the corners whose sign differs from the cell's centre.
                    let centre = corners.reduce(0, +) / 4 >= 0
                    for i in 0..<4 where positive[i] != centre { add(edges[(i + 3) % 4], edges[i]) }
                }
            }
        }

        // Chain segments through shared crossings (an edge belongs to at most two cells).
        var byEdge: [Int: [Int]] = [:]
        for (i, s) in segments.enumerated() {
            byEdge[s.0, default: []].append(i)
            byEdge[s.1, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: segments.count)
        func extend(_ chain: inout [Int]) {
            while let end = chain.last, let next = byEdge[end]?.first(where: { !used[$0] }) {
                used[next] = true
                chain.append(segments[next].0 == end ? segments[next].1 : segments[next].0)
            }
        }
        var lines: [[(column: Double, row: Double)]] = []
        for s in segments.indices where !used[s] {
            used[s] = true
            var forward = [segments[s].0, segments[s].1]
            extend(&forward)
            var backward = [segments[s].0]
            extend(&backward)
            lines.append((backward.dropFirst().reversed() + forward).map(point))
        }
        return lines
    }
}

private func fmt(_ v: Double) -> String { SVGCanvas.number(v) }

/// Four decimals: scale factors multiply up to a few hundred cells, so two would misplace the last ones.
private func fmt4(_ v: Double) -> String { cFormat("%.4f", v) }

private func escape(_ s: String) -> String { SVGCanvas.escape(s) }
