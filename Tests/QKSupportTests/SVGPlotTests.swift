import Foundation
import QKSupport
import Testing

@Test func svgPlotDrawsSeriesLegendAndLogTicks() {
    var plot = SVGPlot(title: "Error <vs> N", xLabel: "N - 1", yLabel: "error", xScale: .logarithmic, yScale: .logarithmic)
    plot.add(SVGPlot.Series(name: "trapezoid", points: [(4, 1e-3), (8, 2.5e-4), (16, 6.25e-5)]))
    plot.add(SVGPlot.Series(name: "reference", points: [(4, 1e-3), (16, 6.25e-5)], style: .line, dashed: true))
    let svg = plot.render()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains("Error &lt;vs&gt; N"))  // escaped
    #expect(svg.contains(">trapezoid</text>") && svg.contains(">reference</text>"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.contains("stroke-dasharray"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3 + 1)  // three markers and the legend's
    // The y data span 1.2 decades: decade ticks 10^-4 and 10^-3, and labels at 2 and 5 times them.
    #expect(svg.contains("10<tspan dy=\"-6\" font-size=\"10\">\u{2212}4</tspan>"))
    #expect(svg.contains("5\u{00D7}10<tspan"))
    // Deterministic: the same plot renders the same bytes.
    #expect(svg == plot.render())
}

@Test func svgPlotSkipsPointsThatALogAxisCannotShow() {
    var plot = SVGPlot(title: "t", xLabel: "x", yLabel: "y", xScale: .linear, yScale: .logarithmic)
    plot.add(SVGPlot.Series(name: "s", points: [(1, 1e-2), (2, 0), (3, 1e-4), (4, .nan), (5, 1e-5), (6, 1e-6)], style: .line))
    let svg = plot.render()
    // The zero and the NaN break the line into [1], [3], [5, 6]: only the last run has two points.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
}

@Test func svgPlotLinearAxesGetNiceTicks() {
    var plot = SVGPlot(title: "t", xLabel: "x", yLabel: "y")
    plot.add(SVGPlot.Series(name: "", points: [(0, 0), (10, 0.7)], style: .scatter))
    let svg = plot.render()
    for label in [">0</text>", ">2</text>", ">10</text>", ">0.0</text>", ">0.2</text>", ">0.8</text>"] {
        #expect(svg.contains(label), "\(label)")
    }
    #expect(!svg.contains("<polyline"))
    // An unnamed series has no legend box.
    #expect(!svg.contains("fill-opacity=\"0.9\""))
}
