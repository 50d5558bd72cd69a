import LinearAlgebra
import Numerics
import QKSupport

/// Trains a `TrainableFeatureMap` by maximising the centered kernel-target alignment of its
/// fidelity kernel on labelled data (Hubregtsen et al. 2022; Glick et al. 2024).
///
/// Two optimisers: SPSA with Spall's gain sequences and Qiskit's calibration of the step size,
/// and Adam on a central finite-difference gradient (2P kernel evaluations per step for P
/// parameters). Both are seeded and record the alignment at every iteration.
public struct KernelTrainer: Sendable {
    /// The optimiser.
    public enum Method: Sendable, Hashable {
        /// Simultaneous perturbation stochastic approximation, two kernel evaluations per step.
        case spsa
        /// Adam on central finite differences with this learning rate.
        case adam(learningRate: Double)
    }

    /// The result of training.
    public struct Result: Sendable {
        /// The trained parameters.
        public var theta: [Double]
        /// Centered alignment at the initial parameters.
        public var alignmentBefore: Double
        /// Centered alignment at the trained parameters.
        public var alignmentAfter: Double
        /// Alignment after each iteration.
        public var history: [Double]
    }

    /// The optimiser.
    public var method: Method
    /// Number of iterations.
    public var iterations: Int
    /// Seed for SPSA perturbations (and nothing else: the exact kernel is deterministic).
    public var seed: UInt64
    /// SPSA: the size of the first step in each parameter, which calibrates the gain `a`.
    public var firstStep: Double
    /// Threads for simulating points.
    public var parallelism: Parallelism

    /// Creates a trainer.
    public init(
        method: Method = .spsa, iterations: Int = 50, seed: UInt64 = 0, firstStep: Double = 0.3,
        parallelism: Parallelism = Parallelism()
    ) throws {
        guard firstStep > 0 else { throw KernelError.invalidParameter("the first SPSA step must be positive") }
        self.firstStep = firstStep
        guard iterations >= 1 else { throw KernelError.invalidParameter("iterations must be at least 1") }
        if case .adam(let lr) = method, !(lr > 0) { throw KernelError.invalidParameter("learning rate must be positive") }
        self.method = method
        self.iterations = iterations
        self.seed = seed
        self.parallelism = parallelism
    }

    /// Maximises the centered alignment over `theta`, starting from `initial`.
    /// Labels are mapped to +1 (the larger class value) and -1.
    public func fit(_ map: TrainableFeatureMap, data x: Matrix, labels: [Double], initial: [Double]) throws -> Result {
        let classes = Array(Set(labels)).sorted()
        guard classes.count == 2 else {
            throw KernelError.invalidParameter("kernel training needs exactly two classes, found \(classes.count)")
        }
        let y = labels.map { $0 == classes[1] ? 1.0 : -1.0 }
        let objective = { (theta: [Double]) throws -> Double in
            let k = try FidelityKernel(featureMap: map.featureMap(theta: theta), parallelism: parallelism).gram(x)
            return try KernelDiagnostics.alignment(k, labels: y, centered: true)
        }
        var theta = initial
        let before = try objective(theta)
        var history: [Double] = []
        switch method {
        case .spsa:
            var rng = SeededGenerator(seed: seed)
            let alpha = 0.602, gamma = 0.101, c = 0.2
            let stability = 0.1 * Double(iterations)
            func perturbation() -> [Double] { theta.map { _ in rng.next() & 1 == 0 ? -1.0 : 1.0 } }
            // Qiskit's calibration, scaled: the first step should move each angle by about
            // `firstStep` (Qiskit's 2 pi / 10 overshoots the narrow ridges of alignment landscapes).
            var magnitude = 0.0
            let samples = 4
            for _ in 0..<samples {
                let delta = perturbation()
                let plus = try objective(zip(theta, delta).map { $0 + c * $1 })
                let minus = try objective(zip(theta, delta).map { $0 - c * $1 })
                magnitude += abs(plus - minus) / (2 * c)
            }
            magnitude /= Double(samples)
            let a = magnitude > 0 ? firstStep * Double.pow(stability + 1, alpha) / magnitude : 0.1
            for k in 0..<iterations {
                let ak = a / Double.pow(Double(k) + 1 + stability, alpha)
                let ck = c / Double.pow(Double(k) + 1, gamma)
                let delta = perturbation()
                let plus = try objective(zip(theta, delta).map { $0 + ck * $1 })
                let minus = try objective(zip(theta, delta).map { $0 - ck * $1 })
                let g = (plus - minus) / (2 * ck)
                theta = zip(theta, delta).map { $0 + ak * g * $1 }  // ascent: maximise alignment
                history.append(try objective(theta))
            }
        case .adam(let lr):
            let h = 1e-4, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
            var m = [Double](repeating: 0, count: theta.count), v = m
            for t in 1...iterations {
                var g = [Double](repeating: 0, count: theta.count)
                for p in theta.indices {
                    var up = theta, down = theta
                    up[p] += h
                    down[p] -= h
                    g[p] = (try objective(up) - objective(down)) / (2 * h)
                }
                for p in theta.indices {
                    m[p] = beta1 * m[p] + (1 - beta1) * g[p]
                    v[p] = beta2 * v[p] + (1 - beta2) * g[p] * g[p]
                    let mh = m[p] / (1 - Double.pow(beta1, Double(t))), vh = v[p] / (1 - Double.pow(beta2, Double(t)))
                    theta[p] += lr * mh / (vh.squareRoot() + eps)
                }
                history.append(try objective(theta))
            }
        }
        return Result(theta: theta, alignmentBefore: before, alignmentAfter: history.last ?? before, history: history)
    }
}
