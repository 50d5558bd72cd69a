import ArgumentParser
import FoundationEssentials
import Kernels
import Learning

/// `qksim dataset`: generates data sets.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Generate a data set.", subcommands: [AdHoc.self])

    /// `qksim dataset adhoc`: Havlicek et al.'s ad hoc data.
    struct AdHoc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adhoc",
            abstract: "Havlicek et al.'s ad hoc data, separable by the ZZ feature map (writes train.csv and test.csv).")

        @Option(help: "Number of qubits (= features).") var qubits: Int = 2
        @Option(help: "Training points per class.") var train: Int = 20
        @Option(help: "Test points per class.") var test: Int = 5
        @Option(help: "Gap: |<O>| must exceed it.") var gap: Double = 0.3
        @Option(help: ArgumentHelp("Entanglement of the labelling map.", valueName: "pattern")) var entanglement: String = "full"
        @Option(help: "Seed.") var seed: UInt64 = 0
        @Option(help: ArgumentHelp("Output directory (created if missing).", valueName: "dir")) var out: String

        func validate() throws {
            if !(1...12).contains(qubits) { throw ValidationError("--qubits must be in 1...12") }
            if train < 1 || test < 0 { throw ValidationError("--train must be at least 1 and --test at least 0") }
            if !(0..<1).contains(gap) { throw ValidationError("--gap must be in [0, 1)") }
        }

        func run() throws {
            let data = try AdHocData.generate(
                qubits: qubits, trainPerClass: train, testPerClass: test, gap: gap, entanglement: Entanglement(parsing: entanglement),
                seed: seed)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let names = (0..<qubits).map { "x\($0)" }
            try Dataset(features: data.trainFeatures, labels: data.trainLabels, featureNames: names).writeCSV(to: out + "/train.csv")
            try Dataset(features: data.testFeatures, labels: data.testLabels, featureNames: names).writeCSV(to: out + "/test.csv")
            print("wrote \(out)/train.csv (\(2 * train) points) and \(out)/test.csv (\(2 * test) points)")
        }
    }
}
