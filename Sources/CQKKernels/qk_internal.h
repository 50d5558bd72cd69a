/*
 * Internal to the kernels: index arithmetic shared by the scalar and AVX2 versions, and the
 * per-ISA entry points that qk_dispatch.c chooses between.
 */
#ifndef QK_INTERNAL_H
#define QK_INTERNAL_H

#include "qk_kernels.h"

/*
 * Maps a work-item number to an amplitude index by inserting a bit at each of `count` sorted
 * positions (targets and controls), then setting the bits that the controls require. Item k of a
 * one-qubit gate on q is the index with bit q = 0 of its amplitude pair, and so on.
 */
typedef struct {
    unsigned count;
    unsigned lowest;                 /* smallest inserted position (64 when none) */
    uint64_t low[QK_MAX_CONTROLS + QK_MAX_DIAGONAL_QUBITS];
    uint64_t fixed;
} qk_spread;

static inline void qk_spread_init(qk_spread *s, const unsigned *targets, unsigned ntargets,
                                  const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values) {
    unsigned pos[QK_MAX_CONTROLS + QK_MAX_DIAGONAL_QUBITS];
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
    for (unsigned j = 0; j < m; j++) s->low[j] = ((uint64_t)1 << pos[j]) - 1;
}

static inline uint64_t qk_spread_index(const qk_spread *s, uint64_t k) {
    for (unsigned j = 0; j < s->count; j++) {
        uint64_t lo = s->low[j];
        k = (k & lo) | ((k & ~lo) << 1);
    }
    return k | s->fixed;
}

/*
 * When the lowest inserted bit is 5..10, a work item's amplitudes lie in runs of 32..1024
 * amplitudes that alternate between two or more regions, which the hardware prefetchers follow
 * badly (a one-qubit gate on qubit 6 measured 2.5-4x slower than on qubit 3 or 16 at n = 22);
 * the AVX2 kernels then prefetch QK_PREFETCH_ITEMS items ahead in software. Elsewhere the
 * prefetch costs more than it saves, so it is limited to this window.
 */
#define QK_PREFETCH_ITEMS 128
static inline int qk_wants_prefetch(const qk_spread *s) { return s->lowest >= 5 && s->lowest <= 10; }

/* Local index of amplitude i for a diagonal on qubits[0..k): bit j of the result is bit qubits[j] of i. */
static inline uint64_t qk_gather_bits(uint64_t i, const unsigned *qubits, unsigned k) {
    uint64_t l = 0;
    for (unsigned j = 0; j < k; j++) l |= ((i >> qubits[j]) & 1u) << j;
    return l;
}

#define QK_DECLARE_KERNELS(isa)                                                                        \
    void qk_##isa##_matrix1(double *psi, unsigned target, const double *m, const qk_spread *s,          \
                            uint64_t begin, uint64_t end);                                              \
    void qk_##isa##_diag1(double *psi, unsigned target, const double *d, const qk_spread *s,            \
                          uint64_t begin, uint64_t end);                                                \
    void qk_##isa##_matrix2(double *psi, unsigned q0, unsigned q1, const double *m, const qk_spread *s,  \
                            uint64_t begin, uint64_t end);                                              \
    void qk_##isa##_swap(double *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin,     \
                         uint64_t end);                                                                 \
    void qk_##isa##_phase(double *psi, const double *phase, const qk_spread *s, uint64_t begin,         \
                          uint64_t end);                                                                \
    void qk_##isa##_diagonal(double *psi, const unsigned *qubits, unsigned k, const double *diag,       \
                             uint64_t begin, uint64_t end);                                             \
    double qk_##isa##_norm2(const double *psi, uint64_t begin, uint64_t end);                          \
    void qk_##isa##_scale(double *psi, double s, uint64_t begin, uint64_t end);                        \
    double qk_##isa##_prob_one(const double *psi, unsigned target, uint64_t begin, uint64_t end);      \
    void qk_##isa##_collapse(double *psi, unsigned target, int outcome, double scale, uint64_t begin,  \
                             uint64_t end);                                                             \
    void qk_##isa##_inner(const double *a, const double *b, uint64_t begin, uint64_t end, double *out); \
    void qk_##isa##_pauli_sum(const double *psi, uint64_t xmask, uint64_t zmask, uint64_t begin,       \
                              uint64_t end, double *out);

QK_DECLARE_KERNELS(scalar)
#if defined(__x86_64__) || defined(_M_X64)
#define QK_HAVE_AVX2_BUILD 1
QK_DECLARE_KERNELS(avx2)
#endif

/*
 * The dense k-qubit body (qk_dense.c): items of `s` (targets and controls), amplitude offsets of
 * the 2^k local basis states in offsets[]. The AVX2 gate kernels reuse it for layouts with qubit 0.
 */
void qk_scalar_dense(double *psi, unsigned k, const double *m, const uint64_t *offsets, const qk_spread *s,
                     uint64_t begin, uint64_t end);
#if defined(QK_HAVE_AVX2_BUILD)
void qk_avx2_dense(double *psi, unsigned k, const double *m, const uint64_t *offsets, const qk_spread *s,
                   uint64_t begin, uint64_t end);
#endif

#endif /* QK_INTERNAL_H */
