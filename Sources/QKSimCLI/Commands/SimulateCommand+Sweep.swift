import CircuitIR
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Learning
import QKSupport
import Simulation

/// `qksim simulate FILE.qasm --sweep P.csv`: one parameterised circuit run for every row of a
/// table of input values, the many-small-circuits workload (parameter scans, data sets encoded by a
/// circuit file). The file is parsed once; rows run in parallel, one reused state per thread.
extension SimulateCommand {
    /// The parameter table: a CSV whose header names the file's inputs, or a 2-D float64 `.npy`
    /// whose columns are the inputs in declaration order. `--param` values fill inputs the table
    /// leaves out.
    func sweepTable(_ path: String, program: QASMProgram) throws -> (names: [String], rows: Int, values: [Double]) {
        if path.lowercased().hasSuffix(".npy") {
            let array = try NPY.read(path)
            guard array.shape.count == 2, array.shape[0] > 0, array.shape[1] == program.inputs.count else {
                throw InputError(
                    "expected a 2-D array with at least one row and one column per input of \(file) (\(program.inputs.count): "
                        + "\(program.inputs.joined(separator: ", "))), got shape \(array.shape)", file: path)
            }
            if let bad = array.scalars.firstIndex(where: { !$0.isFinite }) {
                throw InputError("row \(bad / array.shape[1]), column \(bad % array.shape[1]) is not a finite number", file: path)
            }
            return (program.inputs, array.shape[0], array.scalars)
        }
        let table = try Dataset.readCSV(path, labels: .none)
        let names = table.featureNames
        for name in names where !program.inputs.contains(name) {
            throw InputError(
                "column '\(name)' is not an input of \(file) (inputs: \(program.inputs.joined(separator: ", ")))",
                file: path, line: 1)
        }
        return (names, table.features.rows, table.features.scalars)
    }

    /// Runs the sweep and writes the stacked outputs: probabilities `rows x 2^n` (float64),
    /// states `rows x 2^n` (complex128), expectation values as CSV on stdout (one row per circuit).
    func runSweep(_ path: String, program: QASMProgram) throws {
        let (names, rows, values) = try sweepTable(path, program: program)
        let fixed = try parsedParameters()
        let columns = names.count
        // The first row checks the bindings (a missing input is an error naming it) and sizes the outputs.
        var firstBindings = fixed
        for (j, name) in names.enumerated() { firstBindings[name] = values[j] }
        let first = try program.circuit(parameters: firstBindings)
        guard !first.needsShotByShot else {
            throw InputError("--sweep runs unitary circuits; this one measures, resets or branches mid-circuit", file: file)
        }
        let n = first.qubitCount, dimension = 1 << n
        let pauliStrings = try paulis.map { try PauliString($0) }
        let expectations = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, rows * pauliStrings.count))
        defer { expectations.deallocate() }
        // Each row's inputs in declaration order: a table column, else the --param value.
        let sources: [(column: Int?, value: Double)] = program.inputs.map { name in
            (names.firstIndex(of: name), fixed[name] ?? 0)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        // --no-fusion keeps the circuit-by-circuit path, the reference the batched one is tested against.
        if !noFusion, n <= 24, let compiled = CompiledProgram(program) {
            // Blocks of rows go to the files as they are done: no output arrays.
            let outputs = BatchedSweepOutputs(
                states: try statevectorPath.map { try NPYRowWriter(path: $0, rows: rows, columns: dimension, dtype: .complex128) },
                probabilities: try probabilitiesPath.map { try NPYRowWriter(path: $0, rows: rows, columns: dimension, dtype: .float64) },
                expectations: expectations.baseAddress!, paulis: pauliStrings)
            do {
                try runBatched(compiled, rows: rows, sources: sources, values: values, columns: columns, outputs: outputs)
            } catch {
                // No half-written outputs after an error (a row whose angle cannot be evaluated).
                for path in [statevectorPath, probabilitiesPath].compactMap({ $0 }) { unlink(path) }
                throw error
            }
        } else {
            try runPerCircuit(
                program, rows: rows, names: names, values: values, fixed: fixed, qubits: n, paulis: pauliStrings,
                expectations: expectations.baseAddress!, tablePath: path)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        if !pauliStrings.isEmpty {
            print(pauliStrings.map(\.label).joined(separator: ","))
            for r in 0..<rows {
                print((0..<pauliStrings.count).map { "\(expectations[r * pauliStrings.count + $0])" }.joined(separator: ","))
            }
        }
        let summary = "\(file): \(rows) circuits of \(n) qubits, \(first.gateCount) gates each, \(seconds) s"
        if pauliStrings.isEmpty {
            print(summary)
        } else {
            StandardError.write(summary + "\n")
        }
    }

    /// The circuit-by-circuit path (programs a template cannot hold, and `--no-fusion`): outputs
    /// are stacked in memory, then written.
    private func runPerCircuit(
        _ program: QASMProgram, rows: Int, names: [String], values: [Double], fixed: [String: Double], qubits n: Int,
        paulis: [PauliString], expectations: UnsafeMutablePointer<Double>, tablePath: String
    ) throws {
        let dimension = 1 << n, columns = names.count
        let bytes = Double(rows) * Double(dimension)
            * ((statevectorPath != nil ? 16 : 0) + (probabilitiesPath != nil ? 8 : 0))
        if let available = SystemMemory.availableBytes, bytes > Double(available) / 2 {
            throw InputError(
                "the outputs of \(rows) circuits on \(n) qubits need \(Int(bytes / 1e6)) MB, more than half the free memory; "
                    + "split the table", file: tablePath)
        }
        let stateCount = statevectorPath != nil ? 2 * rows * dimension : 0
        let probabilityCount = probabilitiesPath != nil ? rows * dimension : 0
        let states = UnsafeMutableBufferPointer<Double>.allocate(capacity: stateCount)
        let probabilities = UnsafeMutableBufferPointer<Double>.allocate(capacity: probabilityCount)
        defer {
            states.deallocate()
            probabilities.deallocate()
        }
        let output = SweepOutput(
            dimension: dimension, states: stateCount > 0 ? states.baseAddress : nil,
            probabilities: probabilityCount > 0 ? probabilities.baseAddress : nil, expectations: expectations, paulis: paulis)
        let fuse = !noFusion
        try Parallelism(threads: threads, minimumItems: 2).forEachChunkThrowing(count: rows) { chunk in
            let simulator = Simulator(parallelism: .serial)
            let state = try StateVector(qubitCount: n, parallelism: .serial)
            for r in chunk {
                var p = fixed
                for (j, name) in names.enumerated() { p[name] = values[r * columns + j] }
                let circuit = try program.circuit(parameters: p)
                try simulator.run(fuse ? DiagonalFusion.fuse(circuit) : circuit, into: state)
                try state.withUnsafeInterleaved { try output.write(row: r, amplitudes: $0.baseAddress!, scratch: state) }
            }
        }
        if let out = statevectorPath {
            try NPY.write(UnsafeBufferPointer(states), shape: [rows, dimension], dtype: .complex128, to: out)
        }
        if let out = probabilitiesPath {
            try NPY.write(UnsafeBufferPointer(probabilities), shape: [rows, dimension], dtype: .float64, to: out)
        }
    }

    /// `lanes` rows at a time through the compiled program, one batched state per thread. The
    /// threads take ranges of consecutive blocks, a stage each, from a shared counter: a stage's
    /// rows are contiguous, so they are staged and written with one `pwrite` per file (one per block
    /// made the two threads queue on the file's lock hundreds of times), and a thread on a core shared
    /// with other work takes fewer stages instead of holding the others up. The stage is a quarter
    /// megabyte, so that it stays in L2 beside the batch until the kernel copies it out (1 MB cost 8%
    /// more CPU time in the 10-qubit sweep, written to memory and read back).
    private func runBatched(
        _ compiled: CompiledProgram, rows: Int, sources: [(column: Int?, value: Double)], values: [Double], columns: Int,
        outputs: BatchedSweepOutputs
    ) throws {
        let template = compiled.template
        let needsRows = outputs.states != nil || !outputs.paulis.isEmpty
        // Probabilities alone do not see the phases at the end of the circuit.
        let batch = needsRows ? BatchProgram(template) : BatchProgram(template).droppingTrailingPhases()
        let n = template.qubitCount, dimension = 1 << n
        let lanes = BatchedState.preferredLanes(qubitCount: n)
        let blocks = (rows + lanes - 1) / lanes
        let stageBlocks = max(1, (1 << 18) / (16 * lanes * dimension))
        // One stage per range, taken by whichever thread is free (a core shared with other work takes fewer).
        try Parallelism(threads: threads, minimumItems: 2).forEachWorker(count: blocks, grain: stageBlocks) { nextRange in
            var state = try BatchedState(qubitCount: n, lanes: lanes, maxPhaseQubits: template.maxPhaseQubits)
            var slots = [Double](repeating: 0, count: max(1, template.slotCount) * lanes)
            var inputs = [Double](repeating: 0, count: max(1, sources.count))
            let stageRows = stageBlocks * lanes
            let amplitudes = UnsafeMutableBufferPointer<Double>.allocate(capacity: needsRows ? 2 * stageRows * dimension : 0)
            let probabilities = UnsafeMutableBufferPointer<Double>.allocate(
                capacity: outputs.probabilities != nil ? stageRows * dimension : 0)
            defer {
                amplitudes.deallocate()
                probabilities.deallocate()
            }
            let scratch = try StateVector(qubitCount: n, parallelism: .serial)
            while let chunk = nextRange() {
                // A range is one stage: its rows are staged and written with one pwrite per file.
                var staged = 0
                for block in chunk {
                    let first = block * lanes, count = min(lanes, rows - first)
                    try slots.withUnsafeMutableBufferPointer { s in
                        for b in 0..<count {
                            for (i, source) in sources.enumerated() {
                                inputs[i] = source.column.map { values[(first + b) * columns + $0] } ?? source.value
                            }
                            try compiled.bind(inputs, lane: b, lanes: lanes, into: s.baseAddress!)
                        }
                        BatchedSimulator.run(batch, slots: UnsafeBufferPointer(s), into: &state)
                    }
                    if outputs.probabilities != nil {
                        state.copyProbabilities(count: count, to: probabilities.baseAddress! + staged * dimension, rowStride: dimension)
                    }
                    if needsRows {
                        let rowsOut = amplitudes.baseAddress! + 2 * staged * dimension
                        state.copyRows(count: count, to: rowsOut, rowStride: 2 * dimension)
                        for b in 0..<count where !outputs.paulis.isEmpty {
                            try outputs.writeExpectations(row: first + b, amplitudes: rowsOut + 2 * b * dimension, scratch: scratch)
                        }
                    }
                    staged += count
                }
                let range = (chunk.lowerBound * lanes)..<(chunk.lowerBound * lanes + staged)
                if let file = outputs.probabilities { try file.write(rows: range, from: probabilities.baseAddress!) }
                if let file = outputs.states { try file.write(rows: range, from: amplitudes.baseAddress!) }
            }
        }
    }
}

/// The outputs of a batched sweep: the `.npy` files written block by block, and the expectation
/// values (one slice per row, so rows can run on any thread).
struct BatchedSweepOutputs: @unchecked Sendable {
    let states: NPYRowWriter?
    let probabilities: NPYRowWriter?
    let expectations: UnsafeMutablePointer<Double>
    let paulis: [PauliString]

    func writeExpectations(row r: Int, amplitudes: UnsafePointer<Double>, scratch: StateVector) throws {
        scratch.withUnsafeMutableInterleaved { $0.baseAddress!.update(from: amplitudes, count: $0.count) }
        for (k, pauli) in paulis.enumerated() { expectations[r * paulis.count + k] = try scratch.expectation(pauli) }
    }
}

/// Where the rows of a sweep go: each row writes only its own slice of the outputs, so rows can
/// run on any thread.
struct SweepOutput: @unchecked Sendable {
    let dimension: Int
    let states: UnsafeMutablePointer<Double>?
    let probabilities: UnsafeMutablePointer<Double>?
    let expectations: UnsafeMutablePointer<Double>?
    let paulis: [PauliString]

    /// Writes row `r` from its interleaved amplitudes; `scratch` (a state of the right size) is
    /// used for the Pauli expectations.
    func write(row r: Int, amplitudes: UnsafePointer<Double>, scratch: StateVector) throws {
        if let states { (states + 2 * r * dimension).update(from: amplitudes, count: 2 * dimension) }
        if let probabilities {
            for i in 0..<dimension {
                probabilities[r * dimension + i] = amplitudes[2 * i] * amplitudes[2 * i] + amplitudes[2 * i + 1] * amplitudes[2 * i + 1]
            }
        }
        guard !paulis.isEmpty, let expectations else { return }
        if !scratch.withUnsafeInterleaved({ $0.baseAddress! == UnsafeMutablePointer(mutating: amplitudes) }) {
            scratch.withUnsafeMutableInterleaved { $0.baseAddress!.update(from: amplitudes, count: 2 * dimension) }
        }
        for (k, pauli) in paulis.enumerated() { expectations[r * paulis.count + k] = try scratch.expectation(pauli) }
    }
}
