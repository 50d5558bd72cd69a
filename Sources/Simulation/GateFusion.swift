import CircuitIR
import Numerics
import QKSupport

/// Merges runs of gates into dense k-qubit blocks (k <= 5), each applied in one pass over the
/// state, when a measured cost model says the block is cheaper than its gates: the idea of qsim's
/// and Qiskit Aer's fusers. A random layered circuit of one- and two-qubit gates spends most of its
/// time streaming the state through memory once per gate; a 4-qubit block does the work of ten or
/// more gates in one stream.
///
/// **The rule.** Operations are read in circuit order. Open blocks hold disjoint qubit sets. A
/// fusable operation (unconditioned, unitary, on at most k qubits counting controls) is merged
/// with every open block it shares a qubit with, if their qubits together number at most k;
/// otherwise those blocks are closed (emitted), largest first, until the rest fits, and it joins
/// the rest. Closing a block only reorders it with blocks on other qubits, which commute with it,
/// so the fused circuit applies the same unitary. A measurement, reset, conditioned operation or
/// barrier closes every open block; a unitary wider than k closes the blocks it touches.
///
/// **The cost decision.** A closed block is emitted as one operation (a dense matrix, or a
/// diagonal when all its gates are diagonal) only if its cost is below the sum of its gates'
/// costs (`FusionCostModel`); otherwise its gates are emitted one by one. Where the model has a
/// replay kernel (single precision) and the block holds only one-qubit gates and permutations
/// (CX, SWAP, X, ...), the dense block also carries its gates (`Operation.sequence`) when
/// replaying them is priced below the dense product: then wider blocks pay, since a replay costs
/// per gate, not 2^k per amplitude. The whole pass is run for k = 1 ... `maxQubits` and the plan
/// with the smallest total cost is kept, so k is chosen per circuit by measured cost.
///
/// **With diagonal fusion.** Run `DiagonalFusion` first and this second (as `qksim simulate`
/// does): diagonal fusion turns runs of phases (and CX-P-CX) into few wide diagonals, which this
/// pass keeps as they are when wider than k and fuses like any gate when not.
///
/// Exact up to rounding: tests check fused against unfused states to 1e-12.
public enum GateFusion {
    /// Returns `circuit` with gate runs merged into dense blocks of at most `maxQubits` qubits
    /// where `costModel` says that is cheaper; the block size is chosen per circuit. The plans
    /// and the blocks' matrices are computed on `parallelism`'s threads.
    public static func fuse(
        _ circuit: Circuit, maxQubits: Int = StateVector.maxDenseMatrixQubits,
        costModel: FusionCostModel = .avx2(threads: Parallelism.availableCores), parallelism: Parallelism = .serial
    ) -> Circuit {
        precondition(maxQubits >= 1 && maxQubits <= StateVector.maxDenseMatrixQubits, "maxQubits must be in 1...\(StateVector.maxDenseMatrixQubits)")
        // What each gate would cost a replay: computed once, not per block and block size.
        let replays = !costModel.sequencePass.isEmpty && circuit.qubitCount >= costModel.sequenceMinimumQubits
        let roles = circuit.operations.map { op -> Int? in
            replays && isFusable(op, qubitCount: circuit.qubitCount) ? Self.replaySteps(op) : nil
        }
        // The plans for k = 1...maxQubits are independent, and so are the blocks' matrices.
        let plans = parallelism.map(maxQubits) { i in plan(circuit, maxQubits: i + 1, costModel: costModel, replaySteps: roles) }
        let best = plans.dropFirst().reduce(plans[0]) { $1.cost < $0.cost ? $1 : $0 }
        var out = circuit
        out.operations = parallelism.map(best.steps.count) { i -> [Operation] in
            switch best.steps[i] {
            case .single(let op): [op]
            case .block(let qubits, let ops, let replay): [fusedOperation(ops, on: qubits, replay: replay)]
            }
        }.flatMap { $0 }
        return out
    }

    /// The estimated cost of running `circuit`'s unitary gates one by one, or after `fuse`: what
    /// the fuser minimises, in the cost model's units (milliseconds per pass at n = 22).
    public static func estimatedCost(_ circuit: Circuit, costModel: FusionCostModel = .avx2(threads: Parallelism.availableCores)) -> Double {
        circuit.operations.reduce(0) { $0 + costModel.cost(of: $1) }
    }

    /// One step of a plan: an operation kept as it is, or a block to be multiplied out (and, with
    /// `replay`, also kept as its gates for the replay kernel).
    enum Step {
        case single(Operation)
        case block(qubits: [Int], ops: [Operation], replay: Bool)
    }

    /// The blocks and kept operations for one block size, and their total cost. `replaySteps[i]`
    /// is what operation i adds to a replayed block (`replaySteps(_:)`; nil: not replayable).
    static func plan(
        _ circuit: Circuit, maxQubits k: Int, costModel: FusionCostModel, replaySteps: [Int?]
    ) -> (steps: [Step], cost: Double) {
        var steps: [Step] = []
        var cost = 0.0
        var open: [Int: (qubits: [Int], ops: [Operation], replaySteps: Int?)] = [:]  // keyed by a block id
        var owner = [Int?](repeating: nil, count: circuit.qubitCount)
        var nextID = 0

        func close(_ id: Int) {
            guard let block = open.removeValue(forKey: id) else { return }
            for q in block.qubits { owner[q] = nil }
            let separate = block.ops.reduce(0) { $0 + costModel.cost(of: $1) }
            let qubits = block.qubits.sorted()
            let fused = fusedCost(block.ops, qubits: qubits, costModel: costModel, replaySteps: block.replaySteps)
            if block.ops.count > 1 && fused.cost < separate {
                steps.append(.block(qubits: qubits, ops: block.ops, replay: fused.replay))
                cost += fused.cost
            } else {
                steps += block.ops.map(Step.single)
                cost += separate
            }
        }
        func closeAll() {
            for id in open.keys.sorted() { close(id) }
        }

        for (index, op) in circuit.operations.enumerated() {
            if case .globalPhase = op.kind, op.controls.isEmpty, op.condition == nil {
                steps.append(.single(op))  // a scalar: commutes with everything, costs no pass
                continue
            }
            guard isFusable(op, qubitCount: circuit.qubitCount) else {
                if op.condition == nil, op.isUnitary, op.allQubits.allSatisfy({ $0 >= 0 && $0 < circuit.qubitCount }) {
                    // Too wide to fuse: only the blocks it touches must come before it.
                    for id in Set(op.allQubits.compactMap { owner[$0] }).sorted() { close(id) }
                } else {
                    closeAll()
                }
                steps.append(.single(op))
                cost += costModel.cost(of: op)
                continue
            }
            let qs = op.allQubits
            if qs.count > k {
                for id in Set(qs.compactMap { owner[$0] }).sorted() { close(id) }
                steps.append(.single(op))
                cost += costModel.cost(of: op)
                continue
            }
            var touched = Set(qs.compactMap { owner[$0] }).sorted()
            func union() -> Set<Int> { touched.reduce(into: Set(qs)) { $0.formUnion(open[$1]!.qubits) } }
            while union().count > k {
                // Close the largest touched block: it is the one least able to grow further.
                let largest = touched.max { open[$0]!.qubits.count < open[$1]!.qubits.count }!
                close(largest)
                touched.removeAll { $0 == largest }
            }
            var merged: (qubits: [Int], ops: [Operation], replaySteps: Int?) = ([], [], 0)
            func add(_ a: Int?, _ b: Int?) -> Int? { a.flatMap { a in b.map { a + $0 } } }
            for id in touched {
                let block = open.removeValue(forKey: id)!
                merged.qubits += block.qubits
                merged.ops += block.ops
                merged.replaySteps = add(merged.replaySteps, block.replaySteps)
            }
            for q in qs where !merged.qubits.contains(q) { merged.qubits.append(q) }
            merged.ops.append(op)
            merged.replaySteps = add(merged.replaySteps, replaySteps[index])
            let id = nextID
            nextID += 1
            for q in merged.qubits { owner[q] = id }
            open[id] = merged
        }
        closeAll()
        return (steps, cost)
    }

    /// Whether `op` may join a block: an unconditioned unitary with distinct, in-range qubits
    /// and a matrix of the right size. Anything else passes through untouched, so the simulator
    /// reports malformed operations exactly as without fusion.
    static func isFusable(_ op: Operation, qubitCount: Int) -> Bool {
        guard op.condition == nil else { return false }
        let qs = op.allQubits
        guard !qs.isEmpty, qs.count <= StateVector.maxDenseMatrixQubits, Set(qs).count == qs.count,
            qs.allSatisfy({ $0 >= 0 && $0 < qubitCount })
        else { return false }
        switch op.kind {
        case .unitary(let m): return m.dimension == 1 << op.qubits.count
        case .diagonal(let d): return d.count == 1 << op.qubits.count
        case .swap: return op.qubits.count == 2
        case .globalPhase: return op.qubits.isEmpty
        case .fourier, .measure, .reset, .barrier: return false
        }
    }

    /// A block of diagonal gates costs one diagonal pass; any other block one dense pass, or its
    /// replay (`replay` true) where the model has one for its size and that is cheaper.
    /// `replaySteps`: the block's one-qubit gates when it can be replayed (nil: it cannot).
    static func fusedCost(
        _ ops: [Operation], qubits: [Int], costModel: FusionCostModel, replaySteps: Int?
    ) -> (cost: Double, replay: Bool) {
        if ops.allSatisfy({ DiagonalFusion.diagonalEntries($0) != nil }) {
            return (qubits.count <= 1 ? costModel.phase : costModel.diagonal, false)
        }
        let dense = costModel.denseCost(qubits: qubits.count)
        let lanes = qubits.contains { $0 < 2 }
        if let steps = replaySteps,
            let replay = costModel.sequenceCost(qubits: qubits.count, steps: steps, lanes: lanes), replay < dense,
            // With qubit 0 or 1, a permutation can mix lanes in a way the kernel has no step for.
            !lanes || gateSequence(ops, on: qubits).flatMap({ ReplayProgram($0, qubits: qubits) }) != nil
        {
            return (replay, true)
        }
        return (dense, false)
    }

    /// The single operation equivalent to `ops` in order, on `qubits` (sorted; local bit j is
    /// qubit `qubits[j]`): a diagonal when every gate is diagonal, else a dense unitary, which
    /// with `replay` also carries the gates as a `GateSequence`.
    static func fusedOperation(_ ops: [Operation], on qubits: [Int], replay: Bool = false) -> Operation {
        if ops.allSatisfy({ DiagonalFusion.diagonalEntries($0) != nil }) {
            let merged = DiagonalFusion.merge(ops, maxQubits: qubits.count)
            if merged.count == 1 { return merged[0] }
        }
        if replay, let sequence = gateSequence(ops, on: qubits) {
            return Operation(sequence: sequence, qubits: qubits, name: "fused-\(qubits.count)q")
        }
        return Operation(.unitary(blockMatrix(ops, on: qubits)), qubits: qubits, name: "fused-\(qubits.count)q")
    }
}
