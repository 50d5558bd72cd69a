import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
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
        guard let header = NumericHeader(UnsafeBufferPointer(rebasing: bytes[..<end]), labels: labels) else { return nil }
        let headerEnd = header.end

        // Chunk boundaries are line ends (the first byte of "\r\n"), so no row straddles two.
        var bounds = [headerEnd]
        if end - headerEnd > 1 << 20 && Parallelism.availableCores > 1 {
            let before = headerEnd + (end - headerEnd) / 2 - 1
            if let b = NumericRows.chunkBoundary(UnsafeBufferPointer(rebasing: bytes[before..<end])) {
                bounds.append(before + b)
            }
        }
        bounds.append(end)
        let chunkBounds = bounds
        let byteCount = bytes.count
        let rowBytes = header.firstRowBytes(UnsafeBufferPointer(rebasing: bytes[..<end]))
        var parts = [NumericRows?](repeating: nil, count: bounds.count - 1)
        parts.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            nonisolated(unsafe) let text = base
            DispatchQueue.concurrentPerform(iterations: slots.count) { c in
                let rows = NumericRows(
                    capacityFor: chunkBounds[c + 1] - chunkBounds[c], rowBytes: rowBytes,
                    header: header)
                out[c] = NumericRows.parse(
                    text + chunkBounds[c], upTo: text + chunkBounds[c + 1], bufferEnd: text + byteCount,
                    width: header.width, labelIndex: header.labelIndex, appendingTo: rows)
            }
        }
        guard let rows = NumericRows.join(&parts) else { return nil }
        return try assemble(
            header: header.names, labelIndex: header.labelIndex, rows: rows.count, scalars: rows.scalars,
            labels: rows.labels, path: path, minimumClasses: minimumClasses)
    }
}

/// The header line of a numeric CSV: column names, where the labels are, where the body starts.
struct NumericHeader {
    var names: [String]
    var labelIndex: Int?
    /// The offset of the line end after the header.
    var end: Int
    var width: Int { names.count }

    /// The header at the start of `bytes`, or `nil` where the numeric path leaves the file to the
    /// general parser: a byte-order mark, no line end, text that is not UTF-8 or blank, no feature.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, labels: LabelColumn) {
        guard let first = bytes.first, first != 0xEF, let end = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }),
            let text = String(validating: bytes[..<end], as: UTF8.self)
        else { return nil }
        let line = Substring(text)
        if line.allSatisfy(\.isWhitespace) { return nil }
        names = Dataset.headerNames(line)
        labelIndex = Dataset.labelColumnIndex(names, labels)
        self.end = end
        guard names.count - (labelIndex == nil ? 0 : 1) >= 1 else { return nil }
    }

    /// The length of the first row after the header in `bytes` (which start where the file does),
    /// with its line end, for estimating the row count; at least two bytes per column.
    func firstRowBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = end + 1
        if bytes[end] == 0x0D && i < bytes.count && bytes[i] == 0x0A { i += 1 }
        while i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
        return max(i - end, 2 * width)
    }
}

/// The rows of one stretch of a numeric CSV body.
struct NumericRows {
    var scalars: [Double] = []
    var labels: [Double] = []
    var count = 0

    init() {}

    /// Empty rows with room for about `bytes / rowBytes` rows, so that the arrays are allocated
    /// once: growing them by doubling touches twice the memory, in page faults as much as copies.
    init(capacityFor bytes: Int, rowBytes: Int, header: NumericHeader) {
        let rows = Int(Double(bytes) / Double(max(rowBytes, 1)) * 1.05) + 16
        scalars = Self.emptyArray(capacity: rows * (header.labelIndex == nil ? header.width : header.width - 1))
        if header.labelIndex != nil { labels = Self.emptyArray(capacity: rows) }
    }

    /// An empty array with room for `capacity` values, its memory mapped ahead of the appends.
    private static func emptyArray(capacity: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: capacity) { buffer, count in
            FreshMemory.prepare(buffer)
            count = 0
        }
    }

    /// Where to split a body for two threads, in a window of it that starts one byte before the
    /// nominal split: the offset in `window` of the first line end after its first byte (the
    /// first byte of a "\r\n", which may be that first byte), or `nil` if there is none.
    static func chunkBoundary(_ window: UnsafeBufferPointer<UInt8>) -> Int? {
        guard window.count >= 2, var b = window[1...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        if window[b - 1] == 0x0D && window[b] == 0x0A { b -= 1 }
        return b
    }

    /// The rows of all `parts` in order, or `nil` if any is `nil` or there are none. A single
    /// part is moved out of `parts`; several are copied into new arrays in parallel, one thread per
    /// part (joined by appending, the copy and its page faults had been nearly a quarter of reading a
    /// 10^4 x 60 table, on one thread while the other waited).
    static func join(_ parts: inout [NumericRows?]) -> NumericRows? {
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        if parts.count == 1 {
            let only = parts[0]!
            parts[0] = nil
            return only.count > 0 ? only : nil
        }
        let pieces = parts.map { $0! }
        parts = []
        var result = NumericRows()
        result.count = pieces.reduce(0) { $0 + $1.count }
        guard result.count > 0 else { return nil }
        result.scalars = concatenated(pieces.map(\.scalars))
        result.labels = concatenated(pieces.map(\.labels))
        return result
    }

    /// The arrays one after another, each copied by its own thread.
    private static func concatenated(_ arrays: [[Double]]) -> [Double] {
        var starts = [0]
        for array in arrays { starts.append(starts[starts.count - 1] + array.count) }
        let offsets = starts, total = starts[starts.count - 1]
        guard total > 0 else { return [] }
        return [Double](unsafeUninitializedCapacity: total) { buffer, count in
            FreshMemory.prepare(buffer)
            nonisolated(unsafe) let target = buffer
            DispatchQueue.concurrentPerform(iterations: arrays.count) { i in
                arrays[i].withUnsafeBufferPointer { source in
                    guard let from = source.baseAddress else { return }
                    (target.baseAddress! + offsets[i]).initialize(from: from, count: source.count)
                }
            }
            count = total
        }
    }

    /// `rows` with the rows after the line end at `start` up to the line end at `limit` appended,
    /// or `nil` at anything the numeric fast path does not take. `bufferEnd` bounds what may be
    /// read ahead; the byte at `limit` must be a line end or a NUL. (Appending to a local copy of
    /// a consumed value, rather than to `self` in a mutating method, and taking the width as a
    /// number rather than a header holding an array, are each 10% faster here.)
    static func parse(
        _ start: UnsafePointer<UInt8>, upTo limit: UnsafePointer<UInt8>, bufferEnd: UnsafePointer<UInt8>,
        width: Int, labelIndex: Int?, appendingTo rows: consuming NumericRows
    ) -> NumericRows? {
        let isBlank = { (c: UInt8) in c == 0x20 || c == 0x09 }
        let isLineEnd = { (c: UInt8) in c == 0x0A || c == 0x0D || c == 0 }
        let labelColumn = labelIndex ?? -1
        var result = rows
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
