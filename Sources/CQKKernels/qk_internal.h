/*
 * Internal to the kernels of both precisions: the item-to-index map and the other index arithmetic
 * that the scalar and AVX2 versions share, and the per-ISA entry points that the dispatchers
 * (qk_dispatch.c, qk_f32_dispatch.c, both instantiating qk_dispatch_template.h) choose between.
 */
#ifndef QK_INTERNAL_H
#define QK_INTERNAL_H

#include "qk_kernels.h"
#include "qk_kernels_f32.h"

#define QK_MAX_INSERTED (QK_MAX_CONTROLS + QK_MAX_DIAGONAL_QUBITS)

/*
 * States of 2 MiB and more are aligned to 2 MiB and asked to be backed by transparent huge pages
 * (Linux, where THP is in "madvise" mode as on the development machine): a fused block touches
 * 2^k amplitudes up to 2^(n-1) apart per step of its loop, each in another 4 KiB page, and the
 * page walks cost more than the arithmetic at k = 5. A hint only: without THP the pages are the
 * usual 4 KiB ones.
 */
#define QK_HUGE_PAGE ((size_t)2 << 20)
#if defined(__linux__)
#include <sys/mman.h>
static inline void qk_advise_huge_pages(void *p, size_t bytes) {
    if (bytes >= QK_HUGE_PAGE) (void)madvise(p, bytes, MADV_HUGEPAGE);
}
#else
static inline void qk_advise_huge_pages(void *p, size_t bytes) { (void)p; (void)bytes; }
#endif
#define QK_DENSE_DIM (1u << QK_MAX_DENSE_QUBITS)

/*
 * Maps a work-item number to an amplitude index by inserting a zero bit at each of `count` sorted
 * positions (targets and controls), then setting the bits that the controls require. Item k of a
 * one-qubit gate on q is the index with bit q = 0 of its amplitude pair, and so on. When `lowest`
 * is >= 2, items 4j..4j+3 are four adjacent amplitudes (one complex64 AVX2 register).
 */
typedef struct {
    unsigned count;
    unsigned lowest;  /* smallest inserted position (64 when none) */
    unsigned second;  /* second smallest (64 when fewer than two) */
    uint64_t low[QK_MAX_INSERTED];
    uint64_t fixed;
} qk_spread;

static inline void qk_spread_init(qk_spread *s, const unsigned *targets, unsigned ntargets,
                                  const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values) {
    unsigned pos[QK_MAX_INSERTED];
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

static inline uint64_t qk_spread_index(const qk_spread *s, uint64_t k) {
    for (unsigned j = 0; j < s->count; j++) {
        const uint64_t lo = s->low[j];
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

/* offsets[l] = the amplitude offset of local basis state l of a dense block (bit j of l is qubit qubits[j]). */
static inline void qk_dense_offsets(const unsigned *qubits, unsigned k, uint64_t *offsets) {
    for (unsigned l = 0; l < (1u << k); l++) {
        uint64_t o = 0;
        for (unsigned j = 0; j < k; j++)
            if ((l >> j) & 1u) o |= (uint64_t)1 << qubits[j];
        offsets[l] = o;
    }
}

/*
 * The kernels of one ISA at one precision: `isa` is the name infix (scalar, avx2, f32_scalar,
 * f32_avx2), `real` the amplitude component type. The dense body takes the amplitude offsets of
 * the 2^k local basis states (qk_dense_offsets) besides the qubits.
 */
#define QK_DECLARE_KERNELS(isa, real)                                                                  \
    void qk_##isa##_matrix1(real *psi, unsigned target, const real *m, const qk_spread *s,              \
                            uint64_t begin, uint64_t end);                                              \
    void qk_##isa##_diag1(real *psi, unsigned target, const real *d, const qk_spread *s,                \
                          uint64_t begin, uint64_t end);                                                \
    void qk_##isa##_matrix2(real *psi, unsigned q0, unsigned q1, const real *m, const qk_spread *s,     \
                            uint64_t begin, uint64_t end);                                              \
    void qk_##isa##_swap(real *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin,       \
                         uint64_t end);                                                                 \
    void qk_##isa##_phase(real *psi, const real *phase, const qk_spread *s, uint64_t begin,             \
                          uint64_t end);                                                                \
    void qk_##isa##_diagonal(real *psi, const unsigned *qubits, unsigned k, const real *diag,           \
                             uint64_t begin, uint64_t end);                                             \
    void qk_##isa##_dense(real *psi, const unsigned *qubits, unsigned k, const real *m,                 \
                          const uint64_t *offsets, const qk_spread *s, uint64_t begin, uint64_t end);   \
    double qk_##isa##_norm2(const real *psi, uint64_t begin, uint64_t end);                            \
    void qk_##isa##_scale(real *psi, real s, uint64_t begin, uint64_t end);                            \
    double qk_##isa##_prob_one(const real *psi, unsigned target, uint64_t begin, uint64_t end);        \
    void qk_##isa##_collapse(real *psi, unsigned target, int outcome, real scale, uint64_t begin,       \
                             uint64_t end);                                                             \
    void qk_##isa##_inner(const real *a, const real *b, uint64_t begin, uint64_t end, double *out);    \
    void qk_##isa##_pauli_sum(const real *psi, uint64_t xmask, uint64_t zmask, uint64_t begin,         \
                              uint64_t end, double *out);

QK_DECLARE_KERNELS(scalar, double)
QK_DECLARE_KERNELS(f32_scalar, float)
#if defined(__x86_64__) || defined(_M_X64)
#define QK_HAVE_AVX2_BUILD 1
QK_DECLARE_KERNELS(avx2, double)
QK_DECLARE_KERNELS(f32_avx2, float)
#endif

#endif /* QK_INTERNAL_H */
