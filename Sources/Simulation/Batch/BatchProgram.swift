import CircuitIR

/// A `CircuitTemplate` lowered to flat arrays of plain values, the form `BatchedSimulator` runs.
///
/// No step holds a reference (matrices, qubit lists, permutation cycles, phase terms and fixed
/// phases live in shared flat arrays that steps index), so a run does no reference counting and no
/// allocation: what is left per gate is the kernel call, which is what makes re-binding a single
/// small circuit cheap.
///
/// Lowering also reshapes the circuit where a cheaper equivalent exists:
/// - the *prologue*: every qubit's gates before anything entangles it (1-qubit gates, rotations,
///   separable phases) act on `|0>` alone, so they become each lane's initial product state
///   instead of passes over the batch (a data-encoding layer costs one product, not `n` passes);
/// - a run of two or more CX/SWAP gates becomes one permutation of the amplitude rows;
/// - a phase layer whose terms are all single-qubit (an RZ layer) builds its table as a product
///   of per-qubit phases rather than by a Walsh-Hadamard transform and a sincos per entry.
public struct BatchProgram: Sendable {
    enum Kind: UInt8, Sendable { case gate, cx, swap, rx, ry, phases, permutation }

    /// One step: `a`, `b` are qubits (for `phases`, the layer index in `a`); `index` is the offset
    /// of a gate's 8 matrix doubles, or of a permutation's cycles in `words` (`slot` = their length;
    /// `b` = the offset of its `2^n` destinations there: row `i` moves to row `words[b + i]`; its
    /// `2^n` sources follow them: row `i` comes from row `words[b + 2^n + i]`).
    struct Step: Sendable {
        var kind: Kind
        var a: UInt32
        var b: UInt32 = 0
        var slot: Int = 0
        var coefficient: Double = 0
        var constant: Double = 0
        var index: Int = 0
    }

    /// One factor of the prologue, applied to a qubit's 1-qubit state `(a, b)` in each lane.
    struct PrologueStep: Sendable {
        enum Kind: UInt8, Sendable {
            /// The shared matrix at `index`.
            case gate
            /// `exp(-i phi/2 X)` or `exp(-i phi/2 Y)`, `phi = constant + coefficient * slots[slot]`.
            case rx, ry
            /// `b *= exp(i coefficient * slots[slot])`.
            case phase
            /// `a, b *= exp(i coefficient * slots[slot])` (a global phase, kept on one qubit).
            case global
            /// `a *= exp(i coefficient)`, `b *= exp(i constant)`.
            case fixedPhase
        }
        var kind: Kind
        var qubit: Int
        var slot: Int = 0
        var coefficient: Double = 0
        var constant: Double = 0
        var index: Int = 0
    }

    /// A phase layer's ranges in the flat arrays (`fixed < 0` for none).
    struct Layer: Sendable {
        var qubits: Int
        var k: Int
        var terms: Range<Int>
        var globals: Range<Int>
        var fixed: Int
        /// No fixed phases and only single-qubit terms: the table is a product of per-qubit phases.
        var separable: Bool
    }

    /// Runs of CX/SWAP become one permutation only up to this many qubits (the cycles hold up to
    /// `2^n` indices).
    static let maxPermutationQubits = 16

    /// Number of qubits.
    public let qubitCount: Int
    /// Slots per circuit.
    public let slotCount: Int
    /// Widest phase layer.
    public let maxPhaseQubits: Int
    /// Gates of the template before fusion.
    public let gateCount: Int
    /// Angles a run evaluates sin and cos of: prologue steps other than fixed gates, and RX/RY steps.
    private(set) var trigonometricRows = 0
    var steps: [Step] = []
    var prologue: [PrologueStep] = []
    var layers: [Layer] = []
    var matrices: [Double] = []
    /// 32-bit words: the phase layers' qubit lists and the permutations' cycles.
    var words: [UInt32] = []
    /// Phase and global terms: mask, slot, coefficient (globals have mask 0).
    var masks: [Int] = []
    var slots: [Int] = []
    var coefficients: [Double] = []
    var fixed: [Double] = []

    /// Lowers `template`.
    public init(_ template: CircuitTemplate) {
        qubitCount = template.qubitCount
        slotCount = template.slotCount
        maxPhaseQubits = template.maxPhaseQubits
        gateCount = template.gateCount
        var open = [Bool](repeating: true, count: qubitCount)
        var kept: [CircuitTemplate.Step] = []
        for step in template.steps {
            // A step whose qubits are all still unentangled commutes with every kept step before
            // it (those act on other qubits), so it can move to the front, into the product state.
            if step.qubits.allSatisfy({ open[$0] }), absorb(step) { continue }
            kept.append(step)
            for q in step.qubits { open[q] = false }
        }
        var run: [CircuitTemplate.Step] = []
        for step in kept {
            switch step {
            case .cx, .swap:
                run.append(step)
                continue
            default:
                flush(&run)
            }
            switch step {
            case .gate(let q, let m):
                steps.append(Step(kind: .gate, a: UInt32(q), index: matrices.count))
                matrices += m.interleaved
            case .rotation(let axis, let q, let s, let coefficient, let constant):
                // .z never appears here: CircuitTemplate stores RZ as a phase layer.
                steps.append(Step(kind: axis == .y ? .ry : .rx, a: UInt32(q), slot: s, coefficient: coefficient, constant: constant))
            case .phases(let layer): appendLayer(layer)
            case .cx, .swap: break
            }
        }
        flush(&run)
        trigonometricRows = prologue.count { $0.kind != .gate } + steps.count { $0.kind == .rx || $0.kind == .ry }
    }

    /// Whether any step is a permutation (a run may then move the rows into spare planes).
    var hasPermutations: Bool { steps.contains { $0.kind == .permutation } }

    /// The program without the phase layers that only permutations (CX, SWAP) and other phase
    /// layers follow: for a caller that reads probabilities only, they change no `|amplitude|^2`
    /// (a diagonal moved through a permutation stays diagonal). The last RZ layer of a layered
    /// ansatz is such a layer, a fifth of a 10-qubit sweep's work.
    public func droppingTrailingPhases() -> BatchProgram {
        var copy = self
        var end = steps.count
        while end > 0, [.phases, .permutation, .cx, .swap].contains(steps[end - 1].kind) { end -= 1 }
        copy.steps = Array(steps[..<end]) + steps[end...].filter { $0.kind != .phases }
        return copy
    }

    /// Adds `step` to the prologue if it has a per-qubit form.
    private mutating func absorb(_ step: CircuitTemplate.Step) -> Bool {
        switch step {
        case .gate(let q, let m):
            prologue.append(PrologueStep(kind: .gate, qubit: q, index: matrices.count))
            matrices += m.interleaved
        case .rotation(let axis, let q, let s, let coefficient, let constant):
            prologue.append(PrologueStep(kind: axis == .y ? .ry : .rx, qubit: q, slot: s, coefficient: coefficient, constant: constant))
        case .phases(let layer):
            guard layer.terms.allSatisfy({ Self.isSingleBit($0.mask) }), layer.fixed == nil || layer.qubits.count == 1 else { return false }
            if let f = layer.fixed { prologue.append(PrologueStep(kind: .fixedPhase, qubit: layer.qubits[0], coefficient: f[0], constant: f[1])) }
            for t in layer.terms {
                prologue.append(PrologueStep(kind: .phase, qubit: layer.qubits[t.mask.trailingZeroBitCount], slot: t.slot, coefficient: t.coefficient))
            }
            for g in layer.globals { prologue.append(PrologueStep(kind: .global, qubit: 0, slot: g.slot, coefficient: g.coefficient)) }
        case .cx, .swap: return false
        }
        return true
    }

    /// Lowers a run of CX/SWAP gates: one gate as itself, more as one permutation.
    private mutating func flush(_ run: inout [CircuitTemplate.Step]) {
        defer { run.removeAll(keepingCapacity: true) }
        guard run.count >= 2, qubitCount <= Self.maxPermutationQubits else {
            for step in run {
                switch step {
                case .cx(let c, let t): steps.append(Step(kind: .cx, a: UInt32(c), b: UInt32(t)))
                case .swap(let p, let q): steps.append(Step(kind: .swap, a: UInt32(p), b: UInt32(q)))
                default: break
                }
            }
            return
        }
        let cycles = Self.cycles(of: run, qubits: qubitCount)
        let destinations = Self.destinations(of: run, qubits: qubitCount)
        steps.append(Step(kind: .permutation, a: 0, b: UInt32(words.count + cycles.count), slot: cycles.count, index: words.count))
        words += cycles
        words += destinations
        var sources = [UInt32](repeating: 0, count: destinations.count)
        for (i, d) in destinations.enumerated() { sources[Int(d)] = UInt32(i) }
        words += sources
    }

    /// Where each row goes under a run of CX/SWAP gates: gate `g` sends basis state `i` to `g(i)`,
    /// so row `i` ends at `g_m(... g_1(i))` (the inverse of `cycles(of:)`'s source map).
    static func destinations(of run: [CircuitTemplate.Step], qubits n: Int) -> [UInt32] {
        (0..<(1 << n)).map { start in
            var i = start
            for step in run {
                switch step {
                case .cx(let c, let t): if (i >> c) & 1 == 1 { i ^= 1 << t }
                case .swap(let p, let q): if (i >> p) & 1 != (i >> q) & 1 { i ^= (1 << p) | (1 << q) }
                default: break
                }
            }
            return UInt32(i)
        }
    }

    /// The cycles of the row permutation a run of CX/SWAP gates makes, in `qk_batch_permute`'s
    /// encoding. Gate `g` sends basis state `i` to `g(i)`, so after `g_1 ... g_m` row `j` holds
    /// the old row `g_1(g_2(... g_m(j)))` (each gate is its own inverse).
    static func cycles(of run: [CircuitTemplate.Step], qubits n: Int) -> [UInt32] {
        let dimension = 1 << n
        var source = [UInt32](repeating: 0, count: dimension)
        for j in 0..<dimension {
            var i = j
            for step in run.reversed() {
                switch step {
                case .cx(let c, let t): if (i >> c) & 1 == 1 { i ^= 1 << t }
                case .swap(let p, let q): if (i >> p) & 1 != (i >> q) & 1 { i ^= (1 << p) | (1 << q) }
                default: break
                }
            }
            source[j] = UInt32(i)
        }
        var visited = [Bool](repeating: false, count: dimension), out: [UInt32] = []
        for start in 0..<dimension where !visited[start] && Int(source[start]) != start {
            let head = out.count
            out.append(0)
            var j = start
            repeat {
                visited[j] = true
                out.append(UInt32(j))
                j = Int(source[j])
            } while j != start
            out[head] = UInt32(out.count - head - 1)
        }
        return out
    }

    private mutating func appendLayer(_ layer: CircuitTemplate.PhaseLayer) {
        let start = words.count, termStart = masks.count
        words += layer.qubits.map { UInt32($0) }
        for t in layer.terms { append(t) }
        let globalStart = masks.count
        for g in layer.globals { append(CircuitTemplate.PhaseTerm(mask: 0, slot: g.slot, coefficient: g.coefficient)) }
        var fixedStart = -1
        if let f = layer.fixed {
            fixedStart = fixed.count
            fixed += f
        }
        let separable = layer.fixed == nil && layer.terms.allSatisfy { Self.isSingleBit($0.mask) }
        steps.append(Step(kind: .phases, a: UInt32(layers.count)))
        layers.append(
            Layer(
                qubits: start, k: layer.qubits.count, terms: termStart..<globalStart, globals: globalStart..<masks.count, fixed: fixedStart,
                separable: separable))
    }

    private mutating func append(_ t: CircuitTemplate.PhaseTerm) {
        masks.append(t.mask)
        slots.append(t.slot)
        coefficients.append(t.coefficient)
    }

    static func isSingleBit(_ mask: Int) -> Bool { mask > 0 && mask & (mask - 1) == 0 }
}

extension BatchProgram {
    /// Borrowed views of the flat arrays for the length of a run.
    struct FlatArrays {
        let steps: UnsafeBufferPointer<Step>
        let prologue: UnsafeBufferPointer<PrologueStep>
        let layers: UnsafeBufferPointer<Layer>
        let matrices: UnsafePointer<Double>
        let words: UnsafePointer<UInt32>
        let masks: UnsafePointer<Int>
        let slots: UnsafePointer<Int>
        let coefficients: UnsafePointer<Double>
        let fixed: UnsafePointer<Double>
    }

    /// Calls `body` with the flat arrays borrowed (none is empty: each holds at least one element
    /// so every base address exists).
    func withFlatArrays<R>(_ body: (FlatArrays) -> R) -> R {
        steps.withUnsafeBufferPointer { steps in
            prologue.withUnsafeBufferPointer { prologue in
                layers.withUnsafeBufferPointer { layers in
                    (matrices.isEmpty ? [0] : matrices).withUnsafeBufferPointer { matrices in
                        (words.isEmpty ? [0] : words).withUnsafeBufferPointer { words in
                            (masks.isEmpty ? [0] : masks).withUnsafeBufferPointer { masks in
                                (slots.isEmpty ? [0] : slots).withUnsafeBufferPointer { slots in
                                    (coefficients.isEmpty ? [0] : coefficients).withUnsafeBufferPointer { coefficients in
                                        (fixed.isEmpty ? [0] : fixed).withUnsafeBufferPointer { fixed in
                                            body(
                                                FlatArrays(
                                                    steps: steps, prologue: prologue, layers: layers, matrices: matrices.baseAddress!,
                                                    words: words.baseAddress!, masks: masks.baseAddress!, slots: slots.baseAddress!,
                                                    coefficients: coefficients.baseAddress!, fixed: fixed.baseAddress!))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
