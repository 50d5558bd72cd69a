import CircuitIR
import Numerics

/// Keeping a block as its gates (`GateSequence`): its one-qubit gates and its permutation gates
/// (CX, CCX, SWAP, X, with any control values), in order.
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

    /// What `op` adds to a replayed block: 1 for an uncontrolled one-qubit gate, 0 for a
    /// permutation of basis states, nil for anything else (the block is not replayed).
    static func replaySteps(_ op: Operation) -> Int? {
        let positions = Array(0..<op.allQubits.count)
        switch sequencePart(op, positions: positions, blockQubits: positions.count) {
        case .step?: return 1
        case .permutation?: return 0
        case nil: return nil
        }
    }

    /// The number of one-qubit gates a sequence of `ops` would replay, or nil when some gate is
    /// neither a one-qubit gate nor a permutation.
    static func sequenceStepCount(_ ops: [Operation]) -> Int? {
        ops.reduce(0) { n, op in n.flatMap { n in replaySteps(op).map { n + $0 } } }
    }

    /// `ops` (in order) as a sequence on `qubits` (local bit j = qubit `qubits[j]`), or nil as for
    /// `sequenceStepCount`.
    static func gateSequence(_ ops: [Operation], on qubits: [Int]) -> GateSequence? {
        var parts: [GateSequence.Part] = []
        for op in ops {
            let positions = op.allQubits.map { q in qubits.firstIndex(of: q)! }
            switch sequencePart(op, positions: positions, blockQubits: qubits.count) {
            case .step(let bit, let m)?: parts.append(.matrix(bit: bit, entries: m))
            case .permutation(let perm)?: parts.append(.permutation(perm))
            case nil: return nil
            }
        }
        return GateSequence(qubitCount: qubits.count, parts: parts)
    }
}
