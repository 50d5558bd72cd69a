/// Path arithmetic on plain strings, as `NSString`'s `lastPathComponent`, `deletingLastPathComponent`,
/// `appendingPathComponent` and `deletingPathExtension` do it.
///
/// `NSString` lives in Foundation proper, which QKSim does not link (it builds on FoundationEssentials
/// only); these reproduce its results for the paths QKSim handles: runs of slashes count as one, a
/// trailing slash is ignored, and a name that starts with a dot (`.hidden`) has no extension.
public enum PathText {
    /// `path` with runs of "/" collapsed to one and a trailing "/" removed (a lone "/" stays, but
    /// `"//"` becomes `""`, as in `NSString`).
    static func normalized(_ path: String) -> String {
        var out = ""
        var previousWasSlash = false
        for ch in path {
            if ch == "/" && previousWasSlash { continue }
            previousWasSlash = ch == "/"
            out.append(ch)
        }
        if path.count > 1 && out.hasSuffix("/") { out.removeLast() }
        return out
    }

    /// The final component: `"a/b.qasm"` -> `"b.qasm"`, `"b/"` -> `"b"`, `"/"` -> `"/"`.
    public static func lastComponent(of path: String) -> String {
        let fixed = normalized(path)
        guard fixed.count > 1, let slash = fixed.lastIndex(of: "/") else { return fixed }
        return String(fixed[fixed.index(after: slash)...])
    }

    /// The path without its final component: `"a/b.qasm"` -> `"a"`, `"b.qasm"` -> `""`,
    /// `"/b"` -> `"/"`.
    public static func deletingLastComponent(of path: String) -> String {
        let fixed = normalized(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        guard let slash = fixed.lastIndex(of: "/") else { return "" }
        if slash == fixed.startIndex { return "/" }
        return String(fixed[..<slash])
    }

    /// `component` joined to `path` with one "/" between them: `"a"` + `"b.inc"` -> `"a/b.inc"`.
    public static func appending(_ component: String, to path: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// The path without the extension of its final component: `"out/loss.csv"` -> `"out/loss"`,
    /// `"a.b/c"` -> `"a.b/c"`, `".hidden"` and `".."` unchanged.
    public static func deletingExtension(of path: String) -> String {
        let fixed = normalized(path)
        if fixed == "/" { return fixed }
        let start = fixed.lastIndex(of: "/").map { fixed.index(after: $0) } ?? fixed.startIndex
        guard let dot = fixed[start...].lastIndex(of: "."), dot != start, fixed[start...] != ".." else { return fixed }
        return String(fixed[..<dot])
    }
}
