import CQKKernels
import QKSupport

/// Measurement in the computational basis: probabilities, collapse, reset and sampling, all in
/// passes over the state that allocate nothing proportional to it.
extension StateVector {
    /// The probability that measuring `qubit` gives 1.
    public func probabilityOfOne(_ qubit: Int) -> Double {
        precondition(qubit >= 0 && qubit < qubitCount, "qubit \(qubit) out of range")
        let isa = instructionSet.isa, p = UnsafePointer(storage), n = UInt32(qubitCount)
        let p1 = parallelism.sumChunks(count: count / 2) { r in
            qk_prob_one(isa, p, n, UInt32(qubit), UInt64(r.lowerBound), UInt64(r.upperBound))
        }
        return min(max(p1, 0), 1)
    }

    /// Projects `qubit` onto `outcome`, renormalising by `1/sqrt(probability)`.
    public func collapse(_ qubit: Int, to outcome: Bool, probability: Double) {
        let isa = instructionSet.isa, p = storage, n = UInt32(qubitCount)
        let scale = probability > 0 ? 1 / probability.squareRoot() : 0
        parallelism.forEachChunk(count: count / 2) { r in
            qk_collapse(isa, p, n, UInt32(qubit), outcome ? 1 : 0, scale, UInt64(r.lowerBound), UInt64(r.upperBound))
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

    /// Draws `shots` basis-state indices from `|psi_i|^2`.
    ///
    /// Sorts `shots` uniforms and walks the cumulative distribution once: O(2^n + shots log shots)
    /// time, O(shots) memory. Returns the indices in ascending order.
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
            cumulative += s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1]
            while j < shots && u[j] < cumulative {
                result.append(i)
                j += 1
            }
        }
        // Rounding can leave the last uniforms just above the final sum: give them the last
        // state with non-zero probability.
        if j < shots {
            var last = count - 1
            while last > 0 && s[2 * last] == 0 && s[2 * last + 1] == 0 { last -= 1 }
            while j < shots {
                result.append(last)
                j += 1
            }
        }
        return result
    }
}
