import Foundation
import QKSupport
import Testing

/// `qksim simulate --precision single` through the built binary: the same outputs as double
/// precision (complex64 .npy, float64 probabilities, seeded counts, expectations, JSON summary) and
/// the memory refusal counted at 8 bytes per amplitude.
@Suite struct PrecisionCLITests {
    static let repository = EndToEndTests.repository

    /// Reads a complex64 `.npy` written by qksim: checks the header and returns the amplitudes.
    static func readComplex64(_ path: String) throws -> (header: String, values: [Float]) {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 10 && bytes[0] == 0x93)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        let data = bytes[(10 + headerLength)...]
        let values = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return (header, values)
    }

    @Test func singlePrecisionOutputsMatchDouble() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let qft = Self.repository + "/circuits/qft4.qasm"
        let s = try QKSimProcess.run(["simulate", qft, "--precision", "single", "--statevector", dir + "/s.npy", "--probabilities", dir + "/ps.npy", "--json"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("\"precision\": \"single\""), "\(s.stdout)")
        let d = try QKSimProcess.run(["simulate", qft, "--statevector", dir + "/d.npy", "--probabilities", dir + "/pd.npy", "--json"])
        #expect(d.stdout.contains("\"precision\": \"double\""))
        let (header, single) = try Self.readComplex64(dir + "/s.npy")
        #expect(header.contains("'descr': '<c8'") && header.contains("'shape': (16,)"))
        #expect((10 + header.utf8.count) % 64 == 0, "data starts on a 64-byte boundary")
        let double = try NPY.read(dir + "/d.npy")
        #expect(single.count == 32 && double.scalars.count == 32)
        #expect(zip(single, double.scalars).allSatisfy { abs(Double($0) - $1) < 1e-6 })
        let ps = try NPY.read(dir + "/ps.npy"), pd = try NPY.read(dir + "/pd.npy")
        #expect(ps.dtype == .float64 && ps.shape == [16])
        #expect(zip(ps.scalars, pd.scalars).allSatisfy { abs($0 - $1) < 1e-6 })

        let bell = Self.repository + "/circuits/bell.qasm"
        let a = try QKSimProcess.run(["simulate", bell, "--precision", "single", "--shots", "500", "--seed", "4"])
        #expect(a.status == 0 && a.stderr.contains("single precision"), "\(a.stderr)")
        #expect(a.stdout == (try QKSimProcess.run(["simulate", bell, "--shots", "500", "--seed", "4"])).stdout)
        let e = try QKSimProcess.run(["simulate", bell, "--precision", "single", "--expect", "ZZ", "--expect", "XI"])
        let values = e.stdout.split(separator: "\n").compactMap { $0.split(separator: "=").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        #expect(values.count == 2 && abs(values[0] - 1) < 1e-6 && abs(values[1]) < 1e-6, "\(e.stdout)")
        let teleport = try QKSimProcess.run(["simulate", Self.repository + "/circuits/teleport.qasm", "--precision", "single", "--shots", "300", "--seed", "2"])
        #expect(teleport.status == 0, "\(teleport.stderr)")
        #expect(teleport.stdout == (try QKSimProcess.run(["simulate", Self.repository + "/circuits/teleport.qasm", "--shots", "300", "--seed", "2"])).stdout)
    }

    @Test func refusalCountsEightBytesPerAmplitude() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        try "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[40];\nh q[0];\n".write(toFile: dir + "/big.qasm", atomically: true, encoding: .utf8)
        let single = try QKSimProcess.run(["simulate", dir + "/big.qasm", "--precision", "single"])
        #expect(single.status != 0)
        #expect(single.stderr.contains("8 x 2^40 bytes = 8.0 TiB"), "\(single.stderr)")
        let double = try QKSimProcess.run(["simulate", dir + "/big.qasm", "--precision", "double"])
        #expect(double.stderr.contains("16 x 2^40 bytes = 16.0 TiB"), "\(double.stderr)")
        let bad = try QKSimProcess.run(["simulate", dir + "/big.qasm", "--precision", "half"])
        #expect(bad.status != 0 && bad.stderr.contains("half"), "\(bad.stderr)")
    }
}
