#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// Simultaneous perturbation stochastic approximation (Spall 1992, 1998): a gradient estimate
/// from two evaluations whatever the dimension, robust to noisy objectives.
///
/// At iteration `k = 1, 2, ...` with a random direction `Delta` of independent +-1 entries:
///
///     c_k = c / k^gamma                     a_k = a / (k + A)^alpha
///     g_k = (f(x + c_k Delta) - f(x - c_k Delta)) / (2 c_k) * Delta
///     x_k = x_{k-1} - a_k g_k
///
/// with Spall's exponents `alpha = 0.602`, `gamma = 0.101` and stability constant
/// `A = 0.1 * maxIterations` (his rule of thumb). When `a` is not given it is calibrated as in
/// Qiskit's `SPSA.calibrate`: the mean of `|f(x0 + c Delta) - f(x0 - c Delta)| / 2c` over 25
/// random directions estimates the gradient magnitude `|g|`, and `a` is chosen so that the first
/// step moves each coordinate by `targetStep` (Qiskit's default 2 pi / 10):
/// `a = targetStep (1 + A)^alpha / |g|`. Qiskit uses `A = 0`, where the factor is 1.
///
/// Both probes of an iteration use the same batch (`k - 1`), so their difference measures the
/// parameters' effect, not the batch's. The history records the mean of the two probes, Qiskit's
/// estimate of `f(x_{k-1})`; no extra evaluation is spent on it. Seeded: the same seed gives the
/// same directions and hence the same history.
public struct SPSA: Optimizer {
    /// The iteration budget.
    public var maxIterations: Int
    /// The gain `a`; `nil` calibrates it from `targetStep`.
    public var learningRate: Double?
    /// Size of the first step in each coordinate, when `a` is calibrated.
    public var targetStep: Double
    /// The perturbation `c`.
    public var perturbation: Double
    /// Exponent of the step sequence.
    public var alpha: Double
    /// Exponent of the perturbation sequence.
    public var gamma: Double
    /// The stability constant `A`; `nil` means `0.1 * maxIterations`.
    public var stabilityConstant: Double?
    /// Gradient estimates averaged per iteration (2 evaluations each).
    public var resamplings: Int
    /// Stop when a step is shorter than this (Euclidean norm; 0 disables the test).
    public var tolerance: Double
    /// Seed of the random directions.
    public var seed: UInt64

    /// Number of directions the calibration averages over (Qiskit's value).
    public static let calibrationSteps = 25

    /// Creates SPSA with Spall's gains and Qiskit's calibration.
    public init(
        maxIterations: Int = 100, learningRate: Double? = nil, targetStep: Double = 2 * Double.pi / 10,
        perturbation: Double = 0.2, alpha: Double = 0.602, gamma: Double = 0.101, stabilityConstant: Double? = nil,
        resamplings: Int = 1, tolerance: Double = 0, seed: UInt64 = 0
    ) throws {
        guard maxIterations >= 1 else {
            throw OptimizationError.invalidParameter("maxIterations must be at least 1, got \(maxIterations)")
        }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw OptimizationError.invalidParameter("SPSA's learning rate a must be positive, got \(learningRate)")
        }
        guard targetStep > 0, perturbation > 0, alpha > 0, gamma > 0 else {
            throw OptimizationError.invalidParameter("SPSA's target step, perturbation, alpha and gamma must be positive")
        }
        if let stabilityConstant, !(stabilityConstant >= 0) {
            throw OptimizationError.invalidParameter("SPSA's stability constant must be non-negative")
        }
        guard resamplings >= 1 else { throw OptimizationError.invalidParameter("resamplings must be at least 1") }
        guard tolerance >= 0 else { throw OptimizationError.invalidParameter("the tolerance must be non-negative") }
        self.maxIterations = maxIterations
        self.learningRate = learningRate
        self.targetStep = targetStep
        self.perturbation = perturbation
        self.alpha = alpha
        self.gamma = gamma
        self.stabilityConstant = stabilityConstant
        self.resamplings = resamplings
        self.tolerance = tolerance
        self.seed = seed
    }

    /// `"spsa"`.
    public var name: String { "spsa" }
    /// SPSA uses values only.
    public var usesGradient: Bool { false }
    /// SPSA works on mini-batches and noisy objectives.
    public var acceptsStochasticObjective: Bool { true }

    /// The stability constant in use.
    public var resolvedStabilityConstant: Double { stabilityConstant ?? 0.1 * Double(maxIterations) }

    /// The gain `a` for `objective` at `x0`: `learningRate` if set, else calibrated. Uses the
    /// generator so that calibration and iterations draw one reproducible stream.
    func gain(_ objective: Objective, _ x0: [Double], rng: inout SeededGenerator, evaluations: inout Int) throws -> Double {
        if let learningRate { return learningRate }
        var magnitude = 0.0
        for _ in 0..<Self.calibrationSteps {
            let delta = Self.direction(x0.count, &rng)
            let plus = try objective.value(at: Self.shift(x0, delta, perturbation), batch: 0)
            let minus = try objective.value(at: Self.shift(x0, delta, -perturbation), batch: 0)
            evaluations += 2
            magnitude += abs(plus - minus) / (2 * perturbation)
        }
        magnitude /= Double(Self.calibrationSteps)
        // A flat start gives no scale: fall back to the target itself, as Qiskit does.
        let a = magnitude * 1e10 > targetStep ? targetStep / magnitude : targetStep
        return a * pow(1 + resolvedStabilityConstant, alpha)
    }

    /// Runs SPSA from `x0`.
    public func minimize(
        _ objective: Objective, from x0: [Double], callback: ((IterationRecord) -> Void)?
    ) throws -> OptimizationResult {
        try validateStart(objective, x0)
        var rng = SeededGenerator(seed: seed)
        var evaluations = 0
        let a = try gain(objective, x0, rng: &rng, evaluations: &evaluations)
        let stability = resolvedStabilityConstant
        var x = x0
        var history: [IterationRecord] = []
        var stop = OptimizationResult.StopReason.maxIterations
        for k in 1...maxIterations {
            let ak = a / pow(Double(k) + stability, alpha)
            let ck = perturbation / pow(Double(k), gamma)
            var g = [Double](repeating: 0, count: x.count)
            var estimate = 0.0
            for _ in 0..<resamplings {
                let delta = Self.direction(x.count, &rng)
                let plus = try objective.value(at: Self.shift(x, delta, ck), batch: k - 1)
                let minus = try objective.value(at: Self.shift(x, delta, -ck), batch: k - 1)
                evaluations += 2
                let slope = (plus - minus) / (2 * ck) / Double(resamplings)
                for i in g.indices { g[i] += slope * delta[i] }
                estimate += (plus + minus) / 2 / Double(resamplings)
            }
            var stepSquared = 0.0
            for i in x.indices {
                x[i] -= ak * g[i]
                stepSquared += ak * g[i] * ak * g[i]
            }
            let record = IterationRecord(
                iteration: k, loss: estimate, parameters: x, gradientNorm: norm(g), evaluations: evaluations)
            history.append(record)
            callback?(record)
            if stepSquared.squareRoot() < tolerance {
                stop = .converged
                break
            }
        }
        return OptimizationResult(
            parameters: x, value: history.last?.loss ?? .nan, history: history, evaluations: evaluations,
            stopReason: stop)
    }

    static func direction(_ n: Int, _ rng: inout SeededGenerator) -> [Double] {
        (0..<n).map { _ in rng.next() & 1 == 0 ? -1.0 : 1.0 }
    }

    static func shift(_ x: [Double], _ delta: [Double], _ c: Double) -> [Double] {
        zip(x, delta).map { $0 + c * $1 }
    }
}
