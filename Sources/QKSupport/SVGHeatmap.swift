import FoundationEssentials

/// A matrix drawn as a grid of coloured cells with a colour bar, as a standalone SVG: Gram matrices,
/// confusion matrices, kernel-target alignments.
///
/// ```swift
/// let figure = SVGHeatmap(title: "ZZ feature map, train Gram matrix", values: gram,
///                         range: 0...1, rowLabel: "sample i", columnLabel: "sample j")
/// try figure.write(to: "gram.svg")
/// ```
///
/// Row 0 is at the top, as when the matrix is printed. A value `v` gets the colour at
/// `(v - range.lowerBound) / (range.upperBound - range.lowerBound)` along the colour map, clamped to the
/// ends; non-finite values are grey. When a side has more than `maxCellsPerSide` cells, the matrix is
/// down-sampled by averaging blocks (of the finite entries), so that a 2000 x 2000 Gram matrix still
/// makes a file of a few hundred kilobytes; a caption under the figure says so. Output is byte-for-byte
/// reproducible.
public struct SVGHeatmap: Sendable {
    /// How values map to colours.
    public enum ColorMap: Sendable, Hashable {
        /// Dark purple, blue, green, yellow (matplotlib's perceptually uniform "viridis"): for values with
        /// no natural centre, such as kernel entries in 0...1.
        case viridis
        /// Blue, white, red with white at the middle of the range: for signed values such as decision
        /// values or differences between two matrices (give a range symmetric about zero).
        case diverging

        /// The colour `fraction` of the way along the map (clamped to 0...1), as `#rrggbb`.
        public func color(at fraction: Double) -> String { rgb(at: fraction).hex }

        func rgb(at fraction: Double) -> SVGCanvas.RGB {
            SVGCanvas.RGB.interpolate(self == .viridis ? ColorMap.viridisAnchors : ColorMap.divergingAnchors, at: fraction)
        }

        // Every fifth entry of matplotlib's 256-entry viridis table (entries 0, 5, ..., 255); linear
        // interpolation between them stays within 0.7 / 255 of the table.
        private static let viridisAnchors = [
            "#440154", "#46085c", "#471063", "#481769", "#481d6f", "#482475", "#472a7a", "#46307e", "#453781",
            "#433d84", "#414287", "#3f4889", "#3d4e8a", "#3a538b", "#38598c", "#355e8d", "#33638d", "#31688e",
            "#2e6d8e", "#2c718e", "#2a768e", "#297b8e", "#27808e", "#25848e", "#23898e", "#218e8d", "#20928c",
            "#1f978b", "#1e9c89", "#1fa188", "#21a585", "#24aa83", "#28ae80", "#2eb37c", "#35b779", "#3dbc74",
            "#46c06f", "#50c46a", "#5ac864", "#65cb5e", "#70cf57", "#7cd250", "#89d548", "#95d840", "#a2da37",
            "#b0dd2f", "#bddf26", "#cae11f", "#d8e219", "#e5e419", "#f1e51d", "#fde725",
        ].map(SVGCanvas.RGB.init(hex:))

        // ColorBrewer's 11-class RdBu (as matplotlib's RdBu_r), reversed so that low is blue, with a pure
        // white centre instead of #f7f7f7.
        private static let divergingAnchors = [
            "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#ffffff", "#fddbc7", "#f4a582", "#d6604d",
            "#b2182b", "#67001f",
        ].map(SVGCanvas.RGB.init(hex:))
    }

    /// The title above the figure.
    public var title: String
    /// The matrix, `values[row][column]`; shorter rows are padded with NaN (drawn grey).
    public var values: [[Double]]
    /// The values at the two ends of the colour map; `nil` means the smallest and largest finite values.
    public var range: ClosedRange<Double>?
    /// How values map to colours.
    public var colorMap: ColorMap
    /// The label beside the rows (left).
    public var rowLabel: String
    /// The label under the columns.
    public var columnLabel: String
    /// The most cells drawn along a side; a longer side is down-sampled by averaging blocks.
    public var maxCellsPerSide: Int = 200

    /// Creates a heatmap of `values`.
    public init(
        title: String, values: [[Double]], range: ClosedRange<Double>? = nil, colorMap: ColorMap = .viridis,
        rowLabel: String = "", columnLabel: String = ""
    ) {
        self.title = title
        self.values = values
        self.range = range
        self.colorMap = colorMap
        self.rowLabel = rowLabel
        self.columnLabel = columnLabel
    }

    /// Writes the SVG document to `path`.
    public func write(to path: String) throws {
        try Data(render().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The SVG document.
    public func render() -> String {
        let n = values.count
        let m = values.map(\.count).max() ?? 0
        let (low, high) = colorRange()
        let blocks = (rows: Self.blockSize(n, maxCellsPerSide), columns: Self.blockSize(m, maxCellsPerSide))
        let grid = Self.blockMeans(values, rows: n, columns: m, block: blocks)
        let (r, c) = (grid.count, grid.first?.count ?? 0)
        let downSampled = blocks.rows > 1 || blocks.columns > 1

        // Square cells with the longer side 480 pixels (cells at most 80), stretched where needed so that
        // neither side is under 160 pixels: a 3 x 400 matrix stays readable.
        let cap = 80.0
        let square = r == 0 || c == 0 ? 0 : min(cap, 480 / Double(max(r, c)))
        let cellW = c == 0 ? 0 : max(square, min(cap, 160 / Double(c)))
        let cellH = r == 0 ? 0 : max(square, min(cap, 160 / Double(r)))
        let matrix = (w: cellW * Double(c), h: cellH * Double(r))
        let caption = downSampled
            ? "Down-sampled from \(n) \u{00D7} \(m) to \(r) \u{00D7} \(c) cells: each cell is the mean of the finite "
                + "entries of a \(blocks.rows) \u{00D7} \(blocks.columns) block."
            : ""

        let barHeight = max(matrix.h, 160)
        let labelWidth = max(SVGCanvas.textWidth(SVGCanvas.valueLabel(low)), SVGCanvas.textWidth(SVGCanvas.valueLabel(high)))
        let tickWidth = SVGCanvas.textWidth(String(max(n, m) - 1))
        var left = 20 + (rowLabel.isEmpty ? 0 : 16) + tickWidth + 12
        let barX0 = left + matrix.w + 22
        let contentWidth = barX0 + 16 + 8 + max(labelWidth, 60) + 16
        let width = max(contentWidth, 360, SVGCanvas.textWidth(title, fontSize: 16) + 40, SVGCanvas.textWidth(caption, fontSize: 11) + 40)
        left += (width - contentWidth) / 2
        let barX = barX0 + (width - contentWidth) / 2
        let top = 48.0
        let hasMissing = grid.contains { $0.contains { !$0.isFinite } }
        let belowMatrix = top + matrix.h + 26 + (columnLabel.isEmpty ? 0 : 20)
        let belowBar = top + barHeight + (hasMissing ? 30 : 12)
        let captionY = max(belowMatrix, belowBar) + 22
        let height = (caption.isEmpty ? max(belowMatrix, belowBar) : captionY) + 16

        // 256 colour steps; level 128 is the exact middle of the map (white for the diverging one).
        let levels = 256
        let colors = (0...levels).map { colorMap.color(at: Double($0) / Double(levels)) } + [SVGCanvas.missingColor]
        func colorIndex(_ v: Double) -> Int {
            guard v.isFinite else { return levels + 1 }
            let f = high > low ? (v - low) / (high - low) : 0.5
            return Int((min(max(f, 0), 1) * Double(levels)).rounded())
        }
        let indices = grid.map { row in row.map { Optional(colorIndex($0)) } }

        var svg = SVGCanvas.header(width: width, height: height, title: title)
        if r == 0 || c == 0 {
            svg += "<text x=\"\(fmt(width / 2))\" y=\"\(fmt(top + 40))\" text-anchor=\"middle\" fill=\"#555555\">no data</text>\n"
        } else {
            svg += "<g transform=\"translate(\(fmt(left)) \(fmt(top))) scale(\(fmt4(cellW)) \(fmt4(cellH)))\" "
                + "shape-rendering=\"crispEdges\">\n"
            svg += SVGCanvas.cellPaths(indices, colors: colors, cssClass: "cells")
            svg += "</g>\n"
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(matrix.w))\" height=\"\(fmt(matrix.h))\" "
                + "fill=\"none\" stroke=\"black\"/>\n"
            svg += annotations(grid, left: left, top: top, cell: (cellW, cellH), downSampled: downSampled, color: colorIndex, colors: colors)
            svg += indexTicks(count: n, along: matrix.h, at: left, from: top, vertical: true)
            svg += indexTicks(count: m, along: matrix.w, at: top + matrix.h, from: left, vertical: false)
        }
        if !rowLabel.isEmpty {
            let x = 20.0 + (width - contentWidth) / 2
            let y = top + matrix.h / 2
            svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"middle\" transform=\"rotate(-90 \(fmt(x)) \(fmt(y)))\">"
                + "\(escape(rowLabel))</text>\n"
        }
        if !columnLabel.isEmpty {
            svg += "<text x=\"\(fmt(left + matrix.w / 2))\" y=\"\(fmt(belowMatrix))\" text-anchor=\"middle\">"
                + "\(escape(columnLabel))</text>\n"
        }
        if !caption.isEmpty {
            svg += "<text class=\"caption\" x=\"\(fmt(width / 2))\" y=\"\(fmt(captionY))\" text-anchor=\"middle\" "
                + "font-size=\"11\" fill=\"#555555\">\(escape(caption))</text>\n"
        }
        guard r > 0 && c > 0 else { return svg + "</svg>\n" }
        svg += colorBar(x: barX, top: top, height: barHeight, low: low, high: high, colors: colors)
        if hasMissing {
            let swatchY = top + barHeight + 14
            svg += "<rect x=\"\(fmt(barX))\" y=\"\(fmt(swatchY))\" width=\"16\" height=\"12\" fill=\"\(SVGCanvas.missingColor)\" stroke=\"black\"/>\n"
            svg += "<text x=\"\(fmt(barX + 24))\" y=\"\(fmt(swatchY + 10))\">not finite</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// The values at the ends of the colour map, widened when they coincide.
    private func colorRange() -> (Double, Double) {
        var low: Double
        var high: Double
        if let range, range.lowerBound.isFinite && range.upperBound.isFinite {
            (low, high) = (range.lowerBound, range.upperBound)
        } else {
            let finite = values.lazy.flatMap { $0 }.filter(\.isFinite)
            low = finite.min() ?? 0
            high = finite.max() ?? 1
        }
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        return (low, high)
    }

    /// Values written in the cells, when the cells are big enough to hold them.
    private func annotations(
        _ grid: [[Double]], left: Double, top: Double, cell: (w: Double, h: Double), downSampled: Bool,
        color: (Double) -> Int, colors: [String]
    ) -> String {
        guard !downSampled && min(cell.w, cell.h) >= 36 else { return "" }
        let fontSize = min(12, cell.w / 4.4)
        var out = "<g text-anchor=\"middle\" font-size=\"\(fmt(fontSize))\">\n"
        for (i, row) in grid.enumerated() {
            for (j, v) in row.enumerated() where v.isFinite {
                let dark = SVGCanvas.RGB(hex: colors[color(v)]).luminance < 0.5
                out += "<text x=\"\(fmt(left + (Double(j) + 0.5) * cell.w))\" y=\"\(fmt(top + (Double(i) + 0.5) * cell.h + fontSize * 0.35))\""
                    + (dark ? " fill=\"white\"" : "") + ">\(SVGCanvas.valueLabel(v))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    /// Integer index ticks (of the original matrix) along the left side or the bottom.
    private func indexTicks(count: Int, along length: Double, at base: Double, from start: Double, vertical: Bool) -> String {
        guard count > 0 else { return "" }
        let ticks = count == 1 ? [0] : SVGCanvas.niceTicks(0, Double(count - 1), count: 5).values.filter { $0 == $0.rounded() }
        var out = ""
        for t in ticks {
            let p = fmt(start + (t + 0.5) / Double(count) * length)
            let label = String(Int(t))
            if vertical {
                out += "<line x1=\"\(fmt(base - 5))\" y1=\"\(p)\" x2=\"\(fmt(base))\" y2=\"\(p)\" stroke=\"black\"/>\n"
                let y = fmt(start + (t + 0.5) / Double(count) * length + 4)
                out += "<text x=\"\(fmt(base - 8))\" y=\"\(y)\" text-anchor=\"end\">\(label)</text>\n"
            } else {
                out += "<line x1=\"\(p)\" y1=\"\(fmt(base))\" x2=\"\(p)\" y2=\"\(fmt(base + 5))\" stroke=\"black\"/>\n"
                out += "<text x=\"\(p)\" y=\"\(fmt(base + 19))\" text-anchor=\"middle\">\(label)</text>\n"
            }
        }
        return out
    }

    /// A vertical colour bar with the range's ends and nice values between them.
    private func colorBar(x: Double, top: Double, height: Double, low: Double, high: Double, colors: [String]) -> String {
        let steps = 64
        let lastLevel = Double(colors.count - 2)  // the last colour is for missing values
        let barIndices: [[Int?]] = (0..<steps).map { i in
            let f = 1 - (Double(i) + 0.5) / Double(steps)
            return [Int((f * lastLevel).rounded())]
        }
        var out = "<g transform=\"translate(\(fmt(x)) \(fmt(top))) scale(16 \(fmt4(height / Double(steps))))\" shape-rendering=\"crispEdges\">\n"
        out += SVGCanvas.cellPaths(barIndices, colors: colors, cssClass: "colorbar")
        out += "</g>\n<rect x=\"\(fmt(x))\" y=\"\(fmt(top))\" width=\"16\" height=\"\(fmt(height))\" fill=\"none\" stroke=\"black\"/>\n"
        func tick(_ v: Double, _ label: String) {
            let y = top + (1 - (v - low) / (high - low)) * height
            out += "<line x1=\"\(fmt(x + 16))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x + 21))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
            out += "<text x=\"\(fmt(x + 24))\" y=\"\(fmt(y + 4))\">\(label)</text>\n"
        }
        tick(low, SVGCanvas.valueLabel(low))
        tick(high, SVGCanvas.valueLabel(high))
        let (inner, step) = SVGCanvas.niceTicks(low, high, count: 4)
        for v in inner where v - low > 0.12 * (high - low) && high - v > 0.12 * (high - low) {
            tick(v, SVGCanvas.tickLabel(v, step: step))
        }
        return out
    }

    /// The side of the square-ish blocks that bring `count` cells down to at most `maximum`.
    private static func blockSize(_ count: Int, _ maximum: Int) -> Int {
        let limit = max(maximum, 1)
        return count <= limit ? 1 : (count + limit - 1) / limit
    }

    /// The means of the finite entries of `block`-sized blocks (NaN for a block with none).
    private static func blockMeans(_ values: [[Double]], rows n: Int, columns m: Int, block: (rows: Int, columns: Int)) -> [[Double]] {
        guard n > 0 && m > 0 else { return [] }
        let r = (n + block.rows - 1) / block.rows
        let c = (m + block.columns - 1) / block.columns
        if block.rows == 1 && block.columns == 1 {
            return values.map { $0.count == m ? $0 : $0 + [Double](repeating: .nan, count: m - $0.count) }
        }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: c), count: r)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: c), count: r)
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() where v.isFinite {
                sums[i / block.rows][j / block.columns] += v
                counts[i / block.rows][j / block.columns] += 1
            }
        }
        return zip(sums, counts).map { s, k in zip(s, k).map { $1 > 0 ? $0 / Double($1) : .nan } }
    }
}

private func fmt(_ v: Double) -> String { SVGCanvas.number(v) }

/// Four decimals: scale factors multiply up to a few hundred cells, so two would misplace the last ones.
private func fmt4(_ v: Double) -> String { cFormat("%.4f", v) }

private func escape(_ s: String) -> String { SVGCanvas.escape(s) }
