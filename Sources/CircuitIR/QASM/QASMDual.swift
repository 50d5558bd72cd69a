#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// A real value with its exact partial derivatives with respect to chosen `input`s of a program:
/// forward-mode differentiation of expression trees, `(v, dv)` with `dv[i] = dv/d input_i`.
///
/// The gradient is sparse (inputs that do not reach an expression are absent), so a program with no
/// trainable inputs evaluates as plain doubles with empty dictionaries.
struct QASMDual: Sendable {
    var value: Double
    /// `d value / d input_i`, keyed by input slot; zero entries may be absent.
    var gradient: [Int: Double] = [:]
    /// The value as an expression of the tracked inputs alone (gate parameters substituted), kept
    /// when the value depends on one: it lets a program be expanded once and its angles evaluated
    /// again for other inputs (`QASMProgram.symbolicExpansion`).
    var symbol: QASMExpression?

    init(_ value: Double, gradient: [Int: Double] = [:], symbol: QASMExpression? = nil) {
        self.value = value
        self.gradient = gradient
        self.symbol = symbol
    }

    /// `symbol`, or the value as a constant expression.
    func expression(at location: SourceLocation) -> QASMExpression {
        symbol ?? QASMExpression(node: .constant(value), location: location)
    }

    var isConstant: Bool { gradient.values.allSatisfy { $0 == 0 } }

    /// `a * x + b * y` on gradients (the chain rule's linear step).
    static func combine(_ a: Double, _ x: [Int: Double], _ b: Double, _ y: [Int: Double]) -> [Int: Double] {
        var g: [Int: Double] = [:]
        if a != 0 { for (k, v) in x { g[k, default: 0] += a * v } }
        if b != 0 { for (k, v) in y { g[k, default: 0] += b * v } }
        return g
    }

    static prefix func - (x: QASMDual) -> QASMDual {
        QASMDual(-x.value, gradient: x.gradient.mapValues { -$0 }, symbol: x.symbol.map { QASMExpression(node: .negate($0), location: $0.location) })
    }
}

extension QASMExpression {
    /// Evaluates the expression with derivatives with respect to the inputs in `trainable`.
    ///
    /// The value is computed exactly as `evaluate(parameters:inputs:)` does (same operations, same
    /// errors); derivatives follow the usual rules (`d sin x = cos x dx`, `d x^y = y x^(y-1) dx +
    /// x^y ln x dy`, `d fmod(x, y) = dx - trunc(x/y) dy`).
    func dual(parameters: [QASMDual], inputs: [Double], trainable: Set<Int>) throws(InputError) -> QASMDual {
        switch node {
        case .constant(let v): return QASMDual(v)
        case .gateParameter(let i): return parameters[i]
        case .input(let i):
            return trainable.contains(i) ? QASMDual(inputs[i], gradient: [i: 1], symbol: self) : QASMDual(inputs[i])
        case .negate(let e): return -(try e.dual(parameters: parameters, inputs: inputs, trainable: trainable))
        case .binary(let op, let a, let b):
            let x = try a.dual(parameters: parameters, inputs: inputs, trainable: trainable)
            let y = try b.dual(parameters: parameters, inputs: inputs, trainable: trainable)
            let value = try Self.apply(op, x.value, y.value, at: location)
            if x.gradient.isEmpty && y.gradient.isEmpty { return QASMDual(value) }
            let g: [Int: Double]
            switch op {
            case .add: g = QASMDual.combine(1, x.gradient, 1, y.gradient)
            case .subtract: g = QASMDual.combine(1, x.gradient, -1, y.gradient)
            case .multiply: g = QASMDual.combine(y.value, x.gradient, x.value, y.gradient)
            case .divide: g = QASMDual.combine(1 / y.value, x.gradient, -x.value / (y.value * y.value), y.gradient)
            case .modulo: g = QASMDual.combine(1, x.gradient, -(x.value / y.value).rounded(.towardZero), y.gradient)
            case .power:
                let dx = x.gradient.isEmpty ? 0 : y.value * pow(x.value, y.value - 1)
                var dy = 0.0
                if !y.isConstant {
                    guard x.value > 0 else {
                        throw InputError(
                            "'^' with a trainable exponent needs a positive base to be differentiable, got \(x.value)",
                            at: location)
                    }
                    dy = value * CMath.log(x.value)
                }
                g = QASMDual.combine(dx, x.gradient, dy, y.gradient)
            }
            guard g.values.allSatisfy(\.isFinite) else {
                throw InputError("'\(op.rawValue)' of \(x.value) and \(y.value) has no finite derivative", at: location)
            }
            let symbol = QASMExpression(node: .binary(op, x.expression(at: location), y.expression(at: location)), location: location)
            return QASMDual(value, gradient: g, symbol: symbol)
        case .call(let f, let a):
            let x = try a.dual(parameters: parameters, inputs: inputs, trainable: trainable)
            let value = try Self.apply(f, x.value, at: location)
            if x.gradient.isEmpty { return QASMDual(value) }
            let v = x.value
            let d: Double
            switch f {
            case .sin: d = CMath.cos(v)
            case .cos: d = -CMath.sin(v)
            case .tan: d = 1 / (CMath.cos(v) * CMath.cos(v))
            case .exp: d = value
            case .ln: d = 1 / v
            case .sqrt: d = 0.5 / value
            case .asin: d = 1 / CMath.sqrt(1 - v * v)
            case .acos: d = -1 / CMath.sqrt(1 - v * v)
            case .atan: d = 1 / (1 + v * v)
            }
            guard d.isFinite else {
                throw InputError("\(f.rawValue)(\(v)) has no finite derivative", at: location)
            }
            return QASMDual(
                value, gradient: x.gradient.mapValues { d * $0 },
                symbol: QASMExpression(node: .call(f, x.expression(at: location)), location: location))
        }
    }
}
