/// A least-recently-used cache of Q-matrix columns with a memory limit, as LIBSVM's `Cache`.
///
/// The SMO solver asks for columns `Q[0..<length, i]` (in its current, shrink-permuted order). A
/// column is stored as a prefix of whatever length was last asked for; asking for more extends it.
/// When the stored entries would exceed the limit, whole columns are dropped, least recently used
/// first. Entries are `Float` (LIBSVM's `Qfloat`), which halves the memory and is what LIBSVM and
/// scikit-learn compute with, so QKSim's iterates agree with theirs.
struct KernelColumnCache {
    /// The stored prefix of every column (empty when not cached).
    private var columns: [[Float]]
    /// A circular doubly linked list of the cached columns, oldest first after the sentinel `count`.
    private var previous: [Int]
    private var next: [Int]
    /// Entries that may still be stored.
    private var available: Int

    /// A cache for `count` columns in at most `byteLimit` bytes (but always room for two full
    /// columns, which one SMO step needs).
    init(count: Int, byteLimit: Int) {
        columns = [[Float]](repeating: [], count: count)
        previous = [Int](repeating: count, count: count + 1)
        next = [Int](repeating: count, count: count + 1)
        available = max(byteLimit / MemoryLayout<Float>.size, 2 * count)
    }

    private var sentinel: Int { columns.count }

    private mutating func unlink(_ i: Int) {
        next[previous[i]] = next[i]
        previous[next[i]] = previous[i]
    }

    private mutating func append(_ i: Int) {
        next[i] = sentinel
        previous[i] = previous[sentinel]
        next[previous[i]] = i
        previous[sentinel] = i
    }

    private mutating func evict(_ i: Int) {
        unlink(i)
        available += columns[i].count
        columns[i] = []
    }

    /// Column `index` with at least `length` entries. Entries not yet stored, `filled` (a range
    /// starting where the stored prefix ends), are computed by `fill`, then kept; the column becomes
    /// the most recently used.
    mutating func column(
        _ index: Int, length: Int, fill: (inout [Float], _ filled: Range<Int>) throws -> Void
    ) throws -> [Float] {
        if !columns[index].isEmpty { unlink(index) }
        var data = columns[index]
        columns[index] = []  // `data` is now the only reference, so it grows in place
        let have = data.count
        if length > have {
            let more = length - have
            while available < more { evict(next[sentinel]) }
            data.append(contentsOf: repeatElement(0, count: more))
            available -= more
            do {
                try fill(&data, have..<length)
            } catch {
                available += data.count
                throw error
            }
        }
        columns[index] = data
        if !data.isEmpty { append(index) }
        return data
    }

    /// Follows the solver swapping positions `i` and `j`: the columns trade places, and so do
    /// entries `i` and `j` inside every cached column long enough to hold both; a column holding
    /// only the lower one can no longer be kept consistent and is dropped.
    mutating func swapIndex(_ i: Int, _ j: Int) {
        if i == j { return }
        if !columns[i].isEmpty { unlink(i) }
        if !columns[j].isEmpty { unlink(j) }
        columns.swapAt(i, j)
        if !columns[i].isEmpty { append(i) }
        if !columns[j].isEmpty { append(j) }
        let (low, high) = (min(i, j), max(i, j))
        var h = next[sentinel]
        while h != sentinel {
            let following = next[h]
            if columns[h].count > low {
                if columns[h].count > high {
                    columns[h].swapAt(low, high)
                } else {
                    evict(h)
                }
            }
            h = following
        }
    }
}
