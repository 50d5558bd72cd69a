import CircuitIR
import Numerics

/// A `ParameterizedCircuit` compiled into a `CircuitTemplate`: each rotation reads its own slot,
/// which `bind` fills with the rotation's affine angle `constant + sum_j c_j theta_{p_j}`, so a new
/// parameter set costs one dot product per rotation and no circuit building.
///
/// Fixed operations become template steps: 1-qubit unitaries, CX and SWAP as themselves, and every
/// diagonal (CZ, CP, S, T, controlled phases, global phases) as a fixed phase layer, fused with
/// the Z-type rotations next to it. RXX and RYY rotations and other multi-qubit unitaries have no
/// template step: compiling throws, and callers keep their per-circuit path.
public struct ParameterizedTemplate: Sendable {
    /// The compiled circuit.
    public let template: CircuitTemplate
    /// The rotations whose angles fill the slots, in slot order.
    public let rotations: [ParameterizedCircuit.Rotation]
    /// Number of parameters `theta` holds.
    public let parameterCount: Int

    /// Compiles `circuit`.
    public init(_ circuit: ParameterizedCircuit) throws {
        let rotations = circuit.gates.compactMap { gate -> ParameterizedCircuit.Rotation? in
            if case .rotation(let r) = gate { return r } else { return nil }
        }
        var t = try CircuitTemplate(qubitCount: circuit.qubitCount, slotCount: rotations.count)
        var slot = 0
        for gate in circuit.gates {
            switch gate {
            case .fixed(let op): try t.append(op)
            case .rotation(let r):
                switch r.axis {
                case .x: try t.appendRotation(.x, on: r.qubits[0], slot: slot)
                case .y: try t.appendRotation(.y, on: r.qubits[0], slot: slot)
                case .z: try t.appendRotation(.z, on: r.qubits[0], slot: slot)
                case .zz:
                    // RZZ(phi) = e^{-i phi/2} e^{i phi parity}.
                    try t.appendPhases(
                        on: r.qubits, terms: [CircuitTemplate.PhaseTerm(mask: 3, slot: slot)],
                        globals: [CircuitTemplate.PhaseTerm(mask: 0, slot: slot, coefficient: -0.5)])
                case .xx, .yy: throw SimulationError.unsupported("r\(r.axis.rawValue) has no batched template step")
                }
                slot += 1
            }
        }
        self.template = t
        self.rotations = rotations
        self.parameterCount = circuit.parameterCount
    }

    /// Writes the slots of parameter set `theta` into lane `lane` of `slots` (slot-major, `lanes`
    /// per slot).
    public func bind(_ theta: [Double], lane: Int, lanes: Int, into slots: UnsafeMutablePointer<Double>) {
        for (s, r) in rotations.enumerated() {
            var phi = r.constant
            for term in r.terms { phi += term.coefficient * theta[term.parameter] }
            slots[s * lanes + lane] = phi
        }
    }
}
