/*
 * The public entry points of one precision: build the index map once per call and forward to the
 * scalar or AVX2 kernel. The choice is made per call from a cached CPU check (qk_isa_resolve), so
 * one binary runs everywhere and tests can force either path.
 *
 * A template, written once for both precisions: qk_dispatch.c includes it with QK_REAL = double,
 * QK_API(name) = qk_##name and the kernels qk_scalar_* / qk_avx2_*; qk_f32_dispatch.c with float,
 * qk_f32_##name and qk_f32_scalar_* / qk_f32_avx2_*. It defines the functions that
 * QK_DECLARE_STATE_API (qk_kernels.h) declares, plus the static QK_API(dense_dispatch).
 */
#if !defined(QK_REAL) || !defined(QK_API) || !defined(QK_SCALAR_FN) || !defined(QK_AVX2_FN)
#error "define QK_REAL, QK_API, QK_SCALAR_FN and QK_AVX2_FN before including qk_dispatch_template.h"
#endif

#include <stdlib.h>
#include <string.h>

#if defined(QK_HAVE_AVX2_BUILD)
#define QK_DISPATCH(isa, name, ...)                                                                    \
    do {                                                                                               \
        if (qk_isa_resolve(isa) == QK_ISA_AVX2) QK_AVX2_FN(name)(__VA_ARGS__);                        \
        else QK_SCALAR_FN(name)(__VA_ARGS__);                                                          \
    } while (0)
#define QK_DISPATCH_RET(isa, name, ...)                                                                \
    return qk_isa_resolve(isa) == QK_ISA_AVX2 ? QK_AVX2_FN(name)(__VA_ARGS__) : QK_SCALAR_FN(name)(__VA_ARGS__)
#else
#define QK_DISPATCH(isa, name, ...) QK_SCALAR_FN(name)(__VA_ARGS__)
#define QK_DISPATCH_RET(isa, name, ...) return QK_SCALAR_FN(name)(__VA_ARGS__)
#endif

QK_REAL *QK_API(state_alloc)(unsigned n) {
    if (n > QK_MAX_QUBITS) return NULL;
    size_t bytes = (2 * sizeof(QK_REAL)) << n;
    if (bytes < 64) bytes = 64;
    void *p = NULL;
    if (posix_memalign(&p, bytes >= QK_HUGE_PAGE ? QK_HUGE_PAGE : 64, bytes) != 0) return NULL;
    qk_advise_huge_pages(p, bytes);
    memset(p, 0, bytes);
    return (QK_REAL *)p;
}

void QK_API(state_free)(QK_REAL *psi) { free(psi); }

void QK_API(apply_matrix1)(qk_isa isa, QK_REAL *psi, unsigned n, unsigned target, const QK_REAL *m,
                           const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, matrix1, psi, target, m, &s, begin, end);
}

void QK_API(apply_diag1)(qk_isa isa, QK_REAL *psi, unsigned n, unsigned target, const QK_REAL *d,
                         const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, diag1, psi, target, d, &s, begin, end);
}

void QK_API(apply_matrix2)(qk_isa isa, QK_REAL *psi, unsigned n, unsigned q0, unsigned q1, const QK_REAL *m,
                           const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_spread s;
    qk_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, matrix2, psi, q0, q1, m, &s, begin, end);
}

void QK_API(apply_swap)(qk_isa isa, QK_REAL *psi, unsigned n, unsigned q0, unsigned q1,
                        const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_spread s;
    qk_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, swap, psi, q0, q1, &s, begin, end);
}

void QK_API(apply_phase)(qk_isa isa, QK_REAL *psi, unsigned n, const unsigned *qubits, unsigned nqubits,
                         uint64_t values, const QK_REAL *phase, uint64_t begin, uint64_t end) {
    (void)n;
    qk_spread s;
    qk_spread_init(&s, NULL, 0, qubits, nqubits, values);
    QK_DISPATCH(isa, phase, psi, phase, &s, begin, end);
}

void QK_API(apply_diagonal)(qk_isa isa, QK_REAL *psi, unsigned n, const unsigned *qubits, unsigned k,
                            const QK_REAL *diag, uint64_t begin, uint64_t end) {
    (void)n;
    if (k > QK_MAX_DIAGONAL_QUBITS) return;
    QK_DISPATCH(isa, diagonal, psi, qubits, k, diag, begin, end);
}

/* A dense block under controls (none for qk_*apply_dense); qk_apply_dense_controlled exposes it for double. */
static void QK_API(dense_dispatch)(qk_isa isa, QK_REAL *psi, const unsigned *qubits, unsigned k, const QK_REAL *m,
                                   const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                                   uint64_t begin, uint64_t end) {
    if (k == 0 || k > QK_MAX_DENSE_QUBITS || nctrls > QK_MAX_CONTROLS) return;
    uint64_t offsets[QK_DENSE_DIM];
    qk_dense_offsets(qubits, k, offsets);
    qk_spread s;
    qk_spread_init(&s, qubits, k, ctrls, nctrls, ctrl_values);
    QK_DISPATCH(isa, dense, psi, qubits, k, m, offsets, &s, begin, end);
}

void QK_API(apply_dense)(qk_isa isa, QK_REAL *psi, unsigned n, const unsigned *qubits, unsigned k,
                         const QK_REAL *m, uint64_t begin, uint64_t end) {
    (void)n;
    QK_API(dense_dispatch)(isa, psi, qubits, k, m, NULL, 0, 0, begin, end);
}

double QK_API(norm2)(qk_isa isa, const QK_REAL *psi, uint64_t begin, uint64_t end) {
    QK_DISPATCH_RET(isa, norm2, psi, begin, end);
}

void QK_API(scale)(qk_isa isa, QK_REAL *psi, QK_REAL s, uint64_t begin, uint64_t end) {
    QK_DISPATCH(isa, scale, psi, s, begin, end);
}

double QK_API(prob_one)(qk_isa isa, const QK_REAL *psi, unsigned n, unsigned target, uint64_t begin, uint64_t end) {
    (void)n;
    QK_DISPATCH_RET(isa, prob_one, psi, target, begin, end);
}

void QK_API(collapse)(qk_isa isa, QK_REAL *psi, unsigned n, unsigned target, int outcome, QK_REAL scale,
                      uint64_t begin, uint64_t end) {
    (void)n;
    QK_DISPATCH(isa, collapse, psi, target, outcome, scale, begin, end);
}

void QK_API(inner)(qk_isa isa, const QK_REAL *a, const QK_REAL *b, uint64_t begin, uint64_t end, double *out) {
    QK_DISPATCH(isa, inner, a, b, begin, end, out);
}

void QK_API(pauli_sum)(qk_isa isa, const QK_REAL *psi, unsigned n, uint64_t xmask, uint64_t zmask,
                       uint64_t begin, uint64_t end, double *out) {
    (void)n;
    QK_DISPATCH(isa, pauli_sum, psi, xmask, zmask, begin, end, out);
}

#undef QK_DISPATCH
#undef QK_DISPATCH_RET
