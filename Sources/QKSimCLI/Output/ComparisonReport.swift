#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// `compare --report DIR`: report.md with the comparison table and SVG figures (Gram-matrix
/// heatmaps, accuracy per kernel, and decision boundaries when the data has two features).
struct ComparisonReport {
    var data: Dataset
    /// Every classifier's row, in table order.
    var rows: [ComparisonRow]
    /// The kernel results (Gram matrices, specs for decision boundaries).
    var kernels: [KernelComparison.Result]
    var folds: Int
    var C: Double
    /// Fits the feature preprocessing on raw training features (none: `{ _ in [] }`).
    var fitPreprocessing: (Matrix) throws -> [PreprocessingStep]

    func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var markdown = """
            # Kernel comparison

            \(data.count) points, \(data.features.columns) features, classes \(data.classes.map(formatLabel).joined(separator: ", ")); \
            C-SVM with C = \(C), stratified \(folds)-fold cross-validation (the same folds for every kernel).

            | kernel | accuracy (mean +- std) | folds | centered alignment | seconds |
            |---|---:|---|---:|---:|

            """
        for r in rows {
            markdown += "| \(r.name) | \(ComparisonTable.format(r.mean)) +- \(ComparisonTable.format(r.standardDeviation)) | "
                + r.foldAccuracies.map(ComparisonTable.format).joined(separator: ", ")
                + " | \(r.alignment.map(ComparisonTable.format) ?? "-") | \(ComparisonTable.format(r.seconds)) |\n"
        }
        let bars = SVGBarChart(
            title: "Cross-validated accuracy (\(folds) folds)", categories: rows.map(\.name),
            values: rows.map(\.mean), errors: rows.map(\.standardDeviation), yLabel: "accuracy", yRange: 0...1)
        try bars.write(to: directory + "/accuracy.svg")
        markdown += "\n![accuracy per kernel](accuracy.svg)\n\n## Gram matrices\n\nPoints sorted by class, so a kernel that separates the classes shows blocks.\n\n"

        let labels = try data.requireLabels()
        let order = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        for r in kernels {
            let sorted = order.map { i in order.map { j in r.gram[i, j] } }
            let file = "gram-\(Self.fileName(r.spec.name)).svg"
            try SVGHeatmap(title: "\(r.spec.name) Gram matrix", values: sorted, rowLabel: "point (by class)", columnLabel: "point (by class)")
                .write(to: directory + "/" + file)
            markdown += "![\(r.spec.name) Gram matrix](\(file))\n"
        }

        markdown += try diagnostics()

        if data.features.columns == 2 && data.classes.count == 2 {
            markdown += "\n## Decision boundaries\n\nA C-SVM trained on all points; background: decision value, line: its zero level.\n\n"
            for r in kernels {
                let file = "boundary-\(Self.fileName(r.spec.name)).svg"
                try boundary(for: r.spec).write(to: directory + "/" + file)
                markdown += "![\(r.spec.name) decision boundary](\(file))\n"
            }
        }
        try markdown.write(toFile: directory + "/report.md", atomically: true, encoding: .utf8)
    }

    /// Decision values of an SVM trained on all points, on a 40 x 40 grid over the data's range.
    func boundary(for spec: KernelSpec) throws -> SVGDecisionBoundary {
        let raw = data.features
        let y = try data.requireLabels()
        let steps = try fitPreprocessing(raw)
        let x = try steps.transform(raw)
        let resolved = spec.resolved(for: x)
        let model = try SVC(kernel: resolved.makeSVCKernel(fittedTo: x), C: C).fit(x, y)
        func range(_ column: Int) -> ClosedRange<Double> {
            let values = raw.column(column)
            let lo = values.min()!, hi = values.max()!
            let pad = max((hi - lo) * 0.05, 1e-9)
            return (lo - pad)...(hi + pad)
        }
        let xr = range(0), yr = range(1)
        let n = 40
        var grid: [Double] = []
        for row in 0..<n {
            for col in 0..<n {
                grid.append(xr.lowerBound + (xr.upperBound - xr.lowerBound) * Double(col) / Double(n - 1))
                grid.append(yr.lowerBound + (yr.upperBound - yr.lowerBound) * Double(row) / Double(n - 1))
            }
        }
        let decision = try model.decisionFunction(steps.transform(Matrix(rows: n * n, columns: 2, scalars: grid)))
        let values = (0..<n).map { row in (0..<n).map { col in decision[row * n + col, 0] } }
        let classes = data.classes
        let points = (0..<raw.rows).map { (x: raw[$0, 0], y: raw[$0, 1], label: classes.firstIndex(of: y[$0]) ?? 0) }
        return SVGDecisionBoundary(
            title: "\(spec.name) decision boundary", xRange: xr, yRange: yr, gridValues: values, points: points,
            xLabel: data.featureNames.first ?? "x0", yLabel: data.featureNames.count > 1 ? data.featureNames[1] : "x1")
    }

    /// Spectra, concentration and geometric differences of the Gram matrices on all points.
    func diagnostics() throws -> String {
        var text = """

            ## Kernel diagnostics

            Largest eigenvalues of K / N (how many directions the kernel sees), off-diagonal mean and
            variance (exponential concentration drives both to 0 as qubits grow).

            | kernel | top eigenvalues / N | off-diagonal mean | off-diagonal variance |
            |---|---|---:|---:|

            """
        for r in kernels {
            let n = Double(r.gram.rows)
            let top = try KernelDiagnostics.spectrum(r.gram).prefix(5).map { ComparisonTable.format($0 / n) }
            let (mean, variance) = try KernelDiagnostics.offDiagonalStatistics(r.gram)
            text += "| \(r.spec.name) | \(top.joined(separator: ", ")) | \(ComparisonTable.format(mean)) | \(cFormat("%.3g", variance)) |\n"
        }
        let quantum = kernels.filter(\.spec.isQuantum), classical = kernels.filter { !$0.spec.isQuantum }
        if !quantum.isEmpty && !classical.isEmpty {
            text += """

                Geometric difference g(K_C || K_Q) (Huang et al. 2021, trace-normalised, lambda = 1e-3): near 1, the
                classical kernel can learn whatever the quantum one can on these points; only g ~ sqrt(N) = \(ComparisonTable.format(Double(data.count).squareRoot())) leaves room for an advantage.

                | classical \\ quantum | \(quantum.map(\.spec.name).joined(separator: " | ")) |
                |---|\(quantum.map { _ in "---:|" }.joined())

                """
            for c in classical {
                let g = try quantum.map { q in
                    ComparisonTable.format(try KernelDiagnostics.geometricDifference(classical: c.gram, quantum: q.gram, regularization: 1e-3))
                }
                text += "| \(c.spec.name) | \(g.joined(separator: " | ")) |\n"
            }
        }
        return text + "\n"
    }

    static func fileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }
}
