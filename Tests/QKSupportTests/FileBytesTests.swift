import Foundation
import QKSupport
import Testing

/// `FileBytes.readNULTerminated` against Foundation's reading of the same files.
@Suite struct FileBytesTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "qksim-filebytes-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("Files of every size come back byte for byte, with one 0 after them",
          arguments: [0, 1, 7, 4095, 4096, 65_537, 300_001])
    func sizes(_ size: Int) throws {
        var g = SeededGenerator(seed: UInt64(size))
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: g.next()) }  // zeros included
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try FileBytes.readNULTerminated(path)
        #expect(read.count == size + 1 && read.last == 0)
        #expect(Array(read.dropLast()) == bytes)
    }

    #if os(Linux)
    @Test("A file whose size reads as 0 (/proc) is read to its end")
    func unknownSize() throws {
        let read = try FileBytes.readNULTerminated("/proc/self/status")
        let text = String(decoding: read.dropLast(), as: UTF8.self)
        #expect(read.last == 0 && text.hasPrefix("Name:") && text.contains("\nPid:"))
    }
    #endif

    @Test("A missing file and a directory are input errors naming the file and the reason")
    func errors() throws {
        let missing = "/nonexistent-qksim/data.csv"
        #expect(throws: InputError("cannot read the file (it does not exist)", file: missing)) {
            try FileBytes.readNULTerminated(missing)
        }
        let directory = NSTemporaryDirectory()
        #expect(throws: InputError("cannot read the file (it is a directory, not a file)", file: directory)) {
            try FileBytes.readNULTerminated(directory)
        }
    }
}
