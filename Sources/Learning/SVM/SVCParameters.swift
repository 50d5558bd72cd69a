import LinearAlgebra
import QKSupport

// Parameter and data checks for C-SVC, apart from training (LIBSVM's `svm_check_parameter`):
// everything a user can get wrong is reported here, before any kernel is evaluated, as an
// `InputError` that names the bad value and what was expected.

extension SVC {
    /// Checks the hyperparameters and the training data; returns the sorted classes.
    func checkParameters(_ x: Matrix, _ y: [Double]) throws -> [Double] {
        guard C > 0 && C.isFinite else { throw InputError("C must be a positive number; got \(C)") }
        guard tolerance > 0 && tolerance.isFinite else {
            throw InputError("tolerance (eps) must be a positive number; got \(tolerance)")
        }
        guard cacheBytes > 0 else { throw InputError("the kernel cache size must be positive; got \(cacheBytes) bytes") }
        if let maxIterations, maxIterations <= 0 {
            throw InputError("the iteration limit must be positive; got \(maxIterations)")
        }
        guard x.rows > 0 else { throw InputError("the training data has no points") }
        guard y.count == x.rows else {
            throw InputError("there are \(y.count) labels for \(x.rows) training points; expected one label per point")
        }
        if let bad = y.firstIndex(where: { !$0.isFinite }) {
            throw InputError("label of training point \(bad + 1) is \(y[bad]); labels must be finite numbers")
        }
        let classes = Array(Set(y)).sorted()
        guard classes.count >= 2 else {
            throw InputError(
                "the training data has a single class (label \(formatLabel(classes[0]))); an SVM needs at least two")
        }
        for (label, weight) in classWeights.sorted(by: { $0.key < $1.key }) {
            guard classes.contains(label) else {
                throw InputError(
                    "a class weight is given for label \(formatLabel(label)), which is not among the training classes "
                        + classes.map(formatLabel).joined(separator: ", "))
            }
            guard weight > 0 && weight.isFinite else {
                throw InputError("the weight of class \(formatLabel(label)) must be a positive number; got \(weight)")
            }
        }
        switch kernel {
        case .precomputed:
            guard x.columns == x.rows else {
                throw InputError(
                    "a precomputed training kernel must be square (N x N); got \(x.rows) x \(x.columns)")
            }
            if x.largestFiniteMagnitude == nil, let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
                throw InputError(
                    "precomputed kernel entry (\(bad / x.columns + 1), \(bad % x.columns + 1)) is \(x.scalars[bad])")
            }
        case .kernel:
            break  // the kernel's `features` rejects non-finite points
        }
        return classes
    }
}
