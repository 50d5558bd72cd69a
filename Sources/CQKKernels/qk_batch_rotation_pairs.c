/*
 * Two per-lane rotations at once, in the tangent form (see qk_batch.h): R(phi) = cos(phi/2) T(t) with
 * T(t) = [[1, -t], [t, 1]] for RY and [[1, -it], [-it, 1]] for RX, t = tan(phi/2). Dropping the cosine
 * leaves one multiply-add per real output where the plain form needs a multiplication and a
 * multiply-add; doing two rotations per load and store of four rows keeps the kernel from being
 * bound by its stores instead. Measured on a 24-lane batch (Zen 4, AVX2): 0.95 ns per pair of
 * 4-lane vectors and rotation in L1 against 1.6 ns for one rotation at a time, 1.25 against 1.95 ns
 * streaming through L2. The cosines are the caller's to account for.
 */
#include "qk_batch_internal.h"

/* One tangent-form rotation of the pair (x0, x1) in place; RY mixes like planes, RX crosses them. */
#define QK_TAN_RY(r0, i0, r1, i1, t)                                                                  \
    do {                                                                                              \
        const double a_ = r0, b_ = i0;                                                                \
        r0 = a_ - (t) * r1; i0 = b_ - (t) * i1;                                                       \
        r1 = r1 + (t) * a_; i1 = i1 + (t) * b_;                                                       \
    } while (0)
#define QK_TAN_RX(r0, i0, r1, i1, t)                                                                  \
    do {                                                                                              \
        const double a_ = r0, b_ = i0;                                                                \
        r0 = a_ + (t) * i1; i0 = b_ - (t) * r1;                                                       \
        r1 = r1 + (t) * b_; i1 = i1 - (t) * a_;                                                       \
    } while (0)

static void scalar_rotation_pair(double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1, unsigned q2,
                                 int y2, const double *t1, const double *t2) {
    const size_t L = lanes;
    const uint64_t quarter = (uint64_t)1 << (n - 2), b1 = (uint64_t)1 << q1, b2 = (uint64_t)1 << q2;
    const unsigned lo = q1 < q2 ? q1 : q2, hi = q1 < q2 ? q2 : q1;
    for (uint64_t p = 0; p < quarter; p++) {
        const uint64_t a = qk_batch_insert_zero(qk_batch_insert_zero(p, lo), hi);
        double *r = re + a * L, *m = im + a * L;
        const size_t o1 = b1 * L, o2 = b2 * L;
        for (unsigned v = 0; v < lanes; v++) {
            double r00 = r[v], r01 = r[o1 + v], r10 = r[o2 + v], r11 = r[o1 + o2 + v];
            double i00 = m[v], i01 = m[o1 + v], i10 = m[o2 + v], i11 = m[o1 + o2 + v];
            const double u = t1[v], w = t2[v];
            if (y1) { QK_TAN_RY(r00, i00, r01, i01, u); QK_TAN_RY(r10, i10, r11, i11, u); }
            else { QK_TAN_RX(r00, i00, r01, i01, u); QK_TAN_RX(r10, i10, r11, i11, u); }
            if (y2) { QK_TAN_RY(r00, i00, r10, i10, w); QK_TAN_RY(r01, i01, r11, i11, w); }
            else { QK_TAN_RX(r00, i00, r10, i10, w); QK_TAN_RX(r01, i01, r11, i11, w); }
            r[v] = r00; r[o1 + v] = r01; r[o2 + v] = r10; r[o1 + o2 + v] = r11;
            m[v] = i00; m[o1 + v] = i01; m[o2 + v] = i10; m[o1 + o2 + v] = i11;
        }
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
#define QK_TAN_RY_AVX2(r0, i0, r1, i1, t)                                                             \
    do {                                                                                              \
        const __m256d a_ = r0, b_ = i0;                                                               \
        r0 = _mm256_fnmadd_pd(t, r1, a_); i0 = _mm256_fnmadd_pd(t, i1, b_);                           \
        r1 = _mm256_fmadd_pd(t, a_, r1); i1 = _mm256_fmadd_pd(t, b_, i1);                             \
    } while (0)
#define QK_TAN_RX_AVX2(r0, i0, r1, i1, t)                                                             \
    do {                                                                                              \
        const __m256d a_ = r0, b_ = i0;                                                               \
        r0 = _mm256_fmadd_pd(t, i1, a_); i0 = _mm256_fnmadd_pd(t, r1, b_);                            \
        r1 = _mm256_fmadd_pd(t, b_, r1); i1 = _mm256_fnmadd_pd(t, a_, i1);                            \
    } while (0)

/* The kind of each rotation is a template argument (kinds = 2 y1 + y2) so the inner loop has no branch. */
QK_AVX2 static inline __attribute__((always_inline)) void avx2_rotation_pair_kind(
    double *re, double *im, unsigned n, unsigned lanes, unsigned q1, unsigned q2, const double *t1, const double *t2,
    const int y1, const int y2) {
    const size_t L = lanes;
    const uint64_t quarter = (uint64_t)1 << (n - 2);
    const size_t o1 = ((size_t)1 << q1) * L, o2 = ((size_t)1 << q2) * L;
    const unsigned lo = q1 < q2 ? q1 : q2, hi = q1 < q2 ? q2 : q1;
    for (uint64_t p = 0; p < quarter; p++) {
        const uint64_t a = qk_batch_insert_zero(qk_batch_insert_zero(p, lo), hi);
        double *r = re + a * L, *m = im + a * L;
        for (unsigned v = 0; v < lanes; v += 4) {
            const __m256d u = _mm256_loadu_pd(t1 + v), w = _mm256_loadu_pd(t2 + v);
            __m256d r00 = _mm256_loadu_pd(r + v), r01 = _mm256_loadu_pd(r + o1 + v);
            __m256d r10 = _mm256_loadu_pd(r + o2 + v), r11 = _mm256_loadu_pd(r + o1 + o2 + v);
            __m256d i00 = _mm256_loadu_pd(m + v), i01 = _mm256_loadu_pd(m + o1 + v);
            __m256d i10 = _mm256_loadu_pd(m + o2 + v), i11 = _mm256_loadu_pd(m + o1 + o2 + v);
            if (y1) { QK_TAN_RY_AVX2(r00, i00, r01, i01, u); QK_TAN_RY_AVX2(r10, i10, r11, i11, u); }
            else { QK_TAN_RX_AVX2(r00, i00, r01, i01, u); QK_TAN_RX_AVX2(r10, i10, r11, i11, u); }
            if (y2) { QK_TAN_RY_AVX2(r00, i00, r10, i10, w); QK_TAN_RY_AVX2(r01, i01, r11, i11, w); }
            else { QK_TAN_RX_AVX2(r00, i00, r10, i10, w); QK_TAN_RX_AVX2(r01, i01, r11, i11, w); }
            _mm256_storeu_pd(r + v, r00); _mm256_storeu_pd(r + o1 + v, r01);
            _mm256_storeu_pd(r + o2 + v, r10); _mm256_storeu_pd(r + o1 + o2 + v, r11);
            _mm256_storeu_pd(m + v, i00); _mm256_storeu_pd(m + o1 + v, i01);
            _mm256_storeu_pd(m + o2 + v, i10); _mm256_storeu_pd(m + o1 + o2 + v, i11);
        }
    }
}

QK_AVX2 static void avx2_rotation_pair(double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1,
                                       unsigned q2, int y2, const double *t1, const double *t2) {
    switch ((y1 ? 2 : 0) | (y2 ? 1 : 0)) {
    case 3: avx2_rotation_pair_kind(re, im, n, lanes, q1, q2, t1, t2, 1, 1); break;
    case 2: avx2_rotation_pair_kind(re, im, n, lanes, q1, q2, t1, t2, 1, 0); break;
    case 1: avx2_rotation_pair_kind(re, im, n, lanes, q1, q2, t1, t2, 0, 1); break;
    default: avx2_rotation_pair_kind(re, im, n, lanes, q1, q2, t1, t2, 0, 0); break;
    }
}
#endif

void qk_batch_rotation_pair_with(int avx2, double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1,
                                 unsigned q2, int y2, const double *t1, const double *t2) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (avx2) { avx2_rotation_pair(re, im, n, lanes, q1, y1 != 0, q2, y2 != 0, t1, t2); return; }
#endif
    (void)avx2;
    scalar_rotation_pair(re, im, n, lanes, q1, y1 != 0, q2, y2 != 0, t1, t2);
}

void qk_batch_rotation_pair_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1,
                                  unsigned q2, int y2, const double *t1, const double *t2) {
    qk_batch_rotation_pair_with(qk_batch_use_avx2(isa, lanes), re, im, n, lanes, q1, y1, q2, y2, t1, t2);
}
