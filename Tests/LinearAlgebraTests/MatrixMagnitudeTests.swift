import LinearAlgebra
import QKSupport
import Testing

/// `largestFiniteMagnitude` against a plain scan, on sizes that do and do not fill its 8-wide
/// vectors, and its nil for a NaN or an infinity anywhere (vector body or scalar tail).
@Suite struct MatrixMagnitudeTests {
    @Test(arguments: [(0, 0), (1, 1), (3, 5), (8, 8), (37, 41)]) func matchesAPlainScan(rows: Int, columns: Int) {
        var rng = SeededGenerator(seed: UInt64(rows * 100 + columns))
        let m = Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in 10 * rng.normal() })
        let want = m.scalars.reduce(0.0) { max($0, abs($1)) }
        #expect(m.largestFiniteMagnitude == want)
    }

    @Test func theLargestMayBeNegative() {
        let m = Matrix(rows: 2, columns: 9, scalars: [1, 2, 3, -7.5, 4, 5, 6, 7, 0.5] + [Double](repeating: 1, count: 9))
        #expect(m.largestFiniteMagnitude == 7.5)
    }

    @Test(arguments: [0, 7, 8, 16, 34], [Double.nan, .infinity, -.infinity])
    func aNonFiniteEntryGivesNil(at index: Int, value: Double) {
        var scalars = [Double](repeating: 0.25, count: 35)
        scalars[index] = value
        #expect(Matrix(rows: 5, columns: 7, scalars: scalars).largestFiniteMagnitude == nil)
    }
}
