import COpenBLAS
import Kernels
import LinearAlgebra
import QKSupport

/// How close the Gram product gets to the machine's BLAS peak: the ZHERK of N states of dimension
/// d costs 4 N^2 d flops (N(N+1)/2 complex dot products of length d, 8 flops per term), timed
/// apart from the simulation, against a large square ZGEMM (8 n^3 flops) in the same run and the
/// same OpenBLAS.
enum GramProductBenchmark {
    static func run(quick: Bool) throws {
        let peak = zgemmPeak(size: quick ? 1000 : 2000)
        print("\n## Gram product (ZHERK on the states) vs square ZGEMM peak \(fixed(peak / 1e9, 1)) GFLOP/s, \(Parallelism.availableCores) threads")
        print("| qubits | N | product s | GFLOP/s | of ZGEMM peak |")
        print("|---:|---:|---:|---:|---:|")
        var rng = SeededGenerator(seed: 3)
        for qubits in quick ? [8] : [8, 10, 12] {
            for n in quick ? [400] : [500, 1000, 2000] {
                let x = Matrix(rows: n, columns: qubits, scalars: (0..<(n * qubits)).map { _ in rng.uniform() * Double.pi })
                let kernel = try FidelityKernel(featureMap: .zz(features: qubits, reps: 2, entanglement: .full))
                let states = try kernel.features(x)
                let t = try medianSeconds { _ = try kernel.symmetricBlock(states, rows: 0..<n) }
                let flops = 4 * Double(n) * Double(n) * Double(1 << qubits)
                print("| \(qubits) | \(n) | \(fixed(t, 4)) | \(fixed(flops / t / 1e9, 1)) | \(fixed(flops / t / peak * 100, 0)) % |")
            }
        }
    }

    /// Flops per second of one `size x size` complex matrix product.
    static func zgemmPeak(size n: Int) -> Double {
        var rng = SeededGenerator(seed: 5)
        let a = (0..<(2 * n * n)).map { _ in rng.uniform() - 0.5 }
        let b = (0..<(2 * n * n)).map { _ in rng.uniform() - 0.5 }
        var c = [Double](repeating: 0, count: 2 * n * n)
        var one = (1.0, 0.0), zero = (0.0, 0.0)
        let t = medianSeconds {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        qk_cblas_zgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), &one, pa.baseAddress,
                            Int32(n), pb.baseAddress, Int32(n), &zero, pc.baseAddress, Int32(n))
                    }
                }
            }
        }
        return 8 * Double(n * n * n) / t
    }
}
