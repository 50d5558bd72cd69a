import CircuitIR
import LinearAlgebra
import Optimization
import QKSupport

/// A classifier's settings bound to a data set: validated inputs, encoded points, class indices,
/// the starting point and the seeded streams.
struct TrainingProblem {
    let model: VQCCircuitModel
    let encodings: [Circuit]
    let labels: [Int]
    let classes: [Double]
    let readout: ClassReadout
    let batches: MiniBatches
    let shotSeed: UInt64
    let initialTheta: [Double]
    let lossFunction: VQCLoss
    let path: VQCCircuitModel.GradientPath

    init(_ c: VariationalClassifier, x: Matrix, y: [Double]) throws {
        let map = try c.featureMap.makeFeatureMap()
        try c.ansatz.validate()
        try c.loss.validate()
        guard x.rows == y.count, x.rows > 0 else {
            throw InputError("the data have \(x.rows) rows but \(y.count) labels (need at least one point)")
        }
        guard x.columns == map.featureCount else {
            throw InputError("the feature map expects \(map.featureCount) features, the data have \(x.columns) columns")
        }
        guard x.scalars.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw InputError("the data contain a value that is not a finite number")
        }
        classes = Array(Set(y)).sorted()
        guard classes.count >= 2 else { throw InputError("the labels have \(classes.count) class; a classifier needs at least two") }
        readout = c.readout ?? .defaultFor(classes: classes.count)
        if let batchSize = c.batchSize {
            guard batchSize >= 1 else { throw InputError("the batch size must be at least 1, got \(batchSize)") }
            guard c.optimizer.acceptsStochasticObjective || batchSize >= x.rows else {
                throw InputError("\(c.optimizer.name) needs the full data at every step; mini-batches work with adam and spsa")
            }
        }
        guard c.initialScale.isFinite, c.initialScale >= 0 else { throw InputError("the initial scale must be finite and non-negative") }
        model = try VQCCircuitModel(
            featureMap: map, ansatz: c.ansatz, readout: readout, classCount: classes.count, parallelism: c.parallelism)
        let pCount = c.ansatz.parameterCount
        var rng = SeededGenerator(seed: c.seed)
        if let theta = c.initialTheta {
            guard theta.count == pCount, theta.allSatisfy(\.isFinite) else {
                throw InputError("the ansatz has \(pCount) parameters, the initial point \(theta.count) finite values")
            }
            initialTheta = theta
        } else {
            initialTheta = (0..<pCount).map { _ in (2 * rng.uniform() - 1) * c.initialScale }
        }
        encodings = try model.encodings((0..<x.rows).map { x.row($0) })
        let classes = self.classes
        labels = y.map { classes.firstIndex(of: $0)! }
        batches = MiniBatches(count: x.rows, size: c.batchSize, seed: rng.next())
        shotSeed = rng.next()
        lossFunction = c.loss
        path = c.gradientMethod == .adjoint ? .adjoint : .parameterShift
    }

    /// The mean loss over `points` (all when nil) or over batch `batch`'s points.
    func loss(theta: [Double], points: [Int]?, path: VQCCircuitModel.GradientPath, batch: Int) throws -> (value: Double, gradient: [Double]) {
        try model.loss(
            encodings, labels: labels, points: points ?? batches.points(batch), theta: theta, loss: lossFunction,
            path: path, shotSeed: shotSeed, batch: batch)
    }

    var objective: Objective {
        let problem = self
        return Objective(
            dimension: initialTheta.count,
            batchedValue: { theta, batch in try problem.loss(theta: theta, points: nil, path: .none, batch: batch).value },
            batchedValueAndGradient: { theta, batch in try problem.loss(theta: theta, points: nil, path: problem.path, batch: batch) })
    }
}

/// The order in which mini-batches visit the points: each epoch is a fresh seeded permutation
/// cut into consecutive batches (the last one of an epoch may be smaller).
struct MiniBatches: Sendable {
    let count: Int
    let size: Int?
    let seed: UInt64

    /// The point indices of batch `b` (all points when there are no mini-batches).
    func points(_ b: Int) -> [Int] {
        guard let size, size < count else { return Array(0..<count) }
        let perEpoch = (count + size - 1) / size
        let epoch = b / perEpoch, position = b % perEpoch
        var rng = SeededGenerator(seed: seed).split(UInt64(epoch))
        var order = Array(0..<count)
        // Fisher-Yates with our generator, so the order is the same on every platform.
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return Array(order[(position * size)..<min(count, (position + 1) * size)])
    }
}
