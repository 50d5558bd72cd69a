import CircuitIR
import Numerics

/// Merges runs of diagonal operations into single diagonal passes, the way qsim's fuser merges
/// gates: feature-map circuits are long runs of P, CP, RZ, RZZ and Z-word evolutions between
/// Hadamard layers, and every diagonal commutes with every other, so a whole run becomes a few
/// `diagonal` operations on at most `maxQubits` qubits each, applied in one pass over the state.
///
/// Exact: the fused circuit's state equals the unfused one's to rounding (tests check 1e-12).
public enum DiagonalFusion {
    /// Returns `circuit` with each maximal run of unconditioned diagonal operations (diagonal
    /// matrices, phases, controlled phases, controlled global phases) replaced by as few diagonal
    /// operations as fit `maxQubits` qubits each. Other operations are kept in place.
    public static func fuse(_ circuit: Circuit, maxQubits: Int = 12) -> Circuit {
        precondition(maxQubits >= 1 && maxQubits <= 20, "maxQubits must be in 1...20")
        var out = circuit
        out.operations.removeAll(keepingCapacity: true)
        let operations = rewritingConjugatedPhases(circuit.operations)
        var run: [Operation] = []
        func flush() {
            if run.count <= 1 {
                out.operations += run
            } else {
                out.operations += merge(run, maxQubits: maxQubits)
            }
            run.removeAll(keepingCapacity: true)
        }
        for op in operations {
            if op.condition == nil, let _ = diagonalEntries(op) {
                run.append(op)
            } else if case .barrier = op.kind {
                continue  // barriers only order operations; diagonals commute through them anyway
            } else {
                flush()
                out.operations.append(op)
            }
        }
        flush()
        return out
    }

    /// Rewrites `CX(c, t) D(t) CX(c, t)`, with `D` a one-qubit diagonal, as the two-qubit diagonal
    /// `|c, t> -> D[t XOR c]`: how circuit files write a ZZ interaction (Qiskit's feature maps, QAOA),
    /// which would otherwise break every diagonal run in two. Exact: CX maps `|c, t>` to
    /// `|c, t XOR c>`, the phase is read there, and the second CX maps the state back.
    static func rewritingConjugatedPhases(_ ops: [Operation]) -> [Operation] {
        var out: [Operation] = []
        out.reserveCapacity(ops.count)
        var i = 0
        while i < ops.count {
            if i + 2 < ops.count, let (control, target) = cnot(ops[i]), cnot(ops[i + 2]).map({ $0 == (control, target) }) == true,
                ops[i + 1].condition == nil, ops[i + 1].controls.isEmpty, ops[i + 1].qubits == [target],
                let d = diagonalEntries(ops[i + 1])
            {
                // Local index bit 0 = control, bit 1 = target: entry d[t XOR c].
                let table = (0..<4).map { l in d[(l & 1) ^ (l >> 1)] }
                out.append(Operation(.diagonal(table), qubits: [control, target], name: "zz-phase"))
                i += 3
                continue
            }
            out.append(ops[i])
            i += 1
        }
        return out
    }

    /// `(control, target)` when `op` is an unconditioned CX (a NOT with one positive control).
    private static func cnot(_ op: Operation) -> (Int, Int)? {
        guard op.condition == nil, op.controls.count == 1, op.controls[0].value, op.qubits.count == 1,
            case .unitary(let m) = op.kind, m.dimension == 2,
            m[0, 0] == .zero, m[1, 1] == .zero, m[0, 1] == .one, m[1, 0] == .one
        else { return nil }
        return (op.controls[0].qubit, op.qubits[0])
    }

    /// The diagonal of an operation on `op.allQubits` (targets then controls), or nil if it is not diagonal.
    static func diagonalEntries(_ op: Operation) -> [Complex<Double>]? {
        let base: [Complex<Double>]
        switch op.kind {
        case .diagonal(let d): base = d
        case .unitary(let m) where m.isDiagonal: base = m.diagonal
        case .globalPhase(let phi) where !op.controls.isEmpty: base = [Complex(length: 1, phase: phi)]
        default: return nil
        }
        let k = op.qubits.count
        let total = k + op.controls.count
        guard total <= 20 else { return nil }
        var d = [Complex<Double>](repeating: .one, count: 1 << total)
        for l in 0..<(1 << total) {
            let fires = op.controls.enumerated().allSatisfy { j, c in ((l >> (k + j)) & 1 == 1) == c.value }
            if fires { d[l] = base.count == 1 ? base[0] : base[l & ((1 << k) - 1)] }
        }
        return d
    }

    /// Greedily packs operations into groups whose qubit union fits, then multiplies each group's
    /// diagonals into one table.
    static func merge(_ ops: [Operation], maxQubits: Int) -> [Operation] {
        var groups: [(qubits: [Int], ops: [Operation])] = []
        for op in ops {
            let qs = op.allQubits
            if let g = groups.firstIndex(where: { Set($0.qubits).union(qs).count <= maxQubits }) {
                for q in qs where !groups[g].qubits.contains(q) { groups[g].qubits.append(q) }
                groups[g].ops.append(op)
            } else if qs.count <= maxQubits {
                groups.append((qs, [op]))
            } else {
                groups.append((qs, [op]))  // too wide to merge with anything: kept alone
            }
        }
        return groups.map { group in
            if group.ops.count == 1 { return group.ops[0] }
            let qubits = group.qubits.sorted()
            var table = [Complex<Double>](repeating: .one, count: 1 << qubits.count)
            for op in group.ops {
                let d = diagonalEntries(op)!
                let positions = op.allQubits.map { qubits.firstIndex(of: $0)! }
                for l in table.indices {
                    var local = 0
                    for (j, p) in positions.enumerated() { local |= ((l >> p) & 1) << j }
                    table[l] = table[l] * d[local]
                }
            }
            return Operation(.diagonal(table), qubits: qubits, name: "fused-diagonal")
        }
    }
}
