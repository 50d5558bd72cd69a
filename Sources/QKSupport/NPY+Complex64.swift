import Foundation

/// Writing single-precision complex arrays (`<c8`, numpy's `complex64`): a single-precision
/// statevector leaves the simulator as it is stored, 8 bytes per amplitude, with no conversion.
extension NPY {
    /// The `.npy` header for `descr` (e.g. `<c8`) and `shape`, padded so the data starts on a
    /// 64-byte boundary as numpy writes it.
    static func header(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + dict.utf8.count + 1  // magic 6 + version 2 + length 2, and the final \n
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Swift.Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(dict.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Swift.Array(dict.utf8)
        return bytes
    }

    /// Writes interleaved `(re, im)` floats as a `complex64` array of `shape` to `path`.
    public static func writeComplex64(_ scalars: UnsafeBufferPointer<Float>, shape: [Int], to path: String) throws {
        precondition(scalars.count == 2 * shape.reduce(1, *), "shape does not match data")
        guard let file = fopen(path, "wb") else {
            throw InputError("cannot open for writing: \(String(cString: strerror(errno)))", file: path)
        }
        defer { fclose(file) }
        let ok = header(descr: "<c8", shape: shape).withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
        let okData = scalars.isEmpty || fwrite(scalars.baseAddress, MemoryLayout<Float>.size, scalars.count, file) == scalars.count
        guard ok && okData else { throw InputError("write failed: \(String(cString: strerror(errno)))", file: path) }
    }
}
