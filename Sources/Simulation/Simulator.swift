import CircuitIR
import Numerics
import QKSupport

/// Runs circuits on a `StateVector`: the unitary parts through the C kernels, measurements, resets
/// and classical conditions through a seeded generator.
///
/// Two ways to get counts, chosen per circuit (`Circuit.needsShotByShot`): a circuit whose only
/// measurements are terminal is simulated once and its final state sampled for all shots; one with
/// mid-circuit measurement, reset or `if` is run shot by shot, with the unitary prefix before the
/// first such operation computed once and reused when a second state fits in memory.
public struct Simulator: Sendable {
    /// Which kernels to use.
    public var instructionSet: InstructionSet
    /// How to split work over threads.
    public var parallelism: Parallelism

    /// Creates a simulator.
    public init(instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()) {
        self.instructionSet = instructionSet
        self.parallelism = parallelism
    }

    /// The state at the end of `circuit`, from `|0...0>`.
    ///
    /// Terminal measurements are left out (the state before them, as Qiskit's
    /// `Statevector(circuit.remove_final_measurements())`); a circuit that measures, resets or
    /// branches mid-way follows one trajectory drawn with `seed`.
    public func statevector(_ circuit: Circuit, seed: UInt64 = 0) throws -> StateVector {
        let state = try StateVector(qubitCount: circuit.qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        try run(circuit, into: state, seed: seed)
        return state
    }

    /// Like `statevector(_:seed:)`, but into an existing state of the right size, reusing its
    /// memory: the loop body when many circuits are simulated one after another.
    public func run<State: QuantumState>(_ circuit: Circuit, into state: State, seed: UInt64 = 0) throws {
        guard state.qubitCount == circuit.qubitCount else {
            throw SimulationError.unsupported("the circuit has \(circuit.qubitCount) qubits, the state \(state.qubitCount)")
        }
        state.setZero()
        var rng = SeededGenerator(seed: seed)
        var clbits = [Bool](repeating: false, count: circuit.clbitCount)
        let stochastic = circuit.needsShotByShot
        var phase = 0.0
        for op in circuit.operations {
            if !stochastic, case .measure = op.kind { continue }
            try execute(op, on: state, clbits: &clbits, rng: &rng, globalPhase: &phase)
        }
        if phase != 0 { state.applyPhase(Complex(length: 1, phase: phase), whereQubits: [], read: []) }
    }

    /// Measurement counts over `shots` runs of `circuit`, reproducible for a given `seed`.
    ///
    /// A circuit without any `measure` is measured on all qubits at the end (labels are then the
    /// n-bit basis state, qubit 0 rightmost).
    public func counts(_ circuit: Circuit, shots: Int, seed: UInt64) throws -> Counts {
        precondition(shots >= 0, "shots must be non-negative")
        if !circuit.needsShotByShot {
            return Counts(sampling: try statevector(circuit, seed: seed), circuit: circuit, shots: shots, seed: seed)
        }
        var rng = SeededGenerator(seed: seed)
        return try countsShotByShot(circuit, shots: shots, rng: &rng, as: StateVector.self)
    }

    func countsShotByShot<State: QuantumState>(
        _ circuit: Circuit, shots: Int, rng: inout SeededGenerator, as _: State.Type
    ) throws -> Counts {
        let ops = circuit.operations
        let prefixEnd = ops.firstIndex { op in
            if op.condition != nil { return true }
            switch op.kind {
            case .measure, .reset: return true
            default: return false
            }
        } ?? ops.count
        let work = try State(qubitCount: circuit.qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        var phase = 0.0
        var clbits = [Bool](repeating: false, count: circuit.clbitCount)
        for op in ops[..<prefixEnd] { try execute(op, on: work, clbits: &clbits, rng: &rng, globalPhase: &phase) }
        // Keep the prefix state for reuse only if a second copy leaves half the free memory.
        let bytes = Double(State.precision.bytesPerAmplitude) * Double(work.count)
        let base: State? =
            prefixEnd > 0 && bytes * 2 < Double(SystemMemory.availableBytes ?? 0) ? try work.copy() : nil
        var result = [String: Int]()
        for shot in 0..<shots {
            if shot > 0 {
                if let base {
                    work.assign(from: base)
                } else {
                    work.setZero()
                    for op in ops[..<prefixEnd] { try execute(op, on: work, clbits: &clbits, rng: &rng, globalPhase: &phase) }
                }
            }
            for k in clbits.indices { clbits[k] = false }
            for op in ops[prefixEnd...] { try execute(op, on: work, clbits: &clbits, rng: &rng, globalPhase: &phase) }
            result[Counts.label(bits: clbits, registers: circuit.classicalRegisters), default: 0] += 1
        }
        return Counts(result)
    }

    /// Applies one operation: unitaries through the kernels, the rest here. Uncontrolled global
    /// phases are accumulated in `globalPhase` rather than costing a pass each.
    func execute(
        _ op: Operation, on state: some QuantumState, clbits: inout [Bool], rng: inout SeededGenerator, globalPhase: inout Double
    ) throws {
        if let condition = op.condition {
            var value: UInt64 = 0
            for (j, c) in condition.clbits.enumerated() where clbits[c] { value |= 1 << UInt64(j) }
            if value != condition.value { return }
        }
        switch op.kind {
        case .measure(let c):
            clbits[c] = state.measure(op.qubits[0], using: &rng)
        case .reset:
            state.reset(op.qubits[0], using: &rng)
        case .barrier:
            return
        case .globalPhase(let phi) where op.controls.isEmpty:
            globalPhase += phi
        default:
            try state.apply(op)
        }
    }
}
