import Foundation
import Kernels
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Kernel diagnostics against numpy (fixture `generated/diagnostics.json`: an RBF and a polynomial
/// kernel on 40 wine points, two classes) and against closed forms.
struct DiagnosticsTests {
    static func value(_ r: [String: Any], _ key: String) throws -> Double {
        try #require((r[key] as? NSNumber)?.doubleValue)
    }

    @Test("Alignment (uncentred and centred), spectrum, off-diagonal statistics equal numpy's")
    func againstNumpy() throws {
        let r = try fixtureJSON("generated/diagnostics")
        let k = try matrix(r["K_classical"])
        let labels = try doubles(r["labels"])
        let uncentred = try KernelDiagnostics.alignment(k, labels: labels, centered: false)
        let centred = try KernelDiagnostics.alignment(k, labels: labels, centered: true)
        #expect(relativeError(uncentred, try Self.value(r, "alignment_uncentred")) < 1e-13)
        #expect(relativeError(centred, try Self.value(r, "alignment_centred")) < 1e-12)
        #expect(centred != uncentred)
        let spectrum = try KernelDiagnostics.spectrum(k)
        let expected = try doubles(r["eigenvalues_descending"])
        #expect(zip(spectrum, expected).allSatisfy { abs($0 - $1) < 1e-12 * expected[0] })
        let stats = try KernelDiagnostics.offDiagonalStatistics(k)
        #expect(relativeError(stats.mean, try Self.value(r, "off_diagonal_mean")) < 1e-13)
        #expect(relativeError(stats.variance, try Self.value(r, "off_diagonal_variance")) < 1e-12)
    }

    @Test("Geometric difference equals numpy's Eq. F9 at lambda = 0.01 and 0.1")
    func geometricDifference() throws {
        let r = try fixtureJSON("generated/diagnostics")
        let kc = try matrix(r["K_classical"])
        let kq = try matrix(r["K_quantum"])
        for lambda in [0.01, 0.1] {
            let g = try KernelDiagnostics.geometricDifference(classical: kc, quantum: kq, regularization: lambda)
            #expect(relativeError(g, try Self.value(r, "geometric_difference_lambda_\(lambda)")) < 1e-12, "lambda \(lambda)")
        }
    }

    @Test("Closed forms: the ideal kernel aligns perfectly; g(K || K) = 1 without regularisation")
    func closedForms() throws {
        let labels: [Double] = [0, 0, 1, 2, 1, 2, 0]
        let ideal = KernelDiagnostics.idealKernel(labels)
        #expect(abs(try KernelDiagnostics.alignment(ideal, labels: labels, centered: false) - 1) < 1e-15)
        #expect(abs(try KernelDiagnostics.alignment(ideal, labels: labels, centered: true) - 1) < 1e-15)
        #expect(ideal[0, 2] == -0.5)
        #expect(abs(try KernelDiagnostics.alignment(ideal, -1 * ideal, centered: false) + 1) < 1e-15)
        // A positive definite K compared with itself: sqrt(K) K^-1 sqrt(K) = I.
        var generator = SeededGenerator(seed: 5)
        let a = Matrix(rows: 6, columns: 6, scalars: (0..<36).map { _ in generator.normal() })
        let k = Matrix.rowGram(a, rows: 0..<6) + 0.1 * Matrix.identity(6)
        #expect(abs(try KernelDiagnostics.geometricDifference(classical: k, quantum: k, regularization: 0) - 1) < 1e-10)
        // With lambda > 0 it is below 1, and it grows as lambda shrinks.
        let g1 = try KernelDiagnostics.geometricDifference(classical: k, quantum: k, regularization: 1e-1)
        let g2 = try KernelDiagnostics.geometricDifference(classical: k, quantum: k, regularization: 1e-3)
        #expect(g1 < g2 && g2 < 1)
        // The identity (a fully concentrated quantum kernel) has zero off-diagonal mean and variance.
        let stats = try KernelDiagnostics.offDiagonalStatistics(.identity(5))
        #expect(stats.mean == 0 && stats.variance == 0)
        #expect(throws: InputError.self) { try KernelDiagnostics.alignment(k, labels: [0, 1], centered: true) }
    }
}
