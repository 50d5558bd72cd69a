import Dispatch

/// Median wall time of `repeats` runs of `body`, in seconds.
func medianSeconds(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

/// Left-pads `s` to `width` characters.
func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

/// A number with `digits` decimals.
func fixed(_ x: Double, _ digits: Int = 3) -> String {
    let scale = Double.pow10(digits)
    return String((x * scale).rounded() / scale)
}

extension Double {
    static func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { r, _ in r * 10 } }
}
