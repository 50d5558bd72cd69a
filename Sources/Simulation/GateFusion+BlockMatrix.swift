import CircuitIR
import Numerics

/// Multiplying a block's gates into one matrix.
extension GateFusion {
    /// The unitary of `ops` applied in order, on `qubits` (local bit j = qubit `qubits[j]`):
    /// `U = G_last ... G_1`, built by applying each gate to every column of the identity, the same
    /// way the simulator applies it to a state. Every gate's qubits must be among `qubits`.
    static func blockMatrix(_ ops: [Operation], on qubits: [Int]) -> GateMatrix {
        let dim = 1 << qubits.count
        var u = GateMatrix.identity(dim).entries  // row-major: u[r * dim + c]
        for op in ops {
            let positions = op.allQubits.map { q in qubits.firstIndex(of: q)! }
            let g = operationMatrix(op)
            applyLocal(g, positions: positions, to: &u, dim: dim)
        }
        return GateMatrix(dimension: dim, entries: u)
    }

    /// Left-multiplies the `dim x dim` matrix `u` by `g`, a matrix on the local bits `positions`
    /// (its local index bit j is bit `positions[j]`), identity on the other bits.
    static func applyLocal(_ g: [Complex<Double>], positions: [Int], to u: inout [Complex<Double>], dim: Int) {
        let a = positions.count, gdim = 1 << a
        var mask = 0
        for p in positions { mask |= 1 << p }
        var spread = [Int](repeating: 0, count: gdim)  // local offset of g's basis state j
        for j in 0..<gdim {
            for (b, p) in positions.enumerated() where (j >> b) & 1 == 1 { spread[j] |= 1 << p }
        }
        var x = [Complex<Double>](repeating: .zero, count: gdim)
        for base in 0..<dim where base & mask == 0 {
            for c in 0..<dim {
                for j in 0..<gdim { x[j] = u[(base | spread[j]) * dim + c] }
                for r in 0..<gdim {
                    var s = Complex<Double>.zero
                    for j in 0..<gdim { s = s + g[r * gdim + j] * x[j] }
                    u[(base | spread[r]) * dim + c] = s
                }
            }
        }
    }

    /// The full matrix of a unitary `op` on `op.allQubits` (targets, then controls; row-major):
    /// its target matrix where every control reads its value, the identity elsewhere.
    static func operationMatrix(_ op: Operation) -> [Complex<Double>] {
        let t = op.qubits.count
        let base: [Complex<Double>]
        switch op.kind {
        case .unitary(let m):
            base = m.entries
        case .diagonal(let d):
            base = GateMatrix(dimension: d.count, entries: (0..<(d.count * d.count)).map { i in
                i / d.count == i % d.count ? d[i / d.count] : .zero
            }).entries
        case .swap:
            base = GateMatrix.identity(4).entries.enumerated().map { i, _ in
                // |01> <-> |10>: rows/columns 1 and 2 exchanged.
                let perm = [0, 2, 1, 3]
                return perm[i / 4] == i % 4 ? Complex<Double>.one : .zero
            }
        case .globalPhase(let phi):
            base = [Complex(length: 1, phase: phi)]
        case .fourier, .measure, .reset, .barrier:
            preconditionFailure("not a fusable unitary: \(op.name)")
        }
        let tdim = 1 << t
        let total = t + op.controls.count
        let dim = 1 << total
        var values = 0
        for (j, c) in op.controls.enumerated() where c.value { values |= 1 << j }
        var out = [Complex<Double>](repeating: .zero, count: dim * dim)
        for r in 0..<dim {
            let rc = r >> t
            if rc == values {
                for ct in 0..<tdim { out[r * dim + (rc << t | ct)] = base[(r & (tdim - 1)) * tdim + ct] }
            } else {
                out[r * dim + r] = .one
            }
        }
        return out
    }
}
