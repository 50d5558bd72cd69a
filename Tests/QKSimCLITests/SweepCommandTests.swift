import Foundation
import QKSupport
import Testing
import _TestSupport

/// `qksim simulate --sweep`: every row of the table gives the same state as a single run with
/// `--param`, and bad tables are located errors.
@Suite struct SweepCommandTests {
    static let circuit = EndToEndTests.repository + "/circuits/zz_feature_map.qasm"

    @Test func rowsEqualSingleRuns() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        // Columns in a different order from the declarations: the header decides.
        let rows: [[Double]] = [[0.1, 0.2, 0.3, 0.4], [1.5, -0.7, 2.2, 0.0], [3.0, 3.0, 1.0, 2.0]]
        let csv = "x2,x0,x3,x1\n" + rows.map { r in "\(r[2]),\(r[0]),\(r[3]),\(r[1])" }.joined(separator: "\n") + "\n"
        try csv.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let sweep = try QKSimProcess.run([
            "simulate", Self.circuit, "--sweep", dir + "/p.csv", "--statevector", dir + "/s.npy", "--probabilities",
            dir + "/p.npy", "--expect", "ZZII", "--expect", "XIIX",
        ])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let states = try NPY.read(dir + "/s.npy"), probabilities = try NPY.read(dir + "/p.npy")
        #expect(states.shape == [3, 16] && probabilities.shape == [3, 16])
        let csvLines = sweep.stdout.split(separator: "\n").map(String.init)
        #expect(csvLines.first == "ZZII,XIIX")
        for (r, x) in rows.enumerated() {
            let params = x.enumerated().flatMap { ["--param", "x\($0.offset)=\($0.element)"] }
            let single = try QKSimProcess.run(
                ["simulate", Self.circuit, "--statevector", dir + "/one.npy", "--expect", "ZZII", "--expect", "XIIX"] + params)
            #expect(single.status == 0, "\(single.stderr)")
            let one = try NPY.read(dir + "/one.npy")
            let worst = (0..<32).map { abs(one.scalars[$0] - states.scalars[32 * r + $0]) }.nanPropagatingMax()
            #expect(worst < 1e-12, "row \(r): \(worst)")
            for i in 0..<16 {
                let p = one.scalars[2 * i] * one.scalars[2 * i] + one.scalars[2 * i + 1] * one.scalars[2 * i + 1]
                #expect(abs(p - probabilities.scalars[16 * r + i]) < 1e-12)
            }
            let expected = single.stdout.split(separator: "\n").filter { $0.hasPrefix("<") }.map { Double($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces))! }
            let got = csvLines[r + 1].split(separator: ",").map { Double($0)! }
            #expect(zip(expected, got).allSatisfy { abs($0 - $1) < 1e-12 }, "row \(r): \(expected) vs \(got)")
        }
        // Probabilities alone take the direct path from the batch: the same values.
        let alone = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/p.csv", "--probabilities", dir + "/p3.npy"])
        #expect(alone.status == 0, "\(alone.stderr)")
        let direct = try NPY.read(dir + "/p3.npy")
        #expect(direct.shape == [3, 16])
        #expect(zip(direct.scalars, probabilities.scalars).allSatisfy { abs($0 - $1) <= 1e-15 })
        // A .npy table (columns in declaration order) gives the same states.
        let table = rows.flatMap { $0 }
        try table.withUnsafeBufferPointer { try NPY.write($0, shape: [3, 4], dtype: .float64, to: dir + "/p2.npy") }
        let fromNPY = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/p2.npy", "--statevector", dir + "/s2.npy"])
        #expect(fromNPY.status == 0, "\(fromNPY.stderr)")
        #expect(try NPY.read(dir + "/s2.npy").scalars.elementsEqual(states.scalars))
    }

    /// Thousands of rows at 6 qubits: several staged writes per thread, states and probabilities
    /// equal to the circuit-by-circuit path's.
    @Test func largeTablesMatchThePerCircuitPath() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let n = 6, rows = 5000
        var qasm = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"
        for k in 0..<(2 * n) { qasm += "input float[64] t\(k);\n" }
        qasm += "qubit[\(n)] q;\n"
        for layer in 0..<2 {
            for j in 0..<n { qasm += "ry(t\(j + layer * n)) q[\(j)];\nrz(0.5 * t\((j + 1) % n)) q[\(j)];\n" }
            for j in 0..<(n - 1) { qasm += "cx q[\(j)], q[\(j + 1)];\n" }
        }
        try qasm.write(toFile: dir + "/c.qasm", atomically: true, encoding: .utf8)
        var rng = SeededGenerator(seed: 11)
        var csv = (0..<(2 * n)).map { "t\($0)" }.joined(separator: ",") + "\n"
        for _ in 0..<rows { csv += (0..<(2 * n)).map { _ in "\(6 * rng.uniform())" }.joined(separator: ",") + "\n" }
        try csv.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        for (flags, tag) in [([String](), "batched"), (["--no-fusion"], "reference")] {
            let run = try QKSimProcess.run(
                ["simulate", dir + "/c.qasm", "--sweep", dir + "/p.csv", "--statevector", dir + "/s-\(tag).npy", "--probabilities",
                 dir + "/p-\(tag).npy"] + flags)
            #expect(run.status == 0, "\(run.stderr)")
        }
        // Probabilities alone: the last RZ layer is dropped, and the last CX ladder left to the readout.
        let alone = try QKSimProcess.run(["simulate", dir + "/c.qasm", "--sweep", dir + "/p.csv", "--probabilities", dir + "/q-batched.npy"])
        #expect(alone.status == 0, "\(alone.stderr)")
        for (name, referenceName) in [("s", "s"), ("p", "p"), ("q", "p")] {
            let batched = try NPY.read(dir + "/\(name)-batched.npy"), reference = try NPY.read(dir + "/\(referenceName)-reference.npy")
            #expect(batched.shape == reference.shape && batched.shape[0] == rows)
            let worst = zip(batched.scalars, reference.scalars).map { abs($0 - $1) }.nanPropagatingMax()
            #expect(worst <= 1e-12, "\(name): \(worst)")
        }
    }

    @Test func badTablesAreLocatedErrors() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        try "x0,x1,x9,x3\n1,2,3,4\n".write(toFile: dir + "/unknown.csv", atomically: true, encoding: .utf8)
        let unknown = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/unknown.csv"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown.csv") && unknown.stderr.contains("'x9'"), "\(unknown.stderr)")

        try "x0,x1\n1,2\n".write(toFile: dir + "/missing.csv", atomically: true, encoding: .utf8)
        let missing = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/missing.csv"])
        #expect(missing.status != 0 && missing.stderr.contains("x2"), "\(missing.stderr)")

        try "x0,x1,x2,x3\n1,2,3\n".write(toFile: dir + "/ragged.csv", atomically: true, encoding: .utf8)
        let ragged = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/ragged.csv"])
        #expect(ragged.status != 0 && ragged.stderr.contains("ragged.csv:2"), "\(ragged.stderr)")

        let wide = [Double](repeating: 0, count: 10)
        try wide.withUnsafeBufferPointer { try NPY.write($0, shape: [2, 5], dtype: .float64, to: dir + "/wide.npy") }
        let shape = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/wide.npy"])
        #expect(shape.status != 0 && shape.stderr.contains("one column per input"), "\(shape.stderr)")

        try [Double]().withUnsafeBufferPointer { try NPY.write($0, shape: [0, 4], dtype: .float64, to: dir + "/empty.npy") }
        let empty = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/empty.npy"])
        #expect(empty.status != 0 && empty.stderr.contains("at least one row"), "\(empty.stderr)")

        let shots = try QKSimProcess.run(["simulate", Self.circuit, "--sweep", dir + "/wide.npy", "--shots", "10"])
        #expect(shots.status != 0 && shots.stderr.contains("--sweep"), "\(shots.stderr)")

        // A row whose angle cannot be evaluated stops the sweep and leaves no half-written output.
        let qasm = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] t;\nqubit[2] q;\nry(sqrt(t)) q[0];\ncx q[0], q[1];\n"
        try qasm.write(toFile: dir + "/sqrt.qasm", atomically: true, encoding: .utf8)
        try "t\n1\n4\n-1\n9\n".write(toFile: dir + "/domain.csv", atomically: true, encoding: .utf8)
        let domain = try QKSimProcess.run(["simulate", dir + "/sqrt.qasm", "--sweep", dir + "/domain.csv", "--probabilities", dir + "/d.npy"])
        #expect(domain.status != 0 && domain.stderr.contains("sqrt"), "\(domain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/d.npy"))
    }
}
