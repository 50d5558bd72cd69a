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
    ///
    /// Written into one buffer: 10^6 shots of a 20-qubit state have over half a million outcomes,
    /// and a string per entry joined afterwards had taken longer than sampling them.
    public var json: String {
        let entries = sorted
        var text = [UInt8]()
        text.reserveCapacity(2 + entries.count * ((entries.first?.label.utf8.count ?? 0) + 12))
        text.append(UInt8(ascii: "{"))
        for (k, entry) in entries.enumerated() {
            if k > 0 { text.append(contentsOf: ", ".utf8) }
            text.append(UInt8(ascii: "\""))
            text.append(contentsOf: entry.label.utf8)
            text.append(contentsOf: "\": ".utf8)
            text.append(contentsOf: String(entry.count).utf8)
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }
}

extension Counts {
    /// Samples `shots` outcomes of `circuit`'s terminal measurements from its final `state`, with
    /// a generator seeded by `seed`. A circuit without any `measure` is read on all qubits (labels
    /// are then the n-bit basis state, qubit 0 rightmost).
    ///
    /// Equal outcomes are counted first and each distinct one is labelled once: labelling every
    /// shot (a string built and hashed per shot) had taken 0.95 s of 10^6 shots of a 20-qubit state.
    public init(sampling state: some QuantumState, circuit: Circuit, shots: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let measures = circuit.operations.compactMap { op -> (qubit: Int, clbit: Int)? in
            if case .measure(let c) = op.kind { return (op.qubits[0], c) } else { return nil }
        }
        // The sampler returns its indices in order; equal ones are then runs.
        var indices = state.sampleIndices(shots: shots, using: &rng)
        if zip(indices, indices.dropFirst()).contains(where: { $0 > $1 }) { indices.sort() }
        let distinct = zip(indices, indices.dropFirst()).reduce(1) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        var result = [String: Int](minimumCapacity: distinct)
        var bits = [Bool](repeating: false, count: circuit.clbitCount)
        var start = 0
        while start < indices.count {
            let i = indices[start]
            var end = start + 1
            while end < indices.count && indices[end] == i { end += 1 }
            let label: String
            if measures.isEmpty {
                label = Self.basisLabel(i, qubits: circuit.qubitCount)
            } else {
                for k in bits.indices { bits[k] = false }
                for m in measures { bits[m.clbit] = (i >> m.qubit) & 1 == 1 }
                label = Counts.label(bits: bits, registers: circuit.classicalRegisters)
            }
            // Different indices can give one label (qubits that are not measured).
            result[label, default: 0] += end - start
            start = end
        }
        self.init(result)
    }

    /// The `qubits`-bit string of basis state `i`, qubit 0 rightmost.
    static func basisLabel(_ i: Int, qubits: Int) -> String {
        String(unsafeUninitializedCapacity: qubits) { text in
            for k in 0..<qubits { text[qubits - 1 - k] = (i >> k) & 1 == 1 ? UInt8(ascii: "1") : UInt8(ascii: "0") }
            return qubits
        }
    }
}
