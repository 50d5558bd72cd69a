import CircuitIR
import QKSupport
import Simulation
import Testing
import _TestSupport

/// A QASM 3 ansatz that exercises what the forward-mode derivatives must get right: nested gate
/// definitions, a parameter used in several gates and scaled, nonlinear angles, `inv @` and
/// `pow @`, `p` and `u3` with trainable angles, and a fixed (non-trainable) input.
let nestedAnsatzSource = """
    OPENQASM 3.0;
    include "stdgates.inc";
    include "qelib1.inc";
    input float[64] theta0;
    input float[64] theta1;
    input float[64] theta2;
    input float[64] x0;
    qubit[3] q;
    gate layer(a, b) u, v {
      ry(2 * a) u;
      rz(b - a) v;
      rzz(b) u, v;
    }
    gate wrap(c) u {
      rx(sin(c)) u;
      inv @ rz(exp(c) / 3) u;
    }
    gate outer(a, b, c) u, v, w {
      layer(a, b) u, v;
      cx u, w;
      wrap(c) w;
    }
    h q;
    outer(theta0, theta1, theta2) q[0], q[1], q[2];
    p(theta1 * x0) q[2];
    u3(theta2, theta0 * theta1, 0.3) q[1];
    pow(2) @ rxx(theta0 + 0.5 * theta2) q[0], q[2];
    ry(x0) q[0];
    rzz(cos(theta1) * theta2) q[1], q[2];
    """

private let trainable = ["theta0", "theta1", "theta2"]

private func programState(_ program: QASMProgram, _ theta: [Double], x0: Double) throws -> StateVector {
    var parameters = ["x0": x0]
    for (n, v) in zip(trainable, theta) { parameters[n] = v }
    let state = try StateVector(qubitCount: program.qubitCount)
    for op in try program.circuit(parameters: parameters).operations { try state.apply(op) }
    return state
}

@Test func linearizedQASMAnsatzHasTheProgramsStateAndExactGradients() throws {
    let program = try QASMProgram.parse(source: nestedAnsatzSource, fileName: "nested.qasm")
    let o = Observable.sum([
        .init(0.7, try PauliString("ZXY")), .init(-1.3, try PauliString("XZI")), .init(0.4, try PauliString("YYZ")),
    ])
    for trial in 0..<5 {
        let theta = randomTheta(3, seed: 900 + UInt64(trial))
        let x0 = 0.37 * Double(trial + 1)
        let circuit = try program.parameterizedCircuit(trainable: trainable, fixed: ["x0": x0], at: theta)
        #expect(circuit.trainableGateIndices.count >= 10)
        let state = try StateVector(qubitCount: 3)
        for op in try circuit.circuit(theta: theta).operations { try state.apply(op) }
        let reference = try programState(program, theta, x0: x0)
        #expect(state.fidelity(with: reference) > 1 - 1e-12)

        let adjoint = try AdjointDifferentiator().gradient(of: circuit, at: theta, observable: o)
        let shift = try ParameterShift().gradient(of: circuit, at: theta, observable: o)
        // Central differences of the program itself (rebuilt from the file at each point), so a
        // wrong derivative of any angle expression would show.
        let h = 1e-5
        let fd = try theta.indices.map { i in
            var up = theta, down = theta
            up[i] += h
            down[i] -= h
            return (try o.expectation(in: programState(program, up, x0: x0)) - o.expectation(in: programState(program, down, x0: x0))) / (2 * h)
        }
        #expect(isClose(adjoint.expectation, try o.expectation(in: reference), absolute: 1e-12))
        #expect(maxAbsDifference(adjoint.gradient, shift) < 1e-12)
        #expect(maxAbsDifference(adjoint.gradient, fd) < 1e-8, "adjoint \(adjoint.gradient) fd \(fd)")
        #expect(adjoint.gradient.contains { abs($0) > 1e-2 })
    }
}

@Test func trainableInputInANonRotationGateIsAnInputError() throws {
    let cases: [(String, String)] = [
        ("cry(theta0) q[0], q[1];", "cry"),
        ("ctrl @ rx(theta0) q[0], q[1];", "controlled rotation"),
        ("gate g(a) u { U(0, 0, 0) u; gphase(a); }\ng(theta0) q[0];", "gphase"),
    ]
    for (line, gate) in cases {
        let source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta0;\nqubit[2] q;\n" + line + "\n"
        let program = try QASMProgram.parse(source: source, fileName: "bad.qasm")
        // The plain circuit is fine; only differentiating through the gate is refused.
        _ = try program.circuit(parameters: ["theta0": 0.3])
        do {
            _ = try program.parameterizedCircuit(trainable: ["theta0"], at: [0.3])
            Issue.record("expected an error for \(line)")
        } catch let e as InputError {
            let text = "\(e)"
            #expect(text.contains("bad.qasm") && text.contains(gate), "\(text)")
            #expect(e.line == 5 || e.line == 6, "\(text)")
        }
    }
}
