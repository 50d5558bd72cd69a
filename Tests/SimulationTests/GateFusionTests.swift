import CircuitIR
import Numerics
import QKSupport
import Simulation
import Testing
import _TestSupport

/// Gate fusion is exact: fused and unfused circuits give the same state (1e-12) for random
/// circuits of every gate kind on 3-14 qubits and every block size, under the measured cost
/// models and under one that fuses everything; fused blocks are unitary and equal the product of
/// their gates (checked with the naive dense reference, which shares no code with the fuser).
@Suite struct GateFusionTests {
    static let models: [FusionCostModel] = [FusionTestCircuits.alwaysFuse, .avx2(threads: 1), .avx2(threads: 2)]

    @Test(arguments: [3, 5, 8, 11, 14])
    func fusedStatesEqualUnfused(qubits n: Int) throws {
        let circuit = FusionTestCircuits.random(qubits: n, gates: 10 * n, seed: UInt64(100 + n))
        let reference = try Simulator().statevector(circuit)
        for k in 1...StateVector.maxDenseMatrixQubits {
            for (m, model) in Self.models.enumerated() {
                let fused = GateFusion.fuse(circuit, maxQubits: k, costModel: model)
                let state = try Simulator().statevector(fused)
                let error = FusionTestCircuits.distance(state, reference)
                #expect(error < 1e-12, "n \(n), k \(k), model \(m): \(error)")
                let widest = fused.operations.filter { $0.name.hasPrefix("fused") }.map(\.qubits.count).max() ?? 0
                #expect(widest <= k, "n \(n), k \(k): a block on \(widest) qubits")
                if m == 0 {
                    #expect(fused.operations.count < circuit.operations.count, "n \(n), k \(k): nothing fused")
                    if k >= 2 { #expect(widest == min(k, n), "n \(n), k \(k): widest block \(widest)") }
                }
            }
        }
    }

    @Test(arguments: 2...5)
    func fusedBlocksAreTheProductOfTheirGates(k: Int) throws {
        // On k qubits the whole circuit's unitary is small: compare it before and after fusion.
        let circuit = FusionTestCircuits.random(qubits: k, gates: 30, seed: UInt64(200 + k))
        let fused = GateFusion.fuse(circuit, maxQubits: k, costModel: FusionTestCircuits.alwaysFuse)
        #expect(fused.operations.count < circuit.operations.count)
        func unitary(_ c: Circuit) -> [[Complex<Double>]] {
            let dim = 1 << k
            var u = (0..<dim).map { r in (0..<dim).map { c in r == c ? Complex<Double>.one : .zero } }
            for op in c.operations {
                let g = DenseReference.matrix(of: op, qubits: k)
                u = (0..<dim).map { r in (0..<dim).map { c in (0..<dim).reduce(.zero) { $0 + g[r][$1] * u[$1][c] } } }
            }
            return u
        }
        let a = unitary(circuit), b = unitary(fused)
        let worst = zip(a, b).map { zip($0, $1).map { ($0 - $1).length }.nanPropagatingMax() }.nanPropagatingMax()
        #expect(worst < 1e-12, "k \(k): \(worst)")
        for op in fused.operations {
            guard case .unitary(let m) = op.kind, op.name.hasPrefix("fused") else { continue }
            let product = m * m.adjoint
            #expect(product.maxDistance(to: .identity(m.dimension)) < 1e-12, "U U^dagger = I for \(op.qubits)")
        }
    }

    @Test func diagonalThenGateFusionOnTheQFT() throws {
        // The documented order: DiagonalFusion first (CP ladders become wide diagonals), then GateFusion.
        for n in [6, 10, 13] {
            let circuit = FusionTestCircuits.qft(qubits: n, seed: UInt64(n))
            let reference = try Simulator().statevector(circuit)
            for model in Self.models {
                let fused = GateFusion.fuse(DiagonalFusion.fuse(circuit), costModel: model)
                #expect(fused.operations.count < DiagonalFusion.fuse(circuit).operations.count || n < 8)
                let error = FusionTestCircuits.distance(try Simulator().statevector(fused), reference)
                #expect(error < 1e-12, "QFT n \(n): \(error)")
                #expect(GateFusion.estimatedCost(fused, costModel: model) <= GateFusion.estimatedCost(circuit, costModel: model))
            }
        }
    }

    @Test func layeredCircuitsFuseIntoWideBlocksUnderTheMeasuredModel() throws {
        let circuit = FusionTestCircuits.layered(qubits: 12, layers: 6, seed: 9)
        let reference = try Simulator().statevector(circuit)
        for threads in [1, 2] {
            let model = FusionCostModel.avx2(threads: threads)
            let fused = GateFusion.fuse(circuit, costModel: model)
            #expect(FusionTestCircuits.distance(try Simulator().statevector(fused), reference) < 1e-12)
            let widest = fused.operations.map(\.qubits.count).max()!
            #expect(widest >= 3, "u3 + CX ladders should fuse into blocks of 3 or more qubits")
            #expect(fused.operations.count * 3 < circuit.operations.count, "\(fused.operations.count) passes")
            #expect(GateFusion.estimatedCost(fused, costModel: model) < 0.7 * GateFusion.estimatedCost(circuit, costModel: model))
        }
    }

    @Test func expensiveBlocksAreNotEmitted() throws {
        // When dense blocks cost more than their gates, only same-qubit runs (one 2x2 or 4x4 pass) merge.
        let costly = FusionCostModel(matrix1: 1, controlledMatrix1: 1, matrix2: 1, swap: 1, phase: 1, diagonal: 1,
                                     dense: [0, 1, 1, 100, 100, 100])
        let circuit = FusionTestCircuits.random(qubits: 7, gates: 80, seed: 31)
        let fused = GateFusion.fuse(circuit, costModel: costly)
        #expect(fused.operations.allSatisfy { !$0.name.hasPrefix("fused") || $0.qubits.count <= 2 })
        let error = FusionTestCircuits.distance(try Simulator().statevector(fused), try Simulator().statevector(circuit))
        #expect(error < 1e-12)
    }

    @Test func measurementResetAndConditionsBreakBlocks() throws {
        var circuit = FusionTestCircuits.random(qubits: 6, gates: 30, seed: 41)
        circuit.clbitCount = 3
        circuit.classicalRegisters = [Circuit.Register(name: "c", start: 0, size: 3)]
        circuit.append(Operation(.measure(clbit: 0), qubits: [1], name: "measure"))
        circuit.append(Operation(.reset, qubits: [2], name: "reset"))
        circuit.append(Operation(.unitary(.x), qubits: [0], condition: Condition(clbits: [0], value: 1), name: "x"))
        circuit.operations += FusionTestCircuits.random(qubits: 6, gates: 30, seed: 42).operations
        circuit.append(Operation(.barrier, qubits: Array(0..<6), name: "barrier"))
        circuit.operations += FusionTestCircuits.random(qubits: 6, gates: 20, seed: 43).operations
        circuit.append(Operation(.measure(clbit: 1), qubits: [3], name: "measure"))
        circuit.append(Operation(.measure(clbit: 2), qubits: [5], name: "measure"))
        let nonUnitary = { (c: Circuit) in c.operations.filter { !$0.isUnitary || $0.condition != nil } }
        for k in 2...StateVector.maxDenseMatrixQubits {
            let fused = GateFusion.fuse(circuit, maxQubits: k, costModel: FusionTestCircuits.alwaysFuse)
            #expect(nonUnitary(fused) == nonUnitary(circuit), "measure, reset, conditions and barriers are kept in order")
            #expect(fused.operations.count < circuit.operations.count)
            let simulator = Simulator()
            let a = try simulator.counts(circuit, shots: 300, seed: 5), b = try simulator.counts(fused, shots: 300, seed: 5)
            #expect(a == b, "k \(k): counts differ")
            let sa = try simulator.statevector(circuit, seed: 3), sb = try simulator.statevector(fused, seed: 3)
            #expect(FusionTestCircuits.distance(sa, sb) < 1e-12)
        }
    }
}
