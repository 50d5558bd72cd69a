import CircuitIR
import Dispatch
import FoundationEssentials
import Numerics
import QKSupport
import Simulation

/// Gate fusion: the per-pass cost of each kernel kind (the figures `FusionCostModel` holds), then
/// the random depth-20 circuits and the QFT at n = 20 and 22 unfused, with diagonal fusion only,
/// and with diagonal + gate fusion (`qksim simulate`'s default), with the number of passes each.
enum FusionBenchmark {
    static func run(quick: Bool) throws {
        let cores = Parallelism.availableCores
        let threadCounts = cores > 1 ? [1, 2] : [1]
        try kernelTable(qubits: quick ? 18 : 22, threadCounts: threadCounts)
        try circuitTable(sizes: quick ? [16] : [20, 22], threadCounts: threadCounts)
        try blockSizeTable(qubits: quick ? 16 : 22, threadCounts: threadCounts)
    }

    /// The random depth-20 circuit fused with each largest block size: passes, the cost model's
    /// estimate and the measured time, which shows whether the model picks the right k.
    static func blockSizeTable(qubits n: Int, threadCounts: [Int]) throws {
        guard let directory = circuitDirectory(n), FileManager.default.fileExists(atPath: "\(directory)/random_d20_n\(n).qasm") else { return }
        let circuit = try QASMProgram.parse(contentsOf: "\(directory)/random_d20_n\(n).qasm").circuit()
        print("\n## fusion: random_d20 n=\(n) by largest block size (estimate in the model's ms; measured seconds, min of 3)")
        print("| max k | threads | passes | widest | estimate | measured |")
        print("|---:|---:|---:|---:|---:|---:|")
        for t in threadCounts {
            let model = FusionCostModel.avx2(threads: t)
            let simulator = Simulator(parallelism: Parallelism(threads: t))
            let state = try StateVector(qubitCount: n, parallelism: Parallelism(threads: t))
            for k in 1...StateVector.maxDenseMatrixQubits {
                let fused = GateFusion.fuse(circuit, maxQubits: k, costModel: model)
                let seconds = try minimumSeconds(repeats: 3) { try simulator.run(fused, into: state) }
                let widest = fused.operations.map(\.qubits.count).max() ?? 0
                print("| \(k) | \(t) | \(fused.gateCount) | \(widest) | \(fixed(GateFusion.estimatedCost(fused, costModel: model), 1)) | \(fixed(seconds, 3)) |")
            }
        }
    }

    static func circuitDirectory(_ n: Int) -> String? {
        let candidates = [ProcessInfo.processInfo.environment["QKSIM_CIRCUITS"], "../shared/reference/circuits", "circuits"]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/random_d20_n\(n).qasm") }
    }

    /// Milliseconds per pass of each kernel kind (minimum of 5; the minimum is the figure least
    /// disturbed by other work on a shared machine).
    static func kernelTable(qubits n: Int, threadCounts: [Int]) throws {
        print("\n## fusion: kernel cost per pass at n = \(n) (ms, min of 5 interleaved rounds)")
        print("| kernel | " + threadCounts.map { "\($0) thread\($0 > 1 ? "s" : "")" }.joined(separator: " | ") + " |")
        print("|---|" + threadCounts.map { _ in "---:|" }.joined())
        let u = GateMatrix.u(0.3, 0.7, 1.1)
        func dft(_ k: Int) -> GateMatrix {
            let d = 1 << k
            return GateMatrix(dimension: d, entries: (0..<(d * d)).map { i in
                Complex(length: 1 / Double(d).squareRoot(), phase: 2 * .pi * Double((i / d) * (i % d)) / Double(d))
            })
        }
        var rows: [(String, CircuitIR.Operation)] = [
            ("matrix1 (u3) on qubit 0", CircuitIR.Operation(.unitary(u), qubits: [0], name: "u3")),
            ("matrix1 (u3) on qubit 1", CircuitIR.Operation(.unitary(u), qubits: [1], name: "u3")),
            ("matrix1 (u3) on qubit \(n - 1)", CircuitIR.Operation(.unitary(u), qubits: [n - 1], name: "u3")),
            ("cx control 0, target 5", CircuitIR.Operation(.unitary(.x), qubits: [5], controls: [Control(qubit: 0)], name: "cx")),
            ("cx control 5, target 0", CircuitIR.Operation(.unitary(.x), qubits: [0], controls: [Control(qubit: 5)], name: "cx")),
            ("cx control 5, target 6", CircuitIR.Operation(.unitary(.x), qubits: [6], controls: [Control(qubit: 5)], name: "cx")),
            ("phase (cp) on 0, 4", CircuitIR.Operation(.diagonal([.one, Complex(length: 1, phase: 0.4)]), qubits: [4], controls: [Control(qubit: 0)], name: "cp")),
            ("diag1 (rz) on 3", CircuitIR.Operation(.diagonal([Complex(length: 1, phase: -0.2), Complex(length: 1, phase: 0.2)]), qubits: [3], name: "rz")),
            ("diagonal on 10 qubits", CircuitIR.Operation(.diagonal((0..<1024).map { Complex(length: 1, phase: 0.01 * Double($0)) }), qubits: Array(0..<10), name: "diag")),
            ("matrix2 on 0, 1", CircuitIR.Operation(.unitary(dft(2)), qubits: [0, 1], name: "m2")),
            ("matrix2 on 1, 2", CircuitIR.Operation(.unitary(dft(2)), qubits: [1, 2], name: "m2")),
            ("matrix2 on 10, 15", CircuitIR.Operation(.unitary(dft(2)), qubits: [10, 15], name: "m2")),
            ("swap 0, 1", CircuitIR.Operation(.swap, qubits: [0, 1], name: "swap")),
            ("swap 3, 11", CircuitIR.Operation(.swap, qubits: [3, 11], name: "swap")),
        ]
        for k in 3...StateVector.maxDenseMatrixQubits {
            rows.append(("dense k = \(k) on 0...\(k - 1)", CircuitIR.Operation(.unitary(dft(k)), qubits: Array(0..<k), name: "dense")))
            rows.append(("dense k = \(k) on 1...\(k)", CircuitIR.Operation(.unitary(dft(k)), qubits: Array(1...k), name: "dense")))
            let high = Array((n - k)..<n)
            rows.append(("dense k = \(k) on \(high[0])...\(n - 1)", CircuitIR.Operation(.unitary(dft(k)), qubits: high, name: "dense")))
        }
        // Rounds over all rows, minimum per row: load from other processes then spreads evenly
        // over the rows instead of inflating whichever row ran during it.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: threadCounts.count), count: rows.count)
        for (j, t) in threadCounts.enumerated() {
            let s = try StateVector(qubitCount: n, parallelism: Parallelism(threads: t))
            try s.apply(CircuitIR.Operation(.unitary(.h), qubits: [0], name: "h"))
            for _ in 0..<5 {
                for (r, row) in rows.enumerated() {
                    best[r][j] = min(best[r][j], try minimumSeconds(repeats: 1) { try s.apply(row.1) })
                }
            }
        }
        for (r, row) in rows.enumerated() {
            print("| \(row.0) | " + best[r].map { fixed(1e3 * $0, 2) }.joined(separator: " | ") + " |")
        }
    }

    /// The reference circuits unfused, with diagonal fusion, and with both fusions.
    static func circuitTable(sizes: [Int], threadCounts: [Int]) throws {
        guard let directory = circuitDirectory(sizes[0]) else {
            print("no reference circuits (random_d20_n*.qasm, qft_n*.qasm) found; set QKSIM_CIRCUITS")
            return
        }
        print("\n## fusion: circuits from \(directory) (seconds, median of 3; passes = operations applied)")
        print("| circuit | mode | passes | " + threadCounts.map { "\($0) thread\($0 > 1 ? "s" : "")" }.joined(separator: " | ") + " |")
        print("|---|---|---:|" + threadCounts.map { _ in "---:|" }.joined())
        for family in ["random_d20", "qft"] {
            for n in sizes {
                let path = "\(directory)/\(family)_n\(n).qasm"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let circuit = try QASMProgram.parse(contentsOf: path).circuit()
                for (mode, fuse) in modes() {
                    var cells: [String] = []
                    var passes = 0
                    for t in threadCounts {
                        let simulator = Simulator(parallelism: Parallelism(threads: t))
                        let state = try StateVector(qubitCount: n, parallelism: Parallelism(threads: t))
                        var fused = circuit
                        // Fusion time is part of the run, as in `qksim simulate`.
                        cells.append(fixed(try medianSeconds {
                            fused = fuse(circuit, t)
                            try simulator.run(fused, into: state)
                        }, 3))
                        passes = fused.gateCount
                    }
                    print("| \(family) n=\(n) | \(mode) | \(passes) | " + cells.joined(separator: " | ") + " |")
                }
            }
        }
    }

    static func modes() -> [(String, (Circuit, Int) -> Circuit)] {
        [
            ("unfused", { c, _ in c }),
            ("diagonal fusion", { c, _ in DiagonalFusion.fuse(c) }),
            ("diagonal + gate fusion", { c, t in GateFusion.fuse(DiagonalFusion.fuse(c), costModel: .avx2(threads: t)) }),
        ]
    }
}

/// Minimum wall time of `repeats` runs of `body`, in seconds.
func minimumSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}
