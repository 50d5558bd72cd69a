// qksim-bench: QKSim's own timings, printed as tables. Side-by-side runs against the peers live in
// Benchmarks/peers (issue 6); this program measures QKSim alone, so it needs no Python.
//
//   swift run -c release qksim-bench [threads|gram|blas|batch[-states|-overhead|-gram]|circuits|fusion|precision|svm|vqc|csv|all] [--quick]
import FoundationEssentials
import LinearAlgebra

// One benchmark at a time, as in `qksim`: OpenBLAS's idle workers may be ended around threaded phases.
BLASThreads.declareSingleFlow()

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let sections = arguments.filter { !$0.hasPrefix("--") }
let wanted = sections.isEmpty ? ["all"] : sections

func want(_ name: String) -> Bool { wanted.contains("all") || wanted.contains(name) }

if want("threads") { ThreadThresholdBenchmark.run(quick: quick) }
if want("gram") {
    try GramBenchmark.run(quick: quick)
    try PerPointBreakdown.run()
}
if want("blas") { try GramProductBenchmark.run(quick: quick) }
if want("batch") || want("batch-states") { try BatchBenchmark.statesPerSecond(quick: quick) }
if want("batch") || want("batch-overhead") { try BatchBenchmark.overhead(quick: quick) }
if want("batch") || want("batch-gram") { try BatchBenchmark.gram(quick: quick) }
if want("circuits") { try CircuitBenchmark.run(quick: quick) }
if want("fusion") { try FusionBenchmark.run(quick: quick) }
if want("precision") { try PrecisionBenchmark.run(quick: quick) }
if want("svm") { try SVMBenchmark.run(quick: quick) }
if want("vqc") { try VQCBenchmark.run(quick: quick) }
if want("csv") { try CSVBenchmark.run(quick: quick) }
