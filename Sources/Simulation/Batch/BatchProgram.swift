import CircuitIR

/// A `CircuitTemplate` lowered to flat arrays of plain values, the form `BatchedSimulator` runs.
///
/// No step holds a reference (matrices, qubit lists, phase terms and fixed phases live in shared
/// flat arrays that steps index), so a run does no reference counting and no allocation: what is
/// left per gate is the kernel call, which is what makes re-binding a single small circuit cheap.
public struct BatchProgram: Sendable {
    enum Kind: UInt8, Sendable { case gate, cx, swap, rx, ry, phases }

    /// One step: `a`, `b` are qubits (or, for `phases`, the layer index in `a`); `index` is the
    /// offset of a gate's 8 matrix doubles.
    struct Step: Sendable {
        var kind: Kind
        var a: UInt32
        var b: UInt32 = 0
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
    }

    /// Number of qubits.
    public let qubitCount: Int
    /// Slots per circuit.
    public let slotCount: Int
    /// Widest phase layer.
    public let maxPhaseQubits: Int
    /// Gates of the template before fusion.
    public let gateCount: Int
    var steps: [Step] = []
    var layers: [Layer] = []
    var matrices: [Double] = []
    var qubits: [UInt32] = []
    /// Phase and global terms: mask, slot, coefficient (globals have mask 0).
    var masks: [Int] = []
    var slots: [Int] = []
    var coefficients: [Double] = []
    var fixed: [Double] = []
    /// The product state the leading fixed 1-qubit gates make from |0> (`n` rows of (a, b)
    /// amplitudes), or empty to start from |0>: a Hadamard layer first becomes the initial state
    /// instead of n passes over the batch.
    var initialFactors: [Double] = []

    /// Lowers `template`.
    public init(_ template: CircuitTemplate) {
        qubitCount = template.qubitCount
        slotCount = template.slotCount
        maxPhaseQubits = template.maxPhaseQubits
        gateCount = template.gateCount
        // Leading fixed 1-qubit gates (each qubit's first gates, before anything else touches it)
        // act on |0> independently: fold them into the initial product state.
        var first = 0
        var columns = [GateMatrix?](repeating: nil, count: template.qubitCount)
        while first < template.steps.count, case .gate(let q, let m) = template.steps[first] {
            columns[q] = columns[q].map { m * $0 } ?? m
            first += 1
        }
        if first > 0 {
            for q in 0..<template.qubitCount {
                let m = columns[q] ?? .identity(2)
                initialFactors += [m[0, 0].real, m[0, 0].imaginary, m[1, 0].real, m[1, 0].imaginary]
            }
        }
        for step in template.steps[first...] {
            switch step {
            case .gate(let q, let m):
                steps.append(Step(kind: .gate, a: UInt32(q), index: matrices.count))
                matrices += m.interleaved
            case .cx(let c, let t): steps.append(Step(kind: .cx, a: UInt32(c), b: UInt32(t)))
            case .swap(let p, let q): steps.append(Step(kind: .swap, a: UInt32(p), b: UInt32(q)))
            case .rotation(let axis, let q, let s, let coefficient, let constant):
                // .z never appears here: CircuitTemplate stores RZ as a phase layer.
                steps.append(Step(kind: axis == .y ? .ry : .rx, a: UInt32(q), slot: s, coefficient: coefficient, constant: constant))
            case .phases(let layer):
                let start = qubits.count, termStart = masks.count
                qubits += layer.qubits.map { UInt32($0) }
                for t in layer.terms { append(t) }
                let globalStart = masks.count
                for g in layer.globals { append(CircuitTemplate.PhaseTerm(mask: 0, slot: g.slot, coefficient: g.coefficient)) }
                var fixedStart = -1
                if let f = layer.fixed {
                    fixedStart = fixed.count
                    fixed += f
                }
                steps.append(Step(kind: .phases, a: UInt32(layers.count)))
                layers.append(Layer(qubits: start, k: layer.qubits.count, terms: termStart..<globalStart, globals: globalStart..<masks.count, fixed: fixedStart))
            }
        }
    }

    private mutating func append(_ t: CircuitTemplate.PhaseTerm) {
        masks.append(t.mask)
        slots.append(t.slot)
        coefficients.append(t.coefficient)
    }
}

extension BatchProgram {
    /// Borrowed views of the flat arrays for the length of a run.
    struct FlatArrays {
        let steps: UnsafeBufferPointer<Step>
        let layers: UnsafeBufferPointer<Layer>
        let matrices: UnsafePointer<Double>
        let qubits: UnsafePointer<UInt32>
        let masks: UnsafePointer<Int>
        let slots: UnsafePointer<Int>
        let coefficients: UnsafePointer<Double>
        let fixed: UnsafePointer<Double>
    }

    /// Calls `body` with the flat arrays borrowed (none is empty: each holds at least one element
    /// so every base address exists).
    func withFlatArrays<R>(_ body: (FlatArrays) -> R) -> R {
        steps.withUnsafeBufferPointer { steps in
            layers.withUnsafeBufferPointer { layers in
                (matrices.isEmpty ? [0] : matrices).withUnsafeBufferPointer { matrices in
                    (qubits.isEmpty ? [0] : qubits).withUnsafeBufferPointer { qubits in
                        (masks.isEmpty ? [0] : masks).withUnsafeBufferPointer { masks in
                            (slots.isEmpty ? [0] : slots).withUnsafeBufferPointer { slots in
                                (coefficients.isEmpty ? [0] : coefficients).withUnsafeBufferPointer { coefficients in
                                    (fixed.isEmpty ? [0] : fixed).withUnsafeBufferPointer { fixed in
                                        body(
                                            FlatArrays(
                                                steps: steps, layers: layers, matrices: matrices.baseAddress!, qubits: qubits.baseAddress!,
                                                masks: masks.baseAddress!, slots: slots.baseAddress!, coefficients: coefficients.baseAddress!,
                                                fixed: fixed.baseAddress!))
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
