#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// The training loss of a variational classifier, a mean over data points of a per-point loss
/// of the class probabilities `p_c(x; theta)`.
///
/// - `crossEntropy`: `-ln p_y(x)`, with `p_y` clipped below at `1e-10` (as qiskit-machine-learning's
///   `CrossEntropyLoss`, which uses `log2`: its values are ours divided by `ln 2`). Uses the exact
///   probabilities from the state vector.
/// - `sigmoid(shots: R)`: Havlicek et al.'s cost (Nature 567, 209, Methods): the probability of
///   misclassifying `x` by a majority vote over `R` shots, approximated by
///   `sig(sqrt(R) (1/2 - p^_y) / sqrt(2 p^_y (1 - p^_y)))`, `sig(z) = 1 / (1 + e^-z)`, with the bias
///   `b = 0` (the class with more votes wins). `p^` are frequencies from `R` sampled shots (seeded).
///   For `k > 2` classes we use `sig(sqrt(R) (max_{c != y} p^_c - p^_y) / (2 sqrt(2 p^_y (1 - p^_y))))`,
///   which is the same expression when `k = 2`. `p^_y` is clamped to `[1/2R, 1 - 1/2R]` (half a
///   shot) so the denominator never vanishes; the derivative is taken at the clamped value.
public enum VQCLoss: Sendable, Hashable, Codable {
    /// Cross-entropy on the exact class probabilities.
    case crossEntropy
    /// Havlicek's shot-based sigmoid cost with `shots` measurements per point.
    case sigmoid(shots: Int)

    /// A short name: `cross_entropy` or `sigmoid`.
    public var name: String {
        switch self {
        case .crossEntropy: return "cross_entropy"
        case .sigmoid: return "sigmoid"
        }
    }

    /// The number of shots, or nil for the exact loss.
    public var shots: Int? {
        if case .sigmoid(let r) = self { return r }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case name, shots }

    /// Decodes `{"name": "cross_entropy"}` or `{"name": "sigmoid", "shots": 2000}`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .name) {
        case "cross_entropy": self = .crossEntropy
        case "sigmoid": self = .sigmoid(shots: try c.decode(Int.self, forKey: .shots))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: c, debugDescription: "loss '\(other)': expected cross_entropy or sigmoid")
        }
    }

    /// Encodes as `{"name": ..., "shots": ...}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(shots, forKey: .shots)
    }

    /// Checks the settings.
    public func validate() throws {
        if case .sigmoid(let r) = self, !(1...100_000_000).contains(r) {
            throw InputError("the sigmoid loss needs 1 to 10^8 shots, got \(r)")
        }
    }

    /// The per-point loss of class probabilities `p` (exact, or estimated from shots) for label
    /// `y`, and its derivatives `dL/dp_c`.
    public func evaluate(_ p: [Double], label y: Int) -> (loss: Double, derivative: [Double]) {
        var d = [Double](repeating: 0, count: p.count)
        switch self {
        case .crossEntropy:
            let floor = 1e-10
            if p[y] > floor {
                d[y] = -1 / p[y]
                return (-log(p[y]), d)
            }
            return (-log(floor), d)
        case .sigmoid(let shots):
            let r = Double(shots)
            let half = 0.5 / r
            let q = min(max(p[y], half), 1 - half)
            var rival = 0
            var m = -Double.infinity
            for c in p.indices where c != y && p[c] > m {
                m = p[c]
                rival = c
            }
            // z = sqrt(R) (m - q) / (2 s), s = sqrt(2 q (1 - q)).
            let s = (2 * q * (1 - q)).squareRoot()
            let z = r.squareRoot() * (m - q) / (2 * s)
            let sig = 1 / (1 + exp(-z))
            let dLdz = sig * (1 - sig)
            let dzdm = r.squareRoot() / (2 * s)
            // ds/dq = (1 - 2q) / s.
            let dzdq = r.squareRoot() / 2 * (-1 / s - (m - q) * (1 - 2 * q) / (s * s * s))
            d[rival] += dLdz * dzdm
            d[y] += dLdz * dzdq
            return (sig, d)
        }
    }

    /// Frequencies of `shots` draws from the class distribution `p`.
    static func sample(_ p: [Double], shots: Int, using rng: inout SeededGenerator) -> [Double] {
        let total = p.reduce(0, +)
        var counts = [Double](repeating: 0, count: p.count)
        for _ in 0..<shots {
            let u = rng.uniform() * total
            var acc = 0.0
            var c = 0
            while c < p.count - 1 {
                acc += p[c]
                if u < acc { break }
                c += 1
            }
            counts[c] += 1
        }
        return counts.map { $0 / Double(shots) }
    }
}
