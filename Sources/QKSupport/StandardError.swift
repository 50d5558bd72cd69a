#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard error, written straight to file descriptor 2 (what `FileHandle.standardError` did,
/// without Foundation proper): unbuffered, so a message appears at once and in order.
public enum StandardError {
    /// Writes `text` as UTF-8, retrying short writes and interrupted calls; a closed or broken
    /// stderr drops the rest, since there is nowhere left to report it.
    public static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { writeToDescriptor2(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// One `write(2)` call; outside `StandardError` so that `write` names the C function.
private func writeToDescriptor2(_ bytes: UnsafeRawBufferPointer) -> Int {
    write(2, bytes.baseAddress, bytes.count)
}
