import CQKKernels
import CircuitIR
import Foundation

/// Runs a `CircuitTemplate` on a batch of circuits at once, one per SIMD lane, each with its own
/// slot values.
///
/// Per step and batch: a fixed gate is one pass with a broadcast matrix; a rotation builds each
/// lane's 2x2 matrix (one cos/sin per lane) and makes one pass; a phase layer accumulates each
/// lane's parity spectrum from its slots, turns it into the lane's phase table by a Walsh-Hadamard
/// transform and a vectorised sincos (`qk_batch_phase_table`, O(k 2^k) per lane), and makes one
/// pass. Nothing is allocated: the scratch space lives in the `BatchedState`.
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
        let n = UInt32(program.qubitCount), lanes = state.lanes, l32 = UInt32(lanes)
        let half = lanes << program.qubitCount
        let slot = slots.baseAddress!
        // Moved out for the run so the two buffers can be borrowed at once.
        var planes = state.planes, scratch = state.scratch
        state.planes = []
        state.scratch = []
        defer {
            state.planes = planes
            state.scratch = scratch
        }
        let kMax = state.maxPhaseQubits
        planes.withUnsafeMutableBufferPointer { planes in
            scratch.withUnsafeMutableBufferPointer { scratch in
                program.withFlatArrays { flat in
                    let re = planes.baseAddress!, im = re + half
                    program.initialFactors.withUnsafeBufferPointer { f in
                        if f.isEmpty { qk_batch_zero_state(re, im, n, l32) } else { qk_batch_product_state(re, im, n, l32, f.baseAddress!) }
                    }
                    let work = Scratch(base: scratch.baseAddress!, lanes: lanes, maxQubits: kMax)
                    for step in flat.steps {
                        switch step.kind {
                        case .gate: qk_batch_matrix1_shared(isa, re, im, n, l32, step.a, flat.matrices + step.index)
                        case .cx: qk_batch_cx(re, im, n, l32, step.a, step.b)
                        case .swap: qk_batch_swap(re, im, n, l32, step.a, step.b)
                        case .rx, .ry:
                            rotationMatrices(
                                y: step.kind == .ry, angles: slot + step.slot * lanes, coefficient: step.coefficient,
                                constant: step.constant, lanes: lanes, isa: isa, work: work)
                            qk_batch_matrix1_lanes(isa, re, im, n, l32, step.a, work.matrix)
                        case .phases:
                            applyPhases(flat.layers[Int(step.a)], flat, slots: slot, re: re, im: im, n: n, lanes: lanes, isa: isa, work: work)
                        }
                    }
                }
            }
        }
    }

    /// Views into a state's scratch buffer.
    struct Scratch {
        let spectrum: UnsafeMutablePointer<Double>
        let table: UnsafeMutablePointer<Double>
        let matrix: UnsafeMutablePointer<Double>
        let offset: UnsafeMutablePointer<Double>

        init(base: UnsafeMutablePointer<Double>, lanes: Int, maxQubits k: Int) {
            spectrum = base
            table = base + (lanes << k)
            matrix = table + (2 * lanes << k)
            offset = matrix + 8 * lanes
        }
    }

    /// Lane `b`'s matrix `exp(-i phi_b/2 P)` into `work.matrix` as 8 rows of `lanes` (entry e: real
    /// row 2e, imaginary row 2e+1): RX = [[c, -is], [-is, c]], RY = [[c, -s], [s, c]] with
    /// `c, s = cos, sin(phi/2)` from one vectorised sincos over the lanes.
    static func rotationMatrices(
        y: Bool, angles: UnsafePointer<Double>, coefficient: Double, constant: Double, lanes: Int, isa: qk_isa, work: Scratch
    ) {
        let m = work.matrix, half = work.offset
        for b in 0..<lanes { half[b] = 0.5 * (constant + coefficient * angles[b]) }
        // Rows: 0 e0r, 1 e0i, 2 e1r, 3 e1i, 4 e2r, 5 e2i, 6 e3r, 7 e3i; sin lands in row 4 first.
        qk_batch_sincos(isa, half, lanes, m + 4 * lanes, m)
        for b in 0..<lanes {
            let s = m[4 * lanes + b], c = m[b]
            m[lanes + b] = 0
            m[2 * lanes + b] = y ? -s : 0
            m[3 * lanes + b] = y ? 0 : -s
            m[4 * lanes + b] = y ? s : 0
            m[5 * lanes + b] = y ? 0 : -s
            m[6 * lanes + b] = c
            m[7 * lanes + b] = 0
        }
    }

    /// Builds each lane's phase table of `layer` from its slots and applies it.
    private static func applyPhases(
        _ layer: BatchProgram.Layer, _ flat: BatchProgram.FlatArrays, slots: UnsafePointer<Double>, re: UnsafeMutablePointer<Double>,
        im: UnsafeMutablePointer<Double>, n: UInt32, lanes: Int, isa: qk_isa, work: Scratch
    ) {
        let k = layer.k
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
        qk_batch_diagonal_lanes(isa, re, im, n, UInt32(lanes), flat.qubits + layer.qubits, UInt32(k), work.table)
    }
}
