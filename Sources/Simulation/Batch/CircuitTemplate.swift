import CircuitIR
import Numerics

/// A circuit compiled once and re-bound per run: its structure (gates, qubits, fused phase layers)
/// is fixed, and its data- or parameter-dependent angles are read from a vector of *slots* that
/// each circuit of a batch fills with its own values.
///
/// A feature map `U(x)` or a VQC `U(theta)` is one template; the N circuits of a Gram matrix are N
/// slot vectors. Building the template is the only place where gates are expanded and diagonals
/// fused; binding a circuit is filling its slots (a few multiplications per angle), so the
/// per-circuit cost is the simulation alone (`BatchedSimulator` runs up to `lanes` circuits at once).
///
/// Steps act on every circuit of the batch:
/// - `gate`: one fixed 1-qubit matrix (a Hadamard layer, a basis change);
/// - `cx`, `swap`: fixed permutations;
/// - `rotation`: `exp(-i phi/2 P)`, `P` = X or Y, with `phi = constant + coefficient * slots[slot]`;
/// - `phases`: a diagonal `exp(i phi(l))` on a few qubits with
///   `phi(l) = fixed(l) + sum_g c_g slots[s_g] + sum_t c_t slots[s_t] parity(l & m_t)`, the form of
///   every Z-type gate (RZ, RZZ, MultiRZ, Pauli-word evolutions, P, CZ, CP with fixed angles).
///   Consecutive phase layers are fused into one as long as their qubits fit `maxPhaseQubits`
///   (the same run-merging `DiagonalFusion` does, kept symbolic so each circuit gets its own table).
public struct CircuitTemplate: Sendable {
    /// One parity term `coefficient * slots[slot] * parity(l & mask)` of a phase layer.
    public struct PhaseTerm: Sendable, Hashable {
        /// Bits of the layer's local index (bit j = the layer's j-th qubit).
        public var mask: Int
        /// The slot holding the angle.
        public var slot: Int
        /// Factor applied to the slot's value.
        public var coefficient: Double

        /// Creates a term.
        public init(mask: Int, slot: Int, coefficient: Double = 1) {
            self.mask = mask
            self.slot = slot
            self.coefficient = coefficient
        }
    }

    /// A diagonal on `qubits`: `exp(i phi(l))`, `phi` as in the type's documentation.
    public struct PhaseLayer: Sendable {
        /// The qubits (local bit j = `qubits[j]`).
        public var qubits: [Int] { didSet { kernelQubits = qubits.map { UInt32($0) } } }
        /// `qubits` as the kernels take them, kept so a run allocates nothing.
        private(set) var kernelQubits: [UInt32]
        /// Parity terms.
        public var terms: [PhaseTerm]
        /// Global (index-independent) terms, as `(slot, coefficient)`; their masks are ignored.
        public var globals: [PhaseTerm]
        /// Angle-independent phases, one per local index, or nil for none.
        public var fixed: [Double]?

        /// Creates a layer.
        public init(qubits: [Int], terms: [PhaseTerm], globals: [PhaseTerm], fixed: [Double]?) {
            self.qubits = qubits
            self.kernelQubits = qubits.map { UInt32($0) }
            self.terms = terms
            self.globals = globals
            self.fixed = fixed
        }
    }

    /// The Pauli generator of a per-circuit rotation on one qubit.
    public enum RotationAxis: Sendable, Hashable {
        /// `RX(phi) = exp(-i phi/2 X)`.
        case x
        /// `RY(phi) = exp(-i phi/2 Y)`.
        case y
        /// `RZ(phi) = exp(-i phi/2 Z)` (stored as a phase layer).
        case z
    }

    /// A compiled step.
    public enum Step: Sendable {
        /// A fixed 2x2 matrix on one qubit.
        case gate(qubit: Int, matrix: GateMatrix)
        /// CX with `control` and `target`.
        case cx(control: Int, target: Int)
        /// SWAP of two qubits.
        case swap(Int, Int)
        /// `exp(-i phi/2 P)` with `phi = constant + coefficient * slots[slot]`.
        case rotation(axis: RotationAxis, qubit: Int, slot: Int, coefficient: Double, constant: Double)
        /// A per-circuit diagonal.
        case phases(PhaseLayer)

        /// The qubits the step acts on.
        public var qubits: [Int] {
            switch self {
            case .gate(let q, _), .rotation(_, let q, _, _, _): return [q]
            case .cx(let c, let t): return [c, t]
            case .swap(let a, let b): return [a, b]
            case .phases(let layer): return layer.qubits
            }
        }
    }

    /// Number of qubits.
    public let qubitCount: Int
    /// Number of slots each circuit binds.
    public let slotCount: Int
    /// Widest phase layer that fusion may build.
    public let maxPhaseQubits: Int
    /// The compiled steps, in order.
    public private(set) var steps: [Step] = []
    /// Gates appended (before fusion): the circuit's size as written, for overhead figures.
    public private(set) var gateCount = 0

    /// An empty template. `maxPhaseQubits` defaults to the whole register up to 14 qubits (a phase
    /// table costs `2^k` per circuit), 12 beyond.
    public init(qubitCount: Int, slotCount: Int, maxPhaseQubits: Int? = nil) throws {
        guard (1...30).contains(qubitCount), slotCount >= 0 else {
            throw SimulationError.unsupported("a circuit template needs 1 to 30 qubits, got \(qubitCount)")
        }
        self.qubitCount = qubitCount
        self.slotCount = slotCount
        self.maxPhaseQubits = min(maxPhaseQubits ?? (qubitCount <= 14 ? qubitCount : 12), 20)
    }

    /// Appends a fixed 1-qubit matrix.
    public mutating func append(_ matrix: GateMatrix, on qubit: Int) throws {
        try check([qubit], "gate")
        guard matrix.dimension == 2 else { throw SimulationError.unsupported("a template gate step takes a 2x2 matrix") }
        gateCount += 1
        steps.append(.gate(qubit: qubit, matrix: matrix))
    }

    /// Appends a fixed IR operation: a 1-qubit unitary, CX or SWAP as itself, any diagonal (CZ, CP,
    /// S, T, controlled phases, global phases) as a fixed phase layer; barriers are dropped.
    ///
    /// - Throws: `SimulationError.unsupported` for operations with no template step (other
    ///   multi-qubit or controlled unitaries, measurements, resets, conditions).
    public mutating func append(_ op: Operation) throws {
        guard op.condition == nil else { throw SimulationError.unsupported("\(op.name): conditioned operations have no template step") }
        switch op.kind {
        case .barrier: return
        case .swap where op.controls.isEmpty && op.qubits.count == 2:
            try appendSwap(op.qubits[0], op.qubits[1])
            return
        case .globalPhase(let phi) where op.controls.isEmpty:
            try appendPhases(on: [0], terms: [], fixed: [phi, phi])
            return
        case .unitary(let m) where m.dimension == 2 && op.controls.isEmpty && !m.isDiagonal:
            try append(m, on: op.qubits[0])
            return
        case .unitary(let m)
        where m.dimension == 2 && op.controls.count == 1 && op.controls[0].value
            && m[0, 0] == .zero && m[1, 1] == .zero && m[0, 1] == .one && m[1, 0] == .one:
            try appendCX(control: op.controls[0].qubit, target: op.qubits[0])
            return
        default: break
        }
        if let d = DiagonalFusion.diagonalEntries(op), op.allQubits.count <= maxPhaseQubits {
            try appendDiagonal(d, on: op.allQubits)
            return
        }
        throw SimulationError.unsupported("\(op.name) on \(op.allQubits.count) qubit(s) has no batched template step")
    }

    /// Appends CX(control, target).
    public mutating func appendCX(control: Int, target: Int) throws {
        try check([control, target], "cx")
        gateCount += 1
        steps.append(.cx(control: control, target: target))
    }

    /// Appends SWAP(a, b).
    public mutating func appendSwap(_ a: Int, _ b: Int) throws {
        try check([a, b], "swap")
        gateCount += 1
        steps.append(.swap(a, b))
    }

    /// Appends `exp(-i phi/2 P)` on `qubit`, `phi = constant + coefficient * slots[slot]`.
    public mutating func appendRotation(
        _ axis: RotationAxis, on qubit: Int, slot: Int, coefficient: Double = 1, constant: Double = 0
    ) throws {
        try check([qubit], "r\(axis)")
        try checkSlot(slot)
        switch axis {
        case .z:
            // RZ(phi) = e^{-i phi/2} diag(1, e^{i phi}).
            try appendPhases(
                on: [qubit], terms: [PhaseTerm(mask: 1, slot: slot, coefficient: coefficient)],
                globals: [PhaseTerm(mask: 0, slot: slot, coefficient: -coefficient / 2)],
                fixed: constant == 0 ? nil : [-constant / 2, constant / 2])
        case .x, .y:
            gateCount += 1
            steps.append(.rotation(axis: axis, qubit: qubit, slot: slot, coefficient: coefficient, constant: constant))
        }
    }

    /// Appends a phase layer, fused with an earlier phase layer when their qubits fit
    /// `maxPhaseQubits` and the steps between them act on qubits disjoint from one of the two (a
    /// diagonal commutes with anything on other qubits, so that layer can move next to the other).
    /// This is what turns `RY RZ` on each qubit in turn into one RZ layer per row of gates.
    public mutating func appendPhases(on qubits: [Int], terms: [PhaseTerm], globals: [PhaseTerm] = [], fixed: [Double]? = nil)
        throws
    {
        try check(qubits, "phase layer")
        for t in terms + globals { try checkSlot(t.slot) }
        guard qubits.count <= 20, fixed.map({ $0.count == 1 << qubits.count }) ?? true else {
            throw SimulationError.unsupported("a phase layer on \(qubits.count) qubits needs 2^\(qubits.count) fixed phases")
        }
        gateCount += 1
        let layer = PhaseLayer(qubits: qubits, terms: terms, globals: globals, fixed: fixed)
        // Qubits of the non-diagonal steps between the candidate and the end (diagonals commute
        // with each other, so other phase layers never block a move). The look-back is bounded
        // to keep compiling linear in the circuit's size.
        var touched = Set<Int>()
        for index in steps.indices.reversed().prefix(64) {
            guard case .phases(let previous) = steps[index] else {
                touched.formUnion(steps[index].qubits)
                continue
            }
            let union = previous.qubits + qubits.filter { !previous.qubits.contains($0) }
            guard union.count <= maxPhaseQubits else { continue }
            if touched.isDisjoint(with: qubits) {
                steps[index] = .phases(Self.merge(previous, layer, on: union))  // the new layer moves back
                return
            }
            if touched.isDisjoint(with: previous.qubits) {
                steps.remove(at: index)  // the earlier layer moves forward
                steps.append(.phases(Self.merge(previous, layer, on: union)))
                return
            }
        }
        steps.append(.phases(layer))
    }

    /// Appends a fixed diagonal given by its entries (each of modulus 1) on `qubits`.
    public mutating func appendDiagonal(_ entries: [Complex<Double>], on qubits: [Int]) throws {
        guard entries.count == 1 << qubits.count, entries.allSatisfy({ abs($0.length - 1) <= 1e-12 }) else {
            throw SimulationError.unsupported("a template diagonal needs 2^k entries of modulus 1")
        }
        try appendPhases(on: qubits, terms: [], fixed: entries.map { $0.phase })
    }

    /// This template followed by `other` (same register), whose slots are renumbered to follow
    /// this one's: `slotCount + s` for its slot `s`. Phase layers fuse across the junction.
    public func appending(_ other: CircuitTemplate) throws -> CircuitTemplate {
        guard other.qubitCount == qubitCount else {
            throw SimulationError.unsupported("cannot append a \(other.qubitCount)-qubit template to a \(qubitCount)-qubit one")
        }
        var out = try CircuitTemplate(qubitCount: qubitCount, slotCount: slotCount + other.slotCount, maxPhaseQubits: maxPhaseQubits)
        out.steps = steps
        let shift = slotCount
        func shifted(_ t: PhaseTerm) -> PhaseTerm { PhaseTerm(mask: t.mask, slot: t.slot + shift, coefficient: t.coefficient) }
        for step in other.steps {
            switch step {
            case .gate(let q, let m): try out.append(m, on: q)
            case .cx(let c, let t): try out.appendCX(control: c, target: t)
            case .swap(let a, let b): try out.appendSwap(a, b)
            case .rotation(let axis, let q, let slot, let coefficient, let constant):
                try out.appendRotation(axis, on: q, slot: slot + shift, coefficient: coefficient, constant: constant)
            case .phases(let layer):
                try out.appendPhases(on: layer.qubits, terms: layer.terms.map(shifted), globals: layer.globals.map(shifted), fixed: layer.fixed)
            }
        }
        out.gateCount = gateCount + other.gateCount
        return out
    }

    /// `a` then `b` as one layer on `union` (which starts with `a.qubits`).
    static func merge(_ a: PhaseLayer, _ b: PhaseLayer, on union: [Int]) -> PhaseLayer {
        let position = b.qubits.map { q in union.firstIndex(of: q)! }
        func remap(_ mask: Int) -> Int {
            var out = 0
            for (j, p) in position.enumerated() where (mask >> j) & 1 == 1 { out |= 1 << p }
            return out
        }
        var fixed: [Double]? = nil
        if a.fixed != nil || b.fixed != nil {
            fixed = (0..<(1 << union.count)).map { l in
                let la = l & ((1 << a.qubits.count) - 1)
                var lb = 0
                for (j, p) in position.enumerated() { lb |= ((l >> p) & 1) << j }
                return (a.fixed?[la] ?? 0) + (b.fixed?[lb] ?? 0)
            }
        }
        let terms = a.terms + b.terms.map { PhaseTerm(mask: remap($0.mask), slot: $0.slot, coefficient: $0.coefficient) }
        return PhaseLayer(qubits: union, terms: terms, globals: a.globals + b.globals, fixed: fixed)
    }

    private func check(_ qubits: [Int], _ name: String) throws {
        for q in qubits where !(0..<qubitCount).contains(q) {
            throw SimulationError.unsupported("\(name) acts on qubit \(q), but the template has \(qubitCount) qubits")
        }
        guard Set(qubits).count == qubits.count else { throw SimulationError.unsupported("\(name) uses a qubit twice: \(qubits)") }
    }

    private func checkSlot(_ slot: Int) throws {
        guard (0..<slotCount).contains(slot) else {
            throw SimulationError.unsupported("slot \(slot) is not one of the template's \(slotCount) slots")
        }
    }
}
