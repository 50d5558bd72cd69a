import Foundation
import Kernels
import LinearAlgebra
import QKSupport
import Testing

/// The serialisable description of classical kernels.
struct ClassicalKernelSpecTests {
    static let specs: [ClassicalKernelSpec] = [
        .linear, .polynomial(degree: 2, gamma: .value(0.5), coef0: 1), .rbf(gamma: .scale), .laplacian(gamma: .auto),
        .matern(nu: 2.5, lengthScale: 0.7), .sigmoid(gamma: .value(0.01), coef0: -1), .arcCosine(order: 2),
        .ntk(depth: 3),
    ]

    @Test("JSON round trip keeps every spec")
    func roundTrip() throws {
        for spec in Self.specs {
            let data = try JSONEncoder().encode(spec)
            #expect(try JSONDecoder().decode(ClassicalKernelSpec.self, from: data) == spec)
        }
        let rbf = try JSONDecoder().decode(ClassicalKernelSpec.self, from: Data(#"{"kernel":"rbf","gamma":0.05}"#.utf8))
        #expect(rbf == .rbf(gamma: .value(0.05)))
    }

    @Test("Names build the right kernels with scikit-learn's defaults")
    func names() throws {
        let x = Matrix([[1, 2], [3, 5], [0, -1]])
        #expect(try ClassicalKernelSpec(name: "poly") == .polynomial(degree: 3, gamma: .scale, coef0: 0))
        #expect(try ClassicalKernelSpec(name: "laplacian") == .laplacian(gamma: .auto))
        let kernel = try ClassicalKernelSpec(name: "rbf", gamma: .value(0.2)).makeKernel(fittedTo: x)
        #expect(try kernel.gram(x) == RBFKernel(gamma: 0.2).gram(x))
        #expect(kernel.description == "rbf(gamma=0.2)")
        let scale = KernelGamma.scale.resolved(for: x)
        #expect(ClassicalKernelSpec.rbf(gamma: .scale).resolved(for: x) == .rbf(gamma: .value(scale)))
    }

    @Test("Bad parameters are input errors")
    func badParameters() {
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "cubic") }
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "rbf", gamma: .value(-1)) }
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "poly", degree: 0) }
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "matern", nu: 0) }
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "arccos", order: 3) }
        #expect(throws: InputError.self) { try ClassicalKernelSpec(name: "ntk", depth: -1) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ClassicalKernelSpec.self, from: Data(#"{"kernel":"rbf","gamma":"wide"}"#.utf8))
        }
    }
}
