/*
 * Elementwise exp for kernel matrices (see include/qk_vmath.h). A kernel matrix of 5000 points is
 * 25 million exponentials; libm's exp is one at a time, this is four per AVX2 register.
 *
 * Every element, the last few included, goes through the same vector code (the tail through a
 * padded register), so a value never depends on its position: K_ij and K_ji computed in different
 * tiles stay bit-identical.
 */
#include "qk_kernels.h"
#include "qk_vmath.h"

#include <math.h>
#include <string.h>

void qk_exp_scaled_scalar(double *values, size_t count, double scale) {
    for (size_t i = 0; i < count; i++) values[i] = exp(scale * values[i]);
}

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define QK_AVX2 __attribute__((target("avx2,fma")))

/* 2^n for integral n in [-1100, 1100] as two normal factors, so that results down in the
 * subnormal range are rounded once, in the final product. */
QK_AVX2 static inline __m256d exp_avx2(__m256d x, __m256d scale) {
    const __m256d t = _mm256_mul_pd(scale, x);
    const __m256d clamped = _mm256_min_pd(_mm256_max_pd(t, _mm256_set1_pd(-746.0)), _mm256_set1_pd(710.0));
    const __m256d n = _mm256_round_pd(_mm256_mul_pd(clamped, _mm256_set1_pd(1.4426950408889634)),
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    /* fdlibm's split of ln 2: n * ln2_hi is exact for |n| < 2^11. */
    __m256d r = _mm256_fnmadd_pd(n, _mm256_set1_pd(6.93147180369123816490e-01), clamped);
    r = _mm256_fnmadd_pd(n, _mm256_set1_pd(1.90821492927058770002e-10), r);
    /* e^r = sum r^k / k!, k <= 13: the first term left out is below 2^-58 for |r| <= ln2/2. */
    static const double inverse_factorial[14] = {
        1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0};
    __m256d p = _mm256_set1_pd(inverse_factorial[13]);
    for (int k = 12; k >= 0; k--) p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(inverse_factorial[k]));
    const __m128i ni = _mm256_cvtpd_epi32(n);
    const __m128i half = _mm_srai_epi32(ni, 1);
    const __m128i rest = _mm_sub_epi32(ni, half);
    const __m256i bias = _mm256_set1_epi64x(1023);
    const __m256d f1 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(_mm256_cvtepi32_epi64(half), bias), 52));
    const __m256d f2 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(_mm256_cvtepi32_epi64(rest), bias), 52));
    const __m256d result = _mm256_mul_pd(_mm256_mul_pd(p, f1), f2);
    /* NaN in, NaN out (the clamps above replaced it). */
    return _mm256_blendv_pd(result, t, _mm256_cmp_pd(t, t, _CMP_UNORD_Q));
}

QK_AVX2 static void qk_exp_scaled_avx2(double *values, size_t count, double scale) {
    const __m256d s = _mm256_set1_pd(scale);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) _mm256_storeu_pd(values + i, exp_avx2(_mm256_loadu_pd(values + i), s));
    if (i < count) {
        double tail[4] = {0, 0, 0, 0};
        memcpy(tail, values + i, (count - i) * sizeof(double));
        _mm256_storeu_pd(tail, exp_avx2(_mm256_loadu_pd(tail), s));
        memcpy(values + i, tail, (count - i) * sizeof(double));
    }
}
#endif

void qk_exp_scaled(double *values, size_t count, double scale) {
#if defined(__x86_64__) || defined(_M_X64)
    if (qk_isa_resolve(QK_ISA_BEST) == QK_ISA_AVX2) {
        qk_exp_scaled_avx2(values, count, scale);
        return;
    }
#endif
    qk_exp_scaled_scalar(values, count, scale);
}
