import Foundation
import Kernels
import Learning
import LinearAlgebra
import Testing
import _TestSupport

/// The Karush-Kuhn-Tucker conditions of the C-SVC dual hold at the solutions the solver returns,
/// checked from the training Gram matrix in full precision, independently of the solver's state.
struct KKTTests {
    /// The largest violation over all class pairs of
    ///   alpha = 0      =>  y f(x) >= 1,
    ///   0 < alpha < C  =>  y f(x) = 1,
    ///   alpha = C      =>  y f(x) <= 1,
    /// with `f` the pair's decision function and `y = +1` for its first class, plus the size of
    /// `sum alpha_i y_i` and any `alpha` outside `[0, C]`.
    static func violation(_ model: SVCModel, gram k: Matrix, labels: [Double], C: Double) -> (kkt: Double, balance: Double, box: Double) {
        var worst = (kkt: 0.0, balance: 0.0, box: 0.0)
        var starts = [0]
        for c in 0..<model.classes.count - 1 { starts.append(starts[c] + model.supportCounts[c]) }
        for (p, (i, j)) in model.pairs.enumerated() {
            // alpha_n y_n for the pair's points, by training index.
            var coefficient: [Int: Double] = [:]
            for s in starts[i]..<starts[i] + model.supportCounts[i] {
                coefficient[model.supportIndices[s]] = model.supportVectorCoefficients[j - 1, s]
            }
            for s in starts[j]..<starts[j] + model.supportCounts[j] {
                coefficient[model.supportIndices[s]] = model.supportVectorCoefficients[i, s]
            }
            var balance = 0.0
            for n in labels.indices where labels[n] == model.classes[i] || labels[n] == model.classes[j] {
                let y: Double = labels[n] == model.classes[i] ? 1 : -1
                let alpha = (coefficient[n] ?? 0) * y
                balance += alpha * y
                var f = -model.rho[p]
                for (m, c) in coefficient { f += c * k[n, m] }
                let margin = y * f
                let v: Double
                if alpha <= 0 {
                    v = max(0, 1 - margin)
                } else if alpha >= C {
                    v = max(0, margin - 1)
                } else {
                    v = abs(margin - 1)
                }
                worst.kkt = maxOrNaN(worst.kkt, v)
                worst.box = maxOrNaN(worst.box, max(-alpha, alpha - C, 0))
            }
            worst.balance = maxOrNaN(worst.balance, abs(balance))
        }
        return worst
    }

    @Test("KKT conditions at tol 1e-8 on the reference cases", arguments: ReferenceSVMTests.cases)
    func referenceCases(_ name: String) throws {
        let train = try fixtureCSV("\(name)/train")
        let k = try fixtureMatrix("\(name)/K_train")
        let model = try SVC(kernel: .precomputed, C: 1, tolerance: 1e-8).fit(k, train.y)
        let v = Self.violation(model, gram: k, labels: train.y, C: 1)
        // The stopping rule bounds the violation by eps; the solver's Q is rounded to Float, which
        // adds ~1e-7 times sum(alpha) |K| (measured: 2e-8 to 9e-8).
        #expect(v.kkt < 1e-6, "\(name): KKT violation \(v.kkt)")
        #expect(v.balance < 1e-12 && v.box == 0)
    }

    @Test("KKT conditions at the default tolerance, multiclass with class weights")
    func multiclassDefaultTolerance() throws {
        let train = try fixtureCSV("generated/wine_train_std")
        let kernel = RBFKernel(gamma: .scale, fittedTo: train.x)
        let weights: [Double: Double] = [0: 1, 1: 1, 2: 1]
        let model = try SVC(kernel: .kernel(kernel), C: 3, classWeights: weights).fit(train.x, train.y)
        let v = Self.violation(model, gram: try kernel.gram(train.x), labels: train.y, C: 3)
        // m(alpha) - M(alpha) < eps bounds every violation of y f by eps.
        #expect(v.kkt < 1e-3 + 1e-6, "KKT violation \(v.kkt)")
        #expect(v.balance < 1e-12 && v.box == 0)
        // ... and a tolerance of 1e-3 really is looser than 1e-8.
        let tight = try SVC(kernel: .kernel(kernel), C: 3, tolerance: 1e-8).fit(train.x, train.y)
        #expect(Self.violation(tight, gram: try kernel.gram(train.x), labels: train.y, C: 3).kkt < 1e-5)
    }
}
