import CircuitIR
import LinearAlgebra
import QKSupport
import Simulation

/// The states of many data points, one per row of a complex matrix (row-major, interleaved
/// `(re, im)`), the operand of the Gram-matrix BLAS products.
///
/// Built-in feature maps (Pauli, ZZ, Z, IQP) and circuit files on up to `batchedQubitLimit` qubits are compiled once
/// into a `CircuitTemplate` and simulated `lanes` points at a time with the points in the SIMD
/// lanes (`BatchedSimulator`); other maps take the per-circuit path, where each point's circuit is
/// built, fused by `DiagonalFusion` and simulated on its own. Both run in parallel over points.
public struct StateBatch: KernelFeatures, Sendable {
    /// How the states are simulated.
    public enum Mode: Sendable {
        /// Batched where the map allows it, per circuit otherwise.
        case automatic
        /// One circuit per point (the reference path).
        case perCircuit
        /// Points in SIMD lanes; throws for maps the template cannot express.
        case batched
    }

    /// Largest register simulated batched in `.automatic` mode: beyond it one state no longer fits
    /// a core's cache several times over and the per-circuit kernels are as fast.
    public static let batchedQubitLimit = 12

    /// Number of states (data points).
    public let count: Int
    /// The data points the states encode (one per row), kept to recognise identical points.
    public let points: Matrix
    /// Index of the first state's point in the data set it was taken from (tiles of one data set
    /// share a `source` and differ in `firstRow`).
    public let firstRow: Int
    /// Identifies the data set the batch was taken from, so that a kernel can tell a training
    /// matrix (one data set against itself) from a test-versus-training one.
    public let source: Int
    /// Amplitudes per state, `2^qubits`.
    public let dimension: Int
    /// `count * dimension` complex numbers as `2 * count * dimension` doubles, state after state.
    public var amplitudes: [Double]

    /// Simulates `featureMap` on the rows `rows` of `data`.
    public static func simulate(
        _ featureMap: FeatureMap, data: Matrix, rows: Range<Int>, parallelism: Parallelism = Parallelism(),
        mode: Mode = .automatic
    ) throws -> StateBatch {
        guard data.columns == featureMap.featureCount else {
            throw KernelError.shapeMismatch(
                "\(featureMap.name) expects \(featureMap.featureCount) features, the data has \(data.columns) columns")
        }
        let n = featureMap.qubitCount
        let dimension = 1 << n
        // Every row is written by the simulation (a throw discards the array), so the buffer is
        // not zero-filled first: its pages are first touched by the threads that fill them. (Mapped
        // ahead in one call, FreshMemory, they had cost 1.3-5 ms of serial time at 800 x 8 qubits:
        // `qksim kernel` opens OpenBLAS on another thread meanwhile, and its mappings hold up the call.)
        var amplitudes = [Double](unsafeUninitializedCapacity: 2 * rows.count * dimension) { _, count in
            count = 2 * rows.count * dimension
        }
        let compiled = mode == .perCircuit || (mode == .automatic && n > batchedQubitLimit) ? nil : try featureMap.batchTemplate()
        if mode == .batched && compiled == nil {
            throw KernelError.invalidParameter("\(featureMap.name): this feature map cannot be simulated batched")
        }
        if let compiled {
            try simulateBatched(compiled, data: data, rows: rows, parallelism: parallelism, into: &amplitudes)
        } else {
            try simulatePerCircuit(featureMap, data: data, rows: rows, parallelism: parallelism, into: &amplitudes)
        }
        var hasher = Hasher()
        hasher.combine(data.rows)
        hasher.combine(data.scalars)
        return StateBatch(
            count: rows.count, points: Matrix(rows: rows.count, columns: data.columns, scalars: Array(data.scalars[(rows.lowerBound * data.columns)..<(rows.upperBound * data.columns)])),
            firstRow: rows.lowerBound, source: hasher.finalize(), dimension: dimension, amplitudes: amplitudes)
    }

    /// `lanes` points at a time through the compiled template, one batch state per thread, the
    /// blocks of points handed to the threads as they come free.
    private static func simulateBatched(
        _ compiled: FeatureMapTemplate, data: Matrix, rows: Range<Int>, parallelism: Parallelism, into amplitudes: inout [Double]
    ) throws {
        let template = compiled.template, program = BatchProgram(template)
        let n = template.qubitCount, dimension = 1 << n
        let lanes = BatchedState.preferredLanes(qubitCount: n)
        let blocks = (rows.count + lanes - 1) / lanes
        let blockPolicy = Parallelism(threads: parallelism.threads, minimumItems: 2)
        try amplitudes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            try data.scalars.withUnsafeBufferPointer { points in
                nonisolated(unsafe) let x = points
                // Blocks go to whichever thread is free, each with its own batch state.
                try blockPolicy.forEachWorker(count: blocks, grain: 1) { next in
                    var state = try BatchedState(qubitCount: n, lanes: lanes, maxPhaseQubits: template.maxPhaseQubits)
                    var slots = [Double](repeating: 0, count: max(1, template.slotCount) * lanes)
                    while let chunk = next() {
                        for block in chunk {
                            let first = block * lanes, count = min(lanes, rows.count - first)
                            try slots.withUnsafeMutableBufferPointer { s in
                                for b in 0..<count {
                                    try compiled.bind(
                                        x.baseAddress! + (rows.lowerBound + first + b) * data.columns, lane: b, lanes: lanes, into: s.baseAddress!)
                                }
                                BatchedSimulator.run(program, slots: UnsafeBufferPointer(s), into: &state)
                            }
                            state.copyRows(count: count, to: out.baseAddress! + 2 * first * dimension, rowStride: 2 * dimension)
                        }
                    }
                }
            }
        }
    }

    /// One circuit per point: built, fused and simulated on a state reused from point to point.
    private static func simulatePerCircuit(
        _ featureMap: FeatureMap, data: Matrix, rows: Range<Int>, parallelism: Parallelism, into amplitudes: inout [Double]
    ) throws {
        let n = featureMap.qubitCount
        let dimension = 1 << n
        let pointPolicy = Parallelism(threads: parallelism.threads, minimumItems: 2)
        try amplitudes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            try pointPolicy.forEachChunkThrowing(count: rows.count) { chunk in
                let simulator = Simulator(parallelism: .serial)
                let state = try StateVector(qubitCount: n, parallelism: .serial)
                for k in chunk {
                    let circuit = DiagonalFusion.fuse(try featureMap.circuit(for: data.row(rows.lowerBound + k)))
                    try simulator.run(circuit, into: state, seed: 0)
                    state.withUnsafeInterleaved { src in
                        (out.baseAddress! + 2 * k * dimension).update(from: src.baseAddress!, count: 2 * dimension)
                    }
                }
            }
        }
    }
}
