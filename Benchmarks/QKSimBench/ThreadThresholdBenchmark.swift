import CircuitIR
import Numerics
import QKSupport
import Simulation

/// Where do two threads start to pay? Times a layer of dense one-qubit gates on every qubit, with
/// one thread and with all cores forced on, for growing states. The crossover is the simulator's
/// default `Parallelism.minimumItems`.
enum ThreadThresholdBenchmark {
    static func run(quick: Bool) {
        let cores = Parallelism.availableCores
        print("\n## Thread threshold: one layer of dense 1-qubit gates (\(cores) cores)")
        print("| qubits | amplitudes | 1 thread (us) | \(cores) threads (us) | speed-up |")
        print("|---:|---:|---:|---:|---:|")
        let s = 0.5.squareRoot()
        let h = GateMatrix(Complex(s), Complex(s), Complex(s), Complex(-s))
        for n in stride(from: 8, through: quick ? 16 : 22, by: 2) {
            var times: [Double] = []
            for threads in [1, cores] {
                let state = try! StateVector(qubitCount: n, parallelism: Parallelism(threads: threads, minimumItems: 1))
                let reps = max(1, (1 << 20) >> n)
                let t = medianSeconds(repeats: 5) {
                    for _ in 0..<reps { for q in 0..<n { state.applyMatrix1(h, target: q) } }
                }
                times.append(t / Double(reps) * 1e6)
            }
            print("| \(n) | \(1 << n) | \(fixed(times[0], 1)) | \(fixed(times[1], 1)) | \(fixed(times[0] / times[1], 2)) |")
        }
    }
}
