import CircuitIR
import QKSupport

/// Gradients by the parameter-shift rule (Mitarai et al. 2018; Schuld et al. 2019), the rule a
/// quantum computer can use: for `U = exp(-i phi/2 P)` with `P` a Pauli string (generator
/// eigenvalues `+-1/2`), any expectation of the circuit's output state satisfies exactly
///
///     df/dphi = [f(phi + pi/2) - f(phi - pi/2)] / 2,
///
/// and `df/dtheta_p = sum_k (dphi_k/dtheta_p) df/dphi_k` over the trainable gates, each shifted on
/// its own (a parameter used by several gates needs each gate shifted separately). Each shifted
/// circuit is simulated in full, as it would be run on hardware: `2 G_t` circuit runs for `G_t`
/// trainable gates, so the cost grows linearly with the parameters. Because only `f` of the
/// shifted states is needed, `f` may be estimated from shots (`measure`), which keeps the estimate
/// unbiased.
public struct ParameterShift: Sendable {
    /// Kernels for the work state.
    public var instructionSet: InstructionSet
    /// Threads inside each state operation.
    public var parallelism: Parallelism

    /// Creates the rule.
    public init(instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()) {
        self.instructionSet = instructionSet
        self.parallelism = parallelism
    }

    /// `df/dtheta` for `f = measure(final state)`, the circuit applied to `initial` (default
    /// `|0...0>`), using `state` as the work state when given. `measure` is called once per
    /// shifted circuit, in gate order (minus shift then plus shift), so a seeded sampler inside it
    /// gives reproducible shot-based gradients. Returns the gradient and the state passes spent.
    public func gradient(
        of circuit: ParameterizedCircuit, at theta: [Double], from initial: StateVector? = nil, state: StateVector? = nil,
        measure: (StateVector) throws -> Double
    ) throws -> (gradient: [Double], passes: Int) {
        try circuit.checkTheta(theta)
        let n = circuit.qubitCount
        let work = try state ?? StateVector(qubitCount: n, instructionSet: instructionSet, parallelism: parallelism)
        guard work.qubitCount == n, initial.map({ $0.qubitCount == n }) ?? true else {
            throw SimulationError.unsupported("the work or initial state does not have the circuit's \(n) qubits")
        }
        var gradient = [Double](repeating: 0, count: circuit.parameterCount)
        var passes = 0
        for g in circuit.trainableGateIndices {
            guard case .rotation(let r) = circuit.gates[g] else { continue }
            var values: [Double] = []
            for delta in [-Double.pi / 2, Double.pi / 2] {
                if let initial {
                    work.assign(from: initial)
                } else {
                    work.setZero()
                }
                passes += 1 + (try circuit.apply(0..<circuit.gates.count, theta: theta, to: work, shift: (g, delta)))
                values.append(try measure(work))
            }
            let slope = (values[1] - values[0]) / 2
            for t in r.terms { gradient[t.parameter] += t.coefficient * slope }
        }
        return (gradient, passes)
    }

    /// `d<O>/dtheta` with the exact expectation of `observable`.
    public func gradient(
        of circuit: ParameterizedCircuit, at theta: [Double], observable: Observable, from initial: StateVector? = nil
    ) throws -> [Double] {
        try gradient(of: circuit, at: theta, from: initial) { try observable.expectation(in: $0) }.gradient
    }
}
