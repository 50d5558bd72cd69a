import CircuitIR
import Kernels
import LinearAlgebra
import QKSupport
import Simulation

/// Batched simulation (circuits in SIMD lanes through a compiled template) against the
/// per-circuit path: feature-map states per second, the per-circuit and per-gate overhead of
/// re-binding a compiled circuit at 4 qubits, and Gram matrices.
enum BatchBenchmark {
    static func data(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in rng.uniform() * Double.pi })
    }

    /// ZZ map (full, reps 2) states on one thread, each path.
    static func statesPerSecond(quick: Bool) throws {
        print("\n## Feature-map states per second, ZZ map (full, reps 2), 1 thread")
        print("| qubits | per circuit | batched | ratio |")
        print("|---:|---:|---:|---:|")
        for n in quick ? [4, 8] : Array(2...10) {
            let points = n <= 6 ? 4000 : (n <= 8 ? 2000 : 500)
            let x = data(quick ? points / 4 : points, n, seed: UInt64(n))
            let map = try FeatureMap.zz(features: n)
            var rates: [Double] = []
            for mode in [StateBatch.Mode.perCircuit, .batched] {
                let t = try medianSeconds { _ = try StateBatch.simulate(map, data: x, rows: 0..<x.rows, parallelism: .serial, mode: mode) }
                rates.append(Double(x.rows) / t)
            }
            print("| \(n) | \(Int(rates[0])) | \(Int(rates[1])) | \(fixed(rates[1] / rates[0], 2)) |")
        }
    }

    /// A 4-qubit circuit of `layers` x (RY and RZ on every qubit, CX ladder): 11 gates a layer.
    static func layered(layers: Int) throws -> ParameterizedCircuit {
        let n = 4
        var c = try ParameterizedCircuit(qubitCount: n, parameterCount: 2 * n * layers)
        for l in 0..<layers {
            for q in 0..<n {
                try c.appendRotation(.y, on: [q], parameter: 2 * (l * n + q))
                try c.appendRotation(.z, on: [q], parameter: 2 * (l * n + q) + 1)
            }
            for q in 0..<(n - 1) { try c.append(Operation(.unitary(.x), qubits: [q + 1], controls: [.init(qubit: q)], name: "cx")) }
        }
        return c
    }

    /// Fastest of `repeats` runs: the overhead figures are small and the machine is shared, so the
    /// minimum is the stable statistic.
    static func fastestSeconds(repeats: Int = 7, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<repeats { best = min(best, try medianSeconds(repeats: 1, body)) }
        return best
    }

    /// Time per circuit against gate count at 4 qubits, fitted as `a + b * gates`, for: building
    /// and simulating each circuit (today's per-circuit path), re-binding one compiled circuit at a
    /// time, and re-binding 32 at a time in lanes.
    static func overhead(quick: Bool) throws {
        print("\n## Per-circuit overhead at 4 qubits (RY, RZ layers + CX ladder; us per circuit)")
        print("| gates | build + simulate | re-bind 1 | re-bind 32 in lanes |")
        print("|---:|---:|---:|---:|")
        var rng = SeededGenerator(seed: 4)
        var rows: [(gates: Double, times: [Double])] = []
        for layers in quick ? [1, 8] : [1, 2, 4, 8, 16, 32] {
            let circuit = try layered(layers: layers)
            let compiled = try ParameterizedTemplate(circuit)
            let program = BatchProgram(compiled.template)
            let count = quick ? 512 : 4096
            let thetas = (0..<count).map { _ in (0..<circuit.parameterCount).map { _ in rng.uniform() * 6 } }
            let sim = Simulator(parallelism: .serial)
            let state = try StateVector(qubitCount: 4, parallelism: .serial)
            let perCircuit = try fastestSeconds {
                for theta in thetas { try sim.run(circuit.circuit(theta: theta), into: state) }
            } / Double(count)
            var times = [perCircuit]
            for lanes in [1, 32] {
                var batch = try BatchedState(qubitCount: 4, lanes: lanes, maxPhaseQubits: compiled.template.maxPhaseQubits)
                var slots = [Double](repeating: 0, count: compiled.template.slotCount * lanes)
                let t = fastestSeconds {
                    slots.withUnsafeMutableBufferPointer { s in
                        for first in stride(from: 0, to: count, by: lanes) {
                            for b in 0..<lanes { compiled.bind(thetas[first + b], lane: b, lanes: lanes, into: s.baseAddress!) }
                            BatchedSimulator.run(program, slots: UnsafeBufferPointer(s), into: &batch)
                        }
                    }
                } / Double(count)
                times.append(t)
            }
            let gates = Double(compiled.template.gateCount)
            rows.append((gates, times))
            print("| \(Int(gates)) | \(fixed(times[0] * 1e6, 2)) | \(fixed(times[1] * 1e6, 2)) | \(fixed(times[2] * 1e6, 2)) |")
        }
        // Least-squares line through (gates, seconds) for each column.
        let labels = ["build + simulate", "re-bind 1", "re-bind 32 in lanes"]
        for (j, label) in labels.enumerated() {
            let xs = rows.map(\.gates), ys = rows.map { $0.times[j] }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            let slope = sxy / sxx, intercept = my - slope * mx
            print("- \(label): \(fixed(intercept * 1e6, 2)) us per circuit + \(fixed(slope * 1e9, 1)) ns per gate")
        }
    }

    /// Gram matrices of the ZZ map (full, reps 2), all threads, each simulation path.
    static func gram(quick: Bool) throws {
        print("\n## Gram matrix, ZZ map (full, reps 2), \(Parallelism.availableCores) threads (seconds)")
        print("| qubits | N | per circuit | batched | ratio |")
        print("|---:|---:|---:|---:|---:|")
        for n in quick ? [4, 8] : [4, 8, 12] {
            for points in quick ? [100, 400] : [100, 500, 800, 1000, 2000] {
                let x = data(points, n, seed: UInt64(points + n))
                var kernel = try FidelityKernel(featureMap: .zz(features: n))
                var times: [Double] = []
                for mode in [StateBatch.Mode.perCircuit, .batched] {
                    kernel.simulationMode = mode
                    times.append(try medianSeconds { _ = try kernel.gram(x) })
                }
                print("| \(n) | \(points) | \(fixed(times[0], 4)) | \(fixed(times[1], 4)) | \(fixed(times[0] / times[1], 2)) |")
            }
        }
    }
}
