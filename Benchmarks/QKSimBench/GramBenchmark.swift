import Kernels
import LinearAlgebra
import QKSupport

/// Gram-matrix time of the exact fidelity kernel for the ZZ map (full entanglement, reps 2) at
/// growing N and qubit counts: simulation of N states plus one ZHERK.
enum GramBenchmark {
    static func run(quick: Bool) throws {
        print("\n## Fidelity-kernel Gram matrix, ZZ map (full, reps 2), \(Parallelism.availableCores) threads")
        print("| qubits | N | seconds | states/s |")
        print("|---:|---:|---:|---:|")
        var rng = SeededGenerator(seed: 1)
        for qubits in quick ? [8] : [8, 10] {
            for n in quick ? [100, 200] : [100, 200, 500, 1000] {
                let x = Matrix(rows: n, columns: qubits, scalars: (0..<(n * qubits)).map { _ in rng.uniform() * Double.pi })
                let kernel = try FidelityKernel(featureMap: .zz(features: qubits, reps: 2, entanglement: .full))
                let t = try medianSeconds { _ = try kernel.gram(x) }
                print("| \(qubits) | \(n) | \(fixed(t, 4)) | \(Int(Double(n) / t)) |")
            }
        }
    }
}

import Simulation
import Dispatch

/// Where the per-point time goes when building a Gram matrix: circuit construction, diagonal
/// fusion, and simulation.
enum PerPointBreakdown {
    static func run() throws {
        let map = try FeatureMap.zz(features: 8, reps: 2, entanglement: .full)
        let x = (0..<8).map { Double($0) * 0.3 }
        let state = try StateVector(qubitCount: 8, parallelism: .serial)
        let sim = Simulator(parallelism: .serial)
        let reps = 2000
        var circuit = try map.circuit(for: x)
        let tBuild = medianSeconds { for _ in 0..<reps { circuit = try! map.circuit(for: x) } } / Double(reps)
        var fused = circuit
        let tFuse = medianSeconds { for _ in 0..<reps { fused = DiagonalFusion.fuse(circuit) } } / Double(reps)
        let tRun = medianSeconds { for _ in 0..<reps { try! sim.run(fused, into: state) } } / Double(reps)
        print("\n## Per point, ZZ full reps 2, 8 qubits (us): build \(fixed(tBuild * 1e6, 1)), fuse \(fixed(tFuse * 1e6, 1)), simulate \(fixed(tRun * 1e6, 1)) (\(fused.operations.count) ops after fusion)")
    }
}
