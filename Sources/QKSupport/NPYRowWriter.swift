#if canImport(Glibc)
import Glibc
#endif

/// A 2-D `.npy` file written in blocks of rows, each at its own offset, from any thread.
///
/// Producers that compute rows in parallel (a sweep over 10^4 circuits) hand each finished block
/// straight to the file instead of filling an output array first: the array's pages would each
/// cost a page fault and a zeroing before the file write copied them again (at 8 qubits that was
/// a fifth of the process's CPU time).
public final class NPYRowWriter: @unchecked Sendable {
    /// The file being written.
    public let path: String
    /// Rows in the file.
    public let rows: Int
    /// Doubles per row (two per element for complex128).
    public let rowScalars: Int
    private let descriptor: Int32
    private let dataOffset: Int

    /// Creates (or truncates) `path` with the header of a `[rows, columns]` array of `dtype` and
    /// sizes it for the data.
    public init(path: String, rows: Int, columns: Int, dtype: NPY.DType) throws {
        precondition(dtype != .int64, "QKSim writes float64 or complex128 only")
        self.path = path
        self.rows = rows
        rowScalars = columns * dtype.scalarsPerElement
        let header = NPY.headerBytes(shape: [rows, columns], dtype: dtype)
        dataOffset = header.count
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw InputError("cannot open for writing: \(String(cString: strerror(errno)))", file: path) }
        do {
            try header.withUnsafeBytes { try write($0, at: 0) }
            guard ftruncate(descriptor, off_t(dataOffset + rows * rowScalars * 8)) == 0 else { throw failure() }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Writes rows `rows` from `scalars` (`rows.count * rowScalars` doubles, row after row).
    public func write(rows range: Range<Int>, from scalars: UnsafePointer<Double>) throws {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) outside 0..<\(rows)")
        let bytes = UnsafeRawBufferPointer(start: scalars, count: range.count * rowScalars * 8)
        try write(bytes, at: dataOffset + range.lowerBound * rowScalars * 8)
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failure() }
            done += n
        }
    }

    private func failure() -> InputError { InputError("write failed: \(String(cString: strerror(errno)))", file: path) }
}
