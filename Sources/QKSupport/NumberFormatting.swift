#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Formats one `Double` with a C `printf` conversion such as `"%.3f"`, `"%8.4f"`, `"%.3g"` or
/// `"%.2e"`, byte-for-byte as `String(format:)` does for a single floating-point argument.
///
/// `String(format:)` lives in Foundation proper, which a binary built on FoundationEssentials does
/// not link (with it came FoundationInternationalization and ICU, tens of megabytes and a slower
/// start-up); for numeric conversions it hands the work to the C library's `snprintf` anyway, so
/// calling `vsnprintf` directly gives the same text. No locale is involved: Swift programs run in
/// the "C" locale, whose decimal separator is ".".
///
/// - Parameters:
///   - format: a `printf` format whose only conversion takes a `double` (`%f`, `%e`, `%g` and their
///     flags, width and precision); literal text around it is kept.
///   - value: the number to format.
public func cFormat(_ format: String, _ value: Double) -> String {
    withVaList([value]) { arguments in
        // One pass into a buffer big enough for any number, a second only for wider requests.
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = Int(vsnprintf(&buffer, buffer.count, format, arguments))
        if needed < 0 { return "" }
        if needed < buffer.count { return String(decoding: buffer[..<needed].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return withVaList([value]) { again in
            var large = [CChar](repeating: 0, count: needed + 1)
            _ = vsnprintf(&large, large.count, format, again)
            return String(decoding: large[..<needed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
