/// The Q matrix of C-SVC, `Q[i, j] = y_i y_j K(x_i, x_j)`, as the SMO solver sees it: columns on
/// demand, in the solver's current order of the points (shrinking moves inactive points to the end
/// by swapping positions).
///
/// Columns come from one of two stores, chosen by the sub-problem's kernel:
/// - a ``DenseKernelMatrix`` holding every value: a column is gathered from its row (through the
///   current order) when asked for, and the last two are kept, since each SMO iteration asks for
///   the same pair again;
/// - otherwise an LRU ``KernelColumnCache`` filled by evaluating kernel columns, as LIBSVM does.
///
/// Both give the same `Float` values, so the solver's path does not depend on the store.
struct SVCQMatrix {
    private let kernel: SubproblemKernel
    /// Position -> sub-problem point.
    private var order: [Int]
    /// Labels (+1 / -1) by position.
    private var y: [Int8]
    /// `Q[i, i] = K[i, i]` by position (LIBSVM's `QD`), in full precision.
    private(set) var diagonal: [Double]
    private var cache: KernelColumnCache
    /// With a dense kernel: position -> row of the dense matrix.
    private var denseIndex: [Int]
    /// With a dense kernel: the most recently gathered columns (position, values).
    private var recent: [(position: Int, values: [Float])] = []

    /// The Q matrix of `kernel`'s points with labels `y` (one +1/-1 per point), caching at most
    /// `cacheBytes` of columns (no cache when the kernel is dense).
    init(kernel: SubproblemKernel, y: [Int8], cacheBytes: Int) {
        precondition(y.count == kernel.count, "one label per point")
        self.kernel = kernel
        self.order = Array(0..<kernel.count)
        self.y = y
        self.diagonal = kernel.diagonal
        if let dense = kernel.dense {
            self.denseIndex = dense.indices
            self.cache = KernelColumnCache(count: 0, byteLimit: 0)
        } else {
            self.denseIndex = []
            self.cache = KernelColumnCache(count: kernel.count, byteLimit: cacheBytes)
        }
    }

    /// Column `i` at positions `0..<length` (possibly more), rounded to `Float` like LIBSVM's `Qfloat`.
    mutating func column(_ i: Int, length: Int) throws -> [Float] {
        if let dense = kernel.dense { return denseColumn(i, length: length, dense.matrix) }
        let (kernel, order, y) = (kernel, order, y)
        return try cache.column(i, length: length) { data, filled in
            let values = try kernel.column(order[i])
            let yi = Double(y[i])
            for j in filled { data[j] = Float(yi * Double(y[j]) * values[order[j]]) }
        }
    }

    /// Gathers `Q[0..<length, i]` from row `i` of the dense matrix (K is read at row i, column j, as
    /// the cache path reads kernel column i at point j); `y_i y_j` is a sign, so the product is exact.
    private mutating func denseColumn(_ i: Int, length: Int, _ k: DenseKernelMatrix) -> [Float] {
        for entry in recent where entry.position == i && entry.values.count >= length { return entry.values }
        let values: [Float]
        switch k.storage {
        case .single(let v): values = v.withUnsafeBufferPointer { gather(i, length: length, from: $0, count: k.count) }
        case .double(let v): values = v.withUnsafeBufferPointer { gather(i, length: length, from: $0, count: k.count) }
        }
        if recent.count == 2 { recent.removeFirst() }
        recent.append((i, values))
        return values
    }

    /// `y_i y_j Float(K[row(i), row(j)])` for `j` in `0..<length`.
    private func gather<T: BinaryFloatingPoint>(
        _ i: Int, length: Int, from kv: UnsafeBufferPointer<T>, count n: Int
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: length) { out, initialized in
            denseIndex.withUnsafeBufferPointer { index in
                y.withUnsafeBufferPointer { labels in
                    let row = kv.baseAddress! + index[i] * n
                    let yi = labels[i]
                    for j in 0..<length {
                        let v = Float(row[index[j]])
                        out[j] = labels[j] == yi ? v : -v
                    }
                }
            }
            initialized = length
        }
    }

    /// Exchanges positions `i` and `j`.
    mutating func swapIndex(_ i: Int, _ j: Int) {
        if kernel.dense != nil {
            denseIndex.swapAt(i, j)
            recent.removeAll()
        } else {
            cache.swapIndex(i, j)
        }
        order.swapAt(i, j)
        y.swapAt(i, j)
        diagonal.swapAt(i, j)
    }
}
