import FoundationEssentials
import QKSupport

/// `--history loss.csv`: the loss per optimizer iteration as CSV, and its curve as SVG beside it.
enum LossHistory {
    static func write(_ losses: [Double], csv path: String) throws {
        let text = "iteration,loss\n" + losses.enumerated().map { "\($0.offset + 1),\($0.element)" }.joined(separator: "\n") + "\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write the loss history: \(errorText(error))", file: path)
        }
        var plot = SVGPlot(title: "Training loss", xLabel: "iteration", yLabel: "loss")
        plot.add(SVGPlot.Series(name: "loss", points: losses.enumerated().map { (Double($0.offset + 1), $0.element) }))
        let svg = PathText.deletingExtension(of: path) + ".svg"
        try plot.write(to: svg)
    }
}
