/// A quantum circuit: a register size and an ordered list of operations on it.
///
/// This is the whole interface between circuit files and the simulator (as in qsim, where a circuit
/// is just `num_qubits` and a gate list). Registers declared in a file survive only as names for
/// printing results: `qubitRegisters` and `classicalRegisters` map them onto the flat index ranges.
public struct Circuit: Sendable, Hashable {
    /// A named, contiguous range of qubit or classical-bit indices, as declared in a circuit file.
    public struct Register: Sendable, Hashable {
        /// The register's name in the file.
        public var name: String
        /// Index of its first bit in the flat numbering.
        public var start: Int
        /// Number of bits.
        public var size: Int

        /// Creates a register.
        public init(name: String, start: Int, size: Int) {
            self.name = name
            self.start = start
            self.size = size
        }
    }

    /// Number of qubits; qubit `i` is bit `i` of an amplitude index (Qiskit's order).
    public var qubitCount: Int
    /// Number of classical bits.
    public var clbitCount: Int
    /// The operations, in the order they are applied.
    public var operations: [Operation]
    /// Quantum registers in declaration order.
    public var qubitRegisters: [Register]
    /// Classical registers in declaration order.
    public var classicalRegisters: [Register]

    /// Creates a circuit. Without explicit registers, one register `q` (and `c` when there are
    /// classical bits) covers everything.
    public init(
        qubitCount: Int, clbitCount: Int = 0, operations: [Operation] = [],
        qubitRegisters: [Register]? = nil, classicalRegisters: [Register]? = nil
    ) {
        self.qubitCount = qubitCount
        self.clbitCount = clbitCount
        self.operations = operations
        self.qubitRegisters = qubitRegisters ?? [Register(name: "q", start: 0, size: qubitCount)]
        self.classicalRegisters =
            classicalRegisters ?? (clbitCount > 0 ? [Register(name: "c", start: 0, size: clbitCount)] : [])
    }

    /// Appends an operation.
    public mutating func append(_ operation: Operation) { operations.append(operation) }

    /// Number of operations that act on the state, counted as Qiskit's `QuantumCircuit.size()` does:
    /// barriers and uncontrolled global phases (which Qiskit keeps as a circuit attribute) excluded.
    public var gateCount: Int {
        operations.lazy.filter { op in
            switch op.kind {
            case .barrier: false
            case .globalPhase: !op.controls.isEmpty
            default: true
            }
        }.count
    }

    /// Circuit depth: the longest chain of operations that share a qubit or classical bit,
    /// counted as Qiskit's `QuantumCircuit.depth()` does (barriers do not count).
    public var depth: Int {
        var qubitLevel = [Int](repeating: 0, count: qubitCount)
        var clbitLevel = [Int](repeating: 0, count: clbitCount)
        var deepest = 0
        for op in operations {
            if case .barrier = op.kind { continue }
            let qs = op.allQubits
            if qs.isEmpty { continue }  // an uncontrolled global phase
            var cs: [Int] = op.condition?.clbits ?? []
            if case .measure(let c) = op.kind { cs.append(c) }
            let level = 1 + max(qs.map { qubitLevel[$0] }.max() ?? 0, cs.map { clbitLevel[$0] }.max() ?? 0)
            for q in qs { qubitLevel[q] = level }
            for c in cs { clbitLevel[c] = level }
            deepest = max(deepest, level)
        }
        return deepest
    }

    /// Whether the circuit needs shot-by-shot simulation: it measures before its end, resets, or
    /// conditions on classical bits. Otherwise its final state can be sampled once for all shots.
    public var needsShotByShot: Bool {
        var measured = Set<Int>()
        for op in operations {
            if op.condition != nil { return true }
            switch op.kind {
            case .reset: return true
            case .measure: measured.insert(op.qubits[0])
            case .barrier: continue
            default:
                if op.allQubits.contains(where: measured.contains) { return true }
            }
        }
        return false
    }
}
