/*
 * Public entry points of the single-precision kernels: build the index map once per call and
 * forward to the scalar or AVX2 version (qk_isa_resolve, shared with the double kernels, makes
 * the CPU check once).
 */
#include "qk_f32_internal.h"

#include <stdlib.h>
#include <string.h>

float *qk_f32_state_alloc(unsigned n) {
    if (n > QK_MAX_QUBITS) return NULL;
    size_t bytes = ((size_t)8) << n;
    if (bytes < 64) bytes = 64;
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes) != 0) return NULL;
    memset(p, 0, bytes);
    return (float *)p;
}

void qk_f32_state_free(float *psi) { free(psi); }

#if defined(QK_F32_HAVE_AVX2_BUILD)
#define QK_F32_DISPATCH(isa, name, ...)                                                                \
    do {                                                                                               \
        if (qk_isa_resolve(isa) == QK_ISA_AVX2) qk_f32_avx2_##name(__VA_ARGS__);                      \
        else qk_f32_scalar_##name(__VA_ARGS__);                                                        \
    } while (0)
#define QK_F32_DISPATCH_RET(isa, name, ...)                                                            \
    return qk_isa_resolve(isa) == QK_ISA_AVX2 ? qk_f32_avx2_##name(__VA_ARGS__)                        \
                                              : qk_f32_scalar_##name(__VA_ARGS__)
#else
#define QK_F32_DISPATCH(isa, name, ...) qk_f32_scalar_##name(__VA_ARGS__)
#define QK_F32_DISPATCH_RET(isa, name, ...) return qk_f32_scalar_##name(__VA_ARGS__)
#endif

void qk_f32_apply_matrix1(qk_isa isa, float *psi, unsigned n, unsigned target, const float *m,
                          const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_F32_DISPATCH(isa, matrix1, psi, target, m, &s, begin, end);
}

void qk_f32_apply_diag1(qk_isa isa, float *psi, unsigned n, unsigned target, const float *d,
                        const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, ctrls, nctrls, ctrl_values);
    QK_F32_DISPATCH(isa, diag1, psi, target, d, &s, begin, end);
}

void qk_f32_apply_matrix2(qk_isa isa, float *psi, unsigned n, unsigned q0, unsigned q1, const float *m,
                          const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_f32_spread s;
    qk_f32_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_F32_DISPATCH(isa, matrix2, psi, q0, q1, m, &s, begin, end);
}

void qk_f32_apply_swap(qk_isa isa, float *psi, unsigned n, unsigned q0, unsigned q1,
                       const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values, uint64_t begin, uint64_t end) {
    (void)n;
    const unsigned targets[2] = {q0, q1};
    qk_f32_spread s;
    qk_f32_spread_init(&s, targets, 2, ctrls, nctrls, ctrl_values);
    QK_F32_DISPATCH(isa, swap, psi, q0, q1, &s, begin, end);
}

void qk_f32_apply_phase(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned nqubits,
                        uint64_t values, const float *phase, uint64_t begin, uint64_t end) {
    (void)n;
    qk_f32_spread s;
    qk_f32_spread_init(&s, NULL, 0, qubits, nqubits, values);
    QK_F32_DISPATCH(isa, phase, psi, phase, &s, begin, end);
}

void qk_f32_apply_diagonal(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k,
                           const float *diag, uint64_t begin, uint64_t end) {
    (void)n;
    if (k > QK_MAX_DIAGONAL_QUBITS) return;
    QK_F32_DISPATCH(isa, diagonal, psi, qubits, k, diag, begin, end);
}

void qk_f32_apply_dense(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k,
                        const float *m, uint64_t begin, uint64_t end) {
    (void)n;
    if (k == 0 || k > QK_MAX_DENSE_QUBITS) return;
    uint64_t offsets[QK_F32_DENSE_DIM];
    for (unsigned l = 0; l < (1u << k); l++) {
        uint64_t o = 0;
        for (unsigned j = 0; j < k; j++)
            if ((l >> j) & 1u) o |= (uint64_t)1 << qubits[j];
        offsets[l] = o;
    }
    qk_f32_spread s;
    qk_f32_spread_init(&s, qubits, k, NULL, 0, 0);
    QK_F32_DISPATCH(isa, dense, psi, qubits, k, m, offsets, &s, begin, end);
}

double qk_f32_norm2(qk_isa isa, const float *psi, uint64_t begin, uint64_t end) {
    QK_F32_DISPATCH_RET(isa, norm2, psi, begin, end);
}

void qk_f32_scale(qk_isa isa, float *psi, float s, uint64_t begin, uint64_t end) {
    QK_F32_DISPATCH(isa, scale, psi, s, begin, end);
}

double qk_f32_prob_one(qk_isa isa, const float *psi, unsigned n, unsigned target, uint64_t begin, uint64_t end) {
    (void)n;
    QK_F32_DISPATCH_RET(isa, prob_one, psi, target, begin, end);
}

void qk_f32_collapse(qk_isa isa, float *psi, unsigned n, unsigned target, int outcome, float scale,
                     uint64_t begin, uint64_t end) {
    (void)n;
    QK_F32_DISPATCH(isa, collapse, psi, target, outcome, scale, begin, end);
}

void qk_f32_inner(qk_isa isa, const float *a, const float *b, uint64_t begin, uint64_t end, double *out) {
    QK_F32_DISPATCH(isa, inner, a, b, begin, end, out);
}

void qk_f32_pauli_sum(qk_isa isa, const float *psi, unsigned n, uint64_t xmask, uint64_t zmask,
                      uint64_t begin, uint64_t end, double *out) {
    (void)n;
    QK_F32_DISPATCH(isa, pauli_sum, psi, xmask, zmask, begin, end, out);
}
