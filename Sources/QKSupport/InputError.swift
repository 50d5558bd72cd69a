/// An error in something a user supplied (a circuit file, a data file, an option), located as
/// precisely as is known: `file:line:column: message`, the form compilers use and editors link.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the problem is in, or `nil` for input that did not come from a file.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// What was wrong: what was found and what was expected.
    public var message: String

    /// Creates an error at an optional location.
    public init(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, omitting the parts that are unknown.
    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if let column, line != nil { location += ":\(column)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
