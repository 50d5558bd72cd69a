import COpenBLAS

#if canImport(Glibc)
import Glibc
#endif

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
    ///
    /// Changing the count (re)starts OpenBLAS's worker threads, which would then spin beside the
    /// caller's own threads for the whole of `body` and after it (an SVM fit on 2 cores spent a
    /// fifth of its CPU samples in that spinning), so they are stopped on both sides.
    public static func serial<T>(_ body: () throws -> T) rethrows -> T {
        let previous = openblas_get_num_threads()
        if previous == 1 { return try body() }
        openblas_set_num_threads(1)
        stopIdleThreads()
        defer {
            openblas_set_num_threads(previous)
            stopIdleThreads()
        }
        return try body()
    }

    /// Ends OpenBLAS's worker threads now; OpenBLAS starts them again at its next threaded call.
    ///
    /// From the moment the library loads, and again after every threaded call, OpenBLAS's workers
    /// wait for work by spinning on `sched_yield` for 2^28 clock ticks (about 0.1 s) before they
    /// sleep. A short process that runs its own threads in that window shares its cores with them:
    /// `qksim simulate --sweep` over 10^4 small circuits, which makes no BLAS call at all, used
    /// 117 ms of CPU with the spinning worker and 67 ms without it on a 2-core machine.
    ///
    /// Call it only where no BLAS call is running on another thread (a command-line tool's start,
    /// or after its last product). The entry point is looked up at run time, so a BLAS without it
    /// (not OpenBLAS's pthreads build) makes this a no-op rather than a link error.
    public static func stopIdleThreads() {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }
}
