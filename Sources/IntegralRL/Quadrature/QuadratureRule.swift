/// A rule that integrates a function over `[x_0, x_{n-1}]` from its values at the nodes `x_0 < ... < x_{n-1}`
/// as a weighted sum: `integral ~= sum_i w_i f(x_i)`.
///
/// Every rule in QKSim is linear in the function values, so the weights are the whole rule: compute
/// them once for a set of nodes and reuse them for every integrand sampled there.
public protocol QuadratureRule: Sendable {
    /// A short name, e.g. `"trapezoid"`.
    var name: String { get }

    /// The weights for `nodes` (strictly increasing, both ends of the interval included).
    func weights(for nodes: [Double]) throws -> [Double]
}

extension QuadratureRule {
    /// `sum_i w_i f(x_i)`: the rule applied to `values[i] = f(nodes[i])`.
    public func integrate(_ values: [Double], at nodes: [Double]) throws -> Double {
        guard values.count == nodes.count else {
            throw QuadratureError.invalidParameter("\(values.count) values for \(nodes.count) nodes")
        }
        return zip(try weights(for: nodes), values).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// `count` evenly spaced nodes from `a` to `b`, both included, with the ends exact.
///
/// `x_i = a + (b - a) i / (count - 1)`, the same points as NumPy's `linspace`.
public func evenlySpacedNodes(from a: Double, to b: Double, count: Int) -> [Double] {
    precondition(count >= 2, "need at least two nodes")
    let span = b - a
    return (0..<count).map { i in
        i == count - 1 ? b : a + span * Double(i) / Double(count - 1)
    }
}

/// Why a quadrature rule could not produce weights.
public enum QuadratureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The rule needs more nodes than it was given.
    case tooFewNodes(rule: String, needed: Int, given: Int)
    /// `nodes[index] <= nodes[index - 1]` (or a node is not finite).
    case nodesNotIncreasing(index: Int)
    /// A Newton-Cotes rule was given unevenly spaced nodes.
    case nodesNotEvenlySpaced(rule: String)
    /// A node lies outside the integration interval.
    case nodeOutsideInterval(node: Double, lower: Double, upper: Double)
    /// Cholesky of the (jittered) kernel matrix failed at `pivot` (1-based).
    case kernelMatrixNotPositiveDefinite(size: Int, pivot: Int, arithmetic: String)
    /// A parameter is out of range.
    case invalidParameter(String)

    /// A sentence that says what was wrong and what would work.
    public var description: String {
        switch self {
        case .tooFewNodes(let rule, let needed, let given):
            return "\(rule) needs at least \(needed) nodes, got \(given)"
        case .nodesNotIncreasing(let index):
            return "nodes must be finite and strictly increasing; node \(index) is not greater than node \(index - 1)"
        case .nodesNotEvenlySpaced(let rule):
            return "\(rule) needs evenly spaced nodes"
        case .nodeOutsideInterval(let node, let lower, let upper):
            return "node \(node) lies outside the interval [\(lower), \(upper)]"
        case .kernelMatrixNotPositiveDefinite(let size, let pivot, let arithmetic):
            return "the \(size)x\(size) kernel matrix is not positive definite in \(arithmetic) arithmetic "
                + "(Cholesky failed at pivot \(pivot)); increase the jitter or use double-double arithmetic"
        case .invalidParameter(let message):
            return message
        }
    }
}

/// Checks that there are at least `minimum` finite, strictly increasing nodes.
func validateNodes(_ nodes: [Double], minimum: Int, rule: String) throws {
    guard nodes.count >= minimum else {
        throw QuadratureError.tooFewNodes(rule: rule, needed: minimum, given: nodes.count)
    }
    for i in nodes.indices where !nodes[i].isFinite || (i > 0 && !(nodes[i] > nodes[i - 1])) {
        throw QuadratureError.nodesNotIncreasing(index: max(i, 1))
    }
}
