import CQKKernels
import CircuitIR
import Numerics
import QKSupport
import Testing
import _TestSupport

@testable import Simulation

/// Fused blocks replayed as their gates (`GateSequence`, `qk_f32_apply_sequence`): the sequence a
/// block becomes applies the block's matrix exactly; the replay kernel (AVX2 and portable, every
/// qubit placement, ranges cut anywhere) applies the sequence; and single-precision runs of
/// circuits whose blocks are replayed agree with double precision as the dense blocks do.
@Suite struct GateSequenceTests {
    /// A random block of gates a sequence can hold, on `qubits`: u3, h, rz (one-qubit steps) and
    /// x, cx, negated cx, ccx, swap (permutations, relabelled for free).
    static func replayableBlock(on qubits: [Int], gates: Int, rng: inout SeededGenerator) -> [Operation] {
        func pick(_ count: Int) -> [Int] {
            var qs: [Int] = []
            while qs.count < count {
                let q = qubits[min(qubits.count - 1, Int(rng.uniform() * Double(qubits.count)))]
                if !qs.contains(q) { qs.append(q) }
            }
            return qs
        }
        func angle() -> Double { rng.uniform() * 2 * .pi }
        var ops: [Operation] = []
        for _ in 0..<gates {
            let choice = Int(rng.uniform() * 8)
            switch (choice, qubits.count) {
            case (0, _), (1, 1), (2, 1):
                ops.append(Operation(.unitary(.u(angle(), angle(), angle())), qubits: pick(1), name: "u3"))
            case (1, _):
                let q = pick(2)
                ops.append(Operation(.unitary(.x), qubits: [q[1]], controls: [Control(qubit: q[0])], name: "cx"))
            case (2, _):
                let q = pick(2)
                ops.append(Operation(.unitary(.x), qubits: [q[1]], controls: [Control(qubit: q[0], value: false)], name: "cx_o0"))
            case (3, _):
                ops.append(Operation(.unitary(.x), qubits: pick(1), name: "x"))
            case (4, 1):
                ops.append(Operation(.unitary(.h), qubits: pick(1), name: "h"))
            case (4, _):
                ops.append(Operation(.swap, qubits: pick(2), name: "swap"))
            case (5, let k) where k >= 3:
                let q = pick(3)
                ops.append(Operation(.unitary(.x), qubits: [q[2]], controls: [Control(qubit: q[0]), Control(qubit: q[1])], name: "ccx"))
            case (6, _) where rng.uniform() < 0.3:
                // m00 = 0: the replay takes the rows the other way round.
                ops.append(Operation(.unitary(rng.uniform() < 0.5 ? .y : .u(.pi, angle(), angle())), qubits: pick(1), name: "y"))
            case (6, _):
                let t = angle() / 2
                ops.append(Operation(.diagonal([Complex(length: 1, phase: -t), Complex(length: 1, phase: t)]), qubits: pick(1), name: "rz"))
            default:
                ops.append(Operation(.unitary(.h), qubits: pick(1), name: "h"))
            }
        }
        return ops
    }

    @Test(arguments: 1...5)
    func sequenceAppliesTheBlockMatrix(k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(700 + k))
        for trial in 0..<20 {
            let qubits = Array([9, 2, 5, 0, 7].prefix(k)).sorted()
            let ops = Self.replayableBlock(on: qubits, gates: 3 + trial, rng: &rng)
            let sequence = try #require(GateFusion.gateSequence(ops, on: qubits))
            let steps = ops.filter { ["u3", "h", "rz", "y"].contains($0.name) }.count
            #expect(sequence.stepCount == steps, "one step per one-qubit gate, none per permutation")
            let roles = ops.compactMap(GateFusion.replaySteps)
            #expect(roles.count == ops.count && roles.reduce(0, +) == steps, "what each gate adds to a replay")
            let difference = sequence.matrix.maxDistance(to: GateFusion.blockMatrix(ops, on: qubits))
            #expect(difference < 1e-12, "k \(k), trial \(trial): \(difference)")
        }
    }

    /// The unit-step factoring is exact: its program multiplied out (in double) is the block's
    /// matrix, including gates with m00 = 0 (rows exchanged), diagonal gates (c = 0) and blocks
    /// of permutations only (no steps).
    @Test(arguments: 1...5)
    func unitStepProgramIsExact(k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(750 + k))
        let qubits = Array(2..<(2 + k))
        for trial in 0..<30 {
            var ops = Self.replayableBlock(on: qubits, gates: 2 + trial, rng: &rng)
            if trial == 0 { ops = ops.filter { !["u3", "h", "rz", "y"].contains($0.name) } }
            let sequence = try #require(GateFusion.gateSequence(ops, on: qubits))
            let program = try #require(ReplayProgram(sequence, qubits: qubits))
            #expect(program.stepCount == sequence.stepCount)
            let units = program.kinds.filter { $0 == UInt8(QK_STEP_UNIT) }.count
            #expect(units == max(0, sequence.stepCount - 1), "every step but the last in the unit form")
            let difference = Self.multiplyOut(program, qubits: k).maxDistance(to: sequence.matrix)
            #expect(difference < 1e-12, "k \(k), trial \(trial): \(difference)")
        }
    }

    /// The unitary a replay program without lane bits applies, by the kernel's rules in double.
    static func multiplyOut(_ program: ReplayProgram, qubits k: Int) -> GateMatrix {
        let dim = 1 << k
        var u = [Complex<Double>](repeating: .zero, count: dim * dim)
        for column in 0..<dim {
            var v = (0..<dim).map { $0 == column ? Complex<Double>.one : .zero }
            var q = 0, pair = 0
            func next() -> Complex<Double> {
                defer { q += 2 }
                return Complex(program.coefficients[q], program.coefficients[q + 1])
            }
            for t in 0..<program.stepCount {
                let unit = program.kinds[t] == UInt8(QK_STEP_UNIT)
                #expect(unit || program.kinds[t] == UInt8(QK_STEP_MATRIX))
                let c = unit ? program.coefficients[q] : 0
                if unit { q += 1 }
                for _ in 0..<(dim / 2) {
                    let a = Int(program.pairs[pair]), b = Int(program.pairs[pair + 1])
                    pair += 2
                    let x = v[a], y = v[b]
                    if unit {
                        let bb = next(), d = next()
                        v[a] = x + bb * y
                        v[b] = Complex(c) * x + d * y
                    } else {
                        let m0 = next(), m1 = next(), m2 = next(), m3 = next()
                        v[a] = m0 * x + m1 * y
                        v[b] = m2 * x + m3 * y
                    }
                }
            }
            for s in 0..<dim { u[Int(program.labels[s]) * dim + column] = v[s] }
        }
        return GateMatrix(dimension: dim, entries: u)
    }

    @Test func blocksWithOtherGatesAreNotReplayed() {
        let qubits = [3, 4]
        let others = [
            Operation(.diagonal([.one, Complex(length: 1, phase: 0.3)]), qubits: [4], controls: [Control(qubit: 3)], name: "cp"),
            Operation(.diagonal([.one, .i, .i, .one]), qubits: [3, 4], name: "rzz"),
            Operation(.unitary(.ry(0.4)), qubits: [4], controls: [Control(qubit: 3)], name: "cry"),
            Operation(.unitary(.x.withGlobalPhase(0.5)), qubits: [4], controls: [Control(qubit: 3)], name: "cx-with-phase"),
        ]
        for op in others {
            let ops = [Operation(.unitary(.h), qubits: [3], name: "h"), op]
            #expect(GateFusion.replaySteps(op) == nil, "\(op.name)")
            #expect(GateFusion.gateSequence(ops, on: qubits) == nil, "\(op.name)")
        }
    }

    @Test func changingAnOperationDropsItsSequence() throws {
        let ops = [Operation(.unitary(.h), qubits: [2], name: "h"),
                   Operation(.unitary(.x), qubits: [3], controls: [Control(qubit: 2)], name: "cx")]
        var op = GateFusion.fusedOperation(ops, on: [2, 3], replay: true)
        #expect(op.sequence != nil)
        op.name = "renamed"
        #expect(op.sequence != nil)
        op.qubits = [3, 4]
        #expect(op.sequence == nil, "new qubits: the sequence no longer describes the operation")
        var other = GateFusion.fusedOperation(ops, on: [2, 3], replay: true)
        if case .unitary(let m) = other.kind { other.kind = .unitary(m.adjoint) }
        #expect(other.sequence == nil, "a new kind (the inverse, say) drops it too")
    }

    /// Random amplitudes (as floats) for `n` qubits, and two complex64 states to copy them into.
    static func statePair(qubits n: UInt32, rng: inout SeededGenerator)
        -> (psi: [Float], a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>)
    {
        let psi = (0..<(2 << Int(n))).map { _ in Float(rng.normal()) }
        return (psi, qk_f32_state_alloc(n)!, qk_f32_state_alloc(n)!)
    }

    static func free(_ states: UnsafeMutablePointer<Float>...) {
        for s in states { qk_f32_state_free(s) }
    }

    /// Applies `body` over [0, items) cut at odd points, as thread chunks may be.
    func split(_ items: UInt64, _ body: (UInt64, UInt64) -> Void) {
        let cuts: [UInt64] = [0, 1, 3, 7, 8, 13, 24, items].map { min($0, items) }
        for j in 0..<(cuts.count - 1) where cuts[j] < cuts[j + 1] { body(cuts[j], cuts[j + 1]) }
    }

    /// The replay kernel against the dense kernel with the sequence's matrix, on every set of k
    /// qubits of an 8-qubit state (sorted and reversed), AVX2 (slots on qubits >= 2, two register
    /// groups at a time, one at the ends; qubits 0 and 1 as lanes, with range cuts inside a
    /// register group) and portable (slots on any qubits but 0 and 1, which it refuses), with
    /// the unit-step program and with matrix steps only.
    @Test(arguments: 1...5)
    func replayKernelMatchesTheDenseKernel(k: Int) throws {
        let n: UInt32 = 8
        var rng = SeededGenerator(seed: UInt64(800 + k))
        let isas = qk_isa_available(QK_ISA_AVX2) != 0 ? [QK_ISA_SCALAR, QK_ISA_AVX2] : [QK_ISA_SCALAR]
        let (psi, a, b) = Self.statePair(qubits: n, rng: &rng)
        defer { Self.free(a, b) }
        let count = psi.count, items = qk_dense_items(n, UInt32(k))
        var cases = 0, laneCases = 0, uncompiled = 0
        for mask in 0..<(1 << Int(n)) where mask.nonzeroBitCount == k {
            let sorted = (0..<Int(n)).filter { (mask >> $0) & 1 == 1 }
            for qubits in [sorted, sorted.reversed()] {
                let ops = Self.replayableBlock(on: qubits, gates: 2 * k + 2, rng: &rng)
                let sequence = try #require(GateFusion.gateSequence(ops, on: qubits))
                let m = sequence.matrix.entries.flatMap { [Float($0.real), Float($0.imaginary)] }
                let qs = qubits.map(UInt32.init)
                let lanes = qubits.contains { $0 < 2 }
                for (isa, unitSteps) in isas.flatMap({ isa in [(isa, true), (isa, false)] }) {
                    guard let program = ReplayProgram(sequence, qubits: qubits, unitSteps: unitSteps) else {
                        uncompiled += 1
                        continue
                    }
                    let coefs = program.coefficients.map(Float.init)
                    for i in 0..<count {
                        a[i] = psi[i]
                        b[i] = psi[i]
                    }
                    qk_f32_apply_dense(QK_ISA_SCALAR, a, n, qs, UInt32(k), m, 0, items)
                    var statuses = Set<Int32>()
                    split(items) { lo, hi in
                        statuses.insert(qk_f32_apply_sequence(isa, b, n, qs, UInt32(k), UInt32(program.stepCount), program.kinds,
                                                              coefs, program.pairs, program.labels, lo, hi))
                    }
                    if lanes && isa == QK_ISA_SCALAR {
                        #expect(statuses == [-1], "lane steps need AVX2: refused, not skipped")
                        continue
                    }
                    #expect(statuses == [0])
                    let worst = (0..<count).map { Double(abs(a[$0] - b[$0])) }.nanPropagatingMax()
                    #expect(worst < 1e-5, "k \(k), qubits \(qubits), isa \(isa.rawValue), unit \(unitSteps): \(worst)")
                    cases += 1
                    if lanes { laneCases += 1 }
                }
            }
        }
        #expect(uncompiled < cases / 4, "most random blocks compile (\(uncompiled) did not)")
        #expect(laneCases > 0 || isas.count == 1)
        #expect(cases > 0)
    }

    /// The same on a 12-qubit state, where whole runs of eight register groups per slot (the main
    /// loops) occur between the cuts, for a few qubit sets: low (lanes), high, spread, reversed.
    @Test(arguments: [[0, 1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 5, 9], [11, 10, 8, 7, 2], [3, 4, 5, 6], [6, 11], [1, 7, 4]])
    func replayKernelOnLargerStates(qubits: [Int]) throws {
        try #require(qk_isa_available(QK_ISA_AVX2) != 0, "AVX2 not available on this CPU: nothing to compare")
        let n: UInt32 = 12, k = qubits.count
        var rng = SeededGenerator(seed: UInt64(qubits.reduce(0) { $0 * 13 + $1 }))
        let (psi, a, b) = Self.statePair(qubits: n, rng: &rng)
        defer { Self.free(a, b) }
        let count = psi.count, items = qk_dense_items(n, UInt32(k))
        var compiled = 0
        for trial in 0..<6 {
            let ops = Self.replayableBlock(on: qubits, gates: 3 * k + trial, rng: &rng)
            let sequence = try #require(GateFusion.gateSequence(ops, on: qubits))
            guard let program = ReplayProgram(sequence, qubits: qubits) else { continue }
            compiled += 1
            let m = sequence.matrix.entries.flatMap { [Float($0.real), Float($0.imaginary)] }
            let coefs = program.coefficients.map(Float.init)
            let qs = qubits.map(UInt32.init)
            for i in 0..<count {
                a[i] = psi[i]
                b[i] = psi[i]
            }
            qk_f32_apply_dense(QK_ISA_SCALAR, a, n, qs, UInt32(k), m, 0, items)
            let cuts: [UInt64] = [0, 5, 6, 41, 100, 101, items].map { min($0, items) }
            for j in 0..<(cuts.count - 1) where cuts[j] < cuts[j + 1] {
                let status = qk_f32_apply_sequence(QK_ISA_AVX2, b, n, qs, UInt32(k), UInt32(program.stepCount), program.kinds,
                                                   coefs, program.pairs, program.labels, cuts[j], cuts[j + 1])
                #expect(status == 0)
            }
            let worst = (0..<count).map { Double(abs(a[$0] - b[$0])) }.nanPropagatingMax()
            #expect(worst < 1e-5, "qubits \(qubits), trial \(trial): \(worst)")
        }
        #expect(compiled >= 3)
    }

    /// A program with lane steps for a block without qubits 0 and 1 is refused, not misread.
    @Test func laneStepsWithoutLanesAreRefused() throws {
        let n: UInt32 = 6
        var rng = SeededGenerator(seed: 960)
        let (psi, a, b) = Self.statePair(qubits: n, rng: &rng)
        defer { Self.free(a, b) }
        for i in 0..<psi.count { a[i] = psi[i] }
        let lane = try #require(ReplayProgram(
            GateSequence(qubitCount: 2, parts: [.matrix(bit: 0, entries: GateMatrix.h.entries)]), qubits: [0, 3]))
        #expect(lane.kinds == [UInt8(QK_STEP_LANE0)])
        let coefs = lane.coefficients.map(Float.init)
        let status = qk_f32_apply_sequence(QK_ISA_AVX2, a, n, [2, 3], 2, 1, lane.kinds, coefs, lane.pairs, lane.labels, 0,
                                           qk_dense_items(n, 2))
        #expect(status == -1)
        #expect((0..<psi.count).allSatisfy { a[$0] == psi[$0] }, "the state is untouched")
    }

    /// A layered u3 + CX circuit (random d20's pattern) fused with the single-precision model:
    /// blocks are replayed, and the complex64 state agrees with the double one as closely as
    /// with the dense blocks (the same circuit with the sequences dropped).
    @Test(arguments: [8, 12])
    func replayedCircuitsAgreeWithDoublePrecision(qubits n: Int) throws {
        var rng = SeededGenerator(seed: UInt64(900 + n))
        var circuit = Circuit(qubitCount: n)
        for _ in 0..<6 {
            for q in 0..<n {
                circuit.append(Operation(.unitary(.u(rng.uniform() * 6, rng.uniform() * 6, rng.uniform() * 6)), qubits: [q], name: "u3"))
            }
            for q in 0..<(n - 1) {
                circuit.append(Operation(.unitary(.x), qubits: [q + 1], controls: [Control(qubit: q)], name: "cx"))
            }
        }
        let reference = try Simulator().statevector(circuit)
        for threads in [1, 2] {
            var model = FusionCostModel.avx2(threads: threads, precision: .single)
            #expect(GateFusion.fuse(circuit, costModel: model).operations.allSatisfy { $0.sequence == nil },
                    "no replays below \(model.sequenceMinimumQubits) qubits by default: building them costs more")
            model.sequenceMinimumQubits = 1
            let fused = GateFusion.fuse(circuit, costModel: model)
            let replayed = fused.operations.filter { $0.sequence != nil }
            #expect(!replayed.isEmpty, "the single-precision model replays some of these blocks")
            #expect(replayed.contains { $0.qubits.contains { $0 < 2 } }, "blocks with lanes too")
            var dense = fused
            dense.operations = fused.operations.map { op in
                Operation(op.kind, qubits: op.qubits, controls: op.controls, condition: op.condition, name: op.name)
            }
            #expect(dense.operations.allSatisfy { $0.sequence == nil })
            let sim = Simulator(parallelism: Parallelism(threads: threads, minimumItems: 1 << 4))
            for (name, c) in [("replayed", fused), ("dense", dense)] {
                let s = try sim.singlePrecisionStatevector(c)
                let worst = (0..<reference.count).map { (s.amplitude($0) - reference[$0]).length }.nanPropagatingMax()
                #expect(worst <= 1e-5, "n \(n), threads \(threads), \(name): \(worst)")
                #expect(s.fidelity(with: reference) >= 1 - 1e-6)
            }
        }
    }
}
