#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// Probability estimates for SVMs: Platt's sigmoid fitted to cross-validated decision values with
/// the improved algorithm of Lin, Lin and Weng (2007), and the pairwise coupling of Wu, Lin and
/// Weng (2004) for more than two classes, as in LIBSVM.
public enum PlattScaling {
    /// `P(y = +1 | d) = 1 / (1 + exp(A d + B))`, evaluated without overflow or cancellation.
    public static func sigmoid(_ d: Double, a: Double, b: Double) -> Double {
        let fApB = d * a + b
        return fApB >= 0 ? exp(-fApB) / (1 + exp(-fApB)) : 1 / (1 + exp(fApB))
    }

    /// Fits `A, B` by minimising the cross-entropy of the sigmoid against Platt's smoothed targets
    /// `(N+ + 1)/(N+ + 2)` for positives and `1/(N- + 2)` for negatives (labels > 0 are positive),
    /// by Newton's method with a backtracking line search (Lin, Lin and Weng, Algorithm 1).
    public static func fitSigmoid(decisionValues d: [Double], labels: [Double]) -> (a: Double, b: Double) {
        let prior1 = Double(labels.filter { $0 > 0 }.count)
        let prior0 = Double(labels.count) - prior1
        let maxIterations = 100
        let minStep = 1e-10
        let sigma = 1e-12  // keeps the Hessian strictly positive definite
        let eps = 1e-5
        let hiTarget = (prior1 + 1) / (prior1 + 2)
        let loTarget = 1 / (prior0 + 2)
        let t = labels.map { $0 > 0 ? hiTarget : loTarget }

        func objective(_ a: Double, _ b: Double) -> Double {
            var f = 0.0
            for i in d.indices {
                let fApB = d[i] * a + b
                f += fApB >= 0 ? t[i] * fApB + log(1 + exp(-fApB)) : (t[i] - 1) * fApB + log(1 + exp(fApB))
            }
            return f
        }

        var a = 0.0
        var b = log((prior0 + 1) / (prior1 + 1))
        var fval = objective(a, b)
        for _ in 0..<maxIterations {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in d.indices {
                let fApB = d[i] * a + b
                let (p, q) =
                    fApB >= 0
                    ? (exp(-fApB) / (1 + exp(-fApB)), 1 / (1 + exp(-fApB)))
                    : (1 / (1 + exp(fApB)), exp(fApB) / (1 + exp(fApB)))
                let d2 = p * q
                h11 += d[i] * d[i] * d2
                h22 += d2
                h21 += d[i] * d2
                let d1 = t[i] - p
                g1 += d[i] * d1
                g2 += d1
            }
            if abs(g1) < eps && abs(g2) < eps { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= minStep {
                let newA = a + step * dA
                let newB = b + step * dB
                let newF = objective(newA, newB)
                if newF < fval + 0.0001 * step * gd {
                    (a, b, fval) = (newA, newB, newF)
                    break
                }
                step /= 2
            }
            if step < minStep { break }  // line search failed; keep the best point found
        }
        return (a, b)
    }

    /// Class probabilities from pairwise ones, `r[i][j] ~ P(y = i | y in {i, j})`: the minimiser of
    /// `sum_i sum_{j != i} (r[j][i] p_i - r[i][j] p_j)^2` over the simplex (Wu, Lin and Weng 2004,
    /// method 2), by LIBSVM's fixed-point iteration.
    public static func coupledProbabilities(_ r: [[Double]]) -> [Double] {
        let k = r.count
        var q = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var p = [Double](repeating: 1 / Double(k), count: k)
        for t in 0..<k {
            for j in 0..<t {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = q[j][t]
            }
            for j in (t + 1)..<max(k, t + 1) {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = -r[j][t] * r[t][j]
            }
        }
        let eps = 0.005 / Double(k)
        var qp = [Double](repeating: 0, count: k)
        for _ in 0..<max(100, k) {
            var pqp = 0.0
            for t in 0..<k {
                qp[t] = 0
                for j in 0..<k { qp[t] += q[t][j] * p[j] }
                pqp += p[t] * qp[t]
            }
            var maxError = 0.0
            for t in 0..<k { maxError = max(maxError, abs(qp[t] - pqp)) }
            if maxError < eps { break }
            for t in 0..<k {
                let diff = (-qp[t] + pqp) / q[t][t]
                p[t] += diff
                pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff)
                    p[j] /= 1 + diff
                }
            }
        }
        return p
    }

    /// LIBSVM's `svm_binary_svc_probability`: decision values of each point from an SVM trained
    /// without its fold (5 folds after a seeded shuffle), then the sigmoid fitted to them.
    static func crossValidatedSigmoid(
        kernel: SubproblemKernel, y: [Int8], Cp: Double, Cn: Double, svc: SVC, generator: inout SeededGenerator
    ) throws -> (a: Double, b: Double) {
        let l = y.count
        let folds = 5
        var perm = Array(0..<l)
        for i in 0..<l { perm.swapAt(i, i + Int.random(in: 0..<(l - i), using: &generator)) }
        var decision = [Double](repeating: 0, count: l)
        for f in 0..<folds {
            let (begin, end) = (f * l / folds, (f + 1) * l / folds)
            let train = Array(perm[0..<begin] + perm[end..<l])
            let positives = train.filter { y[$0] > 0 }.count
            let negatives = train.count - positives
            if positives == 0 || negatives == 0 {
                let value: Double = positives > 0 ? 1 : (negatives > 0 ? -1 : 0)
                for s in perm[begin..<end] { decision[s] = value }
                continue
            }
            let subY = train.map { y[$0] }
            let solution = try svc.solveBinary(kernel: kernel.restricted(to: train), y: subY, Cp: Cp, Cn: Cn)
            for s in perm[begin..<end] {
                let column = try kernel.column(s)
                var sum = 0.0
                for (t, index) in train.enumerated() where solution.alpha[t] > 0 {
                    sum += solution.alpha[t] * Double(subY[t]) * column[index]
                }
                decision[s] = sum - solution.rho
            }
        }
        return fitSigmoid(decisionValues: decision, labels: y.map(Double.init))
    }
}
