import CircuitIR
import QKSupport

/// Running circuits at either precision: the run loop (`run(_:into:seed:)`) and the shot-by-shot
/// loop are generic over `QuantumState`, so single precision shares them rather than copying them.
extension Simulator {
    /// The state at the end of `circuit`, from `|0...0>`, in the precision of `State`
    /// (`StateVector.self` or `SinglePrecisionStateVector.self`); terminal measurements are left
    /// out as in `statevector(_:seed:)`.
    public func statevector<State: QuantumState>(_ circuit: Circuit, seed: UInt64 = 0, as _: State.Type) throws -> State {
        let state = try State(qubitCount: circuit.qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        try run(circuit, into: state, seed: seed)
        return state
    }

    /// The final state of `circuit` in single precision (complex64): half the memory of
    /// `statevector(_:seed:)`, amplitudes accurate to about `1e-6`.
    public func singlePrecisionStatevector(_ circuit: Circuit, seed: UInt64 = 0) throws -> SinglePrecisionStateVector {
        try statevector(circuit, seed: seed, as: SinglePrecisionStateVector.self)
    }

    /// Measurement counts over `shots` runs of `circuit` in the precision of `State`, reproducible
    /// for a given `seed` (see `counts(_:shots:seed:)`).
    public func counts<State: QuantumState>(_ circuit: Circuit, shots: Int, seed: UInt64, as type: State.Type) throws -> Counts {
        precondition(shots >= 0, "shots must be non-negative")
        if !circuit.needsShotByShot {
            return Counts(sampling: try statevector(circuit, seed: seed, as: type), circuit: circuit, shots: shots, seed: seed)
        }
        var rng = SeededGenerator(seed: seed)
        return try countsShotByShot(circuit, shots: shots, rng: &rng, as: type)
    }

    /// Measurement counts at the given precision.
    public func counts(_ circuit: Circuit, shots: Int, seed: UInt64, precision: Precision) throws -> Counts {
        switch precision {
        case .double: return try counts(circuit, shots: shots, seed: seed, as: StateVector.self)
        case .single: return try counts(circuit, shots: shots, seed: seed, as: SinglePrecisionStateVector.self)
        }
    }
}
