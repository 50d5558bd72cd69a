/// A failure reported by LAPACK, with the routine and its `info` code translated into words.
public struct LinearAlgebraError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The LAPACK routine that failed, e.g. `"dpotrf"`.
    public var routine: String
    /// LAPACK's `info` code.
    public var info: Int32
    /// What it means.
    public var reason: String

    /// Creates an error.
    public init(routine: String, info: Int32, reason: String) {
        self.routine = routine
        self.info = info
        self.reason = reason
    }

    /// `dpotrf failed (info 3): matrix is not positive definite`.
    public var description: String { "\(routine) failed (info \(info)): \(reason)" }
}
