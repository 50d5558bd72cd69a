#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Numerics

/// The single- and two-qubit matrices of Qiskit's standard gates, with Qiskit's exact global phases.
///
/// Two-qubit matrices are in the little-endian local basis `|q1 q0>` (index `q0 + 2 q1`), as
/// `Operator(gate).data` prints them.
extension GateMatrix {
    private static let r = 1 / 2.0.squareRoot()

    /// `U(θ, φ, λ) = [[cos(θ/2), -e^{iλ} sin(θ/2)], [e^{iφ} sin(θ/2), e^{i(φ+λ)} cos(θ/2)]]`: OpenQASM's
    /// `U`, Qiskit's `u` and `u3` (the same matrix; `u3` is the legacy name).
    public static func u(_ theta: Double, _ phi: Double, _ lambda: Double) -> GateMatrix {
        let c = cos(theta / 2), s = sin(theta / 2)
        return GateMatrix(
            Complex(c), -Complex(length: s, phase: lambda),
            Complex(length: s, phase: phi), Complex(length: c, phase: phi + lambda))
    }

    /// `u2(φ, λ) = U(π/2, φ, λ) = [[1, -e^{iλ}], [e^{iφ}, e^{i(φ+λ)}]] / √2`.
    public static func u2(_ phi: Double, _ lambda: Double) -> GateMatrix {
        GateMatrix(
            Complex(r), -Complex(length: r, phase: lambda),
            Complex(length: r, phase: phi), Complex(length: r, phase: phi + lambda))
    }

    /// Pauli X, `[[0, 1], [1, 0]]`.
    public static let x = GateMatrix(.zero, .one, .one, .zero)
    /// Pauli Y, `[[0, -i], [i, 0]]`.
    public static let y = GateMatrix(.zero, -.i, .i, .zero)
    /// Pauli Z, `diag(1, -1)`.
    public static let z = GateMatrix(.one, .zero, .zero, -.one)
    /// Hadamard, `[[1, 1], [1, -1]] / √2`.
    public static let h = GateMatrix(Complex(r), Complex(r), Complex(r), Complex(-r))
    /// √X, `[[1+i, 1-i], [1-i, 1+i]] / 2` (Qiskit's `sx`).
    public static let sx = GateMatrix(Complex(0.5, 0.5), Complex(0.5, -0.5), Complex(0.5, -0.5), Complex(0.5, 0.5))
    /// √X†, `[[1-i, 1+i], [1+i, 1-i]] / 2` (Qiskit's `sxdg`).
    public static let sxdg = GateMatrix(Complex(0.5, -0.5), Complex(0.5, 0.5), Complex(0.5, 0.5), Complex(0.5, -0.5))

    /// `RX(θ) = exp(-iθX/2) = [[cos(θ/2), -i sin(θ/2)], [-i sin(θ/2), cos(θ/2)]]`.
    public static func rx(_ theta: Double) -> GateMatrix {
        let c = cos(theta / 2), s = sin(theta / 2)
        return GateMatrix(Complex(c), Complex(0, -s), Complex(0, -s), Complex(c))
    }

    /// `RY(θ) = exp(-iθY/2) = [[cos(θ/2), -sin(θ/2)], [sin(θ/2), cos(θ/2)]]`.
    public static func ry(_ theta: Double) -> GateMatrix {
        let c = cos(theta / 2), s = sin(theta / 2)
        return GateMatrix(Complex(c), Complex(-s), Complex(s), Complex(c))
    }

    /// `RXX(θ) = exp(-iθ X⊗X/2)`: `cos(θ/2)` on the diagonal, `-i sin(θ/2)` on the anti-diagonal.
    public static func rxx(_ theta: Double) -> GateMatrix {
        let c = Complex(cos(theta / 2)), s = Complex(0, -sin(theta / 2)), o = Complex<Double>.zero
        return GateMatrix(dimension: 4, entries: [c, o, o, s, o, c, s, o, o, s, c, o, s, o, o, c])
    }
}
