import QKSupport

/// Turns a parsed program with bound inputs into IR operations: evaluates arguments, inlines `gate`
/// definitions and applies modifiers.
///
/// Modifiers act on the operation list of the modified gate: `ctrl @` adds controls to every
/// operation (a `gphase` in the body becomes a phase on the controlled subspace), `inv @` reverses the
/// list and inverts each operation, `pow(k) @` repeats it (`k < 0`: repeats the inverse). Since every
/// operation is exact, global phase included, so is the result.
struct QASMExpander {
    let gates: [QASMGateDefinition]
    let inputs: [Double]
    private(set) var operations: [Operation] = []
    private var emitted = 0

    /// A guard against files that expand exponentially (nested definitions, large `pow`): about
    /// 2.5 GB of operations.
    static let operationLimit = 10_000_000

    init(gates: [QASMGateDefinition], inputs: [Double]) {
        self.gates = gates
        self.inputs = inputs
    }

    mutating func run(_ statements: [QASMStatement]) throws(InputError) {
        for statement in statements {
            switch statement {
            case .apply(let application, let instances, let condition):
                let values = try evaluate(application.arguments, parameters: [])
                for qubits in instances {
                    let start = operations.count
                    var out: [Operation] = []
                    try emit(application, values: values, scope: [], modifierIndex: 0, qubits: qubits, into: &out)
                    operations += out
                    if let condition {
                        for i in start..<operations.count { operations[i].condition = condition }
                    }
                }
            case .measure(let qubits, let clbits, let condition):
                for (q, c) in zip(qubits, clbits) {
                    operations.append(Operation(.measure(clbit: c), qubits: [q], condition: condition, name: "measure"))
                }
            case .reset(let qubits, let condition):
                for q in qubits { operations.append(Operation(.reset, qubits: [q], condition: condition, name: "reset")) }
            case .barrier(let qubits):
                operations.append(Operation(.barrier, qubits: qubits, name: "barrier"))
            }
        }
    }

    private func evaluate(_ arguments: [QASMExpression], parameters: [Double]) throws(InputError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(arguments.count)
        for a in arguments { values.append(try a.evaluate(parameters: parameters, inputs: inputs)) }
        return values
    }

    /// Emits `application` from its `modifierIndex`-th modifier on, with arguments already evaluated;
    /// `scope` holds the parameters of the gate body the application is written in (empty at top level).
    private mutating func emit(
        _ application: QASMApplication, values: [Double], scope: [Double], modifierIndex: Int, qubits: [Int],
        into out: inout [Operation]
    ) throws(InputError) {
        guard modifierIndex < application.modifiers.count else {
            try emitBody(application, values: values, qubits: qubits, into: &out)
            return
        }
        switch application.modifiers[modifierIndex] {
        case .control(let count, let value):
            let controls = qubits[0..<count].map { Control(qubit: $0, value: value) }
            var inner: [Operation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: Array(qubits[count...]), into: &inner)
            out += inner.map { $0.controlled(by: controls) }
        case .inverse:
            var inner: [Operation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: qubits, into: &inner)
            out += Self.inverse(inner)
        case .power(let exponent):
            // The exponent belongs to the scope the application is written in, like its arguments.
            let k = try exponent.evaluate(parameters: scope, inputs: inputs)
            guard k.rounded() == k, abs(k) <= Double(Self.operationLimit) else {
                throw InputError("pow(\(k)) @ is not supported: the exponent must be an integer", at: exponent.location)
            }
            var inner: [Operation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: qubits, into: &inner)
            if k < 0 { inner = Self.inverse(inner) }
            let repeats = Int(abs(k))
            try count(inner.count * repeats, at: application.location)
            for _ in 0..<repeats { out += inner }
        }
    }

    private static func inverse(_ operations: [Operation]) -> [Operation] {
        // Bodies hold only unitary operations and barriers, which all have inverses.
        operations.reversed().compactMap(\.adjoint)
    }

    private mutating func count(_ n: Int, at location: SourceLocation) throws(InputError) {
        emitted += n
        if emitted > Self.operationLimit {
            throw InputError(
                "the circuit expands to more than \(Self.operationLimit) operations; this gate application is where the limit was crossed",
                at: location)
        }
    }

    /// Emits the unmodified gate: a built-in's operations, or a definition's body with its parameters
    /// bound to `values` and its qubit arguments to `qubits`.
    private mutating func emitBody(
        _ application: QASMApplication, values: [Double], qubits: [Int], into out: inout [Operation]
    ) throws(InputError) {
        let definition = gates[application.gate]
        switch definition.body {
        case .standard(let gate):
            let ops = gate.operations(parameters: values, qubits: qubits)
            try count(ops.count, at: application.location)
            out += ops
        case .defined(let body):
            for item in body {
                switch item {
                case .apply(let inner, let local):
                    let innerValues = try evaluate(inner.arguments, parameters: values)
                    try emit(inner, values: innerValues, scope: values, modifierIndex: 0, qubits: local.map { qubits[$0] }, into: &out)
                case .barrier(let local):
                    out.append(Operation(.barrier, qubits: local.map { qubits[$0] }, name: "barrier"))
                }
            }
        case .opaque:
            // The parser rejects applications of opaque gates; this keeps the switch total.
            throw InputError("gate '\(definition.name)' is opaque and cannot be simulated", at: application.location)
        }
    }
}
