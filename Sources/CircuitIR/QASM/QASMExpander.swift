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
    /// Input slots whose derivatives are tracked (empty for a plain circuit).
    let trainable: Set<Int>
    /// The operations, each with its rotation's angle and derivatives when that angle depends on a
    /// trainable input.
    private(set) var emitted: [QASMEmittedOperation] = []
    var operations: [Operation] { emitted.map(\.operation) }
    private var emittedCount = 0
    /// Whether a trainable input reached a `pow` exponent, so the expanded structure (not only its
    /// angles) depends on the inputs.
    private(set) var structureDependsOnTrainable = false

    /// A guard against files that expand exponentially (nested definitions, large `pow`): about
    /// 2.5 GB of operations.
    static let operationLimit = 10_000_000

    init(gates: [QASMGateDefinition], inputs: [Double], trainable: Set<Int> = []) {
        self.gates = gates
        self.inputs = inputs
        self.trainable = trainable
    }

    mutating func run(_ statements: [QASMStatement]) throws(InputError) {
        for statement in statements {
            switch statement {
            case .apply(let application, let instances, let condition):
                let values = try evaluate(application.arguments, parameters: [])
                for qubits in instances {
                    var out: [QASMEmittedOperation] = []
                    try emit(application, values: values, scope: [], modifierIndex: 0, qubits: qubits, into: &out)
                    if let condition {
                        if out.contains(where: { $0.rotation != nil }) {
                            throw InputError(
                                "a trainable input cannot enter a conditioned gate ('\(gates[application.gate].name)')",
                                at: application.location)
                        }
                        for i in out.indices { out[i].operation.condition = condition }
                    }
                    emitted += out
                }
            case .measure(let qubits, let clbits, let condition):
                for (q, c) in zip(qubits, clbits) {
                    emitted.append(QASMEmittedOperation(Operation(.measure(clbit: c), qubits: [q], condition: condition, name: "measure")))
                }
            case .reset(let qubits, let condition):
                for q in qubits { emitted.append(QASMEmittedOperation(Operation(.reset, qubits: [q], condition: condition, name: "reset"))) }
            case .barrier(let qubits):
                emitted.append(QASMEmittedOperation(Operation(.barrier, qubits: qubits, name: "barrier")))
            }
        }
    }

    private func evaluate(_ arguments: [QASMExpression], parameters: [QASMDual]) throws(InputError) -> [QASMDual] {
        var values: [QASMDual] = []
        values.reserveCapacity(arguments.count)
        for a in arguments { values.append(try a.dual(parameters: parameters, inputs: inputs, trainable: trainable)) }
        return values
    }

    /// Emits `application` from its `modifierIndex`-th modifier on, with arguments already evaluated;
    /// `scope` holds the parameters of the gate body the application is written in (empty at top level).
    private mutating func emit(
        _ application: QASMApplication, values: [QASMDual], scope: [QASMDual], modifierIndex: Int, qubits: [Int],
        into out: inout [QASMEmittedOperation]
    ) throws(InputError) {
        guard modifierIndex < application.modifiers.count else {
            try emitBody(application, values: values, qubits: qubits, into: &out)
            return
        }
        switch application.modifiers[modifierIndex] {
        case .control(let count, let value):
            let controls = qubits[0..<count].map { Control(qubit: $0, value: value) }
            var inner: [QASMEmittedOperation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: Array(qubits[count...]), into: &inner)
            if inner.contains(where: { $0.rotation != nil }) {
                throw InputError(
                    "a trainable input enters a controlled rotation in '\(gates[application.gate].name)'; only uncontrolled rx, ry, rz, rxx, rzz, p can carry trainable angles",
                    at: application.location)
            }
            out += inner.map { QASMEmittedOperation($0.operation.controlled(by: controls)) }
        case .inverse:
            var inner: [QASMEmittedOperation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: qubits, into: &inner)
            out += Self.inverse(inner)
        case .power(let exponent):
            // The exponent belongs to the scope the application is written in, like its arguments.
            let k = try exponent.evaluate(parameters: scope.map(\.value), inputs: inputs)
            if !trainable.isEmpty, try exponent.dual(parameters: scope, inputs: inputs, trainable: trainable).symbol != nil {
                structureDependsOnTrainable = true
            }
            guard k.rounded() == k, abs(k) <= Double(Self.operationLimit) else {
                throw InputError("pow(\(k)) @ is not supported: the exponent must be an integer", at: exponent.location)
            }
            var inner: [QASMEmittedOperation] = []
            try emit(application, values: values, scope: scope, modifierIndex: modifierIndex + 1, qubits: qubits, into: &inner)
            if k < 0 { inner = Self.inverse(inner) }
            let repeats = Int(abs(k))
            try count(inner.count * repeats, at: application.location)
            for _ in 0..<repeats { out += inner }
        }
    }

    private static func inverse(_ operations: [QASMEmittedOperation]) -> [QASMEmittedOperation] {
        // Bodies hold only unitary operations and barriers, which all have inverses; the inverse of
        // exp(-i phi/2 P) is the rotation by -phi.
        operations.reversed().compactMap { e in
            e.operation.adjoint.map {
                QASMEmittedOperation(
                    $0, rotation: e.rotation.map { r in QASMRotation(axis: r.axis, angle: -r.angle) },
                    phaseSymbol: e.phaseSymbol.map { QASMExpression(node: .negate($0), location: $0.location) })
            }
        }
    }

    private mutating func count(_ n: Int, at location: SourceLocation) throws(InputError) {
        emittedCount += n
        if emittedCount > Self.operationLimit {
            throw InputError(
                "the circuit expands to more than \(Self.operationLimit) operations; this gate application is where the limit was crossed",
                at: location)
        }
    }

    /// Emits the unmodified gate: a built-in's operations, or a definition's body with its parameters
    /// bound to `values` and its qubit arguments to `qubits`.
    private mutating func emitBody(
        _ application: QASMApplication, values: [QASMDual], qubits: [Int], into out: inout [QASMEmittedOperation]
    ) throws(InputError) {
        let definition = gates[application.gate]
        switch definition.body {
        case .standard(let gate):
            let ops = gate.operations(parameters: values.map(\.value), qubits: qubits)
            try count(ops.count, at: application.location)
            out += try QASMRotation.annotate(ops, gate: gate, values: values, at: application.location)
        case .defined(let body):
            for item in body {
                switch item {
                case .apply(let inner, let local):
                    let innerValues = try evaluate(inner.arguments, parameters: values)
                    try emit(inner, values: innerValues, scope: values, modifierIndex: 0, qubits: local.map { qubits[$0] }, into: &out)
                case .barrier(let local):
                    out.append(QASMEmittedOperation(Operation(.barrier, qubits: local.map { qubits[$0] }, name: "barrier")))
                }
            }
        case .opaque:
            // The parser rejects applications of opaque gates; this keeps the switch total.
            throw InputError("gate '\(definition.name)' is opaque and cannot be simulated", at: application.location)
        }
    }
}
