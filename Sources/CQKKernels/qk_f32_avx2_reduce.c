/*
 * Single-precision AVX2 reductions and measurement: float amplitudes are widened to double (two
 * complex per __m256d) before they are accumulated, so sums over 2^30 terms keep double accuracy.
 */
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"
QK_AVX2 static inline double hsum(__m256d v) {
    const __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}

/* Two complex64 amplitudes at p, widened to [re0, im0, re1, im1] doubles. */
QK_AVX2 static inline __m256d load2(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }

QK_AVX2 static inline __m256d swap_ri_pd(__m256d v) { return _mm256_permute_pd(v, 0x5); }

QK_AVX2 double qk_f32_avx2_norm2(const float *psi, uint64_t begin, uint64_t end) {
    __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd();
    uint64_t i = begin;
    for (; i + 3 < end; i += 4) {
        const __m256d a = load2(psi + 2 * i), b = load2(psi + 2 * i + 4);
        acc0 = _mm256_fmadd_pd(a, a, acc0);
        acc1 = _mm256_fmadd_pd(b, b, acc1);
    }
    const double tail = i < end ? qk_f32_scalar_norm2(psi, i, end) : 0;
    return hsum(_mm256_add_pd(acc0, acc1)) + tail;
}

QK_AVX2 void qk_f32_avx2_scale(float *psi, float s, uint64_t begin, uint64_t end) {
    const __m256 f = BCAST(s);
    uint64_t i = begin;
    for (; i + 3 < end; i += 4) ST(psi + 2 * i, _mm256_mul_ps(f, LD(psi + 2 * i)));
    if (i < end) qk_f32_scalar_scale(psi, s, i, end);
}

QK_AVX2 double qk_f32_avx2_prob_one(const float *psi, unsigned target, uint64_t begin, uint64_t end) {
    if (target < 2) return qk_f32_scalar_prob_one(psi, target, begin, end);
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd();
    double tail = 0;
    QK_F32_GROUPS(4, begin, end, tail += qk_f32_scalar_prob_one(psi, target, lo_, hi_), {
        const float *p = psi + 2 * (qk_spread_index(&s, k) | bit);
        const __m256d a = load2(p), b = load2(p + 4);
        acc0 = _mm256_fmadd_pd(a, a, acc0);
        acc1 = _mm256_fmadd_pd(b, b, acc1);
    });
    return hsum(_mm256_add_pd(acc0, acc1)) + tail;
}

QK_AVX2 void qk_f32_avx2_collapse(float *psi, unsigned target, int outcome, float scale, uint64_t begin, uint64_t end) {
    if (target < 2) {
        qk_f32_scalar_collapse(psi, target, outcome, scale, begin, end);
        return;
    }
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    const __m256 f = BCAST(scale), zero = _mm256_setzero_ps();
    QK_F32_GROUPS(4, begin, end, qk_f32_scalar_collapse(psi, target, outcome, scale, lo_, hi_), {
        const uint64_t i0 = qk_spread_index(&s, k), i1 = i0 | bit;
        float *keep = psi + 2 * (outcome ? i1 : i0), *drop = psi + 2 * (outcome ? i0 : i1);
        ST(keep, _mm256_mul_ps(f, LD(keep)));
        ST(drop, zero);
    });
}

QK_AVX2 void qk_f32_avx2_inner(const float *a, const float *b, uint64_t begin, uint64_t end, double *out) {
    /* conj(a) b: re = ar br + ai bi (lanes of a*b), im = ar bi - ai br (from a*swap(b)). */
    __m256d re = _mm256_setzero_pd(), im = _mm256_setzero_pd();
    uint64_t i = begin;
    for (; i + 1 < end; i += 2) {
        const __m256d va = load2(a + 2 * i), vb = load2(b + 2 * i);
        re = _mm256_fmadd_pd(va, vb, re);
        im = _mm256_fmadd_pd(va, swap_ri_pd(vb), im);
    }
    if (i < end) qk_f32_scalar_inner(a, b, i, end, out);
    const __m256d sign = _mm256_setr_pd(1, -1, 1, -1);
    out[0] += hsum(re);
    out[1] += hsum(_mm256_mul_pd(im, sign));
}

QK_AVX2 void qk_f32_avx2_pauli_sum(const float *psi, uint64_t xmask, uint64_t zmask, uint64_t begin, uint64_t end,
                                   double *out) {
    __m256d re = _mm256_setzero_pd(), im = _mm256_setzero_pd();
    const int flip_low = (int)(xmask & 1);
    const double s1 = (zmask & 1) ? -1.0 : 1.0; /* sign of i+1 relative to i, for even i */
    uint64_t i = begin;
    if ((i & 1) && i < end) { qk_f32_scalar_pauli_sum(psi, xmask, zmask, i, i + 1, out); i++; }
    for (; i + 1 < end; i += 2) {
        const double s0 = (__builtin_popcountll(i & zmask) & 1) ? -1.0 : 1.0;
        const __m256d sign = _mm256_setr_pd(s0, s0, s0 * s1, s0 * s1);
        __m256d va = load2(psi + 2 * ((i ^ xmask) & ~(uint64_t)1));
        if (flip_low) va = _mm256_permute2f128_pd(va, va, 0x01);
        const __m256d vb = _mm256_mul_pd(sign, load2(psi + 2 * i));
        re = _mm256_fmadd_pd(va, vb, re);
        im = _mm256_fmadd_pd(va, swap_ri_pd(vb), im);
    }
    if (i < end) qk_f32_scalar_pauli_sum(psi, xmask, zmask, i, end, out);
    const __m256d sign = _mm256_setr_pd(1, -1, 1, -1);
    out[0] += hsum(re);
    out[1] += hsum(_mm256_mul_pd(im, sign));
}

#endif /* QK_HAVE_AVX2_BUILD */
