#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import QKSupport

/// A real-valued expression from a circuit file, with names already resolved to slots so that
/// evaluating it (once per binding of the program's inputs) needs no look-ups.
///
/// All arithmetic is IEEE double precision, as in Qiskit's OpenQASM 2 reader: `1/2` is `0.5`.
struct QASMExpression: Sendable {
    /// Binary operators, in the grammar's notation.
    enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", modulo = "%"
    }

    /// The built-in functions of OpenQASM 2 (`sin cos tan exp ln sqrt`) and 3 (adds the inverse
    /// trigonometric functions, spelled `arcsin` or `asin`, etc.).
    enum Function: String, Sendable, CaseIterable {
        case sin, cos, tan, exp, ln, sqrt, asin, acos, atan

        /// Looks up a function by any of its accepted spellings.
        init?(name: String) {
            switch name {
            case "arcsin": self = .asin
            case "arccos": self = .acos
            case "arctan": self = .atan
            default: self.init(rawValue: name)
            }
        }

        func callAsFunction(_ x: Double) -> Double {
            switch self {
            case .sin: CMath.sin(x)
            case .cos: CMath.cos(x)
            case .tan: CMath.tan(x)
            case .exp: CMath.exp(x)
            case .ln: CMath.log(x)
            case .sqrt: CMath.sqrt(x)
            case .asin: CMath.asin(x)
            case .acos: CMath.acos(x)
            case .atan: CMath.atan(x)
            }
        }
    }

    /// The expression tree.
    indirect enum Node: Sendable {
        /// A literal or a folded constant.
        case constant(Double)
        /// The `i`-th parameter of the gate definition being expanded.
        case gateParameter(Int)
        /// The `i`-th `input` of the program.
        case input(Int)
        case negate(QASMExpression)
        case binary(BinaryOperator, QASMExpression, QASMExpression)
        case call(Function, QASMExpression)
    }

    var node: Node
    /// Where the expression (or, for a binary one, its operator) appears, for errors such as a
    /// division by zero.
    var location: SourceLocation

    /// The value if the expression is a constant.
    var constantValue: Double? {
        if case .constant(let v) = node { return v }
        return nil
    }

    /// Evaluates the expression.
    ///
    /// - Parameters:
    ///   - parameters: values of the enclosing gate's parameters.
    ///   - inputs: values of the program's `input` declarations.
    func evaluate(parameters: [Double], inputs: [Double]) throws(InputError) -> Double {
        switch node {
        case .constant(let v): return v
        case .gateParameter(let i): return parameters[i]
        case .input(let i): return inputs[i]
        case .negate(let e): return -(try e.evaluate(parameters: parameters, inputs: inputs))
        case .binary(let op, let a, let b):
            let x = try a.evaluate(parameters: parameters, inputs: inputs)
            let y = try b.evaluate(parameters: parameters, inputs: inputs)
            return try Self.apply(op, x, y, at: location)
        case .call(let f, let a):
            let x = try a.evaluate(parameters: parameters, inputs: inputs)
            return try Self.apply(f, x, at: location)
        }
    }

    static func apply(
        _ op: BinaryOperator, _ x: Double, _ y: Double, at location: SourceLocation
    ) throws(InputError) -> Double {
        let value: Double
        switch op {
        case .add: value = x + y
        case .subtract: value = x - y
        case .multiply: value = x * y
        case .divide:
            guard y != 0 else {
                throw InputError("division by zero: the divisor evaluates to 0", at: location)
            }
            value = x / y
        case .modulo:
            guard y != 0 else {
                throw InputError("modulo by zero: the divisor evaluates to 0", at: location)
            }
            value = fmod(x, y)
        case .power: value = pow(x, y)
        }
        guard value.isFinite else {
            throw InputError("'\(op.rawValue)' of \(x) and \(y) is not a finite number", at: location)
        }
        return value
    }

    static func apply(
        _ f: Function, _ x: Double, at location: SourceLocation
    ) throws(InputError) -> Double {
        let value = f(x)
        guard value.isFinite else {
            throw InputError(
                "\(f.rawValue)(\(x)) is not a finite real number (argument outside the function's domain)",
                at: location)
        }
        return value
    }
}
