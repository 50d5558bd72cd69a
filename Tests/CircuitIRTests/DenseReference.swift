import CircuitIR
import Numerics

/// A deliberately simple dense evaluator of IR operations, written for the tests only: it applies
/// each operation amplitude by amplitude from its definition (controls, little-endian local index,
/// row-major matrix), so the parser's output can be compared with Qiskit's operators and states
/// independently of the real simulator.
enum DenseReference {
    typealias C = Complex<Double>

    /// Whether basis state `index` satisfies every control.
    static func controlsHold(_ op: Operation, _ index: Int) -> Bool {
        op.controls.allSatisfy { ((index >> $0.qubit) & 1 == 1) == $0.value }
    }

    /// The local basis index of `index` on the operation's targets: bit j is the bit of `qubits[j]`.
    static func localIndex(_ qubits: [Int], _ index: Int) -> Int {
        var local = 0
        for (j, q) in qubits.enumerated() { local |= ((index >> q) & 1) << j }
        return local
    }

    /// Applies a unitary operation (or a barrier) to a state of `log2(state.count)` qubits.
    static func apply(_ op: Operation, to state: inout [C]) {
        switch op.kind {
        case .barrier: return
        case .measure, .reset: preconditionFailure("DenseReference.apply handles unitary operations only")
        case .globalPhase(let phase):
            let z = C(length: 1, phase: phase)
            for i in state.indices where controlsHold(op, i) { state[i] = state[i] * z }
        case .diagonal(let d):
            for i in state.indices where controlsHold(op, i) { state[i] = state[i] * d[localIndex(op.qubits, i)] }
        case .unitary(let m):
            applyMatrix(m, op, &state)
        case .swap:
            let o = C.zero, l = C.one
            applyMatrix(GateMatrix(dimension: 4, entries: [l, o, o, o, o, o, l, o, o, l, o, o, o, o, o, l]), op, &state)
        case .fourier(let inverse):
            // The DFT matrix from its definition: entry (y, x) = e^{+-2 pi i x y / N} / sqrt(N).
            let n = 1 << op.qubits.count, sign = inverse ? -1.0 : 1.0
            let entries = (0..<(n * n)).map { e in
                C(length: 1 / Double(n).squareRoot(), phase: sign * 2 * .pi * Double((e / n) * (e % n) % n) / Double(n))
            }
            applyMatrix(GateMatrix(dimension: n, entries: entries), op, &state)
        }
    }

    private static func applyMatrix(_ m: GateMatrix, _ op: Operation, _ state: inout [C]) {
        let k = op.qubits.count
        precondition(m.dimension == 1 << k)
        let targetMask = op.qubits.reduce(0) { $0 | (1 << $1) }
        for base in state.indices where base & targetMask == 0 && controlsHold(op, base) {
            var indices = [Int](repeating: 0, count: 1 << k)
            for l in 0..<(1 << k) {
                var i = base
                for (j, q) in op.qubits.enumerated() where (l >> j) & 1 == 1 { i |= 1 << q }
                indices[l] = i
            }
            let old = indices.map { state[$0] }
            for r in 0..<(1 << k) {
                var sum = C.zero
                for c in 0..<(1 << k) { sum = sum + m[r, c] * old[c] }
                state[indices[r]] = sum
            }
        }
    }

    /// The state the circuit's operations prepare from |0...0> (measurements must be absent).
    static func statevector(_ circuit: Circuit) -> [C] {
        var state = [C](repeating: .zero, count: 1 << circuit.qubitCount)
        state[0] = .one
        for op in circuit.operations { apply(op, to: &state) }
        return state
    }

    /// The circuit's unitary, row-major `2^n x 2^n`: column j is the image of basis state j.
    static func unitary(_ circuit: Circuit) -> [C] {
        let n = 1 << circuit.qubitCount
        var u = [C](repeating: .zero, count: n * n)
        for j in 0..<n {
            var state = [C](repeating: .zero, count: n)
            state[j] = .one
            for op in circuit.operations { apply(op, to: &state) }
            for i in 0..<n { u[i * n + j] = state[i] }
        }
        return u
    }

    /// One measurement history of a circuit with mid-circuit measurements and conditions.
    struct Branch {
        var probability: Double
        var state: [C]
        var clbits: [Bool]
    }

    /// Every measurement history with its probability and post-measurement state, following
    /// `if` conditions: an exhaustive test-sized version of shot-by-shot simulation.
    static func branches(_ circuit: Circuit) -> [Branch] {
        var start = [C](repeating: .zero, count: 1 << circuit.qubitCount)
        start[0] = .one
        var branches = [Branch(probability: 1, state: start, clbits: Array(repeating: false, count: circuit.clbitCount))]
        for op in circuit.operations {
            var next: [Branch] = []
            for var b in branches {
                if let c = op.condition {
                    var value: UInt64 = 0
                    for (j, bit) in c.clbits.enumerated() where b.clbits[bit] { value |= 1 << UInt64(j) }
                    if value != c.value {
                        next.append(b)
                        continue
                    }
                }
                switch op.kind {
                case .measure, .reset:
                    var clbit: Int?
                    if case .measure(let c) = op.kind { clbit = c }
                    let q = op.qubits[0]
                    for outcome in [false, true] {
                        var s = b.state
                        var p = 0.0
                        for i in s.indices {
                            if ((i >> q) & 1 == 1) == outcome { p += s[i].lengthSquared } else { s[i] = .zero }
                        }
                        if p < 1e-14 { continue }
                        let scale = C(1 / p.squareRoot())
                        s = s.map { $0 * scale }
                        var bits = b.clbits
                        if let clbit {
                            bits[clbit] = outcome
                        } else if outcome {
                            // Reset: move the |1> component to |0>.
                            var t = [C](repeating: .zero, count: s.count)
                            for i in s.indices where (i >> q) & 1 == 1 { t[i & ~(1 << q)] = s[i] }
                            s = t
                        }
                        next.append(Branch(probability: b.probability * p, state: s, clbits: bits))
                    }
                default:
                    apply(op, to: &b.state)
                    next.append(b)
                }
            }
            branches = next
        }
        return branches
    }
}
