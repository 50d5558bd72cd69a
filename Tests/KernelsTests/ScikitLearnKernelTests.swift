import Foundation
import Kernels
import LinearAlgebra
import QKSupport
import Testing
import _TestSupport

/// The classical kernels against scikit-learn's `pairwise` kernels and `gaussian_process.kernels.Matern`
/// (fixtures from `Fixtures/make_fixtures.py`: 20 training points, 7 test points, 4 features; test
/// point 0 equals training point 3).
struct ScikitLearnKernelTests {
    static let cases: [(String, any Kernel)] = [
        ("linear", LinearKernel()),
        ("poly", PolynomialKernel(degree: 3, gamma: 0.3, coef0: 1)),
        ("rbf", RBFKernel(gamma: 0.4)),
        ("laplacian", LaplacianKernel(gamma: 0.25)),
        ("sigmoid", SigmoidKernel(gamma: 0.1, coef0: 0.5)),
        ("matern_0.5", MaternKernel(nu: 0.5, lengthScale: 1.3)),
        ("matern_1.5", MaternKernel(nu: 1.5, lengthScale: 1.3)),
        ("matern_2.5", MaternKernel(nu: 2.5, lengthScale: 1.3)),
        ("matern_0.7", MaternKernel(nu: 0.7, lengthScale: 1.3)),
        ("matern_3.2", MaternKernel(nu: 3.2, lengthScale: 1.3)),
    ]

    @Test("Gram and test-versus-train matrices equal scikit-learn's", arguments: 0..<cases.count)
    func matchesScikitLearn(_ index: Int) throws {
        let (name, kernel) = Self.cases[index]
        let x = try fixtureMatrix("X")
        let y = try fixtureMatrix("Y")
        let gram = try kernel.gram(x)
        let cross = try kernel.cross(y, x)
        // Measured: at most 8e-16 (3e-15 for general-nu Matern through GSL's K_nu).
        let tolerance = 1e-13
        #expect(relativeDifference(gram, try fixtureMatrix("\(name)_XX")) < tolerance, "\(name) gram")
        #expect(relativeDifference(cross, try fixtureMatrix("\(name)_YX")) < tolerance, "\(name) cross")
        #expect(gram == gram.transposed, "\(name) gram is symmetric")
    }

    @Test("Tiles of the Gram matrix equal the corresponding sub-matrices", arguments: 0..<cases.count)
    func tilesAgree(_ index: Int) throws {
        let kernel = Self.cases[index].1
        try checkTiles(kernel, try fixtureMatrix("X"))
    }

    private func checkTiles<K: Kernel>(_ kernel: K, _ x: Matrix) throws {
        let f = try kernel.features(x)
        let gram = try kernel.symmetricBlock(f, rows: 0..<x.rows)
        let tile = try kernel.block(f, rows: 3..<11, f, columns: 7..<19)
        for r in 0..<8 {
            for c in 0..<12 {
                #expect(isClose(tile[r, c], gram[3 + r, 7 + c], absolute: 1e-13, relative: 1e-13))
            }
        }
        let diagonal = try kernel.diagonal(f)
        for i in 0..<x.rows { #expect(isClose(diagonal[i], gram[i, i], absolute: 1e-13, relative: 1e-13)) }
    }

    @Test("gamma = scale and auto resolve like scikit-learn's SVC")
    func gammaRules() throws {
        let x = try fixtureMatrix("X")
        let reference = try fixtureJSON("gammas")
        let scale = try #require(reference["scale"] as? Double)
        #expect(isClose(KernelGamma.scale.resolved(for: x), scale, absolute: 0, relative: 1e-14))
        #expect(KernelGamma.auto.resolved(for: x) == 0.25)
        #expect(KernelGamma.scale.resolved(for: Matrix(rows: 3, columns: 2, repeating: 1)) == 1)
    }

    @Test("The L1 distance loop handles tiles wider than its 256-column block")
    func wideLaplacianTile() throws {
        var generator = SeededGenerator(seed: 3)
        let a = Matrix(rows: 5, columns: 7, scalars: (0..<35).map { _ in generator.normal() })
        let b = Matrix(rows: 300, columns: 7, scalars: (0..<2100).map { _ in generator.normal() })
        let k = try LaplacianKernel(gamma: 0.3).cross(a, b)
        for r in 0..<5 {
            for c in 0..<300 {
                let l1 = (0..<7).reduce(0.0) { $0 + abs(a[r, $1] - b[c, $1]) }
                #expect(isClose(k[r, c], exp(-0.3 * l1), absolute: 0, relative: 1e-14))
            }
        }
    }

    @Test("Squared distances of nearly equal points keep their digits")
    func nearDuplicates() throws {
        // The expansion ||x||^2 + ||y||^2 - 2 x.y loses everything for a distance of 1e-7 at norm 10.
        let x = Matrix([[10, 0, 0], [10, 1e-7, 0]])
        let k = try MaternKernel(nu: 0.5, lengthScale: 1).gram(x)
        #expect(isClose(k[0, 1], exp(-1e-7), absolute: 0, relative: 1e-15))
        let t = try MaternKernel(nu: 0.5, lengthScale: 1).cross(Matrix([[10, 0, 0]]), x)
        #expect(t[0, 0] == 1)
        #expect(isClose(t[0, 1], exp(-1e-7), absolute: 0, relative: 1e-15))
    }

    @Test("Mismatched feature counts are an input error, not a crash")
    func mismatchedDimensions() {
        #expect(throws: InputError.self) { try RBFKernel(gamma: 1).cross(Matrix([[1, 2]]), Matrix([[1, 2, 3]])) }
        #expect(throws: InputError.self) { try LinearKernel().gram(Matrix([[1, .nan]])) }
    }
}
