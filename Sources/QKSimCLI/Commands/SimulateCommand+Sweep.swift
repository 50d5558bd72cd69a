import CircuitIR
import Dispatch
import Foundation
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
            guard array.shape.count == 2, array.shape[1] == program.inputs.count else {
                throw InputError(
                    "expected a 2-D array with one column per input of \(file) (\(program.inputs.count): "
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
        let bytes = Double(rows) * Double(dimension)
            * ((statevectorPath != nil ? 16 : 0) + (probabilitiesPath != nil ? 8 : 0))
        if let available = SystemMemory.availableBytes, bytes > Double(available) / 2 {
            throw InputError(
                "the outputs of \(rows) circuits on \(n) qubits need \(Int(bytes / 1e6)) MB, more than half the free memory; "
                    + "split the table", file: path)
        }
        let stateCount = statevectorPath != nil ? 2 * rows * dimension : 0
        let probabilityCount = probabilitiesPath != nil ? rows * dimension : 0
        let states = UnsafeMutableBufferPointer<Double>.allocate(capacity: stateCount)
        let probabilities = UnsafeMutableBufferPointer<Double>.allocate(capacity: probabilityCount)
        let expectations = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows * pauliStrings.count)
        defer {
            states.deallocate()
            probabilities.deallocate()
            expectations.deallocate()
        }

        let start = DispatchTime.now().uptimeNanoseconds
        let rowPolicy = Parallelism(threads: threads, minimumItems: 2)
        // Each chunk writes only its own rows of the outputs.
        nonisolated(unsafe) let (sOut, pOut, eOut) = (states, probabilities, expectations)
        let fuse = !noFusion
        try rowPolicy.forEachChunkThrowing(count: rows) { chunk in
            let simulator = Simulator(parallelism: .serial)
            let state = try StateVector(qubitCount: n, parallelism: .serial)
            for r in chunk {
                var p = fixed
                for (j, name) in names.enumerated() { p[name] = values[r * columns + j] }
                let circuit = try program.circuit(parameters: p)
                try simulator.run(fuse ? DiagonalFusion.fuse(circuit) : circuit, into: state)
                state.withUnsafeInterleaved { amps in
                    if stateCount > 0 {
                        (sOut.baseAddress! + 2 * r * dimension).update(from: amps.baseAddress!, count: 2 * dimension)
                    }
                    if probabilityCount > 0 {
                        for i in 0..<dimension {
                            pOut[r * dimension + i] = amps[2 * i] * amps[2 * i] + amps[2 * i + 1] * amps[2 * i + 1]
                        }
                    }
                }
                for (k, pauli) in pauliStrings.enumerated() {
                    eOut[r * pauliStrings.count + k] = try state.expectation(pauli)
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        if let out = statevectorPath {
            try NPY.write(UnsafeBufferPointer(states), shape: [rows, dimension], dtype: .complex128, to: out)
        }
        if let out = probabilitiesPath {
            try NPY.write(UnsafeBufferPointer(probabilities), shape: [rows, dimension], dtype: .float64, to: out)
        }
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
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
    }
}
