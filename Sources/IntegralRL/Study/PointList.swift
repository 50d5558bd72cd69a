import QKSupport

/// Node counts given on the command line: a list `5,8,10` or an inclusive range `5...15`
/// (optionally with a step, `5...30:5`).
public enum PointList {
    /// The counts in `text`, each at least `minimum`, or an ``InputError`` naming the option, the
    /// offending piece and its column.
    public static func parse(_ text: String, option: String = "--points", minimum: Int = 2, maximum: Int = 400)
        throws -> [Int]
    {
        func fail(_ message: String, at column: Int? = nil) -> InputError {
            InputError("\(option) '\(text)': \(message)", line: column == nil ? nil : 1, column: column)
        }
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { throw fail("expected a list like 5,8,10 or a range like 5...15") }
        if let range = trimmed.range(of: "...") {
            let lowerText = String(trimmed[..<range.lowerBound])
            var upperText = String(trimmed[range.upperBound...])
            var step = 1
            if let colon = upperText.firstIndex(of: ":") {
                let stepText = String(upperText[upperText.index(after: colon)...])
                guard let s = Int(stepText.trimmingWhitespace), s >= 1 else {
                    throw fail("the step '\(stepText)' is not a positive integer")
                }
                step = s
                upperText = String(upperText[..<colon])
            }
            guard let lower = Int(lowerText.trimmingWhitespace) else {
                throw fail("'\(lowerText)' is not an integer", at: 1)
            }
            guard let upper = Int(upperText.trimmingWhitespace) else {
                throw fail("'\(upperText)' is not an integer", at: lowerText.count + 4)
            }
            guard lower <= upper else { throw fail("the range is empty (\(lower) > \(upper))") }
            try check(lower, minimum: minimum, maximum: maximum, fail)
            try check(upper, minimum: minimum, maximum: maximum, fail)
            return Array(stride(from: lower, through: upper, by: step))
        }
        var values: [Int] = []
        var column = 1
        for piece in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int(String(piece).trimmingWhitespace) else {
                throw fail("'\(piece)' is not an integer", at: column)
            }
            try check(value, minimum: minimum, maximum: maximum, fail)
            values.append(value)
            column += piece.count + 1
        }
        return values
    }

    private static func check(_ value: Int, minimum: Int, maximum: Int, _ fail: (String, Int?) -> InputError) throws {
        guard value >= minimum && value <= maximum else {
            throw fail("\(value) is out of range; node counts must be between \(minimum) and \(maximum)", nil)
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    fileprivate func range(of needle: String) -> Range<String.Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
