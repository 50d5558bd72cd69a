import Kernels
import LinearAlgebra
import QKSupport

extension KernelSpec {
    /// The SVM's kernel for training points `x`: the kernel function, or `.precomputed`.
    public func makeSVCKernel(fittedTo x: Matrix, parallelism: Parallelism = Parallelism()) throws -> SVCKernel {
        if case .precomputed = self { return .precomputed }
        return .kernel(try makeKernel(fittedTo: x, parallelism: parallelism))
    }
}
