import Foundation
@testable import QKSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Reading the SVG back

/// The elements of a parsed SVG document, in document order.
private final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        subscript(_ key: String) -> String? { attributes[key] }
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    /// The document, or `nil` when `svg` is not well-formed XML.
    static func parse(_ svg: String) -> SVGDocument? {
        let document = SVGDocument()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        return parser.parse() && document.open.isEmpty ? document : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributeDict))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func all(_ name: String, class cssClass: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cssClass == nil || $0["class"] == cssClass) }
    }

    /// The cells drawn by `SVGCanvas.cellPaths`: (row, column) to fill colour. Each cell must be drawn once.
    func cells(class cssClass: String) -> [[Int]: String]? {
        var result: [[Int]: String] = [:]
        for path in all("path", class: cssClass) {
            guard let fill = path["fill"], let d = path["d"] else { return nil }
            for run in d.split(separator: "M") {
                // "column row h length v1 h -length z"
                let parts = run.split(whereSeparator: { "hvz ".contains($0) }).compactMap { Int($0) }
                guard parts.count == 5, parts[3] == 1, parts[4] == -parts[2] else { return nil }
                for column in parts[0]..<(parts[0] + parts[2]) {
                    guard result.updateValue(fill, forKey: [parts[1], column]) == nil else { return nil }
                }
            }
        }
        return result
    }
}

/// Pairs of numbers in a path's data ("M x yLx y...").
private func pathPoints(_ d: String) -> [(x: Double, y: Double)] {
    d.split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { pair in
        let xy = pair.split(separator: " ").compactMap { Double($0) }
        return xy.count == 2 ? (xy[0], xy[1]) : nil
    }
}

// MARK: - Colour maps

@Test func colorMapsMatchMatplotlib() {
    // matplotlib 3.8: colors.to_hex(colormaps[name](f)); its lookup table has 256 entries, entry
    // Int(f * 256) at fraction entry / 255.
    let references: [(SVGHeatmap.ColorMap, Double, String)] = [
        (.viridis, 0.1, "#482475"), (.viridis, 0.3, "#355f8d"), (.viridis, 0.55, "#1e9c89"), (.viridis, 0.77, "#69cd5b"),
        (.viridis, 0.93, "#d2e21b"), (.diverging, 0.1, "#2065ab"), (.diverging, 0.3, "#90c4dd"), (.diverging, 0.7, "#f3a481"),
        (.diverging, 0.9, "#b1182b"),
    ]
    for (map, f, hex) in references {
        let ours = SVGCanvas.RGB(hex: map.color(at: Double(Int(f * 256)) / 255))
        let theirs = SVGCanvas.RGB(hex: hex)
        let worst = max(abs(ours.r - theirs.r), abs(ours.g - theirs.g), abs(ours.b - theirs.b)) * 255
        #expect(worst <= 1.5, "\(map) at \(f): \(ours.hex) vs \(hex)")
    }
    #expect(SVGHeatmap.ColorMap.diverging.color(at: 0.5) == "#ffffff")
    #expect(SVGHeatmap.ColorMap.viridis.color(at: -3) == "#440154")
    #expect(SVGHeatmap.ColorMap.viridis.color(at: 7) == "#fde725")
}

// MARK: - Heatmap

@Test func heatmapDrawsEveryCellWithItsColour() throws {
    let values: [[Double]] = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, .nan, 11]]
    let svg = SVGHeatmap(title: "Gram & <co>", values: values, rowLabel: "i", columnLabel: "j").render()
    let document = try #require(SVGDocument.parse(svg))
    let cells = try #require(document.cells(class: "cells"))
    #expect(cells.count == 12)
    #expect(cells[[0, 0]] == "#440154")  // the minimum: the start of viridis
    #expect(cells[[2, 3]] == "#fde725")  // the maximum: its end
    #expect(cells[[1, 2]] == SVGHeatmap.ColorMap.viridis.color(at: Double(Int((6.0 / 11 * 256).rounded())) / 256))
    #expect(cells[[2, 2]] == SVGCanvas.missingColor)
    #expect(svg.contains("Gram &amp; &lt;co&gt;"))
    #expect(document.all("text").contains { $0.text == "Gram & <co>" })
    #expect(document.all("text").contains { $0.text == "not finite" })
    #expect(!svg.contains("Down-sampled"))
    #expect(svg == SVGHeatmap(title: "Gram & <co>", values: values, rowLabel: "i", columnLabel: "j").render())
}

@Test func heatmapRangeClipsAndDivergingCentresOnWhite() throws {
    let svg = SVGHeatmap(title: "d", values: [[-5, 0, 0.5, 9]], range: -1...1, colorMap: .diverging).render()
    let cells = try #require(SVGDocument.parse(svg)?.cells(class: "cells"))
    #expect(cells[[0, 0]] == SVGHeatmap.ColorMap.diverging.color(at: 0))  // clipped at the low end
    #expect(cells[[0, 1]] == "#ffffff")  // the middle of the range
    #expect(cells[[0, 3]] == SVGHeatmap.ColorMap.diverging.color(at: 1))
}

@Test func heatmapSurvivesDegenerateInput() throws {
    let cases: [[[Double]]] = [[[0.3]], [[2, 2], [2, 2]], [[.nan, .infinity]], [], [[]], [[1, 2, 3], [4]]]
    for values in cases {
        let svg = SVGHeatmap(title: "t", values: values).render()
        let document = try #require(SVGDocument.parse(svg), "\(values)")
        let cells = try #require(document.cells(class: "cells"))
        #expect(cells.count == values.count * (values.map(\.count).max() ?? 0), "\(values)")
        if values.isEmpty || values == [[]] { #expect(document.all("text").contains { $0.text == "no data" }) }
    }
    // A constant matrix is drawn in the middle colour, as one path.
    let constant = try #require(SVGDocument.parse(SVGHeatmap(title: "t", values: [[2, 2], [2, 2]]).render()))
    #expect(constant.all("path", class: "cells").count == 1)
    #expect(constant.all("path", class: "cells").first?["fill"] == SVGHeatmap.ColorMap.viridis.color(at: 0.5))
}

@Test func heatmapDownSamplesLargeMatricesByBlockMeans() throws {
    // Entry (i, j) = i / 5 + j: the mean of a 5 x 5 block (I, J) is I + 5 J + 2, so block colours are known.
    let n = 1000
    let values = (0..<n).map { i in (0..<n).map { j in Double(i / 5) + Double(j) } }
    let svg = SVGHeatmap(title: "big", values: values).render()
    let document = try #require(SVGDocument.parse(svg))
    let cells = try #require(document.cells(class: "cells"))
    #expect(cells.count == 200 * 200)
    let (low, high) = (0.0, 199.0 + 999)
    for (I, J) in [(0, 0), (17, 3), (199, 199), (100, 42)] {
        let mean = Double(I) + 5 * Double(J) + 2
        let expected = SVGHeatmap.ColorMap.viridis.color(at: Double(Int(((mean - low) / (high - low) * 256).rounded())) / 256)
        #expect(cells[[I, J]] == expected, "block \(I), \(J)")
    }
    #expect(document.all("text", class: "caption").first?.text.contains("5 \u{00D7} 5 block") == true)

    // Worst case for size: noise, so that no two neighbours share a colour.
    var generator = SeededGenerator(seed: 11)
    let noise = (0..<n).map { _ in (0..<n).map { _ in generator.uniform() } }
    let noisy = SVGHeatmap(title: "noise", values: noise).render()
    #expect(noisy.utf8.count < 1_500_000, "\(noisy.utf8.count) bytes")
    #expect(try #require(SVGDocument.parse(noisy)?.cells(class: "cells")).count == 200 * 200)

    // Sides are reduced independently: 450 x 30 becomes 150 x 30.
    let tall = (0..<450).map { i in (0..<30).map { j in Double(i * j) } }
    #expect(try #require(SVGDocument.parse(SVGHeatmap(title: "tall", values: tall).render())?.cells(class: "cells")).count == 150 * 30)
}

// MARK: - Bar chart

@Test func barChartDrawsBarsErrorBarsAndValues() throws {
    let values = [0.812, 0.9312, 0.874, 0.95, 0.5]
    let chart = SVGBarChart(
        title: "Accuracy <mean & std>", categories: ["linear", "rbf", "poly", "ZZ", "projected"], values: values,
        errors: [0.02, 0.011, 0.03, 0.015, 0], yLabel: "accuracy", yRange: 0...1)
    let svg = chart.render()
    let document = try #require(SVGDocument.parse(svg))
    let bars = document.all("rect", class: "bar")
    #expect(bars.count == 5)
    #expect(document.all("path", class: "error-bar").count == 4)  // a zero error draws none
    #expect(document.all("text", class: "value").map(\.text) == ["0.812", "0.931", "0.874", "0.950", "0.500"])
    #expect(document.all("text", class: "category").map(\.text) == ["linear", "rbf", "poly", "ZZ", "projected"])
    #expect(svg.contains("Accuracy &lt;mean &amp; std&gt;"))
    // Heights are proportional to the values over 0...1, on a common baseline.
    let scale = bars[4].number("height") / 0.5
    for (bar, v) in zip(bars, values) {
        #expect(abs(bar.number("height") - v * scale) < 0.02)
        #expect(abs(bar.number("y") + bar.number("height") - (bars[0].number("y") + bars[0].number("height"))) < 0.02)
    }
    // Short names stay level.
    #expect(!document.all("text", class: "category").contains { $0["transform"] != nil })
}

@Test func barChartErrorBarLengthMatchesTheError() throws {
    let svg = SVGBarChart(title: "t", categories: ["a"], values: [0.5], errors: [0.1], yLabel: "y", yRange: 0...1).render()
    let document = try #require(SVGDocument.parse(svg))
    let bar = try #require(document.all("rect", class: "bar").first)
    let d = try #require(document.all("path", class: "error-bar").first?["d"])
    // "Mx yTopVyBottom...": the vertical stroke.
    let head = d.split(separator: "M")[0]
    let numbers = head.split(whereSeparator: { $0 == " " || $0 == "V" }).compactMap { Double($0) }
    let scale = bar.number("height") / 0.5
    #expect(abs((numbers[2] - numbers[1]) - 0.2 * scale) < 0.02)
    #expect(abs((numbers[1] + numbers[2]) / 2 - bar.number("y")) < 0.02)  // centred on the bar's top
}

@Test func barChartHandlesNegativeMissingAndLongInput() throws {
    let long = ["quantum fidelity kernel (ZZ, reps=2)", "projected quantum kernel", "classical RBF", "x"]
    let svg = SVGBarChart(title: "t", categories: long, values: [0.4, -0.2, .nan, 0.1], yLabel: "delta").render()
    let document = try #require(SVGDocument.parse(svg))
    let bars = document.all("rect", class: "bar")
    #expect(bars.count == 3)  // NaN draws no bar
    #expect(document.all("text", class: "value").map(\.text) == ["0.400", "-0.200", "n/a", "0.100"])
    // Bars meet at zero: the positive bar ends where the negative one starts.
    #expect(abs(bars[0].number("y") + bars[0].number("height") - bars[1].number("y")) < 0.02)
    // Long names are set at an angle and all of them start inside the image.
    let names = document.all("text", class: "category")
    #expect(names.count == 4 && names.allSatisfy { $0["transform"]?.hasPrefix("rotate(-40") == true })
    let cosine = cos(40 * Double.pi / 180)
    for name in names { #expect(name.number("x") - SVGCanvas.textWidth(name.text) * cosine >= 0) }
    // The automatic range includes zero and the ends, on nice ticks.
    let ticks = document.all("text").map(\.text)
    #expect(ticks.contains("-0.2") && ticks.contains("0.0") && ticks.contains("0.4"))

    for (categories, values) in [([String](), [Double]()), (["a"], [0]), (["a", "b"], [1]), ([], [1, 2])] {
        let document = try #require(SVGDocument.parse(SVGBarChart(title: "e", categories: categories, values: values, yLabel: "y").render()))
        #expect(document.all("rect", class: "bar").count == values.count)
    }
}

// MARK: - Decision boundary

@Test func marchingSquaresTracesALinearBoundaryExactly() throws {
    // f(x, y) = x - y + 0.013 on a 21 x 21 grid over [-1, 1]^2: linear interpolation along edges is exact.
    let h = 0.1
    let grid = (0...20).map { i in (0...20).map { j in (-1 + h * Double(j)) - (-1 + h * Double(i)) + 0.013 } }
    let lines = ZeroContour.polylines(grid)
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line.count >= 21)
    for p in line {
        let (x, y) = (-1 + h * p.column, -1 + h * p.row)
        #expect(abs(x - y + 0.013) < 1e-12)
    }
    // It crosses the whole square.
    let ys = line.map { -1 + h * $0.row }
    #expect((ys.min() ?? 0) < -0.98 && (ys.max() ?? 0) > 0.98)

    // f = x - y itself is zero at the diagonal nodes: one polyline through them, corner to corner.
    let exact = (0...20).map { i in (0...20).map { j in Double(j - i) / 10 } }
    let diagonal = ZeroContour.polylines(exact)
    #expect(diagonal.count == 1)
    let nodes = (diagonal.first ?? []).map { [$0.column, $0.row] }.sorted { $0.lexicographicallyPrecedes($1) }
    #expect(nodes == (0...20).map { [Double($0), Double($0)] })
}

@Test func marchingSquaresFollowsACircleAndResolvesSaddles() throws {
    let n = 80
    let h = 2.0 / Double(n)
    let grid = (0...n).map { i in (0...n).map { j in pow(-1 + h * Double(j), 2) + pow(-1 + h * Double(i), 2) - 0.25 } }
    let lines = ZeroContour.polylines(grid)
    #expect(lines.count == 1)
    let loop = try #require(lines.first)
    let (first, last) = (try #require(loop.first), try #require(loop.last))
    #expect(first.column == last.column && first.row == last.row)  // closed
    for p in loop {
        // Chords of a circle of radius 0.5 through edge points: within h^2 / (8 r) plus interpolation error.
        #expect(abs(hypot(-1 + h * p.column, -1 + h * p.row) - 0.5) < 2e-3)
    }
    #expect(loop.count > 60)

    // A saddle whose centre (mean 0) counts as positive: the two negative corners are cut off.
    let saddle = ZeroContour.polylines([[1, -1], [-1, 1]])
    let segments = Set(saddle.map { $0.map { [$0.column, $0.row] }.sorted { $0.lexicographicallyPrecedes($1) } })
    #expect(segments == [[[0.5, 0], [1, 0.5]], [[0, 0.5], [0.5, 1]]])
    #expect(ZeroContour.polylines([[1, .nan], [-1, 1]]).isEmpty)  // a non-finite corner skips the cell
    #expect(ZeroContour.polylines([[1, -1]]).isEmpty)
}

@Test func decisionBoundaryDrawsGridBoundaryAndPoints() throws {
    // f(x, y) = x - y over [-2, 2] x [-1, 3], 11 x 9 nodes.
    let (xs, ys) = (-2.0...2.0, -1.0...3.0)
    let grid: [[Double]] = (0..<11).map { i in
        (0..<9).map { j -> Double in
            let (x, y) = (-2 + 0.5 * Double(j), -1 + 0.4 * Double(i))
            return x - y
        }
    }
    let train: [(x: Double, y: Double, label: Int)] = [(1, -0.5, 1), (-1, 2, -1), (0, 0.5, -1), (.nan, 0, 1)]
    let test: [(x: Double, y: Double, label: Int)] = [(1.5, 0, 1), (-1.5, 2.5, -1)]
    let figure = SVGDecisionBoundary(
        title: "SVM & <ZZ>", xRange: xs, yRange: ys, gridValues: grid, points: train, testPoints: test)
    let svg = figure.render()
    let document = try #require(SVGDocument.parse(svg))
    #expect(svg.contains("SVM &amp; &lt;ZZ&gt;"))
    #expect(try #require(document.cells(class: "background")).count == 11 * 9)
    let circles = document.all("circle", class: "train")
    #expect(circles.count == 3)  // the NaN point is skipped
    #expect(document.all("rect", class: "test").count == 2)
    // The smaller label is blue, the larger red.
    #expect(circles.map { $0["fill"] ?? "" } == [SVGPlot.palette[3], SVGPlot.palette[0], SVGPlot.palette[0]])
    #expect(["label -1", "label 1", "test points", "decision = 0"].allSatisfy { name in document.all("text").contains { $0.text == name } })

    // The boundary, mapped back from pixels through the plot box, lies on x = y.
    // The clip rectangle is the plot box: the first rect with a position and no fill.
    let clip = document.elements.first { (e: SVGDocument.Element) -> Bool in e.name == "rect" && e["x"] != nil && e["fill"] == nil }
    let box = try #require(clip)
    let path = try #require(document.all("path", class: "decision-boundary").first?["d"])
    let points = pathPoints(path)
    #expect(points.count >= 2)
    for p in points {
        let x: Double = xs.lowerBound + (p.x - box.number("x")) / box.number("width") * 4
        let y: Double = ys.lowerBound + (1 - (p.y - box.number("y")) / box.number("height")) * 4
        #expect(abs(x - y) < 0.01, "(\(x), \(y))")
    }
    #expect(svg == figure.render())
}

@Test func decisionBoundarySurvivesDegenerateInput() throws {
    let cases: [[[Double]]] = [[], [[]], [[.nan]], [[1]], [[1, -1]], [[0, 0], [0, 0]], [[.infinity, -1], [1, .nan]]]
    for grid in cases {
        for (xs, ys) in [(0.0...1.0, 0.0...1.0), (2.0...2.0, -Double.infinity...1)] {
            let svg = SVGDecisionBoundary(title: "t", xRange: xs, yRange: ys, gridValues: grid, points: [(0.5, 0.5, 0)]).render()
            let document = try #require(SVGDocument.parse(svg), "\(grid)")
            #expect(try #require(document.cells(class: "background")).count == grid.count * (grid.map(\.count).max() ?? 0))
        }
    }
}
