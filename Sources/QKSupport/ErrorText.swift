#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A short, human-readable reason for a failed file operation, for messages such as
/// "cannot write the model: No such file or directory".
///
/// FoundationEssentials has no `localizedDescription`; its file errors are a `CocoaError` that
/// carries the operating system's `POSIXError`, whose C-library text (`strerror`) says what went
/// wrong. Other errors are described as Swift prints them.
public func errorText(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    return String(describing: error)
}
