import CircuitIR
import QKSupport

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

extension Counts {
    /// Samples `shots` outcomes of `circuit`'s terminal measurements from its final `state`, with
    /// a generator seeded by `seed`. A circuit without any `measure` is read on all qubits (labels
    /// are then the n-bit basis state, qubit 0 rightmost).
    public init(sampling state: some QuantumState, circuit: Circuit, shots: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let measures = circuit.operations.compactMap { op -> (qubit: Int, clbit: Int)? in
            if case .measure(let c) = op.kind { return (op.qubits[0], c) } else { return nil }
        }
        var result = [String: Int]()
        let indices = state.sampleIndices(shots: shots, using: &rng)
        if measures.isEmpty {
            for i in indices {
                let label = String((0..<circuit.qubitCount).reversed().map { (i >> $0) & 1 == 1 ? Character("1") : Character("0") })
                result[label, default: 0] += 1
            }
        } else {
            var bits = [Bool](repeating: false, count: circuit.clbitCount)
            for i in indices {
                for k in bits.indices { bits[k] = false }
                for m in measures { bits[m.clbit] = (i >> m.qubit) & 1 == 1 }
                result[Counts.label(bits: bits, registers: circuit.classicalRegisters), default: 0] += 1
            }
        }
        self.init(result)
    }
}
