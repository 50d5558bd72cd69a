/*
 * The instruction-set check, the work-item counts (both precisions), and the complex128 entry
 * points: qk_dispatch_template.h with double, plus the controlled dense block.
 */
#include "qk_internal.h"

static int qk_cpu_has_avx2(void) {
#if defined(QK_HAVE_AVX2_BUILD) && (defined(__GNUC__) || defined(__clang__))
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
#else
    return 0;
#endif
}

int qk_isa_available(qk_isa isa) {
    switch (isa) {
    case QK_ISA_SCALAR:
    case QK_ISA_BEST: return 1;
    case QK_ISA_AVX2: return qk_cpu_has_avx2();
    }
    return 0;
}

qk_isa qk_isa_resolve(qk_isa isa) {
    if (isa == QK_ISA_BEST) return qk_cpu_has_avx2() ? QK_ISA_AVX2 : QK_ISA_SCALAR;
    if (isa == QK_ISA_AVX2 && !qk_cpu_has_avx2()) return QK_ISA_SCALAR;
    return isa;
}

const char *qk_isa_name(qk_isa isa) {
    switch (qk_isa_resolve(isa)) {
    case QK_ISA_AVX2: return "avx2";
    default: return "scalar";
    }
}

uint64_t qk_matrix1_items(unsigned n, unsigned nctrls) { return (uint64_t)1 << (n - 1 - nctrls); }
uint64_t qk_matrix2_items(unsigned n, unsigned nctrls) { return (uint64_t)1 << (n - 2 - nctrls); }
uint64_t qk_phase_items(unsigned n, unsigned nqubits) { return (uint64_t)1 << (n - nqubits); }
uint64_t qk_dense_items(unsigned n, unsigned k) { return (uint64_t)1 << (n - k); }
uint64_t qk_dense_controlled_items(unsigned n, unsigned k, unsigned nctrls) { return (uint64_t)1 << (n - k - nctrls); }

#define QK_REAL double
#define QK_API(name) qk_##name
#define QK_SCALAR_FN(name) qk_scalar_##name
#define QK_AVX2_FN(name) qk_avx2_##name
#include "qk_dispatch_template.h"

void qk_apply_dense_controlled(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                               const double *m, const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                               uint64_t begin, uint64_t end) {
    (void)n;
    qk_dense_dispatch(isa, psi, qubits, k, m, ctrls, nctrls, ctrl_values, begin, end);
}
