import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// A random parameterised circuit: fixed gates (random 1- and 2-qubit unitaries, a controlled
/// unitary, diagonals, swaps) mixed with rotations about all six axes whose angles reuse
/// parameters, scale them, mix two of them, or are constant.
func randomParameterizedCircuit(qubits n: Int, parameters p: Int, gates: Int, seed: UInt64) throws -> ParameterizedCircuit {
    var rng = SeededGenerator(seed: seed)
    func pick(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    func distinctPair() -> [Int] {
        let a = pick(n)
        var b = pick(n - 1)
        if b >= a { b += 1 }
        return [a, b]
    }
    var c = try ParameterizedCircuit(qubitCount: n, parameterCount: p)
    // Every parameter appears at least once; the rest of the gates are random.
    for k in 0..<gates {
        switch k < p ? 0 : pick(7) {
        case 0, 1, 2:
            let axis = ParameterizedCircuit.Axis.allCases[pick(6)]
            let qubits = axis.qubitCount == 1 ? [pick(n)] : distinctPair()
            var terms = [ParameterizedCircuit.Term(parameter: k < p ? k : pick(p), coefficient: rng.uniform() * 4 - 2)]
            if pick(4) == 0 { terms.append(.init(parameter: pick(p), coefficient: 0.7)) }
            try c.appendRotation(axis, on: qubits, terms: terms, constant: rng.uniform())
        case 3:
            let m = DenseReference.randomUnitary(2, seed: rng.next())
            try c.append(Operation(.unitary(m), qubits: [pick(n)], name: "u"))
        case 4:
            let m = DenseReference.randomUnitary(4, seed: rng.next())
            try c.append(Operation(.unitary(m), qubits: distinctPair(), name: "u2"))
        case 5:
            let q = distinctPair()
            let m = DenseReference.randomUnitary(2, seed: rng.next())
            try c.append(Operation(.unitary(m), qubits: [q[0]], controls: [Control(qubit: q[1])], name: "cu"))
        default:
            let d = (0..<4).map { _ in Complex<Double>(length: 1, phase: rng.uniform() * 6) }
            try c.append(Operation(.diagonal(d), qubits: distinctPair(), name: "diag"))
        }
    }
    try c.appendRotation(.y, on: [0], terms: [], constant: 0.4)  // constant rotation: no gradient
    try c.append(Operation(.swap, qubits: [0, n - 1], name: "swap"))
    return c
}

func randomTheta(_ p: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    return (0..<p).map { _ in rng.uniform() * 2 * Double.pi - Double.pi }
}

/// `<O>` of the plain IR circuit, through the ordinary simulator: the reference value.
func exactExpectation(_ c: ParameterizedCircuit, _ theta: [Double], _ o: Observable, initial: StateVector? = nil) throws -> Double {
    let state = try StateVector(qubitCount: c.qubitCount)
    if let initial { state.assign(from: initial) }
    for op in try c.circuit(theta: theta).operations { try state.apply(op) }
    return try o.expectation(in: state)
}

func centralDifferences(_ c: ParameterizedCircuit, _ theta: [Double], _ o: Observable, h: Double = 1e-5) throws -> [Double] {
    try theta.indices.map { i in
        var up = theta, down = theta
        up[i] += h
        down[i] -= h
        return (try exactExpectation(c, up, o) - exactExpectation(c, down, o)) / (2 * h)
    }
}

func observables(qubits n: Int, seed: UInt64) throws -> [Observable] {
    var rng = SeededGenerator(seed: seed)
    let letters = Array("IXYZ")
    func word() -> String { String((0..<n).map { _ in letters[Int(rng.next() % 4)] }) }
    return [
        .pauli(try PauliString(String(repeating: "Z", count: n))),
        .pauli(try PauliString("Y" + String(repeating: "X", count: n - 1))),
        .sum([.init(0.5, try PauliString(word())), .init(-1.25, try PauliString(word())), .init(2, try PauliString(word()))]),
        .diagonal((0..<(1 << n)).map { _ in rng.normal() }),
        .parity(qubits: n),
    ]
}

@Test(arguments: [(2, 3, 12), (3, 5, 30), (4, 6, 40), (5, 4, 35)])
func adjointEqualsParameterShiftEqualsFiniteDifferences(shape: (qubits: Int, parameters: Int, gates: Int)) throws {
    for trial in 0..<3 {
        let seed = UInt64(100 * shape.qubits + trial)
        let circuit = try randomParameterizedCircuit(qubits: shape.qubits, parameters: shape.parameters, gates: shape.gates, seed: seed)
        let theta = randomTheta(shape.parameters, seed: seed + 1)
        for o in try observables(qubits: shape.qubits, seed: seed + 2) {
            let adjoint = try AdjointDifferentiator().gradient(of: circuit, at: theta, observable: o)
            let shift = try ParameterShift().gradient(of: circuit, at: theta, observable: o)
            let fd = try centralDifferences(circuit, theta, o)
            #expect(isClose(adjoint.expectation, try exactExpectation(circuit, theta, o), absolute: 1e-12))
            #expect(maxAbsDifference(adjoint.gradient, shift) < 1e-12, "adjoint vs shift, \(o.form)")
            #expect(maxAbsDifference(adjoint.gradient, fd) < 1e-8, "adjoint vs finite differences, \(o.form)")
            // The gradient is not trivially zero.
            #expect(adjoint.gradient.contains { abs($0) > 1e-3 })
        }
    }
}

@Test func gradientsFromAPreparedInitialState() throws {
    let circuit = try randomParameterizedCircuit(qubits: 3, parameters: 4, gates: 20, seed: 9)
    let theta = randomTheta(4, seed: 10)
    let initial = try StateVector(
        interleaved: DenseReference.randomState(qubits: 3, seed: 11).flatMap { [$0.real, $0.imaginary] })
    let o = Observable.diagonal([0.1, -2, 0.3, 1, 0, 0.5, -0.7, 2])
    let adjoint = try AdjointDifferentiator().gradient(of: circuit, at: theta, observable: o, from: initial)
    let shift = try ParameterShift().gradient(of: circuit, at: theta, observable: o, from: initial)
    let h = 1e-5
    let fd = try theta.indices.map { i in
        var up = theta, down = theta
        up[i] += h
        down[i] -= h
        return (try exactExpectation(circuit, up, o, initial: initial) - exactExpectation(circuit, down, o, initial: initial)) / (2 * h)
    }
    #expect(maxAbsDifference(adjoint.gradient, shift) < 1e-12)
    #expect(maxAbsDifference(adjoint.gradient, fd) < 1e-8)
}

@Test func rotationMatricesAreExponentialsOfPaulis() throws {
    // exp(-i a/2 P) = cos(a/2) I - i sin(a/2) P for any P with P^2 = I; P built here by Kronecker
    // products in the little-endian local basis (local index bit(q0) + 2 bit(q1)).
    let i = Complex<Double>(0, 1)
    let single: [ParameterizedCircuit.Axis: [[Complex<Double>]]] = [
        .x: [[.zero, .one], [.one, .zero]], .y: [[.zero, -i], [i, .zero]], .z: [[.one, .zero], [.zero, -.one]],
    ]
    func kron(_ a: [[Complex<Double>]], _ b: [[Complex<Double>]]) -> [[Complex<Double>]] {
        // qubit 0 is the low bit: (A on q1) (x) (B on q0), entry [(r1 r0), (c1 c0)] = A[r1][c1] B[r0][c0].
        (0..<4).map { r in (0..<4).map { c in a[r >> 1][c >> 1] * b[r & 1][c & 1] } }
    }
    let angle = 0.8371
    for axis in ParameterizedCircuit.Axis.allCases {
        let p: [[Complex<Double>]]
        switch axis {
        case .x, .y, .z: p = single[axis]!
        case .xx: p = kron(single[.x]!, single[.x]!)
        case .yy: p = kron(single[.y]!, single[.y]!)
        case .zz: p = kron(single[.z]!, single[.z]!)
        }
        let qubits = axis.qubitCount == 1 ? [0] : [0, 1]
        let op = ParameterizedCircuit.operation(axis, qubits, angle: angle)
        let u = DenseReference.matrix(of: op, qubits: axis.qubitCount)
        for r in p.indices {
            for c in p.indices {
                let expected = (r == c ? Complex(Double.cos(angle / 2)) : .zero) - i * Complex(Double.sin(angle / 2)) * p[r][c]
                #expect((u[r][c] - expected).length < 1e-15, "\(axis) [\(r)][\(c)]")
            }
        }
    }
}

@Test func adjointCostDoesNotGrowWithParameterCount() throws {
    // One fixed circuit of 60 rotations on 4 qubits; make 1, 10 or all 60 of them trainable.
    // Adjoint: forward G + backward 2G + 3 per trainable gate, i.e. at most about 6 forward passes
    // even with every gate trainable. Parameter shift: 2 full runs per trainable gate.
    let n = 4, g = 60
    var forwardPasses: [Int] = [], adjointPasses: [Int] = [], shiftPasses: [Int] = []
    for trainable in [1, 10, 60] {
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: trainable)
        for k in 0..<g {
            let axis: ParameterizedCircuit.Axis = k % 3 == 0 ? .zz : (k % 3 == 1 ? .x : .y)
            let qubits = axis == .zz ? [k % n, (k + 1) % n] : [k % n]
            // Trainable gates are the first `trainable` ones, so the backward sweep runs over all G.
            if k < trainable {
                try c.appendRotation(axis, on: qubits, parameter: k)
            } else {
                try c.appendRotation(axis, on: qubits, terms: [], constant: 0.1 * Double(k))
            }
        }
        let theta = randomTheta(trainable, seed: 5)
        let o = Observable.parity(qubits: n)
        let adjoint = try AdjointDifferentiator().gradient(of: c, at: theta, observable: o)
        let shift = try ParameterShift().gradient(of: c, at: theta) { try o.expectation(in: $0) }
        #expect(maxAbsDifference(adjoint.gradient, shift.gradient) < 1e-12)
        forwardPasses.append(g)
        adjointPasses.append(adjoint.passes)
        shiftPasses.append(shift.passes)
    }
    // 60 forward + 1 observable + 1 inner + 2 * 59 backward + 3 per trainable gate.
    #expect(adjointPasses == [60 + 2 + 118 + 3, 60 + 2 + 118 + 30, 60 + 2 + 118 + 180])
    #expect(adjointPasses.allSatisfy { Double($0) <= 6.1 * Double(g) })
    #expect(shiftPasses == [1, 10, 60].map { 2 * $0 * (g + 1) })
}

@Test func invalidParameterisedCircuitsAreRejected() throws {
    var c = try ParameterizedCircuit(qubitCount: 2, parameterCount: 1)
    #expect(throws: SimulationError.self) { try c.appendRotation(.zz, on: [0], parameter: 0) }
    #expect(throws: SimulationError.self) { try c.appendRotation(.x, on: [2], parameter: 0) }
    #expect(throws: SimulationError.self) { try c.appendRotation(.x, on: [0], parameter: 1) }
    #expect(throws: SimulationError.self) { try c.append(Operation(.measure(clbit: 0), qubits: [0], name: "measure")) }
    try c.appendRotation(.x, on: [0], parameter: 0)
    #expect(throws: SimulationError.self) { try AdjointDifferentiator().gradient(of: c, at: [1, 2], observable: .parity(qubits: 2)) }
    #expect(throws: SimulationError.self) { try AdjointDifferentiator().gradient(of: c, at: [1], observable: .diagonal([1, 2])) }
    #expect(throws: SimulationError.self) {
        try AdjointDifferentiator().gradient(of: c, at: [1], observable: .pauli(try PauliString("ZZZ")))
    }
}
