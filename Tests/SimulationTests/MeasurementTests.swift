import CircuitIR
import Numerics
import QKSupport
@testable import Simulation
import Testing
import _TestSupport

@Suite struct MeasurementTests {
    static let h = GateMatrix(
        Complex(0.5.squareRoot()), Complex(0.5.squareRoot()), Complex(0.5.squareRoot()), Complex(-0.5.squareRoot()))
    static let x = GateMatrix(.zero, .one, .one, .zero)

    /// Pearson's chi-square statistic of observed counts against expected probabilities.
    func chiSquare(observed: [Int], probabilities: [Double], shots: Int) -> Double {
        zip(observed, probabilities).reduce(0) { sum, pair in
            let e = pair.1 * Double(shots)
            return e > 0 ? sum + (Double(pair.0) - e) * (Double(pair.0) - e) / e : sum
        }
    }

    @Test func sampledShotsFollowTheBornRule() throws {
        let psi = DenseReference.randomState(qubits: 4, seed: 3)
        let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        var rng = SeededGenerator(seed: 42)
        let shots = 20_000
        let samples = state.sampleIndices(shots: shots, using: &rng)
        #expect(samples.count == shots)
        var observed = [Int](repeating: 0, count: 16)
        for i in samples { observed[i] += 1 }
        let chi2 = chiSquare(observed: observed, probabilities: state.probabilities(), shots: shots)
        // 15 degrees of freedom: P(chi2 > 37.7) = 0.001.
        #expect(chi2 < 37.7, "chi-square \(chi2) is implausible for the Born rule")
        // And the test has power: a uniform distribution is rejected.
        let uniform = chiSquare(observed: observed, probabilities: [Double](repeating: 1.0 / 16, count: 16), shots: shots)
        #expect(uniform > 37.7)
    }

    @Test func countsAreSeededAndLabelledLikeQiskit() throws {
        // Bell pair into register c0 (2 bits), X on qubit 2 into register c1 (1 bit).
        var circuit = Circuit(
            qubitCount: 3, clbitCount: 3,
            classicalRegisters: [.init(name: "c0", start: 0, size: 2), .init(name: "c1", start: 2, size: 1)])
        circuit.append(Operation(.unitary(Self.h), qubits: [0], name: "h"))
        circuit.append(Operation(.unitary(Self.x), qubits: [1], controls: [Control(qubit: 0)], name: "cx"))
        circuit.append(Operation(.unitary(Self.x), qubits: [2], name: "x"))
        for q in 0..<3 { circuit.append(Operation(.measure(clbit: q), qubits: [q], name: "measure")) }
        let sim = Simulator()
        let a = try sim.counts(circuit, shots: 1000, seed: 7)
        let b = try sim.counts(circuit, shots: 1000, seed: 7)
        #expect(a == b)
        #expect(Set(a.counts.keys) == ["1 00", "1 11"])
        #expect(a.shots == 1000)
        #expect(abs(a.counts["1 00"]! - 500) < 80)
        #expect(try sim.counts(circuit, shots: 1000, seed: 8) != a)
    }

    @Test("Counts of distinct outcomes, labelled once each, equal labelling shot by shot; JSON sorted by label")
    func countsOfDistinctOutcomes() throws {
        // A random 5-qubit state; qubits 1 and 3 are not measured (several indices share a label),
        // the others go to two registers out of qubit order.
        let psi = DenseReference.randomState(qubits: 5, seed: 11)
        let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        var circuit = Circuit(
            qubitCount: 5, clbitCount: 3,
            classicalRegisters: [.init(name: "a", start: 0, size: 1), .init(name: "b", start: 1, size: 2)])
        for (qubit, clbit) in [(4, 0), (0, 1), (2, 2)] {
            circuit.append(Operation(.measure(clbit: clbit), qubits: [qubit], name: "measure"))
        }
        var unmeasured = Circuit(qubitCount: 5)
        unmeasured.append(Operation(.unitary(Self.x), qubits: [0], name: "x"))
        for (c, seed) in [(circuit, UInt64(3)), (unmeasured, UInt64(4))] {
            let counts = Counts(sampling: state, circuit: c, shots: 5000, seed: seed)
            var rng = SeededGenerator(seed: seed)
            var expected = [String: Int]()
            for i in state.sampleIndices(shots: 5000, using: &rng) {
                let label: String
                if c.clbitCount == 0 {
                    label = String((0..<5).reversed().map { (i >> $0) & 1 == 1 ? Character("1") : Character("0") })
                } else {
                    let bits = [(i >> 4) & 1 == 1, (i >> 0) & 1 == 1, (i >> 2) & 1 == 1]
                    label = Counts.label(bits: bits, registers: c.classicalRegisters)
                }
                expected[label, default: 0] += 1
            }
            #expect(counts.counts == expected)
            #expect(counts.counts.count == (c.clbitCount == 0 ? 32 : 8))
            let labels = counts.json.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            #expect(labels == expected.keys.sorted() && counts.json.hasPrefix("{\"") && counts.json.hasSuffix("}"))
        }
    }

    @Test("Counts sort by label: through the labels' bits where that orders them as strings, else as strings")
    func sortedByLabel() {
        var g = SeededGenerator(seed: 9)
        func bits(_ n: Int) -> String { String((0..<n).map { _ in g.uniform() < 0.5 ? Character("0") : Character("1") }) }
        var registers = [String: Int]()  // three registers of 3, 1 and 5 bits
        for _ in 0..<300 { registers[bits(3) + " " + bits(1) + " " + bits(5), default: 0] += 1 }
        let wide = Dictionary(uniqueKeysWithValues: (0..<50).map { i in (bits(70), i) })  // past 64 bits
        let mixed = ["10": 1, "1": 2, "011": 3, "0 1": 4, "01 ": 5, "a1": 6, "": 7]  // lengths, spaces, letters differ
        for labels in [registers, wide, mixed, ["0": 1], [:]] {
            let counts = Counts(labels)
            #expect(counts.sorted.map(\.label) == labels.keys.sorted(), "\(labels.keys.prefix(3))")
            #expect(counts.sorted.map(\.count) == labels.keys.sorted().map { labels[$0]! })
        }
        #expect(Counts.binaryKeys(Array(registers.keys)) != nil && Counts.binaryKeys(Array(wide.keys)) == nil)
        #expect(Counts.binaryKeys(["10", "1"]) == nil && Counts.binaryKeys(["0 1", "01 "]) == nil && Counts.binaryKeys(["a1"]) == nil)
    }

    @Test func midCircuitMeasurementResetAndConditions() throws {
        // Measure a |+> qubit, copy the result with a conditional X, then reset the first qubit.
        var circuit = Circuit(qubitCount: 2, clbitCount: 2)
        circuit.append(Operation(.unitary(Self.h), qubits: [0], name: "h"))
        circuit.append(Operation(.measure(clbit: 0), qubits: [0], name: "measure"))
        circuit.append(Operation(.unitary(Self.x), qubits: [1], condition: Condition(clbits: [0, 1], value: 1), name: "x"))
        circuit.append(Operation(.reset, qubits: [0], name: "reset"))
        circuit.append(Operation(.measure(clbit: 1), qubits: [1], name: "measure"))
        #expect(circuit.needsShotByShot)
        let counts = try Simulator().counts(circuit, shots: 2000, seed: 1)
        // Outcomes are perfectly correlated: 00 or 11, each about half the time.
        #expect(Set(counts.counts.keys).isSubset(of: ["00", "11"]))
        #expect(abs(counts.counts["11", default: 0] - 1000) < 120)
        // After the reset, qubit 0 is |0> whatever was measured.
        let final = try Simulator().statevector(circuit, seed: 3)
        #expect(isClose(final.probabilityOfOne(0), 0, absolute: 1e-15))
    }

    @Test func collapseRenormalises() throws {
        let psi = DenseReference.randomState(qubits: 3, seed: 5)
        let state = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        let p1 = state.probabilityOfOne(1)
        let expected = (0..<8).filter { ($0 >> 1) & 1 == 1 }.reduce(0.0) { $0 + psi[$1].lengthSquared }
        #expect(isClose(p1, expected, absolute: 1e-15))
        state.collapse(1, to: true, probability: p1)
        #expect(isClose(state.squaredNorm, 1, absolute: 1e-14))
        #expect(isClose(state.probabilityOfOne(1), 1, absolute: 1e-14))
    }
}
