import CQKKernels
import CircuitIR
import Numerics

/// A `GateSequence` compiled for the replay kernel (`qk_f32_apply_sequence`, whose header lists
/// the step kinds) on given qubits.
///
/// **Slots and relabelling.** A slot is one register of four complex64 amplitudes per local state
/// of the block's qubits >= 2; the block's qubits 0 and 1, if any, are lanes inside every slot.
/// `label[s]` is the local state (over the high qubits) slot `s` holds. A permutation that moves
/// only high bits, independently of the lane bits (CX, SWAP, CCX among high qubits), rewrites the
/// labels and costs nothing; a one-qubit gate on a high bit pairs the slots of states `x` and
/// `x + 2^j`; one on a lane bit permutes lanes inside every slot (a lane step); a controlled X
/// between lane and slot bits exchanges some lanes of slot pairs, or flips a lane bit in the
/// slots whose label satisfies the control (blends, no arithmetic). A SWAP between a lane bit and
/// a slot bit is three such CXs. Other permutations that mix lanes are not compiled.
///
/// **Unit steps.** Without lane bits, every one-qubit gate but the last is a unit step
/// `(x, y) <- (x + b y, c x + d y)`, five multiply-adds per register pair instead of eight. The
/// kernel's slots hold `v[s]`, the true amplitudes are `D[s] v[s]` (`D = 1` at the start). A gate
/// `M` on a pair gives true outputs `M00 Dx x + M01 Dy y` and `M10 Dx x + M11 Dy y`; dividing the
/// first by `P = M00 Dx` and the second by `Q = M10 Dx / c`, `c = |M10| / |M00|` real, leaves
/// `x + (M01 Dy / P) y` and `c x + (M11 Dy / Q) y`, and `P`, `Q` become the slots' `D`. When
/// `|M00| < |M10|` the rows are taken the other way round and the two slots exchange roles for the
/// following steps (a relabelling like a CX's), so for unitary gates every divisor has magnitude
/// at least `1 / sqrt(2)` of the last and `|b|, |c|, |d| <= 1`. All slots share `|D|`, as every
/// step pairs every slot. The last gate is a matrix step that multiplies the `D`s back in; a gate
/// with `M00 = M10 = 0` (not invertible) is a matrix step too.
@usableFromInline
struct ReplayProgram {
    /// A `QK_STEP_*` kind per step.
    @usableFromInline var kinds: [UInt8] = []
    /// The coefficients in the kernel's order (see the header), as Double.
    @usableFromInline var coefficients: [Double] = []
    /// The slot tables of the steps, in order.
    @usableFromInline var pairs: [UInt8] = []
    /// `labels[s]`: the local state over the high qubits slot `s` holds at the end.
    @usableFromInline var labels: [UInt8] = []

    /// The number of steps.
    @usableFromInline var stepCount: Int { kinds.count }

    /// The program for `sequence` on `qubits` (local bit j = `qubits[j]`), or nil when a
    /// permutation mixes lane bits in a way the kernel has no step for. With `unitSteps` false
    /// every one-qubit gate is a matrix step (for comparison).
    @usableFromInline init?(_ sequence: GateSequence, qubits: [Int], unitSteps: Bool = true) {
        let k = sequence.qubitCount
        precondition(qubits.count == k, "one qubit per local bit")
        var compiler = Compiler(qubits: qubits)
        let lastMatrix = sequence.parts.lastIndex { if case .matrix = $0 { return true } else { return false } }
        for (index, part) in sequence.parts.enumerated() {
            switch part {
            case .matrix(let bit, let m):
                compiler.matrix(m, bit: bit, unit: unitSteps && compiler.lowBits.isEmpty && index != lastMatrix)
            case .permutation(let p):
                guard compiler.permutation(p) else { return nil }
            }
        }
        kinds = compiler.kinds
        coefficients = compiler.coefficients
        pairs = compiler.pairs
        labels = compiler.label.map(UInt8.init)
    }
}

/// The state of a compilation: the slot labels and scales, and the program so far.
private struct Compiler {
    let k: Int
    /// Local bits on qubit 0 or 1, and the lane bit (the qubit) each is.
    let lowBits: [Int: Int]
    /// For each local bit on a qubit >= 2, its bit in a slot label.
    let highBit: [Int: Int]
    let slots: Int
    var label: [Int]
    var slotOf: [Int]
    var scale: [Complex<Double>]
    var kinds: [UInt8] = []
    var coefficients: [Double] = []
    var pairs: [UInt8] = []

    init(qubits: [Int]) {
        k = qubits.count
        var low: [Int: Int] = [:], high: [Int: Int] = [:]
        for (j, q) in qubits.enumerated() {
            if q < 2 { low[j] = q } else { high[j] = high.count }
        }
        lowBits = low
        highBit = high
        slots = 1 << high.count
        label = Array(0..<slots)
        slotOf = label
        scale = [Complex<Double>](repeating: .one, count: slots)
    }

    mutating func append(_ z: Complex<Double>) { coefficients += [z.real, z.imaginary] }

    /// The slot label and lane bits of local state x.
    func split(_ x: Int) -> (high: Int, lanes: Int) {
        var h = 0, a = 0
        for j in 0..<k where (x >> j) & 1 == 1 {
            if let p = lowBits[j] { a |= 1 << p } else { h |= 1 << highBit[j]! }
        }
        return (h, a)
    }

    /// The slots of the states h (slot label bit `hb` clear, `included(h)`) and h + 2^hb.
    func pairsOfStates(flipping hb: Int, where included: (Int) -> Bool) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for h in 0..<slots where (h >> hb) & 1 == 0 && included(h) {
            let partner: Int = h | (1 << hb)
            out.append((slotOf[h], slotOf[partner]))
        }
        return out
    }

    /// A one-qubit gate on local bit `bit`.
    mutating func matrix(_ m: [Complex<Double>], bit: Int, unit: Bool) {
        guard let hb = highBit[bit] else {
            // On a lane bit p: lane a takes (m00, m01) if its bit p is 0, (m11, m10) if 1.
            let p = lowBits[bit]!
            lane(p, slots: Array(0..<slots)) { a in (a >> p) & 1 == 0 ? (m[0], m[1]) : (m[3], m[2]) }
            return
        }
        let slotPairs = pairsOfStates(flipping: hb) { _ in true }
        let crossed = m[0].length < m[2].length
        let (top0, top1, bottom0, bottom1) = crossed ? (m[2], m[3], m[0], m[1]) : (m[0], m[1], m[2], m[3])
        guard unit && top0 != .zero else {
            kinds.append(UInt8(QK_STEP_MATRIX))
            for (x, y) in slotPairs {
                pairs += [UInt8(x), UInt8(y)]
                for z in [m[0] * scale[x], m[1] * scale[y], m[2] * scale[x], m[3] * scale[y]] { append(z) }
                scale[x] = .one
                scale[y] = .one
            }
            return
        }
        kinds.append(UInt8(QK_STEP_UNIT))
        let c = bottom0.length / top0.length
        coefficients.append(c)
        for (x, y) in slotPairs {
            let dx = scale[x], dy = scale[y]
            let p = top0 * dx
            let q = c > 0 ? bottom0 * dx / Complex(c) : bottom1 * dy
            pairs += [UInt8(x), UInt8(y)]
            append(top1 * dy / p)
            append(bottom1 * dy / q)
            scale[x] = p
            scale[y] = q
            if crossed {
                // Slot x now holds the |1> output, slot y the |0> one.
                (label[x], label[y]) = (label[y], label[x])
                slotOf[label[x]] = x
                slotOf[label[y]] = y
            }
        }
    }

    /// A lane step on lane bit `p` for `slots`: lane a becomes C0 x_a + C1 x_(a ^ 2^p) with
    /// `(C0, C1) = coefficients(a)`.
    mutating func lane(_ p: Int, slots list: [Int], coefficients lanes: (Int) -> (Complex<Double>, Complex<Double>)) {
        guard !list.isEmpty else { return }
        kinds.append(UInt8(p == 0 ? QK_STEP_LANE0 : QK_STEP_LANE1))
        pairs.append(UInt8(list.count))
        pairs += list.map(UInt8.init)
        let cs = (0..<4).map(lanes)
        appendLaneVectors([cs.map(\.0), cs.map(\.1)])
    }

    /// Per-lane complex vectors as the kernel reads them: for each, 8 floats of re (each lane's
    /// twice), then 8 of im.
    mutating func appendLaneVectors(_ vectors: [[Complex<Double>]]) {
        for v in vectors {
            coefficients += v.flatMap { [$0.real, $0.real] }
            coefficients += v.flatMap { [$0.imaginary, $0.imaginary] }
        }
    }

    /// A permutation of the local states (`p[x]` is where x goes); false if it cannot be compiled.
    mutating func permutation(_ p: [Int]) -> Bool {
        // Moves slot labels only, whatever the lanes: a relabelling.
        var image = [Int?](repeating: nil, count: slots)
        var relabel = true
        for x in 0..<p.count {
            let (h, a) = split(x), (h2, a2) = split(p[x])
            if a2 != a || (image[h] != nil && image[h] != h2) {
                relabel = false
                break
            }
            image[h] = h2
        }
        if relabel {
            for s in 0..<slots { label[s] = image[label[s]]! }
            for s in 0..<slots { slotOf[label[s]] = s }
            return true
        }
        if let (i, j) = swappedBits(p) {
            // Three controlled Xs: i -> j, j -> i, i -> j.
            for (c, t) in [(i, j), (j, i), (i, j)] {
                let cx = (0..<p.count).map { x in (x >> c) & 1 == 1 ? x ^ (1 << t) : x }
                guard controlledX(cx) else { return false }
            }
            return true
        }
        return controlledX(p)
    }

    /// Bits (i, j) when p exchanges exactly them.
    func swappedBits(_ p: [Int]) -> (Int, Int)? {
        for i in 0..<k {
            for j in (i + 1)..<max(i + 1, k) {
                let swaps = (0..<p.count).allSatisfy { x in
                    let bi = (x >> i) & 1, bj = (x >> j) & 1
                    return p[x] == (x & ~(1 << i | 1 << j)) | bj << i | bi << j
                }
                if swaps { return (i, j) }
            }
        }
        return nil
    }

    /// A controlled X (target t flipped where the other bits under `mask` read `value`) mixing
    /// lanes and slots; false if p is not one.
    mutating func controlledX(_ p: [Int]) -> Bool {
        let moved = (0..<p.count).filter { p[$0] != $0 }
        guard let first = moved.first else { return true }
        let flip = p[first] ^ first
        guard flip.nonzeroBitCount == 1, moved.allSatisfy({ p[$0] == $0 ^ flip }) else { return false }
        let t = flip.trailingZeroBitCount
        var mask = ((1 << k) - 1) & ~flip
        for x in moved { mask &= ~(x ^ first) }
        let value = first & mask
        guard moved.count == 1 << (k - mask.nonzeroBitCount) else { return false }
        let (maskHigh, maskLanes) = split(mask), (valueHigh, valueLanes) = split(value)
        func lanesFire(_ a: Int) -> Bool { a & maskLanes == valueLanes }
        // The lanes where the controls on lane bits fire, as the kernel's blend mask.
        let blend = (0..<4).flatMap { a in lanesFire(a) ? [-1.0, -1.0] : [1.0, 1.0] }
        if let hb = highBit[t] {
            // Slots exchange the lanes where the lane controls fire.
            let slotPairs = pairsOfStates(flipping: hb) { h in h & maskHigh == valueHigh }
            guard !slotPairs.isEmpty else { return true }
            kinds.append(UInt8(QK_STEP_SWAP))
            pairs.append(UInt8(slotPairs.count))
            for (x, y) in slotPairs { pairs += [UInt8(x), UInt8(y)] }
            coefficients += blend
            return true
        }
        // Lane bit q flipped in the slots whose label satisfies the slot controls.
        let q = lowBits[t]!
        let list = (0..<slots).filter { label[$0] & maskHigh == valueHigh }
        guard !list.isEmpty else { return true }
        kinds.append(UInt8(q == 0 ? QK_STEP_FLIP0 : QK_STEP_FLIP1))
        pairs.append(UInt8(list.count))
        pairs += list.map(UInt8.init)
        coefficients += blend
        return true
    }
}
