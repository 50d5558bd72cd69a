import FoundationEssentials

/// What the operating system says about memory, for refusing work that cannot fit before trying it.
public enum SystemMemory {
    /// Bytes the kernel estimates are available to a new allocation without swapping
    /// (`MemAvailable` in `/proc/meminfo`), or `nil` where that is unknown.
    public static var availableBytes: UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kib = UInt64(parts[1]) { return kib * 1024 }
        }
        return nil
    }

    /// `bytes` formatted with a binary unit: `16.0 GiB`.
    public static func format(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : cFormat("%.1f", value) + " " + units[unit]
    }
}
