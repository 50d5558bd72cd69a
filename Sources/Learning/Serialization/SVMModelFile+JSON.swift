import FoundationEssentials
import LinearAlgebra

extension SVMModelFile {
    /// The model file's JSON: the layout `JSONEncoder` gives this type (sorted keys, `nil` fields
    /// left out), one top-level field per line, with the numeric arrays written directly.
    ///
    /// A model's bulk is its support vectors: 3516 x 20 numbers for a 5000-point RBF problem.
    /// `JSONEncoder` boxes every number into its own value tree before writing it, which made
    /// writing the model cost a quarter of fitting it; here each number is appended as Swift's
    /// shortest round-trip text, and only the small nested objects (kernel, hyperparameters,
    /// preprocessing) go through `JSONEncoder`, so their layout stays the Codable one that
    /// ``decode(_:path:)`` reads.
    func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var fields: [(key: String, value: [UInt8])] = [
            ("classes", try Self.json(classes)),
            ("coefficients", try Self.json(coefficients)),
            ("format", Array(try encoder.encode(format))),
            ("hyperparameters", Array(try encoder.encode(hyperparameters))),
            ("iterations", Self.json(iterations)),
            ("kernel", Array(try encoder.encode(kernel))),
            ("objectives", try Self.json(objectives)),
            ("preprocessing", Array(try encoder.encode(preprocessing))),
            ("rho", try Self.json(rho)),
            ("supportCounts", Self.json(supportCounts)),
            ("supportIndices", Self.json(supportIndices)),
            ("supportVectors", try Self.json(supportVectors)),
            ("trainingCount", Array(String(trainingCount).utf8)),
            ("version", Array(String(version).utf8)),
        ]
        if let featureNames { fields.append(("featureNames", Array(try encoder.encode(featureNames)))) }
        if let probabilityA { fields.append(("probabilityA", try Self.json(probabilityA))) }
        if let probabilityB { fields.append(("probabilityB", try Self.json(probabilityB))) }
        fields.sort { $0.key < $1.key }
        var out: [UInt8] = Array("{\n".utf8)
        for (i, field) in fields.enumerated() {
            out += Array("  \"\(field.key)\" : ".utf8)
            out += field.value
            out += Array((i + 1 < fields.count ? ",\n" : "\n").utf8)
        }
        out += Array("}\n".utf8)
        return out
    }

    /// A JSON array of numbers; like `JSONEncoder`, refuses NaN and infinities (JSON has neither).
    static func json(_ values: [Double]) throws -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(2 + 20 * values.count)
        for (i, v) in values.enumerated() {
            guard v.isFinite else {
                throw EncodingError.invalidValue(v, .init(codingPath: [], debugDescription: "\(v) is not a JSON number"))
            }
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += v.description.utf8
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// A JSON array of integers.
    static func json(_ values: [Int]) -> [UInt8] {
        Array(("[" + values.map(String.init).joined(separator: ",") + "]").utf8)
    }

    /// `{"columns":c,"rows":r,"scalars":[...]}`, `Matrix`'s Codable layout.
    static func json(_ m: Matrix) throws -> [UInt8] {
        Array("{\"columns\":\(m.columns),\"rows\":\(m.rows),\"scalars\":".utf8) + (try json(m.scalars)) + [UInt8(ascii: "}")]
    }
}
