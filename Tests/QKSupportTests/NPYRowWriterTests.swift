import Dispatch
import Foundation
import QKSupport
import Testing

/// `NPYRowWriter`: blocks of rows written out of order and from several threads make the same
/// file `NPY.write` makes of the whole array; unwritable paths are input errors naming the file.
@Suite struct NPYRowWriterTests {
    @Test(arguments: [NPY.DType.float64, .complex128]) func blocksInAnyOrderMakeTheWholeArray(dtype: NPY.DType) throws {
        let dir = NSTemporaryDirectory() + "qksim-npyrows-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = 103, columns = 7, perRow = columns * (dtype == .complex128 ? 2 : 1)
        let scalars = (0..<(rows * perRow)).map { Double($0) * 0.25 - 3 }
        let writer = try NPYRowWriter(path: dir + "/rows.npy", rows: rows, columns: columns, dtype: dtype)
        let blocks = stride(from: 0, to: rows, by: 10).map { $0..<min(rows, $0 + 10) }
        nonisolated(unsafe) var failures = 0
        scalars.withUnsafeBufferPointer { s in
            nonisolated(unsafe) let source = s
            DispatchQueue.concurrentPerform(iterations: blocks.count) { k in
                let block = blocks[blocks.count - 1 - k]
                do { try writer.write(rows: block, from: source.baseAddress! + block.lowerBound * perRow) } catch { failures += 1 }
            }
        }
        #expect(failures == 0)
        let written = try NPY.read(dir + "/rows.npy")
        #expect(written.shape == [rows, columns] && written.dtype == dtype)
        #expect(written.scalars == scalars)
        try scalars.withUnsafeBufferPointer { try NPY.write($0, shape: [rows, columns], dtype: dtype, to: dir + "/whole.npy") }
        #expect(FileManager.default.contents(atPath: dir + "/rows.npy") == FileManager.default.contents(atPath: dir + "/whole.npy"))
    }

    @Test func unwritablePathsNameTheFile() throws {
        let path = NSTemporaryDirectory() + "no-such-dir-\(UInt32.random(in: 0...UInt32.max))/out.npy"
        do {
            _ = try NPYRowWriter(path: path, rows: 2, columns: 2, dtype: .float64)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect("\(error)".contains(path))
        }
    }
}
