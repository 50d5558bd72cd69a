/// The Q matrix of C-SVC, `Q[i, j] = y_i y_j K(x_i, x_j)`, as the SMO solver sees it: columns on
/// demand through an LRU cache, in the solver's current order of the points (shrinking moves
/// inactive points to the end by swapping positions).
struct SVCQMatrix {
    private let kernel: SubproblemKernel
    /// Position -> sub-problem point.
    private var order: [Int]
    /// Labels (+1 / -1) by position.
    private var y: [Int8]
    /// `Q[i, i] = K[i, i]` by position (LIBSVM's `QD`), in full precision.
    private(set) var diagonal: [Double]
    private var cache: KernelColumnCache

    /// The Q matrix of `kernel`'s points with labels `y` (one +1/-1 per point), caching at most
    /// `cacheBytes` of columns.
    init(kernel: SubproblemKernel, y: [Int8], cacheBytes: Int) {
        precondition(y.count == kernel.count, "one label per point")
        self.kernel = kernel
        self.order = Array(0..<kernel.count)
        self.y = y
        self.diagonal = kernel.diagonal
        self.cache = KernelColumnCache(count: kernel.count, byteLimit: cacheBytes)
    }

    /// Column `i` at positions `0..<length` (possibly more), rounded to `Float` like LIBSVM's `Qfloat`.
    mutating func column(_ i: Int, length: Int) throws -> [Float] {
        let (kernel, order, y) = (kernel, order, y)
        return try cache.column(i, length: length) { data, filled in
            let values = try kernel.column(order[i])
            let yi = Double(y[i])
            for j in filled { data[j] = Float(yi * Double(y[j]) * values[order[j]]) }
        }
    }

    /// Exchanges positions `i` and `j`.
    mutating func swapIndex(_ i: Int, _ j: Int) {
        cache.swapIndex(i, j)
        order.swapAt(i, j)
        y.swapAt(i, j)
        diagonal.swapAt(i, j)
    }
}
