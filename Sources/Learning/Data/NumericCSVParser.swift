import Foundation
import LinearAlgebra
import QKSupport

extension Dataset {
    /// The common case of ``parseCSV(_:path:labels:minimumClasses:)`` read byte by byte: a header on
    /// the first line, then rows of plain numbers (`strtod` syntax, spaces or tabs around them) with
    /// `\n`, `\r\n` or `\r` line ends, converted by `DecimalParser` (exact; `strtod` where it
    /// declines). Returns `nil` at anything else (quotes, a byte-order mark, other whitespace, a
    /// ragged row, a cell that is not a finite number, a header that leaves no feature), so that the
    /// general parser handles the file and reports the problem with its line and column; files this
    /// path accepts give the general parser's result.
    ///
    /// The general parser walks Unicode characters and trims every cell through Foundation, which
    /// for a 5000 x 20 file costs more than fitting an SVM to it.
    static func parseNumericCSV(_ text: String, path: String?, labels: LabelColumn, minimumClasses: Int) throws
        -> Dataset?
    {
        var text = text
        text.makeContiguousUTF8()
        guard let first = text.utf8.first, first != 0xEF else { return nil }
        guard let headerEnd = text.utf8.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        let headerLine = text[text.startIndex..<headerEnd]
        if headerLine.allSatisfy(\.isWhitespace) { return nil }
        let header = headerNames(headerLine)
        let width = header.count
        let labelIndex = labelColumnIndex(header, labels)
        guard width - (labelIndex == nil ? 0 : 1) >= 1 else { return nil }
        let bodyStart = text.utf8.distance(from: text.utf8.startIndex, to: headerEnd)

        var scalars: [Double] = []
        var labelValues: [Double] = []
        var rows = 0
        // `withCString` hands out the string's own NUL-terminated storage, so `strtod` stops at the
        // end of the text at the latest.
        let accepted = text.withCString { base -> Bool in
            let isBlank = { (c: CChar) in c == 0x20 || c == 0x09 }
            let isLineEnd = { (c: CChar) in c == 0x0A || c == 0x0D || c == 0 }
            var p = base + bodyStart
            while p.pointee != 0 {
                // p is at a line end: step over it ("\r\n" is one).
                if p.pointee == 0x0D && (p + 1).pointee == 0x0A { p += 2 } else { p += 1 }
                var q = p
                while isBlank(q.pointee) { q += 1 }
                if isLineEnd(q.pointee) {  // a blank line
                    p = q
                    continue
                }
                for c in 0..<width {
                    while isBlank(q.pointee) { q += 1 }
                    // strtod would skip line ends as whitespace and read NaN/infinity words.
                    let lead = q.pointee
                    guard (lead >= 0x30 && lead <= 0x39) || lead == 0x2B || lead == 0x2D || lead == 0x2E else { return false }
                    let value: Double
                    if let (fast, end) = DecimalParser.parse(UnsafeRawPointer(q).assumingMemoryBound(to: UInt8.self)) {
                        value = fast
                        q = UnsafeRawPointer(end).assumingMemoryBound(to: CChar.self)
                    } else {
                        var end: UnsafeMutablePointer<CChar>? = nil
                        value = strtod(q, &end)
                        guard let end, end > q, value.isFinite else { return false }
                        q = UnsafePointer(end)
                    }
                    while isBlank(q.pointee) { q += 1 }
                    if c < width - 1 {
                        guard q.pointee == 0x2C else { return false }
                        q += 1
                    } else {
                        guard isLineEnd(q.pointee) else { return false }
                    }
                    if c == labelIndex { labelValues.append(value) } else { scalars.append(value) }
                }
                rows += 1
                p = q
            }
            return true
        }
        guard accepted, rows > 0 else { return nil }
        let names = header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        let dataset = Dataset(
            features: Matrix(rows: rows, columns: names.count, scalars: scalars),
            labels: labelIndex == nil ? nil : labelValues, featureNames: names, source: path)
        if labelIndex != nil && minimumClasses > 1 { try dataset.requireClasses(atLeast: minimumClasses) }
        return dataset
    }
}
