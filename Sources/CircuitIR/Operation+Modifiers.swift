import Numerics

/// The OpenQASM 3 gate modifiers on single IR operations: `inv @` (adjoint) and `ctrl @` (extra
/// controls). Applying them operation by operation to a gate body is exact, global phases included,
/// because every operation carries its exact matrix and `globalPhase` operations survive expansion.
extension Operation.Kind {
    /// The inverse of a unitary kind: conjugate transpose of a matrix, conjugate of a diagonal or a
    /// phase; a swap is its own inverse. `nil` for measurement and reset, which have none; a barrier
    /// stays a barrier.
    public var adjoint: Operation.Kind? {
        switch self {
        case .unitary(let m): return .unitary(m.adjoint)
        case .diagonal(let d): return .diagonal(d.map(\.conjugate))
        case .swap: return .swap
        case .fourier(let inverse): return .fourier(inverse: !inverse)
        case .globalPhase(let phase): return .globalPhase(-phase)
        case .barrier: return .barrier
        case .measure, .reset: return nil
        }
    }
}

extension Operation {
    /// The inverse operation (same qubits and controls), or `nil` for measurement and reset.
    public var adjoint: Operation? {
        guard let kind = kind.adjoint else { return nil }
        return Operation(kind, qubits: qubits, controls: controls, condition: condition, name: name)
    }

    /// The operation with `extra` controls added; a barrier is returned unchanged because it has no
    /// effect to control.
    public func controlled(by extra: [Control]) -> Operation {
        if case .barrier = kind { return self }
        return Operation(kind, qubits: qubits, controls: extra + controls, condition: condition, name: name)
    }
}
