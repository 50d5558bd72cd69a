import CircuitIR
import Numerics

/// Finds quantum Fourier transforms written out as gates (H and controlled-phase ladders, with or
/// without the final swaps, forwards or inverted) and replaces each by one `fourier` operation,
/// which `StateVector` runs as a single FFT: O(m 2^n) work in a few passes instead of m(m+1)/2
/// gate passes.
///
/// A run of H, CP and SWAP operations is recognised when it is exactly one transform on a register
/// of contiguous ascending qubits, in any gate order that is equivalent to the textbook one: every
/// qubit sees its controlled phases to more significant qubits before its H, those to less
/// significant ones after it, and its swap last. Gates on different qubits commute and diagonal
/// gates commute with each other, so any such order gives the same unitary; the angles must be
/// exactly `pi / 2^d` (to 1e-12) — an approximate QFT with dropped phases is left as gates.
public enum FourierRecognition {
    /// Returns `circuit` with each recognised transform replaced by a `fourier` operation (plus the
    /// swaps that reverse the register when the ladder had none). Other operations are unchanged.
    public static func apply(_ circuit: Circuit) -> Circuit {
        var out = circuit
        out.operations.removeAll(keepingCapacity: true)
        var run: [Operation] = []
        var gates: [Gate] = []
        func flush() {
            if run.count >= 3, let replacement = recognize(gates) {
                out.operations += replacement
            } else {
                out.operations += run
            }
            run.removeAll(keepingCapacity: true)
            gates.removeAll(keepingCapacity: true)
        }
        for op in circuit.operations {
            if let g = gate(op) {
                run.append(op)
                gates.append(g)
            } else {
                flush()
                out.operations.append(op)
            }
        }
        flush()
        return out
    }

    enum Gate {
        case h(Int)
        case cp(Int, Int, Complex<Double>)
        case swap(Int, Int)
    }

    /// The operation as one of the three QFT gates, or nil.
    static func gate(_ op: Operation) -> Gate? {
        guard op.condition == nil else { return nil }
        switch op.kind {
        case .swap where op.controls.isEmpty:
            return .swap(op.qubits[0], op.qubits[1])
        case .unitary(let m) where op.controls.isEmpty && m.dimension == 2:
            let r = 1 / 2.0.squareRoot()
            let h: [Double] = [r, r, r, -r]
            for (e, v) in zip(m.entries, h) where abs(e.real - v) > 1e-14 || abs(e.imaginary) > 1e-14 { return nil }
            return .h(op.qubits[0])
        default:
            let qs = op.allQubits
            guard qs.count == 2, let d = DiagonalFusion.diagonalEntries(op) else { return nil }
            for l in 0..<3 where !isClose(d[l], .one) { return nil }
            return .cp(qs[0], qs[1], d[3])
        }
    }

    private static func isClose(_ a: Complex<Double>, _ b: Complex<Double>) -> Bool {
        abs(a.real - b.real) <= 1e-12 && abs(a.imaginary - b.imaginary) <= 1e-12
    }

    /// The replacement of a run of QFT gates that is exactly one transform, or nil.
    static func recognize(_ gates: [Gate]) -> [Operation]? {
        if let (register, swaps) = ladder(gates, conjugated: false) {
            let f = Operation.fourier(on: register)
            return swaps ? [f] : [f] + reversal(register)
        }
        if let (register, swaps) = ladder(gates.reversed(), conjugated: true) {
            let f = Operation.fourier(on: register, inverse: true)
            return swaps ? [f] : reversal(register) + [f]
        }
        return nil
    }

    private static func reversal(_ register: [Int]) -> [Operation] {
        let m = register.count
        return (0..<(m / 2)).map { i in Operation(.swap, qubits: [register[i], register[m - 1 - i]], name: "swap") }
    }

    /// Checks that `gates` (in application order) is the forward transform — its phases conjugated
    /// when `conjugated` (an inverse read backwards) — and returns the register, least significant
    /// qubit first, and whether the reversing swaps are present.
    static func ladder(_ gates: [Gate], conjugated: Bool) -> (register: [Int], swaps: Bool)? {
        // The H order fixes the register: the first H acts on the most significant qubit.
        var hTime: [Int: Int] = [:]
        var order: [Int] = []
        for (t, g) in gates.enumerated() {
            guard case .h(let q) = g else { continue }
            guard hTime[q] == nil else { return nil }
            hTime[q] = t
            order.append(q)
        }
        let m = order.count
        guard m >= 2 else { return nil }
        let register = Array(order.reversed())
        // Only contiguous ascending registers run as one strided FFT.
        for j in 1..<m where register[j] != register[0] + j { return nil }
        let position = { (q: Int) -> Int? in
            let j = q - register[0]
            return j >= 0 && j < m ? j : nil
        }
        var seenPairs = Set<Int>()
        var swapped = Set<Int>()
        for (t, g) in gates.enumerated() {
            switch g {
            case .h:
                continue
            case .cp(let a, let b, let phase):
                guard let ja = position(a), let jb = position(b), swapped.isEmpty else { return nil }
                let (hi, lo) = (max(ja, jb), min(ja, jb))
                let angle = Double.pi * Double(sign: .plus, exponent: lo - hi, significand: 1)
                let expected = Complex<Double>(length: 1, phase: conjugated ? -angle : angle)
                guard isClose(phase, expected),
                    t > hTime[register[hi]]!, t < hTime[register[lo]]!,
                    seenPairs.insert(hi * m + lo).inserted
                else { return nil }
            case .swap(let a, let b):
                guard let ja = position(a), let jb = position(b), ja + jb == m - 1,
                    swapped.insert(min(ja, jb)).inserted
                else { return nil }
                // The swap must be the last gate on both of its qubits.
                if gates[(t + 1)...].contains(where: { touches($0, a) || touches($0, b) }) { return nil }
            }
        }
        guard seenPairs.count == m * (m - 1) / 2, swapped.isEmpty || swapped.count == m / 2 else { return nil }
        return (register, !swapped.isEmpty)
    }

    private static func touches(_ g: Gate, _ q: Int) -> Bool {
        switch g {
        case .h(let a): return a == q
        case .cp(let a, let b, _), .swap(let a, let b): return a == q || b == q
        }
    }
}
