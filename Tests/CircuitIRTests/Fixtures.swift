import CircuitIR
import Foundation
import Numerics
import QKSupport
import Testing
import _TestSupport

/// Access to the test fixtures (made by Fixtures/make_fixtures.py and scripts/make_qasm_corpus.py)
/// and to the repository's circuits/ folder.
enum Fixtures {
    typealias C = Complex<Double>

    struct MissingFixture: Error, CustomStringConvertible {
        var description: String
    }

    /// Absolute path of a file under Fixtures/.
    static func path(_ relative: String) throws -> String {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw MissingFixture(description: "the Fixtures folder is not in the test bundle")
        }
        let path = root.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else { throw MissingFixture(description: "missing fixture \(relative)") }
        return path
    }

    /// Absolute path of a file in the repository's circuits/ folder.
    static func examplePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("circuits").appendingPathComponent(name).path
    }

    /// A complex128 .npy array as complex numbers.
    static func complexArray(_ relative: String) throws -> [C] {
        let a = try NPY.read(try path(relative))
        guard a.dtype == .complex128 else { throw MissingFixture(description: "\(relative) is not complex128") }
        return stride(from: 0, to: a.scalars.count, by: 2).map { C(a.scalars[$0], a.scalars[$0 + 1]) }
    }

    /// Decodes a JSON fixture.
    static func json<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path(relative)))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// One entry of Fixtures/manifest.json.
    struct Reference: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var kind: String
        var reference: String
        var parameters: [String: Double]
        var testDescription: String { file }
    }

    struct Manifest: Decodable {
        var circuits: [Reference]
        var examples: [Reference]
    }

    static func manifest() throws -> Manifest { try json(Manifest.self, "manifest.json") }

    /// Largest entry-wise distance.
    static func maxDistance(_ a: [C], _ b: [C]) -> Double {
        precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
        return zip(a, b).map { ($0 - $1).length }.nanPropagatingMax()
    }

    /// State fidelity |<a|b>|^2 of two normalised states.
    static func fidelity(_ a: [C], _ b: [C]) -> Double {
        precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
        var inner = C.zero
        for (x, y) in zip(a, b) { inner = inner + x.conjugate * y }
        return inner.lengthSquared
    }
}

/// Lets fixture entries name themselves in parameterised test output.
protocol CustomTestStringConvertible {}
