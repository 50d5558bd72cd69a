import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// `BatchedSimulator` on compiled `ParameterizedTemplate`s against the plain simulator on the
/// circuit of each lane's parameters, lane by lane, on both instruction sets.
@Suite struct BatchedSimulatorTests {
    /// A circuit with every kind of step: fixed 1-qubit gates, CX, SWAP, CZ, S/T, a controlled
    /// phase, a global phase, and RX/RY/RZ/RZZ rotations with shared and mixed parameters.
    static func circuit(qubits n: Int, layers: Int) throws -> ParameterizedCircuit {
        let parameterCount = 3 * n * layers + 1
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: parameterCount)
        var p = 0
        for q in 0..<n { try c.append(Operation(.unitary(.h), qubits: [q], name: "h")) }
        for layer in 0..<layers {
            for q in 0..<n {
                try c.appendRotation(.y, on: [q], parameter: p, scale: 1.5)
                try c.appendRotation(.z, on: [q], terms: [.init(parameter: p + 1), .init(parameter: parameterCount - 1, coefficient: -0.5)], constant: 0.3)
                try c.appendRotation(.x, on: [q], parameter: p + 2)
                p += 3
            }
            for q in 0..<(n - 1) { try c.append(Operation(.unitary(.x), qubits: [q + 1], controls: [.init(qubit: q)], name: "cx")) }
            try c.appendRotation(.zz, on: [0, n - 1], parameter: parameterCount - 1)
            try c.append(Operation(.unitary(.z), qubits: [n - 1], controls: [.init(qubit: 0)], name: "cz"))
            try c.append(Operation(.diagonal([.one, Complex(length: 1, phase: Double.pi / 4)]), qubits: [layer % n], name: "t"))
            try c.append(Operation(.diagonal([.one, Complex(length: 1, phase: 0.7)]), qubits: [1], controls: [.init(qubit: 2, value: false)], name: "cp"))
            try c.append(Operation(.swap, qubits: [0, 2], name: "swap"))
            try c.append(Operation(.globalPhase(0.2), qubits: [], name: "gphase"))
            try c.append(Operation(.unitary(.sx), qubits: [n - 1], name: "sx"))
        }
        return c
    }

    @Test(arguments: [3, 4, 6], [InstructionSet.scalar, .avx2])
    func everyLaneMatchesTheSimulator(qubits: Int, isa: InstructionSet) throws {
        guard isa.isAvailable else { return }
        let circuit = try Self.circuit(qubits: qubits, layers: 2)
        var rng = SeededGenerator(seed: UInt64(qubits))
        let used = 5
        let thetas = (0..<used).map { _ in (0..<circuit.parameterCount).map { _ in 4 * rng.normal() } }
        // 6 lanes take the scalar kernels, 8 the AVX2 ones (when isa is avx2), 1 is single-circuit re-binding.
        for lanes in [8, 1] { try expectBatchedLanesMatchSimulator(circuit, thetas: thetas, lanes: lanes, isa: isa) }
        let state = try expectBatchedLanesMatchSimulator(circuit, thetas: thetas, lanes: 6, isa: isa)
        var rows = [Double](repeating: 0, count: used * (2 << qubits))
        rows.withUnsafeMutableBufferPointer { state.copyRows(count: used, to: $0.baseAddress!, rowStride: 2 << qubits) }
        #expect(Array(rows[(2 << qubits)..<(4 << qubits)]) == state.state(lane: 1))
    }

    /// The sweep's shape (layers of RY and RZ on every qubit, then a CX ladder), whose rotations go
    /// two at a time in the tangent form and whose first layer is a product state written as ratios
    /// straight into the ladder's places, at angles where those forms are refused: every RY at pi
    /// (|0> amplitudes of 6e-17, tangents of 1.6e16) or just below it (factors that would overflow
    /// after a dozen pairs), mixed with ordinary lanes. (At 10 qubits and 8 lanes, 5 rotations fall
    /// inside the blocks and 5 outside, and one of the 5 joins the streaming pairs.)
    @Test(arguments: [InstructionSet.scalar, .avx2], [9, 10])
    func tangentPairsAndProductRatiosHoldAtExtremeAngles(isa: InstructionSet, qubits n: Int) throws {
        guard isa.isAvailable else { return }
        let layers = 4
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: 2 * n * layers)
        for layer in 0..<layers {
            for q in 0..<n {
                try c.appendRotation(.y, on: [q], parameter: 2 * (layer * n + q))
                try c.appendRotation(.z, on: [q], parameter: 2 * (layer * n + q) + 1)
            }
            for q in 0..<(n - 1) { try c.append(Operation(.unitary(.x), qubits: [q + 1], controls: [.init(qubit: q)], name: "cx")) }
        }
        var rng = SeededGenerator(seed: 7)
        let ordinary = (0..<5).map { _ in (0..<c.parameterCount).map { _ in 3 * rng.normal() } }
        let atPi = (0..<c.parameterCount).map { $0 % 2 == 0 ? Double.pi : 0.4 }
        let nearPi = (0..<c.parameterCount).map { $0 % 2 == 0 ? Double.pi - 1e-12 : -0.3 }
        let mixed = ordinary[0].enumerated().map { $0.offset % 5 == 0 ? -Double.pi : $0.element }
        let thetas = [ordinary[1], atPi, ordinary[2], nearPi, mixed, ordinary[3], ordinary[4]]
        for lanes in [8, 4, 5, 1] {
            try expectBatchedLanesMatchSimulator(c, thetas: thetas, lanes: lanes, isa: isa)
            // The same batch without the extreme lanes takes the tangent and ratio forms throughout.
            try expectBatchedLanesMatchSimulator(c, thetas: ordinary, lanes: lanes, isa: isa)
        }
    }

    /// 10 qubits, 8 lanes: blocks of 6 qubits, so RY on every qubit and RX on qubits 5 and 9 put
    /// seven rotations inside the blocks and five outside. The one that joins the streaming pairs
    /// must be on a qubit with no other rotation in the run (qubit 4, not 5), since those go first.
    @Test(arguments: [InstructionSet.scalar, .avx2]) func aLowRotationJoinsTheStreamingPairsOnlyAlone(isa: InstructionSet) throws {
        guard isa.isAvailable else { return }
        let n = 10
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: 3 * n)
        for q in 0..<(n - 1) { try c.append(Operation(.unitary(.x), qubits: [q + 1], controls: [.init(qubit: q)], name: "cx")) }
        for q in 0..<n { try c.appendRotation(.y, on: [q], parameter: q) }
        try c.appendRotation(.x, on: [5], parameter: n)
        try c.appendRotation(.x, on: [9], parameter: n + 1)
        for q in 0..<n { try c.appendRotation(.z, on: [q], parameter: n + 2 + q) }
        var rng = SeededGenerator(seed: 17)
        let thetas = (0..<8).map { _ in (0..<c.parameterCount).map { _ in 2 * rng.normal() } }
        try expectBatchedLanesMatchSimulator(c, thetas: thetas, lanes: 8, isa: isa)
    }

    @Test func consecutiveDiagonalsFuseIntoOneLayer() throws {
        var c = try ParameterizedCircuit(qubitCount: 4, parameterCount: 2)
        try c.append(Operation(.unitary(.h), qubits: [0], name: "h"))
        try c.appendRotation(.z, on: [0], parameter: 0)
        try c.appendRotation(.zz, on: [1, 2], parameter: 1)
        try c.append(Operation(.unitary(.z), qubits: [3], controls: [.init(qubit: 0)], name: "cz"))
        try c.append(Operation(.unitary(.h), qubits: [1], name: "h"))
        let t = try ParameterizedTemplate(c).template
        #expect(t.gateCount == 5)
        #expect(t.steps.count == 3, "h, one fused phase layer, h")
        if case .phases(let layer) = t.steps[1] {
            #expect(Set(layer.qubits) == [0, 1, 2, 3])
            #expect(layer.terms.count == 2 && layer.fixed != nil)
        } else {
            Issue.record("the middle step should be a phase layer")
        }
    }

    @Test func phaseLayersMoveAcrossGatesOnOtherQubits() throws {
        // RY RZ on each qubit in turn: every RZ joins one layer, as RZ commutes with RY elsewhere.
        var c = try ParameterizedCircuit(qubitCount: 3, parameterCount: 6)
        for q in 0..<3 {
            try c.appendRotation(.y, on: [q], parameter: 2 * q)
            try c.appendRotation(.z, on: [q], parameter: 2 * q + 1)
        }
        let t = try ParameterizedTemplate(c).template
        #expect(t.steps.count == 4, "three RY and one phase layer")
        if case .phases(let layer) = t.steps.last { #expect(layer.qubits == [0, 1, 2]) } else { Issue.record("a phase layer last") }
        // A phase layer never moves across a gate on its own qubit.
        var d = try ParameterizedCircuit(qubitCount: 2, parameterCount: 3)
        try d.appendRotation(.z, on: [0], parameter: 0)
        try d.appendRotation(.x, on: [0], parameter: 1)
        try d.appendRotation(.z, on: [0], parameter: 2)
        #expect(try ParameterizedTemplate(d).template.steps.count == 3)
    }

    @Test func layersWiderThanTheLimitStaySeparate() throws {
        var t = try CircuitTemplate(qubitCount: 4, slotCount: 1, maxPhaseQubits: 2)
        try t.appendPhases(on: [0, 1], terms: [.init(mask: 3, slot: 0)])
        try t.appendPhases(on: [2], terms: [.init(mask: 1, slot: 0)])
        #expect(t.steps.count == 2)
    }

    @Test func unsupportedGatesAndBadTemplatesThrow() throws {
        var c = try ParameterizedCircuit(qubitCount: 2, parameterCount: 1)
        try c.appendRotation(.xx, on: [0, 1], parameter: 0)
        #expect(throws: SimulationError.self) { try ParameterizedTemplate(c) }
        var d = try ParameterizedCircuit(qubitCount: 2, parameterCount: 0)
        try d.append(Operation(.unitary(.h), qubits: [1], controls: [.init(qubit: 0)], name: "ch"))
        #expect(throws: SimulationError.self) { try ParameterizedTemplate(d) }
        var t = try CircuitTemplate(qubitCount: 2, slotCount: 1)
        #expect(throws: SimulationError.self) { try t.appendRotation(.x, on: 0, slot: 1) }
        #expect(throws: SimulationError.self) { try t.appendCX(control: 0, target: 0) }
        #expect(throws: SimulationError.self) { try t.append(.h, on: 2) }
    }
}
