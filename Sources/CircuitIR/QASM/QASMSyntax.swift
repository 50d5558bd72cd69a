/// The parsed, name-resolved form of an OpenQASM program: what `QASMProgram` keeps between parsing
/// and binding. Everything static (register sizes, indices, broadcasting, gate signatures) has been
/// checked; only expressions that depend on `input` values or gate parameters remain to evaluate.

/// A gate the program can apply: a built-in, a `gate` definition, or an `opaque` declaration.
struct QASMGateDefinition: Sendable {
    enum Body: Sendable {
        case standard(StandardGate)
        case defined([QASMBodyItem])
        case opaque
    }

    var name: String
    var parameterCount: Int
    var qubitCount: Int
    var body: Body
    /// Where the file defines it; `nil` for built-ins.
    var location: SourceLocation?
}

/// An OpenQASM 3 gate modifier.
enum QASMModifier: Sendable {
    /// `ctrl(n) @` (value `true`) or `negctrl(n) @` (value `false`): the first `count` operands become
    /// controls.
    case control(count: Int, value: Bool)
    /// `inv @`.
    case inverse
    /// `pow(k) @`: the exponent, checked to be an integer when evaluated.
    case power(QASMExpression)

    /// Number of operands the modifier consumes.
    var controlCount: Int {
        if case .control(let n, _) = self { return n }
        return 0
    }
}

/// One gate application without its operands: which gate, modified how, with which arguments.
struct QASMApplication: Sendable {
    var gate: Int
    var modifiers: [QASMModifier]
    var arguments: [QASMExpression]
    /// The gate name's position, for errors raised while expanding it.
    var location: SourceLocation
}

/// A statement inside a `gate` body; qubits are indices into the gate's qubit arguments.
enum QASMBodyItem: Sendable {
    case apply(QASMApplication, qubits: [Int])
    case barrier([Int])
}

/// A top-level statement; qubits and classical bits are flat circuit indices.
enum QASMStatement: Sendable {
    /// A gate application broadcast over registers: one qubit list per instance.
    case apply(QASMApplication, instances: [[Int]], condition: Condition?)
    /// `measure`, broadcast: `qubits[i]` into `clbits[i]`.
    case measure(qubits: [Int], clbits: [Int], condition: Condition?)
    case reset([Int], condition: Condition?)
    case barrier([Int])
}

/// A declared `input` parameter.
struct QASMInput: Sendable {
    var name: String
    var location: SourceLocation
    /// Declared `int` or `uint`, so a bound value must be an integer.
    var isInteger: Bool
}
