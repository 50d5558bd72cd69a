import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Learning
import QKSupport

/// Reading the parameter table of the 10^4-circuit sweep (issue 6): 10^4 rows of 60 numbers written
/// as `%.17g` (what numpy's `savetxt` and the peer harness write). Prints the decimal conversion
/// alone per number, and the whole `readCSV` (blocks, threads, joining the rows) per number.
enum CSVBenchmark {
    static func run(quick: Bool) throws {
        let rows = quick ? 1000 : 10_000, columns = 60
        var rng = SeededGenerator(seed: 11)
        var text = (0..<columns).map { "t\($0)" }.joined(separator: ",") + "\n"
        var buffer = [CChar](repeating: 0, count: 64)
        for _ in 0..<rows {
            for c in 0..<columns {
                _ = withVaList([rng.uniform() * 2 * Double.pi]) { vsnprintf(&buffer, 64, "%.17g", $0) }
                text += String(cString: buffer)
                text += c == columns - 1 ? "\n" : ","
            }
        }
        let bytes = Array(text.utf8) + [0]
        let count = Double(rows * columns)

        // The conversion alone, number after number (one thread).
        var sum = 0.0
        let convert = bytes.withUnsafeBufferPointer { b in
            medianSeconds(repeats: 5) {
                let end = b.baseAddress! + b.count - 1
                var p = b.baseAddress! + text.utf8.firstIndex(of: UInt8(ascii: "\n"))!.utf16Offset(in: text) + 1
                while p < end {
                    guard let (value, next) = DecimalParser.parse(p, limit: end + 1) else { fatalError("declined") }
                    sum += value
                    p = next + 1
                }
            }
        }

        let path = "/tmp/qksim-bench-\(getpid()).csv"
        let file = fopen(path, "w")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress!, 1, $0.count - 1, file) }
        fclose(file)
        defer { unlink(path) }
        var features = 0
        let read = try medianSeconds(repeats: 7) { features = try Dataset.readCSV(path, labels: .none).features.columns }
        precondition(features == columns && sum.isFinite)

        let threads = Parallelism.availableCores
        print("\n## CSV parameter table, \(rows) x \(columns) numbers of 17 digits (\(bytes.count / 1_000_000) MB)")
        print("| step | ms | ns per number (x threads) |")
        print("|---|---:|---:|")
        print("| DecimalParser.parse, 1 thread | \(fixed(convert * 1e3, 2)) | \(fixed(convert / count * 1e9, 1)) |")
        print("| Dataset.readCSV, \(threads) threads | \(fixed(read * 1e3, 2)) | \(fixed(read * Double(threads) / count * 1e9, 1)) |")
    }
}
