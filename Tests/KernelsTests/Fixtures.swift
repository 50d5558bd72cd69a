import Foundation
import LinearAlgebra
import QKSupport
import Testing

/// Loads `Fixtures/<name>.npy` as a matrix (a vector becomes one column).
func fixtureMatrix(_ name: String) throws -> Matrix {
    let path = try #require(Bundle.module.path(forResource: name, ofType: "npy", inDirectory: "Fixtures"))
    let array = try NPY.read(path)
    let rows = array.shape.first ?? 1
    let columns = array.shape.count > 1 ? array.shape[1] : 1
    return Matrix(rows: rows, columns: columns, scalars: array.scalars)
}

/// Loads `Fixtures/<name>.json`.
func fixtureJSON(_ name: String) throws -> [String: Any] {
    let path = try #require(Bundle.module.path(forResource: name, ofType: "json", inDirectory: "Fixtures"))
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Largest entry-wise difference relative to the largest entry of `reference`.
func relativeDifference(_ a: Matrix, _ reference: Matrix) -> Double {
    precondition(a.rows == reference.rows && a.columns == reference.columns, "shapes differ")
    let scale = max(reference.scalars.map(abs).max() ?? 0, 1e-300)
    return zip(a.scalars, reference.scalars).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}
