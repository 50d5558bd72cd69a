import ArgumentParser
import CircuitIR
import Dispatch
import FoundationEssentials
import QKSupport
import Simulation

/// `qksim simulate FILE.qasm`: runs a circuit file and writes what was asked for.
public struct SimulateCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate an OpenQASM 2.0 or 3.0 circuit file.",
        discussion: """
            With no output option, prints a summary (qubits, gates, depth, seconds). Counts from \
            --shots are printed as JSON on stdout, keyed like Qiskit's get_counts (clbit 0 \
            rightmost, registers separated by a space); the summary then goes to stderr.
            """)

    /// The circuit file.
    @Argument(help: "An OpenQASM 2.0 or 3.0 file.") public var file: String

    /// Where to write the final state.
    @Option(name: .customLong("statevector"), help: ArgumentHelp("Write the final state as complex128 .npy.", valueName: "OUT.npy"))
    public var statevectorPath: String?

    /// Where to write the basis-state probabilities.
    @Option(name: .customLong("probabilities"), help: ArgumentHelp("Write the probabilities as float64 .npy.", valueName: "OUT.npy"))
    public var probabilitiesPath: String?

    /// Number of shots to sample.
    @Option(help: "Sample this many shots and print the counts as JSON.") public var shots: Int?

    /// Seed for shots and mid-circuit measurements.
    @Option(help: "Seed for every random draw (shots, mid-circuit measurements).") public var seed: UInt64 = 0

    /// Pauli strings whose expectation values to print.
    @Option(name: .customLong("expect"), help: ArgumentHelp("Print <P> for a Pauli string, rightmost letter on qubit 0 (repeatable).", valueName: "PAULI"))
    public var paulis: [String] = []

    /// Values of the circuit's `input` parameters.
    @Option(name: .customLong("param"), help: ArgumentHelp("Bind an input parameter (repeatable).", valueName: "name=value"))
    public var parameters: [String] = []

    /// A table of input values: one circuit per row.
    @Option(help: ArgumentHelp(
        "Run the circuit once per row of input values: a CSV whose header names the inputs, or a 2-D .npy "
            + "(columns in declaration order). Outputs are stacked, one row per circuit; --expect prints CSV.",
        valueName: "P.csv"))
    public var sweep: String?

    /// Threads for the gate kernels.
    @Option(help: "Threads for the gate kernels (default: all cores).") public var threads: Int?

    /// Turn off the merging of diagonal-gate runs.
    @Flag(name: .customLong("no-fusion"), help: "Apply every gate on its own (no FFT for QFT blocks, no merging of diagonal runs or of gate blocks).")
    public var noFusion = false

    /// Amplitude precision: complex128 (default) or complex64.
    @Option(help: ArgumentHelp("double (complex128, 16 B per amplitude) or single (complex64, 8 B: 30 qubits in 8 GiB).", valueName: "double|single"))
    public var precision: Precision = .double

    /// Print one JSON object instead of text.
    @Flag(help: "Print one machine-readable JSON object (summary, counts, expectations).") public var json = false

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// Checks option combinations before anything runs.
    public func validate() throws {
        if let shots, shots < 1 { throw ValidationError("--shots must be at least 1, got \(shots)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        _ = try parsedParameters()
        if sweep != nil && precision != .double {
            throw ValidationError("--sweep runs in double precision; leave out --precision single")
        }
        if sweep != nil && (shots != nil || json) {
            throw ValidationError("--sweep writes stacked outputs (--probabilities, --statevector, --expect); it does not take --shots or --json")
        }
    }

    func parsedParameters() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for p in parameters {
            let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let v = Double(parts[1].trimmingWhitespaces()), v.isFinite else {
                throw ValidationError("--param '\(p)': expected name=value with a finite number, e.g. --param x0=0.5")
            }
            values[parts[0]] = v
        }
        return values
    }

    /// Runs the simulation at the chosen precision.
    public func run() throws {
        switch precision {
        case .double: try run(as: StateVector.self)
        case .single: try run(as: SinglePrecisionStateVector.self)
        }
    }

    func run<State: SimulatedStateOutput>(as _: State.Type) throws {
        let program = try QASMProgram.parse(contentsOf: file)
        if let sweep { return try runSweep(sweep, program: program) }
        let circuit = try program.circuit(parameters: parsedParameters())
        let pauliStrings = try paulis.map { try PauliString($0) }
        let simulator = Simulator(parallelism: Parallelism(threads: threads))

        let start = DispatchTime.now().uptimeNanoseconds
        // QFT blocks become one FFT; runs of diagonal gates (P, RZ, CP, RZZ, ...) commute and become
        // single passes; then gate runs become dense k-qubit blocks where the measured cost model says
        // so (docs/fusion.md). All exact.
        let simulated = noFusion
            ? circuit
            : GateFusion.fuse(
                DiagonalFusion.fuse(FourierRecognition.apply(circuit)),
                costModel: .avx2(threads: simulator.parallelism.threads, precision: State.precision),
                parallelism: simulator.parallelism)
        let state = try simulator.statevector(simulated, seed: seed, as: State.self)
        var seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        var counts: Counts?
        if let shots {
            let t0 = DispatchTime.now().uptimeNanoseconds
            counts = circuit.needsShotByShot
                ? try simulator.counts(simulated, shots: shots, seed: seed, as: State.self)
                : Counts(sampling: state, circuit: circuit, shots: shots, seed: seed)
            seconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        let expectations = try pauliStrings.map { ($0.label, try state.expectation($0)) }
        if let path = statevectorPath { try state.writeStatevector(to: path) }
        if let path = probabilitiesPath { try state.writeProbabilities(to: path) }
        let summary = SimulationSummary(
            file: file, qubits: circuit.qubitCount, gates: circuit.gateCount, depth: circuit.depth,
            passes: simulated.gateCount, seconds: seconds,
            instructionSet: state.instructionSet.resolved.rawValue, threads: state.parallelism.threads,
            precision: State.precision.rawValue)
        if json {
            print(summary.json(counts: counts, expectations: expectations, seed: shots == nil ? nil : seed))
            return
        }
        if let counts {
            StandardError.write(summary.text + "\n")
            print(counts.json)
        } else {
            print(summary.text)
        }
        for (label, value) in expectations { print("<\(label)> = \(value)") }
    }
}
