import ArgumentParser
import QKSimCLI
import Testing

@Suite struct HelpTests {
    @Test func rootHelpListsTheSubcommands() {
        let help = QKSimCommand.helpMessage()
        for name in ["simulate", "dataset", "kernel", "train", "predict", "compare", "demo", "intrl", "quadrature"] { #expect(help.contains(name), "help should list \(name)") }
    }

    @Test func unknownOptionsAreRejected() {
        #expect(throws: (any Error).self) { try QKSimCommand.parseAsRoot(["simulate", "x.qasm", "--shots", "0"]) }
        #expect(throws: (any Error).self) { try QKSimCommand.parseAsRoot(["simulate", "x.qasm", "--bogus"]) }
    }
    @Test func theBinaryRunsAndReportsErrorsWithoutCrashing() throws {
        let result = try QKSimProcess.run(["simulate", "/nonexistent/file.qasm"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/file.qasm"))
        #expect(!result.stderr.contains("crashed"))
    }
}
