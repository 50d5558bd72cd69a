import QKSupport

/// Splits OpenQASM 2/3 source text into tokens, dropping whitespace and `//` / `/* */` comments.
///
/// The whole file is lexed once, up front; the parser then walks the token array. Identifiers may use
/// any Unicode letters (OpenQASM 3's `stdgates.inc` names its angles θ, φ, λ). The lexer walks the
/// UTF-8 bytes and decodes a scalar only where a byte is not ASCII: walking an array of Unicode
/// scalars and building each token's text scalar by scalar had been most of parsing a circuit file,
/// and a millisecond of every `qksim simulate`.
struct QASMLexer {
    private let bytes: [UInt8]
    private let fileName: String
    private var index = 0
    private var line = 1
    /// Columns count Unicode scalars, as an editor does: UTF-8 continuation bytes do not count.
    private var column = 1

    init(source: String, fileName: String) {
        self.bytes = Array(source.utf8)
        self.fileName = fileName
    }

    /// Lexes the whole source; the last token is always `.end`.
    static func tokenize(_ source: String, fileName: String) throws(InputError) -> [QASMToken] {
        var lexer = QASMLexer(source: source, fileName: fileName)
        var tokens: [QASMToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var here: SourceLocation { SourceLocation(file: fileName, line: line, column: column) }

    /// The byte `offset` bytes ahead, or 0 past the end (0 never continues a token: a NUL in the
    /// text is reported as an unexpected character where a token would start).
    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = index + offset
        return i < bytes.count ? bytes[i] : 0
    }

    private var atEnd: Bool { index >= bytes.count }

    /// Consumes one byte, keeping line and column current (`\r\n` counts as one line break).
    private mutating func advance() {
        let c = bytes[index]
        index += 1
        if c == 0x0A || (c == 0x0D && peek() != 0x0A) {
            line += 1
            column = 1
        } else if c != 0x0D && c & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// The scalar starting at `index` (a lead byte) and its length in bytes; U+FFFD for bytes that
    /// do not decode (the source is a Swift `String`, so they always do).
    private func scalar() -> (Unicode.Scalar, length: Int) {
        let i = index
        let lead = bytes[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (0x7F >> length)
        for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Consumes the scalar at `index`, all its bytes.
    private mutating func advanceScalar() {
        let length = scalar().length
        for _ in 0..<length where !atEnd { advance() }
    }

    /// The source text of bytes `range`.
    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func error(_ message: String, at location: SourceLocation) -> InputError {
        InputError(message, at: location)
    }

    private mutating func skipTrivia() throws(InputError) {
        while !atEnd {
            let c = peek()
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                advance()
            } else if c == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF {  // U+FEFF, a byte-order mark
                advanceScalar()
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                while !atEnd, peek() != 0x0A, peek() != 0x0D { advance() }
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = here
                advance()
                advance()
                while true {
                    guard !atEnd else {
                        throw error("unterminated comment: '/*' has no matching '*/' before the end of the file", at: start)
                    }
                    if peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    /// Whether an identifier starts (`continuing` false) or goes on at `index`.
    private func isIdentifierByte(continuing: Bool) -> Bool {
        guard !atEnd else { return false }
        let c = peek()
        if c < 0x80 { return Self.isIdentifierStart(c) || (continuing && Self.isDigit(c)) }
        return Self.isIdentifierStart(scalar().0)
    }

    private mutating func next() throws(InputError) -> QASMToken {
        try skipTrivia()
        let start = here
        let startIndex = index
        guard !atEnd else { return QASMToken(kind: .end, text: "", location: start, end: start) }
        let c = peek()

        func token(_ kind: QASMToken.Kind) -> QASMToken {
            QASMToken(kind: kind, text: text(startIndex..<index), location: start, end: here)
        }

        if isIdentifierByte(continuing: false) {
            while isIdentifierByte(continuing: true) { advanceScalar() }
            return token(.identifier)
        }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(peek(1))) {
            return try number(start: start, startIndex: startIndex)
        }
        if c == UInt8(ascii: "\"") {
            advance()
            while !atEnd, peek() != UInt8(ascii: "\""), peek() != 0x0A, peek() != 0x0D { advance() }
            guard peek() == UInt8(ascii: "\""), !atEnd else {
                throw error("unterminated string: expected a closing '\"' on the same line", at: start)
            }
            advance()
            let body = text((startIndex + 1)..<(index - 1))
            return QASMToken(kind: .string(body), text: body, location: start, end: here)
        }
        if Self.isTwoCharacterSymbol(c, peek(1)) {
            advance()
            advance()
            return token(.symbol)
        }
        if c < 0x80 && Self.oneCharacterSymbols.contains(c) {
            advance()
            return token(.symbol)
        }
        let unexpected = scalar().0
        let code = String(unexpected.value, radix: 16, uppercase: true)
        throw error("unexpected character '\(unexpected)' (U+\(code)); expected a statement, name, number or operator", at: start)
    }

    /// Lexes a number: decimal integer, real with optional exponent, or `0x`/`0o`/`0b` integer; `_`
    /// may separate digits (OpenQASM 3). Anything glued on (`1.2.3`, `2x`, `1e`) is a bad number.
    private mutating func number(start: SourceLocation, startIndex: Int) throws(InputError) -> QASMToken {
        var digits: [UInt8] = []
        var isReal = false
        var radix = 10
        if peek() == UInt8(ascii: "0"), case let p = peek(1) | 0x20, p == UInt8(ascii: "x") || p == UInt8(ascii: "o") || p == UInt8(ascii: "b") {
            radix = p == UInt8(ascii: "x") ? 16 : p == UInt8(ascii: "o") ? 8 : 2
            advance()
            advance()
            while case let d = peek(), d == UInt8(ascii: "_") || Self.digitValue(d).map({ $0 < radix }) == true {
                if d != UInt8(ascii: "_") { digits.append(d) }
                advance()
            }
        } else {
            func digitRun(_ lexer: inout QASMLexer, _ out: inout [UInt8]) {
                while case let d = lexer.peek(), Self.isDigit(d) || (d == UInt8(ascii: "_") && Self.isDigit(lexer.peek(1))) {
                    if d != UInt8(ascii: "_") { out.append(d) }
                    lexer.advance()
                }
            }
            digitRun(&self, &digits)
            if peek() == UInt8(ascii: ".") {
                isReal = true
                digits.append(UInt8(ascii: "."))
                advance()
                digitRun(&self, &digits)
            }
            if peek() | 0x20 == UInt8(ascii: "e") {
                let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
                if Self.isDigit(peek(signed ? 2 : 1)) {
                    isReal = true
                    digits.append(UInt8(ascii: "e"))
                    advance()
                    if signed {
                        digits.append(peek())
                        advance()
                    }
                    digitRun(&self, &digits)
                }
            }
        }
        // A number must not run straight into a name or another '.'.
        if isIdentifierByte(continuing: true) || peek() == UInt8(ascii: ".") {
            while isIdentifierByte(continuing: true) || peek() == UInt8(ascii: ".") { advanceScalar() }
            throw error("bad number '\(text(startIndex..<index))': expected digits with an optional '.' and exponent", at: start)
        }
        let spelled = text(startIndex..<index)
        if digits.isEmpty {
            throw error("bad number '\(spelled)': expected digits after the base prefix", at: start)
        }
        let number = String(decoding: digits, as: UTF8.self)
        if isReal {
            guard let value = Double(number), value.isFinite else {
                throw error("bad number '\(spelled)': not a finite real number", at: start)
            }
            return QASMToken(kind: .real(value), text: spelled, location: start, end: here)
        }
        guard let value = Int(number, radix: radix) else {
            throw error("bad number '\(spelled)': integer too large (at most \(Int.max))", at: start)
        }
        return QASMToken(kind: .integer(value), text: spelled, location: start, end: here)
    }

    /// `->`, `==`, `**`, `!=`, `<=`, `>=`, `&&` and `||`.
    private static func isTwoCharacterSymbol(_ c: UInt8, _ d: UInt8) -> Bool {
        switch (c, d) {
        case (UInt8(ascii: "-"), UInt8(ascii: ">")), (UInt8(ascii: "="), UInt8(ascii: "=")),
            (UInt8(ascii: "*"), UInt8(ascii: "*")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
            (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: "=")),
            (UInt8(ascii: "&"), UInt8(ascii: "&")), (UInt8(ascii: "|"), UInt8(ascii: "|")):
            return true
        default:
            return false
        }
    }

    private static let oneCharacterSymbols: Set<UInt8> = Set(";,()[]{}+-*/^@:=%<>!~&|$".utf8)

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c) - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c) - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c) - 55
        default: return nil
        }
    }

    /// ASCII letters and `_`.
    private static func isIdentifierStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
    }

    /// `_` and letters of any script.
    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? isIdentifierStart(UInt8(c.value)) : c.properties.isAlphabetic
    }
}
