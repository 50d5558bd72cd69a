/*
 * Batched kernels (see qk_batch.h): B states in SIMD lanes, split real/imaginary planes,
 * amplitude-major with the lane fastest. Every gate loops over amplitude rows and, inside, over
 * the lanes, so the inner loop is unit-stride and the same for shared and per-lane matrices: a
 * per-lane matrix only turns the broadcast coefficient into a load.
 *
 * The scalar and AVX2 versions sit side by side here so each can be read against the other; the
 * AVX2 ones need lanes % 4 == 0 and the dispatchers fall back to scalar otherwise.
 */
#include "qk_batch_internal.h"

#include <math.h>
#include <string.h>

/* Local index of amplitude i in a table on `qubits`. */
static inline uint64_t local_index(uint64_t i, const unsigned *qubits, unsigned k) {
    uint64_t l = 0;
    for (unsigned j = 0; j < k; j++) l |= ((i >> qubits[j]) & 1u) << j;
    return l;
}

/* ---- scalar ---------------------------------------------------------------------------------- */

/* Row pair update: (x0, x1) <- (a x0 + b x1, c x0 + d x1) on lanes [0, lanes), coefficient e of lane
 * v at (mr[e][v * step], mi[e][v * step]) so step 0 broadcasts one shared matrix. */
static void scalar_pair(double *r0, double *i0, double *r1, double *i1, unsigned lanes, const double *const *mr,
                        const double *const *mi, unsigned step) {
    for (unsigned v = 0; v < lanes; v++) {
        const unsigned t = v * step;
        const double x0r = r0[v], x0i = i0[v], x1r = r1[v], x1i = i1[v];
        const double ar = mr[0][t], ai = mi[0][t], br = mr[1][t], bi = mi[1][t];
        const double cr = mr[2][t], ci = mi[2][t], dr = mr[3][t], di = mi[3][t];
        r0[v] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
        i0[v] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
        r1[v] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
        i1[v] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
    }
}

static void scalar_matrix1(double *re, double *im, unsigned n, unsigned lanes, unsigned q, const double *const *mr,
                           const double *const *mi, unsigned step) {
    const uint64_t half = (uint64_t)1 << (n - 1), bit = (uint64_t)1 << q;
    if (lanes == 1) {
        /* One circuit (re-binding a single small circuit): the coefficients stay in registers. */
        const double ar = mr[0][0], ai = mi[0][0], br = mr[1][0], bi = mi[1][0];
        const double cr = mr[2][0], ci = mi[2][0], dr = mr[3][0], di = mi[3][0];
        for (uint64_t p = 0; p < half; p++) {
            const uint64_t a = qk_batch_insert_zero(p, q), b = a | bit;
            const double x0r = re[a], x0i = im[a], x1r = re[b], x1i = im[b];
            re[a] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
            im[a] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
            re[b] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
            im[b] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
        }
        return;
    }
    for (uint64_t p = 0; p < half; p++) {
        const uint64_t a = qk_batch_insert_zero(p, q), b = a | bit;
        scalar_pair(re + a * lanes, im + a * lanes, re + b * lanes, im + b * lanes, lanes, mr, mi, step);
    }
}

static void scalar_diagonal(double *re, double *im, unsigned n, unsigned lanes, const unsigned *qubits, unsigned k,
                            const double *d) {
    const uint64_t dim = (uint64_t)1 << n;
    for (uint64_t i = 0; i < dim; i++) {
        const uint64_t l = local_index(i, qubits, k);
        const double *dr = d + l * lanes, *di = dr + (lanes << k);
        double *r = re + i * lanes, *m = im + i * lanes;
        for (unsigned v = 0; v < lanes; v++) {
            const double xr = r[v], xi = m[v];
            r[v] = dr[v] * xr - di[v] * xi;
            m[v] = dr[v] * xi + di[v] * xr;
        }
    }
}

/* pi/2 split in three parts (Cephes' DP1..DP3 doubled): k * P1 is exact for |k| < 2^29. */
static const double QK_P1 = 1.57079625129699707031, QK_P2 = 7.54978941586159635335E-8,
                    QK_P3 = 5.39030285815811905290E-15, QK_TWO_OVER_PI = 0.63661977236758134308;
/* Minimax coefficients on [-pi/4, pi/4] (Cephes sin.c): sin r = r + r z S(z), cos r = 1 - z/2 + z^2 C(z). */
static const double QK_S[6] = {1.58962301576546568060E-10, -2.50507477628578072866E-8, 2.75573136213857245213E-6,
                               -1.98412698295895385996E-4, 8.33333333332211858878E-3, -1.66666666666666307295E-1};
static const double QK_C[6] = {-1.13585365213876817300E-11, 2.08757008419747316778E-9, -2.75573141792967388112E-7,
                               2.48015872888517045348E-5, -1.38888888888730564116E-3, 4.16666666666665929218E-2};

static void scalar_sincos(const double *x, size_t count, double *s, double *c) {
    for (size_t j = 0; j < count; j++) {
        const double k = nearbyint(x[j] * QK_TWO_OVER_PI);
        const double r = ((x[j] - k * QK_P1) - k * QK_P2) - k * QK_P3;
        const double z = r * r;
        double ps = QK_S[0], pc = QK_C[0];
        for (int t = 1; t < 6; t++) { ps = ps * z + QK_S[t]; pc = pc * z + QK_C[t]; }
        const double sr = r + r * z * ps, cr = 1.0 - 0.5 * z + z * z * pc;
        const double quadrant = k - 4.0 * floor(k * 0.25); /* 0..3 */
        const int odd = quadrant == 1.0 || quadrant == 3.0;
        double sv = odd ? cr : sr, cv = odd ? sr : cr;
        if (quadrant >= 2.0) sv = -sv;
        if (quadrant == 1.0 || quadrant == 2.0) cv = -cv;
        s[j] = sv;
        c[j] = cv;
    }
}

static void scalar_wht(double *spectrum, unsigned k, unsigned lanes) {
    const uint64_t dim = (uint64_t)1 << k;
    for (uint64_t h = 1; h < dim; h <<= 1)
        for (uint64_t blk = 0; blk < dim; blk += 2 * h)
            for (uint64_t i = blk; i < blk + h; i++) {
                double *a = spectrum + i * lanes, *b = spectrum + (i + h) * lanes;
                for (unsigned v = 0; v < lanes; v++) {
                    const double x = a[v], y = b[v];
                    a[v] = x + y;
                    b[v] = x - y;
                }
            }
}

/* ---- AVX2 ------------------------------------------------------------------------------------ */
#if defined(QK_BATCH_AVX2_BUILD)

QK_AVX2 static void avx2_matrix1(double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                                 const double *const *mr, const double *const *mi, unsigned step) {
    const uint64_t half = (uint64_t)1 << (n - 1), bit = (uint64_t)1 << q;
    for (uint64_t p = 0; p < half; p++) {
        const uint64_t a = qk_batch_insert_zero(p, q), b = a | bit;
        double *r0 = re + a * lanes, *i0 = im + a * lanes, *r1 = re + b * lanes, *i1 = im + b * lanes;
        for (unsigned v = 0; v < lanes; v += 4) {
            const unsigned t = v * step;
            /* step 0: broadcast the shared entries; step 1: load four lanes' entries. */
            __m256d ar, ai, br, bi, cr, ci, dr, di;
            if (step == 0) {
                ar = _mm256_set1_pd(mr[0][0]); ai = _mm256_set1_pd(mi[0][0]);
                br = _mm256_set1_pd(mr[1][0]); bi = _mm256_set1_pd(mi[1][0]);
                cr = _mm256_set1_pd(mr[2][0]); ci = _mm256_set1_pd(mi[2][0]);
                dr = _mm256_set1_pd(mr[3][0]); di = _mm256_set1_pd(mi[3][0]);
            } else {
                ar = _mm256_loadu_pd(mr[0] + t); ai = _mm256_loadu_pd(mi[0] + t);
                br = _mm256_loadu_pd(mr[1] + t); bi = _mm256_loadu_pd(mi[1] + t);
                cr = _mm256_loadu_pd(mr[2] + t); ci = _mm256_loadu_pd(mi[2] + t);
                dr = _mm256_loadu_pd(mr[3] + t); di = _mm256_loadu_pd(mi[3] + t);
            }
            const __m256d x0r = _mm256_loadu_pd(r0 + v), x0i = _mm256_loadu_pd(i0 + v);
            const __m256d x1r = _mm256_loadu_pd(r1 + v), x1i = _mm256_loadu_pd(i1 + v);
            __m256d yr = _mm256_fmadd_pd(ar, x0r, _mm256_fmsub_pd(br, x1r, _mm256_fmadd_pd(bi, x1i, _mm256_mul_pd(ai, x0i))));
            __m256d yi = _mm256_fmadd_pd(ar, x0i, _mm256_fmadd_pd(ai, x0r, _mm256_fmadd_pd(br, x1i, _mm256_mul_pd(bi, x1r))));
            __m256d zr = _mm256_fmadd_pd(cr, x0r, _mm256_fmsub_pd(dr, x1r, _mm256_fmadd_pd(di, x1i, _mm256_mul_pd(ci, x0i))));
            __m256d zi = _mm256_fmadd_pd(cr, x0i, _mm256_fmadd_pd(ci, x0r, _mm256_fmadd_pd(dr, x1i, _mm256_mul_pd(di, x1r))));
            _mm256_storeu_pd(r0 + v, yr); _mm256_storeu_pd(i0 + v, yi);
            _mm256_storeu_pd(r1 + v, zr); _mm256_storeu_pd(i1 + v, zi);
        }
    }
}

QK_AVX2 static void avx2_diagonal(double *re, double *im, unsigned n, unsigned lanes, const unsigned *qubits,
                                  unsigned k, const double *d) {
    const uint64_t dim = (uint64_t)1 << n;
    for (uint64_t i = 0; i < dim; i++) {
        const uint64_t l = local_index(i, qubits, k);
        const double *dr = d + l * lanes, *di = dr + (lanes << k);
        double *r = re + i * lanes, *m = im + i * lanes;
        for (unsigned v = 0; v < lanes; v += 4) {
            const __m256d ar = _mm256_loadu_pd(dr + v), ai = _mm256_loadu_pd(di + v);
            const __m256d xr = _mm256_loadu_pd(r + v), xi = _mm256_loadu_pd(m + v);
            _mm256_storeu_pd(r + v, _mm256_fmsub_pd(ar, xr, _mm256_mul_pd(ai, xi)));
            _mm256_storeu_pd(m + v, _mm256_fmadd_pd(ar, xi, _mm256_mul_pd(ai, xr)));
        }
    }
}

QK_AVX2 static void avx2_sincos(const double *x, size_t count, double *s, double *c) {
    const __m256d twoOverPi = _mm256_set1_pd(QK_TWO_OVER_PI), p1 = _mm256_set1_pd(QK_P1), p2 = _mm256_set1_pd(QK_P2),
                  p3 = _mm256_set1_pd(QK_P3), sign = _mm256_set1_pd(-0.0), one = _mm256_set1_pd(1.0),
                  two = _mm256_set1_pd(2.0), quarter = _mm256_set1_pd(0.25), four = _mm256_set1_pd(4.0),
                  halfv = _mm256_set1_pd(0.5), three = _mm256_set1_pd(3.0);
    size_t j = 0;
    for (; j + 4 <= count; j += 4) {
        const __m256d xv = _mm256_loadu_pd(x + j);
        const __m256d k = _mm256_round_pd(_mm256_mul_pd(xv, twoOverPi), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        __m256d r = _mm256_fnmadd_pd(k, p1, xv);
        r = _mm256_fnmadd_pd(k, p2, r);
        r = _mm256_fnmadd_pd(k, p3, r);
        const __m256d z = _mm256_mul_pd(r, r);
        __m256d ps = _mm256_set1_pd(QK_S[0]), pc = _mm256_set1_pd(QK_C[0]);
        for (int t = 1; t < 6; t++) {
            ps = _mm256_fmadd_pd(ps, z, _mm256_set1_pd(QK_S[t]));
            pc = _mm256_fmadd_pd(pc, z, _mm256_set1_pd(QK_C[t]));
        }
        const __m256d sr = _mm256_fmadd_pd(_mm256_mul_pd(r, z), ps, r);
        const __m256d cr = _mm256_fmadd_pd(_mm256_mul_pd(z, z), pc, _mm256_fnmadd_pd(halfv, z, one));
        const __m256d quadrant = _mm256_fnmadd_pd(four, _mm256_floor_pd(_mm256_mul_pd(k, quarter)), k);
        const __m256d odd = _mm256_or_pd(_mm256_cmp_pd(quadrant, one, _CMP_EQ_OQ), _mm256_cmp_pd(quadrant, three, _CMP_EQ_OQ));
        const __m256d sv = _mm256_blendv_pd(sr, cr, odd), cv = _mm256_blendv_pd(cr, sr, odd);
        const __m256d negS = _mm256_cmp_pd(quadrant, two, _CMP_GE_OQ);
        const __m256d negC = _mm256_or_pd(_mm256_cmp_pd(quadrant, one, _CMP_EQ_OQ), _mm256_cmp_pd(quadrant, two, _CMP_EQ_OQ));
        _mm256_storeu_pd(s + j, _mm256_xor_pd(sv, _mm256_and_pd(negS, sign)));
        _mm256_storeu_pd(c + j, _mm256_xor_pd(cv, _mm256_and_pd(negC, sign)));
    }
    if (j < count) scalar_sincos(x + j, count - j, s + j, c + j);
}

QK_AVX2 static void avx2_wht(double *spectrum, unsigned k, unsigned lanes) {
    const uint64_t dim = (uint64_t)1 << k;
    for (uint64_t h = 1; h < dim; h <<= 1)
        for (uint64_t blk = 0; blk < dim; blk += 2 * h)
            for (uint64_t i = blk; i < blk + h; i++) {
                double *a = spectrum + i * lanes, *b = spectrum + (i + h) * lanes;
                for (unsigned v = 0; v < lanes; v += 4) {
                    const __m256d x = _mm256_loadu_pd(a + v), y = _mm256_loadu_pd(b + v);
                    _mm256_storeu_pd(a + v, _mm256_add_pd(x, y));
                    _mm256_storeu_pd(b + v, _mm256_sub_pd(x, y));
                }
            }
}
#endif /* QK_BATCH_AVX2_BUILD */

/* ---- entry points ---------------------------------------------------------------------------- */

void qk_batch_zero_state(double *re, double *im, unsigned n, unsigned lanes) {
    const size_t total = ((size_t)lanes) << n;
    memset(re, 0, total * sizeof(double));
    memset(im, 0, total * sizeof(double));
    for (unsigned v = 0; v < lanes; v++) re[v] = 1.0;
}

static void matrix1(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                    const double *const *mr, const double *const *mi, unsigned step) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_batch_use_avx2(isa, lanes)) { avx2_matrix1(re, im, n, lanes, q, mr, mi, step); return; }
#endif
    (void)isa;
    scalar_matrix1(re, im, n, lanes, q, mr, mi, step);
}

void qk_batch_matrix1_shared(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                             const double *m) {
    const double *mr[4] = {m, m + 2, m + 4, m + 6}, *mi[4] = {m + 1, m + 3, m + 5, m + 7};
    matrix1(isa, re, im, n, lanes, q, mr, mi, 0);
}

void qk_batch_matrix1_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                            const double *m) {
    const double *mr[4], *mi[4];
    for (unsigned e = 0; e < 4; e++) { mr[e] = m + (2 * e) * lanes; mi[e] = m + (2 * e + 1) * lanes; }
    matrix1(isa, re, im, n, lanes, q, mr, mi, 1);
}

void qk_batch_diagonal_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes,
                             const unsigned *qubits, unsigned k, const double *d) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_batch_use_avx2(isa, lanes)) { avx2_diagonal(re, im, n, lanes, qubits, k, d); return; }
#endif
    (void)isa;
    scalar_diagonal(re, im, n, lanes, qubits, k, d);
}

static void swap_rows(double *re, double *im, unsigned lanes, uint64_t a, uint64_t b) {
    double *ra = re + a * lanes, *rb = re + b * lanes, *ia = im + a * lanes, *ib = im + b * lanes;
    for (unsigned v = 0; v < lanes; v++) {
        const double tr = ra[v], ti = ia[v];
        ra[v] = rb[v]; ia[v] = ib[v];
        rb[v] = tr; ib[v] = ti;
    }
}

void qk_batch_cx(double *re, double *im, unsigned n, unsigned lanes, unsigned control, unsigned target) {
    const uint64_t dim = (uint64_t)1 << n, cbit = (uint64_t)1 << control, tbit = (uint64_t)1 << target;
    for (uint64_t i = 0; i < dim; i++)
        if ((i & cbit) && !(i & tbit)) swap_rows(re, im, lanes, i, i | tbit);
}

void qk_batch_swap(double *re, double *im, unsigned n, unsigned lanes, unsigned q0, unsigned q1) {
    const uint64_t dim = (uint64_t)1 << n, b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t i = 0; i < dim; i++)
        if ((i & b0) && !(i & b1)) swap_rows(re, im, lanes, i, i ^ (b0 | b1));
}

void qk_batch_sincos(qk_isa isa, const double *x, size_t count, double *s, double *c) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_isa_resolve(isa) == QK_ISA_AVX2) { avx2_sincos(x, count, s, c); return; }
#endif
    (void)isa;
    scalar_sincos(x, count, s, c);
}

void qk_batch_phase_table(qk_isa isa, double *spectrum, const double *offset, const double *fixed, unsigned k,
                          unsigned lanes, double *d) {
    const uint64_t dim = (uint64_t)1 << k;
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_batch_use_avx2(isa, lanes)) avx2_wht(spectrum, k, lanes);
    else scalar_wht(spectrum, k, lanes);
#else
    scalar_wht(spectrum, k, lanes);
#endif
    /* The phases overwrite the transform, then one sincos call fills both planes of the table. */
    for (uint64_t l = 0; l < dim; l++) {
        double *row = spectrum + l * lanes;
        const double f = fixed ? fixed[l] : 0.0;
        for (unsigned v = 0; v < lanes; v++) row[v] = f + 0.5 * (offset[v] - row[v]);
    }
    qk_batch_sincos(isa, spectrum, (size_t)dim * lanes, d + dim * lanes, d);
}

/* Lanes to rows is a transposition: the lanes of one amplitude are contiguous, a row holds one
 * lane's amplitudes. The scalar loops store one double at a time a row apart; the AVX2 versions
 * transpose 4 x 4 blocks in registers and store whole vectors (a sixth of the time of a 10-qubit
 * sweep had gone into the scalar probability transposition). */
/* Row i of the state is plane row source[i] (source NULL: row i). */
static inline uint64_t source_row(const uint32_t *source, uint64_t i) { return source ? source[i] : i; }

static void scalar_to_rows(const double *re, const double *im, uint64_t dim, unsigned lanes, unsigned count,
                           double *out, size_t row_stride, const double *factor, const uint32_t *source) {
    for (uint64_t i = 0; i < dim; i++) {
        const uint64_t row = source_row(source, i);
        const double *r = re + row * lanes, *m = im + row * lanes;
        for (unsigned v = 0; v < count; v++) {
            const double f = factor ? factor[v] : 1.0;
            out[v * row_stride + 2 * i] = f * r[v];
            out[v * row_stride + 2 * i + 1] = f * m[v];
        }
    }
}

static void scalar_probabilities_to_rows(const double *re, const double *im, uint64_t dim, unsigned lanes,
                                         unsigned count, double *out, size_t row_stride, const double *factor,
                                         const uint32_t *source) {
    for (uint64_t i = 0; i < dim; i++) {
        const uint64_t row = source_row(source, i);
        const double *r = re + row * lanes, *m = im + row * lanes;
        for (unsigned v = 0; v < count; v++) {
            const double f = factor ? factor[v] : 1.0, x = f * r[v], y = f * m[v];
            out[v * row_stride + i] = x * x + y * y;
        }
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
/* Rows x0..x3 of a 4 x 4 block become its columns y0..y3. */
#define QK_TRANSPOSE4(x0, x1, x2, x3, y0, y1, y2, y3)                                  \
    do {                                                                              \
        const __m256d t0 = _mm256_unpacklo_pd(x0, x1), t1 = _mm256_unpackhi_pd(x0, x1); \
        const __m256d t2 = _mm256_unpacklo_pd(x2, x3), t3 = _mm256_unpackhi_pd(x2, x3); \
        y0 = _mm256_permute2f128_pd(t0, t2, 0x20);                                     \
        y1 = _mm256_permute2f128_pd(t1, t3, 0x20);                                     \
        y2 = _mm256_permute2f128_pd(t0, t2, 0x31);                                     \
        y3 = _mm256_permute2f128_pd(t1, t3, 0x31);                                     \
    } while (0)

/* Amplitudes in pairs: (re_i, im_i, re_i+1, im_i+1) of four lanes is one 4 x 4 block. The lanes
 * past the last multiple of 4 go through the scalar loop. */
QK_AVX2 static void avx2_to_rows(const double *re, const double *im, uint64_t dim, unsigned lanes, unsigned count,
                                 double *out, size_t row_stride, const double *factor, const uint32_t *source) {
    const unsigned blocked = count / 4 * 4;
    for (uint64_t i = 0; i + 2 <= dim; i += 2) {
        const uint64_t row0 = source_row(source, i), row1 = source_row(source, i + 1);
        const double *r0 = re + row0 * lanes, *m0 = im + row0 * lanes, *r1 = re + row1 * lanes, *m1 = im + row1 * lanes;
        for (unsigned v = 0; v < blocked; v += 4) {
            const __m256d f = factor ? _mm256_loadu_pd(factor + v) : _mm256_set1_pd(1.0);
            __m256d y0, y1, y2, y3;
            QK_TRANSPOSE4(_mm256_mul_pd(f, _mm256_loadu_pd(r0 + v)), _mm256_mul_pd(f, _mm256_loadu_pd(m0 + v)),
                          _mm256_mul_pd(f, _mm256_loadu_pd(r1 + v)), _mm256_mul_pd(f, _mm256_loadu_pd(m1 + v)), y0, y1,
                          y2, y3);
            double *o = out + v * row_stride + 2 * i;
            _mm256_storeu_pd(o, y0);
            _mm256_storeu_pd(o + row_stride, y1);
            _mm256_storeu_pd(o + 2 * row_stride, y2);
            _mm256_storeu_pd(o + 3 * row_stride, y3);
        }
        for (unsigned v = blocked; v < count; v++) {
            const double f = factor ? factor[v] : 1.0;
            double *o = out + v * row_stride + 2 * i;
            o[0] = f * r0[v]; o[1] = f * m0[v]; o[2] = f * r1[v]; o[3] = f * m1[v];
        }
    }
}

QK_AVX2 static void avx2_probabilities_to_rows(const double *re, const double *im, uint64_t dim, unsigned lanes,
                                               unsigned count, double *out, size_t row_stride, const double *factor,
                                               const uint32_t *source) {
    const unsigned blocked = count / 4 * 4;
    for (uint64_t i = 0; i + 4 <= dim; i += 4) {
        uint64_t rows[4];
        for (unsigned k = 0; k < 4; k++) rows[k] = source_row(source, i + k);
        for (unsigned v = 0; v < blocked; v += 4) {
            const __m256d f = factor ? _mm256_loadu_pd(factor + v) : _mm256_set1_pd(1.0);
            __m256d p[4];
            for (unsigned k = 0; k < 4; k++) {
                const __m256d r = _mm256_mul_pd(f, _mm256_loadu_pd(re + rows[k] * lanes + v));
                const __m256d m = _mm256_mul_pd(f, _mm256_loadu_pd(im + rows[k] * lanes + v));
                p[k] = _mm256_fmadd_pd(r, r, _mm256_mul_pd(m, m));
            }
            __m256d y0, y1, y2, y3;
            QK_TRANSPOSE4(p[0], p[1], p[2], p[3], y0, y1, y2, y3);
            double *o = out + v * row_stride + i;
            _mm256_storeu_pd(o, y0);
            _mm256_storeu_pd(o + row_stride, y1);
            _mm256_storeu_pd(o + 2 * row_stride, y2);
            _mm256_storeu_pd(o + 3 * row_stride, y3);
        }
        for (unsigned v = blocked; v < count; v++) {
            const double f = factor ? factor[v] : 1.0;
            for (unsigned k = 0; k < 4; k++) {
                const double r = f * re[rows[k] * lanes + v], m = f * im[rows[k] * lanes + v];
                out[v * row_stride + i + k] = r * r + m * m;
            }
        }
    }
}
#endif

void qk_batch_to_rows(qk_isa isa, const double *re, const double *im, unsigned n, unsigned lanes, unsigned count,
                      double *out, size_t row_stride, const double *factor, const uint32_t *source) {
    const uint64_t dim = (uint64_t)1 << n;
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_isa_resolve(isa) == QK_ISA_AVX2 && dim >= 2) {
        avx2_to_rows(re, im, dim, lanes, count, out, row_stride, factor, source);
        return;
    }
#endif
    (void)isa;
    scalar_to_rows(re, im, dim, lanes, count, out, row_stride, factor, source);
}

void qk_batch_probabilities_to_rows(qk_isa isa, const double *re, const double *im, unsigned n, unsigned lanes,
                                    unsigned count, double *out, size_t row_stride, const double *factor,
                                    const uint32_t *source) {
    const uint64_t dim = (uint64_t)1 << n;
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_isa_resolve(isa) == QK_ISA_AVX2 && dim >= 4) {
        avx2_probabilities_to_rows(re, im, dim, lanes, count, out, row_stride, factor, source);
        return;
    }
#endif
    (void)isa;
    scalar_probabilities_to_rows(re, im, dim, lanes, count, out, row_stride, factor, source);
}

void qk_batch_from_rows(double *re, double *im, unsigned n, unsigned lanes, unsigned count, const double *rows,
                        size_t row_stride) {
    const uint64_t dim = (uint64_t)1 << n;
    for (uint64_t i = 0; i < dim; i++) {
        double *r = re + i * lanes, *m = im + i * lanes;
        for (unsigned v = 0; v < count; v++) {
            r[v] = rows[v * row_stride + 2 * i];
            m[v] = rows[v * row_stride + 2 * i + 1];
        }
    }
}
