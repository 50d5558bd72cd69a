import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// SVM fit time: an RBF C-SVM on synthetic two-class data of growing size, from points (the whole
/// kernel matrix computed up front when it fits the cache's memory, the default; or kernel columns
/// computed on demand through the LRU cache, as LIBSVM does) and from a precomputed Gram matrix.
enum SVMBenchmark {
    static func run(quick: Bool) throws {
        print("\n## C-SVM fit (RBF, gamma 0.1, C 1, tol 1e-3), d = 20")
        print("| N | from points, dense (s) | from points, column cache (s) | precomputed Gram (s) | Gram itself (s) | support vectors |")
        print("|---:|---:|---:|---:|---:|---:|")
        var rng = SeededGenerator(seed: 3)
        for n in quick ? [500, 1000] : [500, 1000, 2000, 5000] {
            let d = 20
            var scalars: [Double] = []
            var labels: [Double] = []
            for i in 0..<n {
                let label = Double(i % 2)
                labels.append(label)
                for j in 0..<d { scalars.append(rng.normal() + (j < 3 ? (label == 0 ? -0.6 : 0.6) : 0)) }
            }
            let x = Matrix(rows: n, columns: d, scalars: scalars)
            let kernel = RBFKernel(gamma: 0.1)
            var supportVectors = 0
            let fromPoints = try medianSeconds {
                supportVectors = try SVC(kernel: .kernel(kernel)).fit(x, labels).supportCounts.reduce(0, +)
            }
            // Just too little memory for the dense matrix: the same cache LIBSVM would have.
            let cacheOnly = try medianSeconds {
                _ = try SVC(kernel: .kernel(kernel), cacheBytes: n * n * 4 - 1).fit(x, labels)
            }
            var gram = Matrix(rows: 0, columns: 0)
            let gramTime = try medianSeconds { gram = try kernel.gram(x) }
            let precomputed = try medianSeconds { _ = try SVC(kernel: .precomputed).fit(gram, labels) }
            print(
                "| \(n) | \(fixed(fromPoints, 4)) | \(fixed(cacheOnly, 4)) | \(fixed(precomputed, 4)) | \(fixed(gramTime, 4)) | \(supportVectors) |")
        }
    }
}
