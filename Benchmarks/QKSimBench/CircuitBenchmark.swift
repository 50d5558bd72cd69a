import CircuitIR
import FoundationEssentials
import QKSupport
import Simulation

/// Times `simulate` (parse + simulate, no output) on the reference circuit files: QFT, random
/// layered circuits of depth 20 and ZZ feature maps, up to 24 qubits, with 1 and all threads.
///
/// Reads `QKSIM_CIRCUITS` or `../shared/reference/circuits` (the reference set), else the
/// repository's own `circuits/`.
enum CircuitBenchmark {
    static func run(quick: Bool) throws {
        let candidates = [ProcessInfo.processInfo.environment["QKSIM_CIRCUITS"], "../shared/reference/circuits", "circuits"]
        guard let directory = candidates.compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            print("no circuit directory found")
            return
        }
        let maxQubits = quick ? 16 : 24
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".qasm") }
        let sized = files.compactMap { name -> (String, Int)? in
            guard let n = name.split(separator: "_").last.flatMap({ Int($0.dropFirst().dropLast(5)) }), name.contains("_n") else {
                return nil
            }
            return n <= maxQubits ? (name, n) : nil
        }.sorted { ($0.0.split(separator: "_n")[0], $0.1) < ($1.0.split(separator: "_n")[0], $1.1) }
        let cores = Parallelism.availableCores
        print("\n## simulate: reference circuits from \(directory) (median of 3, seconds)")
        print("| circuit | qubits | gates | parse | 1 thread | \(cores) threads |")
        print("|---|---:|---:|---:|---:|---:|")
        for (name, n) in sized {
            let path = directory + "/" + name
            var circuit: Circuit?
            let parse = try medianSeconds { circuit = try QASMProgram.parse(contentsOf: path).circuit() }
            var times: [Double] = []
            for threads in [1, cores] {
                let simulator = Simulator(parallelism: Parallelism(threads: threads))
                let state = try StateVector(qubitCount: n, parallelism: Parallelism(threads: threads))
                times.append(try medianSeconds { try simulator.run(circuit!, into: state) })
            }
            print("| \(name) | \(n) | \(circuit!.gateCount) | \(fixed(parse, 4)) | \(fixed(times[0], 4)) | \(fixed(times[1], 4)) |")
        }
    }
}
