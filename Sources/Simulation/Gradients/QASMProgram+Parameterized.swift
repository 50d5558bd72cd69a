import CircuitIR
import QKSupport

extension QASMProgram {
    /// The program as a `ParameterizedCircuit` in the inputs `trainable`, exact to first order at
    /// `theta`: its local affine expansion.
    ///
    /// Every rotation whose angle `phi(theta)` depends on a trainable input becomes
    /// `exp(-i (c + sum_p g_p theta_p)/2 P)` with `g_p = d phi / d theta_p` at `theta` and
    /// `c = phi(theta) - sum_p g_p theta_p`; everything else stays a fixed operation. At `theta`
    /// the circuit's state is the program's, and by the chain rule the adjoint or parameter-shift
    /// gradient of any expectation is the exact gradient of the program's. (Away from `theta` a
    /// nonlinear angle such as `sin(theta0)` is only approximated, so rebuild at each new point;
    /// parsing is done once.)
    ///
    /// - Parameters:
    ///   - trainable: names of the `input`s that `theta` holds, in order.
    ///   - fixed: values of the other inputs.
    ///   - theta: the trainable inputs' values.
    /// - Throws: `InputError` from `linearized(trainable:parameters:)` (a trainable input entering a
    ///   non-rotation gate names the file, line and gate), for a `theta` of the wrong length, or for
    ///   measurements, resets or conditions in the program.
    public func parameterizedCircuit(
        trainable: [String], fixed: [String: Double] = [:], at theta: [Double]
    ) throws -> ParameterizedCircuit {
        guard theta.count == trainable.count else {
            throw InputError("\(trainable.count) trainable inputs but theta has \(theta.count) values", file: fileName)
        }
        var parameters = fixed
        for (name, value) in zip(trainable, theta) { parameters[name] = value }
        let steps = try linearized(trainable: trainable, parameters: parameters)
        var circuit = try ParameterizedCircuit(qubitCount: qubitCount, parameterCount: trainable.count)
        for step in steps {
            switch step {
            case .fixed(let op):
                if case .barrier = op.kind { continue }
                guard op.isUnitary, op.condition == nil else {
                    throw InputError("the circuit must be unitary: '\(op.name)' (measure, reset or a condition) cannot be part of it", file: fileName)
                }
                try circuit.append(op)
            case .rotation(let axisName, let qubits, let angle, let gradient):
                guard let axis = ParameterizedCircuit.Axis(rawValue: axisName) else {
                    throw InputError("r\(axisName) is not a supported rotation", file: fileName)
                }
                let terms = gradient.keys.sorted().map { ParameterizedCircuit.Term(parameter: $0, coefficient: gradient[$0] ?? 0) }
                let constant = terms.reduce(angle) { $0 - $1.coefficient * theta[$1.parameter] }
                try circuit.appendRotation(axis, on: qubits, terms: terms, constant: constant)
            }
        }
        return circuit
    }
}
