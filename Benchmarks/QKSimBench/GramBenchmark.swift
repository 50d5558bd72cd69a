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
