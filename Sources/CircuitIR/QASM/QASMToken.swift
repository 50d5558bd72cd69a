import QKSupport

/// A position in a source file: 1-based line and column, columns counted in Unicode scalars so that
/// `θ` is one column, as an editor shows it.
struct SourceLocation: Sendable, Hashable {
    /// The file, as named to the parser (included files by their path).
    var file: String
    var line: Int
    var column: Int
}

extension InputError {
    /// An error at a source location.
    init(_ message: String, at location: SourceLocation) {
        self.init(message, file: location.file, line: location.line, column: location.column)
    }
}

/// One lexical token of an OpenQASM source.
struct QASMToken: Sendable {
    /// The token classes the grammar distinguishes.
    enum Kind: Sendable, Equatable {
        /// A name: keyword, gate, register, parameter or built-in constant.
        case identifier
        /// A non-negative integer literal (decimal, or `0x`/`0o`/`0b` in OpenQASM 3).
        case integer(Int)
        /// A real literal such as `1.5e-3`.
        case real(Double)
        /// A double-quoted string (include file names); the payload is the text between the quotes.
        case string(String)
        /// Punctuation or an operator, spelled as in `text`.
        case symbol
        /// The end of the input.
        case end
    }

    var kind: Kind
    /// The exact source text of the token.
    var text: String
    /// Where the token starts.
    var location: SourceLocation
    /// The position just after the token's last character, where a missing `;` belongs.
    var end: SourceLocation

    /// A short description for error messages: `'h'`, `integer 3`, `end of file`.
    var described: String {
        switch kind {
        case .end: return "end of file"
        case .string: return "string \"\(text)\""
        default: return "'\(text)'"
        }
    }

    /// Whether this is the symbol `s`.
    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }

    /// Whether this is the identifier (or keyword) `name`.
    func isIdentifier(_ name: String) -> Bool { kind == .identifier && text == name }
}
