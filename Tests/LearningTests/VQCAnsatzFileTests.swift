import Foundation
import Kernels
import Learning
import Optimization
import QKSupport
import Testing
import _TestSupport

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A 2-qubit ansatz with nested definitions, a repeated and scaled parameter, nonlinear angles,
/// `inv @`, `rzz` and a `u3` whose angles are products of parameters.
private let nestedSource = """
    OPENQASM 3.0;
    include "stdgates.inc";
    include "qelib1.inc";
    input float[64] theta0;
    input float[64] theta1;
    input float[64] theta2;
    qubit[2] q;
    gate layer(a, b) u, v {
      ry(2 * a) u;
      rz(b - a) v;
      rzz(b) u, v;
    }
    gate wrap(c) u {
      rx(sin(c)) u;
      inv @ rz(exp(c) / 3) u;
    }
    layer(theta0, theta1) q[0], q[1];
    cx q[0], q[1];
    wrap(theta2) q[1];
    u3(theta2, theta0 * theta1, 0.3) q[0];
    layer(theta2, 0.5 * theta0) q[1], q[0];
    """

@Test func fileAnsatzLossGradientsAgreeAcrossMethods() throws {
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 5, testPerClass: 0, gap: 0.3, seed: 3)
    let ansatz = try Ansatz(file: "nested.qasm", source: nestedSource)
    #expect(ansatz.family == .file && ansatz.parameterCount == 3 && ansatz.qubits == 2)
    func objective(_ method: VariationalClassifier.GradientMethod) throws -> (Objective, [Double]) {
        let vqc = VariationalClassifier(featureMap: .zz(qubits: 2), ansatz: ansatz, optimizer: try Adam(), gradientMethod: method, seed: 11)
        return try vqc.objective(x: data.trainFeatures, y: data.trainLabels)
    }
    let (adjoint, start) = try objective(.adjoint)
    let (shift, _) = try objective(.parameterShift)
    for trial in 0..<3 {
        let theta = start.map { $0 + 0.3 * Double(trial) }
        let a = try adjoint.valueAndGradient(at: theta)
        let s = try shift.valueAndGradient(at: theta)
        // Finite differences of the objective itself, which rebuilds the circuit from the file.
        let fd = try adjoint.withFiniteDifferenceGradient(step: 1e-5).valueAndGradient(at: theta)
        #expect(isClose(a.value, s.value, absolute: 1e-13))
        #expect(maxAbsDifference(a.gradient, s.gradient) < 1e-10)
        #expect(maxAbsDifference(a.gradient, fd.gradient) < 1e-8, "adjoint \(a.gradient) fd \(fd.gradient)")
        #expect(a.gradient.contains { abs($0) > 1e-3 })
    }
}

@Test func havlicekAsAFileTrainsLikeTheBuiltIn() throws {
    let path = repository + "/circuits/vqc_ansatz.qasm"
    let file = try Ansatz(contentsOf: path)
    let builtIn = try Ansatz(.havlicek, qubits: 2, reps: 1)
    #expect(file.parameterCount == builtIn.parameterCount)
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 8, testPerClass: 4, gap: 0.3, seed: 6)
    func train(_ ansatz: Ansatz) throws -> FittedVariationalClassifier {
        try VariationalClassifier(
            featureMap: .zz(qubits: 2), ansatz: ansatz, optimizer: try Adam(learningRate: 0.1, maxIterations: 25), seed: 4
        ).fit(x: data.trainFeatures, y: data.trainLabels)
    }
    let a = try train(file), b = try train(builtIn)
    #expect(maxAbsDifference(a.theta, b.theta) < 1e-12)
    #expect(maxAbsDifference(a.lossHistory, b.lossHistory) < 1e-12)
    #expect(a.lossHistory.last! < a.lossHistory.first!)
    #expect(try a.predict(data.testFeatures) == b.predict(data.testFeatures))

    // The model file keeps the circuit text and predicts the same after a round trip.
    let json = try a.jsonData()
    let loaded = try FittedVariationalClassifier.load(from: json)
    #expect(loaded.ansatz.file?.source == file.file?.source)
    #expect(try loaded.predictProbabilities(data.testFeatures).scalars == a.predictProbabilities(data.testFeatures).scalars)
}

@Test func badAnsatzFilesAreInputErrors() throws {
    func source(_ inputs: [String], _ body: String) -> String {
        "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + inputs.map { "input float[64] \($0);\n" }.joined() + "qubit[2] q;\n" + body
    }
    func message(_ make: () throws -> Void) -> String {
        do {
            try make()
            return "no error"
        } catch {
            return "\(error)"
        }
    }
    let missing = message { _ = try Ansatz(file: "gap.qasm", source: source(["theta0", "theta2"], "ry(theta0) q[0];\nry(theta2) q[1];\n")) }
    #expect(missing.contains("gap.qasm") && missing.contains("theta1 is missing"), "\(missing)")
    let extra = message { _ = try Ansatz(file: "extra.qasm", source: source(["theta0", "x0"], "ry(theta0 * x0) q[0];\n")) }
    #expect(extra.contains("extra.qasm") && extra.contains("'x0'"), "\(extra)")
    let none = message { _ = try Ansatz(file: "none.qasm", source: source([], "h q[0];\n")) }
    #expect(none.contains("no 'input float[64] theta0;'"), "\(none)")

    // A parameter entering a non-rotation: refused when training, naming file, line and gate.
    let ansatz = try Ansatz(file: "cry.qasm", source: source(["theta0"], "h q[0];\ncry(theta0) q[0], q[1];\n"))
    let data = try AdHocData.generate(qubits: 2, trainPerClass: 3, testPerClass: 0, gap: 0.3, seed: 1)
    let cry = message {
        _ = try VariationalClassifier(featureMap: .zz(qubits: 2), ansatz: ansatz, optimizer: try Adam(maxIterations: 2))
            .fit(x: data.trainFeatures, y: data.trainLabels)
    }
    #expect(cry.hasPrefix("cry.qasm:6:") && cry.contains("'cry'"), "\(cry)")

    // Qubit count must match the feature map.
    let three = try Ansatz(file: "three.qasm", source: source(["theta0"], "ry(theta0) q[0];\n").replacingOccurrences(of: "qubit[2]", with: "qubit[3]"))
    let mismatch = message {
        _ = try VariationalClassifier(featureMap: .zz(qubits: 2), ansatz: three, optimizer: try Adam(maxIterations: 2))
            .fit(x: data.trainFeatures, y: data.trainLabels)
    }
    #expect(mismatch.contains("qubits"), "\(mismatch)")
}
