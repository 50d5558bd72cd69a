import COpenBLAS

/// When OpenBLAS is opened. It is opened at the first BLAS call (see qk_openblas.h) so that work
/// without matrix products never pays for it; opening it costs about 2.5 ms (the dynamic loader
/// binding its symbols, its thread pool starting), a tenth of a whole `qksim kernel` run on
/// 800 points.
public enum BLASLibrary {
    /// Opens OpenBLAS on a background thread now, so that a command certain to multiply matrices
    /// overlaps the opening with reading its data and simulating. A BLAS call made meanwhile
    /// waits for the opening to finish; a missing library is reported (and the process ends) as
    /// at a first call. Only for programs that will call BLAS: the report ends the process.
    public static func loadInBackground() {
        qk_openblas_load_in_background()
    }
}
