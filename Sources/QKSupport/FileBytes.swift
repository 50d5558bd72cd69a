#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a file, read with POSIX calls straight into the array that is returned.
///
/// Data files are parsed from their bytes; Foundation's `FileManager.contents(atPath:)` plus a
/// copy into `[UInt8]` cost a quarter of parsing a 4.5 MB CSV, two passes over memory that one
/// `read` into the final array avoids.
public enum FileBytes {
    /// The contents of the file at `path` followed by one 0 byte, so that a parser can stop at it
    /// instead of checking bounds (the result's `count` is the file's size plus one).
    ///
    /// Regular files are read in one buffer of their size; anything else (a pipe, `/proc` files
    /// whose size reads as 0) is read to its end in growing steps.
    /// - Throws: `InputError` naming the file when it does not exist, is a directory or cannot be
    ///   read, with the system's reason.
    public static func readNULTerminated(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw failure(path, EISDIR) }

        // One byte more than the size: the NUL's place, and a probe that sees a file that grew
        // (or is not regular) so that it is read on to its end rather than cut short.
        let expected = status.st_mode & S_IFMT == S_IFREG ? max(Int(status.st_size), 0) : 0
        var error: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            // Mapped in one call rather than a fault per page as `read` fills it.
            FreshMemory.prepare(buffer)
            initialized = readFully(descriptor, into: buffer, error: &error)
        }
        if error == 0 && bytes.count == expected + 1 {
            var chunk = [UInt8](repeating: 0, count: max(expected, 1 << 16))
            while error == 0 {
                let count = chunk.withUnsafeMutableBufferPointer { readFully(descriptor, into: $0, error: &error) }
                bytes.append(contentsOf: chunk[..<count])
                if count < chunk.count { break }
            }
        }
        guard error == 0 else { throw failure(path, error) }
        bytes.append(0)
        return bytes
    }

    /// Reads into `buffer` until it is full or the file ends; returns the bytes read, and sets
    /// `error` to `errno` on a failure (retrying interrupted calls).
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, error: inout Int32)
        -> Int
    {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let count = read(descriptor, base + done, buffer.count - done)
            if count > 0 {
                done += count
            } else if count == 0 {
                break
            } else if errno != EINTR {
                error = errno
                break
            }
        }
        return done
    }

    /// The error for `path` and the system's error number, in words a user can act on.
    private static func failure(_ path: String, _ code: Int32) -> InputError {
        let reason: String
        switch code {
        case ENOENT: reason = "it does not exist"
        case EISDIR: reason = "it is a directory, not a file"
        case EACCES: reason = "permission denied"
        default: reason = String(cString: strerror(code))
        }
        return InputError("cannot read the file (\(reason))", file: path)
    }
}
