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
    ///
    /// Changing the count (re)starts OpenBLAS's worker threads, which would then spin beside the
    /// caller's own threads for the whole of `body` and after it (an SVM fit on 2 cores spent a
    /// fifth of its CPU samples in that spinning), so in a process that has declared a single flow
    /// of BLAS calls (``declareSingleFlow()``) they are stopped on both sides.
    public static func serial<T>(_ body: () throws -> T) rethrows -> T {
        let previous = qk_openblas_get_num_threads()
        if previous == 1 { return try body() }
        qk_openblas_set_num_threads(1)
        stopIdleThreads()
        defer {
            qk_openblas_set_num_threads(previous)
            stopIdleThreads()
        }
        return try body()
    }

    /// Ends OpenBLAS's worker threads now, if the process has declared a single flow of BLAS
    /// calls (``declareSingleFlow()``); OpenBLAS starts them again at its next threaded call.
    ///
    /// After every threaded call, OpenBLAS's workers wait for work by spinning on `sched_yield`
    /// for 2^28 clock ticks (about 0.1 s) before they sleep. A process that runs its own threads in
    /// that window shares its cores with them. Ending them while a BLAS call runs on another thread
    /// hangs that call, hence the declaration. Nothing happens either when OpenBLAS has not been
    /// loaded (it is opened at the first BLAS call, see qk_openblas.h) or has no such entry point.
    public static func stopIdleThreads() {
        qk_openblas_stop_idle_threads()
    }

    /// Declares that this process never makes BLAS calls on two threads at once (a command-line
    /// tool running one command), which lets ``stopIdleThreads()`` act. A library, or a program
    /// that may call BLAS from several threads (a test runner), must not declare it.
    public static func declareSingleFlow() {
        qk_openblas_declare_single_flow()
    }
}
