import CQKKernels
import CircuitIR
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Runs a `CircuitTemplate` on a batch of circuits at once, one per SIMD lane, each with its own
/// slot values.
///
/// The prologue (see `BatchProgram`) sets each lane's product state. Then, per step and batch: a
/// fixed gate is one pass with a broadcast matrix; a rotation takes one cos/sin per lane and makes
/// one pass of the real-rotation kernel; a run of CX/SWAP is one row permutation; a phase layer
/// accumulates each lane's parity spectrum from its slots, turns it into the lane's phase table by
/// a Walsh-Hadamard transform and a vectorised sincos (`qk_batch_phase_table`, O(k 2^k) per lane)
/// or, when separable, by a product of per-qubit phases (`qk_batch_phase_product`, O(2^k)), and
/// makes one pass. A run of rotations on low qubits, with the RZ layer and the CX ladder after it,
/// is one pass over cache-sized blocks instead (`BatchedSimulator+Blocks`). Nothing is allocated
/// per run: the scratch space (and the spare planes a blocked permutation writes into) live in the
/// `BatchedState`.
public enum BatchedSimulator {
    /// Resets `state` to |0> and applies `template` with lane `b`'s slot `s` at
    /// `slots[s * state.lanes + b]` (slot-major, lane fastest; unused lanes may hold anything finite).
    /// Lowers the template on each call; to run one many times, lower it once into a `BatchProgram`.
    public static func run(
        _ template: CircuitTemplate, slots: UnsafeBufferPointer<Double>, into state: inout BatchedState,
        instructionSet: InstructionSet = .best
    ) {
        run(BatchProgram(template), slots: slots, into: &state, instructionSet: instructionSet)
    }

    /// Resets `state` to |0> and applies `program` with lane `b`'s slot `s` at
    /// `slots[s * state.lanes + b]` (slot-major, lane fastest; unused lanes may hold anything finite).
    public static func run(
        _ program: BatchProgram, slots: UnsafeBufferPointer<Double>, into state: inout BatchedState,
        instructionSet: InstructionSet = .best
    ) {
        precondition(state.qubitCount == program.qubitCount, "the state has \(state.qubitCount) qubits, the program \(program.qubitCount)")
        precondition(slots.count >= program.slotCount * state.lanes, "need \(program.slotCount) slots per lane")
        precondition(state.maxPhaseQubits >= program.maxPhaseQubits, "the state's scratch is too small for the program")
        let isa = instructionSet.isa
        let lanes = state.lanes
        let half = lanes << program.qubitCount
        let slot = slots.baseAddress!
        // The angles' rows grow with the program, so the state keeps the largest it has needed.
        let rows = program.trigonometricRows, trigonometryCount = max(1, 3 * rows * lanes)
        if state.trigonometry.count < trigonometryCount {
            state.trigonometry = [Double](repeating: 0, count: trigonometryCount)
        }
        if program.hasPermutations && state.spare.count != state.planes.count {
            state.spare = [Double](repeating: 0, count: state.planes.count)
        }
        // Moved out for the run so the buffers can be borrowed at once.
        var planes = state.planes, spare = state.spare, scratch = state.scratch, trigonometry = state.trigonometry
        var laneFactors = state.laneFactors
        state.planes = []
        state.spare = []
        state.scratch = []
        state.trigonometry = []
        state.laneFactors = []
        // Whether the state ends in `spare` (a block pass wrote its rows permuted into the other
        // planes an odd number of times).
        var inSpare = false
        defer {
            if inSpare { swap(&planes, &spare) }
            state.planes = planes
            state.spare = spare
            state.scratch = scratch
            state.trigonometry = trigonometry
            state.laneFactors = laneFactors
        }
        let kMax = state.maxPhaseQubits
        // The offset in `words` of the sources of a final permutation left to the readouts.
        var deferred: Int?
        defer {
            state.rowSources = deferred == nil ? [] : program.words
            state.rowSourceOffset = deferred ?? 0
        }
        planes.withUnsafeMutableBufferPointer { planes in
            spare.withUnsafeMutableBufferPointer { spare in
                laneFactors.withUnsafeMutableBufferPointer { laneFactors in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        trigonometry.withUnsafeMutableBufferPointer { buffer in
                            program.withFlatArrays { flat in
                                // Every angle of the run (rotations, prologue phases) through one vectorised
                                // sincos: one call per rotation cost more than the rotation itself at 4 qubits.
                                let trig = Trigonometry(base: buffer.baseAddress!, rows: rows, lanes: lanes)
                                trig.evaluate(flat, slots: slot, isa: isa)
                                let work = Scratch(base: scratch.baseAddress!, lanes: lanes, qubits: program.qubitCount, maxPhaseQubits: kMax)
                                var tangents = TangentForm(trig: trig, factors: laneFactors.baseAddress!)
                                (inSpare, deferred) = execute(
                                    flat, qubits: program.qubitCount, slots: slot, batch: (planes.baseAddress!, planes.baseAddress! + half),
                                    spare: spare.isEmpty ? nil : (spare.baseAddress!, spare.baseAddress! + half), lanes: lanes, isa: isa,
                                    trig: trig, work: work, tangents: &tangents)
                                tangents.finish()
                            }
                        }
                    }
                }
            }
        }
    }

    /// A pair of planes: real, imaginary.
    typealias Planes = (re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>)

    /// The prologue and the steps of a run on `batch`; returns whether the result ended in `spare`
    /// (steps that write their rows permuted into the other planes swap the roles of the two), and
    /// the offset in `words` of the row sources of a last step that is a permutation, which is not
    /// applied: the readouts take each row from its source (no pass, nor a scatter in a block pass).
    private static func execute(
        _ flat: BatchProgram.FlatArrays, qubits: Int, slots: UnsafePointer<Double>, batch: Planes, spare: Planes?, lanes: Int, isa: qk_isa,
        trig: Trigonometry, work: Scratch, tangents: inout TangentForm
    ) -> (inSpare: Bool, sources: Int?) {
        let n = UInt32(qubits), l32 = UInt32(lanes)
        var limit = flat.steps.count, sources: Int?
        if let last = flat.steps.last, last.kind == .permutation {
            limit -= 1
            sources = Int(last.b) + (1 << qubits)
        }
        var (re, im) = batch
        var other = spare, inSpare = false
        func swapPlanes() {
            guard let target = other else { return }
            other = (re, im)
            (re, im) = target
            inSpare.toggle()
        }
        var next = 0
        if flat.prologue.isEmpty {
            qk_batch_zero_state(re, im, n, l32)
        } else {
            productFactors(flat, qubits: qubits, lanes: lanes, trig: trig, work: work)
            if productRatios(qubits: qubits, lanes: lanes, work: work) {
                // A permutation next (a CX ladder) is folded into the product's last step.
                if limit > 0, let step = flat.steps.first, step.kind == .permutation, let target = other {
                    qk_batch_product_ratios_lanes(isa, re, im, n, l32, work.factors, work.first, flat.words + Int(step.b), target.re, target.im)
                    swapPlanes()
                    next = 1
                } else {
                    qk_batch_product_ratios_lanes(isa, re, im, n, l32, work.factors, work.first, nil, nil, nil)
                }
            } else {
                qk_batch_product_state_lanes(isa, re, im, n, l32, work.factors)
            }
        }
        // The RX/RY steps' rows follow the prologue's.
        var row = flat.prologue.count { $0.kind != .gate }
        while next < limit {
            let step = flat.steps[next]
            if step.kind == .rx || step.kind == .ry,
                let done = rotationBlocks(
                    flat, from: next, limit: limit, row: row, slots: slots, re: re, im: im, spare: other, n: qubits, lanes: lanes, isa: isa,
                    trig: trig, work: work, tangents: &tangents)
            {
                next += done.steps
                row += done.rows
                if done.permuted { swapPlanes() }
                continue
            }
            next += 1
            switch step.kind {
            case .gate: qk_batch_matrix1_shared(isa, re, im, n, l32, step.a, flat.matrices + step.index)
            case .cx: qk_batch_cx(re, im, n, l32, step.a, step.b)
            case .swap: qk_batch_swap(re, im, n, l32, step.a, step.b)
            case .permutation: qk_batch_permute(isa, re, im, l32, flat.words + step.index, step.slot, work.matrix)
            case .rx, .ry:
                qk_batch_rotation_lanes(isa, re, im, n, l32, step.a, step.kind == .ry ? 1 : 0, trig.cosine(row), trig.sine(row))
                row += 1
            case .phases:
                applyPhases(flat.layers[Int(step.a)], flat, slots: slots, re: re, im: im, n: n, lanes: lanes, isa: isa, work: work)
            }
        }
        return (inSpare, sources)
    }

    /// The sines and cosines of every angle a run needs, one row of lanes per angle: first each
    /// prologue step but the fixed gates (in order), then each RX/RY step (half angles).
    struct Trigonometry {
        let argument: UnsafeMutablePointer<Double>
        let sines: UnsafeMutablePointer<Double>
        let cosines: UnsafeMutablePointer<Double>
        let rows: Int
        let lanes: Int

        init(base: UnsafeMutablePointer<Double>, rows: Int, lanes: Int) {
            argument = base
            sines = base + rows * lanes
            cosines = sines + rows * lanes
            self.rows = rows
            self.lanes = lanes
        }

        func sine(_ row: Int) -> UnsafeMutablePointer<Double> { sines + row * lanes }
        func cosine(_ row: Int) -> UnsafeMutablePointer<Double> { cosines + row * lanes }

        /// Fills the argument rows from the slots and evaluates them all in one call.
        func evaluate(_ flat: BatchProgram.FlatArrays, slots: UnsafePointer<Double>, isa: qk_isa) {
            var row = 0
            func fill(_ value: (Int) -> Double) {
                let out = argument + row * lanes
                for b in 0..<lanes { out[b] = value(b) }
                row += 1
            }
            for step in flat.prologue {
                let source = slots + step.slot * lanes
                switch step.kind {
                case .gate: continue
                case .rx, .ry: fill { 0.5 * (step.constant + step.coefficient * source[$0]) }
                case .phase, .global: fill { step.coefficient * source[$0] }
                case .fixedPhase: fill { _ in step.constant }
                }
            }
            for step in flat.steps where step.kind == .rx || step.kind == .ry {
                let source = slots + step.slot * lanes
                fill { 0.5 * (step.constant + step.coefficient * source[$0]) }
            }
            precondition(row == rows, "the program's trigonometric row count is stale")
            if rows > 0 { qk_batch_sincos(isa, argument, rows * lanes, sines, cosines) }
        }
    }

    /// Views into a state's scratch buffer (its size is `Scratch.count`).
    struct Scratch {
        /// A phase spectrum (`2^k` rows of lanes); for a separable layer, its `k + 1` angle rows.
        let spectrum: UnsafeMutablePointer<Double>
        /// A phase table (`2 * 2^k` rows).
        let table: UnsafeMutablePointer<Double>
        /// 8 rows: a permutation's spare rows.
        let matrix: UnsafeMutablePointer<Double>
        /// One row: per-lane offsets.
        let offset: UnsafeMutablePointer<Double>
        /// `6k + 4` rows for `qk_batch_phase_product`.
        let work: UnsafeMutablePointer<Double>
        /// `4n` rows: each qubit's prologue state `(a, b)` per lane.
        let factors: UnsafeMutablePointer<Double>
        /// Two rows (real, imaginary): the product of the prologue's `|0>` amplitudes per lane.
        let first: UnsafeMutablePointer<Double>
        /// The widest phase layer the buffers are sized for.
        let maxPhaseQubits: Int

        init(base: UnsafeMutablePointer<Double>, lanes: Int, qubits n: Int, maxPhaseQubits k: Int) {
            maxPhaseQubits = k
            spectrum = base
            table = base + (lanes << k)
            matrix = table + (2 * lanes << k)
            offset = matrix + 8 * lanes
            work = offset + lanes
            factors = work + (6 * k + 4) * lanes
            first = factors + 4 * n * lanes
        }

        /// Doubles the scratch needs.
        static func count(lanes: Int, qubits n: Int, maxPhaseQubits k: Int) -> Int {
            ((3 << k) + 9 + 6 * k + 4 + 4 * n + 2) * lanes
        }
    }

    /// Builds each lane's phase table of `layer` from its slots and applies it.
    static func applyPhases(
        _ layer: BatchProgram.Layer, _ flat: BatchProgram.FlatArrays, slots: UnsafePointer<Double>, re: UnsafeMutablePointer<Double>,
        im: UnsafeMutablePointer<Double>, n: UInt32, lanes: Int, isa: qk_isa, work: Scratch
    ) {
        let k = layer.k
        let qubits = flat.words + layer.qubits
        if layer.separable {
            // phi(l) = g + sum_j theta_j bit_j(l): row 0 of the angles is g, row j + 1 theta_j.
            let angles = work.spectrum
            angles.update(repeating: 0, count: (k + 1) * lanes)
            for t in layer.terms {
                let row = angles + (1 + flat.masks[t].trailingZeroBitCount) * lanes, src = slots + flat.slots[t] * lanes
                let c = flat.coefficients[t]
                for b in 0..<lanes { row[b] += c * src[b] }
            }
            for g in layer.globals {
                let src = slots + flat.slots[g] * lanes, c = flat.coefficients[g]
                for b in 0..<lanes { angles[b] += c * src[b] }
            }
            qk_batch_phase_product(isa, angles, UInt32(k), UInt32(lanes), work.work, work.table)
            qk_batch_diagonal_lanes(isa, re, im, n, UInt32(lanes), qubits, UInt32(k), work.table)
            return
        }
        // phi(l) = fixed(l) + (offset - W(l))/2 with W the transform of the spectrum: a term
        // w parity(l & m) puts w at m and w in the offset, a global g puts 2g there.
        let spectrum = work.spectrum, offset = work.offset
        spectrum.update(repeating: 0, count: lanes << k)
        offset.update(repeating: 0, count: lanes)
        for t in layer.terms {
            let row = spectrum + flat.masks[t] * lanes, src = slots + flat.slots[t] * lanes, c = flat.coefficients[t]
            for b in 0..<lanes {
                let w = c * src[b]
                row[b] += w
                offset[b] += w
            }
        }
        for g in layer.globals {
            let src = slots + flat.slots[g] * lanes, c = 2 * flat.coefficients[g]
            for b in 0..<lanes { offset[b] += c * src[b] }
        }
        let fixed = layer.fixed < 0 ? nil : flat.fixed + layer.fixed
        qk_batch_phase_table(isa, spectrum, offset, fixed, UInt32(k), UInt32(lanes), work.table)
        qk_batch_diagonal_lanes(isa, re, im, n, UInt32(lanes), qubits, UInt32(k), work.table)
    }
}
