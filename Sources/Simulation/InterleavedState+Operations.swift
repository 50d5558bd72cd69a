import CQKKernels
import CircuitIR
import Numerics
import QKSupport

/// Applying unitary operations: each IR operation is routed to the cheapest kernel that is exact
/// for it (a phase touches only the amplitudes it changes; a diagonal is one pass; dense matrices
/// use the general kernels), and the kernel's work items are split over threads. Gate matrices,
/// diagonals and phases are rounded once to `Scalar` before the pass.
extension InterleavedState {
    /// Applies a unitary operation (`unitary`, `diagonal`, `swap`, `fourier`, `globalPhase`).
    /// Measurement, reset and conditions are the `Simulator`'s business.
    @inlinable public func apply(_ op: Operation) throws {
        // Validation without allocating (and inline: a call cost 25 instructions a gate): this
        // runs once per gate, and small circuits are many.
        var seen: UInt64 = 0
        for q in op.qubits {
            guard q >= 0 && q < qubitCount else {
                throw SimulationError.unsupported("\(op.name) acts on qubit \(q), but the state has \(qubitCount) qubits")
            }
            guard seen & (1 << UInt64(q)) == 0 else { throw SimulationError.unsupported("\(op.name) uses qubit \(q) twice") }
            seen |= 1 << UInt64(q)
        }
        for c in op.controls {
            guard c.qubit >= 0 && c.qubit < qubitCount else {
                throw SimulationError.unsupported("\(op.name) is controlled by qubit \(c.qubit), but the state has \(qubitCount) qubits")
            }
            guard seen & (1 << UInt64(c.qubit)) == 0 else {
                throw SimulationError.unsupported("\(op.name) uses qubit \(c.qubit) twice")
            }
            seen |= 1 << UInt64(c.qubit)
        }
        guard op.controls.count <= Int(QK_MAX_CONTROLS) else {
            throw SimulationError.unsupported("\(op.name) has \(op.controls.count) controls (at most \(QK_MAX_CONTROLS))")
        }
        switch op.kind {
        case .unitary(let m):
            guard m.dimension == 1 << op.qubits.count else {
                throw SimulationError.unsupported("\(op.name): a \(m.dimension)x\(m.dimension) matrix on \(op.qubits.count) qubits")
            }
            // A fused block replayed gate by gate (single precision); where it cannot be, its matrix.
            if let sequence = op.sequence, op.controls.isEmpty, applySequence(sequence, on: op.qubits) { return }
            if m.isDiagonal {
                try applyDiagonal(m.diagonal, on: op.qubits, controls: op.controls, name: op.name)
            } else if m.dimension == 2 {
                applyMatrix1(m, target: op.qubits[0], controls: op.controls)
            } else if m.dimension == 4 {
                applyMatrix2(m, q0: op.qubits[0], q1: op.qubits[1], controls: op.controls)
            } else if op.qubits.count <= Int(QK_MAX_DENSE_QUBITS) && (op.controls.isEmpty || Kernels.hasControlledDense) {
                applyDenseBlock(m, on: op.qubits, controls: op.controls)
            } else if Kernels.hasControlledDense {
                throw SimulationError.unsupported(
                    "\(op.name): a dense unitary on \(op.qubits.count) qubits (at most \(QK_MAX_DENSE_QUBITS))")
            } else {
                throw SimulationError.unsupported(
                    "\(op.name): dense unitaries on more than 4 qubits (or controlled beyond 2) are not supported")
            }
        case .diagonal(let d):
            guard d.count == 1 << op.qubits.count else {
                throw SimulationError.unsupported("\(op.name): \(d.count) diagonal entries for \(op.qubits.count) qubits")
            }
            try applyDiagonal(d, on: op.qubits, controls: op.controls, name: op.name)
        case .swap:
            applySwap(op.qubits[0], op.qubits[1], controls: op.controls)
        case .fourier(let inverse):
            guard op.controls.isEmpty else {
                throw SimulationError.unsupported("\(op.name): a controlled Fourier transform is not supported")
            }
            try applyFourier(on: op.qubits, inverse: inverse)
        case .globalPhase(let phi):
            applyPhase(Complex(length: 1, phase: phi), whereQubits: op.controls.map(\.qubit), read: op.controls.map(\.value))
        case .measure, .reset, .barrier:
            throw SimulationError.unsupported("\(op.name) is not a unitary; run it through Simulator")
        }
    }

    /// Multiplies by `phase` exactly the amplitudes whose `qubits` read `values` (no others are touched).
    @inlinable public func applyPhase(_ phase: Complex<Double>, whereQubits qubits: [Int], read values: [Bool]) {
        if phase == .one { return }
        let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
        let qs = qubits.map { UInt32($0) }
        var bits: UInt64 = 0
        for (j, v) in values.enumerated() where v { bits |= 1 << UInt64(j) }
        let ph = [Scalar(phase.real), Scalar(phase.imaginary)]
        let items = Int(qk_phase_items(n, UInt32(qs.count)))
        qs.withUnsafeBufferPointer { q in
            ph.withUnsafeBufferPointer { f in
                let qp = q.baseAddress, fp = f.baseAddress!, b = bits
                parallelism.forEachChunk(count: items) { r in
                    Kernels.phase(isa, p, n, qp, UInt32(qs.count), b, fp, UInt64(r.lowerBound), UInt64(r.upperBound))
                }
            }
        }
    }

    /// Applies `diag(d)` on `qubits` (local index `bit(q0) + 2 bit(q1) + ...`) under `controls`.
    ///
    /// A diagonal whose entries are all 1 but one is a (multi-controlled) phase and touches only
    /// the amplitudes it changes; otherwise one pass over the state with a table look-up.
    @inlinable public func applyDiagonal(_ d: [Complex<Double>], on qubits: [Int], controls: [Control] = [], name: String = "diagonal") throws {
        let nonTrivial = d.indices.filter { d[$0] != .one }
        if nonTrivial.isEmpty { return }
        if nonTrivial.count == 1 {
            let l = nonTrivial[0]
            applyPhase(
                d[l], whereQubits: qubits + controls.map(\.qubit),
                read: qubits.indices.map { (l >> $0) & 1 == 1 } + controls.map(\.value))
            return
        }
        if qubits.count == 1 {
            let target = UInt32(qubits[0])
            let dd = [d[0].real, d[0].imaginary, d[1].real, d[1].imaginary].map { Scalar($0) }
            withControls(controls) { cp, nc, cv in
                let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
                let items = Int(qk_matrix1_items(n, nc))
                dd.withUnsafeBufferPointer { dp in
                    let dpp = dp.baseAddress!
                    parallelism.forEachChunk(count: items) { r in
                        Kernels.gate1(diagonal: true, isa, p, n, target, dpp, cp, nc, cv, UInt64(r.lowerBound), UInt64(r.upperBound))
                    }
                }
            }
            return
        }
        // Fold the controls into the diagonal: identity wherever a control does not fire.
        let allQubits = qubits + controls.map(\.qubit)
        guard allQubits.count <= Int(QK_MAX_DIAGONAL_QUBITS) else {
            throw SimulationError.unsupported("\(name): a diagonal on \(allQubits.count) qubits (at most \(QK_MAX_DIAGONAL_QUBITS))")
        }
        var table = [Scalar](repeating: 0, count: 2 << allQubits.count)
        let k = qubits.count
        for l in 0..<(1 << allQubits.count) {
            var fires = true
            for (j, c) in controls.enumerated() where ((l >> (k + j)) & 1 == 1) != c.value { fires = false }
            let z = fires ? d[l & ((1 << k) - 1)] : .one
            table[2 * l] = Scalar(z.real)
            table[2 * l + 1] = Scalar(z.imaginary)
        }
        let qs = allQubits.map { UInt32($0) }
        let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
        qs.withUnsafeBufferPointer { q in
            table.withUnsafeBufferPointer { t in
                let qp = q.baseAddress!, tp = t.baseAddress!, kk = UInt32(qs.count)
                parallelism.forEachChunk(count: count) { r in
                    Kernels.diagonal(isa, p, n, qp, kk, tp, UInt64(r.lowerBound), UInt64(r.upperBound))
                }
            }
        }
    }

    /// Applies a dense 2x2 matrix to `target` under `controls`.
    @inlinable public func applyMatrix1(_ m: GateMatrix, target: Int, controls: [Control] = []) {
        withControls(controls) { cp, nc, cv in
            let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
            let items = Int(qk_matrix1_items(n, nc))
            m.withInterleaved(as: Scalar.self) { mp in
                parallelism.forEachChunk(count: items) { r in
                    Kernels.gate1(diagonal: false, isa, p, n, UInt32(target), mp, cp, nc, cv, UInt64(r.lowerBound), UInt64(r.upperBound))
                }
            }
        }
    }

    /// Applies a dense 4x4 matrix to `(q0, q1)` (local index `bit(q0) + 2 bit(q1)`) under `controls`.
    @inlinable public func applyMatrix2(_ m: GateMatrix, q0: Int, q1: Int, controls: [Control] = []) {
        withControls(controls) { cp, nc, cv in
            let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
            let items = Int(qk_matrix2_items(n, nc))
            m.withInterleaved(as: Scalar.self) { mp in
                parallelism.forEachChunk(count: items) { r in
                    Kernels.matrix2(isa, p, n, UInt32(q0), UInt32(q1), mp, cp, nc, cv, UInt64(r.lowerBound), UInt64(r.upperBound))
                }
            }
        }
    }

    /// Exchanges qubits `q0` and `q1` under `controls`.
    @inlinable public func applySwap(_ q0: Int, _ q1: Int, controls: [Control] = []) {
        withControls(controls) { cp, nc, cv in
            let isa = instructionSet.isa, p = amplitudes, n = UInt32(qubitCount)
            let items = Int(qk_matrix2_items(n, nc))
            parallelism.forEachChunk(count: items) { r in
                Kernels.swap(isa, p, n, UInt32(q0), UInt32(q1), cp, nc, cv, UInt64(r.lowerBound), UInt64(r.upperBound))
            }
        }
    }

    @inlinable func withControls(_ controls: [Control], _ body: (UnsafePointer<UInt32>?, UInt32, UInt64) -> Void) {
        if controls.isEmpty { return body(nil, 0, 0) }
        let qs = controls.map { UInt32($0.qubit) }
        var values: UInt64 = 0
        for (j, c) in controls.enumerated() where c.value { values |= 1 << UInt64(j) }
        qs.withUnsafeBufferPointer { body($0.baseAddress, UInt32(qs.count), values) }
    }
}

extension GateMatrix {
    /// Calls `body` with the entries as interleaved `(re, im)` scalars: the matrix's own doubles,
    /// or each entry rounded once to `Float` in a temporary (stack) buffer, so no heap allocation
    /// per gate at either precision.
    @inlinable func withInterleaved<S: BinaryFloatingPoint, R>(as _: S.Type, _ body: (UnsafePointer<S>) throws -> R) rethrows -> R {
        if S.self == Double.self {
            return try withUnsafeInterleaved { try body(UnsafeRawPointer($0).assumingMemoryBound(to: S.self)) }
        }
        let count = 2 * dimension * dimension
        return try withUnsafeTemporaryAllocation(of: S.self, capacity: count) { buffer in
            withUnsafeInterleaved { p in for i in 0..<count { buffer[i] = S(p[i]) } }
            return try body(UnsafePointer(buffer.baseAddress!))
        }
    }
}
