import Optimization
import Testing
import _TestSupport

/// Rosenbrock's banana, `(1 - x)^2 + 100 (y - x^2)^2`: minimum 0 at (1, 1) at the end of a
/// long curved valley, the classic hard case for descent methods.
var rosenbrock: Objective {
    Objective(
    dimension: 2,
    valueAndGradient: { x in
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
    },
    value: { x in
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        return a * a + 100 * b * b
    })
}

/// An anisotropic quadratic `sum_i w_i (x_i - c_i)^2` with minimum 0 at `c`.
func quadratic(center c: [Double], weights w: [Double]) -> Objective {
    Objective(
        dimension: c.count,
        valueAndGradient: { x in
            (zip(zip(x, c), w).reduce(0) { $0 + $1.1 * ($1.0.0 - $1.0.1) * ($1.0.0 - $1.0.1) },
             x.indices.map { 2 * w[$0] * (x[$0] - c[$0]) })
        },
        value: { x in zip(zip(x, c), w).reduce(0) { $0 + $1.1 * ($1.0.0 - $1.0.1) * ($1.0.0 - $1.0.1) } })
}

@Test func bfgsFindsRosenbrockMinimum() throws {
    let result = try BFGS(maxIterations: 200, tolerance: 1e-10).minimize(rosenbrock, from: [-1.2, 1])
    #expect(maxAbsDifference(result.parameters, [1, 1]) < 1e-6)
    #expect(result.value < 1e-12)
    #expect(result.stopReason != .maxIterations)
    // The history is a record of the iterates: the last entry is the result.
    #expect(result.history.last?.parameters == result.parameters)
    #expect(result.history.last?.loss == result.value)
}

@Test func nelderMeadFindsRosenbrockMinimum() throws {
    let result = try NelderMead(maxIterations: 2000, tolerance: 1e-10, initialStep: 0.5).minimize(rosenbrock, from: [-1.2, 1])
    #expect(result.stopReason == .converged)
    #expect(maxAbsDifference(result.parameters, [1, 1]) < 1e-6)
    // Nelder-Mead's best vertex never gets worse.
    let losses = result.lossHistory
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 })
}

@Test func adamFindsRosenbrockMinimum() throws {
    let result = try Adam(learningRate: 0.02, maxIterations: 8000).minimize(rosenbrock, from: [-1.2, 1])
    #expect(maxAbsDifference(result.parameters, [1, 1]) < 1e-3)
    #expect(result.iterations == 8000)
}

@Test func adamFindsQuadraticMinimum() throws {
    let center = [0.3, -1.7, 2.5, 0]
    let f = quadratic(center: center, weights: [1, 10, 0.1, 3])
    let result = try Adam(learningRate: 0.05, maxIterations: 5000, tolerance: 1e-12).minimize(f, from: [0, 0, 0, 1])
    #expect(maxAbsDifference(result.parameters, center) < 1e-4)
}

@Test func spsaFindsQuadraticMinimum() throws {
    let center = [0.5, -0.25, 1.0]
    let f = quadratic(center: center, weights: [1, 2, 0.5])
    let result = try SPSA(maxIterations: 2000, seed: 7).minimize(f, from: [0, 0, 0])
    #expect(maxAbsDifference(result.parameters, center) < 1e-2)
    #expect(try f.value(at: result.parameters) < 1e-4)
}

@Test func spsaFindsRosenbrockMinimum() throws {
    // The banana valley is SPSA's worst case: many small steps along a curved floor.
    let spsa = try SPSA(maxIterations: 50000, targetStep: 0.2, perturbation: 0.1, seed: 3)
    let result = try spsa.minimize(rosenbrock, from: [-1.2, 1])
    #expect(maxAbsDifference(result.parameters, [1, 1]) < 0.01)
}

@Test func spsaCalibrationGivesTheTargetFirstStep() throws {
    // On a linear function |f(x + c D) - f(x - c D)| / 2c = |sum_i w_i D_i| varies with D, but with
    // a single variable it is exactly |w|, so the first step is exactly the target.
    let f = Objective(dimension: 1) { x in 4 * x[0] }
    let spsa = try SPSA(maxIterations: 1, targetStep: 0.3, seed: 1)
    let result = try spsa.minimize(f, from: [0])
    #expect(isClose(result.parameters[0], -0.3, absolute: 1e-12))
    #expect(result.evaluations == 2 * SPSA.calibrationSteps + 2)
}

@Test func sameSeedSameHistory() throws {
    let f = quadratic(center: [1, 2], weights: [1, 1])
    let a = try SPSA(maxIterations: 50, seed: 42).minimize(f, from: [0, 0])
    let b = try SPSA(maxIterations: 50, seed: 42).minimize(f, from: [0, 0])
    let c = try SPSA(maxIterations: 50, seed: 43).minimize(f, from: [0, 0])
    #expect(a.history == b.history)
    #expect(a.history != c.history)
    for optimizer in [try Adam(maxIterations: 30) as any Optimizer, try BFGS(), try NelderMead()] {
        let first = try optimizer.minimize(rosenbrock, from: [-1.2, 1])
        let second = try optimizer.minimize(rosenbrock, from: [-1.2, 1])
        #expect(first.history == second.history, "\(optimizer.name)")
    }
}

@Test func callbackSeesEveryIteration() throws {
    var seen: [Int] = []
    let result = try Adam(maxIterations: 12).minimize(rosenbrock, from: [0, 0]) { seen.append($0.iteration) }
    #expect(seen == Array(1...12))
    #expect(result.history.map(\.iteration) == seen)
}

@Test func stochasticOptimizersPassTheIterationAsBatch() throws {
    var batches: [Int] = []
    let f = Objective(
        dimension: 1, batchedValue: { x, b in batches.append(b); return x[0] * x[0] },
        batchedValueAndGradient: { x, b in batches.append(b); return (x[0] * x[0], [2 * x[0]]) })
    _ = try Adam(maxIterations: 3).minimize(f, from: [1])
    #expect(batches == [0, 1, 2])
    batches = []
    _ = try SPSA(maxIterations: 2, learningRate: 0.1).minimize(f, from: [1])
    #expect(batches == [0, 0, 1, 1])
}

@Test func finiteDifferenceGradientMatchesAnalytic() throws {
    let fd = rosenbrock.withFiniteDifferenceGradient(step: 1e-6)
    let exact = try rosenbrock.valueAndGradient(at: [0.3, -0.4])
    let approx = try fd.valueAndGradient(at: [0.3, -0.4])
    #expect(maxAbsDifference(exact.gradient, approx.gradient) < 1e-6)
}

struct Boom: Error {}

@Test func errorsInTheObjectiveReachTheCaller() throws {
    var calls = 0
    let failing = Objective(
        dimension: 2,
        valueAndGradient: { x in
            calls += 1
            if calls > 3 { throw Boom() }
            return (x[0] * x[0] + x[1] * x[1], [2 * x[0], 2 * x[1]])
        },
        value: { x in
            calls += 1
            if calls > 3 { throw Boom() }
            return x[0] * x[0] + x[1] * x[1]
        })
    #expect(throws: Boom.self) { try BFGS().minimize(failing, from: [1, 1]) }
    calls = 0
    #expect(throws: Boom.self) { try NelderMead().minimize(failing, from: [1, 1]) }
}

@Test func invalidSettingsAreRejected() throws {
    #expect(throws: OptimizationError.self) { try Adam(learningRate: 0) }
    #expect(throws: OptimizationError.self) { try SPSA(maxIterations: 0) }
    #expect(throws: OptimizationError.self) { try BFGS(lineSearchTolerance: 1) }
    #expect(throws: OptimizationError.self) { try NelderMead(initialStep: -1) }
    let noGradient = Objective(dimension: 1) { x in x[0] * x[0] }
    #expect(throws: OptimizationError.gradientUnavailable) { try BFGS().minimize(noGradient, from: [1]) }
    #expect(throws: OptimizationError.self) { try NelderMead().minimize(noGradient, from: [1, 2]) }
}
