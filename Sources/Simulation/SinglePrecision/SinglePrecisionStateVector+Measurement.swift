import CQKKernels
import Numerics
import QKSupport

/// Measurement, sampling and Pauli expectations in single precision: the same passes as
/// `StateVector`'s, with probabilities and sums accumulated in double.
extension SinglePrecisionStateVector {
    /// The probability that measuring `qubit` gives 1.
    public func probabilityOfOne(_ qubit: Int) -> Double {
        precondition(qubit >= 0 && qubit < qubitCount, "qubit \(qubit) out of range")
        let isa = instructionSet.isa, p = UnsafePointer(storage), n = UInt32(qubitCount)
        let p1 = parallelism.sumChunks(count: count / 2) { r in
            qk_f32_prob_one(isa, p, n, UInt32(qubit), UInt64(r.lowerBound), UInt64(r.upperBound))
        }
        return min(max(p1, 0), 1)
    }

    /// Projects `qubit` onto `outcome`, renormalising by `1/sqrt(probability)`.
    public func collapse(_ qubit: Int, to outcome: Bool, probability: Double) {
        let isa = instructionSet.isa, p = storage, n = UInt32(qubitCount)
        let scale = Float(probability > 0 ? 1 / probability.squareRoot() : 0)
        parallelism.forEachChunk(count: count / 2) { r in
            qk_f32_collapse(isa, p, n, UInt32(qubit), outcome ? 1 : 0, scale, UInt64(r.lowerBound), UInt64(r.upperBound))
        }
    }

    /// Measures `qubit` with the generator's randomness, collapses the state, and returns the bit.
    public func measure(_ qubit: Int, using rng: inout SeededGenerator) -> Bool {
        let p1 = probabilityOfOne(qubit)
        let outcome = rng.uniform() < p1
        collapse(qubit, to: outcome, probability: outcome ? p1 : 1 - p1)
        return outcome
    }

    /// Resets `qubit` to |0>: a measurement, then a flip if it read 1 (as Qiskit's `reset`).
    public func reset(_ qubit: Int, using rng: inout SeededGenerator) {
        if measure(qubit, using: &rng) {
            applyMatrix1(.init(.zero, .one, .one, .zero), target: qubit)  // X: |1> -> |0>
        }
    }

    /// Draws `shots` basis-state indices from `|psi_i|^2`, ascending: sorted uniforms against one
    /// walk of the cumulative distribution (summed in double), O(2^n + shots log shots).
    public func sampleIndices(shots: Int, using rng: inout SeededGenerator) -> [Int] {
        guard shots > 0 else { return [] }
        let total = squaredNorm
        var u = (0..<shots).map { _ in rng.uniform() * total }
        u.sort()
        var result = [Int]()
        result.reserveCapacity(shots)
        var cumulative = 0.0
        var j = 0
        let s = storage
        for i in 0..<count where j < shots {
            let re = Double(s[2 * i]), im = Double(s[2 * i + 1])
            cumulative += re * re + im * im
            while j < shots && u[j] < cumulative {
                result.append(i)
                j += 1
            }
        }
        if j < shots {  // rounding left the last uniforms above the final sum
            var last = count - 1
            while last > 0 && s[2 * last] == 0 && s[2 * last + 1] == 0 { last -= 1 }
            while j < shots {
                result.append(last)
                j += 1
            }
        }
        return result
    }

    /// The expectation value `<psi|P|psi>` of a Pauli string, in one read-only pass (see
    /// `StateVector.expectation(_:)` for the identity used), accumulated in double.
    public func expectation(_ pauli: PauliString) throws -> Double {
        try pauli.requireQubits(qubitCount)
        let isa = instructionSet.isa, p = UnsafePointer(storage), n = UInt32(qubitCount)
        let x = pauli.xMask, z = pauli.zMask
        let s = parallelism.sumChunks(count: count) { r -> Complex<Double> in
            var out = (0.0, 0.0)
            withUnsafeMutableBytes(of: &out) {
                qk_f32_pauli_sum(isa, p, n, x, z, UInt64(r.lowerBound), UInt64(r.upperBound), $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            return Complex(out.0, out.1)
        }
        return pauli.expectation(fromSum: s)
    }
}
