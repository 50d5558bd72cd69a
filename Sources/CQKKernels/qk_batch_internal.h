/*
 * Internal to the batched kernels (qk_batch.c, qk_batch_structured.c): the index arithmetic and the
 * AVX2 choice they share.
 */
#ifndef QK_BATCH_INTERNAL_H
#define QK_BATCH_INTERNAL_H

#include "qk_batch.h"

#if defined(__x86_64__) || defined(_M_X64)
#define QK_BATCH_AVX2_BUILD 1
#include <immintrin.h>
#define QK_AVX2 __attribute__((target("avx2,fma")))
#endif

/* Index of the p-th amplitude with bit q clear. */
static inline uint64_t qk_batch_insert_zero(uint64_t p, unsigned q) {
    const uint64_t low = ((uint64_t)1 << q) - 1;
    return ((p & ~low) << 1) | (p & low);
}

/* The AVX2 kernels take four lanes per register, so they need lanes % 4 == 0. */
static inline int qk_batch_use_avx2(qk_isa isa, unsigned lanes) {
#if defined(QK_BATCH_AVX2_BUILD)
    return lanes % 4 == 0 && qk_isa_resolve(isa) == QK_ISA_AVX2;
#else
    (void)isa; (void)lanes;
    return 0;
#endif
}

/* qk_batch_rotation_pair_lanes with the AVX2 choice made (qk_batch_rotation_pairs.c). */
void qk_batch_rotation_pair_with(int avx2, double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1,
                                 unsigned q2, int y2, const double *t1, const double *t2);

#endif /* QK_BATCH_INTERNAL_H */
