import CQKKernels

/// Which version of the C kernels runs: the portable scalar loops, the AVX2+FMA ones, or the best
/// this CPU supports (decided at run time, so one binary runs on any x86-64 and on arm64).
public enum InstructionSet: String, Sendable, CaseIterable {
    /// Portable C, the reference the SIMD versions are tested against.
    case scalar
    /// AVX2 with fused multiply-add (x86-64 from 2013 on).
    case avx2
    /// The fastest set this CPU supports.
    case best

    @usableFromInline var isa: qk_isa {
        switch self {
        case .scalar: return QK_ISA_SCALAR
        case .avx2: return QK_ISA_AVX2
        case .best: return QK_ISA_BEST
        }
    }

    /// Whether this CPU can run the set.
    public var isAvailable: Bool { qk_isa_available(isa) != 0 }

    /// The concrete set `best` resolves to here.
    public var resolved: InstructionSet { qk_isa_resolve(isa) == QK_ISA_AVX2 ? .avx2 : .scalar }
}
