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
    private let file: OutputFile
    private let dataOffset: Int

    /// Opens `path` (overwritten in place, see `OutputFile`) with the header of a
    /// `[rows, columns]` array of `dtype` and sizes it for the data.
    /// - Throws: `InputError` naming the file when it cannot be opened or sized, or is not a
    ///   regular file (rows arrive out of order, so a pipe cannot take them).
    public init(path: String, rows: Int, columns: Int, dtype: NPY.DType) throws {
        precondition(dtype != .int64, "QKSim writes float64 or complex128 only")
        self.path = path
        self.rows = rows
        rowScalars = columns * dtype.scalarsPerElement
        let header = NPY.headerBytes(shape: [rows, columns], dtype: dtype)
        dataOffset = header.count
        file = try OutputFile(path: path, size: dataOffset + rows * rowScalars * 8)
        guard file.isRegular else {
            throw InputError("rows are written in parallel at their offsets, so this must be a regular file", file: path)
        }
        try header.withUnsafeBytes { try file.write($0, at: 0) }
    }

    /// Writes rows `rows` from `scalars` (`rows.count * rowScalars` doubles, row after row).
    public func write(rows range: Range<Int>, from scalars: UnsafePointer<Double>) throws {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) outside 0..<\(rows)")
        let bytes = UnsafeRawBufferPointer(start: scalars, count: range.count * rowScalars * 8)
        try file.write(bytes, at: dataOffset + range.lowerBound * rowScalars * 8)
    }
}
