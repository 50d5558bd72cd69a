import Learning

/// The text and JSON forms of a kernel comparison.
enum ComparisonTable {
    static func text(_ results: [KernelComparison.Result]) -> String {
        let header = ["kernel", "accuracy (mean +- std)", "alignment", "seconds"]
        let rows = results.map { r in
            [
                r.spec.name, "\(format(r.meanAccuracy)) +- \(format(r.accuracyStandardDeviation))", format(r.alignment),
                format(r.seconds),
            ]
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }

    static func json(_ results: [KernelComparison.Result], folds: Int) -> String {
        JSONText.array(results.map { r in
            JSONText.object([
                ("kernel", JSONText.string(r.spec.name)), ("folds", "\(folds)"),
                ("accuracy_mean", JSONText.number(r.meanAccuracy)), ("accuracy_std", JSONText.number(r.accuracyStandardDeviation)),
                ("fold_accuracies", JSONText.array(r.foldAccuracies.map(JSONText.number))),
                ("alignment", JSONText.number(r.alignment)), ("seconds", JSONText.number(r.seconds)),
            ])
        })
    }

    static func format(_ x: Double) -> String {
        let v = (x * 1000).rounded() / 1000
        var s = "\(v)"
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 3 { s += String(repeating: "0", count: 3 - decimals) }
        } else {
            s += ".000"
        }
        return s
    }
}
