// A matrix in JSON (model files, reports): its shape and its row-major entries.

extension Matrix: Codable {
    private enum Key: String, CodingKey { case rows, columns, scalars }

    /// `{"rows": r, "columns": c, "scalars": [row-major entries]}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
        try c.encode(scalars, forKey: .scalars)
    }

    /// Reads the object written by `encode(to:)`, checking that the entries fill the shape.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let rows = try c.decode(Int.self, forKey: .rows)
        let columns = try c.decode(Int.self, forKey: .columns)
        let scalars = try c.decode([Double].self, forKey: .scalars)
        guard rows >= 0, columns >= 0, scalars.count == rows * columns else {
            throw DecodingError.dataCorruptedError(
                forKey: .scalars, in: c, debugDescription: "\(scalars.count) entries do not fill \(rows) x \(columns)")
        }
        self.init(rows: rows, columns: columns, scalars: scalars)
    }
}
