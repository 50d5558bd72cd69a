/// Writing single-precision complex arrays (`<c8`, numpy's `complex64`): a single-precision
/// statevector leaves the simulator as it is stored, 8 bytes per amplitude, with no conversion.
extension NPY {
    /// Writes interleaved `(re, im)` floats as a `complex64` array of `shape` to `path`.
    public static func writeComplex64(_ scalars: UnsafeBufferPointer<Float>, shape: [Int], to path: String) throws {
        precondition(scalars.count == 2 * shape.reduce(1, *), "shape does not match data")
        try writeFile(path, header: headerBytes(shape: shape, descr: "<c8"), dataBytes: scalars.count * MemoryLayout<Float>.size) {
            try $0.append(UnsafeRawBufferPointer(scalars))
        }
    }
}
