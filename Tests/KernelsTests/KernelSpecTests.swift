import Foundation
import Kernels
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct KernelSpecTests {
    static let specs: [KernelSpec] = [
        .classical(.rbf(gamma: .value(0.5))),
        .fidelity(FeatureMapSpec(map: "zz", qubits: 2, reps: 2, entanglement: .linear), shots: nil, seed: 0),
        .fidelity(FeatureMapSpec(map: "pauli", qubits: 3, reps: 1, entanglement: .explicit([[0, 2], [1, 2]]), alpha: 1.5, paulis: ["Z", "YY"]), shots: 100, seed: 4),
        .projected(FeatureMapSpec(map: "iqp", qubits: 2, reps: 1, bandwidth: 0.5), gamma: 0.3),
    ]

    @Test(arguments: 0..<specs.count)
    func roundTripsThroughJSON(index: Int) throws {
        let spec = Self.specs[index]
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(KernelSpec.self, from: data) == spec, "\(String(decoding: data, as: UTF8.self))")
    }

    @Test func builtKernelsMatchDirectConstruction() throws {
        let x = Matrix([[0.1, 0.9], [1.2, 0.4], [2.0, 2.5]])
        let viaSpec = try Self.specs[1].makeKernel(fittedTo: x).gram(x)
        let direct = try FidelityKernel(featureMap: .zz(features: 2, reps: 2, entanglement: .linear)).gram(x)
        #expect(maxAbsDifference(viaSpec.scalars, direct.scalars) < 1e-15)
        #expect(throws: KernelError.self) { try KernelSpec.fidelity(FeatureMapSpec(map: "pauli", qubits: 2), shots: nil, seed: 0).makeKernel(fittedTo: x) }
        #expect(throws: KernelError.self) { try KernelSpec.fidelity(FeatureMapSpec(map: "nope", qubits: 2), shots: nil, seed: 0).makeKernel(fittedTo: x) }
    }
}
