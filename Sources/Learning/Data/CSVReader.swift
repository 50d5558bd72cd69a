import FoundationEssentials
import LinearAlgebra
import QKSupport

/// Which column of a data file holds the labels.
public enum LabelColumn: Sendable, Equatable {
    /// The column named `label` (in any case), else the last one.
    case automatic
    /// The column named `label` if there is one, else none (data to predict).
    case ifNamed
    /// No labels: every column is a feature.
    case none
}

extension Dataset {
    /// Reads a CSV file with a header row.
    ///
    /// Every cell must be a finite number. The label column is chosen by `labels`; at least
    /// `minimumClasses` distinct labels are required (2 for training). Errors name the file, line
    /// and column of the first problem: a ragged row, a non-numeric cell, NaN or infinity, an empty
    /// file, too few classes.
    public static func readCSV(_ path: String, labels: LabelColumn = .automatic, minimumClasses: Int = 1) throws
        -> Dataset
    {
        // The numeric fast path reads the bytes as they are, in blocks; a file it declines is
        // read whole (NUL-terminated) and, unless that path takes it, decoded into a String for
        // the general parser, whose errors have line and column.
        let blocks = try readNumericCSVInBlocks(path, labels: labels, minimumClasses: minimumClasses)
        if case .read(let numeric) = blocks { return numeric }
        let bytes = try FileBytes.readNULTerminated(path)
        if case .unavailable = blocks,
            let numeric = try bytes.withUnsafeBufferPointer({
                try parseNumericCSV(bytes: $0, path: path, labels: labels, minimumClasses: minimumClasses)
            })
        {
            return numeric
        }
        guard let text = String(validating: bytes.dropLast(), as: UTF8.self) else {
            throw InputError("the file is not UTF-8 text", file: path)
        }
        return try parseGeneralCSV(text, path: path, labels: labels, minimumClasses: minimumClasses)
    }

    /// Parses CSV text (see ``readCSV(_:labels:minimumClasses:)``); `path` is used in messages.
    public static func parseCSV(_ text: String, path: String?, labels: LabelColumn = .automatic, minimumClasses: Int = 1)
        throws -> Dataset
    {
        if let dataset = try parseNumericCSV(text, path: path, labels: labels, minimumClasses: minimumClasses) {
            return dataset
        }
        return try parseGeneralCSV(text, path: path, labels: labels, minimumClasses: minimumClasses)
    }

    /// Any CSV the numeric fast path declines: Unicode-aware, with errors naming line and column.
    static func parseGeneralCSV(_ text: String, path: String?, labels: LabelColumn, minimumClasses: Int) throws -> Dataset {
        // Split on any line break; "\r\n" is a single Character in Swift, so it splits once.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let headerIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw InputError("the file is empty; expected a header row, then one row per data point", file: path)
        }
        let header = headerNames(lines[headerIndex])
        let width = header.count
        let labelIndex = labelColumnIndex(header, labels)
        guard width - (labelIndex == nil ? 0 : 1) >= 1 else {
            throw InputError(
                "the header has \(width) column(s) but a label column and at least one feature are needed",
                file: path, line: headerIndex + 1, column: 1)
        }

        var scalars: [Double] = []
        var labelValues: [Double] = []
        var rows = 0
        for lineIndex in (headerIndex + 1)..<lines.count {
            let line = lines[lineIndex]
            if line.allSatisfy(\.isWhitespace) { continue }
            let cells = fields(of: line)
            guard cells.count == width else {
                let column = cells.count > width ? cells[width].column : line.count + 1
                throw InputError(
                    "this row has \(cells.count) fields but the header has \(width); every row needs one value per column",
                    file: path, line: lineIndex + 1, column: column)
            }
            for (c, cell) in cells.enumerated() {
                let trimmed = cell.text.trimmingWhitespaces()
                guard let value = Double(trimmed) else {
                    throw InputError(
                        "'\(trimmed)' in column '\(header[c])' is not a number", file: path, line: lineIndex + 1,
                        column: cell.column)
                }
                guard value.isFinite else {
                    throw InputError(
                        "'\(trimmed)' in column '\(header[c])' is not a finite number (NaN and infinity are not allowed)",
                        file: path, line: lineIndex + 1, column: cell.column)
                }
                if c == labelIndex { labelValues.append(value) } else { scalars.append(value) }
            }
            rows += 1
        }
        guard rows > 0 else {
            throw InputError("the file has a header but no data rows", file: path, line: headerIndex + 1)
        }
        return try assemble(
            header: header, labelIndex: labelIndex, rows: rows, scalars: scalars, labels: labelValues, path: path,
            minimumClasses: minimumClasses)
    }

    /// The data set of parsed rows (features row-major, the label column left out of them), with
    /// the class check training needs. Both CSV parsers end here.
    static func assemble(
        header: [String], labelIndex: Int?, rows: Int, scalars: [Double], labels: [Double], path: String?,
        minimumClasses: Int
    ) throws -> Dataset {
        let names = header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        let dataset = Dataset(
            features: Matrix(rows: rows, columns: names.count, scalars: scalars),
            labels: labelIndex == nil ? nil : labels, featureNames: names, source: path)
        if labelIndex != nil && minimumClasses > 1 { try dataset.requireClasses(atLeast: minimumClasses) }
        return dataset
    }

    /// The column names of a header line, trimmed of spaces and quotes.
    static func headerNames(_ line: Substring) -> [String] {
        fields(of: line).map { cell in
            cell.text.trimmingWhitespaces().trimmingScalars { $0 == "\"" }
        }
    }

    /// Which of the `header` columns holds the labels.
    static func labelColumnIndex(_ header: [String], _ labels: LabelColumn) -> Int? {
        switch labels {
        case .automatic: return header.firstIndex { $0.lowercased() == "label" } ?? header.count - 1
        case .ifNamed: return header.firstIndex { $0.lowercased() == "label" }
        case .none: return nil
        }
    }

    /// The comma-separated fields of a line with their 1-based starting columns.
    private static func fields(of line: Substring) -> [(text: Substring, column: Int)] {
        var result: [(Substring, Int)] = []
        var start = line.startIndex
        var column = 1
        var index = line.startIndex
        var offset = 1
        while index < line.endIndex {
            if line[index] == "," {
                result.append((line[start..<index], column))
                start = line.index(after: index)
                column = offset + 1
            }
            index = line.index(after: index)
            offset += 1
        }
        result.append((line[start..<line.endIndex], column))
        return result
    }
}
