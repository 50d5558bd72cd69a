import Foundation
import Kernels
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// The two ways the SVM holds kernel values, and the two ways a user supplies them, give the same
/// model: a dense single-precision matrix (when N x N fits in the cache's memory) against the
/// LRU column cache (forced by a cache too small for the matrix), and a fit on points against a fit
/// on their precomputed Gram matrix.
struct DenseKernelSVMTests {
    /// Expects the same support vectors, coefficients and offsets (to `tolerance`, absolute).
    static func expectSameModel(_ a: SVCModel, _ b: SVCModel, tolerance: Double, _ what: String) {
        #expect(a.supportIndices == b.supportIndices, "\(what): support vectors")
        #expect(a.supportCounts == b.supportCounts, "\(what): support counts")
        let coefficients = maxAbsDifference(a.supportVectorCoefficients.scalars, b.supportVectorCoefficients.scalars)
        #expect(coefficients <= tolerance, "\(what): coefficients differ by \(coefficients)")
        let rho = maxAbsDifference(a.rho, b.rho)
        #expect(rho <= tolerance, "\(what): rho differs by \(rho)")
        let objective = maxAbsDifference(a.objectives, b.objectives)
        #expect(objective <= tolerance * 100, "\(what): objectives differ by \(objective)")
    }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("RBF on points: the dense kernel matrix and the column cache reach the same solution")
    func denseAgainstCache() throws {
        let train = try fixtureCSV("wine_binary_rbf/train")
        let kernel = SVCKernel.kernel(RBFKernel(gamma: 0.05))
        let dense = try SVC(kernel: kernel, C: 1, tolerance: 1e-8).fit(train.x, train.y)
        // 2 columns' worth of memory: the matrix does not fit, so columns are computed and cached.
        let cached = try SVC(kernel: kernel, C: 1, tolerance: 1e-8, cacheBytes: 8 * train.x.rows)
            .fit(train.x, train.y)
        Self.expectSameModel(dense, cached, tolerance: 1e-9, "wine dense vs cache")
    }

    @Test("700 points: the dense matrix computed in tiles on all threads equals the serial one and the cache")
    func threadedTiles() throws {
        var generator = SeededGenerator(seed: 17)
        let n = 700, d = 5
        let x = Matrix(rows: n, columns: d, scalars: (0..<n * d).map { _ in generator.normal() })
        let y = (0..<n).map { i in x[i, 0] * x[i, 1] + 0.3 * x[i, 2] > 0 ? 1.0 : -1.0 }
        let kernel = SVCKernel.kernel(RBFKernel(gamma: 0.2))
        let threaded = try SVC(kernel: kernel, parallelism: Parallelism(threads: 2)).fit(x, y)
        let serial = try SVC(kernel: kernel, parallelism: .serial).fit(x, y)
        let cached = try SVC(kernel: kernel, cacheBytes: 8 * n).fit(x, y)
        Self.expectSameModel(threaded, serial, tolerance: 0, "threaded vs serial tiles")
        Self.expectSameModel(threaded, cached, tolerance: 1e-9, "dense vs cache")
    }

    @Test("Multiclass (iris, RBF, one-versus-one pairs) from one dense matrix equals the cached fit")
    func multiclassDenseAgainstCache() throws {
        let train = try fixtureCSV("generated/iris_train")
        let kernel = SVCKernel.kernel(RBFKernel(gamma: 0.5))
        let dense = try SVC(kernel: kernel, C: 1, tolerance: 1e-8).fit(train.x, train.y)
        let cached = try SVC(kernel: kernel, C: 1, tolerance: 1e-8, cacheBytes: 8 * train.x.rows)
            .fit(train.x, train.y)
        #expect(dense.classes.count == 3)
        Self.expectSameModel(dense, cached, tolerance: 1e-9, "iris dense vs cache")
    }

    @Test("A precomputed Gram matrix gives the fit on the points: same SVs, coefficients to 1e-12, same predictions")
    func precomputedAgainstPoints() throws {
        let train = try fixtureCSV("wine_binary_rbf/train")
        let test = try fixtureCSV("wine_binary_rbf/test")
        let rbf = RBFKernel(gamma: 0.05)
        let fromPoints = try SVC(kernel: .kernel(rbf), C: 1, tolerance: 1e-8).fit(train.x, train.y)
        let gram = try rbf.gram(train.x)
        let precomputed = try SVC(kernel: .precomputed, C: 1, tolerance: 1e-8).fit(gram, train.y)
        Self.expectSameModel(fromPoints, precomputed, tolerance: 1e-12, "points vs precomputed")

        let crossKernel = try rbf.cross(test.x, train.x)
        #expect(try fromPoints.predict(test.x) == precomputed.predict(crossKernel))
        let decision = Self.maxAbsDifference(
            try fromPoints.decisionValues(test.x).scalars, try precomputed.decisionValues(crossKernel).scalars)
        #expect(decision <= 1e-12, "decision values differ by \(decision)")
    }

    @Test("The dense path with shrinking off, and the precomputed path through the cache, agree too")
    func precomputedCacheAndNoShrinking() throws {
        let train = try fixtureCSV("wine_binary_rbf/train")
        let gram = try fixtureMatrix("wine_binary_rbf/K_train")
        let dense = try SVC(kernel: .precomputed, C: 1, tolerance: 1e-8, shrinking: false).fit(gram, train.y)
        let cached = try SVC(kernel: .precomputed, C: 1, tolerance: 1e-8, cacheBytes: 8 * gram.rows).fit(gram, train.y)
        Self.expectSameModel(dense, cached, tolerance: 1e-9, "precomputed dense (no shrinking) vs cache")
    }

    @Test("Prediction in tiles of rows on all cores equals one kernel block")
    func tiledPrediction() throws {
        // 600 test rows: more than two tiles of 256, so the threaded path runs.
        let train = try fixtureCSV("wine_binary_rbf/train")
        let rbf = RBFKernel(gamma: 0.05)
        let model = try SVC(kernel: .kernel(rbf), C: 1).fit(train.x, train.y)
        var rows: [[Double]] = []
        for i in 0..<600 { rows.append(train.x.row(i % train.x.rows).map { $0 + 0.01 * Double(i / train.x.rows) }) }
        let test = Matrix(rows)
        let expected = try rbf.cross(test, model.supportVectors)
        #expect(try model.supportKernel(test) == expected)
        // A model fitted on one thread predicts on one thread (one block), with the same values.
        let serial = try SVC(kernel: .kernel(rbf), C: 1, parallelism: .serial).fit(train.x, train.y)
        #expect(serial.parallelism.threads == 1 && model.parallelism.threads == Parallelism().threads)
        #expect(try serial.decisionValues(test) == model.decisionValues(test))
        // Decision values, computed tile by tile, equal the sums over the whole matrix (same order).
        let decision = try model.decisionValues(test)
        let coefficients = model.supportVectorCoefficients.row(0)
        for m in [0, 255, 256, 599] {
            var sum = 0.0
            for s in coefficients.indices { sum += coefficients[s] * expected[m, s] }
            #expect(decision[m, 0] == sum - model.rho[0])
        }
    }
}
