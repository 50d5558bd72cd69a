import ArgumentParser
import LinearAlgebra

extension QKSimCommand {
    /// The process entry point: parses the arguments and runs the subcommand, after stopping the
    /// BLAS worker threads that spin from the moment OpenBLAS loads (``BLASThreads/stopIdleThreads()``);
    /// the commands that run BLAS products start them again by using it.
    public static func main() {
        BLASThreads.stopIdleThreads()
        main(nil)
    }
}
