import CircuitIR
import Foundation
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Single precision against double precision and against Qiskit's exact statevectors: every
/// operation kind on every layout, the reference circuits, QFT and random circuits; norms, Pauli
/// expectations, probabilities and seeded counts. Float amplitudes carry a relative rounding of
/// about 6e-8 per operation, so the bounds (1e-5 per amplitude, fidelity 1 - 1e-6) hold with
/// a wide margin while still failing on any wrong index, sign or coefficient.
@Suite struct SinglePrecisionTests {
    static let isas = InstructionSet.allCases.filter { $0 != .best && $0.isAvailable }

    static func single(_ psi: [Complex<Double>], isa: InstructionSet = .best, threads: Int = 1) throws -> SinglePrecisionStateVector {
        try SinglePrecisionStateVector(
            interleaved: psi.flatMap { [Float($0.real), Float($0.imaginary)] }, instructionSet: isa,
            parallelism: Parallelism(threads: threads, minimumItems: 1))
    }

    /// `|<s|d>|^2 / <s|s>`: the overlap of the directions. Each float-rounded gate matrix is unitary
    /// only to ~6e-8, so the norm of a float state drifts by about that per gate (a random walk:
    /// ~1e-6 after 500 gates, checked on its own), and the raw fidelity would count that drift twice.
    static func normalizedFidelity(_ s: SinglePrecisionStateVector, _ d: StateVector) -> Double {
        s.fidelity(with: d) / s.squaredNorm
    }

    static func maxDifference(_ s: SinglePrecisionStateVector, _ d: StateVector) -> Double {
        (0..<d.count).map { (s.amplitude($0) - d[$0]).length }.nanPropagatingMax()
    }

    @Test(arguments: isas)
    func everyOperationMatchesDoubleOnEveryLayout(isa: InstructionSet) throws {
        let n = GateApplicationTests.n
        let psi = DenseReference.randomState(qubits: n, seed: 11)
        for (k, op) in GateApplicationTests.operations().enumerated() {
            let s = try Self.single(psi, isa: isa, threads: k % 2 == 0 ? 1 : 3)
            try s.apply(op)
            let expected = DenseReference.apply(DenseReference.matrix(of: op, qubits: n), to: psi)
            let worst = (0..<s.count).map { (s.amplitude($0) - expected[$0]).length }.nanPropagatingMax()
            #expect(worst < 1e-6, "\(op.name) on \(op.qubits) controls \(op.controls) (\(isa)): error \(worst)")
        }
    }

    @Test(arguments: isas)
    func denseBlocksOfOneToFourQubits(isa: InstructionSet) throws {
        let n = 7
        let psi = DenseReference.randomState(qubits: n, seed: 12)
        let layouts: [[Int]] = [[0], [1], [5], [0, 1], [1, 0], [2, 6], [0, 3, 5], [4, 2, 3], [3, 0, 5, 2], [6, 4, 2, 5], [0, 1, 2, 3]]
        for (j, qubits) in layouts.enumerated() {
            let m = DenseReference.randomUnitary(1 << qubits.count, seed: 40 + UInt64(j))
            let s = try Self.single(psi, isa: isa, threads: j % 2 == 0 ? 1 : 3)
            let d = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
            s.applyDenseMatrix(m, on: qubits)
            d.applyDenseMatrix(m, on: qubits)
            #expect(Self.maxDifference(s, d) < 2e-6, "dense on \(qubits) (\(isa))")
            // Through apply(Operation) as well: unitaries of 3-4 qubits go to the dense kernel.
            let s2 = try Self.single(psi, isa: isa)
            try s2.apply(Operation(.unitary(m), qubits: qubits, name: "block"))
            #expect(Self.maxDifference(s2, d) < 2e-6, "apply(block) on \(qubits) (\(isa))")
        }
    }

    @Test(arguments: ReferenceCircuitTests.names)
    func referenceCircuitsMatchQiskitAndDouble(name: String) throws {
        let circuit = try QASMProgram.parse(contentsOf: ReferenceCircuitTests.fixture(name + ".qasm")).circuit()
        let reference = try NPY.read(ReferenceCircuitTests.fixture(name + ".npy"))
        let expected = try StateVector(interleaved: reference.scalars)
        for isa in Self.isas {
            for fused in [false, true] {
                let c = fused ? DiagonalFusion.fuse(circuit) : circuit
                let s = try Simulator(instructionSet: isa).singlePrecisionStatevector(c)
                #expect(s.fidelity(with: expected) >= 1 - 1e-6, "\(name) \(isa) fused \(fused)")
                #expect(Self.maxDifference(s, expected) <= 1e-5)
                #expect(isClose(s.squaredNorm, 1, absolute: 1e-5))
            }
        }
    }

    /// A random layered circuit on every qubit (low ones included): U3 layers, CX on random pairs,
    /// CP, SWAP and a few negated controls, followed by a QFT.
    static func randomCircuit(qubits n: Int, depth: Int, seed: UInt64) -> Circuit {
        var rng = SeededGenerator(seed: seed)
        var c = Circuit(qubitCount: n)
        func angle() -> Double { (rng.uniform() * 2 - 1) * .pi }
        func pair() -> (Int, Int) {
            let a = Int(rng.uniform() * Double(n)) % n
            var b = Int(rng.uniform() * Double(n)) % n
            if b == a { b = (a + 1) % n }
            return (a, b)
        }
        for layer in 0..<depth {
            for q in 0..<n { c.append(Operation(.unitary(.u(angle(), angle(), angle())), qubits: [q], name: "u3")) }
            for _ in 0..<(n / 2) {
                let (a, b) = pair()
                c.append(Operation(.unitary(.x), qubits: [b], controls: [Control(qubit: a, value: layer % 5 != 0)], name: "cx"))
            }
            let (a, b) = pair()
            c.append(Operation(.diagonal([.one, Complex(length: 1, phase: angle())]), qubits: [b], controls: [Control(qubit: a)], name: "cp"))
            if layer % 4 == 0 {
                let (x, y) = pair()
                c.append(Operation(.swap, qubits: [x, y], name: "swap"))
            }
        }
        c.operations += QFTAgainstFFTWTests.qftCircuit(n).operations
        return c
    }

    @Test func randomCircuitsAndQFTAgreeWithDouble() throws {
        for (n, seed) in [(9, UInt64(1)), (14, 2), (16, 3)] {
            let circuit = Self.randomCircuit(qubits: n, depth: 20, seed: seed)
            for threads in [1, 2] {
                let sim = Simulator(parallelism: Parallelism(threads: threads, minimumItems: 1 << 10))
                let d = try sim.statevector(circuit)
                let s = try sim.singlePrecisionStatevector(circuit)
                #expect(Self.normalizedFidelity(s, d) >= 1 - 1e-6, "n \(n) threads \(threads): \(1 - Self.normalizedFidelity(s, d))")
                #expect(s.fidelity(with: d) >= 1 - 1e-5)
                #expect(Self.maxDifference(s, d) <= 1e-5)
                #expect(isClose(s.squaredNorm, 1, absolute: 1e-5))
            }
        }
        // The QFT alone on 18 qubits from |0..0>: every amplitude is 2^-9 exactly.
        let qft = try Simulator().singlePrecisionStatevector(QFTAgainstFFTWTests.qftCircuit(18))
        let worst = (0..<qft.count).map { (qft.amplitude($0) - Complex(1.0 / 512, 0)).length }.nanPropagatingMax()
        #expect(worst < 1e-7)
    }

    @Test func measurementExpectationsAndProbabilitiesMatchDouble() throws {
        let psi = DenseReference.randomState(qubits: 8, seed: 21)
        for isa in Self.isas {
            let d = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
            let s = try Self.single(psi, isa: isa, threads: 2)
            for label in ["ZZZZZZZZ", "IIIIIIIX", "XYZIIZYX", "YIIIIIIY", "IXIYIZII", "ZIIIIIII"] {
                let p = try PauliString(label)
                #expect(isClose(try s.expectation(p), try d.expectation(p), absolute: 1e-6), "\(label) (\(isa))")
            }
            for q in 0..<8 { #expect(isClose(s.probabilityOfOne(q), d.probabilityOfOne(q), absolute: 1e-6)) }
            let ps = s.probabilities(), pd = d.probabilities()
            #expect(maxAbsDifference(ps, pd) < 1e-7)
            #expect(isClose(ps.reduce(0, +), 1, absolute: 1e-5))
            s.collapse(3, to: true, probability: s.probabilityOfOne(3))
            d.collapse(3, to: true, probability: d.probabilityOfOne(3))
            #expect(Self.maxDifference(s, d) < 1e-6)
            #expect(isClose(s.squaredNorm, 1, absolute: 1e-5))
        }
    }

    @Test func seededCountsEqualDoublePrecisionCounts() throws {
        // Terminal measurements (sampled from the final state) and mid-circuit ones (shot by shot).
        let h = GateMatrix.h, x = GateMatrix.x
        var ghz = Circuit(qubitCount: 3, clbitCount: 3)
        ghz.append(Operation(.unitary(h), qubits: [0], name: "h"))
        ghz.append(Operation(.unitary(x), qubits: [1], controls: [Control(qubit: 0)], name: "cx"))
        ghz.append(Operation(.unitary(x), qubits: [2], controls: [Control(qubit: 1)], name: "cx"))
        for q in 0..<3 { ghz.append(Operation(.measure(clbit: q), qubits: [q], name: "measure")) }
        var mid = Circuit(qubitCount: 2, clbitCount: 2)
        mid.append(Operation(.unitary(h), qubits: [0], name: "h"))
        mid.append(Operation(.measure(clbit: 0), qubits: [0], name: "measure"))
        mid.append(Operation(.unitary(x), qubits: [1], condition: Condition(clbits: [0, 1], value: 1), name: "x"))
        mid.append(Operation(.reset, qubits: [0], name: "reset"))
        mid.append(Operation(.measure(clbit: 1), qubits: [1], name: "measure"))
        let sim = Simulator()
        for circuit in [ghz, mid] {
            let a = try sim.counts(circuit, shots: 2000, seed: 9, precision: .single)
            #expect(a == (try sim.counts(circuit, shots: 2000, seed: 9, precision: .single)))
            #expect(a == (try sim.counts(circuit, shots: 2000, seed: 9, precision: .double)))
            #expect(a.shots == 2000 && a.counts.count == 2)
            #expect(a != (try sim.counts(circuit, shots: 2000, seed: 10, precision: .single)))
        }
    }

    @Test func copiesConversionsAndInterleavedAccess() throws {
        let psi = DenseReference.randomState(qubits: 4, seed: 31)
        let d = try StateVector(interleaved: psi.flatMap { [$0.real, $0.imaginary] })
        let s = try SinglePrecisionStateVector(d)
        #expect(Self.maxDifference(s, d) < 1e-7)
        let c = try s.copy()
        c.applySwap(0, 3)
        #expect(c.fidelity(with: s) < 0.999)
        c.assign(from: s)
        #expect(c.interleaved == s.interleaved)
        c.setZero()
        #expect(c[0] == Complex<Float>(1, 0) && c.squaredNorm == 1)
        #expect(throws: SimulationError.self) { try SinglePrecisionStateVector(interleaved: [1, 0, 0]) }
        #expect(throws: SimulationError.self) { try s.apply(Operation(.unitary(.x), qubits: [4], name: "x")) }
    }
}

extension SinglePrecisionTests {
    /// Prints the accuracy figures quoted in docs/precision.md (and asserts their bounds).
    @Test func accuracyFigures() throws {
        for (name, circuit) in [
            ("random d20 + QFT n14", Self.randomCircuit(qubits: 14, depth: 20, seed: 2)),
            ("QFT n14", QFTAgainstFFTWTests.qftCircuit(14)),
        ] {
            let d = try Simulator().statevector(circuit)
            let s = try Simulator().singlePrecisionStatevector(circuit)
            let raw = 1 - s.fidelity(with: d), normalized = 1 - Self.normalizedFidelity(s, d)
            let drift = abs(s.squaredNorm - 1), worst = Self.maxDifference(s, d)
            print("precision figures \(name): gates \(circuit.operations.count), 1-F \(raw), 1-F(normalized) \(normalized), |norm^2-1| \(drift), max |ds| \(worst)")
            #expect(normalized < 1e-6 && drift < 1e-5 && worst < 1e-5)
        }
    }
}
