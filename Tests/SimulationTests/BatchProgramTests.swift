import CircuitIR
import Numerics
import QKSupport
import Testing
import _TestSupport

@testable import Simulation

/// What `BatchProgram` lowers a template to (prologue, permutations, separable phase layers), and
/// that every lowered form gives each lane the plain simulator's state.
@Suite struct BatchProgramTests {
    /// `layers` layers of RY and RZ on every qubit then a CX ladder: the 10^4-small-circuits workload.
    static func ladder(qubits n: Int, layers: Int) throws -> ParameterizedCircuit {
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: 2 * n * layers)
        var p = 0
        for _ in 0..<layers {
            for q in 0..<n {
                try c.appendRotation(.y, on: [q], parameter: p)
                try c.appendRotation(.z, on: [q], parameter: p + 1)
                p += 2
            }
            for q in 0..<(n - 1) { try c.append(Operation(.unitary(.x), qubits: [q + 1], controls: [.init(qubit: q)], name: "cx")) }
        }
        return c
    }

    /// Runs `circuit` batched on `lanes` lanes (up to 5 bound to seeded random parameters) and
    /// compares every bound lane with `Simulator`.
    func expectLanesMatch(_ circuit: ParameterizedCircuit, lanes: Int, isa: InstructionSet, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let thetas = (0..<min(lanes, 5)).map { _ in (0..<circuit.parameterCount).map { _ in 4 * rng.normal() } }
        try expectBatchedLanesMatchSimulator(circuit, thetas: thetas, lanes: lanes, isa: isa)
    }

    @Test func theFirstLayerBecomesTheProductStateAndLaddersOnePermutation() throws {
        let c = try Self.ladder(qubits: 5, layers: 3)
        let program = BatchProgram(try ParameterizedTemplate(c).template)
        // Layer 1's RY and RZ are absorbed (the RZ layer is separable: a phase and a global per
        // RZ), layers 2 and 3 are not.
        #expect(program.prologue.count == 15)
        #expect(program.steps.filter { $0.kind == .permutation }.count == 3)
        #expect(program.steps.filter { $0.kind == .cx }.isEmpty)
        #expect(program.steps.filter { $0.kind == .ry }.count == 10)
        #expect(program.layers.count == 2 && program.layers.allSatisfy(\.separable))
    }

    /// The last RZ layer of a ladder is followed only by its CX permutation: dropped, the lanes'
    /// probabilities are unchanged while their states are not (the layer did act); a phase layer
    /// that a rotation follows stays.
    @Test func trailingPhasesAreDroppedForProbabilities() throws {
        let c = try Self.ladder(qubits: 5, layers: 3)
        let compiled = try ParameterizedTemplate(c)
        let full = BatchProgram(compiled.template), dropped = full.droppingTrailingPhases()
        #expect(full.steps.filter { $0.kind == .phases }.count == 2)
        #expect(dropped.steps.filter { $0.kind == .phases }.count == 1)
        #expect(dropped.steps.count == full.steps.count - 1 && dropped.steps.last?.kind == .permutation)
        #expect(dropped.droppingTrailingPhases().steps.count == dropped.steps.count)

        let lanes = 4
        var rng = SeededGenerator(seed: 17)
        var slots = [Double](repeating: 0, count: compiled.template.slotCount * lanes)
        slots.withUnsafeMutableBufferPointer { s in
            for b in 0..<lanes { compiled.bind((0..<c.parameterCount).map { _ in 4 * rng.normal() }, lane: b, lanes: lanes, into: s.baseAddress!) }
        }
        var a = try BatchedState(qubitCount: 5, lanes: lanes, maxPhaseQubits: compiled.template.maxPhaseQubits), b = a
        slots.withUnsafeBufferPointer { s in
            BatchedSimulator.run(full, slots: s, into: &a)
            BatchedSimulator.run(dropped, slots: s, into: &b)
        }
        for lane in 0..<lanes {
            #expect(maxAbsDifference(a.probabilities(lane: lane), b.probabilities(lane: lane)) <= 1e-14)
            #expect(maxAbsDifference(a.state(lane: lane), b.state(lane: lane)) > 1e-3)
        }
    }

    /// At 9 and 10 qubits the rotations on low qubits and the RZ layers after them run in
    /// cache-sized blocks (BatchedSimulator+Blocks) smaller than the state.
    @Test(arguments: [3, 5, 9, 10], [InstructionSet.scalar, .avx2])
    func laddersMatchTheSimulator(qubits: Int, isa: InstructionSet) throws {
        guard isa.isAvailable else { return }
        let c = try Self.ladder(qubits: qubits, layers: 3)
        for lanes in [1, 6, 8, 12] { try expectLanesMatch(c, lanes: lanes, isa: isa, seed: UInt64(lanes)) }
    }

    /// A permutation step's destinations invert its cycles: following the cycles' source map
    /// from a row's destination leads back to the row.
    @Test func permutationDestinationsInvertTheCycles() throws {
        let c = try Self.ladder(qubits: 6, layers: 2)
        let program = BatchProgram(try ParameterizedTemplate(c).template)
        let step = try #require(program.steps.first { $0.kind == .permutation })
        let dimension = 1 << 6
        var source = Array(0..<dimension)
        var at = step.index
        while at < step.index + step.slot {
            let count = Int(program.words[at])
            let cycle = (1...count).map { Int(program.words[at + $0]) }
            for (t, j) in cycle.enumerated() { source[j] = cycle[(t + 1) % count] }
            at += 1 + count
        }
        for i in 0..<dimension { #expect(source[Int(program.words[Int(step.b) + i])] == i) }
        #expect(Set(program.words[Int(step.b)..<(Int(step.b) + dimension)]).count == dimension)
    }

    @Test func blockSizesFitTheL1Budget() {
        #expect(BatchedSimulator.blockQubits(lanes: 12, qubits: 10, withPhase: false) == 6)
        #expect(BatchedSimulator.blockQubits(lanes: 12, qubits: 10, withPhase: true) == 5)
        #expect(BatchedSimulator.blockQubits(lanes: 32, qubits: 8, withPhase: true) == 4)
        #expect(BatchedSimulator.blockQubits(lanes: 1, qubits: 4, withPhase: false) == 4)
    }

    /// Qubit 0 is entangled first; qubits 2 and 3's later gates still join the prologue (RZ and S
    /// as a fixed phase and a phase), qubit 1's do not, nor anything after the ZZ.
    @Test(arguments: [InstructionSet.scalar, .avx2]) func onlyUnentangledQubitsJoinTheProlog(isa: InstructionSet) throws {
        guard isa.isAvailable else { return }
        var c = try ParameterizedCircuit(qubitCount: 4, parameterCount: 7)
        try c.append(Operation(.unitary(.h), qubits: [0], name: "h"))
        try c.append(Operation(.unitary(.x), qubits: [1], controls: [.init(qubit: 0)], name: "cx"))
        try c.appendRotation(.x, on: [1], parameter: 0)
        try c.appendRotation(.y, on: [3], parameter: 1)
        try c.appendRotation(.z, on: [3], terms: [.init(parameter: 2)], constant: 0.4)
        try c.append(Operation(.diagonal([.one, .i]), qubits: [3], name: "s"))
        try c.appendRotation(.y, on: [3], parameter: 3)
        try c.appendRotation(.x, on: [2], parameter: 4)
        try c.appendRotation(.zz, on: [2, 3], parameter: 5)
        try c.append(Operation(.diagonal([.one, .i]), qubits: [2], name: "s"))
        try c.append(Operation(.globalPhase(0.3), qubits: [], name: "gphase"))
        try c.appendRotation(.y, on: [3], parameter: 6)
        let program = BatchProgram(try ParameterizedTemplate(c).template)
        let kinds = program.prologue.map { "\($0.kind)\($0.qubit)" }
        #expect(kinds == ["gate0", "ry3", "fixedPhase3", "phase3", "global0", "ry3", "rx2"])
        #expect(program.steps.map(\.kind) == [.cx, .rx, .phases, .ry])
        for lanes in [1, 4, 5] { try expectLanesMatch(c, lanes: lanes, isa: isa, seed: 7) }
    }

    /// A layer of RZ after an entangler is separable; a ZZ layer is not; both match the simulator.
    @Test(arguments: [InstructionSet.scalar, .avx2]) func separableAndEntanglingPhaseLayers(isa: InstructionSet) throws {
        guard isa.isAvailable else { return }
        var c = try ParameterizedCircuit(qubitCount: 4, parameterCount: 6)
        for q in 0..<4 { try c.append(Operation(.unitary(.h), qubits: [q], name: "h")) }
        try c.appendRotation(.zz, on: [0, 1], parameter: 0)
        for q in 0..<4 { try c.append(Operation(.unitary(.sx), qubits: [q], name: "sx")) }
        for q in 0..<4 { try c.appendRotation(.z, on: [q], terms: [.init(parameter: 1 + q % 3), .init(parameter: 5, coefficient: 0.5)]) }
        let program = BatchProgram(try ParameterizedTemplate(c).template)
        #expect(program.layers.map(\.separable) == [false, true])
        for lanes in [1, 6, 8] { try expectLanesMatch(c, lanes: lanes, isa: isa, seed: 8) }
    }

    /// Above `maxPermutationQubits` a run of CX gates stays gate by gate (the cycles would hold 2^n words).
    @Test func wideRegistersKeepTheirGates() throws {
        var t = try CircuitTemplate(qubitCount: BatchProgram.maxPermutationQubits + 1, slotCount: 0)
        try t.append(.h, on: 0)
        try t.appendCX(control: 0, target: 1)
        try t.appendCX(control: 1, target: 2)
        let program = BatchProgram(t)
        #expect(program.steps.map(\.kind) == [.cx, .cx])
        #expect(program.prologue.count == 1)
    }
}
