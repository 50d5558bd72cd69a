/// Writing single-precision complex arrays (`<c8`, numpy's `complex64`): a single-precision
/// statevector leaves the simulator as it is stored, 8 bytes per amplitude, with no conversion.
extension NPY {
    /// Writes interleaved `(re, im)` floats as a `complex64` array of `shape` to `path`.
    public static func writeComplex64(_ scalars: UnsafeBufferPointer<Float>, shape: [Int], to path: String) throws {
        precondition(scalars.count == 2 * shape.reduce(1, *), "shape does not match data")
        let header = headerBytes(shape: shape, descr: "<c8")
        let file = try OutputFile(path: path, size: header.count + scalars.count * MemoryLayout<Float>.size)
        do {
            try header.withUnsafeBytes { try file.append($0) }
            try file.append(UnsafeRawBufferPointer(scalars))
        } catch {
            file.remove()
            throw error
        }
    }
}
