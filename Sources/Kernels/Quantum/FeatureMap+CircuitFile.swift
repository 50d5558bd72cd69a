import CircuitIR

extension FeatureMap {
    /// A feature map from an OpenQASM 3 file whose `input float[64]` (or `input angle`) parameters
    /// are named `x0, x1, ..., x{d-1}`: each data point binds them and the circuit is its `U(x)`.
    ///
    /// The file is parsed once; binding a data point only expands the program. For batched
    /// simulation (`StateBatch`) it is also expanded once with its angles kept as functions of the
    /// inputs, so a data point costs only evaluating those. Measurements in the
    /// file are ignored by the kernels (they use the state before them).
    public static func circuitFile(name: String, source: String, bandwidth: Double = 1) throws -> FeatureMap {
        let program = try QASMProgram.parse(source: source, fileName: name)
        let inputs = program.inputs
        guard !inputs.isEmpty else {
            throw KernelError.invalidParameter("\(name): a feature-map file needs 'input float[64] x0;' ... parameters, found none")
        }
        let expected = (0..<inputs.count).map { "x\($0)" }
        guard Set(inputs) == Set(expected) else {
            throw KernelError.invalidParameter(
                "\(name): feature-map inputs must be named x0 ... x\(inputs.count - 1); found \(inputs.joined(separator: ", "))")
        }
        let d = inputs.count
        let qubits = program.qubitCount
        let build: @Sendable ([Double]) throws -> Circuit = { x in
            var values: [String: Double] = [:]
            for (i, v) in x.enumerated() { values["x\(i)"] = v }
            return try program.circuit(parameters: values)
        }
        var map = try FeatureMap(.circuit(features: d, qubits: qubits, name: name, build: build), qubits: qubits, reps: 1, bandwidth: bandwidth)
        map.circuitFileProgram = program
        return map
    }
}
