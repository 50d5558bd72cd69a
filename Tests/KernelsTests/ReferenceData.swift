import Foundation
import LinearAlgebra
import QKSupport

/// Loads the reference cases copied from shared/reference/kernels (Qiskit-made Gram matrices).
enum ReferenceData {
    static func path(_ caseName: String, _ file: String) -> String {
        Bundle.module.resourcePath! + "/Fixtures/\(caseName)/\(file)"
    }

    /// Features of a `x0,...,label` CSV (the label column dropped).
    static func features(_ caseName: String, _ file: String) throws -> Matrix {
        let text = try String(contentsOfFile: path(caseName, file), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",").dropLast().map { Double($0)! }
        }
        return Matrix(rows)
    }

    static func matrix(_ caseName: String, _ file: String) throws -> Matrix {
        let a = try NPY.read(path(caseName, file))
        return Matrix(rows: a.shape[0], columns: a.shape[1], scalars: a.scalars)
    }
}
