import CircuitIR
import Numerics

/// The time one pass of each kernel kind takes over a large state, which `GateFusion` compares to
/// decide whether a fused block is cheaper than its gates applied one by one.
///
/// Units are milliseconds per pass at n = 22 (64 MiB of amplitudes); only the ratios matter, since
/// every pass over a state larger than the caches scales with 2^n alike. The one-, two-qubit and
/// diagonal kernels are memory-bound; the dense k-qubit kernel does 2^k complex multiply-adds per
/// amplitude, so from k = 3 or 4 it becomes compute-bound and its cost grows about 2x per qubit.
/// Figures measured on the development machine (AMD EPYC, AVX2 path, see docs/fusion.md and
/// `qksim-bench fusion`, which prints a fresh table).
public struct FusionCostModel: Sendable, Hashable {
    /// An uncontrolled 2x2 matrix (u3, h, ...).
    public var matrix1: Double
    /// A 2x2 matrix under one or more controls (cx, cy, ccx, ...).
    public var controlledMatrix1: Double
    /// A 4x4 matrix, controlled or not.
    public var matrix2: Double
    /// A swap of two qubits.
    public var swap: Double
    /// A one-qubit diagonal or a (multi-controlled) phase on one basis pattern: p, rz, cp, cz.
    public var phase: Double
    /// A general diagonal on several qubits (one table look-up per amplitude).
    public var diagonal: Double
    /// `dense[k]`: a dense 2^k x 2^k block, k = 1...5 (`dense[0]` is unused).
    public var dense: [Double]
    /// `sequencePass[k]` and `sequenceStep[k]`: a k-qubit block replayed as its gates
    /// (`GateSequence`) costs `sequencePass[k] + steps * sequenceStep[k]`. Empty where no kernel
    /// replays blocks (double precision); `.infinity` for a k not worth replaying.
    public var sequencePass: [Double]
    /// See `sequencePass`.
    public var sequenceStep: [Double]
    /// The cost per step instead of `sequenceStep[k]` when the block holds qubit 0 or 1 (lanes of
    /// every complex64 AVX2 register: its one-qubit gates are full matrix steps, or lane steps).
    public var sequenceLaneStep: [Double]
    /// The fewest qubits for which blocks are replayed: below, the passes are too short to repay
    /// building a replayed block (its 5-qubit matrix and program, tens of microseconds).
    public var sequenceMinimumQubits: Int

    /// Creates a model from per-pass costs (without `sequencePass`, blocks are never replayed).
    public init(
        matrix1: Double, controlledMatrix1: Double, matrix2: Double, swap: Double, phase: Double, diagonal: Double,
        dense: [Double], sequencePass: [Double] = [], sequenceStep: [Double] = [], sequenceLaneStep: [Double] = [],
        sequenceMinimumQubits: Int = 16
    ) {
        precondition(dense.count > StateVector.maxDenseMatrixQubits, "dense costs for k = 1...\(StateVector.maxDenseMatrixQubits)")
        precondition(sequencePass.count == sequenceStep.count && sequenceLaneStep.count == sequenceStep.count,
                     "one step cost of each kind per pass cost")
        self.sequencePass = sequencePass
        self.sequenceStep = sequenceStep
        self.sequenceLaneStep = sequenceLaneStep
        self.sequenceMinimumQubits = sequenceMinimumQubits
        self.matrix1 = matrix1
        self.controlledMatrix1 = controlledMatrix1
        self.matrix2 = matrix2
        self.swap = swap
        self.phase = phase
        self.diagonal = diagonal
        self.dense = dense
    }

    /// The costs measured with the AVX2 kernels at n = 22 on the development machine (1 thread:
    /// minimum of 5 interleaved rounds, averaged over target positions, with matrix2 at its cost
    /// inside circuits, where (0, 1) and the 5..10 window weigh in; see docs/fusion.md). The
    /// 2-thread figures are those scaled by the speed-ups measured on a quiet machine (1.5x for
    /// memory-bound passes, 1.8x for the compute-bound dense blocks), because the shared machine
    /// gave no stable 2-thread timings: with two threads the dense blocks gain more than the
    /// memory-bound kernels, so wider blocks pay more.
    ///
    /// `precision` picks the kernels' element type: complex64 passes stream half the bytes and
    /// hold twice the amplitudes per register, so both the memory-bound and the dense costs are
    /// lower, though not by the same factor. The single-precision figures are thread CPU time per
    /// pass (minimum of 2), averaged over 12-16 random qubit placements at n = 22 with 1 thread,
    /// taken with the same harness that reproduced the double figures above within 10-25%; the
    /// 2-thread ones use the same 1.5x / 1.8x scaling. Dense blocks in single precision are
    /// compute-bound from k = 3 (2^k complex multiply-adds per amplitude, 4 per register).
    ///
    /// Single precision also replays blocks of one-qubit gates and permutations (`GateSequence`,
    /// `qk_f32_apply_sequence`): a pass of 2.4 / 3.0 / 3.2 (k = 3 / 4 / 5: the loads and
    /// relabelled stores, dearer with k as the block's lines crowd one cache set) plus 0.55 per
    /// one-qubit gate (unit steps, eight registers per slot at a time), with 1 thread at n = 22
    /// (minimum of 10 over qubit sets from adjacent high qubits to spread ones, on the dense
    /// figures' scale: dense measured 4.5 / 8.8 / 16.3 in the same runs, so scaled by 1.1). Blocks
    /// holding qubit 0 or 1 replay their gates as matrix or lane steps, priced at 0.8 (estimated
    /// from the matrix step's 8 multiply-adds per pair against the unit step's 5). A step is
    /// compute-bound, so the 2-thread figures use 1.8x for steps and 1.5x for the pass. Blocks are
    /// replayed from 16 qubits: random d20 at n = 12 took 5.8 ms with replays against 3.8 ms with
    /// the dense 3-qubit plan (building 5-qubit blocks costs more than their passes save), and
    /// at n = 16 the two were even.
    public static func avx2(threads: Int, precision: Precision = .double) -> FusionCostModel {
        switch (precision, threads <= 1) {
        case (.double, true):
            return FusionCostModel(
                matrix1: 3.5, controlledMatrix1: 4.5, matrix2: 5.3, swap: 4.5, phase: 3.2, diagonal: 3.8,
                dense: [0, 3.5, 5.3, 9.5, 16.5, 32.0])
        case (.double, false):
            return FusionCostModel(
                matrix1: 2.3, controlledMatrix1: 3.0, matrix2: 3.5, swap: 3.0, phase: 2.1, diagonal: 2.5,
                dense: [0, 2.3, 3.5, 5.3, 9.2, 17.8])
        case (.single, true):
            return FusionCostModel(
                matrix1: 2.1, controlledMatrix1: 2.25, matrix2: 3.0, swap: 1.7, phase: 1.4, diagonal: 2.7,
                dense: [0, 2.1, 3.0, 5.2, 9.4, 17.3],
                sequencePass: [.infinity, .infinity, .infinity, 2.4, 3.0, 3.2],
                sequenceStep: [0, 0, 0, 0.55, 0.55, 0.55],
                sequenceLaneStep: [0, 0, 0, 0.8, 0.8, 0.8])
        case (.single, false):
            return FusionCostModel(
                matrix1: 1.4, controlledMatrix1: 1.5, matrix2: 2.0, swap: 1.15, phase: 0.95, diagonal: 1.8,
                dense: [0, 1.4, 2.0, 2.9, 5.2, 9.6],
                sequencePass: [.infinity, .infinity, .infinity, 1.6, 2.0, 2.15],
                sequenceStep: [0, 0, 0, 0.31, 0.31, 0.31],
                sequenceLaneStep: [0, 0, 0, 0.45, 0.45, 0.45])
        }
    }

    /// The cost of a dense block on `k` qubits (the 1- and 2-qubit kernels for k = 1, 2).
    public func denseCost(qubits k: Int) -> Double {
        switch k {
        case 1: matrix1
        case 2: matrix2
        default: dense[min(k, dense.count - 1)]
        }
    }

    /// The cost of replaying a block of `k` qubits with `steps` one-qubit gates (`lanes`: holding
    /// qubit 0 or 1), or nil when this model has no replay for k.
    public func sequenceCost(qubits k: Int, steps: Int, lanes: Bool = false) -> Double? {
        guard k < sequencePass.count, sequencePass[k].isFinite else { return nil }
        return sequencePass[k] + Double(steps) * (lanes ? sequenceLaneStep[k] : sequenceStep[k])
    }

    /// The cost of applying `op` on its own, as `StateVector.apply` routes it; 0 for operations
    /// that cost no pass (an uncontrolled global phase) or are not unitary.
    public func cost(of op: Operation) -> Double {
        switch op.kind {
        case .globalPhase:
            return op.controls.isEmpty ? 0 : phase
        case .diagonal(let d):
            return diagonalCost(d, qubits: op.allQubits.count)
        case .unitary(let m):
            if m.isDiagonal { return diagonalCost(m.diagonal, qubits: op.allQubits.count) }
            switch m.dimension {
            case 2: return op.controls.isEmpty ? matrix1 : controlledMatrix1
            case 4: return matrix2
            default: return dense[min(m.qubitCount, dense.count - 1)]
            }
        case .swap:
            return swap
        case .fourier:
            // An FFT is never fused; it costs the same in every plan, so a few passes is enough here.
            return 3 * matrix1
        case .measure, .reset, .barrier:
            return 0
        }
    }

    /// A diagonal with a single entry different from 1 is a phase on one basis pattern and touches
    /// only those amplitudes; one on a single qubit is the two-entry kernel; otherwise a table pass.
    func diagonalCost(_ d: [Complex<Double>], qubits: Int) -> Double {
        if qubits <= 1 || d.lazy.filter({ $0 != .one }).count <= 1 { return phase }
        return diagonal
    }
}
