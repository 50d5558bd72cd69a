extension StringProtocol {
    /// The text without leading and trailing Unicode scalars for which `isTrimmed` is true.
    ///
    /// The FoundationEssentials-only stand-in for Foundation's `trimmingCharacters(in:)`, which also
    /// works on scalars (not grapheme clusters), so `"\u{20}e\u{301}"` keeps its combining accent.
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        // A scalar that is kept exists, so the search from the end stops at or after `first`.
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// The text without leading and trailing spaces and tabs: Foundation's
    /// `trimmingCharacters(in: .whitespaces)`, whose set (CoreFoundation's) is the tab U+0009, the
    /// Unicode space separators (U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000) and
    /// the zero-width space U+200B, but no line breaks.
    public func trimmingWhitespaces() -> String {
        trimmingScalars { scalar in
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
    }
}
