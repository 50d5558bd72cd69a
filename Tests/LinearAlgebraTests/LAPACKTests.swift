import LinearAlgebra
import Testing
import _TestSupport

@Suite struct LAPACKTests {
    let spd = Matrix([[4, 2, 0.6], [2, 5, 1], [0.6, 1, 3]])

    @Test func productsAgreeWithHandComputation() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[1, 0, -1], [2, 1, 0]])
        #expect((a * b) == Matrix([[5, 2, -1], [11, 4, -3], [17, 6, -5]]))
        #expect(a * [1, -1] == [-1, -1, -1])
        #expect(a.transposed.rows == 2 && a.transposed[1, 2] == 6)
    }

    @Test func choleskyReconstructs() throws {
        let l = try spd.cholesky()
        #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0)
        #expect((l * l.transposed - spd).frobeniusNorm < 1e-14)
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [2, 1]]).cholesky() }
    }

    @Test func solveAndInverse() throws {
        let x = try spd.solve([1, 2, 3])
        #expect(maxAbsDifference(spd * x, [1, 2, 3]) < 1e-14)
        #expect((spd * (try spd.inverse()) - .identity(3)).frobeniusNorm < 1e-14)
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [2, 4]]).solve([1, 1]) }
    }

    @Test func symmetricEigenDecomposes() throws {
        let (values, vectors) = try spd.symmetricEigen()
        #expect(values == values.sorted())
        let rebuilt = vectors * .diagonal(values) * vectors.transposed
        #expect((rebuilt - spd).frobeniusNorm < 1e-13)
        #expect(isClose(values.reduce(0, +), spd.trace, absolute: 1e-13))
    }

    @Test func leastSquaresGivesTheMinimumNormSolution() throws {
        // Under-determined x + y = 2: the minimum-norm solution is (1, 1).
        let x = try Matrix([[1, 1]]).leastSquares([2])
        #expect(maxAbsDifference(x, [1, 1]) < 1e-14)
        // Over-determined line fit through (0,1), (1,3), (2,5): exactly y = 1 + 2t.
        let fit = try Matrix([[1, 0], [1, 1], [1, 2]]).leastSquares([1, 3, 5])
        #expect(maxAbsDifference(fit, [1, 2]) < 1e-13)
    }
}
