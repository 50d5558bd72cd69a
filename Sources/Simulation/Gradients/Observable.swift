import CircuitIR
import Numerics

/// A Hermitian observable whose expectation `<psi|O|psi>` a circuit is differentiated against.
///
/// Two forms cover what variational algorithms measure:
/// - a real combination of Pauli strings `sum_j c_j P_j` (energies, `Z...Z` parity);
/// - a real diagonal `O = sum_i d_i |i><i|` in the computational basis: any function of the
///   measured bitstring, e.g. the projector onto the bitstrings of one class (`d_i` = 1 or 0), so
///   `<O>` is that class's probability, or a weighted sum of class projectors, which is how a loss
///   of class probabilities is differentiated in one adjoint pass (see `AdjointDifferentiator`).
public struct Observable: Sendable, Hashable {
    /// The form of the observable.
    public enum Form: Sendable, Hashable {
        /// `sum_j coefficient_j P_j`.
        case pauliSum([PauliTerm])
        /// `diag(d)`, `2^n` real entries.
        case diagonal([Double])
    }

    /// One term `coefficient * pauli`.
    public struct PauliTerm: Sendable, Hashable {
        /// Real weight.
        public var coefficient: Double
        /// The Pauli string.
        public var pauli: PauliString

        /// Creates a term.
        public init(_ coefficient: Double, _ pauli: PauliString) {
            self.coefficient = coefficient
            self.pauli = pauli
        }
    }

    /// The form.
    public let form: Form

    /// A single Pauli string.
    public static func pauli(_ p: PauliString) -> Observable { Observable(form: .pauliSum([PauliTerm(1, p)])) }

    /// A real combination of Pauli strings.
    public static func sum(_ terms: [PauliTerm]) -> Observable { Observable(form: .pauliSum(terms)) }

    /// A real diagonal in the computational basis (`2^n` entries, index as the state's amplitudes).
    public static func diagonal(_ d: [Double]) -> Observable { Observable(form: .diagonal(d)) }

    /// The parity `Z...Z` on `qubits` qubits as a diagonal: `+1` for even bitstrings, `-1` for odd.
    public static func parity(qubits n: Int) -> Observable {
        .diagonal((0..<(1 << n)).map { $0.nonzeroBitCount % 2 == 0 ? 1 : -1 })
    }

    /// Checks the observable against a register of `n` qubits.
    func check(qubits n: Int) throws {
        switch form {
        case .pauliSum(let terms):
            guard !terms.isEmpty else { throw SimulationError.invalidPauli("an observable needs at least one Pauli term") }
            for t in terms where t.pauli.qubitCount != n {
                throw SimulationError.invalidPauli(
                    "Pauli string '\(t.pauli.label)' has \(t.pauli.qubitCount) letters but the circuit has \(n) qubits")
            }
        case .diagonal(let d):
            guard d.count == 1 << n else {
                throw SimulationError.unsupported("a diagonal observable on \(n) qubits needs \(1 << n) entries, got \(d.count)")
            }
        }
    }

    /// `<psi|O|psi>`.
    public func expectation(in state: StateVector) throws -> Double {
        try check(qubits: state.qubitCount)
        switch form {
        case .pauliSum(let terms):
            var total = 0.0
            for t in terms { total += t.coefficient * (try state.expectation(t.pauli)) }
            return total
        case .diagonal(let d):
            return state.withUnsafeInterleaved { a in
                var s = 0.0
                for i in d.indices { s += d[i] * (a[2 * i] * a[2 * i] + a[2 * i + 1] * a[2 * i + 1]) }
                return s
            }
        }
    }

    /// Writes `O|psi>` into `out` (same size as `state`), using `scratch` for Pauli sums of more
    /// than one term. Returns the number of passes over a state it made.
    @discardableResult
    func apply(to state: StateVector, into out: StateVector, scratch: StateVector) throws -> Int {
        try check(qubits: state.qubitCount)
        switch form {
        case .diagonal(let d):
            out.withUnsafeMutableInterleaved { o in
                state.withUnsafeInterleaved { a in
                    for i in d.indices {
                        o[2 * i] = d[i] * a[2 * i]
                        o[2 * i + 1] = d[i] * a[2 * i + 1]
                    }
                }
            }
            return 1
        case .pauliSum(let terms):
            if terms.count == 1 {
                out.assign(from: state)
                let passes = out.applyPauli(terms[0].pauli)
                out.scale(by: terms[0].coefficient)
                return passes + 2
            }
            var passes = 1
            out.withUnsafeMutableInterleaved { o in o.update(repeating: 0) }
            for t in terms {
                scratch.assign(from: state)
                passes += scratch.applyPauli(t.pauli) + 2
                out.withUnsafeMutableInterleaved { o in
                    scratch.withUnsafeInterleaved { s in for i in o.indices { o[i] += t.coefficient * s[i] } }
                }
            }
            return passes
        }
    }
}

extension StateVector {
    /// Applies the Pauli string `P` as an operator (`|psi> -> P|psi>`, Y as `[[0, -i], [i, 0]]`).
    /// Returns the number of gate passes.
    @discardableResult
    public func applyPauli(_ p: PauliString) -> Int {
        var passes = 0
        for q in 0..<p.qubitCount {
            let x = (p.xMask >> UInt64(q)) & 1 == 1, z = (p.zMask >> UInt64(q)) & 1 == 1
            switch (x, z) {
            case (true, false): applyMatrix1(PauliMatrices.x, target: q)
            case (true, true): applyMatrix1(PauliMatrices.y, target: q)
            case (false, true): applyPhase(Complex(-1), whereQubits: [q], read: [true])
            case (false, false): continue
            }
            passes += 1
        }
        return passes
    }
}

/// The single-qubit Pauli matrices.
enum PauliMatrices {
    static let x = GateMatrix(.zero, .one, .one, .zero)
    static let y = GateMatrix(.zero, Complex(0, -1), Complex(0, 1), .zero)
}
