import CQKKernels

/// `lanes` states of `qubitCount` qubits in the batched kernels' layout (qk_batch.h): a real and
/// an imaginary plane, amplitude-major with the lane fastest, so one SIMD register holds the same
/// amplitude of four circuits. Also holds the scratch space a run needs (phase spectra and tables,
/// per-lane matrices), so a thread that owns one state allocates nothing per circuit.
public struct BatchedState: Sendable {
    /// Number of qubits of each state.
    public let qubitCount: Int
    /// Number of states; multiples of 4 take the AVX2 kernels, others the scalar ones (one lane
    /// is the fastest way to re-bind a single small circuit).
    public let lanes: Int
    /// `2 * lanes * 2^qubitCount` doubles: the real plane then the imaginary plane.
    var planes: [Double]
    /// Scratch: phase spectra and tables, per-lane rotations, prologue factors
    /// (`BatchedSimulator.Scratch` lays it out), for phase layers of up to `maxPhaseQubits`.
    var scratch: [Double]
    /// The sines and cosines of a run's angles (`BatchedSimulator.Trigonometry`), grown to the
    /// largest program run on this state.
    var trigonometry: [Double] = []
    /// A second pair of planes, allocated by the first run that moves rows into it (a block pass
    /// that writes its rows permuted, see `BatchedSimulator+Blocks`); the two are swapped after.
    var spare: [Double] = []
    /// Widest phase layer the scratch holds.
    public let maxPhaseQubits: Int
    /// What each lane's planes are multiplied by to give its state: a run that applies rotations in
    /// the tangent form leaves lane `b` scaled by `1 / laneFactors[b]` (see
    /// `BatchedSimulator.TangentForm`), and every readout applies the factor instead of a pass.
    var laneFactors: [Double]
    /// Where the state's rows are in the planes when a run left its last permutation to the
    /// readouts: amplitude `i` is plane row `rowSources[rowSourceOffset + i]` (empty: row `i`).
    /// The array is the program's own (shared, not copied).
    var rowSources: [UInt32] = []
    var rowSourceOffset = 0

    /// Lanes to use for `qubitCount` qubits: as many as keep a lane's state, phase table and
    /// spectrum (40 B per amplitude) within `budget` bytes, a multiple of 4 between 4 and 24.
    /// (The budget is half a Zen 2 core's L2. In CPU time of the 10^4-circuit sweep at 8 qubits,
    /// 20 to 28 lanes are within 5% of each other and 32 are 9% slower, since rotations run in
    /// blocks whose height falls as the rows widen and the rows also move into spare planes; at
    /// 10 qubits 12 and 16 lanes are equal, 8 lanes 7% slower.)
    public static func preferredLanes(qubitCount n: Int, budget: Int = 1 << 19) -> Int {
        max(4, min(24, budget / (40 << n) / 4 * 4))
    }

    /// `lanes` states set to |0>.
    public init(qubitCount: Int, lanes: Int, maxPhaseQubits: Int) throws {
        guard (1...24).contains(qubitCount), lanes >= 1 else {
            throw SimulationError.unsupported("a batched state needs 1 to 24 qubits and at least one lane")
        }
        self.qubitCount = qubitCount
        self.lanes = lanes
        planes = [Double](repeating: 0, count: 2 * self.lanes << qubitCount)
        self.maxPhaseQubits = maxPhaseQubits
        laneFactors = [Double](repeating: 1, count: lanes)
        scratch = [Double](
            repeating: 0, count: BatchedSimulator.Scratch.count(lanes: self.lanes, qubits: qubitCount, maxPhaseQubits: maxPhaseQubits))
        reset()
    }

    /// Sets every lane to |0...0>.
    public mutating func reset() {
        let n = UInt32(qubitCount), l = UInt32(lanes), half = lanes << qubitCount
        planes.withUnsafeMutableBufferPointer { p in qk_batch_zero_state(p.baseAddress!, p.baseAddress! + half, n, l) }
        laneFactors.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        rowSources = []
    }

    /// Calls `body` with the plane row of each amplitude, or nil when they are in order.
    private func withRowSources<R>(_ body: (UnsafePointer<UInt32>?) -> R) -> R {
        if rowSources.isEmpty { return body(nil) }
        return rowSources.withUnsafeBufferPointer { body($0.baseAddress! + rowSourceOffset) }
    }

    /// Writes lanes `0..<count` as interleaved state rows: lane `b` to `out[b * rowStride ..<
    /// b * rowStride + 2^(n+1)]`, with the transposition kernel of `instructionSet`.
    public func copyRows(count: Int, to out: UnsafeMutablePointer<Double>, rowStride: Int, instructionSet: InstructionSet = .best) {
        precondition(count <= lanes, "only \(lanes) lanes")
        let half = lanes << qubitCount
        planes.withUnsafeBufferPointer { p in
            withRowSources { sources in
                qk_batch_to_rows(
                    instructionSet.isa, p.baseAddress!, p.baseAddress! + half, UInt32(qubitCount), UInt32(lanes), UInt32(count), out,
                    rowStride, laneFactors, sources)
            }
        }
    }

    /// Writes the probabilities `|a_i|^2` of lanes `0..<count` as rows: lane `b` to
    /// `out[b * rowStride ..< b * rowStride + 2^n]`, with the kernel of `instructionSet`.
    public func copyProbabilities(count: Int, to out: UnsafeMutablePointer<Double>, rowStride: Int, instructionSet: InstructionSet = .best) {
        precondition(count <= lanes, "only \(lanes) lanes")
        let half = lanes << qubitCount
        planes.withUnsafeBufferPointer { p in
            withRowSources { sources in
                qk_batch_probabilities_to_rows(
                    instructionSet.isa, p.baseAddress!, p.baseAddress! + half, UInt32(qubitCount), UInt32(lanes), UInt32(count), out,
                    rowStride, laneFactors, sources)
            }
        }
    }

    /// `|a_i|^2` of every amplitude of one lane (measurement probabilities).
    public func probabilities(lane: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 1 << qubitCount)
        let half = lanes << qubitCount, f = laneFactors[lane]
        planes.withUnsafeBufferPointer { p in
            withRowSources { sources in
                for i in 0..<(1 << qubitCount) {
                    let row = sources.map { Int($0[i]) } ?? i
                    let r = f * p[row * lanes + lane], m = f * p[half + row * lanes + lane]
                    out[i] = r * r + m * m
                }
            }
        }
        return out
    }

    /// The state of one lane as interleaved `(re, im)` amplitudes.
    public func state(lane: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 << qubitCount)
        let half = lanes << qubitCount, f = laneFactors[lane]
        planes.withUnsafeBufferPointer { p in
            withRowSources { sources in
                for i in 0..<(1 << qubitCount) {
                    let row = sources.map { Int($0[i]) } ?? i
                    out[2 * i] = f * p[row * lanes + lane]
                    out[2 * i + 1] = f * p[half + row * lanes + lane]
                }
            }
        }
        return out
    }
}
