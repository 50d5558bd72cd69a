import FoundationEssentials
import LinearAlgebra
import QKSupport

extension Dataset {
    /// Reads LIBSVM's sparse text format: one point per line, `label index:value index:value ...`,
    /// indices 1-based and ascending, absent features 0. The dimension is `featureCount` if given
    /// (e.g. that of the training file, when reading test data), else the largest index present.
    /// Errors name the line and column.
    public static func readLIBSVM(_ path: String, featureCount: Int? = nil, minimumClasses: Int = 1) throws -> Dataset {
        let bytes = try FileBytes.readNULTerminated(path)
        // A UTF-8 byte-order mark is not part of the first label.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let text = String(validating: bytes[start..<(bytes.count - 1)], as: UTF8.self) else {
            throw InputError("the file is not UTF-8 text", file: path)
        }
        return try parseLIBSVM(text, path: path, featureCount: featureCount, minimumClasses: minimumClasses)
    }

    /// Parses LIBSVM-format text (see ``readLIBSVM(_:featureCount:minimumClasses:)``).
    public static func parseLIBSVM(_ text: String, path: String?, featureCount: Int? = nil, minimumClasses: Int = 1)
        throws -> Dataset
    {
        var labels: [Double] = []
        var entries: [[(Int, Double)]] = []
        var dimension = featureCount ?? 0
        for (lineIndex, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = line.firstIndex(of: "#").map { line[..<$0] } ?? line  // trailing comment
            let tokens = tokens(of: content)
            guard let (labelText, labelColumn) = tokens.first else { continue }
            func fail(_ message: String, _ column: Int) -> InputError {
                InputError(message, file: path, line: lineIndex + 1, column: column)
            }
            guard let label = Double(labelText), label.isFinite else {
                throw fail("the label '\(labelText)' is not a finite number", labelColumn)
            }
            var point: [(Int, Double)] = []
            var previous = 0
            for (token, column) in tokens.dropFirst() {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw fail("expected index:value, found '\(token)'", column) }
                guard let index = Int(parts[0]), index >= 1 else {
                    throw fail("the feature index '\(parts[0])' must be a whole number from 1", column)
                }
                guard index > previous else {
                    throw fail("feature index \(index) does not follow \(previous); indices must ascend", column)
                }
                if let featureCount, index > featureCount {
                    throw fail("feature index \(index) exceeds the \(featureCount) features expected", column)
                }
                guard let value = Double(parts[1]) else {
                    throw fail("the value '\(parts[1])' of feature \(index) is not a number", column + parts[0].count + 1)
                }
                guard value.isFinite else {
                    throw fail("the value of feature \(index) is \(parts[1]); NaN and infinity are not allowed", column + parts[0].count + 1)
                }
                point.append((index, value))
                previous = index
                dimension = max(dimension, index)
            }
            labels.append(label)
            entries.append(point)
        }
        guard !labels.isEmpty else {
            throw InputError("the file has no data lines; expected 'label index:value ...' per point", file: path)
        }
        var features = Matrix(rows: labels.count, columns: dimension)
        for (r, point) in entries.enumerated() {
            for (index, value) in point { features[r, index - 1] = value }
        }
        let dataset = Dataset(features: features, labels: labels, source: path)
        if minimumClasses > 1 { try dataset.requireClasses(atLeast: minimumClasses) }
        return dataset
    }

    /// Whitespace-separated tokens with their 1-based columns.
    private static func tokens(of line: Substring) -> [(Substring, Int)] {
        var result: [(Substring, Int)] = []
        var start: Substring.Index?
        var startColumn = 0
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            column += 1
            if line[index] == " " || line[index] == "\t" {
                if let s = start { result.append((line[s..<index], startColumn)) }
                start = nil
            } else if start == nil {
                start = index
                startColumn = column
            }
            index = line.index(after: index)
        }
        if let s = start { result.append((line[s..<line.endIndex], startColumn)) }
        return result
    }
}
