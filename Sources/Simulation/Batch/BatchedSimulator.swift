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
    public static func run(
        _ template: CircuitTemplate, slots: UnsafeBufferPointer<Double>, into state: inout BatchedState,
        instructionSet: InstructionSet = .best
    ) {
        precondition(state.qubitCount == template.qubitCount, "the state has \(state.qubitCount) qubits, the template \(template.qubitCount)")
        precondition(slots.count >= template.slotCount * state.lanes, "need \(template.slotCount) slots per lane")
        precondition(state.maxPhaseQubits >= template.maxPhaseQubits, "the state's scratch is too small for the template")
        state.reset()
        let isa = instructionSet.isa
        let n = UInt32(template.qubitCount), lanes = state.lanes, l32 = UInt32(lanes)
        let half = lanes << template.qubitCount
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
                let re = planes.baseAddress!, im = re + half
                let work = Scratch(base: scratch.baseAddress!, lanes: lanes, maxQubits: kMax)
                for step in template.steps {
                    switch step {
                    case .gate(let q, let m):
                        m.withUnsafeInterleaved { qk_batch_matrix1_shared(isa, re, im, n, l32, UInt32(q), $0) }
                    case .cx(let c, let t):
                        qk_batch_cx(re, im, n, l32, UInt32(c), UInt32(t))
                    case .swap(let a, let b):
                        qk_batch_swap(re, im, n, l32, UInt32(a), UInt32(b))
                    case .rotation(let axis, let q, let s, let coefficient, let constant):
                        rotationMatrices(
                            axis, angles: slot + s * lanes, coefficient: coefficient, constant: constant, lanes: lanes,
                            isa: isa, work: work)
                        qk_batch_matrix1_lanes(isa, re, im, n, l32, UInt32(q), work.matrix)
                    case .phases(let layer):
                        applyPhases(layer, slots: slot, re: re, im: im, n: n, lanes: lanes, isa: isa, work: work)
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
        _ axis: CircuitTemplate.RotationAxis, angles: UnsafePointer<Double>, coefficient: Double, constant: Double, lanes: Int,
        isa: qk_isa, work: Scratch
    ) {
        let m = work.matrix, half = work.offset
        for b in 0..<lanes { half[b] = 0.5 * (constant + coefficient * angles[b]) }
        // Rows: 0 e0r, 1 e0i, 2 e1r, 3 e1i, 4 e2r, 5 e2i, 6 e3r, 7 e3i; sin lands in row 4 first.
        qk_batch_sincos(isa, half, lanes, m + 4 * lanes, m)
        let y = axis == .y
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
        _ layer: CircuitTemplate.PhaseLayer, slots: UnsafePointer<Double>, re: UnsafeMutablePointer<Double>,
        im: UnsafeMutablePointer<Double>, n: UInt32, lanes: Int, isa: qk_isa, work: Scratch
    ) {
        let k = layer.qubits.count
        // phi(l) = fixed(l) + (offset - W(l))/2 with W the transform of the spectrum: a term
        // w parity(l & m) puts w at m and w in the offset, a global g puts 2g there.
        let spectrum = work.spectrum, offset = work.offset
        spectrum.update(repeating: 0, count: lanes << k)
        offset.update(repeating: 0, count: lanes)
        for t in layer.terms {
            let row = spectrum + t.mask * lanes, src = slots + t.slot * lanes
            for b in 0..<lanes {
                let w = t.coefficient * src[b]
                row[b] += w
                offset[b] += w
            }
        }
        for g in layer.globals {
            let src = slots + g.slot * lanes
            for b in 0..<lanes { offset[b] += 2 * g.coefficient * src[b] }
        }
        if let fixed = layer.fixed {
            fixed.withUnsafeBufferPointer { f in
                qk_batch_phase_table(isa, spectrum, offset, f.baseAddress!, UInt32(k), UInt32(lanes), work.table)
            }
        } else {
            qk_batch_phase_table(isa, spectrum, offset, nil, UInt32(k), UInt32(lanes), work.table)
        }
        layer.kernelQubits.withUnsafeBufferPointer { q in
            qk_batch_diagonal_lanes(isa, re, im, n, UInt32(lanes), q.baseAddress!, UInt32(k), work.table)
        }
    }
}
