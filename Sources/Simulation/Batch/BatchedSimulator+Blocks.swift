import CQKKernels

/// Runs of rotations applied in cache-sized blocks.
///
/// A batch of a few hundred kilobytes lives in L2, and each rotation pass streams all of it
/// through L1 and back. In a layered ansatz the rotations of a layer come one after another and
/// touch one qubit each, so those on low qubits can all be applied to one block of `2^b`
/// consecutive amplitudes while it sits in L1, block after block: one pass for all of them, and
/// inside the block a kernel that keeps each lane group's sine and cosine in registers (about 15%
/// faster per rotation than the streaming one). Rotations on qubits `>= b` commute with those
/// below `b` and go first, as ordinary passes. What usually follows rides along in the same pass:
/// the RZ layer, when separable, as a small table over the block's qubits times one factor per
/// block (no pass, no `2^n`-row table), and then the CX ladder, a permutation of the rows, by
/// writing each finished block's rows to their new places in a second pair of planes.
extension BatchedSimulator {
    /// Bytes of amplitude rows (and, with a phase, as many again of its table) a block may take:
    /// half of a 32 KB L1 data cache, leaving room for the rotations' sines and cosines.
    static let blockBytes = 1 << 14

    /// The block size `b` (qubits) for `lanes` lanes, with or without a phase table beside it.
    static func blockQubits(lanes: Int, qubits n: Int, withPhase: Bool) -> Int {
        let rowBytes = 16 * lanes * (withPhase ? 2 : 1)
        var b = 0
        while b < n && rowBytes << (b + 1) <= Self.blockBytes { b += 1 }
        return b
    }

    /// Applies the run of RX/RY steps starting at `first` (and a separable phase layer right after
    /// it, and a permutation after those when `spare` planes are given), none at or past `limit`, in
    /// blocks, when that saves passes; returns how many steps and trigonometric rows it consumed and
    /// whether it left the batch permuted in `spare`, or nil when the steps should run one by one.
    static func rotationBlocks(
        _ flat: BatchProgram.FlatArrays, from first: Int, limit: Int, row: Int, slots: UnsafePointer<Double>,
        re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
        spare: (re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>)?, n: Int, lanes: Int, isa: qk_isa,
        trig: Trigonometry, work: Scratch, tangents: inout TangentForm
    ) -> (steps: Int, rows: Int, permuted: Bool)? {
        let steps = flat.steps
        var end = first
        while end < limit && (steps[end].kind == .rx || steps[end].kind == .ry) { end += 1 }
        let count = end - first
        // The phase layer joins when it is separable and its two small tables fit the scratch
        // that its full table would have used.
        var layer: BatchProgram.Layer?
        var b = blockQubits(lanes: lanes, qubits: n, withPhase: true)
        if end < limit && steps[end].kind == .phases {
            let candidate = flat.layers[Int(steps[end].a)]
            let k = work.maxPhaseQubits
            if candidate.separable && b >= 1 && b <= k && n - b <= k && (1 << b) + (1 << (n - b)) <= 1 << k && n + 2 <= 1 << k {
                layer = candidate
            }
        }
        if layer == nil { b = blockQubits(lanes: lanes, qubits: n, withPhase: false) }
        // A permutation next (the CX ladder of a layer) is done by writing each finished block's
        // rows to their new places in the spare planes: no pass of its own.
        let after = end + (layer == nil ? 0 : 1)
        let permutation = spare != nil && after < limit && steps[after].kind == .permutation ? steps[after] : nil
        var low = 0
        for t in first..<end where Int(steps[t].a) < b { low += 1 }
        guard b >= 1, low >= 2 || (low >= 1 && layer != nil) else { return nil }
        // With odd numbers of rotations on both sides, one low rotation joins the streaming ones so
        // that both sides go in pairs: it must be its qubit's only rotation in the run, since the
        // streaming rotations go first.
        var moved: Int?
        if low % 2 == 1 && (count - low) % 2 == 1 && low >= 3 {
            moved = (first..<end).last { t in
                let q = steps[t].a
                return Int(q) < b && (first..<end).count { steps[$0].a == q } == 1
            }
            if moved != nil { low -= 1 }
        }

        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * low) { words in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * low) { flags in
                let qubits = words.baseAddress!, rows = qubits + low, ys = flags.baseAddress!, paired = ys + low
                var j = 0
                // Rotations on high qubits stream through the whole batch, two at a time where they can.
                var waiting: (qubit: UInt32, y: Int32, row: Int)?
                func single(_ r: (qubit: UInt32, y: Int32, row: Int)) {
                    qk_batch_rotation_lanes(isa, re, im, UInt32(n), UInt32(lanes), r.qubit, r.y, trig.cosine(r.row), trig.sine(r.row))
                }
                for t in first..<end {
                    let step = steps[t], r = row + t - first
                    if Int(step.a) < b && t != moved {
                        qubits[j] = step.a
                        ys[j] = step.kind == .ry ? 1 : 0
                        rows[j] = UInt32(r)
                        paired[j] = 0
                        j += 1
                        continue
                    }
                    let rotation = (qubit: step.a, y: Int32(step.kind == .ry ? 1 : 0), row: r)
                    guard let previous = waiting else {
                        waiting = rotation
                        continue
                    }
                    waiting = nil
                    if previous.qubit != rotation.qubit && tangents.pair(previous.row, rotation.row, trig: trig) {
                        qk_batch_rotation_pair_lanes(
                            isa, re, im, UInt32(n), UInt32(lanes), previous.qubit, previous.y, rotation.qubit, rotation.y,
                            tangents.tangent(previous.row), tangents.tangent(rotation.row))
                    } else {
                        single(previous)
                        waiting = rotation
                    }
                }
                if let last = waiting { single(last) }
                // Rotations on low qubits: consecutive ones on different qubits as tangent pairs.
                var t = 0
                while t + 1 < low {
                    if qubits[t] != qubits[t + 1] && tangents.pair(Int(rows[t]), Int(rows[t + 1]), trig: trig) {
                        paired[t] = 1
                        t += 2
                    } else {
                        t += 1
                    }
                }
                var lowTable: UnsafeMutablePointer<Double>?, highTable: UnsafeMutablePointer<Double>?
                if let layer {
                    (lowTable, highTable) = blockPhaseTables(layer, flat, slots: slots, n: n, b: b, lanes: lanes, isa: isa, work: work)
                }
                qk_batch_rotation_blocks(
                    isa, re, im, UInt32(n), UInt32(lanes), UInt32(b), UInt32(low), qubits, ys, trig.cosines, trig.sines,
                    rows, paired, tangents.tangents, lowTable, highTable, permutation.map { flat.words + Int($0.b) }, spare?.re, spare?.im)
                return (after - first + (permutation == nil ? 0 : 1), count, permutation != nil)
            }
        }
    }

    /// A separable layer's phase `exp(i (g + sum_q theta_q bit_q))` split into a table over the
    /// block's qubits `0..<b` (holding `g`) and one over the blocks, qubits `b..<n`, in
    /// `work.table`.
    private static func blockPhaseTables(
        _ layer: BatchProgram.Layer, _ flat: BatchProgram.FlatArrays, slots: UnsafePointer<Double>, n: Int, b: Int, lanes: Int,
        isa: qk_isa, work: Scratch
    ) -> (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) {
        // Angle rows: (b + 1) for the low table (row 0 = g, row 1 + q = theta_q), then (n - b + 1)
        // for the high one (row 0 = 0, row 1 + q - b = theta_q); qubits outside the layer keep 0.
        let lowAngles = work.spectrum, highAngles = lowAngles + (b + 1) * lanes
        lowAngles.update(repeating: 0, count: (n + 2) * lanes)
        let qubits = flat.words + layer.qubits
        for t in layer.terms {
            let q = Int(qubits[flat.masks[t].trailingZeroBitCount])
            let target = q < b ? lowAngles + (1 + q) * lanes : highAngles + (1 + q - b) * lanes
            let src = slots + flat.slots[t] * lanes, c = flat.coefficients[t]
            for v in 0..<lanes { target[v] += c * src[v] }
        }
        for g in layer.globals {
            let src = slots + flat.slots[g] * lanes, c = flat.coefficients[g]
            for v in 0..<lanes { lowAngles[v] += c * src[v] }
        }
        let lowTable = work.table, highTable = lowTable + (2 * lanes << b)
        qk_batch_phase_product(isa, lowAngles, UInt32(b), UInt32(lanes), work.work, lowTable)
        qk_batch_phase_product(isa, highAngles, UInt32(n - b), UInt32(lanes), work.work, highTable)
        return (lowTable, highTable)
    }
}
