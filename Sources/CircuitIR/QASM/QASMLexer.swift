import QKSupport

/// Splits OpenQASM 2/3 source text into tokens, dropping whitespace and `//` / `/* */` comments.
///
/// The whole file is lexed once, up front; the parser then walks the token array. Identifiers may use
/// any Unicode letters (OpenQASM 3's `stdgates.inc` names its angles θ, φ, λ).
struct QASMLexer {
    private let scalars: [Unicode.Scalar]
    private let fileName: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(source: String, fileName: String) {
        self.scalars = Array(source.unicodeScalars)
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

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = index + offset
        return i < scalars.count ? scalars[i] : nil
    }

    /// Consumes one scalar, keeping line and column current (`\r\n` counts as one line break).
    private mutating func advance() {
        let c = scalars[index]
        index += 1
        if c == "\n" || (c == "\r" && peek() != "\n") {
            line += 1
            column = 1
        } else if c != "\r" {
            column += 1
        }
    }

    private func error(_ message: String, at location: SourceLocation) -> InputError {
        InputError(message, at: location)
    }

    private mutating func skipTrivia() throws(InputError) {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c == "\u{FEFF}" {
                advance()
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n", d != "\r" { advance() }
            } else if c == "/" && peek(1) == "*" {
                let start = here
                advance()
                advance()
                while true {
                    guard let d = peek() else {
                        throw error("unterminated comment: '/*' has no matching '*/' before the end of the file", at: start)
                    }
                    if d == "*" && peek(1) == "/" {
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

    private mutating func next() throws(InputError) -> QASMToken {
        try skipTrivia()
        let start = here
        let startIndex = index
        guard let c = peek() else { return QASMToken(kind: .end, text: "", location: start, end: start) }

        func token(_ kind: QASMToken.Kind) -> QASMToken {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[startIndex..<index])
            return QASMToken(kind: kind, text: String(text), location: start, end: here)
        }

        if Self.isIdentifierStart(c) {
            while let d = peek(), Self.isIdentifierContinue(d) { advance() }
            return token(.identifier)
        }
        if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
            return try number(start: start, startIndex: startIndex)
        }
        if c == "\"" {
            advance()
            while let d = peek(), d != "\"", d != "\n", d != "\r" { advance() }
            guard peek() == "\"" else {
                throw error("unterminated string: expected a closing '\"' on the same line", at: start)
            }
            advance()
            var body = String.UnicodeScalarView()
            body.append(contentsOf: scalars[(startIndex + 1)..<(index - 1)])
            return QASMToken(kind: .string(String(body)), text: String(body), location: start, end: here)
        }
        if let d = peek(1) {
            let pair = String(c) + String(d)
            if Self.twoCharacterSymbols.contains(pair) {
                advance()
                advance()
                return token(.symbol)
            }
        }
        if Self.oneCharacterSymbols.contains(c) {
            advance()
            return token(.symbol)
        }
        let code = String(c.value, radix: 16, uppercase: true)
        throw error("unexpected character '\(c)' (U+\(code)); expected a statement, name, number or operator", at: start)
    }

    /// Lexes a number: decimal integer, real with optional exponent, or `0x`/`0o`/`0b` integer; `_`
    /// may separate digits (OpenQASM 3). Anything glued on (`1.2.3`, `2x`, `1e`) is a bad number.
    private mutating func number(start: SourceLocation, startIndex: Int) throws(InputError) -> QASMToken {
        var digits = ""
        var isReal = false
        var radix = 10
        if peek() == "0", let p = peek(1), "xXoObB".unicodeScalars.contains(p) {
            radix = (p == "x" || p == "X") ? 16 : (p == "o" || p == "O") ? 8 : 2
            advance()
            advance()
            while let d = peek(), d == "_" || Self.digitValue(d).map({ $0 < radix }) == true {
                if d != "_" { digits.unicodeScalars.append(d) }
                advance()
            }
        } else {
            func digitRun(_ lexer: inout QASMLexer, _ out: inout String) {
                while let d = lexer.peek(), Self.isDigit(d) || (d == "_" && lexer.peek(1).map(Self.isDigit) == true) {
                    if d != "_" { out.unicodeScalars.append(d) }
                    lexer.advance()
                }
            }
            digitRun(&self, &digits)
            if peek() == "." {
                isReal = true
                digits += "."
                advance()
                digitRun(&self, &digits)
            }
            if let e = peek(), e == "e" || e == "E" {
                let signed = peek(1) == "+" || peek(1) == "-"
                if let d = peek(signed ? 2 : 1), Self.isDigit(d) {
                    isReal = true
                    digits += "e"
                    advance()
                    if signed {
                        digits.unicodeScalars.append(scalars[index])
                        advance()
                    }
                    digitRun(&self, &digits)
                }
            }
        }
        // A number must not run straight into a name or another '.'.
        if let d = peek(), Self.isIdentifierContinue(d) || d == "." {
            while let d = peek(), Self.isIdentifierContinue(d) || d == "." { advance() }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[startIndex..<index])
            throw error("bad number '\(String(text))': expected digits with an optional '.' and exponent", at: start)
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[startIndex..<index])
        let spelled = String(text)
        if digits.isEmpty {
            throw error("bad number '\(spelled)': expected digits after the base prefix", at: start)
        }
        if isReal {
            guard let value = Double(digits), value.isFinite else {
                throw error("bad number '\(spelled)': not a finite real number", at: start)
            }
            return QASMToken(kind: .real(value), text: spelled, location: start, end: here)
        }
        guard let value = Int(digits, radix: radix) else {
            throw error("bad number '\(spelled)': integer too large (at most \(Int.max))", at: start)
        }
        return QASMToken(kind: .integer(value), text: spelled, location: start, end: here)
    }

    private static let twoCharacterSymbols: Set<String> = ["->", "==", "**", "!=", "<=", ">=", "&&", "||"]
    private static let oneCharacterSymbols: Set<Unicode.Scalar> = [
        ";", ",", "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "^", "@", ":", "=", "%", "<", ">", "!", "~",
        "&", "|", "$",
    ]

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func digitValue(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "0"..."9": return Int(c.value - 48)
        case "a"..."f": return Int(c.value - 87)
        case "A"..."F": return Int(c.value - 55)
        default: return nil
        }
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.isASCII ? (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") : c.properties.isAlphabetic)
    }

    private static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
