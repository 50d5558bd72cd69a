import Numerics

extension Operation {
    /// The quantum Fourier transform on `register` (`register[j]` is bit `j` of the register's
    /// integer), or its inverse: one operation that a simulator can run as a single FFT.
    public static func fourier(on register: [Int], inverse: Bool = false) -> Operation {
        Operation(.fourier(inverse: inverse), qubits: register, name: inverse ? "iqft" : "qft")
    }

    /// The textbook gates of the transform on `register`: for `j = m-1 ... 0`, `H` on `register[j]`
    /// and `CP(pi / 2^(j-k))` between `register[j]` and `register[k]` for `k = j-1 ... 0`, then the
    /// swaps that reverse the register (`swaps: false` leaves them out). The inverse is the
    /// reversed sequence with negated angles. Qiskit's `QFT(m)` is the same unitary.
    public static func fourierGates(on register: [Int], inverse: Bool = false, swaps: Bool = true) -> [Operation] {
        let m = register.count
        var ops: [Operation] = []
        ops.reserveCapacity(m * (m + 1) / 2 + m / 2)
        for j in stride(from: m - 1, through: 0, by: -1) {
            ops.append(Operation(.unitary(.h), qubits: [register[j]], name: "h"))
            for k in stride(from: j - 1, through: 0, by: -1) {
                let phase = Complex<Double>(length: 1, phase: .pi * Double(sign: .plus, exponent: k - j, significand: 1))
                ops.append(Operation(.diagonal([.one, .one, .one, phase]), qubits: [register[j], register[k]], name: "cp"))
            }
        }
        if swaps {
            for i in 0..<(m / 2) { ops.append(Operation(.swap, qubits: [register[i], register[m - 1 - i]], name: "swap")) }
        }
        return inverse ? ops.reversed().map { $0.adjoint! } : ops
    }
}
