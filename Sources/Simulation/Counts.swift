import CircuitIR

/// Measurement counts keyed like Qiskit's `get_counts()`: one bit string per classical register,
/// bit 0 rightmost, registers separated by a space with the first-declared register rightmost.
public struct Counts: Sendable, Equatable {
    /// Number of shots per outcome label.
    public var counts: [String: Int]
    /// Total shots.
    public var shots: Int { counts.values.reduce(0, +) }

    /// Creates counts from labels.
    public init(_ counts: [String: Int] = [:]) { self.counts = counts }

    /// The label of a classical-bit assignment, given the registers that partition the bits.
    public static func label(bits: [Bool], registers: [Circuit.Register]) -> String {
        registers.reversed().map { reg in
            String((0..<reg.size).reversed().map { bits[reg.start + $0] ? Character("1") : Character("0") })
        }.joined(separator: " ")
    }

    /// The outcomes sorted by label, for stable printing.
    public var sorted: [(label: String, count: Int)] { counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Counts as a JSON object with labels in sorted order: `{"00": 512, "11": 488}`.
    public var json: String {
        "{" + sorted.map { "\"\($0.label)\": \($0.count)" }.joined(separator: ", ") + "}"
    }
}
