import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

// All of the integral-RL layer's calls into GSL live here. GSL calls back through plain C function
// pointers with a `void *params`; the Swift closure travels in that pointer, boxed in a class that
// lives exactly as long as the call, so nothing outside this file sees an unsafe pointer.

/// GSL's default error handler aborts the process; QKSim checks every status code instead.
private let gslErrorHandlerDisabled: Bool = {
    _ = gsl_set_error_handler_off()
    return true
}()

/// The right-hand side `f(t, y)` of an ODE, writing into `dydt`.
public typealias ODERightHandSide = (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

/// Holds an ODE's right-hand side and dimension for the duration of one GSL call.
private final class ODEContext {
    let rightHandSide: ODERightHandSide
    let dimension: Int
    init(_ rightHandSide: @escaping ODERightHandSide, dimension: Int) {
        self.rightHandSide = rightHandSide
        self.dimension = dimension
    }
}

/// Holds an integrand for the duration of one GSL call.
private final class IntegrandContext {
    let integrand: (Double) -> Double
    init(_ integrand: @escaping (Double) -> Double) { self.integrand = integrand }
}

/// An error status returned by GSL.
public struct GSLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The GSL routine that failed.
    public var routine: String
    /// GSL's status code (`GSL_E...`).
    public var status: Int32
    /// Where in the computation it happened.
    public var context: String

    /// `gsl_odeiv2_driver_apply failed (...): ...`.
    public var description: String {
        let reason = gsl_strerror(status).map { String(cString: $0) } ?? "unknown error"
        return "\(routine) failed (\(reason), status \(status)) \(context)"
    }
}

/// An embedded Runge-Kutta method of GSL's `odeiv2`.
public enum ODEMethod: String, Sendable, CaseIterable {
    /// Prince-Dormand 8(9): high order, the default.
    case rk8pd
    /// Runge-Kutta-Fehlberg 4(5).
    case rkf45
    /// Cash-Karp 4(5).
    case rkck

    fileprivate var stepType: UnsafePointer<gsl_odeiv2_step_type> {
        switch self {
        case .rk8pd: return cgsl_odeiv2_step_rk8pd()
        case .rkf45: return cgsl_odeiv2_step_rkf45()
        case .rkck: return cgsl_odeiv2_step_rkck()
        }
    }
}

/// Integrates `y' = f(t, y)` with an adaptive embedded Runge-Kutta method (GSL `odeiv2` driver).
public struct ODESolver: Sendable, Hashable {
    /// The stepper.
    public var method: ODEMethod
    /// Relative error tolerance per step.
    public var relativeTolerance: Double
    /// Absolute error tolerance per step.
    public var absoluteTolerance: Double

    /// Creates a solver; the defaults are tighter than the paper's `rtol = atol = 1e-8`, so that the
    /// "analytical" reference sits well below every quadrature error studied.
    public init(method: ODEMethod = .rk8pd, relativeTolerance: Double = 1e-11, absoluteTolerance: Double = 1e-11) {
        self.method = method
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// The states at `times` (non-decreasing, all `>= start`) of the solution through `initial` at
    /// time `start`. `rightHandSide(t, y, dydt)` writes `f(t, y)` into `dydt`.
    public func solve(
        from start: Double, initial: [Double], at times: [Double],
        rightHandSide: ODERightHandSide
    ) throws -> [[Double]] {
        _ = gslErrorHandlerDisabled
        let dimension = initial.count
        return try withoutActuallyEscaping(rightHandSide) { rhs in
            let box = ODEContext(rhs, dimension: dimension)
            let context = Unmanaged.passUnretained(box).toOpaque()
            // The driver keeps a pointer to the system, so it lives on the heap for the whole call.
            let system = UnsafeMutablePointer<gsl_odeiv2_system>.allocate(capacity: 1)
            defer { system.deallocate() }
            system.initialize(
                to: gsl_odeiv2_system(function: odeRightHandSide, jacobian: nil, dimension: dimension, params: context))
            let span = max(times.last.map { $0 - start } ?? 1, 1e-300)
            guard
                let driver = gsl_odeiv2_driver_alloc_y_new(
                    system, method.stepType, min(1e-3, span / 8), absoluteTolerance, relativeTolerance)
            else { throw GSLError(routine: "gsl_odeiv2_driver_alloc_y_new", status: Int32(GSL_ENOMEM), context: "") }
            defer { gsl_odeiv2_driver_free(driver) }
            var t = start
            var y = initial
            var states: [[Double]] = []
            states.reserveCapacity(times.count)
            for target in times {
                if target > t {
                    let status = gsl_odeiv2_driver_apply(driver, &t, target, &y)
                    guard status == Int32(GSL_SUCCESS) else {
                        throw GSLError(
                            routine: "gsl_odeiv2_driver_apply", status: status, context: "integrating to t = \(target)")
                    }
                }
                states.append(y)
            }
            withExtendedLifetime(box) {}
            return states
        }
    }
}

private func odeRightHandSide(
    _ t: Double, _ y: UnsafePointer<Double>?, _ dydt: UnsafeMutablePointer<Double>?, _ params: UnsafeMutableRawPointer?
) -> Int32 {
    guard let y, let dydt, let params else { return Int32(GSL_EFAULT) }
    let context = Unmanaged<ODEContext>.fromOpaque(params).takeUnretainedValue()
    context.rightHandSide(
        t, UnsafeBufferPointer(start: y, count: context.dimension),
        UnsafeMutableBufferPointer(start: dydt, count: context.dimension))
    return Int32(GSL_SUCCESS)
}

/// Adaptive Gauss-Kronrod integration of a smooth function (GSL QAG), the independent reference
/// against which QKSim checks its closed-form integrals.
public enum AdaptiveQuadrature {
    /// `integral_a^b f(x) dx` by GSL's `qag` with the 61-point Gauss-Kronrod pair, to `relativeTolerance`
    /// or `absoluteTolerance`, whichever is reached first. Returns the estimate and GSL's error bound.
    public static func integrate(
        from a: Double, to b: Double, relativeTolerance: Double = 1e-13, absoluteTolerance: Double = 0,
        _ f: (Double) -> Double
    ) throws -> (value: Double, errorBound: Double) {
        _ = gslErrorHandlerDisabled
        let limit = 1000
        guard let workspace = gsl_integration_workspace_alloc(limit) else {
            throw GSLError(routine: "gsl_integration_workspace_alloc", status: Int32(GSL_ENOMEM), context: "")
        }
        defer { gsl_integration_workspace_free(workspace) }
        return try withoutActuallyEscaping(f) { f in
            let box = IntegrandContext(f)
            var function = gsl_function(function: integrandTrampoline, params: Unmanaged.passUnretained(box).toOpaque())
            var value = 0.0
            var error = 0.0
            let status = gsl_integration_qag(
                &function, a, b, absoluteTolerance, relativeTolerance, limit, Int32(GSL_INTEG_GAUSS61), workspace, &value,
                &error)
            withExtendedLifetime(box) {}
            guard status == Int32(GSL_SUCCESS) else {
                throw GSLError(routine: "gsl_integration_qag", status: status, context: "on [\(a), \(b)]")
            }
            return (value, error)
        }
    }
}

private func integrandTrampoline(_ x: Double, _ params: UnsafeMutableRawPointer?) -> Double {
    guard let params else { return .nan }
    return Unmanaged<IntegrandContext>.fromOpaque(params).takeUnretainedValue().integrand(x)
}

extension MaternKernel {
    /// The Matern covariance for any smoothness `nu > 0`, through the modified Bessel function of the
    /// second kind (GSL):
    ///
    ///     k(r) = 2^(1 - nu) / Gamma(nu) * (sqrt(2 nu) r / l)^nu * K_nu(sqrt(2 nu) r / l),   k(0) = 1.
    ///
    /// Slower than the closed forms of ``covariance(_:_:)`` and limited to double precision; QKSim uses
    /// it as their independent check.
    public static func besselCovariance(nu: Double, lengthscale: Double, distance r: Double) -> Double {
        if r == 0 { return 1 }
        let u = (2 * nu).squareRoot() * abs(r) / lengthscale
        return pow(2, 1 - nu) / gsl_sf_gamma(nu) * pow(u, nu) * gsl_sf_bessel_Knu(nu, u)
    }
}
