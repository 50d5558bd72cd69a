import Foundation

/// Writing single-precision complex arrays (`<c8`, numpy's `complex64`): a single-precision
/// statevector leaves the simulator as it is stored, 8 bytes per amplitude, with no conversion.
extension NPY {
    /// Writes interleaved `(re, im)` floats as a `complex64` array of `shape` to `path`.
    public static func writeComplex64(_ scalars: UnsafeBufferPointer<Float>, shape: [Int], to path: String) throws {
        precondition(scalars.count == 2 * shape.reduce(1, *), "shape does not match data")
        guard let file = fopen(path, "wb") else {
            throw InputError("cannot open for writing: \(String(cString: strerror(errno)))", file: path)
        }
        defer { fclose(file) }
        let ok = headerBytes(shape: shape, descr: "<c8").withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
        let okData = scalars.isEmpty || fwrite(scalars.baseAddress, MemoryLayout<Float>.size, scalars.count, file) == scalars.count
        guard ok && okData else { throw InputError("write failed: \(String(cString: strerror(errno)))", file: path) }
    }
}
