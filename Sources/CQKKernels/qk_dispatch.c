/*
 * The public entry points: resolve the instruction set, build the index spreader once per call,
 * and forward to the scalar or AVX2 version. The choice is made per call from a cached CPU check,
 * so one binary runs everywhere and tests can force either path.
 */
#include "qk_internal.h"

#include <stdlib.h>
#include <string.h>

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

double *qk_state_alloc(unsigned n) {
    if (n > QK_MAX_QUBITS) return NULL;
    size_t bytes = ((size_t)16) << n;
    if (bytes < 64) bytes = 64;
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes) != 0) return NULL;
    memset(p, 0, bytes);
    return (double *)p;
}

void qk_state_free(double *psi) { free(psi); }

uint64_t qk_matrix1_items(unsigned n, unsigned nctrls) { return (uint64_t)1 << (n - 1 - nctrls); }
uint64_t qk_matrix2_items(unsigned n, unsigned nctrls) { return (uint64_t)1 << (n - 2 - nctrls); }
uint64_t qk_phase_items(unsigned n, unsigned nqubits) { return (uint64_t)1 << (n - nqubits); }

#if defined(QK_HAVE_AVX2_BUILD)
#define QK_DISPATCH(isa, name, ...)                                                                    \
    do {                                                                                               \
        if (qk_isa_resolve(isa) == QK_ISA_AVX2) qk_avx2_##name(__VA_ARGS__);                          \
        else qk_scalar_##name(__VA_ARGS__);                                                            \
    } while (0)
#define QK_DISPATCH_RET(isa, name, ...)                                                                \
    return qk_isa_resolve(isa) == QK_ISA_AVX2 ? qk_avx2_##name(__VA_ARGS__) : qk_scalar_##name(__VA_ARGS__)
#else
#define QK_DISPATCH(isa, name, ...) qk_scalar_##name(__VA_ARGS__)
#define QK_DISPATCH_RET(isa, name, ...) return qk_scalar_##name(__VA_ARGS__)
#endif

void qk_apply_matrix1(qk_isa isa, double *psi, unsigned n, unsigned target, const double *m,
                      const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, matrix1, psi, target, m, &s, begin, end);
}

void qk_apply_diag1(qk_isa isa, double *psi, unsigned n, unsigned target, const double *d,
                    const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, diag1, psi, target, d, &s, begin, end);
}

void qk_apply_matrix2(qk_isa isa, double *psi, unsigned n, unsigned q0, unsigned q1, const double *m,
                      const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_spread s;
    qk_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, matrix2, psi, q0, q1, m, &s, begin, end);
}

void qk_apply_swap(qk_isa isa, double *psi, unsigned n, unsigned q0, unsigned q1,
                   const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_spread s;
    qk_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, swap, psi, q0, q1, &s, begin, end);
}

void qk_apply_phase(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned nqubits,
                    uint64_t values, const double *phase, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, NULL, 0, qubits, nqubits, values);
    QK_DISPATCH(isa, phase, psi, phase, &s, begin, end);
}

void qk_apply_diagonal(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                       const double *diag, uint64_t begin, uint64_t end) {
    (void)n;
    QK_DISPATCH(isa, diagonal, psi, qubits, k, diag, begin, end);
}

double qk_norm2(qk_isa isa, const double *psi, uint64_t begin, uint64_t end) {
    QK_DISPATCH_RET(isa, norm2, psi, begin, end);
}

void qk_scale(qk_isa isa, double *psi, double s, uint64_t begin, uint64_t end) {
    QK_DISPATCH(isa, scale, psi, s, begin, end);
}

double qk_prob_one(qk_isa isa, const double *psi, unsigned n, unsigned target, uint64_t begin, uint64_t end) {
    (void)n;
    QK_DISPATCH_RET(isa, prob_one, psi, target, begin, end);
}

void qk_collapse(qk_isa isa, double *psi, unsigned n, unsigned target, int outcome, double scale,
                 uint64_t begin, uint64_t end) {
    (void)n;
    QK_DISPATCH(isa, collapse, psi, target, outcome, scale, begin, end);
}

void qk_inner(qk_isa isa, const double *a, const double *b, uint64_t begin, uint64_t end, double *out) {
    QK_DISPATCH(isa, inner, a, b, begin, end, out);
}

void qk_pauli_sum(qk_isa isa, const double *psi, unsigned n, uint64_t xmask, uint64_t zmask,
                  uint64_t begin, uint64_t end, double *out) {
    (void)n;
    QK_DISPATCH(isa, pauli_sum, psi, xmask, zmask, begin, end, out);
}
