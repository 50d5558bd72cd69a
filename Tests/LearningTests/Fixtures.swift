import Foundation
import LinearAlgebra
import QKSupport
import Testing

/// The folder of a fixture case, e.g. `fixturePath("wine_binary_rbf/train", "csv")`.
func fixturePath(_ name: String, _ ext: String) throws -> String {
    try #require(
        Bundle.module.path(forResource: name, ofType: ext, inDirectory: "Fixtures"), "missing fixture \(name).\(ext)")
}

/// A `.npy` fixture as a matrix (a vector becomes one column).
func fixtureMatrix(_ name: String) throws -> Matrix {
    let array = try NPY.read(try fixturePath(name, "npy"))
    let rows = array.shape.first ?? 1
    return Matrix(rows: rows, columns: array.shape.count > 1 ? array.shape[1] : 1, scalars: array.scalars)
}

/// A `.json` fixture.
func fixtureJSON(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try fixturePath(name, "json")))
    return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// A numeric CSV fixture with a header row, split into features and the last column, parsed here
/// independently of the library's reader.
func fixtureCSV(_ name: String) throws -> (x: Matrix, y: [Double]) {
    let text = try String(contentsOfFile: try fixturePath(name, "csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    return (Matrix(rows.map { Array($0.dropLast()) }), rows.map { $0.last! })
}

/// Numbers from a JSON array.
func doubles(_ value: Any?) throws -> [Double] {
    let array = try #require(value as? [Any])
    return try array.map { try #require(($0 as? NSNumber)?.doubleValue) }
}

/// A JSON array of arrays as a matrix.
func matrix(_ value: Any?) throws -> Matrix {
    let rows = try #require(value as? [Any]).map { try doubles($0) }
    return Matrix(rows)
}

/// |a - b| / |b|.
func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }
