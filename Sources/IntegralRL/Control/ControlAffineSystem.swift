import LinearAlgebra

/// A control-affine system `x' = f(x) + g(x) u` with the running cost `l(x, u) = x^T Q x + u^T R u`.
public struct ControlAffineSystem: Sendable {
    /// `n`, the state dimension.
    public var stateDimension: Int
    /// `m`, the input dimension.
    public var inputDimension: Int
    /// The drift `f(x)` (length `n`).
    public var drift: @Sendable ([Double]) -> [Double]
    /// The input matrix `g(x)` (`n x m`).
    public var inputMatrix: @Sendable ([Double]) -> Matrix
    /// `Q` (`n x n`, symmetric positive semi-definite).
    public var stateCost: Matrix
    /// `R` (`m x m`, symmetric positive definite).
    public var inputCost: Matrix

    /// Creates a system.
    public init(
        stateDimension: Int, inputDimension: Int, drift: @escaping @Sendable ([Double]) -> [Double],
        inputMatrix: @escaping @Sendable ([Double]) -> Matrix, stateCost: Matrix, inputCost: Matrix
    ) {
        self.stateDimension = stateDimension
        self.inputDimension = inputDimension
        self.drift = drift
        self.inputMatrix = inputMatrix
        self.stateCost = stateCost
        self.inputCost = inputCost
    }

    /// The linear system `x' = A x + B u`.
    public static func linear(a: Matrix, b: Matrix, stateCost q: Matrix, inputCost r: Matrix) -> ControlAffineSystem {
        ControlAffineSystem(
            stateDimension: a.rows, inputDimension: b.columns, drift: { a * $0 }, inputMatrix: { _ in b }, stateCost: q,
            inputCost: r)
    }

    /// `l(x, u) = x^T Q x + u^T R u`.
    public func runningCost(_ x: [Double], _ u: [Double]) -> Double {
        quadraticForm(stateCost, x) + quadraticForm(inputCost, u)
    }
}

/// A linear-in-the-weights value function `V(x) = w^T phi(x)`.
public struct ValueBasis: Sendable {
    /// The number of features.
    public var count: Int
    /// `phi(x)`.
    public var features: @Sendable ([Double]) -> [Double]
    /// The Jacobian `d phi / dx` (`count x n`).
    public var jacobian: @Sendable ([Double]) -> Matrix

    /// Creates a basis.
    public init(
        count: Int, features: @escaping @Sendable ([Double]) -> [Double], jacobian: @escaping @Sendable ([Double]) -> Matrix
    ) {
        self.count = count
        self.features = features
        self.jacobian = jacobian
    }

    /// `phi(x) = x kron x` (`n^2` terms, `phi_{i n + j} = x_i x_j`), so that `w` is `vec(P)` for
    /// `V = x^T P x`. The pairs `(i, j)` and `(j, i)` are the same feature, which makes the
    /// least-squares problem rank deficient; its minimum-norm solution is the symmetric `P`.
    public static func kronecker(stateDimension n: Int) -> ValueBasis {
        ValueBasis(
            count: n * n,
            features: { x in
                var phi = [Double](repeating: 0, count: n * n)
                for i in 0..<n { for j in 0..<n { phi[i * n + j] = x[i] * x[j] } }
                return phi
            },
            jacobian: { x in
                var d = Matrix(rows: n * n, columns: n)
                for i in 0..<n {
                    for j in 0..<n {
                        d[i * n + j, i] += x[j]
                        d[i * n + j, j] += x[i]
                    }
                }
                return d
            })
    }
}

/// The policy that is greedy for `V(x) = w^T phi(x)`: `u(x) = -1/2 R^-1 g(x)^T (d phi / dx)^T w`.
///
/// For a linear system and `phi = x kron x` this is `u = -K x` with `K = R^-1 B^T P`.
public struct GreedyPolicy: Sendable {
    /// The system.
    public let system: ControlAffineSystem
    /// The value basis.
    public let basis: ValueBasis
    /// The value weights `w`.
    public let weights: [Double]
    private let inputCostInverse: Matrix

    /// The policy for weights `w`.
    public init(system: ControlAffineSystem, basis: ValueBasis, weights: [Double]) throws {
        self.system = system
        self.basis = basis
        self.weights = weights
        inputCostInverse = try system.inputCost.inverse()
    }

    /// `u(x)`.
    public func control(at x: [Double]) -> [Double] {
        let jacobian = basis.jacobian(x)  // p x n
        let g = system.inputMatrix(x)  // n x m
        // gradient of V: (d phi/dx)^T w, length n
        var gradient = [Double](repeating: 0, count: system.stateDimension)
        for k in 0..<basis.count where weights[k] != 0 {
            for i in 0..<system.stateDimension { gradient[i] += jacobian[k, i] * weights[k] }
        }
        var gTgradient = [Double](repeating: 0, count: system.inputDimension)
        for j in 0..<system.inputDimension {
            for i in 0..<system.stateDimension { gTgradient[j] += g[i, j] * gradient[i] }
        }
        return (inputCostInverse * gTgradient).map { -0.5 * $0 }
    }
}

/// `v^T M v`.
func quadraticForm(_ m: Matrix, _ v: [Double]) -> Double {
    var s = 0.0
    for i in 0..<m.rows {
        var row = 0.0
        for j in 0..<m.columns { row += m[i, j] * v[j] }
        s += v[i] * row
    }
    return s
}
