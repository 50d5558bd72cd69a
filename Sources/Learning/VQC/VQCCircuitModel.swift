import CircuitIR
import Kernels
import LinearAlgebra
import QKSupport
import Simulation

/// The circuit side of a variational classifier: feature map, ansatz and readout, and the
/// per-point simulations behind the loss, its gradient and predictions.
///
/// Data points are independent, so they are simulated in parallel over cores, each thread with
/// its own work states; results land in per-point slots and are summed in point order, so a loss
/// and its gradient do not depend on the thread count. For states of `2^n >= minimumItems`
/// amplitudes the points run one after another and the threads work inside each state instead.
struct VQCCircuitModel {
    let featureMap: FeatureMap
    /// The built-in ansatz's circuit (linear in theta, built once), or `nil` for a file ansatz.
    private let fixedAnsatz: ParameterizedCircuit?
    /// A file ansatz, parsed once and linearised at each theta.
    private let program: (QASMProgram, names: [String])?
    let qubitCount: Int
    let parameterCount: Int
    let readout: ClassReadout
    let classCount: Int
    let parallelism: Parallelism

    /// `W(theta)` exact to first order at `theta` (see `Ansatz.circuit(at:)`).
    func ansatz(at theta: [Double]) throws -> ParameterizedCircuit {
        if let fixedAnsatz { return fixedAnsatz }
        guard let (program, names) = program else { throw InputError("the ansatz has no circuit") }
        return try program.parameterizedCircuit(trainable: names, at: theta)
    }

    /// Whether the threads go over points (small states) or inside states (large ones).
    private var overPoints: Bool { (1 << qubitCount) < parallelism.minimumItems && parallelism.threads > 1 }
    private var stateParallelism: Parallelism { overPoints ? .serial : parallelism }
    private var pointParallelism: Parallelism {
        overPoints ? Parallelism(threads: parallelism.threads, minimumItems: 2) : .serial
    }

    init(featureMap: FeatureMap, ansatz: Ansatz, readout: ClassReadout, classCount: Int, parallelism: Parallelism) throws {
        guard featureMap.qubitCount == ansatz.qubits else {
            throw InputError("the feature map has \(featureMap.qubitCount) qubits, the ansatz \(ansatz.qubits)")
        }
        try readout.validate(classes: classCount, qubits: ansatz.qubits)
        self.featureMap = featureMap
        if let file = ansatz.file {
            self.fixedAnsatz = nil
            self.program = (try file.parse(), file.parameterNames)
        } else {
            self.fixedAnsatz = try ansatz.circuit()
            self.program = nil
        }
        self.qubitCount = ansatz.qubits
        self.parameterCount = ansatz.parameterCount
        self.readout = readout
        self.classCount = classCount
        self.parallelism = parallelism
    }

    /// The feature-map circuits `U(x)` of the rows, with diagonal runs fused into single passes;
    /// built once per data set, since every loss evaluation replays them.
    func encodings(_ x: [[Double]]) throws -> [Circuit] {
        try x.map { DiagonalFusion.fuse(try featureMap.circuit(for: $0)) }
    }

    /// `U(x)|0>` into `state`.
    func encode(_ encoding: Circuit, into state: StateVector) throws {
        state.setZero()
        for op in encoding.operations { try state.apply(op) }
    }

    /// Runs `body(point, workspace)` for every point index in `points`, in parallel when that pays.
    private func forEachPoint(_ count: Int, _ body: (Int, Workspace) throws -> Void) throws {
        let n = qubitCount, p = stateParallelism
        try pointParallelism.forEachChunkThrowing(count: count) { range in
            let ws = try Workspace(qubits: n, parallelism: p)
            for j in range { try body(j, ws) }
        }
    }

    /// Per-thread work states: the encoded input, the output, and the adjoint's three.
    final class Workspace {
        let input: StateVector, output: StateVector, adjoint: AdjointDifferentiator.Workspace
        init(qubits n: Int, parallelism: Parallelism) throws {
            input = try StateVector(qubitCount: n, parallelism: parallelism)
            output = try StateVector(qubitCount: n, parallelism: parallelism)
            adjoint = try AdjointDifferentiator.Workspace(qubitCount: n, parallelism: parallelism)
        }
    }

    /// The exact class probabilities of every encoded point at `theta`.
    func probabilities(_ x: [Circuit], theta: [Double]) throws -> [[Double]] {
        let bound = try ansatz(at: theta).circuit(theta: theta)
        let k = classCount
        let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: x.count * k)
        defer { out.deallocate() }
        nonisolated(unsafe) let slots = out
        try forEachPoint(x.count) { i, ws in
            try encode(x[i], into: ws.output)
            for op in bound.operations { try ws.output.apply(op) }
            let p = readout.probabilities(of: ws.output, classes: k)
            for c in 0..<k { slots[i * k + c] = p[c] }
        }
        return (0..<x.count).map { Array(out[($0 * k)..<(($0 + 1) * k)]) }
    }

    /// The exact class probabilities of the rows of `x` at `theta` with the points in SIMD lanes:
    /// the feature map and the ansatz compiled into one template (every lane binds the same
    /// `theta`), or nil when either has no template (maps built in code, RXX/RYY or controlled
    /// rotations in the ansatz, registers above `StateBatch.batchedQubitLimit`).
    func batchedProbabilities(_ x: Matrix, theta: [Double]) throws -> [[Double]]? {
        guard qubitCount <= StateBatch.batchedQubitLimit, let map = try featureMap.batchTemplate() else { return nil }
        let ansatz: ParameterizedTemplate
        do { ansatz = try ParameterizedTemplate(try self.ansatz(at: theta)) } catch is SimulationError { return nil }
        let template = try map.template.appending(ansatz.template)
        let program = BatchProgram(template)
        let n = qubitCount, k = classCount, rows = x.rows, columns = x.columns
        let lanes = BatchedState.preferredLanes(qubitCount: n)
        let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows * k)
        defer { out.deallocate() }
        nonisolated(unsafe) let probabilities = out
        let blocks = (rows + lanes - 1) / lanes
        try x.scalars.withUnsafeBufferPointer { points in
            nonisolated(unsafe) let data = points
            // Blocks go to whichever thread is free, each with its own batch state.
            try Parallelism(threads: parallelism.threads, minimumItems: 2).forEachWorker(count: blocks, grain: 1) { next in
                var state = try BatchedState(qubitCount: n, lanes: lanes, maxPhaseQubits: template.maxPhaseQubits)
                var slots = [Double](repeating: 0, count: max(1, template.slotCount) * lanes)
                slots.withUnsafeMutableBufferPointer { s in
                    for b in 0..<lanes { ansatz.bind(theta, lane: b, lanes: lanes, into: s.baseAddress! + map.template.slotCount * lanes) }
                }
                while let chunk = next() {
                    for block in chunk {
                        let first = block * lanes, count = min(lanes, rows - first)
                        try slots.withUnsafeMutableBufferPointer { s in
                            for b in 0..<count { try map.bind(data.baseAddress! + (first + b) * columns, lane: b, lanes: lanes, into: s.baseAddress!) }
                            BatchedSimulator.run(program, slots: UnsafeBufferPointer(s), into: &state)
                        }
                        for b in 0..<count {
                            var p = [Double](repeating: 0, count: k)
                            for (i, a) in state.probabilities(lane: b).enumerated() { p[readout.classOf(i, classes: k)] += a }
                            for c in 0..<k { probabilities[(first + b) * k + c] = p[c] }
                        }
                    }
                }
            }
        }
        return (0..<rows).map { Array(out[($0 * k)..<(($0 + 1) * k)]) }
    }

    /// How the loss's gradient is computed.
    enum GradientPath { case none, adjoint, parameterShift }

    /// The mean loss over `points` (indices into `x`, `labels` as class indices) at `theta`, and
    /// its gradient unless `path` is `.none`. Shots for the sigmoid loss are drawn from streams
    /// fixed by `(shotSeed, batch, point)`, so the same call gives the same value.
    func loss(
        _ x: [Circuit], labels: [Int], points: [Int], theta: [Double], loss: VQCLoss, path: GradientPath,
        shotSeed: UInt64, batch: Int
    ) throws -> (value: Double, gradient: [Double]) {
        let ansatz = try ansatz(at: theta)
        let m = points.count, pCount = ansatz.parameterCount, k = classCount, n = qubitCount
        let bound = path == .adjoint ? nil : try ansatz.circuit(theta: theta)
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        let grads = UnsafeMutableBufferPointer<Double>.allocate(capacity: path == .none ? 0 : m * pCount)
        defer {
            values.deallocate()
            grads.deallocate()
        }
        nonisolated(unsafe) let valueSlots = values, gradSlots = grads
        let batchStream = SeededGenerator(seed: shotSeed).split(UInt64(batch))
        let readout = self.readout
        try forEachPoint(m) { j, ws in
            let i = points[j]
            let y = labels[i]
            let stream = batchStream.split(UInt64(i))
            // Probabilities as the loss sees them: exact, or frequencies of `shots` draws.
            func measured(_ state: StateVector, _ index: UInt64) -> [Double] {
                let p = readout.probabilities(of: state, classes: k)
                guard let shots = loss.shots else { return p }
                var rng = stream.split(index)
                return VQCLoss.sample(p, shots: shots, using: &rng)
            }
            try encode(x[i], into: ws.input)
            switch path {
            case .adjoint:
                var pointLoss = 0.0
                let result = try AdjointDifferentiator(parallelism: ws.input.parallelism).gradient(
                    of: ansatz, at: theta, from: ws.input, workspace: ws.adjoint
                ) { state in
                    let (l, d) = loss.evaluate(measured(state, 0), label: y)
                    pointLoss = l
                    return readout.observable(weights: d, qubits: n)
                }
                valueSlots[j] = pointLoss
                for q in 0..<pCount { gradSlots[j * pCount + q] = result.gradient[q] }
            case .parameterShift, .none:
                ws.output.assign(from: ws.input)
                for op in bound!.operations { try ws.output.apply(op) }
                let (l, d) = loss.evaluate(measured(ws.output, 0), label: y)
                valueSlots[j] = l
                guard path == .parameterShift else { return }
                // Shifted circuits are measured like the real ones (shots included), each from its
                // own stream; the loss's sensitivities d are those at the unshifted point.
                var evaluation: UInt64 = 0
                let shift = try ParameterShift(parallelism: ws.input.parallelism).gradient(
                    of: ansatz, at: theta, from: ws.input, state: ws.output
                ) { state in
                    evaluation += 1
                    let p = measured(state, evaluation)
                    return zip(d, p).reduce(0) { $0 + $1.0 * $1.1 }
                }
                for q in 0..<pCount { gradSlots[j * pCount + q] = shift.gradient[q] }
            }
        }
        var total = 0.0
        var gradient = [Double](repeating: 0, count: path == .none ? 0 : pCount)
        for j in 0..<m {
            total += values[j]
            for q in gradient.indices { gradient[q] += grads[j * pCount + q] }
        }
        let scale = 1 / Double(max(m, 1))
        return (total * scale, gradient.map { $0 * scale })
    }
}
