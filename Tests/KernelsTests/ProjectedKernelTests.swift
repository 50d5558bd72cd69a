import Foundation
import Kernels
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct ProjectedKernelTests {
    struct Fixture: Decodable {
        struct Projected: Decodable {
            var gamma: Double
            var K: [[Double]]
        }
        var projected: Projected
        var cases: [FeatureMapTests.Fixture.Case]
    }

    /// Against reduced density matrices computed with numpy from Qiskit's states.
    @Test func matchesReducedDensityMatrixDefinition() throws {
        let url = URL(fileURLWithPath: Bundle.module.resourcePath! + "/Fixtures/feature_maps.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let c = fixture.cases[0]
        let kernel = try ProjectedKernel(featureMap: FeatureMapTests.map(for: c), gamma: fixture.projected.gamma)
        let k = try kernel.gram(Matrix(c.points))
        #expect(maxAbsDifference(k.scalars, fixture.projected.K.flatMap { $0 }) < 1e-12)
        let cross = try kernel.cross(Matrix(Array(c.points.prefix(2))), Matrix(c.points))
        #expect(maxAbsDifference(cross.scalars, Array(fixture.projected.K.prefix(2)).flatMap { $0 }) < 1e-12)
    }

    @Test func featuresAreBlochVectors() throws {
        let kernel = try ProjectedKernel(featureMap: .zz(features: 3))
        let f = try kernel.projectedFeatures(Matrix([[0.1, 0.7, 2.0], [1.5, 0.2, 0.9]]))
        for i in 0..<f.rows {
            for q in 0..<3 {
                let r2 = (0..<3).reduce(0.0) { $0 + f[i, 3 * q + $1] * f[i, 3 * q + $1] }
                #expect(r2 <= 1 + 1e-12, "a reduced state's Bloch vector has length at most 1")
            }
        }
        #expect(throws: KernelError.self) { try ProjectedKernel(featureMap: .zz(features: 3), gamma: 0) }
    }
}
