import Kernels
import LinearAlgebra
import QKSupport

extension KernelSpec {
    /// The SVM's kernel for training points `x`: the kernel function, or `.precomputed`.
    /// `circuitBuilder` turns a circuit-file feature map into a `FeatureMap`.
    public func makeSVCKernel(
        fittedTo x: Matrix, parallelism: Parallelism = Parallelism(),
        circuitBuilder: ((_ name: String, _ source: String, _ bandwidth: Double) throws -> FeatureMap)? = nil
    ) throws -> SVCKernel {
        if case .precomputed = self { return .precomputed }
        return .kernel(try makeKernel(fittedTo: x, parallelism: parallelism, circuitBuilder: circuitBuilder))
    }
}
