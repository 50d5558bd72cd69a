import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A progress bar on standard error for long work (`[#####-----] 50% 120/240 ETA 3s`).
///
/// It draws only when stderr is a terminal and the work takes long enough to be worth watching, so
/// logs and pipes stay clean. Not thread-safe: advance it from one thread.
public struct ProgressBar: ~Copyable {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var done = 0
    private let start = DispatchTime.now()
    private var lastDraw: UInt64 = 0

    /// Creates a bar for `total` steps; `enabled: nil` means "when stderr is a terminal".
    public init(total: Int, label: String, enabled: Bool? = nil) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = enabled ?? (isatty(STDERR_FILENO) != 0)
    }

    /// Records `steps` more steps of work done and redraws at most ten times a second.
    public mutating func advance(by steps: Int = 1) {
        done = min(total, done + steps)
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if done < total && now - lastDraw < 100_000_000 { return }
        lastDraw = now
        let fraction = Double(done) / Double(total)
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = Double(now - start.uptimeNanoseconds) / 1e9
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) ETA \(Int(eta.rounded()))s "
        StandardError.write(line)
    }

    /// Clears the bar's line.
    public func finish() {
        guard enabled else { return }
        StandardError.write("\r\u{1B}[K")
    }
}
