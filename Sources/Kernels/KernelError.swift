/// Why a kernel cannot be computed as asked.
public enum KernelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A parameter outside its domain, with what was expected.
    case invalidParameter(String)
    /// Data whose shape does not fit the kernel (wrong feature count, empty, ...).
    case shapeMismatch(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .invalidParameter(let why), .shapeMismatch(let why): return why
        }
    }
}
