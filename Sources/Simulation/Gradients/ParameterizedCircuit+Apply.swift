import CircuitIR
import Numerics

/// Running a `ParameterizedCircuit` forwards and backwards on a state.
extension ParameterizedCircuit {
    /// Applies gates `range` at `theta` to `state`. `shift` adds `delta` to the angle of one gate
    /// (the parameter-shift rule's evaluations). Returns the number of gate passes.
    @discardableResult
    func apply(
        _ range: Range<Int>, theta: [Double], to state: StateVector, shift: (gate: Int, delta: Double)? = nil
    ) throws -> Int {
        for g in range {
            switch gates[g] {
            case .fixed(let op): try state.apply(op)
            case .rotation(let r):
                var angle = r.angle(theta)
                if let shift, shift.gate == g { angle += shift.delta }
                try state.apply(Self.operation(r.axis, r.qubits, angle: angle))
            }
        }
        return range.count
    }

    /// Applies the inverse of gate `g` at `theta`.
    func unapply(_ g: Int, theta: [Double], to state: StateVector) throws {
        switch gates[g] {
        case .fixed(let op): try state.apply(Self.inverse(op))
        case .rotation(let r): try state.apply(Self.operation(r.axis, r.qubits, angle: -r.angle(theta)))
        }
    }

    /// The inverse of a unitary IR operation (same qubits and controls).
    static func inverse(_ op: Operation) -> Operation {
        var inv = op
        switch op.kind {
        case .unitary(let m): inv.kind = .unitary(m.adjoint)
        case .diagonal(let d): inv.kind = .diagonal(d.map(\.conjugate))
        case .globalPhase(let phi): inv.kind = .globalPhase(-phi)
        case .fourier(let inverse): inv.kind = .fourier(inverse: !inverse)
        case .swap, .measure, .reset, .barrier: break  // swap is its own inverse; the rest are never stored
        }
        return inv
    }
}

extension StateVector {
    /// Applies the generator `P` of a rotation (X, Y, Z, or the two-qubit products) as an operator.
    func applyGenerator(_ axis: ParameterizedCircuit.Axis, on qubits: [Int]) {
        switch axis {
        case .x, .xx: for q in qubits { applyMatrix1(PauliMatrices.x, target: q) }
        case .y, .yy: for q in qubits { applyMatrix1(PauliMatrices.y, target: q) }
        case .z: applyPhase(Complex(-1), whereQubits: qubits, read: [true])
        case .zz:
            // Z Z = -1 exactly where the two bits differ: two phase passes touching a quarter each.
            applyPhase(Complex(-1), whereQubits: qubits, read: [true, false])
            applyPhase(Complex(-1), whereQubits: qubits, read: [false, true])
        }
    }
}
