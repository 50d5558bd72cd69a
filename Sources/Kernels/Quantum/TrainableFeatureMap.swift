import CircuitIR
import Numerics

/// A feature map with trainable parameters `theta` beside the data: `U(x, theta)`.
///
/// Kernel training (`KernelTrainer`) tunes `theta` so the fidelity kernel aligns with the labels.
public struct TrainableFeatureMap: Sendable {
    /// Number of trainable parameters.
    public let parameterCount: Int
    /// Number of data features.
    public let featureCount: Int
    /// Number of qubits.
    public let qubitCount: Int
    /// A short name for reports.
    public let name: String
    private let build: @Sendable ([Double], [Double]) throws -> Circuit

    /// A trainable map from a builder `(x, theta) -> circuit`.
    public init(
        name: String, features: Int, qubits: Int, parameters: Int,
        build: @escaping @Sendable (_ x: [Double], _ theta: [Double]) throws -> Circuit
    ) {
        self.name = name
        self.featureCount = features
        self.qubitCount = qubits
        self.parameterCount = parameters
        self.build = build
    }

    /// Qiskit's quantum-kernel-training construction: a layer `RY(theta_q)` on every qubit, then
    /// the fixed map `base`, so one trainable angle per qubit.
    public static func rotationLayer(before base: FeatureMap) -> TrainableFeatureMap {
        let n = base.qubitCount
        return TrainableFeatureMap(name: "ry+\(base.name)", features: base.featureCount, qubits: n, parameters: n) { x, theta in
            var c = Circuit(qubitCount: n)
            for q in 0..<n {
                let half = theta[q] / 2
                let ry = GateMatrix(Complex(.cos(half)), Complex(-.sin(half)), Complex(.sin(half)), Complex(.cos(half)))
                c.append(Operation(.unitary(ry), qubits: [q], name: "ry"))
            }
            c.operations += try base.circuit(for: x).operations
            return c
        }
    }

    /// The fixed feature map at parameters `theta`.
    public func featureMap(theta: [Double]) throws -> FeatureMap {
        guard theta.count == parameterCount else {
            throw KernelError.shapeMismatch("\(name) has \(parameterCount) trainable parameters, got \(theta.count)")
        }
        let build = self.build
        return try FeatureMap(
            .circuit(features: featureCount, qubits: qubitCount, name: name) { x in try build(x, theta) },
            qubits: qubitCount, reps: 1)
    }
}
