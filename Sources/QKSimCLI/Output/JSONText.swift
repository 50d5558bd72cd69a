/// Small helpers that write JSON text with keys in a chosen order (Foundation's encoder sorts or
/// scrambles them), for output that people read as well as programs.
enum JSONText {
    /// A JSON string literal with the necessary escapes.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number; non-finite values (which JSON lacks) become null.
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// An object from already-encoded values, in the given key order.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// An array of already-encoded values.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
}
