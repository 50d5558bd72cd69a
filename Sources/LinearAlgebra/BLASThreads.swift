import COpenBLAS

/// OpenBLAS's own thread count, for callers that split work over threads themselves.
///
/// OpenBLAS runs a large product on all cores by default. A caller that already runs one product
/// per core (tiles of a kernel matrix on `DispatchQueue.concurrentPerform`) would then have two
/// levels of threads competing for the same cores, and OpenBLAS's waiting threads spin; on a
/// 2-core machine that made a tiled SVM kernel matrix 1.6x slower than one thread.
public enum BLASThreads {
    /// Runs `body` with OpenBLAS limited to one thread, then restores the previous count. The
    /// count is process-wide, so call this from the thread that starts the parallel work, not
    /// from inside it.
    public static func serial<T>(_ body: () throws -> T) rethrows -> T {
        let previous = openblas_get_num_threads()
        if previous == 1 { return try body() }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previous) }
        return try body()
    }
}
