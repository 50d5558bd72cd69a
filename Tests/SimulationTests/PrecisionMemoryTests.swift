import QKSupport
import Simulation
import Testing

/// The memory rule, bytes per amplitude x 2^n and nothing beside it, checked by arithmetic so that
/// nothing large is allocated: on a 24 GiB machine a 30-qubit state fits in single precision
/// (8 GiB) and in double (16 GiB), 31 qubits only in single (16 vs 32 GiB), 32 in neither.
@Suite struct PrecisionMemoryTests {
    static let gib: UInt64 = 1 << 30
    static let machine = 24 * gib

    @Test func bytesPerAmplitude() {
        #expect(Precision.single.bytesPerAmplitude == 8 && Precision.double.bytesPerAmplitude == 16)
        #expect(Precision.single.stateBytes(qubits: 30) == 8 * Double(Self.gib))
        #expect(Precision.double.stateBytes(qubits: 30) == 16 * Double(Self.gib))
    }

    @Test func thirtyQubitsFitInSinglePrecisionOn24GiB() throws {
        try Precision.single.requireFits(qubits: 30, availableBytes: Self.machine)
        try Precision.single.requireFits(qubits: 31, availableBytes: Self.machine)
        try Precision.double.requireFits(qubits: 30, availableBytes: Self.machine)
        try Precision.single.requireFits(qubits: 40, availableBytes: nil)  // unknown memory: not refused here
    }

    @Test func refusalsNameTheBytesPerAmplitude() {
        let refusals: [(Precision, Int, String)] = [
            (.single, 32, "a state of 32 qubits needs 8 x 2^32 bytes = 32.0 GiB, but only 24.0 GiB of memory is available"),
            (.double, 31, "a state of 31 qubits needs 16 x 2^31 bytes = 32.0 GiB, but only 24.0 GiB of memory is available"),
            (.single, 62, "a state of 62 qubits needs 8 x 2^62 bytes = 32.0 EiB, but only 24.0 GiB of memory is available"),
        ]
        for (precision, n, message) in refusals {
            do {
                try precision.requireFits(qubits: n, availableBytes: Self.machine)
                Issue.record("\(precision) \(n) qubits should be refused")
            } catch let error as SimulationError {
                #expect(error.description == message)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: SimulationError.tooManyQubits(63)) { try Precision.single.requireFits(qubits: 63, availableBytes: nil) }
    }

    @Test func theStateRefusesBeforeAllocating() {
        // 2^45 amplitudes = 256 TiB: refused from the arithmetic, never allocated.
        #expect(throws: SimulationError.self) { try SinglePrecisionStateVector(qubitCount: 45) }
        do {
            _ = try SinglePrecisionStateVector(qubitCount: 45)
        } catch {
            #expect("\(error)".contains("8 x 2^45 bytes = 256.0 TiB"))
        }
    }
}
