import ArgumentParser
import LinearAlgebra

extension QKSimCommand {
    /// The process entry point: runs one subcommand, so BLAS is only ever called from one flow of
    /// work at a time, which lets the library stop OpenBLAS's spinning idle workers around its
    /// own threaded phases (``BLASThreads/declareSingleFlow()``).
    public static func main() {
        BLASThreads.declareSingleFlow()
        main(nil)
    }
}
