import FoundationEssentials
import QKSupport

/// An OpenQASM 2.0 or 3 program, parsed and checked once, from which circuits are built for any
/// values of its `input` parameters.
///
/// ```swift
/// let program = try QASMProgram.parse(contentsOf: "circuits/zz_feature_map.qasm")
/// print(program.inputs)                        // ["x0", "x1", "x2", "x3"]
/// let circuit = try program.circuit(parameters: ["x0": 0.1, "x1": 0.2, "x2": 0.3, "x3": 0.4])
/// ```
///
/// Parsing does all lexing, name resolution, signature and index checks and broadcasting; building
/// a circuit only evaluates the expressions that depend on inputs and expands gate definitions, so a
/// feature map can be bound once per data point cheaply. See docs/circuits.md for the supported
/// language and the gate conventions (Qiskit's, global phases included).
public struct QASMProgram: Sendable {
    /// The OpenQASM major version the file declares: 2 or 3 (3 when the file has no version line).
    public let version: Int
    /// The name the program was parsed under, used in error messages.
    public let fileName: String
    /// Number of qubits the program declares.
    public let qubitCount: Int
    /// Number of classical bits the program declares.
    public let clbitCount: Int
    /// Quantum registers in declaration order, flat-numbered.
    public let qubitRegisters: [Circuit.Register]
    /// Classical registers in declaration order, flat-numbered.
    public let classicalRegisters: [Circuit.Register]

    let inputDeclarations: [QASMInput]
    let gates: [QASMGateDefinition]
    let statements: [QASMStatement]

    /// Names of the `input` parameters, in declaration order.
    public var inputs: [String] { inputDeclarations.map(\.name) }

    /// Parses OpenQASM source text.
    ///
    /// - Parameters:
    ///   - source: the program text.
    ///   - fileName: how errors name the source; relative `include` files are looked up next to it.
    /// - Throws: `InputError` with file, line and column for any malformed or unsupported input.
    public static func parse(source: String, fileName: String = "<input>") throws(InputError) -> QASMProgram {
        let tokens = try QASMLexer.tokenize(source, fileName: fileName)
        var state = QASMParserState()
        state.includeStack = [fileName]
        var parser = QASMParser(tokens: tokens, state: state)
        try parser.parseProgram(isInclude: false)
        state = parser.state
        if let n = state.hardwareQubitCount {
            // Physical qubits $0...$(n-1) form the circuit; name them as one register "$".
            state.qubitCount = n
            state.qubitRegisters = [Circuit.Register(name: "$", start: 0, size: n)]
        }
        return QASMProgram(
            version: state.version, fileName: fileName, qubitCount: state.qubitCount, clbitCount: state.clbitCount,
            qubitRegisters: state.qubitRegisters, classicalRegisters: state.classicalRegisters,
            inputDeclarations: state.inputs, gates: state.gates, statements: state.statements)
    }

    /// Reads and parses an OpenQASM file.
    ///
    /// - Throws: `InputError` naming the file if it cannot be read or is not UTF-8, or any parse error.
    public static func parse(contentsOf path: String) throws(InputError) -> QASMProgram {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the circuit file (it does not exist or is not readable)", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("the circuit file is not valid UTF-8 text", file: path)
        }
        return try parse(source: text, fileName: path)
    }

    /// Builds the circuit for given input values.
    ///
    /// - Parameter parameters: a value for every name in `inputs`, and nothing else. Angles are used
    ///   as given (not reduced modulo 2π, which would change the global phase of `rz` and friends).
    /// - Throws: `InputError` naming a missing or unknown parameter, a non-integer value for an `int`
    ///   input, or an error found while evaluating (division by zero, a non-integer `pow` exponent).
    public func circuit(parameters: [String: Double] = [:]) throws(InputError) -> Circuit {
        var expander = QASMExpander(gates: gates, inputs: try bind(parameters))
        try expander.run(statements)
        return Circuit(
            qubitCount: qubitCount, clbitCount: clbitCount, operations: expander.operations,
            qubitRegisters: qubitRegisters, classicalRegisters: classicalRegisters)
    }

    /// Checks `parameters` against the declared inputs and returns their values in declaration order.
    func bind(_ parameters: [String: Double]) throws(InputError) -> [Double] {
        let known = Set(inputs)
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            let list = inputs.isEmpty ? "it declares none" : "its inputs are \(inputs.joined(separator: ", "))"
            throw InputError("unknown parameter '\(unknown)': the program has no input of that name (\(list))", file: fileName)
        }
        var values: [Double] = []
        values.reserveCapacity(inputDeclarations.count)
        for input in inputDeclarations {
            guard let v = parameters[input.name] else {
                throw InputError(
                    "no value given for input parameter '\(input.name)' (the program's inputs: \(inputs.joined(separator: ", ")))",
                    at: input.location)
            }
            guard v.isFinite else {
                throw InputError("input parameter '\(input.name)' must be a finite number, got \(v)", at: input.location)
            }
            if input.isInteger && v.rounded() != v {
                throw InputError("input parameter '\(input.name)' is an integer, got \(v)", at: input.location)
            }
            values.append(v)
        }
        return values
    }
}
