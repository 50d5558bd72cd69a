import ArgumentParser
import QKSupport
import Simulation

extension Precision: ExpressibleByArgument {}

/// A state `qksim simulate` can write: the final amplitudes as `.npy` in the state's own precision
/// (complex128 or complex64) and the probabilities as float64, block by block so that no second
/// full-size buffer is allocated.
protocol SimulatedStateOutput: QuantumState {
    /// Writes the amplitudes to `path`.
    func writeStatevector(to path: String) throws
    /// Writes `|psi_i|^2` as float64 to `path`.
    func writeProbabilities(to path: String) throws
}

extension StateVector: SimulatedStateOutput {
    func writeStatevector(to path: String) throws {
        try withUnsafeInterleaved { try NPY.write($0, shape: [count], dtype: .complex128, to: path) }
    }

    func writeProbabilities(to path: String) throws {
        try withUnsafeInterleaved { amps in
            try NPY.write(shape: [count], dtype: .float64, to: path) { offset, block in
                for k in 0..<block.count {
                    let i = offset + k
                    block[k] = amps[2 * i] * amps[2 * i] + amps[2 * i + 1] * amps[2 * i + 1]
                }
            }
        }
    }
}

extension SinglePrecisionStateVector: SimulatedStateOutput {
    func writeStatevector(to path: String) throws {
        try withUnsafeInterleaved { try NPY.writeComplex64($0, shape: [count], to: path) }
    }

    func writeProbabilities(to path: String) throws {
        try withUnsafeInterleaved { amps in
            try NPY.write(shape: [count], dtype: .float64, to: path) { offset, block in
                for k in 0..<block.count {
                    let re = Double(amps[2 * (offset + k)]), im = Double(amps[2 * (offset + k) + 1])
                    block[k] = re * re + im * im
                }
            }
        }
    }
}
