extension String {
    /// The text cut or padded with spaces to exactly `length` UTF-16 code units, as Foundation's
    /// `padding(toLength: length, withPad: " ", startingAt: 0)` does (for table columns); the
    /// FoundationEssentials-only stand-in for that `NSString` method.
    public func padded(toLength length: Int) -> String {
        let units = utf16.count
        if units >= length { return String(decoding: utf16.prefix(max(length, 0)), as: UTF16.self) }
        return self + String(repeating: " ", count: length - units)
    }
}
