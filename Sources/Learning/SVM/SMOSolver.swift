// The SMO solver of C-SVC, as in LIBSVM (Chang and Lin; Fan, Chen and Lin, JMLR 6 (2005) 1889-1918).
//
// It solves the dual problem
//
//     min_alpha   f(alpha) = 1/2 alpha^T Q alpha + p^T alpha
//     subject to  y^T alpha = 0,   0 <= alpha_i <= C_i,
//
// with Q[i, j] = y_i y_j K(x_i, x_j), y_i = +1 or -1, p = -e (all -1) and C_i = C * weight[class
// of i]. The gradient is G = Q alpha + p. Writing I_up = {t : y_t = +1, alpha_t < C_t or y_t = -1,
// alpha_t > 0} and I_low = {t : y_t = +1, alpha_t > 0 or y_t = -1, alpha_t < C_t}, alpha is optimal
// (the KKT conditions hold) when
//
//     m(alpha) = max_{t in I_up} -y_t G_t  <=  M(alpha) = min_{t in I_low} -y_t G_t,
//
// and the solver stops when m - M < eps (LIBSVM's -e, scikit-learn's `tol`, default 1e-3).
//
// Each iteration changes two variables (the smallest working set that can keep y^T alpha = 0):
//
// - Working-set selection WSS3 (second order): i maximises -y_i G_i over I_up; j minimises, over
//   t in I_low with -y_t G_t < -y_i G_i, the decrease of f from the two-variable step,
//   -(b_it)^2 / a_it with b_it = -y_i G_i + y_t G_t and a_it = Q_ii + Q_tt - 2 y_i y_t Q_it (replaced
//   by tau = 1e-12 when not positive, so indefinite kernels still make progress).
// - The pair is moved along the feasible line and clipped to the box [0, C_i] x [0, C_j].
// - G is updated from the two Q columns: G += Q_i d_alpha_i + Q_j d_alpha_j.
//
// Shrinking: every min(l, 1000) iterations, variables at a bound whose gradient says they will stay
// there (-y_t G_t beyond the current m or M) leave the active set; only active gradients are
// updated. G_bar_t = sum_{j: alpha_j = C_j} C_j Q_tj is kept for all t, so the inactive gradients
// can be rebuilt exactly ("unshrinking") when the active problem is solved, and once when the
// violation first falls below 10 eps. The solver then checks optimality on the full problem.
//
// At the end, rho (the decision function is sum_i alpha_i y_i K(x_i, x) - rho) is the mean of y_i G_i
// over free variables (0 < alpha_i < C_i), or the midpoint of the feasible interval
// [max lower, min upper] when no variable is free; the objective is f = 1/2 sum alpha_i (G_i + p_i).
//
// This file follows LIBSVM's Solver step for step (the same comparisons, tie-breaking and
// floating-point order, with Q stored in Float), so that its iterates and results agree with
// LIBSVM's and scikit-learn's to rounding.

/// The dual solution of one binary C-SVC problem.
struct SMOSolution {
    /// `alpha_i` (not yet multiplied by `y_i`), in the sub-problem's point order.
    var alpha: [Double]
    /// The upper bounds `C_i`, in the same order.
    var upperBounds: [Double]
    /// The decision function's offset: `f(x) = sum alpha_i y_i K(x_i, x) - rho`.
    var rho: Double
    /// The dual objective `1/2 alpha^T Q alpha - e^T alpha` (LIBSVM's `obj`, <= 0).
    var objective: Double
    /// Iterations taken.
    var iterations: Int
    /// Whether the iteration limit stopped the solver before the tolerance was met.
    var reachedIterationLimit: Bool
    /// The gradient `G = Q alpha + p` at the solution, in the sub-problem's point order. For C-SVC
    /// (`p = -e`) it holds the training decision values: `sum_j alpha_j y_j K_ij = y_i (G_i + 1)`.
    var gradient: [Double]
}

/// LIBSVM's SMO solver for the C-SVC dual (see the problem at the top of this file).
struct SMOSolver {
    private enum Status: UInt8 { case lowerBound, upperBound, free }

    private static let tau = 1e-12

    private var q: SVCQMatrix
    private var y: [Int8]
    private var alpha: [Double]
    private var status: [Status]
    private var p: [Double]
    private var upperBound: [Double]
    private var gradient: [Double]
    /// `G_bar_t = sum over alpha_j at its upper bound of C_j Q_tj`.
    private var gradientBar: [Double]
    /// Position -> sub-problem point.
    private var activeSet: [Int]
    private var activeSize: Int
    private let l: Int
    private let eps: Double
    private var unshrink = false

    /// Solves the C-SVC dual for the points of `q`, labels `y`, bounds `upperBounds`, starting from
    /// `alpha = 0`.
    static func solve(
        q: SVCQMatrix, y: [Int8], upperBounds: [Double], eps: Double, shrinking: Bool, maxIterations: Int
    ) throws -> SMOSolution {
        var solver = SMOSolver(
            q: q, y: y, alpha: [Double](repeating: 0, count: y.count), p: [Double](repeating: -1, count: y.count),
            upperBounds: upperBounds, eps: eps)
        return try solver.run(shrinking: shrinking, maxIterations: maxIterations)
    }

    private init(q: SVCQMatrix, y: [Int8], alpha: [Double], p: [Double], upperBounds: [Double], eps: Double) {
        self.q = q
        self.y = y
        self.alpha = alpha
        self.p = p
        self.upperBound = upperBounds
        self.eps = eps
        self.l = y.count
        self.status = []
        self.gradient = p
        self.gradientBar = [Double](repeating: 0, count: y.count)
        self.activeSet = Array(0..<y.count)
        self.activeSize = y.count
        self.status = (0..<l).map { statusOf(alpha[$0], upperBounds[$0]) }
    }

    private func statusOf(_ a: Double, _ c: Double) -> Status {
        a >= c ? .upperBound : (a <= 0 ? .lowerBound : .free)
    }

    private mutating func updateStatus(_ i: Int) { status[i] = statusOf(alpha[i], upperBound[i]) }

    private mutating func run(shrinking: Bool, maxIterations: Int) throws -> SMOSolution {
        // Initial gradient for a general starting point (alpha = 0 here, so only G = p remains).
        for i in 0..<l where status[i] != .lowerBound {
            let qi = try q.column(i, length: l)
            let ai = alpha[i]
            for j in 0..<l { gradient[j] += ai * Double(qi[j]) }
            if status[i] == .upperBound {
                for j in 0..<l { gradientBar[j] += upperBound[i] * Double(qi[j]) }
            }
        }

        var iterations = 0
        var reachedLimit = false
        var counter = min(l, 1000) + 1
        while true {
            if iterations >= maxIterations {
                reachedLimit = true
                break
            }
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { try shrink() }
            }
            var pair = try selectWorkingSet()
            if pair == nil {
                // Optimal on the active set: rebuild the whole gradient and check the full problem.
                try reconstructGradient()
                activeSize = l
                pair = try selectWorkingSet()
                counter = 1  // shrink at the next iteration
            }
            guard let (i, j) = pair else { break }
            iterations += 1
            try step(i, j)
        }
        if reachedLimit && activeSize < l {
            // The objective needs every gradient entry.
            try reconstructGradient()
            activeSize = l
        }

        let rho = calculateRho()
        var objective = 0.0
        for i in 0..<l { objective += alpha[i] * (gradient[i] + p[i]) }
        var solution = [Double](repeating: 0, count: l)
        var bounds = [Double](repeating: 0, count: l)
        var finalGradient = [Double](repeating: 0, count: l)
        for i in 0..<l {
            solution[activeSet[i]] = alpha[i]
            bounds[activeSet[i]] = upperBound[i]
            finalGradient[activeSet[i]] = gradient[i]
        }
        return SMOSolution(
            alpha: solution, upperBounds: bounds, rho: rho, objective: objective / 2, iterations: iterations,
            reachedIterationLimit: reachedLimit, gradient: finalGradient)
    }

    /// One SMO step on the pair (i, j): the analytic two-variable minimiser, clipped to the box.
    private mutating func step(_ i: Int, _ j: Int) throws {
        let qi = try q.column(i, length: activeSize)
        let qj = try q.column(j, length: activeSize)
        let qd = q.diagonal
        let (ci, cj) = (upperBound[i], upperBound[j])
        let (oldI, oldJ) = (alpha[i], alpha[j])

        if y[i] != y[j] {
            var quadCoef = qd[i] + qd[j] + 2 * Double(qi[j])
            if quadCoef <= 0 { quadCoef = Self.tau }
            let delta = (-gradient[i] - gradient[j]) / quadCoef
            let diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 {
                if alpha[j] < 0 {
                    alpha[j] = 0
                    alpha[i] = diff
                }
            } else {
                if alpha[i] < 0 {
                    alpha[i] = 0
                    alpha[j] = -diff
                }
            }
            if diff > ci - cj {
                if alpha[i] > ci {
                    alpha[i] = ci
                    alpha[j] = ci - diff
                }
            } else {
                if alpha[j] > cj {
                    alpha[j] = cj
                    alpha[i] = cj + diff
                }
            }
        } else {
            var quadCoef = qd[i] + qd[j] - 2 * Double(qi[j])
            if quadCoef <= 0 { quadCoef = Self.tau }
            let delta = (gradient[i] - gradient[j]) / quadCoef
            let sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > ci {
                if alpha[i] > ci {
                    alpha[i] = ci
                    alpha[j] = sum - ci
                }
            } else {
                if alpha[j] < 0 {
                    alpha[j] = 0
                    alpha[i] = sum
                }
            }
            if sum > cj {
                if alpha[j] > cj {
                    alpha[j] = cj
                    alpha[i] = sum - cj
                }
            } else {
                if alpha[i] < 0 {
                    alpha[i] = 0
                    alpha[j] = sum
                }
            }
        }

        let deltaI = alpha[i] - oldI
        let deltaJ = alpha[j] - oldJ
        let n = activeSize
        gradient.withUnsafeMutableBufferPointer { g in
            qi.withUnsafeBufferPointer { a in
                qj.withUnsafeBufferPointer { b in
                    for k in 0..<n { g[k] += Double(a[k]) * deltaI + Double(b[k]) * deltaJ }
                }
            }
        }

        // Keep G_bar in step with variables entering or leaving their upper bound.
        let wasUpperI = status[i] == .upperBound
        let wasUpperJ = status[j] == .upperBound
        updateStatus(i)
        updateStatus(j)
        if wasUpperI != (status[i] == .upperBound) {
            try addToGradientBar(column: i, scale: wasUpperI ? -ci : ci)
        }
        if wasUpperJ != (status[j] == .upperBound) {
            try addToGradientBar(column: j, scale: wasUpperJ ? -cj : cj)
        }
    }

    private mutating func addToGradientBar(column i: Int, scale: Double) throws {
        let qi = try q.column(i, length: l)
        let n = l
        gradientBar.withUnsafeMutableBufferPointer { g in
            qi.withUnsafeBufferPointer { a in
                for k in 0..<n { g[k] += scale * Double(a[k]) }
            }
        }
    }

    /// WSS3: the pair (i, j) described at the top of the file, or `nil` when the active problem is
    /// optimal to within `eps`.
    private mutating func selectWorkingSet() throws -> (Int, Int)? {
        let n = activeSize
        let (gmax, i) = maximalViolatingIndex()
        // With no candidate i, gmax = -inf and no j qualifies, so column i is never read.
        let qi = i != -1 ? try q.column(i, length: n) : []
        let yi = i != -1 ? Double(y[i]) : 0
        let qdi = i != -1 ? q.diagonal[i] : 0
        var gmax2 = -Double.infinity
        var gminIndex = -1
        var objDiffMin = Double.infinity
        // The loop of LIBSVM's select_working_set over raw buffers (no bounds or exclusivity checks
        // in the solver's hottest loop); same comparisons in the same order.
        y.withUnsafeBufferPointer { y in
            status.withUnsafeBufferPointer { status in
                gradient.withUnsafeBufferPointer { gradient in
                    q.diagonal.withUnsafeBufferPointer { qd in
                        qi.withUnsafeBufferPointer { qi in
                            for j in 0..<n {
                                let g = gradient[j]
                                if y[j] == 1 {
                                    if status[j] != .lowerBound {
                                        let gradDiff = gmax + g
                                        if g >= gmax2 { gmax2 = g }
                                        if gradDiff > 0 {
                                            let quadCoef = qdi + qd[j] - 2.0 * yi * Double(qi[j])
                                            let objDiff =
                                                quadCoef > 0
                                                ? -(gradDiff * gradDiff) / quadCoef : -(gradDiff * gradDiff) / Self.tau
                                            if objDiff <= objDiffMin {
                                                gminIndex = j
                                                objDiffMin = objDiff
                                            }
                                        }
                                    }
                                } else {
                                    if status[j] != .upperBound {
                                        let gradDiff = gmax - g
                                        if -g >= gmax2 { gmax2 = -g }
                                        if gradDiff > 0 {
                                            let quadCoef = qdi + qd[j] + 2.0 * yi * Double(qi[j])
                                            let objDiff =
                                                quadCoef > 0
                                                ? -(gradDiff * gradDiff) / quadCoef : -(gradDiff * gradDiff) / Self.tau
                                            if objDiff <= objDiffMin {
                                                gminIndex = j
                                                objDiffMin = objDiff
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if gmax + gmax2 < eps || gminIndex == -1 { return nil }
        return (i, gminIndex)
    }

    /// WSS3's first index: `i` maximising `-y_i G_i` over `I_up` among the active variables (the
    /// last one on ties, as LIBSVM's `>=`), with the maximum; `(-inf, -1)` when `I_up` is empty.
    private func maximalViolatingIndex() -> (Double, Int) {
        var gmax = -Double.infinity
        var gmaxIndex = -1
        let n = activeSize
        y.withUnsafeBufferPointer { y in
            status.withUnsafeBufferPointer { status in
                gradient.withUnsafeBufferPointer { gradient in
                    for t in 0..<n {
                        if y[t] == 1 {
                            if status[t] != .upperBound && -gradient[t] >= gmax {
                                gmax = -gradient[t]
                                gmaxIndex = t
                            }
                        } else {
                            if status[t] != .lowerBound && gradient[t] >= gmax {
                                gmax = gradient[t]
                                gmaxIndex = t
                            }
                        }
                    }
                }
            }
        }
        return (gmax, gmaxIndex)
    }

    /// Whether variable `i`, at a bound, is expected to stay there given the extreme violations.
    private func beShrunk(_ i: Int, _ gmax1: Double, _ gmax2: Double) -> Bool {
        switch status[i] {
        case .upperBound: return y[i] == 1 ? -gradient[i] > gmax1 : -gradient[i] > gmax2
        case .lowerBound: return y[i] == 1 ? gradient[i] > gmax2 : gradient[i] > gmax1
        case .free: return false
        }
    }

    /// Moves variables that will stay at their bounds to the end of the order (out of the active set).
    private mutating func shrink() throws {
        var gmax1 = -Double.infinity  // max { -y_i G_i : i in I_up }
        var gmax2 = -Double.infinity  // max { y_i G_i : i in I_low }
        for i in 0..<activeSize {
            if y[i] == 1 {
                if status[i] != .upperBound && -gradient[i] >= gmax1 { gmax1 = -gradient[i] }
                if status[i] != .lowerBound && gradient[i] >= gmax2 { gmax2 = gradient[i] }
            } else {
                if status[i] != .upperBound && -gradient[i] >= gmax2 { gmax2 = -gradient[i] }
                if status[i] != .lowerBound && gradient[i] >= gmax1 { gmax1 = gradient[i] }
            }
        }
        // Near the end, unshrink once so the final iterations see every variable.
        if !unshrink && gmax1 + gmax2 <= eps * 10 {
            unshrink = true
            try reconstructGradient()
            activeSize = l
        }
        var i = 0
        while i < activeSize {
            if beShrunk(i, gmax1, gmax2) {
                activeSize -= 1
                while activeSize > i {
                    if !beShrunk(activeSize, gmax1, gmax2) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    private mutating func swapIndex(_ i: Int, _ j: Int) {
        q.swapIndex(i, j)
        y.swapAt(i, j)
        gradient.swapAt(i, j)
        status.swapAt(i, j)
        alpha.swapAt(i, j)
        p.swapAt(i, j)
        activeSet.swapAt(i, j)
        gradientBar.swapAt(i, j)
        upperBound.swapAt(i, j)
    }

    /// Rebuilds the gradient of the inactive variables: `G = G_bar + p + sum over free j of alpha_j Q_j`,
    /// reading whichever is fewer, the free columns or the inactive ones.
    private mutating func reconstructGradient() throws {
        if activeSize == l { return }
        for j in activeSize..<l { gradient[j] = gradientBar[j] + p[j] }
        var freeCount = 0
        for j in 0..<activeSize where status[j] == .free { freeCount += 1 }
        if freeCount * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                let qi = try q.column(i, length: activeSize)
                for j in 0..<activeSize where status[j] == .free { gradient[i] += alpha[j] * Double(qi[j]) }
            }
        } else {
            for i in 0..<activeSize where status[i] == .free {
                let qi = try q.column(i, length: l)
                let ai = alpha[i]
                for j in activeSize..<l { gradient[j] += ai * Double(qi[j]) }
            }
        }
    }

    /// rho: the mean of y_i G_i over free variables, else the midpoint of the bounds on it.
    private func calculateRho() -> Double {
        var freeCount = 0
        var upper = Double.infinity
        var lower = -Double.infinity
        var freeSum = 0.0
        for i in 0..<activeSize {
            let yG = Double(y[i]) * gradient[i]
            switch status[i] {
            case .upperBound:
                if y[i] == -1 { upper = min(upper, yG) } else { lower = max(lower, yG) }
            case .lowerBound:
                if y[i] == 1 { upper = min(upper, yG) } else { lower = max(lower, yG) }
            case .free:
                freeCount += 1
                freeSum += yG
            }
        }
        return freeCount > 0 ? freeSum / Double(freeCount) : (upper + lower) / 2
    }
}
