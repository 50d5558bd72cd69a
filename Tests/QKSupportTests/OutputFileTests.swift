import Foundation
import QKSupport
import Testing

/// `OutputFile` and the writers on it: an existing file overwritten in place ends up holding
/// exactly the new bytes whether it was longer or shorter than them; devices take sequential
/// writes; errors name the file.
@Suite struct OutputFileTests {
    private func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "qksim-outputfile-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: [0, 1, 5000, 1 << 20]) func overwritingLeavesExactlyTheNewBytes(oldSize: Int) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.npy"
        // Old contents of another size, with bytes the new file must not keep (0xAB).
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0xAB, count: oldSize))
        let scalars = (0..<300).map { Double($0) / 7 }
        try scalars.withUnsafeBufferPointer { try NPY.write($0, shape: [30, 10], dtype: .float64, to: path) }
        let fresh = dir + "/fresh.npy"
        try scalars.withUnsafeBufferPointer { try NPY.write($0, shape: [30, 10], dtype: .float64, to: fresh) }
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: fresh))
        #expect(try NPY.read(path).scalars == scalars)
    }

    @Test(arguments: [0, 100, 1 << 20]) func rowWriterOverwritesInPlace(oldSize: Int) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/rows.npy"
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0xCD, count: oldSize))
        let scalars = (0..<(9 * 4)).map { Double($0) - 10 }
        let writer = try NPYRowWriter(path: path, rows: 9, columns: 4, dtype: .float64)
        try scalars.withUnsafeBufferPointer { s in
            try writer.write(rows: 5..<9, from: s.baseAddress! + 5 * 4)
            try writer.write(rows: 0..<5, from: s.baseAddress!)
        }
        let read = try NPY.read(path)
        #expect(read.shape == [9, 4] && read.scalars == scalars)
    }

    @Test func blockWriterAndComplex64OverwriteALongerFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/b.npy"
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0xEF, count: 1 << 16))
        try NPY.write(shape: [10], dtype: .float64, to: path, blockScalars: 3) { offset, block in
            for k in 0..<block.count { block[k] = Double(offset + k) }
        }
        #expect(try NPY.read(path).scalars == (0..<10).map(Double.init))

        let c64 = dir + "/c.npy"
        _ = FileManager.default.createFile(atPath: c64, contents: Data(repeating: 0xEF, count: 1 << 16))
        let floats: [Float] = [1, -2, 0.5, 4]
        try floats.withUnsafeBufferPointer { try NPY.writeComplex64($0, shape: [2], to: c64) }
        let bytes = try #require(FileManager.default.contents(atPath: c64))
        #expect(bytes.count == NPY.headerBytes(shape: [2], dtype: .float64).count + 16)
        let tail = bytes.suffix(16).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(tail == floats)
    }

    /// From 8 MB on, `NPY.read` reads the data in two halves on two threads: the array must come
    /// back whole (the halves meet at a page boundary inside the data, not at the header's end).
    @Test func largeArraysReadBackWhole() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = 1031, columns = 1027  // 8.5 MB of doubles
        let scalars = (0..<(rows * columns)).map { Double($0) * 0.5 - 7 }
        try scalars.withUnsafeBufferPointer { try NPY.write($0, shape: [rows, columns], dtype: .float64, to: dir + "/big.npy") }
        let read = try NPY.read(dir + "/big.npy")
        #expect(read.shape == [rows, columns])
        #expect(read.scalars == scalars)
    }

    @Test func devicesTakeSequentialWritesButNotRows() throws {
        let scalars = [1.0, 2.0]
        try scalars.withUnsafeBufferPointer { try NPY.write($0, shape: [2], dtype: .float64, to: "/dev/null") }
        #expect(throws: InputError.self) { _ = try NPYRowWriter(path: "/dev/null", rows: 1, columns: 1, dtype: .float64) }
    }

    @Test func aDirectoryIsAnErrorNamingIt() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            try [1.0].withUnsafeBufferPointer { try NPY.write($0, shape: [1], dtype: .float64, to: dir) }
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect("\(error)".contains(dir))
        }
    }
}
