// The only file that touches GSL's multimin callbacks. GSL calls plain C function pointers with a
// `void *params`; the Swift objective travels in that pointer as an unretained `Unmanaged` box
// that lives on the stack of `GSLMultimin.run...` for the whole minimisation, so no pointer ever
// outlives the call. A Swift error thrown by the objective cannot cross C frames: it is parked in
// the box, GSL is handed NaN (which stops its line search or simplex), and the error is rethrown
// once control is back in Swift.
//
// The global minimizer-type variables GSL exports are mutable C globals that Swift 6 rejects as
// not concurrency-safe; they are written once by GSL's static initialisation and only read here,
// hence the @preconcurrency import.
@preconcurrency import CGSL

/// The objective and bookkeeping GSL's callbacks reach through `params`.
final class GSLObjectiveBox {
    let objective: Objective
    var error: Error?
    var evaluations = 0

    init(_ objective: Objective) { self.objective = objective }

    func value(_ x: UnsafePointer<gsl_vector>) -> Double {
        if error != nil { return .nan }
        do {
            evaluations += 1
            return try objective.value(at: GSLMultimin.array(x), batch: 0)
        } catch {
            self.error = error
            return .nan
        }
    }

    func valueAndGradient(_ x: UnsafePointer<gsl_vector>, _ g: UnsafeMutablePointer<gsl_vector>?) -> Double {
        if error != nil { return .nan }
        do {
            evaluations += 1
            let (f, grad) = try objective.valueAndGradient(at: GSLMultimin.array(x), batch: 0)
            if let g { for (i, gi) in grad.enumerated() { gsl_vector_set(g, i, gi) } }
            return f
        } catch {
            self.error = error
            return .nan
        }
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> GSLObjectiveBox {
        Unmanaged<GSLObjectiveBox>.fromOpaque(params!).takeUnretainedValue()
    }
}

/// Thin wrappers over `gsl_multimin_fdfminimizer` and `gsl_multimin_fminimizer`.
enum GSLMultimin {
    /// GSL's default handler aborts the process on any error; QKSim turns errors into return codes.
    static let errorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

    static func array(_ v: UnsafePointer<gsl_vector>) -> [Double] {
        (0..<v.pointee.size).map { gsl_vector_get(v, $0) }
    }

    static func vector(_ x: [Double]) -> UnsafeMutablePointer<gsl_vector> {
        let v = gsl_vector_alloc(x.count)!
        for (i, xi) in x.enumerated() { gsl_vector_set(v, i, xi) }
        return v
    }

    /// One iteration's outcome, as the minimizers report it.
    struct Step {
        var status: Int32
        var x: [Double]
        var f: Double
        var converged: Bool
        var gradientNorm: Double?
    }

    /// Drives one GSL minimizer run (`run` calls back once per iteration) and gathers what every
    /// optimizer reports: the history, the stop reason, the last iterate. Shared by BFGS and
    /// Nelder-Mead, which differ only in the GSL state they step.
    static func minimize(
        _ objective: Objective, from x0: [Double], maxIterations: Int, callback: ((IterationRecord) -> Void)?,
        run: (GSLObjectiveBox, _ onStep: (Step) -> Bool) throws -> Void
    ) throws -> OptimizationResult {
        let box = GSLObjectiveBox(objective)
        var history: [IterationRecord] = []
        var stop = OptimizationResult.StopReason.maxIterations
        var last = (x: x0, f: Double.nan)
        try run(box) { step in
            if step.status != 0 {
                // GSL_ENOPROG and the like: no better point found; the iterate is unchanged.
                stop = .noProgress
                return false
            }
            last = (step.x, step.f)
            let record = IterationRecord(
                iteration: history.count + 1, loss: step.f, parameters: step.x, gradientNorm: step.gradientNorm,
                evaluations: box.evaluations)
            history.append(record)
            callback?(record)
            if step.converged {
                stop = .converged
                return false
            }
            return history.count < maxIterations
        }
        if history.isEmpty { last.f = try objective.value(at: x0) }
        return OptimizationResult(parameters: last.x, value: last.f, history: history, evaluations: box.evaluations, stopReason: stop)
    }

    /// Runs GSL's `vector_bfgs2` from `x0`, calling `step` after every iteration until it returns false.
    static func runBFGS(
        _ box: GSLObjectiveBox, x0: [Double], stepSize: Double, lineSearchTolerance: Double, gradientTolerance: Double,
        step: (Step) throws -> Bool
    ) throws {
        _ = errorHandlerOff
        let n = x0.count
        let params = Unmanaged.passUnretained(box).toOpaque()
        var function = gsl_multimin_function_fdf(
            f: { x, params in GSLObjectiveBox.from(params).value(x!) },
            df: { x, params, g in _ = GSLObjectiveBox.from(params).valueAndGradient(x!, g) },
            fdf: { x, params, f, g in f!.pointee = GSLObjectiveBox.from(params).valueAndGradient(x!, g) },
            n: n, params: params)
        guard let s = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, n) else {
            throw OptimizationError.gsl(code: Int32(GSL_ENOMEM), message: "cannot allocate the BFGS minimizer")
        }
        defer { gsl_multimin_fdfminimizer_free(s) }
        let start = vector(x0)
        defer { gsl_vector_free(start) }
        let setStatus = withExtendedLifetime(box) { gsl_multimin_fdfminimizer_set(s, &function, start, stepSize, lineSearchTolerance) }
        if let error = box.error { throw error }
        try check(setStatus, "gsl_multimin_fdfminimizer_set")
        while true {
            let status = withExtendedLifetime(box) { gsl_multimin_fdfminimizer_iterate(s) }
            if let error = box.error { throw error }
            let gradient = s.pointee.gradient!
            let converged = gsl_multimin_test_gradient(gradient, gradientTolerance) == Int32(GSL_SUCCESS)
            let outcome = Step(
                status: status, x: array(s.pointee.x), f: s.pointee.f, converged: converged,
                gradientNorm: norm(array(gradient)))
            if try !step(outcome) { return }
        }
    }

    /// Runs GSL's `nmsimplex2` from `x0` with initial simplex steps `steps`.
    static func runNelderMead(
        _ box: GSLObjectiveBox, x0: [Double], steps: [Double], sizeTolerance: Double, step: (Step) throws -> Bool
    ) throws {
        _ = errorHandlerOff
        let n = x0.count
        let params = Unmanaged.passUnretained(box).toOpaque()
        var function = gsl_multimin_function(f: { x, params in GSLObjectiveBox.from(params).value(x!) }, n: n, params: params)
        guard let s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n) else {
            throw OptimizationError.gsl(code: Int32(GSL_ENOMEM), message: "cannot allocate the Nelder-Mead minimizer")
        }
        defer { gsl_multimin_fminimizer_free(s) }
        let start = vector(x0), stepVector = vector(steps)
        defer {
            gsl_vector_free(start)
            gsl_vector_free(stepVector)
        }
        let setStatus = withExtendedLifetime(box) { gsl_multimin_fminimizer_set(s, &function, start, stepVector) }
        if let error = box.error { throw error }
        try check(setStatus, "gsl_multimin_fminimizer_set")
        while true {
            let status = withExtendedLifetime(box) { gsl_multimin_fminimizer_iterate(s) }
            if let error = box.error { throw error }
            let size = gsl_multimin_fminimizer_size(s)
            let outcome = Step(
                status: status, x: array(s.pointee.x), f: s.pointee.fval,
                converged: gsl_multimin_test_size(size, sizeTolerance) == Int32(GSL_SUCCESS), gradientNorm: nil)
            if try !step(outcome) { return }
        }
    }

    static func check(_ status: Int32, _ call: String) throws {
        guard status == Int32(GSL_SUCCESS) else {
            throw OptimizationError.gsl(code: status, message: "\(call): \(String(cString: gsl_strerror(status)))")
        }
    }
}
