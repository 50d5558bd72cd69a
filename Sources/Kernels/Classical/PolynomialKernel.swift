import LinearAlgebra

/// The polynomial kernel `k(x, y) = (gamma x . y + coef0)^degree` (scikit-learn's `poly`,
/// LIBSVM's `-t 1`).
public struct PolynomialKernel: Kernel {
    /// The exponent, at least 1.
    public let degree: Int
    /// The scale of the inner product.
    public let gamma: Double
    /// The constant added before raising to `degree`.
    public let coef0: Double

    /// Creates the kernel; scikit-learn's defaults are degree 3, coef0 0.
    public init(degree: Int = 3, gamma: Double, coef0: Double = 0) {
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
    }

    /// `"poly"`.
    public var name: String { "poly" }

    /// `poly(degree=3, gamma=0.5, coef0=1)`.
    public var description: String { "poly(degree=\(degree), gamma=\(gamma), coef0=\(coef0))" }

    /// Checks and keeps the points.
    public func features(_ x: Matrix) throws -> PointBatch { try PointBatch(x) }

    /// `(gamma a_i . b_j + coef0)^degree` over the tile.
    public func block(_ a: PointBatch, rows: Range<Int>, _ b: PointBatch, columns: Range<Int>) throws -> Matrix {
        var k = try PointBatch.innerProducts(a, rows: rows, b, columns: columns)
        k.mapEntries(map)
        return k
    }

    /// The same through `dsyrk`.
    public func symmetricBlock(_ a: PointBatch, rows: Range<Int>) throws -> Matrix {
        var k = PointBatch.innerProducts(a, rows: rows)
        k.mapEntries(map)
        return k
    }

    /// `(gamma ||a_i||^2 + coef0)^degree`.
    public func diagonal(_ a: PointBatch) throws -> [Double] { a.squaredNorms.map(map) }

    private func map(_ dot: Double) -> Double { integerPower(gamma * dot + coef0, degree) }
}

/// `base^exponent` by repeated squaring, as LIBSVM's `powi` (exact for small integer powers,
/// unlike `pow`, and defined for negative bases).
func integerPower(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    var square = base
    var e = exponent
    while e > 0 {
        if e & 1 == 1 { result *= square }
        square *= square
        e >>= 1
    }
    return result
}
