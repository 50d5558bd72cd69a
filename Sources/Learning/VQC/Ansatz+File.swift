import CircuitIR
import FoundationEssentials
import Kernels
import QKSupport
import Simulation

/// An ansatz written as an OpenQASM 3 file: its `input float[64]` parameters named `theta0`,
/// `theta1`, ..., `theta{P-1}` (all of them, contiguous, no other inputs) are the trainable
/// parameters, in that order.
///
/// The file's full text is kept, so a model file that uses it stands alone. Trainable angles may
/// be any expression of the thetas (`2*theta0 + theta1`, `sin(theta2)`), also through nested `gate`
/// definitions, as long as they enter `rx ry rz rxx rzz p u3` gates (see
/// `QASMProgram.linearized(trainable:parameters:)`); gradients are exact.
public struct AnsatzFile: Sendable, Hashable, Codable {
    /// The name the file was loaded under (for error messages).
    public var name: String
    /// The file's text.
    public var source: String
    /// Number of trainable parameters (`theta0 ..< theta{P}`), checked against the text by `parse`.
    public var parameterCount: Int

    /// The parameter names `theta0 ... theta{P-1}`.
    public var parameterNames: [String] { (0..<parameterCount).map { "theta\($0)" } }

    /// Parses `source` and checks its inputs.
    ///
    /// - Throws: `InputError` naming the file for a parse error, an input not named `theta<k>`, or
    ///   thetas that are not exactly `theta0 ..< theta{P}`.
    public init(name: String, source: String) throws {
        self.name = name
        self.source = source
        self.parameterCount = try Self.parameterCount(of: try QASMProgram.parse(source: source, fileName: name))
    }

    /// Parses the text and checks it still declares `theta0 ..< theta{parameterCount}`.
    public func parse() throws -> QASMProgram {
        let program = try QASMProgram.parse(source: source, fileName: name)
        let count = try Self.parameterCount(of: program)
        guard count == parameterCount else {
            throw InputError("the ansatz file declares \(count) theta parameters, the model says \(parameterCount)", file: name)
        }
        return program
    }

    private static func parameterCount(of program: QASMProgram) throws -> Int {
        var indices: [Int] = []
        for input in program.inputs {
            guard input.hasPrefix("theta"), let k = Int(input.dropFirst(5)), k >= 0, "theta\(k)" == input else {
                throw InputError(
                    "input '\(input)' of the ansatz file is not a trainable parameter: every input must be named theta0, theta1, ... (the feature map comes before the file)",
                    file: program.fileName)
            }
            indices.append(k)
        }
        guard !indices.isEmpty else {
            throw InputError("the ansatz file declares no 'input float[64] theta0;' parameters", file: program.fileName)
        }
        let sorted = indices.sorted()
        if let missing = (0..<sorted.count).first(where: { sorted[$0] != $0 }) {
            throw InputError(
                "the ansatz file's parameters must be theta0 ... theta\(sorted.count - 1) without gaps; theta\(missing) is missing",
                file: program.fileName)
        }
        return sorted.count
    }
}

extension Ansatz {
    /// An ansatz from an OpenQASM 3 file's text (see `AnsatzFile`).
    ///
    /// ```swift
    /// let ansatz = try Ansatz(contentsOf: "circuits/vqc_ansatz.qasm")
    /// ```
    public init(file name: String, source: String) throws {
        let file = try AnsatzFile(name: name, source: source)
        let program = try file.parse()
        guard (1...30).contains(program.qubitCount) else {
            throw InputError("the ansatz file must declare 1 to 30 qubits, it declares \(program.qubitCount)", file: name)
        }
        try self.init(.file, qubits: program.qubitCount, reps: 0, file: file)
    }

    /// Reads an ansatz file.
    ///
    /// - Throws: `InputError` naming the path if it cannot be read, or any error of `init(file:source:)`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError("cannot read the ansatz file as UTF-8 text (missing or unreadable)", file: path)
        }
        try self.init(file: path, source: text)
    }

    private init(_ family: Family, qubits: Int, reps: Int, file: AnsatzFile) throws {
        self.family = family
        self.qubits = qubits
        self.reps = reps
        self.entanglement = Entanglement.full.description
        self.file = file
        try validate()
    }

    /// `W(theta)` as a parameterised circuit exact to first order at `theta`: for the built-in
    /// families the circuit itself (linear in theta); for a file, its local affine expansion at
    /// `theta` (`QASMProgram.parameterizedCircuit(trainable:fixed:at:)`), so the state and the
    /// gradient at `theta` are exact.
    public func circuit(at theta: [Double]) throws -> ParameterizedCircuit {
        guard let file else { return try circuit() }
        return try file.parse().parameterizedCircuit(trainable: file.parameterNames, at: theta)
    }
}
