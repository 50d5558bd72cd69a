import ArgumentParser

/// The root of the `qksim` command line: a list of subcommands, each in its own file under
/// `Commands/`, each a thin layer that parses options and calls the library.
public struct QKSimCommand: ParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "qksim",
        abstract: "Quantum-kernel machine learning: a statevector simulator, quantum kernels and SVMs.",
        version: "0.1.0",
        subcommands: [
            SimulateCommand.self,
            DatasetCommand.self,
            KernelCommand.self,
            TrainCommand.self,
            PredictCommand.self,
            CompareCommand.self,
            DemoCommand.self,
            IntRLCommand.self,
            QuadratureCommand.self,
        ])

    /// Creates the command (argument parsing fills it in).
    public init() {}
}
