import CircuitIR
import Numerics
import QKSupport

/// Exact gradients of `f(theta) = <psi(theta)|O|psi(theta)>` by adjoint differentiation
/// (Jones & Gacon 2020, "Efficient calculation of gradients in classical simulations of
/// variational quantum algorithms", arXiv:2009.02823).
///
/// With `|psi> = U_N ... U_1 |psi_0>`, write `|phi_k> = U_k ... U_1 |psi_0>` (the state after gate
/// k) and `|lambda_k> = U_{k+1}^dagger ... U_N^dagger O |psi>`. For a rotation
/// `U_k = exp(-i phi_k/2 P_k)`, `dU_k/dphi_k = -i/2 P_k U_k`, so
///
///     df/dphi_k = 2 Re <lambda_k| dU_k/dphi_k |phi_{k-1}> = 2 Re(-i/2 <lambda_k|P_k|phi_k>)
///               = Im <lambda_k|P_k|phi_k>,
///
/// and `df/dtheta_p = sum_k (dphi_k/dtheta_p) df/dphi_k` over the gates whose angle involves `p`.
/// One forward pass gives `|phi_N> = |psi>` and `|lambda_N> = O|psi>`; a backward sweep then
/// un-applies `U_k^dagger` to both, and at each trainable gate copies `|phi_k>`, applies `P_k`
/// and takes one inner product. The sweep stops at the first trainable gate: a fixed prefix (a
/// feature map) is never un-applied. Cost: `G` gate passes forward, `2G'` backward (`G'` gates
/// from the first trainable one on) and 3 passes (copy, generator, inner product) per trainable
/// gate: between 3 and 6 forward passes whatever the number of parameters (parameter shift needs
/// 2 per trainable gate), and three states of memory.
public struct AdjointDifferentiator: Sendable {
    /// Kernels for the work states.
    public var instructionSet: InstructionSet
    /// Threads inside each state operation (use `.serial` when parallelising over data points).
    public var parallelism: Parallelism

    /// Creates a differentiator.
    public init(instructionSet: InstructionSet = .best, parallelism: Parallelism = Parallelism()) {
        self.instructionSet = instructionSet
        self.parallelism = parallelism
    }

    /// The value `<O>` and its gradient.
    public struct Result: Sendable {
        /// `<psi(theta)|O|psi(theta)>`.
        public var expectation: Double
        /// `d<O>/dtheta_p` for every parameter.
        public var gradient: [Double]
        /// Passes over a state of size `2^n` (gate applications, copies, inner products and the
        /// observable), the cost measure that is independent of the machine.
        public var passes: Int
    }

    /// Three states of `n` qubits that one thread reuses across many gradients.
    public final class Workspace {
        let phi: StateVector, lambda: StateVector, mu: StateVector

        /// Allocates the states.
        public init(qubitCount: Int, instructionSet: InstructionSet = .best, parallelism: Parallelism = .serial) throws {
            phi = try StateVector(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
            lambda = try StateVector(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
            mu = try StateVector(qubitCount: qubitCount, instructionSet: instructionSet, parallelism: parallelism)
        }
    }

    /// `<O>` and `d<O>/dtheta` for the circuit applied to `initial` (default `|0...0>`).
    public func gradient(
        of circuit: ParameterizedCircuit, at theta: [Double], observable: Observable, from initial: StateVector? = nil,
        workspace: Workspace? = nil
    ) throws -> Result {
        try gradient(of: circuit, at: theta, from: initial, workspace: workspace) { _ in observable }
    }

    /// The vector-Jacobian product form: the observable is chosen after the forward pass from the
    /// final state. For a loss `L(<O_1>, ..., <O_m>)` of several expectations, returning
    /// `O = sum_j (dL/d<O_j>) O_j` (evaluated at the final state) makes `gradient` equal
    /// `dL/dtheta` by the chain rule, still in one backward sweep. `choose` may also record
    /// whatever it needs from the state (probabilities, the loss). The final state it sees is
    /// only valid during the call.
    public func gradient(
        of circuit: ParameterizedCircuit, at theta: [Double], from initial: StateVector? = nil,
        workspace: Workspace? = nil, observable choose: (StateVector) throws -> Observable
    ) throws -> Result {
        try circuit.checkTheta(theta)
        let n = circuit.qubitCount
        let work = try workspace ?? Workspace(qubitCount: n, instructionSet: instructionSet, parallelism: parallelism)
        guard work.phi.qubitCount == n else {
            throw SimulationError.unsupported("the workspace has \(work.phi.qubitCount) qubits, the circuit \(n)")
        }
        let phi = work.phi, lambda = work.lambda, mu = work.mu
        var passes = 0
        if let initial {
            guard initial.qubitCount == n else {
                throw SimulationError.unsupported("the initial state has \(initial.qubitCount) qubits, the circuit \(n)")
            }
            phi.assign(from: initial)
            passes += 1
        } else {
            phi.setZero()
        }
        passes += try circuit.apply(0..<circuit.gates.count, theta: theta, to: phi)

        let observable = try choose(phi)
        passes += try observable.apply(to: phi, into: lambda, scratch: mu)
        let expectation = lambda.inner(phi).real
        passes += 1

        var gradient = [Double](repeating: 0, count: circuit.parameterCount)
        let trainable = circuit.trainableGateIndices
        guard let first = trainable.first else { return Result(expectation: expectation, gradient: gradient, passes: passes) }
        for g in stride(from: circuit.gates.count - 1, through: first, by: -1) {
            if case .rotation(let r) = circuit.gates[g], !r.terms.isEmpty {
                mu.assign(from: phi)
                mu.applyGenerator(r.axis, on: r.qubits)
                let slope = lambda.inner(mu).imaginary
                for t in r.terms { gradient[t.parameter] += t.coefficient * slope }
                passes += 3
            }
            if g > first {
                try circuit.unapply(g, theta: theta, to: phi)
                try circuit.unapply(g, theta: theta, to: lambda)
                passes += 2
            }
        }
        return Result(expectation: expectation, gradient: gradient, passes: passes)
    }
}
