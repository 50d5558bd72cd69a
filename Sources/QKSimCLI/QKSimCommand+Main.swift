import ArgumentParser
import LinearAlgebra

extension QKSimCommand {
    /// The process entry point: runs one subcommand, so BLAS is only ever called from one flow of
    /// work at a time, which lets the library stop OpenBLAS's spinning idle workers around its
    /// own threaded phases (``BLASThreads/declareSingleFlow()``).
    ///
    /// A command line that names a leaf subcommand is parsed by that subcommand alone: parsing
    /// from the root also builds the argument sets of every other subcommand (to look for a
    /// completion-script request among them), which was most of the 3.4 ms `qksim kernel ...`
    /// spent before `run()`. Anything that does not parse that way (help, a mistake) is parsed
    /// again from the root, so messages and usage read as they always have.
    public static func main() {
        BLASThreads.declareSingleFlow()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let name = arguments.first,
            let leaf = configuration.subcommands.first(where: {
                $0.configuration.commandName == name && $0.configuration.subcommands.isEmpty
            }),
            var command = try? leaf.parse(Array(arguments.dropFirst()))
        {
            do {
                try command.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        main(nil)
    }
}
