import Dispatch
import Kernels
import Learning
import LinearAlgebra
import Optimization
import QKSupport
import Simulation

/// The variational classifier's two studies (docs/vqc.md):
/// 1. Test accuracy on Havlicek's ad hoc data vs the depth `l` of W(theta) (0...4), averaged over
///    seeds, for each optimizer and loss (the table of Havlicek et al., Fig. 3).
/// 2. Time of one training iteration (loss and gradient over a batch) vs the number of
///    parameters, adjoint vs parameter shift: on one fixed circuit whose trainable share grows
///    (adjoint nearly flat, parameter shift linear), and through the classifier as EfficientSU2
///    grows deeper (both grow with the circuit; the ratio to a forward pass is what stays flat).
enum VQCBenchmark {
    static func run(quick: Bool) throws {
        try accuracyVersusLayers(seeds: quick ? 3 : 10, quick: quick)
        try fixedCircuitTiming(quick: quick)
        try classifierTiming(quick: quick)
    }

    /// Accuracy vs layers on ad hoc data (2 qubits, gap 0.3, 20 + 10 points per class).
    static func accuracyVersusLayers(seeds: Int, quick: Bool) throws {
        typealias Setting = (name: String, loss: VQCLoss, make: (UInt64) throws -> any Optimizer)
        var settings: [Setting] = [("BFGS, cross-entropy", .crossEntropy, { _ in try BFGS(maxIterations: 100) })]
        if !quick {
            settings += [
                ("Adam 0.1 x 150, cross-entropy", .crossEntropy, { _ in try Adam(learningRate: 0.1, maxIterations: 150) }),
                ("SPSA 200, cross-entropy", .crossEntropy, { try SPSA(maxIterations: 200, seed: $0) }),
                ("Nelder-Mead 400, cross-entropy", .crossEntropy, { _ in try NelderMead(maxIterations: 400) }),
                ("Adam 0.1 x 100, sigmoid R=2000", .sigmoid(shots: 2000), { _ in try Adam(learningRate: 0.1, maxIterations: 100) }),
                ("SPSA 250, sigmoid R=2000", .sigmoid(shots: 2000), { try SPSA(maxIterations: 250, seed: $0) }),
            ]
        }
        print("\n## VQC test accuracy vs layers l, ad hoc data (2 qubits, gap 0.3), ZZ map, Havlicek W(theta), \(seeds) seeds")
        print("| optimizer, loss | " + (0...4).map { "l = \($0)" }.joined(separator: " | ") + " | seconds |")
        print("|---|" + String(repeating: "---:|", count: 6))
        for s in settings {
            var cells: [String] = []
            let start = DispatchTime.now().uptimeNanoseconds
            for layers in 0...4 {
                var accuracies: [Double] = []
                for seed in 0..<UInt64(seeds) {
                    let data = try AdHocData.generate(qubits: 2, trainPerClass: 20, testPerClass: 10, gap: 0.3, seed: seed)
                    let vqc = VariationalClassifier(
                        featureMap: .zz(qubits: 2), ansatz: try Ansatz(.havlicek, qubits: 2, reps: layers),
                        optimizer: try s.make(seed), loss: s.loss, seed: seed)
                    let model = try vqc.fit(x: data.trainFeatures, y: data.trainLabels)
                    accuracies.append(try model.score(data.testFeatures, data.testLabels))
                }
                let mean = accuracies.reduce(0, +) / Double(accuracies.count)
                cells.append("\(fixed(mean, 3)) (min \(fixed(accuracies.min()!, 2)))")
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("| \(s.name) | " + cells.joined(separator: " | ") + " | \(fixed(seconds, 1)) |")
        }
    }

    /// EfficientSU2 with its `g` rotations; the first `p` trainable, the rest frozen at constants.
    static func fixedCircuitTiming(quick: Bool) throws {
        let n = quick ? 6 : 10
        let template = try Ansatz(.efficientSU2, qubits: n, reps: 120 / (2 * n) - 1, entanglement: .reverseLinear).circuit()
        let g = template.trainableGateIndices.count
        print("\n## Gradient of <Z...Z> on one fixed circuit (EfficientSU2, \(n) qubits, \(g) rotations), first P rotations trainable")
        print("| P | forward ms | adjoint ms | parameter-shift ms | adjoint / forward | shift / forward |")
        print("|---:|---:|---:|---:|---:|---:|")
        for p in [1, 8, 30, 60, 120] where p <= g {
            var c = try ParameterizedCircuit(qubitCount: n, parameterCount: p)
            var rng = SeededGenerator(seed: 1)
            var k = 0
            for gate in template.gates {
                switch gate {
                case .fixed(let op): try c.append(op)
                case .rotation(let r):
                    if k < p {
                        try c.appendRotation(r.axis, on: r.qubits, parameter: k)
                    } else {
                        try c.appendRotation(r.axis, on: r.qubits, terms: [], constant: rng.uniform())
                    }
                    k += 1
                }
            }
            let theta = (0..<p).map { _ in rng.uniform() * 6 }
            let o = Observable.parity(qubits: n)
            let forward = try medianSeconds {
                let s = try StateVector(qubitCount: n)
                for op in try c.circuit(theta: theta).operations { try s.apply(op) }
                _ = try o.expectation(in: s)
            }
            let adjoint = try medianSeconds { _ = try AdjointDifferentiator().gradient(of: c, at: theta, observable: o) }
            let shift = try medianSeconds(repeats: p > 30 ? 1 : 3) {
                _ = try ParameterShift().gradient(of: c, at: theta, observable: o)
            }
            print(
                "| \(p) | \(fixed(forward * 1e3, 3)) | \(fixed(adjoint * 1e3, 3)) | \(fixed(shift * 1e3, 2)) | "
                    + "\(fixed(adjoint / forward, 1)) | \(fixed(shift / forward, 1)) |")
        }
    }

    /// One training iteration of the classifier (loss + gradient over 16 points) as EfficientSU2 deepens.
    static func classifierTiming(quick: Bool) throws {
        let n = 6, points = 16
        print("\n## One VQC training iteration (\(points) points, \(n) qubits, ZZ map + EfficientSU2), \(Parallelism.availableCores) threads")
        print("| reps | P | loss only ms | adjoint ms | parameter-shift ms | adjoint / loss | shift / loss |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        var rng = SeededGenerator(seed: 2)
        let x = Matrix(rows: points, columns: n, scalars: (0..<(points * n)).map { _ in rng.uniform() * 6 })
        let y = (0..<points).map { Double($0 % 2) }
        for reps in quick ? [1, 4] : [1, 2, 4, 8, 16] {
            let ansatz = try Ansatz(.efficientSU2, qubits: n, reps: reps, entanglement: .reverseLinear)
            func objective(_ method: VariationalClassifier.GradientMethod) throws -> (Objective, [Double]) {
                try VariationalClassifier(
                    featureMap: .zz(qubits: n, entanglement: .linear), ansatz: ansatz, optimizer: try Adam(),
                    gradientMethod: method
                ).objective(x: x, y: y)
            }
            let (adjoint, theta) = try objective(.adjoint)
            let (shift, _) = try objective(.parameterShift)
            let value = try medianSeconds { _ = try adjoint.value(at: theta) }
            let a = try medianSeconds { _ = try adjoint.valueAndGradient(at: theta) }
            let s = try medianSeconds(repeats: reps > 4 ? 1 : 3) { _ = try shift.valueAndGradient(at: theta) }
            print(
                "| \(reps) | \(ansatz.parameterCount) | \(fixed(value * 1e3, 2)) | \(fixed(a * 1e3, 2)) | \(fixed(s * 1e3, 1)) | "
                    + "\(fixed(a / value, 1)) | \(fixed(s / value, 1)) |")
        }
    }
}
