import CircuitIR
import Numerics

/// Keeping a block as its gates (`GateSequence`): its one-qubit gates and its permutation gates
/// (CX, CCX, SWAP, X, with any control values), in order.
extension GateFusion {
    /// `op` as a sequence part, its qubits at the local bits `positions` of a block of `k` qubits;
    /// nil when it is neither an uncontrolled one-qubit gate nor a permutation of basis states
    /// (CX, CCX, SWAP, X, with any control values).
    static func sequencePart(_ op: Operation, positions: [Int], blockQubits k: Int) -> GateSequence.Part? {
        switch op.kind {
        case .unitary, .swap:
            if let p = permutation(of: operationMatrix(op), positions: positions, blockQubits: k) { return .permutation(p) }
        default:
            break
        }
        guard op.controls.isEmpty && op.qubits.count == 1 else { return nil }
        switch op.kind {
        case .unitary(let m) where m.dimension == 2: return .matrix(bit: positions[0], entries: m.entries)
        case .diagonal(let d) where d.count == 2: return .matrix(bit: positions[0], entries: [d[0], .zero, .zero, d[1]])
        default: return nil
        }
    }

    /// The block-level permutation (`p[x]` is where local state x goes) of a gate matrix `g` on the
    /// local bits `positions` whose every column holds exactly one entry, equal to 1 (exactly: then
    /// relabelling is exact); else nil.
    static func permutation(of g: [Complex<Double>], positions: [Int], blockQubits k: Int) -> [Int]? {
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
        return (0..<(1 << k)).map { x in (x & ~mask) | scatter(image[gather(x)]) }
    }

    /// What `op` adds to a replayed block: 1 for an uncontrolled one-qubit gate, 0 for a
    /// permutation of basis states, nil for anything else (the block is not replayed).
    static func replaySteps(_ op: Operation) -> Int? {
        let positions = Array(0..<op.allQubits.count)
        switch sequencePart(op, positions: positions, blockQubits: positions.count) {
        case .matrix?: return 1
        case .permutation?: return 0
        case nil: return nil
        }
    }

    /// `ops` (in order) as a sequence on `qubits` (local bit j = qubit `qubits[j]`), or nil when
    /// some gate is neither a one-qubit gate nor a permutation (`replaySteps` nil).
    static func gateSequence(_ ops: [Operation], on qubits: [Int]) -> GateSequence? {
        var parts: [GateSequence.Part] = []
        for op in ops {
            let positions = op.allQubits.map { q in qubits.firstIndex(of: q)! }
            guard let part = sequencePart(op, positions: positions, blockQubits: qubits.count) else { return nil }
            parts.append(part)
        }
        return GateSequence(qubitCount: qubits.count, parts: parts)
    }
}
