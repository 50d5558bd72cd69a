import Foundation
import Kernels
import Learning
import LinearAlgebra
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

func ansatzFamily(_ name: String) throws -> Ansatz.Family {
    try #require(Ansatz.Family(rawValue: name))
}

@Test func ansatzStatesMatchQiskit() throws {
    for ref in VQCQiskitReference.ansatzCases {
        let ansatz = try Ansatz(
            ansatzFamily(ref.family), qubits: ref.qubits, reps: ref.reps, entanglement: Entanglement(parsing: ref.entanglement))
        let label = "\(ref.family) n=\(ref.qubits) reps=\(ref.reps) \(ref.entanglement)"
        #expect(ansatz.parameterCount == ref.theta.count, "\(label)")
        let circuit = try ansatz.circuit().circuit(theta: ref.theta)
        let state = try Simulator().statevector(circuit)
        let amplitudes = state.interleaved
        let expected = zip(ref.real, ref.imaginary).flatMap { [$0, $1] }
        #expect(maxAbsDifference(amplitudes, expected) < 1e-12, "\(label)")
    }
}

/// A fitted model assembled from its JSON form, the way a model file is read.
func referenceModel(_ ref: ClassifierReference, readout: String) throws -> FittedVariationalClassifier {
    let json = """
        {"kind": "vqc", "version": 1,
         "feature_map": {"map": "zz", "qubits": \(ref.qubits), "reps": 2, "entanglement": "full", "alpha": 2},
         "ansatz": {"family": "\(ref.family)", "qubits": \(ref.qubits), "reps": \(ref.reps), "entanglement": "\(ref.entanglement)"},
         "readout": "\(readout)", "classes": \((0..<ref.classes).map { Double($0) }), "theta": \(ref.theta),
         "training": {"optimizer": "none", "loss": {"name": "cross_entropy"}, "gradient_method": "adjoint", "seed": 0,
                      "iterations": 0, "evaluations": 0, "stop_reason": "maxIterations", "loss_history": [],
                      "final_loss": 0, "initial_theta": []}}
        """
    return try FittedVariationalClassifier.load(from: Data(json.utf8), file: "reference.json")
}

@Test func classProbabilitiesAndCrossEntropyMatchQiskit() throws {
    for ref in VQCQiskitReference.classifierCases {
        let x = Matrix(ref.points)
        for (readout, probabilities, lossLog2) in [
            ("parity", ref.parityProbabilities, ref.parityLossLog2), ("modulo", ref.moduloProbabilities, ref.moduloLossLog2),
        ] {
            let model = try referenceModel(ref, readout: readout)
            let p = try model.predictProbabilities(x)
            #expect(maxAbsDifference(p.scalars, probabilities.flatMap { $0 }) < 1e-12, "\(ref.family) \(readout)")
            // Our cross-entropy uses ln; qiskit-machine-learning's uses log2.
            let loss = ref.labels.indices.reduce(0.0) { $0 + VQCLoss.crossEntropy.evaluate(p.row($1), label: ref.labels[$1]).loss }
            #expect(isClose(loss / Double(ref.labels.count), lossLog2 * log(2), absolute: 1e-12), "\(ref.family) \(readout)")
        }
    }
}

@Test func readoutsAssignBitstringsAsDocumented() throws {
    // Parity: class 0 for even popcount; <Z..Z> = p0 - p1.
    #expect((0..<8).map { ClassReadout.parity.classOf($0, classes: 2) } == [0, 1, 1, 0, 1, 0, 0, 1])
    #expect((0..<8).map { ClassReadout.modulo.classOf($0, classes: 3) } == [0, 1, 2, 0, 1, 2, 0, 1])
    #expect(throws: InputError.self) { try ClassReadout.parity.validate(classes: 4, qubits: 2) }
    #expect(throws: InputError.self) { try ClassReadout.modulo.validate(classes: 5, qubits: 2) }
    try ClassReadout.modulo.validate(classes: 4, qubits: 2)
}

@Test func sigmoidLossIsHavliceksFormulaWithExactDerivatives() throws {
    let shots = 200
    let loss = VQCLoss.sigmoid(shots: shots)
    for (p, y) in [([0.7, 0.3], 0), ([0.2, 0.8], 0), ([0.45, 0.55], 1), ([0.2, 0.5, 0.3], 2), ([0.6, 0.1, 0.3], 0)] {
        let (value, derivative) = loss.evaluate(p, label: y)
        if p.count == 2 {
            // Havlicek et al., Methods: sig(sqrt(R) (1/2 - p_y) / sqrt(2 (1 - p_y) p_y)), bias 0.
            let z = Double(shots).squareRoot() * (0.5 - p[y]) / (2 * (1 - p[y]) * p[y]).squareRoot()
            #expect(isClose(value, 1 / (1 + exp(-z)), absolute: 1e-15))
        }
        let h = 1e-7
        for c in p.indices {
            var up = p, down = p
            up[c] += h
            down[c] -= h
            let fd = (loss.evaluate(up, label: y).loss - loss.evaluate(down, label: y).loss) / (2 * h)
            #expect(isClose(derivative[c], fd, absolute: 1e-6), "p=\(p) c=\(c)")
        }
    }
}

@Test func lossCodableFormIsReadable() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode([VQCLoss.crossEntropy, .sigmoid(shots: 2000)])
    #expect(String(decoding: data, as: UTF8.self) == #"[{"name":"cross_entropy"},{"name":"sigmoid","shots":2000}]"#)
    #expect(try JSONDecoder().decode([VQCLoss].self, from: data) == [.crossEntropy, .sigmoid(shots: 2000)])
}
