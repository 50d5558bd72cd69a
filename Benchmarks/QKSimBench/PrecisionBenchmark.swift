import CircuitIR
import FoundationEssentials
import QKSupport
import Simulation

/// Double vs single precision on the reference circuits (QFT, random depth 20, ZZ feature map) at
/// n = 20 and 22 with all threads: what `qksim simulate FILE [--precision single]` spends
/// simulating (diagonal fusion on, as the command runs it; parsing excluded), median of 3.
///
/// Reads `QKSIM_CIRCUITS` or `../shared/reference/circuits`, like the circuits section.
enum PrecisionBenchmark {
    static func run(quick: Bool) throws {
        let candidates = [ProcessInfo.processInfo.environment["QKSIM_CIRCUITS"], "../shared/reference/circuits"]
        guard let directory = candidates.compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            print("no reference circuit directory found (set QKSIM_CIRCUITS)")
            return
        }
        let sizes = quick ? [16] : [20, 22]
        let cores = Parallelism.availableCores
        try smallCircuitOverhead()
        print("\n## precision: double vs single, \(cores) threads, diagonal fusion on (median of 3, seconds)")
        print("| circuit | qubits | gates | double | single | single/double |")
        print("|---|---:|---:|---:|---:|---:|")
        for family in ["qft", "random_d20", "zzfm_full_r2"] {
            for n in sizes {
                let path = "\(directory)/\(family)_n\(n).qasm"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let circuit = DiagonalFusion.fuse(try QASMProgram.parse(contentsOf: path).circuit())
                let simulator = Simulator(parallelism: Parallelism(threads: cores))
                let double = try StateVector(qubitCount: n, parallelism: Parallelism(threads: cores))
                let td = try medianSeconds { try simulator.run(circuit, into: double) }
                let single = try SinglePrecisionStateVector(qubitCount: n, parallelism: Parallelism(threads: cores))
                let ts = try medianSeconds { try simulator.run(circuit, into: single) }
                print("| \(family) | \(n) | \(circuit.gateCount) | \(fixed(td, 4)) | \(fixed(ts, 4)) | \(fixed(ts / td, 2)) |")
            }
        }
    }

    /// Per-gate cost on a 4-qubit state (one thread), where the kernels take nanoseconds and the
    /// Swift routing (generic run loop, matrix rounding to float) is what is measured.
    static func smallCircuitOverhead() throws {
        var circuit = Circuit(qubitCount: 4)
        for layer in 0..<25 {
            for q in 0..<4 { circuit.append(Operation(.unitary(.u(0.1 * Double(layer), 0.2, 0.3)), qubits: [q], name: "u3")) }
            circuit.append(Operation(.unitary(.x), qubits: [(layer + 1) % 4], controls: [Control(qubit: layer % 4)], name: "cx"))
        }
        let simulator = Simulator(parallelism: .serial)
        let repeats = 2000
        let double = try StateVector(qubitCount: 4, parallelism: .serial)
        let td = try medianSeconds { for _ in 0..<repeats { try simulator.run(circuit, into: double) } }
        let single = try SinglePrecisionStateVector(qubitCount: 4, parallelism: .serial)
        let ts = try medianSeconds { for _ in 0..<repeats { try simulator.run(circuit, into: single) } }
        let perGate = { (t: Double) in fixed(t / Double(repeats * circuit.operations.count) * 1e9, 1) }
        print("\nsmall circuits (n = 4, \(circuit.operations.count) gates, 1 thread): double \(perGate(td)) ns/gate, single \(perGate(ts)) ns/gate")
    }
}
