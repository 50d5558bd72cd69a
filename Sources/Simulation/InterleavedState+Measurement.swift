import CQKKernels
import CircuitIR
import Numerics
import QKSupport

/// Measurement in the computational basis: probabilities, collapse, reset, sampling and Pauli
/// expectations, all in passes over the state that allocate nothing proportional to it, with
/// probabilities and sums accumulated in double.
extension InterleavedState {
    /// The probability that measuring `qubit` gives 1.
    @inlinable public func probabilityOfOne(_ qubit: Int) -> Double {
        precondition(qubit >= 0 && qubit < qubitCount, "qubit \(qubit) out of range")
        let isa = instructionSet.isa, p = UnsafePointer(amplitudes)
        let n = UInt32(qubitCount)
        let p1 = parallelism.sumChunks(count: count / 2) { r in
            Kernels.probabilityOfOne(isa, p, n, UInt32(qubit), UInt64(r.lowerBound), UInt64(r.upperBound))
        }
        return min(max(p1, 0), 1)
    }

    /// Projects `qubit` onto `outcome`, renormalising by `1/sqrt(probability)`.
    @inlinable public func collapse(_ qubit: Int, to outcome: Bool, probability: Double) {
        let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
        let scale = Scalar(probability > 0 ? 1 / probability.squareRoot() : 0)
        parallelism.forEachChunk(count: count / 2) { r in
            Kernels.collapse(isa, p, n, UInt32(qubit), outcome ? 1 : 0, scale, UInt64(r.lowerBound), UInt64(r.upperBound))
        }
    }

    /// Measures `qubit` with the generator's randomness, collapses the state, and returns the bit.
    @inlinable public func measure(_ qubit: Int, using rng: inout SeededGenerator) -> Bool {
        let p1 = probabilityOfOne(qubit)
        let outcome = rng.uniform() < p1
        collapse(qubit, to: outcome, probability: outcome ? p1 : 1 - p1)
        return outcome
    }

    /// Resets `qubit` to |0>: a measurement, then a flip if it read 1 (as Qiskit's `reset`).
    @inlinable public func reset(_ qubit: Int, using rng: inout SeededGenerator) {
        if measure(qubit, using: &rng) {
            applyMatrix1(.init(.zero, .one, .one, .zero), target: qubit)  // X: |1> -> |0>
        }
    }

    /// Draws `shots` basis-state indices from `|psi_i|^2`.
    ///
    /// Sorts `shots` uniforms and walks the cumulative distribution (summed in double) once:
    /// O(2^n + shots log shots) time, O(shots) memory. Returns the indices in ascending order.
    @inlinable public func sampleIndices(shots: Int, using rng: inout SeededGenerator) -> [Int] {
        guard shots > 0 else { return [] }
        let total = squaredNorm
        var u = (0..<shots).map { _ in rng.uniform() * total }
        u.sort()
        var result = [Int]()
        result.reserveCapacity(shots)
        var cumulative = 0.0
        var j = 0
        let s = amplitudes
        for i in 0..<count where j < shots {
            let re = Double(s[2 * i]), im = Double(s[2 * i + 1])
            cumulative += re * re + im * im
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

    /// The expectation value `<psi|P|psi>` of a Pauli string, in one read-only pass.
    ///
    /// With `P = i^{#Y} X^x Z^z` (from `Y = iXZ`), `P|i> = i^{#Y} (-1)^{|i & z|} |i XOR x>`, so
    /// `<psi|P|psi> = i^{#Y} sum_i conj(psi[i XOR x]) psi[i] (-1)^{|i & z|}`; the state is never copied.
    @inlinable public func expectation(_ pauli: PauliString) throws -> Double {
        try pauli.requireQubits(qubitCount)
        let isa = instructionSet.isa, p = UnsafePointer(amplitudes)
        let n = UInt32(qubitCount), x = pauli.xMask, z = pauli.zMask
        let s = parallelism.sumChunks(count: count) { r -> Complex<Double> in
            var out = (0.0, 0.0)
            withUnsafeMutableBytes(of: &out) {
                Kernels.pauliSum(isa, p, n, x, z, UInt64(r.lowerBound), UInt64(r.upperBound), $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            return Complex(out.0, out.1)
        }
        return pauli.expectation(fromSum: s)
    }
}
