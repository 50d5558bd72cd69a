import CircuitIR
import Simulation

/// A feature map compiled once for batched simulation: the circuit's structure as a
/// `CircuitTemplate` and, for each of its slots, how the angle follows from a data point.
///
/// Binding a point fills its slots with `scale * prod_j f(x_j)` (`f(x) = x` or `pi - x`, after the
/// bandwidth scaling), the only per-point work left: no circuit is built, no gate expanded.
public struct FeatureMapTemplate: Sendable {
    /// A slot's angle `scale * prod_{j in features} f(bandwidth * x_j)`, or for a circuit file the
    /// file's angle expression at the (scaled) point.
    struct Angle: Sendable {
        var features: [Int] = []
        /// `f(x) = pi - x` (Pauli maps' multi-qubit terms) instead of `f(x) = x`.
        var shifted = false
        var scale = 1.0
    }

    /// The compiled circuit `U(.)`.
    public let template: CircuitTemplate
    let angles: [Angle]
    let bandwidth: Double
    /// For a circuit file: the compiled file, and the feature index of each declared input in
    /// declaration order.
    var program: CompiledProgram? = nil
    var inputFeatures: [Int] = []

    /// Writes the slots of the point `x` (its `featureCount` values) into lane `lane` of `slots`
    /// (slot-major, `lanes` per slot).
    public func bind(_ x: UnsafePointer<Double>, lane: Int, lanes: Int, into slots: UnsafeMutablePointer<Double>) throws {
        if let program {
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, inputFeatures.count)) { inputs in
                for (j, f) in inputFeatures.enumerated() { inputs[j] = bandwidth == 1 ? x[f] : x[f] * bandwidth }
                try program.bind(inputs.baseAddress!, lane: lane, lanes: lanes, into: slots)
            }
            return
        }
        for (s, a) in angles.enumerated() {
            var p = 1.0
            for j in a.features {
                let v = bandwidth == 1 ? x[j] : x[j] * bandwidth
                p *= a.shifted ? Double.pi - v : v
            }
            slots[s * lanes + lane] = a.scale * p
        }
    }
}

extension FeatureMap {
    /// The map compiled for batched simulation, or nil for families that need the per-circuit
    /// path (circuits given in code or files, whose angles the template cannot see).
    ///
    /// The steps reproduce `circuit(for:)` gate for gate: Pauli maps' Hadamard layers and basis
    /// changes are fixed gates, each word-group evolution `exp(i alpha phi_S P_S)` is a phase layer
    /// `alpha phi_S parity(l)` on its active qubits; IQP's RZ and MultiRZ are phase layers with a
    /// global `-theta/2`. Consecutive phase layers fuse, so a Z-word repetition is one table, as
    /// in the per-circuit path.
    public func batchTemplate() throws -> FeatureMapTemplate? {
        let n = qubitCount
        var angles: [FeatureMapTemplate.Angle] = []
        switch family {
        case .circuit:
            guard let program = circuitFileProgram else { return nil }
            return fileTemplate(program)
        case .pauli(let words):
            // Slots first (shared by the repetitions), then the steps.
            var plan: [(word: [Character], group: [Int], active: [Int], slot: Int)] = []
            for word in words {
                for group in try entanglement.groups(qubitCount: n, size: word.count) {
                    let letters = Array(word.reversed())
                    let active = group.indices.filter { letters[$0] != "I" }
                    if active.isEmpty { continue }
                    plan.append((letters, group, active, angles.count))
                    angles.append(FeatureMapTemplate.Angle(features: group, shifted: group.count > 1, scale: alpha))
                }
            }
            var t = try CircuitTemplate(qubitCount: n, slotCount: angles.count)
            for _ in 0..<reps {
                for q in 0..<n { try t.append(FeatureMapGates.h, on: q) }
                for term in plan {
                    for j in term.active where term.word[j] != "Z" {
                        try t.append(term.word[j] == "X" ? FeatureMapGates.h : FeatureMapGates.rxHalfPi, on: term.group[j])
                    }
                    let qubits = term.active.map { term.group[$0] }
                    try t.appendPhases(on: qubits, terms: [CircuitTemplate.PhaseTerm(mask: (1 << qubits.count) - 1, slot: term.slot)])
                    for j in term.active where term.word[j] != "Z" {
                        try t.append(term.word[j] == "X" ? FeatureMapGates.h : FeatureMapGates.rxHalfPi.adjoint, on: term.group[j])
                    }
                }
            }
            return FeatureMapTemplate(template: t, angles: angles, bandwidth: bandwidth)
        case .iqp:
            let pairs = try entanglement.groups(qubitCount: n, size: 2)
            for q in 0..<n { angles.append(FeatureMapTemplate.Angle(features: [q], shifted: false, scale: alpha)) }
            for p in pairs { angles.append(FeatureMapTemplate.Angle(features: p, shifted: false, scale: alpha)) }
            var t = try CircuitTemplate(qubitCount: n, slotCount: angles.count)
            for _ in 0..<reps {
                for q in 0..<n { try t.append(FeatureMapGates.h, on: q) }
                // RZ(theta) and MultiRZ(theta) are e^{-i theta/2} times e^{i theta parity}.
                for q in 0..<n {
                    try t.appendPhases(on: [q], terms: [CircuitTemplate.PhaseTerm(mask: 1, slot: q)], globals: [CircuitTemplate.PhaseTerm(mask: 0, slot: q, coefficient: -0.5)])
                }
                for (j, p) in pairs.enumerated() {
                    try t.appendPhases(on: p, terms: [CircuitTemplate.PhaseTerm(mask: 3, slot: n + j)], globals: [CircuitTemplate.PhaseTerm(mask: 0, slot: n + j, coefficient: -0.5)])
                }
            }
            return FeatureMapTemplate(template: t, angles: angles, bandwidth: bandwidth)
        }
    }

    /// A circuit file's template (`CompiledProgram`), its inputs `x<i>` read from feature `i`;
    /// nil (per-circuit path) when the file has steps a template cannot hold (measurements, RXX,
    /// inputs in other gates), which the per-circuit path then handles or reports.
    private func fileTemplate(_ program: QASMProgram) -> FeatureMapTemplate? {
        let inputFeatures = program.inputs.compactMap { Int($0.dropFirst()) }
        guard inputFeatures.count == program.inputs.count, let compiled = CompiledProgram(program) else { return nil }
        var map = FeatureMapTemplate(template: compiled.template, angles: [], bandwidth: bandwidth)
        map.program = compiled
        map.inputFeatures = inputFeatures
        return map
    }
}
