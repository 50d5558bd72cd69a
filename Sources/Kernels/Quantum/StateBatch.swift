import CircuitIR
import LinearAlgebra
import QKSupport
import Simulation

/// The states of many data points, one per row of a complex matrix (row-major, interleaved
/// `(re, im)`), the operand of the Gram-matrix BLAS products.
///
/// Points are simulated in parallel, one state per thread reused from point to point; each
/// feature-map circuit goes through `DiagonalFusion` first, so its phase layers cost one pass each.
public struct StateBatch: KernelFeatures, Sendable {
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
        _ featureMap: FeatureMap, data: Matrix, rows: Range<Int>, parallelism: Parallelism = Parallelism()
    ) throws -> StateBatch {
        guard data.columns == featureMap.featureCount else {
            throw KernelError.shapeMismatch(
                "\(featureMap.name) expects \(featureMap.featureCount) features, the data has \(data.columns) columns")
        }
        let n = featureMap.qubitCount
        let dimension = 1 << n
        var amplitudes = [Double](repeating: 0, count: 2 * rows.count * dimension)
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
        var hasher = Hasher()
        hasher.combine(data.rows)
        hasher.combine(data.scalars)
        return StateBatch(
            count: rows.count, points: Matrix(rows: rows.count, columns: data.columns, scalars: Array(data.scalars[(rows.lowerBound * data.columns)..<(rows.upperBound * data.columns)])),
            firstRow: rows.lowerBound, source: hasher.finalize(), dimension: dimension, amplitudes: amplitudes)
    }
}
