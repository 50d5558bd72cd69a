import FoundationEssentials

/// Which groups of qubits a k-local term of a feature map acts on, as Qiskit's
/// `get_entangler_map` lays them out.
public enum Entanglement: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Consecutive blocks: (0,1), (1,2), ... for pairs.
    case linear
    /// Consecutive blocks, last first: (n-2,n-1), ..., (0,1).
    case reverseLinear
    /// Linear, preceded by the block that wraps around: (n-1,0), then (0,1), (1,2), ...
    case circular
    /// Every k-subset in lexicographic order: (0,1), (0,2), ..., (n-2,n-1).
    case full
    /// An explicit list of qubit groups, used for every term whose size matches.
    case explicit([[Int]])

    /// Parses `linear`, `reverse_linear`, `circular`, `full`, or an explicit list like `0-1,1-2,0-2`.
    public init(parsing text: String) throws {
        switch text.lowercased() {
        case "linear": self = .linear
        case "reverse_linear", "reverse-linear": self = .reverseLinear
        case "circular": self = .circular
        case "full": self = .full
        default:
            var groups: [[Int]] = []
            for part in text.split(separator: ",") {
                let qubits = part.split(separator: "-").map { Int($0.trimmingWhitespaces()) }
                guard !qubits.isEmpty, qubits.allSatisfy({ $0 != nil && $0! >= 0 }) else {
                    throw KernelError.invalidParameter(
                        "entanglement '\(text)': expected linear, reverse_linear, circular, full, or groups like 0-1,1-2")
                }
                groups.append(qubits.map { $0! })
            }
            guard !groups.isEmpty else { throw KernelError.invalidParameter("entanglement is empty") }
            self = .explicit(groups)
        }
    }

    /// The groups of `size` qubits out of `qubitCount` that a term of that size acts on.
    public func groups(qubitCount n: Int, size k: Int) throws -> [[Int]] {
        if k == 1 { return (0..<n).map { [$0] } }
        guard k <= n else { return [] }
        let linear = (0...(n - k)).map { Array($0..<($0 + k)) }
        switch self {
        case .linear: return linear
        case .reverseLinear: return linear.reversed()
        case .circular:
            return n > k ? [Array((n - k + 1)..<n) + [0]] + linear : linear
        case .full: return Self.combinations(n, k)
        case .explicit(let groups):
            let sized = groups.filter { $0.count == k }
            for g in sized {
                guard Set(g).count == k, g.allSatisfy({ $0 < n }) else {
                    throw KernelError.invalidParameter(
                        "entanglement group \(g.map(String.init).joined(separator: "-")) is invalid for \(n) qubits")
                }
            }
            return sized
        }
    }

    static func combinations(_ n: Int, _ k: Int) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(from start: Int) {
            if current.count == k {
                result.append(current)
                return
            }
            guard start < n else { return }
            for i in start..<n {
                current.append(i)
                extend(from: i + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return result
    }
}

extension Entanglement {
    /// The text form `init(parsing:)` reads: `linear`, `full`, `0-1,1-2`, ...
    public var description: String {
        switch self {
        case .linear: return "linear"
        case .reverseLinear: return "reverse_linear"
        case .circular: return "circular"
        case .full: return "full"
        case .explicit(let groups): return groups.map { $0.map(String.init).joined(separator: "-") }.joined(separator: ",")
        }
    }

    /// Encodes as its text form, e.g. `"linear"` or `"0-1,1-2"`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the text form.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }
}

