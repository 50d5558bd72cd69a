/*
 * Internal to the single-precision kernels: the item-to-index map and the per-ISA entry points
 * that qk_f32_dispatch.c chooses between. Kept apart from qk_internal.h so the two precisions can
 * change independently.
 */
#ifndef QK_F32_INTERNAL_H
#define QK_F32_INTERNAL_H

#include "qk_kernels_f32.h"

#define QK_F32_MAX_INSERTED (QK_MAX_CONTROLS + QK_MAX_DIAGONAL_QUBITS)
#define QK_F32_DENSE_DIM (1u << QK_MAX_DENSE_QUBITS)

/*
 * Maps work item k to an amplitude index by inserting a zero bit at each sorted position (targets
 * and controls), then setting the bits the controls require. `lowest` is the smallest inserted
 * position: when it is >= 2, items 4j..4j+3 are four adjacent amplitudes (one AVX2 register).
 */
typedef struct {
    unsigned count;
    unsigned lowest;  /* smallest inserted position (64 when none) */
    unsigned second;  /* second smallest (64 when fewer than two) */
    uint64_t low[QK_F32_MAX_INSERTED];
    uint64_t fixed;
} qk_f32_spread;

static inline void qk_f32_spread_init(qk_f32_spread *s, const unsigned *targets, unsigned ntargets,
                                      const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values) {
    unsigned pos[QK_F32_MAX_INSERTED];
    unsigned m = 0;
    s->fixed = 0;
    for (unsigned j = 0; j < ntargets; j++) pos[m++] = targets[j];
    for (unsigned j = 0; j < nctrls; j++) {
        pos[m++] = ctrls[j];
        if ((ctrl_values >> j) & 1u) s->fixed |= (uint64_t)1 << ctrls[j];
    }
    for (unsigned a = 1; a < m; a++) { /* insertion sort: m is tiny */
        unsigned v = pos[a], b = a;
        while (b > 0 && pos[b - 1] > v) { pos[b] = pos[b - 1]; b--; }
        pos[b] = v;
    }
    s->count = m;
    s->lowest = m ? pos[0] : 64;
    s->second = m > 1 ? pos[1] : 64;
    for (unsigned j = 0; j < m; j++) s->low[j] = ((uint64_t)1 << pos[j]) - 1;
}

static inline uint64_t qk_f32_spread_index(const qk_f32_spread *s, uint64_t k) {
    for (unsigned j = 0; j < s->count; j++) {
        const uint64_t lo = s->low[j];
        k = (k & lo) | ((k & ~lo) << 1);
    }
    return k | s->fixed;
}

static inline uint64_t qk_f32_gather_bits(uint64_t i, const unsigned *qubits, unsigned k) {
    uint64_t l = 0;
    for (unsigned j = 0; j < k; j++) l |= ((i >> qubits[j]) & 1u) << j;
    return l;
}

#define QK_F32_DECLARE_KERNELS(isa)                                                                    \
    void qk_f32_##isa##_matrix1(float *psi, unsigned target, const float *m, const qk_f32_spread *s,    \
                                uint64_t begin, uint64_t end);                                          \
    void qk_f32_##isa##_diag1(float *psi, unsigned target, const float *d, const qk_f32_spread *s,      \
                              uint64_t begin, uint64_t end);                                            \
    void qk_f32_##isa##_matrix2(float *psi, unsigned q0, unsigned q1, const float *m,                   \
                                const qk_f32_spread *s, uint64_t begin, uint64_t end);                  \
    void qk_f32_##isa##_swap(float *psi, unsigned q0, unsigned q1, const qk_f32_spread *s,              \
                             uint64_t begin, uint64_t end);                                             \
    void qk_f32_##isa##_phase(float *psi, const float *phase, const qk_f32_spread *s, uint64_t begin,   \
                              uint64_t end);                                                            \
    void qk_f32_##isa##_diagonal(float *psi, const unsigned *qubits, unsigned k, const float *diag,     \
                                 uint64_t begin, uint64_t end);                                         \
    void qk_f32_##isa##_dense(float *psi, const unsigned *qubits, unsigned k, const float *m,          \
                              const uint64_t *offsets, const qk_f32_spread *s, uint64_t begin,          \
                              uint64_t end);                                                            \
    double qk_f32_##isa##_norm2(const float *psi, uint64_t begin, uint64_t end);                       \
    void qk_f32_##isa##_scale(float *psi, float s, uint64_t begin, uint64_t end);                      \
    double qk_f32_##isa##_prob_one(const float *psi, unsigned target, uint64_t begin, uint64_t end);   \
    void qk_f32_##isa##_collapse(float *psi, unsigned target, int outcome, float scale,                \
                                 uint64_t begin, uint64_t end);                                         \
    void qk_f32_##isa##_inner(const float *a, const float *b, uint64_t begin, uint64_t end,            \
                              double *out);                                                             \
    void qk_f32_##isa##_pauli_sum(const float *psi, uint64_t xmask, uint64_t zmask, uint64_t begin,    \
                                  uint64_t end, double *out);

QK_F32_DECLARE_KERNELS(scalar)
#if defined(__x86_64__) || defined(_M_X64)
#define QK_F32_HAVE_AVX2_BUILD 1
QK_F32_DECLARE_KERNELS(avx2)
#endif

#endif /* QK_F32_INTERNAL_H */
