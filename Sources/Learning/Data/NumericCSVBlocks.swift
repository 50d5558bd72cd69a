import Dispatch
import QKSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading a CSV file in blocks came to.
enum BlockReading {
    /// The data set.
    case read(Dataset)
    /// Text the numeric path does not take: the general parser's (it reports any problem).
    case declined
    /// Not read: not a regular file, unreadable, or changed while read; read it whole instead.
    case unavailable
}

extension Dataset {
    /// ``readCSV(_:labels:minimumClasses:)``'s numeric fast path on a regular file read in
    /// blocks through one small buffer per thread, rather than into memory whole.
    ///
    /// Reading a file into new memory costs its page faults: 3 ms for the 4.5 MB parameter table
    /// of a 10^4-circuit sweep on this machine, against 0.5 ms through a 64 KiB buffer that stays
    /// mapped (and in cache). Rows are parsed as ``parseNumericCSV(bytes:path:labels:minimumClasses:)``
    /// parses them; each block ends at its last line end, and the rest moves to the next.
    static func readNumericCSVInBlocks(
        _ path: String, labels: LabelColumn, minimumClasses: Int, blockSize: Int = 1 << 16
    ) throws -> BlockReading {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unavailable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return .unavailable }
        let size = Int(status.st_size)

        // The header, from the first block; one longer than that is left to the whole-file path.
        var head = [UInt8](repeating: 0, count: min(size, blockSize))
        guard readAt(descriptor, into: &head, count: head.count, offset: 0) else { return .unavailable }
        guard let header = head.withUnsafeBufferPointer({ NumericHeader($0, labels: labels) }) else {
            return head.count < size && !head.contains(where: { $0 == 0x0A || $0 == 0x0D }) ? .unavailable : .declined
        }
        let rowBytes = head.withUnsafeBufferPointer { header.firstRowBytes($0) }

        // Past a megabyte the rows go in pieces (four per core, each starting at a line end), which
        // the cores take as they come free: with halves fixed in advance, a core shared with other
        // work held the other up for a third of the parse.
        var bounds = [header.end]
        let cores = Parallelism.availableCores
        if size - header.end > 1 << 20 && cores > 1 {
            let pieces = 4 * cores
            for k in 1..<pieces {
                let before = header.end + (size - header.end) * k / pieces - 1
                guard before > bounds[bounds.count - 1] else { continue }
                var window = [UInt8](repeating: 0, count: min(blockSize, size - before))
                guard readAt(descriptor, into: &window, count: window.count, offset: before) else { return .unavailable }
                if let b = window.withUnsafeBufferPointer({ NumericRows.chunkBoundary($0) }), before + b > bounds[bounds.count - 1],
                    before + b < size
                {
                    bounds.append(before + b)
                }
            }
        }
        bounds.append(size)
        let chunkBounds = bounds
        var parts = [ChunkReading](repeating: .unavailable, count: bounds.count - 1)
        parts.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            DispatchQueue.concurrentPerform(iterations: slots.count) { c in
                let rows = NumericRows(
                    capacityFor: c == 0 ? size - header.end : chunkBounds[c + 1] - chunkBounds[c], rowBytes: rowBytes,
                    header: header)
                out[c] = parseBlocks(
                    descriptor, from: chunkBounds[c], to: chunkBounds[c + 1], header: header, blockSize: blockSize,
                    appendingTo: rows)
            }
        }
        // Anything unread is read again whole; anything declined goes to the general parser.
        if parts.contains(where: { if case .unavailable = $0 { true } else { false } }) { return .unavailable }
        var rowParts = parts.map { part -> NumericRows? in if case .read(let rows) = part { rows } else { nil } }
        guard let rows = NumericRows.join(&rowParts) else { return .declined }
        return .read(
            try assemble(
                header: header.names, labelIndex: header.labelIndex, rows: rows.count, scalars: rows.scalars,
                labels: rows.labels, path: path, minimumClasses: minimumClasses))
    }

    /// Parses the rows of the file's bytes `from` (a line end) `to` (a line end or the end of the
    /// file) block by block. The buffer always starts at a line end; after each block the part
    /// from its last line end on is moved to the front and the buffer filled up behind it; a row
    /// longer than the buffer doubles it. The last block ends in a NUL, a line end to the parser.
    private static func parseBlocks(
        _ descriptor: Int32, from: Int, to: Int, header: NumericHeader, blockSize: Int,
        appendingTo initial: consuming NumericRows
    ) -> ChunkReading {
        var rows = initial
        // Raw memory rather than an array: the rows are passed on (consumed) block after block,
        // which a closure over the buffer's pointer would not allow without copying them.
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(blockSize, 16) + 1)
        buffer.initialize(repeating: 0)  // read ahead of the data (eight bytes at a time) but never used
        defer { buffer.deallocate() }
        var filled = 0
        var offset = from
        while true {
            let wanted = min(buffer.count - 1 - filled, to - offset)
            let got = readFully(descriptor, buffer.baseAddress! + filled, wanted, offset: offset)
            guard got == wanted else { return .unavailable }  // the file changed under us
            filled += got
            offset += got
            let last = offset == to
            var limit = filled
            if last {
                buffer[filled] = 0
            } else {
                // Up to the last line end, not splitting a "\r\n" (whose "\n" would pass for a
                // line end at the start of the next block and its "\r" end the row before).
                var end = buffer[1..<filled].lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? 0
                if end > 0 && buffer[end] == 0x0A && buffer[end - 1] == 0x0D { end -= 1 }
                guard end > 0 else {  // a row longer than the buffer
                    let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 2 * buffer.count - 1)
                    larger.initialize(repeating: 0)
                    _ = larger.update(fromContentsOf: buffer)
                    buffer.deallocate()
                    buffer = larger
                    continue
                }
                limit = end
            }
            let base = UnsafePointer(buffer.baseAddress!)
            guard
                let next = NumericRows.parse(
                    base, upTo: base + limit, bufferEnd: base + buffer.count, width: header.width,
                    labelIndex: header.labelIndex, appendingTo: consume rows)
            else { return .declined }
            rows = next
            if last { return .read(rows) }
            _ = memmove(buffer.baseAddress!, buffer.baseAddress! + limit, filled - limit)
            filled -= limit
        }
    }

    /// One chunk's rows, or why there are none.
    private enum ChunkReading { case read(NumericRows), declined, unavailable }

    /// Reads `count` bytes at `offset` into the start of `bytes`; whether all of them came.
    private static func readAt(_ descriptor: Int32, into bytes: inout [UInt8], count: Int, offset: Int) -> Bool {
        bytes.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return count == 0 }
            return readFully(descriptor, base, count, offset: offset) == count
        }
    }

    /// `pread` until `count` bytes have come, the file ends or it fails; how many came.
    private static func readFully(_ descriptor: Int32, _ base: UnsafeMutablePointer<UInt8>, _ count: Int, offset: Int)
        -> Int
    {
        var done = 0
        while done < count {
            let n = pread(descriptor, base + done, count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n == 0 || errno != EINTR {
                break
            }
        }
        return done
    }
}
