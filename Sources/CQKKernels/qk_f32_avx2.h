/*
 * Internal to the single-precision AVX2 kernels: the complex arithmetic on four interleaved
 * complex64 amplitudes per __m256, the lane masks for controls on qubits 0 and 1, and the loop that
 * splits an item range into a scalar head, whole register groups and a scalar tail. Included only
 * by the qk_f32_avx2*.c files, inside their QK_HAVE_AVX2_BUILD guard.
 */
#ifndef QK_F32_AVX2_H
#define QK_F32_AVX2_H

#include "qk_internal.h"
#include <immintrin.h>

#define QK_AVX2 __attribute__((target("avx2,fma")))

QK_AVX2 static inline __m256 swap_ri(__m256 v) { return _mm256_permute_ps(v, 0xB1); }

QK_AVX2 static inline __m256 cmul(__m256 mr, __m256 mi, __m256 v) {
    return _mm256_fmaddsub_ps(mr, v, _mm256_mul_ps(mi, swap_ri(v)));
}

/* m0*v0 + m1*v1 with per-lane complex coefficients given as re/im vectors. */
QK_AVX2 static inline __m256 cdot2(__m256 m0r, __m256 m0i, __m256 v0, __m256 m1r, __m256 m1i, __m256 v1) {
    const __m256 re = _mm256_fmadd_ps(m0r, v0, _mm256_mul_ps(m1r, v1));
    const __m256 im = _mm256_fmadd_ps(m0i, swap_ri(v0), _mm256_mul_ps(m1i, swap_ri(v1)));
    return _mm256_addsub_ps(re, im);
}

/* The inserted positions below 2, as a bit set (bit p for qubit p), and how many. */
static inline unsigned low_positions(const qk_spread *s, unsigned *count) {
    unsigned set = 0, c = 0;
    for (unsigned j = 0; j < s->count && j < 2; j++) {
        const unsigned p = (unsigned)__builtin_popcountll(s->low[j]);
        if (p < 2) { set |= 1u << p; c++; }
    }
    *count = c;
    return set;
}

/* Lanes (complex amplitudes 0..3 of a register) where the controls on qubits `ctl` (a subset of {0, 1}) fire. */
QK_AVX2 static inline __m256 lane_mask(unsigned ctl, uint64_t fixed) {
    int32_t m[8];
    for (unsigned a = 0; a < 4; a++) {
        int on = 1;
        for (unsigned p = 0; p < 2; p++)
            if (((ctl >> p) & 1u) && ((a >> p) & 1u) != ((fixed >> p) & 1u)) on = 0;
        m[2 * a] = m[2 * a + 1] = on ? -1 : 0;
    }
    return _mm256_castsi256_ps(_mm256_loadu_si256((const __m256i *)m));
}

/* Splits [begin, end) into a scalar head, whole groups of g aligned items, and a scalar tail. */
#define QK_F32_GROUPS(g, begin, end, scalar_call, ...)                                                \
    do {                                                                                               \
        uint64_t k_ = (begin);                                                                         \
        uint64_t head_ = (k_ + (g) - 1) & ~(uint64_t)((g) - 1);                                        \
        if (head_ > (end)) head_ = (end);                                                              \
        if (k_ < head_) { const uint64_t lo_ = k_, hi_ = head_; scalar_call; }                         \
        for (k_ = head_; k_ + (g) <= (end); k_ += (g)) { const uint64_t k = k_; __VA_ARGS__ }                \
        if (k_ < (end)) { const uint64_t lo_ = k_, hi_ = (end); scalar_call; }                         \
    } while (0)

#define LD(p) _mm256_loadu_ps(p)
#define ST(p, v) _mm256_storeu_ps((p), (v))
#define BCAST(x) _mm256_set1_ps(x)


#endif /* QK_F32_AVX2_H */
