import CircuitIR
import Numerics
import QKSupport

/// A deliberately naive reference: the full 2^n x 2^n matrix of an operation, built column by
/// column from the definition of controls and local indices, with no shared code with the kernels.
enum DenseReference {
    static func matrix(of op: Operation, qubits n: Int) -> [[Complex<Double>]] {
        let dim = 1 << n
        var u = [[Complex<Double>]](repeating: [Complex<Double>](repeating: .zero, count: dim), count: dim)
        for col in 0..<dim {
            let fires = op.controls.allSatisfy { ((col >> $0.qubit) & 1 == 1) == $0.value }
            if !fires {
                u[col][col] = .one
                continue
            }
            switch op.kind {
            case .globalPhase(let phi):
                u[col][col] = Complex(length: 1, phase: phi)
            case .swap:
                let a = (col >> op.qubits[0]) & 1, b = (col >> op.qubits[1]) & 1
                var row = col & ~(1 << op.qubits[0]) & ~(1 << op.qubits[1])
                row |= b << op.qubits[0] | a << op.qubits[1]
                u[row][col] = .one
            case .diagonal(let d):
                var l = 0
                for (j, q) in op.qubits.enumerated() { l |= ((col >> q) & 1) << j }
                u[col][col] = d[l]
            case .unitary(let m):
                var l = 0
                for (j, q) in op.qubits.enumerated() { l |= ((col >> q) & 1) << j }
                var base = col
                for q in op.qubits { base &= ~(1 << q) }
                for r in 0..<m.dimension {
                    var row = base
                    for (j, q) in op.qubits.enumerated() { row |= ((r >> j) & 1) << q }
                    u[row][col] = m[r, l]
                }
            default:
                fatalError("not a unitary")
            }
        }
        return u
    }

    static func apply(_ u: [[Complex<Double>]], to psi: [Complex<Double>]) -> [Complex<Double>] {
        u.map { row in zip(row, psi).reduce(Complex<Double>.zero) { $0 + $1.0 * $1.1 } }
    }

    static func randomState(qubits n: Int, seed: UInt64) -> [Complex<Double>] {
        var rng = SeededGenerator(seed: seed)
        var v = (0..<(1 << n)).map { _ in Complex(rng.normal(), rng.normal()) }
        let norm = v.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
        v = v.map { $0.divided(by: norm) }
        return v
    }

    static func randomUnitary(_ dim: Int, seed: UInt64) -> GateMatrix {
        // Gram-Schmidt on a random complex matrix gives a unitary (Haar-like; exactness is all we need).
        var rng = SeededGenerator(seed: seed)
        var cols = (0..<dim).map { _ in (0..<dim).map { _ in Complex(rng.normal(), rng.normal()) } }
        for j in 0..<dim {
            for k in 0..<j {
                let dot = zip(cols[k], cols[j]).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }
                cols[j] = zip(cols[j], cols[k]).map { $0 - dot * $1 }
            }
            let norm = cols[j].reduce(0) { $0 + $1.lengthSquared }.squareRoot()
            cols[j] = cols[j].map { $0.divided(by: norm) }
        }
        var m = GateMatrix.identity(dim)
        for r in 0..<dim { for c in 0..<dim { m[r, c] = cols[c][r] } }
        return m
    }
}
