import Foundation
import QKSupport
import Testing

@Suite struct NPYTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qksim-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    @Test func roundTripsFloatAndComplexArrays() throws {
        let matrix = NPY.Array(shape: [2, 3], dtype: .float64, scalars: [1, 2, 3, 4, 5, -6.5])
        let vector = NPY.Array(shape: [4], dtype: .complex128, scalars: [1, 0, 0, 1, -1, 0.5, 0, -0.25])
        for (array, name) in [(matrix, "m.npy"), (vector, "v.npy")] {
            let path = temporaryPath(name)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try NPY.write(array, to: path)
            #expect(try NPY.read(path) == array)
            // numpy requires the header (with magic and length) to end on a 64-byte boundary.
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
            #expect(bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
        }
    }

    @Test func headerMatchesNumpyByteForByte() {
        // What numpy 2.x writes for np.save(f, np.zeros(3)), header part.
        let expected = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
        let header = String(decoding: NPY.headerBytes(shape: [3], dtype: .float64)[10...], as: UTF8.self)
        #expect(header.hasPrefix(expected))
        #expect(header.hasSuffix(" \n"))
    }

    @Test func rejectsWhatItCannotRead() throws {
        let path = temporaryPath("bad.npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not numpy".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try NPY.read(path) }
        #expect(throws: InputError.self) { try NPY.read(temporaryPath("missing.npy")) }
        var bytes = NPY.headerBytes(shape: [2], dtype: .float64)
        bytes += [UInt8](repeating: 0, count: 8)  // one double short
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try NPY.read(path)
            Issue.record("a truncated file must be rejected")
        } catch let e as InputError {
            #expect(e.description.contains("expected 16 data bytes"))
            #expect(e.file == path)
        }
    }
}
