extension BatchedSimulator {
    /// Bookkeeping for rotations applied two at a time in the tangent form.
    ///
    /// `RY(phi) = cos(phi/2) [[1, -t], [t, 1]]` and `RX(phi) = cos(phi/2) [[1, -it], [-it, 1]]` with
    /// `t = tan(phi/2)`: applying only the bracketed matrix costs one multiply-add per real output
    /// instead of a multiplication and a multiply-add (`qk_batch_rotation_pair_lanes`), and leaves the
    /// lane multiplied by `1/cos(phi/2)`. Those factors are collected here, one per lane, and their
    /// inverses left in the state's `laneFactors`, which its readouts apply (no pass of their own).
    /// Rounding is no worse than the plain form's: each output's error is `eps (|a| + |t b|)` in the
    /// scaled state, which the factor `|cos|` brings back to `eps (|cos a| + |sin b|)`. What has to be watched is the factor's size (`1/cos` is unbounded
    /// near `phi = pi`): a pair that would take a lane's factor past `limit` is left to the plain
    /// kernel instead.
    struct TangentForm {
        /// One row of `lanes` tangents per trigonometric row, filled as pairs are formed (the
        /// argument rows of `Trigonometry`, free once the sines and cosines are evaluated).
        let tangents: UnsafeMutablePointer<Double>
        /// The factor each lane carries: the product of `1/cos` over the rotations done so far in the
        /// tangent form (the state's `laneFactors`, inverted by `finish`).
        let scale: UnsafeMutablePointer<Double>
        let lanes: Int
        /// Whether any pair was applied.
        private(set) var used = false

        /// Largest factor a lane may carry: leaves amplitudes (at most 1 times the factor) and
        /// their squares far from overflow, and is reached only by long runs of angles near pi.
        static let limit = 0x1p200

        init(trig: Trigonometry, factors: UnsafeMutablePointer<Double>) {
            tangents = trig.argument
            scale = factors
            lanes = trig.lanes
            scale.update(repeating: 1, count: lanes)
        }

        /// Lane tangents of trigonometric row `row` (valid after `pair` accepted it).
        func tangent(_ row: Int) -> UnsafeMutablePointer<Double> { tangents + row * lanes }

        /// Takes the rotations of rows `a` and `b` in the tangent form when no lane's factor would
        /// pass `limit` (nor be NaN); fills their tangent rows and updates the factors.
        mutating func pair(_ a: Int, _ b: Int, trig: Trigonometry) -> Bool {
            let ca = trig.cosine(a), cb = trig.cosine(b)
            for v in 0..<lanes where !(abs(scale[v] / (ca[v] * cb[v])) <= Self.limit) { return false }
            let sa = trig.sine(a), sb = trig.sine(b), ta = tangent(a), tb = tangent(b)
            for v in 0..<lanes {
                ta[v] = sa[v] / ca[v]
                tb[v] = sb[v] / cb[v]
                scale[v] /= ca[v] * cb[v]
            }
            used = true
            return true
        }

        /// Turns each lane's factor into what its planes are to be multiplied by at readout.
        func finish() {
            guard used else { return }
            for v in 0..<lanes { scale[v] = 1 / scale[v] }
        }
    }
}
