import Dispatch
import Foundation
import LinearAlgebra
import QKSupport

extension Dataset {
    /// The common case of ``parseCSV(_:path:labels:minimumClasses:)`` on the text's bytes; see
    /// ``parseNumericCSV(bytes:path:labels:minimumClasses:)``.
    static func parseNumericCSV(_ text: String, path: String?, labels: LabelColumn, minimumClasses: Int) throws
        -> Dataset?
    {
        let bytes = Array(text.utf8) + [0]
        return try bytes.withUnsafeBufferPointer {
            try parseNumericCSV(bytes: $0, path: path, labels: labels, minimumClasses: minimumClasses)
        }
    }

    /// The common case of a CSV file read byte by byte: a header on the first line, then rows of
    /// plain numbers (`strtod` syntax, spaces or tabs around them) with `\n`, `\r\n` or `\r` line
    /// ends, converted by `DecimalParser` (exact; `strtod` where it declines). `bytes` must end in a
    /// NUL. Returns `nil` at anything else (quotes, a byte-order mark, other whitespace, a ragged
    /// row, a cell that is not a finite number, a header that leaves no feature or is not UTF-8), so
    /// that the general parser handles the file and reports the problem with its line and column;
    /// files this path accepts give the general parser's result.
    ///
    /// The general parser walks Unicode characters and trims every cell through Foundation, which
    /// for a 5000 x 20 file costs more than fitting an SVM to it. Files above 1 MB are read in two
    /// halves, split at a line end, on two threads.
    static func parseNumericCSV(bytes: UnsafeBufferPointer<UInt8>, path: String?, labels: LabelColumn, minimumClasses: Int)
        throws -> Dataset?
    {
        guard let base = bytes.baseAddress, bytes.count >= 2, bytes[bytes.count - 1] == 0 else { return nil }
        let end = bytes.count - 1  // the NUL
        guard bytes[0] != 0xEF, let headerEnd = bytes[..<end].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
            return nil
        }
        guard let headerText = String(validating: bytes[..<headerEnd], as: UTF8.self) else { return nil }
        let headerLine = Substring(headerText)
        if headerLine.allSatisfy(\.isWhitespace) { return nil }
        let header = headerNames(headerLine)
        let width = header.count
        let labelIndex = labelColumnIndex(header, labels)
        guard width - (labelIndex == nil ? 0 : 1) >= 1 else { return nil }

        // Chunk boundaries are line ends (the first byte of "\r\n"), so no row straddles two.
        var bounds = [headerEnd]
        let chunks = end - headerEnd > 1 << 20 && Parallelism.availableCores > 1 ? 2 : 1
        for c in 1..<chunks {
            var b = headerEnd + (end - headerEnd) * c / chunks
            while b < end && bytes[b] != 0x0A && bytes[b] != 0x0D { b += 1 }
            if b > bounds[bounds.count - 1] && bytes[b - 1] == 0x0D && b < end && bytes[b] == 0x0A { b -= 1 }
            if b > bounds[bounds.count - 1] && b < end { bounds.append(b) }
        }
        bounds.append(end)
        let chunkBounds = bounds
        let byteCount = bytes.count
        // Rows per chunk, estimated from the first row's length, so that the arrays are allocated
        // once: growing them by doubling touches twice the memory, in page faults as much as copies.
        var firstRowEnd = headerEnd + (bytes[headerEnd] == 0x0D && bytes[headerEnd + 1] == 0x0A ? 2 : 1)
        while firstRowEnd < end && bytes[firstRowEnd] != 0x0A && bytes[firstRowEnd] != 0x0D { firstRowEnd += 1 }
        let rowBytes = Double(max(firstRowEnd - headerEnd, 2 * width))
        let capacities = (0..<(bounds.count - 1)).map { c in
            // The first chunk's arrays receive the others' rows when they are joined.
            let chunkBytes = c == 0 ? end - headerEnd : bounds[c + 1] - bounds[c]
            return Int(Double(chunkBytes) / rowBytes * 1.05) + 16
        }
        var parts = [NumericRows?](repeating: nil, count: bounds.count - 1)
        parts.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            nonisolated(unsafe) let text = base
            DispatchQueue.concurrentPerform(iterations: slots.count) { c in
                out[c] = NumericRows.parse(
                    text + chunkBounds[c], upTo: text + chunkBounds[c + 1], bufferEnd: text + byteCount, width: width,
                    labelIndex: labelIndex, expectedRows: capacities[c])
            }
        }
        guard parts.allSatisfy({ $0 != nil }), var first = parts[0] else { return nil }
        // Moved out of `parts` so that appending to them does not copy them first.
        parts[0] = nil
        var scalars = first.scalars
        var labelValues = first.labels
        var rows = first.count
        first = NumericRows()
        for case let part? in parts {
            scalars += part.scalars
            labelValues += part.labels
            rows += part.count
        }
        guard rows > 0 else { return nil }
        return try assemble(
            header: header, labelIndex: labelIndex, rows: rows, scalars: scalars, labels: labelValues, path: path,
            minimumClasses: minimumClasses)
    }
}

/// The rows of one stretch of a numeric CSV body.
private struct NumericRows {
    var scalars: [Double] = []
    var labels: [Double] = []
    var count = 0

    /// Parses the rows after the line end at `start` up to the line end at `limit`; `nil` at
    /// anything the numeric fast path does not take. `bufferEnd` bounds what may be read ahead.
    static func parse(
        _ start: UnsafePointer<UInt8>, upTo limit: UnsafePointer<UInt8>, bufferEnd: UnsafePointer<UInt8>, width: Int,
        labelIndex: Int?, expectedRows: Int
    ) -> NumericRows? {
        let isBlank = { (c: UInt8) in c == 0x20 || c == 0x09 }
        let isLineEnd = { (c: UInt8) in c == 0x0A || c == 0x0D || c == 0 }
        let labelColumn = labelIndex ?? -1
        var result = NumericRows()
        result.scalars.reserveCapacity(expectedRows * (labelIndex == nil ? width : width - 1))
        if labelIndex != nil { result.labels.reserveCapacity(expectedRows) }
        var p = start
        while p < limit {
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
                guard (lead >= 0x30 && lead <= 0x39) || lead == 0x2B || lead == 0x2D || lead == 0x2E else { return nil }
                let value: Double
                if let (fast, end) = DecimalParser.parse(q, limit: bufferEnd) {
                    value = fast
                    q = end
                } else {
                    var end: UnsafeMutablePointer<CChar>? = nil
                    value = UnsafeRawPointer(q).withMemoryRebound(to: CChar.self, capacity: 1) { strtod($0, &end) }
                    guard let end, UnsafeRawPointer(end) > UnsafeRawPointer(q), value.isFinite else { return nil }
                    q = UnsafeRawPointer(end).assumingMemoryBound(to: UInt8.self)
                }
                while isBlank(q.pointee) { q += 1 }
                if c < width - 1 {
                    guard q.pointee == 0x2C else { return nil }
                    q += 1
                } else {
                    guard isLineEnd(q.pointee) else { return nil }
                }
                if c == labelColumn { result.labels.append(value) } else { result.scalars.append(value) }
            }
            result.count += 1
            p = q
        }
        return result
    }
}
