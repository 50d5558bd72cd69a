import ArgumentParser

/// `qksim simulate FILE.qasm`: runs a circuit file.
public struct SimulateCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Simulate an OpenQASM 2 or 3 circuit file.")

    /// The circuit file.
    @Argument(help: "An OpenQASM 2.0 or 3.0 file.") public var file: String

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// Runs the simulation.
    public func run() throws {
        throw ValidationError("not built yet")
    }
}
