import CircuitIR
import Numerics

/// Keeping a block as its gates (`GateSequence`): one-qubit matrices become 2x2 steps on pairs of
/// slots, permutation gates become a relabelling of the slots and cost nothing.
extension GateFusion {
    /// What a gate contributes to a sequence: a 2x2 step on one local bit, or a permutation of the
    /// block's local basis states (`perm[x]` is where state `x` goes).
    enum SequencePart {
        case step(bit: Int, matrix: [Complex<Double>])
        case permutation([Int])
    }

    /// `op` as a sequence part, its qubits at the local bits `positions` of a block of `k` qubits;
    /// nil when it is neither an uncontrolled one-qubit gate nor a permutation of basis states
    /// (CX, CCX, SWAP, X, with any control values).
    static func sequencePart(_ op: Operation, positions: [Int], blockQubits k: Int) -> SequencePart? {
        switch op.kind {
        case .unitary, .swap:
            if let p = permutation(of: operationMatrix(op), positions: positions, blockQubits: k) { return p }
        default:
            break
        }
        guard op.controls.isEmpty && op.qubits.count == 1 else { return nil }
        switch op.kind {
        case .unitary(let m) where m.dimension == 2: return .step(bit: positions[0], matrix: m.entries)
        case .diagonal(let d) where d.count == 2: return .step(bit: positions[0], matrix: [d[0], .zero, .zero, d[1]])
        default: return nil
        }
    }

    /// The block-level permutation of a gate matrix `g` on the local bits `positions` whose every
    /// column holds exactly one entry, equal to 1 (exactly: then relabelling is exact); else nil.
    static func permutation(of g: [Complex<Double>], positions: [Int], blockQubits k: Int) -> SequencePart? {
        let gdim = 1 << positions.count
        var image = [Int](repeating: 0, count: gdim)  // column j -> the row holding its 1
        for j in 0..<gdim {
            var row: Int?
            for r in 0..<gdim where g[r * gdim + j] != .zero {
                guard row == nil, g[r * gdim + j] == .one else { return nil }
                row = r
            }
            guard let row else { return nil }
            image[j] = row
        }
        var mask = 0
        for p in positions { mask |= 1 << p }
        func gather(_ x: Int) -> Int { positions.enumerated().reduce(0) { $0 | (((x >> $1.element) & 1) << $1.offset) } }
        func scatter(_ l: Int) -> Int { positions.enumerated().reduce(0) { $0 | (((l >> $1.offset) & 1) << $1.element) } }
        return .permutation((0..<(1 << k)).map { x in (x & ~mask) | scatter(image[gather(x)]) })
    }

    /// The number of 2x2 steps a sequence of `ops` on `qubits` would take, or nil when some gate is
    /// neither a one-qubit gate nor a permutation.
    static func sequenceStepCount(_ ops: [Operation], on qubits: [Int]) -> Int? {
        var steps = 0
        for op in ops {
            let positions = op.allQubits.map { q in qubits.firstIndex(of: q)! }
            switch sequencePart(op, positions: positions, blockQubits: qubits.count) {
            case .step: steps += 1
            case .permutation: break
            case nil: return nil
            }
        }
        return steps
    }

    /// `ops` (in order) as a sequence on `qubits` (local bit j = qubit `qubits[j]`), or nil as for
    /// `sequenceStepCount`.
    ///
    /// `label[c]` is the local basis state slot `c` holds so far. A permutation moves states, so
    /// it rewrites the labels; a step on bit j pairs the slot of each state x (bit j clear) with
    /// the slot of x + 2^j.
    static func gateSequence(_ ops: [Operation], on qubits: [Int]) -> GateSequence? {
        let k = qubits.count, dim = 1 << k
        var label = Array(0..<dim)
        var slot = Array(0..<dim)  // the inverse of label
        var matrices: [Complex<Double>] = []
        var pairs: [UInt8] = []
        for op in ops {
            let positions = op.allQubits.map { q in qubits.firstIndex(of: q)! }
            switch sequencePart(op, positions: positions, blockQubits: k) {
            case .step(let bit, let m)?:
                matrices += m
                for x in 0..<dim where (x >> bit) & 1 == 0 {
                    pairs += [UInt8(slot[x]), UInt8(slot[x | 1 << bit])]
                }
            case .permutation(let perm)?:
                for c in 0..<dim { label[c] = perm[label[c]] }
                for c in 0..<dim { slot[label[c]] = c }
            case nil:
                return nil
            }
        }
        return GateSequence(qubitCount: k, matrices: matrices, pairs: pairs, labels: label.map(UInt8.init))
    }
}
