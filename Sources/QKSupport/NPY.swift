#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Reading and writing NumPy's `.npy` format (version 1.0/2.0), the array format users already load
/// with `numpy.load`.
///
/// Supported element types: little-endian `float64` (`<f8`) and `complex128` (`<c16`), C order, any
/// shape. That covers what QKSim exchanges: statevectors, probabilities, Gram matrices, data.
public enum NPY {
    /// Element type of an array.
    public enum DType: String, Sendable {
        /// 64-bit IEEE float, `<f8`.
        case float64 = "<f8"
        /// Pair of 64-bit floats (re, im), `<c16`.
        case complex128 = "<c16"
        /// 64-bit signed integer, `<i8`; read only (converted to Double).
        case int64 = "<i8"

        var scalarsPerElement: Int { self == .complex128 ? 2 : 1 }
    }

    /// An array read from a file: its shape, its element type and its scalars, with complex
    /// elements stored as interleaved (re, im) doubles.
    public struct Array: Sendable, Equatable {
        /// The shape, e.g. `[n]` or `[rows, cols]`.
        public var shape: [Int]
        /// The element type.
        public var dtype: DType
        /// The scalars in C order; two per element for `complex128`.
        public var scalars: [Double]

        /// Creates an array; `scalars.count` must match the shape and dtype.
        public init(shape: [Int], dtype: DType, scalars: [Double]) {
            self.shape = shape
            self.dtype = dtype
            self.scalars = scalars
        }

        /// Number of elements.
        public var count: Int { shape.reduce(1, *) }
    }

    /// Writes `scalars` (interleaved re/im for complex) with the given shape to `path`.
    public static func write(_ scalars: UnsafeBufferPointer<Double>, shape: [Int], dtype: DType, to path: String) throws {
        precondition(dtype != .int64, "QKSim writes float64 or complex128 only")
        precondition(scalars.count == shape.reduce(1, *) * dtype.scalarsPerElement, "shape does not match data")
        try writeFile(path, header: headerBytes(shape: shape, dtype: dtype), dataBytes: scalars.count * MemoryLayout<Double>.size) {
            try $0.append(UnsafeRawBufferPointer(scalars))
        }
    }

    /// Writes `header`, then the `dataBytes` bytes that `data` appends, to `path` (overwritten in
    /// place, see `OutputFile`); a write that fails part-way removes the file.
    static func writeFile(_ path: String, header: [UInt8], dataBytes: Int, data: (OutputFile) throws -> Void) throws {
        let file = try OutputFile(path: path, size: header.count + dataBytes)
        do {
            try header.withUnsafeBytes { try file.append($0) }
            try data(file)
        } catch {
            file.remove()
            throw error
        }
    }

    /// Writes an array of `shape` whose scalars are produced in blocks, so that a large output
    /// (the probabilities of a 30-qubit state) never needs a second full-size buffer.
    ///
    /// `fill(offset, block)` must fill `block` with the scalars starting at scalar `offset`.
    public static func write(
        shape: [Int], dtype: DType, to path: String, blockScalars: Int = 1 << 20,
        fill: (_ offset: Int, _ block: UnsafeMutableBufferPointer<Double>) -> Void
    ) throws {
        let total = shape.reduce(1, *) * dtype.scalarsPerElement
        let block = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, min(blockScalars, total)))
        defer { block.deallocate() }
        try writeFile(path, header: headerBytes(shape: shape, dtype: dtype), dataBytes: total * MemoryLayout<Double>.size) { file in
            var offset = 0
            while offset < total {
                let count = min(block.count, total - offset)
                let slice = UnsafeMutableBufferPointer(rebasing: block[..<count])
                fill(offset, slice)
                try file.append(UnsafeRawBufferPointer(slice))
                offset += count
            }
        }
    }

    /// Writes an array to `path`.
    public static func write(_ array: Array, to path: String) throws {
        try array.scalars.withUnsafeBufferPointer { try write($0, shape: array.shape, dtype: array.dtype, to: path) }
    }

    /// Fills `buffer` from the file's bytes at `offset` with `pread`, in two halves on two threads
    /// from 8 MB on: the fresh buffer's page faults, not the copy, were most of reading a 32 MB
    /// Gram matrix (25 ms of a 90 ms `qksim train --kernel precomputed`), and two threads take them
    /// in parallel.
    private static func readData(_ descriptor: Int32, at offset: Int, into buffer: UnsafeMutableBufferPointer<Double>) -> Bool {
        let bytes = UnsafeMutableRawBufferPointer(buffer)
        let parts = bytes.count >= 8 << 20 ? 2 : 1
        let step = (bytes.count / parts + 4095) / 4096 * 4096
        nonisolated(unsafe) var failed = false
        nonisolated(unsafe) let target = bytes
        Parallelism(threads: parts, minimumItems: 2).forEachChunk(count: parts, alignment: 1) { chunk in
            for part in chunk {
                let start = part * step, end = min(bytes.count, start + step)
                var done = start
                while done < end {
                    let n = pread(descriptor, target.baseAddress! + done, end - done, off_t(offset + done))
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 {
                        failed = true
                        break
                    }
                    done += n
                }
            }
        }
        return !failed
    }

    /// Reads the array in `path`, with a clear error for anything QKSim cannot read.
    ///
    /// The data go from the file straight into the result: a 2000 x 2000 Gram matrix is read
    /// into one 32 MB buffer, not through a file image and a copy of it.
    public static func read(_ path: String) throws -> Array {
        let unreadable = InputError("cannot read file (missing or unreadable)", file: path)
        guard let file = fopen(path, "rb") else { throw unreadable }
        defer { fclose(file) }
        var info = stat()
        guard fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw unreadable }
        let size = Int(info.st_size)
        func readBytes(_ count: Int) throws -> [UInt8] {
            try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = count == 0 ? 0 : fread(buffer.baseAddress, 1, count, file)
                if initialized != count { throw unreadable }
            }
        }
        // The preamble (magic, version, header length) is at most 12 bytes, then the header.
        var bytes = try readBytes(min(size, 12))
        let (headerStart, headerLength) = try preamble(bytes, path: path)
        bytes += try readBytes(min(size, headerStart + headerLength) - bytes.count)
        let (shape, dtype) = try header(bytes, headerStart: headerStart, headerLength: headerLength, path: path)
        let count = shape.reduce(1, *) * dtype.scalarsPerElement
        let dataStart = headerStart + headerLength
        guard size - dataStart == count * 8 else {
            throw InputError(
                "not a readable .npy file: expected \(count * 8) data bytes for shape \(shape), found \(size - dataStart)",
                file: path)
        }
        var scalars = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            FreshMemory.prepare(buffer)
            if count > 0 && !readData(fileno(file), at: dataStart, into: buffer) { throw unreadable }
            initialized = count
        }
        if dtype == .int64 {
            scalars.withUnsafeMutableBufferPointer { b in
                for i in b.indices { b[i] = Double(Int64(littleEndian: Int64(bitPattern: b[i].bitPattern))) }
            }
        }
        return Array(shape: shape, dtype: dtype == .int64 ? .float64 : dtype, scalars: scalars)
    }

    package static func headerBytes(shape: [Int], dtype: DType) -> [UInt8] {
        headerBytes(shape: shape, descr: dtype.rawValue)
    }

    /// The header for any numpy `descr` (e.g. `<c8` for the single-precision writer).
    static func headerBytes(shape: [Int], descr: String) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad so that magic (6) + version (2) + length (2) + header is a multiple of 64, ending in \n.
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Swift.Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(dict.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Swift.Array(dict.utf8)
        return bytes
    }

    private static func failure(_ message: String, _ path: String) -> InputError {
        InputError("not a readable .npy file: \(message)", file: path)
    }

    /// Where the header starts and how long it is, from the first (up to) 12 bytes.
    static func preamble(_ bytes: [UInt8], path: String) throws -> (start: Int, length: Int) {
        guard bytes.count >= 10, bytes[0] == 0x93, Swift.Array(bytes[1..<6]) == Swift.Array("NUMPY".utf8) else {
            throw failure("missing the \\x93NUMPY magic", path)
        }
        let major = bytes[6]
        switch major {
        case 1:
            return (10, Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw failure("truncated header", path) }
            return (12, (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) })
        default:
            throw failure("format version \(major) (expected 1, 2 or 3)", path)
        }
    }

    /// The shape and element type from the header dictionary in `bytes` (preamble + header).
    static func header(_ bytes: [UInt8], headerStart: Int, headerLength: Int, path: String) throws -> (shape: [Int], dtype: DType) {
        func fail(_ message: String) -> InputError { failure(message, path) }
        guard bytes.count >= headerStart + headerLength else { throw fail("truncated header") }
        let header = Swift.Array(bytes[headerStart..<headerStart + headerLength])
        guard let descr = value(of: "descr", in: header).map(stripQuotes) else { throw fail("header has no 'descr'") }
        let dtype: DType
        switch descr {
        case "<f8", "|f8", "=f8", "f8": dtype = .float64
        case "<c16", "=c16", "c16": dtype = .complex128
        case "<i8", "=i8", "i8": dtype = .int64
        default: throw fail("element type '\(descr)' (expected float64 '<f8', complex128 '<c16' or int64 '<i8')")
        }
        if value(of: "fortran_order", in: header).map(stripQuotes) == "True" {
            throw fail("Fortran-ordered arrays are not supported (save with numpy.ascontiguousarray)")
        }
        guard let shapeStart = find(Swift.Array("'shape':".utf8), in: header),
            let open = header[shapeStart...].firstIndex(of: UInt8(ascii: "(")),
            let close = header[open...].firstIndex(of: UInt8(ascii: ")"))
        else { throw fail("header has no 'shape'") }
        let shape = try header[(open + 1)..<close].split(separator: UInt8(ascii: ",")).compactMap { part -> Int? in
            let t = stripQuotes(String(decoding: part, as: UTF8.self))
            if t.isEmpty { return nil }
            guard let v = Int(t), v >= 0 else { throw fail("bad shape entry '\(t)'") }
            return v
        }
        return (shape, dtype)
    }

    // Header parsing works on bytes: it is tiny, and this keeps Foundation's string bridging out
    // of a path that tests run concurrently.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i + needle.count
        }
        return nil
    }

    private static func value(of key: String, in header: [UInt8]) -> String? {
        guard let start = find(Swift.Array("'\(key)':".utf8), in: header) else { return nil }
        let end = header[start...].firstIndex(of: UInt8(ascii: ",")) ?? header.count
        return String(decoding: header[start..<end], as: UTF8.self)
    }

    private static func stripQuotes(_ s: String) -> String {
        String(s.filter { $0 != "'" && $0 != "\"" && $0 != " " && $0 != "\n" })
    }
}
