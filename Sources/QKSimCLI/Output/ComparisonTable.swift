import Learning

/// One line of a comparison: a kernel SVM or another classifier, scored on the same folds.
struct ComparisonRow {
    var name: String
    var foldAccuracies: [Double]
    /// Centered kernel-target alignment (kernels only).
    var alignment: Double?
    var seconds: Double

    init(_ r: KernelComparison.Result) {
        name = r.spec.name
        foldAccuracies = r.foldAccuracies
        alignment = r.alignment
        seconds = r.seconds
    }

    init(_ r: KernelComparison.ClassifierResult) {
        name = r.name
        foldAccuracies = r.foldAccuracies
        alignment = nil
        seconds = r.seconds
    }

    var mean: Double { foldAccuracies.reduce(0, +) / Double(max(foldAccuracies.count, 1)) }

    /// Sample standard deviation over folds.
    var standardDeviation: Double {
        let n = Double(foldAccuracies.count)
        guard n > 1 else { return 0 }
        return (foldAccuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    }
}

/// The text and JSON forms of a comparison.
enum ComparisonTable {
    static func text(_ rows: [ComparisonRow]) -> String {
        let header = ["kernel", "accuracy (mean +- std)", "alignment", "seconds"]
        let cells = rows.map { r in
            [r.name, "\(format(r.mean)) +- \(format(r.standardDeviation))", r.alignment.map(format) ?? "-", format(r.seconds)]
        }
        let widths = header.indices.map { c in ([header[c]] + cells.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                c == 0 ? cell.padded(toLength: widths[c])
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + cells.map(line))
            .joined(separator: "\n")
    }

    static func json(_ rows: [ComparisonRow], folds: Int) -> String {
        JSONText.array(rows.map { r in
            JSONText.object([
                ("kernel", JSONText.string(r.name)), ("folds", "\(folds)"),
                ("accuracy_mean", JSONText.number(r.mean)), ("accuracy_std", JSONText.number(r.standardDeviation)),
                ("fold_accuracies", JSONText.array(r.foldAccuracies.map(JSONText.number))),
                ("alignment", r.alignment.map(JSONText.number) ?? "null"), ("seconds", JSONText.number(r.seconds)),
            ])
        })
    }

    /// Three decimals, trailing zeros kept: `0.950`.
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
