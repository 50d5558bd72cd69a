import QKSupport
import Simulation

/// How measured bitstrings become class labels: every basis state `i` of the `n` measured qubits
/// is assigned to one of `k` classes, and a class's probability is the total probability of its
/// bitstrings, `p_c = sum_{i : class(i) = c} |psi_i|^2 = <psi|Pi_c|psi>` with `Pi_c` the projector
/// onto those bitstrings.
///
/// - `parity`: `class(i) = popcount(i) mod k`. For two classes this is Havlicek's parity readout,
///   `f(z) = z_1 z_2 ... z_n` (class 0 for even, 1 for odd), so `p_0 - p_1 = <Z...Z>`.
/// - `modulo`: `class(i) = i mod k`, qiskit-machine-learning's `VQC` default interpretation
///   (`x % num_classes`); for two classes that is the value of qubit 0.
///
/// `parity` reaches `min(k, n + 1)` classes, `modulo` `min(k, 2^n)`; both are checked.
public enum ClassReadout: String, Sendable, Hashable, Codable, CaseIterable {
    /// `popcount(i) mod k`.
    case parity
    /// `i mod k`.
    case modulo

    /// The class of basis state `i` among `k`.
    @inline(__always)
    public func classOf(_ i: Int, classes k: Int) -> Int {
        switch self {
        case .parity: return i.nonzeroBitCount % k
        case .modulo: return i % k
        }
    }

    /// The default for `k` classes: `parity` for two, `modulo` for more.
    public static func defaultFor(classes k: Int) -> ClassReadout { k == 2 ? .parity : .modulo }

    /// Checks that every one of `k` classes owns at least one bitstring of `n` qubits.
    public func validate(classes k: Int, qubits n: Int) throws {
        let reachable = self == .parity ? n + 1 : (n >= 62 ? Int.max : 1 << n)
        guard k >= 2, k <= reachable else {
            throw InputError(
                "\(rawValue) readout on \(n) qubits distinguishes at most \(reachable) classes, the data have \(k)")
        }
    }

    /// The class probabilities of a state.
    public func probabilities(of state: StateVector, classes k: Int) -> [Double] {
        var p = [Double](repeating: 0, count: k)
        state.withUnsafeInterleaved { a in
            for i in 0..<state.count { p[classOf(i, classes: k)] += a[2 * i] * a[2 * i] + a[2 * i + 1] * a[2 * i + 1] }
        }
        return p
    }

    /// The diagonal observable `sum_c w_c Pi_c`, whose expectation is `sum_c w_c p_c`: with
    /// `w_c = dL/dp_c` its gradient is the loss gradient (see `AdjointDifferentiator`).
    public func observable(weights w: [Double], qubits n: Int) -> Observable {
        .diagonal((0..<(1 << n)).map { w[classOf($0, classes: w.count)] })
    }
}
