import FoundationEssentials
import QKSupport

extension Dataset {
    /// The dataset as CSV: a header of the feature names then `label`, one row per point, numbers
    /// written with full precision so that reading the file back gives the same doubles.
    public func csv() -> String {
        var lines = [(featureNames + (labels == nil ? [] : ["label"])).joined(separator: ",")]
        lines.reserveCapacity(count + 1)
        for i in 0..<count {
            var row = features.row(i).map { "\($0)" }
            if let labels { row.append(formatLabel(labels[i])) }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv()`` to `path`.
    public func writeCSV(to path: String) throws {
        do {
            try csv().write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write the data set: \(errorText(error))", file: path)
        }
    }
}
