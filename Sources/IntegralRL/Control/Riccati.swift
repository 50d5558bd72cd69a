import LinearAlgebra

/// The continuous-time algebraic Riccati equation (CARE)
///
///     A^T P + P A - P B R^-1 B^T P + Q = 0,
///
/// whose stabilising solution gives the optimal cost `V*(x) = x^T P x` and gain `K* = R^-1 B^T P` of
/// the linear-quadratic regulator.
public enum Riccati {
    /// The stabilising CARE solution, by Kleinman's iteration (Newton's method on the CARE): starting
    /// from a stabilising gain `K_0`, solve the Lyapunov equation
    /// `(A - B K_k)^T P_k + P_k (A - B K_k) + Q + K_k^T R K_k = 0` and set `K_{k+1} = R^-1 B^T P_k`.
    /// Every `A - B K_k` stays Hurwitz and `P_k` decreases monotonically to `P` (quadratically near it).
    /// This is exactly policy iteration for the linear-quadratic problem, with the integrals done
    /// exactly, which is why it is the ground truth for integral RL.
    ///
    /// - Parameters:
    ///   - initialGain: `K_0` with `A - B K_0` Hurwitz; `nil` means zero (then `A` must be Hurwitz).
    ///   - tolerance: stop when `||P_k - P_{k-1}||_F <= tolerance * ||P_k||_F`.
    public static func solveContinuous(
        a: Matrix, b: Matrix, q: Matrix, r: Matrix, initialGain: Matrix? = nil, tolerance: Double = 1e-14,
        maxIterations: Int = 100
    ) throws -> (p: Matrix, gain: Matrix, iterations: Int) {
        let n = a.rows
        var gain = initialGain ?? Matrix(rows: b.columns, columns: n)
        var previous: Matrix?
        for iteration in 1...maxIterations {
            let closedLoop = a - b * gain
            let eigenvalues = try closedLoop.realSchur().eigenvalues
            if let unstable = eigenvalues.first(where: { $0.re >= 0 }) {
                throw RiccatiError.notStabilizing(iteration: iteration - 1, eigenvalue: unstable.re)
            }
            let p = try Matrix.solveLyapunov(closedLoop, q + gain.transposed * r * gain)
            gain = try r.solve(b.transposed * p)
            if let previous, (p - previous).frobeniusNorm <= tolerance * p.frobeniusNorm {
                return (p, gain, iteration)
            }
            previous = p
        }
        throw RiccatiError.didNotConverge(iterations: maxIterations)
    }

    /// `A^T P + P A - P B R^-1 B^T P + Q`, zero at a solution.
    public static func residual(p: Matrix, a: Matrix, b: Matrix, q: Matrix, r: Matrix) throws -> Matrix {
        a.transposed * p + p * a - p * b * (try r.solve(b.transposed * p)) + q
    }
}

/// Why Kleinman's iteration stopped.
public enum RiccatiError: Error, CustomStringConvertible, Equatable {
    /// `A - B K` has an eigenvalue with non-negative real part.
    case notStabilizing(iteration: Int, eigenvalue: Double)
    /// No convergence within the iteration limit.
    case didNotConverge(iterations: Int)

    /// What went wrong and what would help.
    public var description: String {
        switch self {
        case .notStabilizing(let iteration, let re):
            return "the gain of iteration \(iteration) does not stabilise A - B K (eigenvalue with real part \(re)); "
                + "Kleinman's iteration needs a stabilising initial gain"
        case .didNotConverge(let iterations):
            return "Kleinman's iteration did not converge in \(iterations) iterations"
        }
    }
}
