import FoundationEssentials
import Numerics

/// The gates built into OpenQASM 2's `qelib1.inc` (Qiskit's superset of it), OpenQASM 3's
/// `stdgates.inc`, and the language built-ins `U`, `CX` and `gphase`.
///
/// Each expands to one or two IR operations whose product is exactly Qiskit's matrix for the gate,
/// global phase included, so that `ctrl @` of any of them (which just adds controls to those
/// operations) is exactly Qiskit's controlled gate. Controls come first in the operand list
/// (`cx c, t`; `ccx c0, c1, t`; `cswap c, a, b`). Phase-type gates become `diagonal` operations, which
/// the simulator applies in one pass touching only what changes.
public enum StandardGate: String, Sendable, CaseIterable {
    /// Language built-ins: `U(θ, φ, λ)`, OpenQASM 2's `CX` (also in `stdgates.inc`), OpenQASM 3's
    /// `gphase(γ)`.
    case U, CX, gphase
    /// One-qubit gates; see docs/circuits.md for each matrix.
    case u0, u1, u2, u3, u, p, phase, id, x, y, z, h, s, sdg, t, tdg, sx, sxdg, rx, ry, rz
    /// Two-qubit controlled gates, control first.
    case cx, cy, cz, ch, crx, cry, crz, cu1, cu3, cp, cphase, csx, cu
    /// The other multi-qubit gates: rotations `rxx`, `rzz`, swaps, and multi-controlled X gates
    /// (`rccx`, `rc3x` are Qiskit's relative-phase variants).
    case rxx, rzz, swap, cswap, ccx, rccx, rc3x, c3x, c3sqrtx, c4x

    /// Number of real parameters.
    public var parameterCount: Int {
        switch self {
        case .U, .u3, .u, .cu3: 3
        case .cu: 4
        case .u2: 2
        case .gphase, .u0, .u1, .p, .phase, .rx, .ry, .rz, .crx, .cry, .crz, .cu1, .cp, .cphase, .rxx, .rzz: 1
        default: 0
        }
    }

    /// Number of qubit operands (controls included).
    public var qubitCount: Int {
        switch self {
        case .gphase: 0
        case .CX, .cx, .cy, .cz, .ch, .crx, .cry, .crz, .cu1, .cu3, .cp, .cphase, .csx, .cu, .rxx, .rzz, .swap: 2
        case .cswap, .ccx, .rccx: 3
        case .rc3x, .c3x, .c3sqrtx: 4
        case .c4x: 5
        default: 1
        }
    }

    /// The gates that `include "qelib1.inc";` declares: the original OpenQASM 2 library.
    static let qelib1: [StandardGate] = [
        .u3, .u2, .u1, .cx, .id, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .rx, .ry, .rz, .cz, .cy, .ch, .ccx,
        .crz, .cu1, .cu3,
    ]

    /// Qiskit's extensions of `qelib1.inc`, which its OpenQASM 2 reader provides even without the
    /// include and lets a file redefine with the same signature (older Qiskit exports do).
    static let qiskitExtensions: [StandardGate] = [
        .u0, .u, .p, .sx, .sxdg, .swap, .cswap, .crx, .cry, .cp, .csx, .cu, .rxx, .rzz, .rccx, .rc3x, .c3x,
        .c3sqrtx, .c4x,
    ]

    /// The gates of OpenQASM 3's `stdgates.inc`.
    static let stdgates: [StandardGate] = [
        .p, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .rx, .ry, .rz, .cx, .cy, .cz, .cp, .crx, .cry, .crz, .ch,
        .swap, .ccx, .cswap, .cu, .CX, .phase, .cphase, .id, .u1, .u2, .u3,
    ]

    /// The IR operations that implement the gate on `qubits` (controls first) with `parameters`.
    ///
    /// The caller guarantees `parameters.count == parameterCount`, `qubits.count == qubitCount` and
    /// distinct qubits.
    public func operations(parameters a: [Double], qubits q: [Int]) -> [Operation] {
        let name = rawValue
        func one(_ m: GateMatrix) -> [Operation] { [Operation(.unitary(m), qubits: [q[0]], name: name)] }
        func diagonal(_ d: [Complex<Double>], on qs: [Int]) -> [Operation] {
            [Operation(.diagonal(d), qubits: qs, name: name)]
        }
        func controlled(_ m: GateMatrix, controls: Int) -> [Operation] {
            [Operation(.unitary(m), qubits: [q[controls]], controls: q[0..<controls].map { Control(qubit: $0) }, name: name)]
        }
        func phase(_ angle: Double) -> Complex<Double> { Complex(length: 1, phase: angle) }

        switch self {
        case .gphase: return [Operation(.globalPhase(a[0]), qubits: [], name: name)]
        case .U, .u3, .u: return one(.u(a[0], a[1], a[2]))
        case .u2: return one(.u2(a[0], a[1]))
        case .u1, .p, .phase: return diagonal([.one, phase(a[0])], on: [q[0]])
        case .u0, .id: return diagonal([.one, .one], on: [q[0]])
        case .x: return one(.x)
        case .y: return one(.y)
        case .z: return diagonal([.one, -.one], on: [q[0]])
        case .h: return one(.h)
        case .s: return diagonal([.one, .i], on: [q[0]])
        case .sdg: return diagonal([.one, -.i], on: [q[0]])
        case .t: return diagonal([.one, phase(.pi / 4)], on: [q[0]])
        case .tdg: return diagonal([.one, phase(-.pi / 4)], on: [q[0]])
        case .sx: return one(.sx)
        case .sxdg: return one(.sxdg)
        case .rx: return one(.rx(a[0]))
        case .ry: return one(.ry(a[0]))
        case .rz: return diagonal([phase(-a[0] / 2), phase(a[0] / 2)], on: [q[0]])
        case .CX, .cx: return controlled(.x, controls: 1)
        case .cy: return controlled(.y, controls: 1)
        case .ch: return controlled(.h, controls: 1)
        case .crx: return controlled(.rx(a[0]), controls: 1)
        case .cry: return controlled(.ry(a[0]), controls: 1)
        case .csx: return controlled(.sx, controls: 1)
        case .cu3: return controlled(.u(a[0], a[1], a[2]), controls: 1)
        // Qiskit's cu puts e^{iγ} on the whole controlled block, not only on |11>.
        case .cu: return controlled(GateMatrix.u(a[0], a[1], a[2]).withGlobalPhase(a[3]), controls: 1)
        // Local index c + 2t for qubits [c, t]: only |c=1> entries pick up the phase.
        case .cz: return diagonal([.one, .one, .one, -.one], on: [q[0], q[1]])
        case .cu1, .cp, .cphase: return diagonal([.one, .one, .one, phase(a[0])], on: [q[0], q[1]])
        case .crz: return diagonal([.one, phase(-a[0] / 2), .one, phase(a[0] / 2)], on: [q[0], q[1]])
        case .rxx: return [Operation(.unitary(.rxx(a[0])), qubits: [q[0], q[1]], name: name)]
        case .rzz:
            let m = phase(-a[0] / 2), p = phase(a[0] / 2)
            return diagonal([m, p, p, m], on: [q[0], q[1]])
        case .swap: return [Operation(.swap, qubits: [q[0], q[1]], name: name)]
        case .cswap: return [Operation(.swap, qubits: [q[1], q[2]], controls: [Control(qubit: q[0])], name: name)]
        case .ccx: return controlled(.x, controls: 2)
        case .c3x: return controlled(.x, controls: 3)
        case .c4x: return controlled(.x, controls: 4)
        case .c3sqrtx: return controlled(.sx, controls: 3)
        case .rccx:
            // Qiskit's relative-phase Toffoli: Y on the target when both controls are set, and Z on it
            // when only the first is (the two act on disjoint subspaces).
            return [
                Operation(.unitary(.y), qubits: [q[2]], controls: [Control(qubit: q[0]), Control(qubit: q[1])], name: name),
                Operation(
                    .diagonal([.one, -.one]), qubits: [q[2]],
                    controls: [Control(qubit: q[0]), Control(qubit: q[1], value: false)], name: name),
            ]
        case .rc3x:
            // Qiskit's relative-phase 3-controlled X: iY on the target when all three controls are set,
            // and diag(i, -i) when the first two are set and the third is not.
            let iy = GateMatrix(.zero, .one, -.one, .zero)
            return [
                Operation(.unitary(iy), qubits: [q[3]], controls: q[0..<3].map { Control(qubit: $0) }, name: name),
                Operation(
                    .diagonal([.i, -.i]), qubits: [q[3]],
                    controls: [Control(qubit: q[0]), Control(qubit: q[1]), Control(qubit: q[2], value: false)],
                    name: name),
            ]
        }
    }
}
