import Foundation
import IntegralRL
import LinearAlgebra
import Testing
import _TestSupport

@Test func lyapunovSolutionHasZeroResidualAndMatchesKroneckerSolve() throws {
    // A^T X + X A + Q = 0, checked by its residual and against the n^2 x n^2 linear system
    // (I kron A^T + A^T kron I) vec(X) = -vec(Q), solved by LU: two independent routes.
    let a = Matrix([[-1, 2, 0.5], [-0.3, -2, 1], [0.2, 0.1, -0.7]])
    let q = Matrix([[2, 0.3, 0], [0.3, 1, -0.2], [0, -0.2, 3]])
    let x = try Matrix.solveLyapunov(a, q)
    let residual = a.transposed * x + x * a + q
    #expect(residual.frobeniusNorm < 1e-13)
    let n = 3
    var kron = Matrix(rows: n * n, columns: n * n)
    for i in 0..<n {
        for j in 0..<n {
            // Row-major vec: X[i, j] at i * n + j; (A^T X)[i, j] = sum_k A[k, i] X[k, j],
            // (X A)[i, j] = sum_k X[i, k] A[k, j].
            for k in 0..<n {
                kron[i * n + j, k * n + j] += a[k, i]
                kron[i * n + j, i * n + k] += a[k, j]
            }
        }
    }
    let vecX = try kron.solve((-1.0 * q).scalars)
    #expect(maxAbsDifference(vecX, x.scalars) < 1e-13)
}

@Test func lyapunovScalarClosedForm() throws {
    // 2 a x + q = 0.
    let x = try Matrix.solveLyapunov(Matrix([[-0.4]]), Matrix([[3]]))
    #expect(isClose(x[0, 0], 3.75, absolute: 1e-15))
}

@Test func careScalarClosedForm() throws {
    // 2 a p - p^2 b^2 / r + q = 0  =>  p = r (a + sqrt(a^2 + b^2 q / r)) / b^2, here with A unstable
    // (a = 1) and a stabilising initial gain.
    let (a, b, q, r) = (1.0, 2.0, 3.0, 0.5)
    let solution = try Riccati.solveContinuous(
        a: Matrix([[a]]), b: Matrix([[b]]), q: Matrix([[q]]), r: Matrix([[r]]), initialGain: Matrix([[1]]))
    let p = r * (a + (a * a + b * b * q / r).squareRoot()) / (b * b)
    #expect(isClose(solution.p[0, 0], p, absolute: 1e-14, relative: 1e-14))
    #expect(isClose(solution.gain[0, 0], b * p / r, absolute: 1e-14, relative: 1e-14))
}

@Test func careDoubleIntegratorClosedForm() throws {
    // x'' = u, Q = I, R = 1: P = [[sqrt 3, 1], [1, sqrt 3]], K = [1, sqrt 3].
    let a = Matrix([[0, 1], [0, 0]])
    let b = Matrix([[0], [1]])
    let solution = try Riccati.solveContinuous(a: a, b: b, q: .identity(2), r: .identity(1), initialGain: Matrix([[1, 1]]))
    let s3 = 3.0.squareRoot()
    #expect(maxAbsDifference(solution.p.scalars, [s3, 1, 1, s3]) < 1e-13)
    #expect(maxAbsDifference(solution.gain.scalars, [1, s3]) < 1e-13)
    let residual = try Riccati.residual(p: solution.p, a: a, b: b, q: .identity(2), r: .identity(1))
    #expect(residual.frobeniusNorm <= 1e-10)
}

@Test func careNeedsAStabilisingInitialGain() {
    #expect(throws: RiccatiError.notStabilizing(iteration: 0, eigenvalue: 0)) {
        try Riccati.solveContinuous(a: Matrix([[0, 1], [0, 0]]), b: Matrix([[0], [1]]), q: .identity(2), r: .identity(1))
    }
}

@Test func careOfTheThirdOrderTaskMatchesThePaperAndHasZeroResidual() throws {
    let task = try IntRLTask.linear3()
    let a = Matrix([[0, 1, 0], [0, 0, 1], [-0.1, -0.5, -0.7]])
    let b = Matrix([[0], [0], [1]])
    let residual = try Riccati.residual(p: task.optimalValueMatrix, a: a, b: b, q: .identity(3), r: .identity(1))
    #expect(residual.frobeniusNorm <= 1e-10)
    // P* and K* as printed in the authors' env.py (15 significant digits).
    let paperP: [Double] = [
        2.355030933091255, 2.238452370854351, 0.904987562112089,
        2.238452370854351, 4.241942496771635, 1.893095222031228,
        0.904987562112089, 1.893095222031228, 1.596995960828503,
    ]
    #expect(maxAbsDifference(task.optimalValueMatrix.scalars, paperP) < 1e-12)
    #expect(maxAbsDifference(try #require(task.optimalGain).scalars, [0.904987562112088, 1.893095222031230, 1.596995960828503]) < 1e-12)
    #expect(task.optimalWeights == task.optimalValueMatrix.scalars)
}

private struct CAREFixture: Decodable {
    var a: [[Double]]
    var b: [[Double]]
    var q: [[Double]]
    var r: [[Double]]
    var p: [[Double]]
    var k: [[Double]]
}

@Test func careMatchesSciPyOnAMultiInputSystem() throws {
    let path = try #require(Bundle.module.path(forResource: "care_scipy", ofType: "json", inDirectory: "Fixtures"))
    let f = try JSONDecoder().decode(CAREFixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    let (a, b, q, r) = (Matrix(f.a), Matrix(f.b), Matrix(f.q), Matrix(f.r))
    let solution = try Riccati.solveContinuous(a: a, b: b, q: q, r: r)
    #expect(maxAbsDifference(solution.p.scalars, Matrix(f.p).scalars) < 1e-11)
    #expect(maxAbsDifference(solution.gain.scalars, Matrix(f.k).scalars) < 1e-11)
    #expect(try Riccati.residual(p: solution.p, a: a, b: b, q: q, r: r).frobeniusNorm <= 1e-10)
}
