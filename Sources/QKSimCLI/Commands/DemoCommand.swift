import ArgumentParser

/// `qksim demo`: the main job on its built-in default, no files needed.
public struct DemoCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the built-in demonstration (no files needed).")

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// Runs the demo.
    public func run() throws {
        throw ValidationError("not built yet")
    }
}
