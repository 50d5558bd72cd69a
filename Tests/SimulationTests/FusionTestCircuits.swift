import CircuitIR
import Numerics
import QKSupport
import Simulation
import _TestSupport

/// Random and structured circuits for the fusion tests, built from the standard gates' IR so the
/// fuser sees what the parser produces (u3, h, cx, cp, swap, rzz, ccx, negated controls, dense
/// two-qubit unitaries, controlled global phases).
enum FusionTestCircuits {
    static func random(qubits n: Int, gates: Int, seed: UInt64) -> Circuit {
        var rng = SeededGenerator(seed: seed)
        var circuit = Circuit(qubitCount: n)
        func pick(_ count: Int) -> [Int] {
            var qs: [Int] = []
            while qs.count < count {
                let q = min(n - 1, Int(rng.uniform() * Double(n)))
                if !qs.contains(q) { qs.append(q) }
            }
            return qs
        }
        func angle() -> Double { rng.uniform() * 2 * .pi }
        for g in 0..<gates {
            let choice = n >= 3 ? Int(rng.uniform() * 10) : Int(rng.uniform() * 6)
            switch choice {
            case 0, 1:
                circuit.append(Operation(.unitary(.u(angle(), angle(), angle())), qubits: pick(1), name: "u3"))
            case 2:
                let q = pick(2)
                circuit.append(Operation(.unitary(.x), qubits: [q[1]], controls: [Control(qubit: q[0])], name: "cx"))
            case 3:
                let q = pick(2)
                circuit.append(Operation(.diagonal([.one, Complex(length: 1, phase: angle())]), qubits: [q[1]],
                                         controls: [Control(qubit: q[0])], name: "cp"))
            case 4:
                circuit.append(Operation(.swap, qubits: pick(2), name: "swap"))
            case 5:
                let t = angle() / 2
                let e = Complex<Double>(length: 1, phase: -t), f = Complex<Double>(length: 1, phase: t)
                circuit.append(Operation(.diagonal([e, f, f, e]), qubits: pick(2), name: "rzz"))
            case 6:
                let q = pick(3)
                circuit.append(Operation(.unitary(.x), qubits: [q[2]], controls: [Control(qubit: q[0]), Control(qubit: q[1])], name: "ccx"))
            case 7:
                let q = pick(3)
                circuit.append(Operation(.unitary(.h), qubits: [q[0]], controls: [Control(qubit: q[1], value: false)], name: "negctrl-h"))
                circuit.append(Operation(.globalPhase(angle()), qubits: [], controls: [Control(qubit: q[2])], name: "cgphase"))
            case 8:
                let m = DenseReference.randomUnitary(4, seed: seed &* 1000 &+ UInt64(g))
                circuit.append(Operation(.unitary(m), qubits: pick(2), name: "unitary2"))
            default:
                circuit.append(Operation(.unitary(.h), qubits: pick(1), name: "h"))
                circuit.append(Operation(.globalPhase(0.25), qubits: [], name: "gphase"))
            }
        }
        return circuit
    }

    /// Random u3 on every qubit then a CX ladder, `layers` times: the benchmarks' random circuits.
    static func layered(qubits n: Int, layers: Int, seed: UInt64) -> Circuit {
        var rng = SeededGenerator(seed: seed)
        var circuit = Circuit(qubitCount: n)
        for _ in 0..<layers {
            for q in 0..<n {
                circuit.append(Operation(.unitary(.u(rng.uniform() * 6, rng.uniform() * 6, rng.uniform() * 6)), qubits: [q], name: "u3"))
            }
            for q in 0..<(n - 1) {
                circuit.append(Operation(.unitary(.x), qubits: [q + 1], controls: [Control(qubit: q)], name: "cx"))
            }
        }
        return circuit
    }

    /// The textbook QFT (H and controlled-phase ladder, then the reversing swaps) after a layer of
    /// random u3 gates, so the input is not a basis state.
    static func qft(qubits n: Int, seed: UInt64) -> Circuit {
        var rng = SeededGenerator(seed: seed)
        var circuit = Circuit(qubitCount: n)
        for q in 0..<n {
            circuit.append(Operation(.unitary(.u(rng.uniform() * 6, rng.uniform() * 6, rng.uniform() * 6)), qubits: [q], name: "u3"))
        }
        for t in stride(from: n - 1, through: 0, by: -1) {
            circuit.append(Operation(.unitary(.h), qubits: [t], name: "h"))
            for c in stride(from: t - 1, through: 0, by: -1) {
                let theta = Double.pi / Double(1 << (t - c))
                circuit.append(Operation(.diagonal([.one, Complex(length: 1, phase: theta)]), qubits: [t],
                                         controls: [Control(qubit: c)], name: "cp"))
            }
        }
        for q in 0..<(n / 2) { circuit.append(Operation(.swap, qubits: [q, n - 1 - q], name: "swap")) }
        return circuit
    }

    /// Largest amplitude difference between two states.
    static func distance(_ a: StateVector, _ b: StateVector) -> Double {
        (0..<a.count).map { (a[$0] - b[$0]).length }.nanPropagatingMax()
    }

    /// A model under which every block is cheaper than its parts, so every block size is exercised.
    static let alwaysFuse = FusionCostModel(
        matrix1: 1, controlledMatrix1: 1, matrix2: 1, swap: 1, phase: 1, diagonal: 1, dense: [0, 0.5, 0.5, 0.5, 0.5, 0.5])
}
