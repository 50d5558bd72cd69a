import ArgumentParser
import Dispatch
import Kernels
import Learning
import LinearAlgebra
import QKSupport

/// `qksim kernel`: computes Gram matrices.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel", abstract: "Compute a kernel's Gram matrix (and test-versus-training matrix) as .npy.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var kernelOptions: KernelOptions
    @Option(help: ArgumentHelp("Test data (same format as --data).", valueName: "file")) var test: String?
    @Option(help: ArgumentHelp("Where to write the N x N training matrix.", valueName: "K.npy")) var out: String
    @Option(name: .customLong("test-out"), help: ArgumentHelp("Where to write the M x N test matrix.", valueName: "Kt.npy"))
    var testOut: String?
    @Option(help: "Seed (shot noise).") var seed: UInt64 = 0
    @Option(help: "Threads (default: all cores).") var threads: Int?

    func validate() throws {
        if test != nil && testOut == nil { throw ValidationError("--test needs --test-out for the test matrix") }
        if testOut != nil && test == nil { throw ValidationError("--test-out needs --test") }
    }

    func run() throws {
        BLASLibrary.loadInBackground()
        let train = try DataOptions.read(dataOptions.data, labelsPath: dataOptions.labelsPath, minimumClasses: 0)
        let steps = try dataOptions.fitPreprocessing(train.features)
        let x = try steps.transform(train.features)
        let spec = try kernelOptions.spec(named: kernelOptions.kernel, features: x.columns, seed: seed)
        let kernel = try spec.makeKernel(fittedTo: x, parallelism: Parallelism(threads: threads))
        let start = DispatchTime.now().uptimeNanoseconds
        let k = try kernel.gram(x)
        try NPY.write(NPY.Array(shape: [k.rows, k.columns], dtype: .float64, scalars: k.scalars), to: out)
        var summary = "\(spec.name): \(k.rows) x \(k.columns) -> \(out)"
        if let test, let testOut {
            let t = try steps.transform(DataOptions.read(test, minimumClasses: 0, labels: .ifNamed).features)
            let kt = try kernel.cross(t, x)
            try NPY.write(NPY.Array(shape: [kt.rows, kt.columns], dtype: .float64, scalars: kt.scalars), to: testOut)
            summary += ", \(kt.rows) x \(kt.columns) -> \(testOut)"
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(summary + " (\(JSONText.number((seconds * 1e4).rounded() / 1e4)) s)")
    }
}
