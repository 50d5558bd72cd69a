import Simulation

/// What `qksim simulate` reports about a run, as text or JSON.
struct SimulationSummary {
    var file: String
    var qubits: Int
    var gates: Int
    var depth: Int
    /// Operations after the QFT recognition and the fusions: one pass over the state each (an FFT
    /// counts as one, though FFTW makes a few), the figure a bandwidth bound is computed from.
    var passes: Int
    var seconds: Double
    var instructionSet: String
    var threads: Int
    /// "double" or "single".
    var precision = "double"

    /// One line for people.
    var text: String {
        "\(file): \(qubits) qubits, \(gates) gates, depth \(depth), \(JSONText.number(seconds)) s (\(instructionSet), \(threads) threads\(precision == "double" ? "" : ", \(precision) precision"))"
    }

    /// One JSON object for programs, with counts and expectation values when there are any.
    func json(counts: Counts?, expectations: [(String, Double)], seed: UInt64?) -> String {
        var fields: [(String, String)] = [
            ("file", JSONText.string(file)), ("qubits", "\(qubits)"), ("gates", "\(gates)"), ("depth", "\(depth)"),
            ("passes", "\(passes)"), ("seconds", JSONText.number(seconds)), ("instruction_set", JSONText.string(instructionSet)),
            ("threads", "\(threads)"), ("precision", JSONText.string(precision)),
        ]
        if let seed { fields.append(("seed", "\(seed)")) }
        if let counts { fields.append(("counts", counts.json)) }
        if !expectations.isEmpty {
            fields.append(("expectations", JSONText.object(expectations.map { ($0.0, JSONText.number($0.1)) })))
        }
        return JSONText.object(fields)
    }
}
