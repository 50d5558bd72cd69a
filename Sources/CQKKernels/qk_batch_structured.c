/*
 * Batched kernels that exploit a gate's structure (see qk_batch.h): real rotations, fused runs of
 * permutations, separable phase tables and per-lane product states. Each does a fraction of the
 * arithmetic or of the passes of the general kernel it replaces, which matters once a circuit is
 * small enough that the batch lives in cache and every pass is compute-bound.
 */
#include "qk_batch_internal.h"

#include <string.h>

/* ---- rotations ------------------------------------------------------------------------------- */

/* RY = [[c, -s], [s, c]] acts on the real and imaginary planes alike; RX = [[c, -is], [-is, c]]
 * mixes them: y0 = c x0 - i s x1, y1 = c x1 - i s x0. Either is 8 multiply-adds per pair of
 * amplitudes where a general complex 2x2 matrix takes 16. */
static void scalar_rotation(double *re, double *im, unsigned n, unsigned lanes, unsigned q, int y, const double *c,
                            const double *s) {
    const uint64_t half = (uint64_t)1 << (n - 1), bit = (uint64_t)1 << q;
    for (uint64_t p = 0; p < half; p++) {
        const uint64_t a = qk_batch_insert_zero(p, q), b = a | bit;
        double *r0 = re + a * lanes, *i0 = im + a * lanes, *r1 = re + b * lanes, *i1 = im + b * lanes;
        for (unsigned v = 0; v < lanes; v++) {
            const double x0r = r0[v], x0i = i0[v], x1r = r1[v], x1i = i1[v], cv = c[v], sv = s[v];
            if (y) {
                r0[v] = cv * x0r - sv * x1r; i0[v] = cv * x0i - sv * x1i;
                r1[v] = sv * x0r + cv * x1r; i1[v] = sv * x0i + cv * x1i;
            } else {
                r0[v] = cv * x0r + sv * x1i; i0[v] = cv * x0i - sv * x1r;
                r1[v] = cv * x1r + sv * x0i; i1[v] = cv * x1i - sv * x0r;
            }
        }
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
QK_AVX2 static void avx2_rotation(double *re, double *im, unsigned n, unsigned lanes, unsigned q, int y,
                                  const double *c, const double *s) {
    const uint64_t half = (uint64_t)1 << (n - 1), bit = (uint64_t)1 << q;
    for (uint64_t p = 0; p < half; p++) {
        const uint64_t a = qk_batch_insert_zero(p, q), b = a | bit;
        double *r0 = re + a * lanes, *i0 = im + a * lanes, *r1 = re + b * lanes, *i1 = im + b * lanes;
        for (unsigned v = 0; v < lanes; v += 4) {
            const __m256d cv = _mm256_loadu_pd(c + v), sv = _mm256_loadu_pd(s + v);
            const __m256d x0r = _mm256_loadu_pd(r0 + v), x0i = _mm256_loadu_pd(i0 + v);
            const __m256d x1r = _mm256_loadu_pd(r1 + v), x1i = _mm256_loadu_pd(i1 + v);
            if (y) {
                _mm256_storeu_pd(r0 + v, _mm256_fnmadd_pd(sv, x1r, _mm256_mul_pd(cv, x0r)));
                _mm256_storeu_pd(i0 + v, _mm256_fnmadd_pd(sv, x1i, _mm256_mul_pd(cv, x0i)));
                _mm256_storeu_pd(r1 + v, _mm256_fmadd_pd(sv, x0r, _mm256_mul_pd(cv, x1r)));
                _mm256_storeu_pd(i1 + v, _mm256_fmadd_pd(sv, x0i, _mm256_mul_pd(cv, x1i)));
            } else {
                _mm256_storeu_pd(r0 + v, _mm256_fmadd_pd(sv, x1i, _mm256_mul_pd(cv, x0r)));
                _mm256_storeu_pd(i0 + v, _mm256_fnmadd_pd(sv, x1r, _mm256_mul_pd(cv, x0i)));
                _mm256_storeu_pd(r1 + v, _mm256_fmadd_pd(sv, x0i, _mm256_mul_pd(cv, x1r)));
                _mm256_storeu_pd(i1 + v, _mm256_fnmadd_pd(sv, x0r, _mm256_mul_pd(cv, x1i)));
            }
        }
    }
}
#endif

void qk_batch_rotation_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q, int y,
                             const double *c, const double *s) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_batch_use_avx2(isa, lanes)) { avx2_rotation(re, im, n, lanes, q, y != 0, c, s); return; }
#endif
    (void)isa;
    scalar_rotation(re, im, n, lanes, q, y != 0, c, s);
}

/* ---- rotations in cache-sized blocks ---------------------------------------------------------- */

/* Block i of 2^b amplitudes (rows [i 2^b, (i+1) 2^b)) times low[l] * high[i] at local row l, where
 * low and high are per-lane complex tables (a real then an imaginary plane of rows each). */
static void scalar_block_phase(double *re, double *im, unsigned b, unsigned lanes, const double *low, const double *high,
                               uint64_t block, unsigned n) {
    const size_t L = lanes;
    const uint64_t size = (uint64_t)1 << b;
    const double *lr = low, *li = low + (L << b), *hr = high + block * L, *hi = high + (L << (n - b)) + block * L;
    for (uint64_t l = 0; l < size; l++) {
        double *r = re + l * L, *m = im + l * L;
        for (unsigned v = 0; v < lanes; v++) {
            const double fr = lr[l * L + v] * hr[v] - li[l * L + v] * hi[v];
            const double fi = lr[l * L + v] * hi[v] + li[l * L + v] * hr[v];
            const double xr = r[v], xi = m[v];
            r[v] = xr * fr - xi * fi;
            m[v] = xr * fi + xi * fr;
        }
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
QK_AVX2 static void avx2_block_phase(double *re, double *im, unsigned b, unsigned lanes, const double *low,
                                     const double *high, uint64_t block, unsigned n) {
    const size_t L = lanes;
    const uint64_t size = (uint64_t)1 << b;
    const double *lr = low, *li = low + (L << b), *hr = high + block * L, *hi = high + (L << (n - b)) + block * L;
    for (uint64_t l = 0; l < size; l++) {
        double *r = re + l * L, *m = im + l * L;
        for (unsigned v = 0; v < lanes; v += 4) {
            const __m256d ar = _mm256_loadu_pd(lr + l * L + v), ai = _mm256_loadu_pd(li + l * L + v);
            const __m256d br = _mm256_loadu_pd(hr + v), bi = _mm256_loadu_pd(hi + v);
            const __m256d fr = _mm256_fmsub_pd(ar, br, _mm256_mul_pd(ai, bi));
            const __m256d fi = _mm256_fmadd_pd(ar, bi, _mm256_mul_pd(ai, br));
            const __m256d xr = _mm256_loadu_pd(r + v), xi = _mm256_loadu_pd(m + v);
            _mm256_storeu_pd(r + v, _mm256_fmsub_pd(xr, fr, _mm256_mul_pd(xi, fi)));
            _mm256_storeu_pd(m + v, _mm256_fmadd_pd(xr, fi, _mm256_mul_pd(xi, fr)));
        }
    }
}
#endif

#if defined(QK_BATCH_AVX2_BUILD)
/* avx2_rotation with the loops the other way round, for a block already in L1: each 4-lane column
 * keeps its cosine and sine in registers for all the pairs, so a pair costs 4 loads and 4 stores
 * rather than 6 and 4 (in L1, 1.6 ns a pair of 4-lane vectors against 1.85 ns, at 2.8 GHz). Over a
 * state in L2 it would read every cache line once per column instead of once, and was slower. */
QK_AVX2 static void avx2_rotation_columns(double *re, double *im, unsigned n, unsigned lanes, unsigned q, int y,
                                          const double *c, const double *s) {
    const uint64_t dim = (uint64_t)1 << n, bit = (uint64_t)1 << q;
    const size_t L = lanes;
    for (unsigned v = 0; v < lanes; v += 4) {
        const __m256d cv = _mm256_loadu_pd(c + v), sv = _mm256_loadu_pd(s + v);
        for (uint64_t high = 0; high < dim; high += 2 * bit) {
            for (uint64_t a = high; a < high + bit; a++) {
                double *r0 = re + a * L + v, *i0 = im + a * L + v, *r1 = r0 + bit * L, *i1 = i0 + bit * L;
                const __m256d x0r = _mm256_loadu_pd(r0), x0i = _mm256_loadu_pd(i0);
                const __m256d x1r = _mm256_loadu_pd(r1), x1i = _mm256_loadu_pd(i1);
                if (y) {
                    _mm256_storeu_pd(r0, _mm256_fnmadd_pd(sv, x1r, _mm256_mul_pd(cv, x0r)));
                    _mm256_storeu_pd(i0, _mm256_fnmadd_pd(sv, x1i, _mm256_mul_pd(cv, x0i)));
                    _mm256_storeu_pd(r1, _mm256_fmadd_pd(sv, x0r, _mm256_mul_pd(cv, x1r)));
                    _mm256_storeu_pd(i1, _mm256_fmadd_pd(sv, x0i, _mm256_mul_pd(cv, x1i)));
                } else {
                    _mm256_storeu_pd(r0, _mm256_fmadd_pd(sv, x1i, _mm256_mul_pd(cv, x0r)));
                    _mm256_storeu_pd(i0, _mm256_fnmadd_pd(sv, x1r, _mm256_mul_pd(cv, x0i)));
                    _mm256_storeu_pd(r1, _mm256_fmadd_pd(sv, x0i, _mm256_mul_pd(cv, x1r)));
                    _mm256_storeu_pd(i1, _mm256_fnmadd_pd(sv, x0r, _mm256_mul_pd(cv, x1i)));
                }
            }
        }
    }
}
#endif

/* Rows [first, first + count) of (re, im) to their places in (dst_re, dst_im): row i to row destination[i]. */
static void scatter_rows(int avx2, const double *re, const double *im, unsigned lanes, uint64_t first, uint64_t count,
                         const uint32_t *destination, double *dst_re, double *dst_im);

void qk_batch_rotation_blocks(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned b, unsigned count,
                              const unsigned *qubits, const unsigned char *ys, const double *cosines, const double *sines,
                              const unsigned *rows, const unsigned char *paired, const double *tangents, const double *low,
                              const double *high, const uint32_t *destination, double *dst_re, double *dst_im) {
    const size_t L = lanes;
    const uint64_t blocks = (uint64_t)1 << (n - b);
    const int avx2 = qk_batch_use_avx2(isa, lanes);
    for (uint64_t block = 0; block < blocks; block++) {
        double *r = re + (block << b) * L, *m = im + (block << b) * L;
        for (unsigned t = 0; t < count; t++) {
            if (paired && paired[t] && t + 1 < count) {
                qk_batch_rotation_pair_with(avx2, r, m, b, lanes, qubits[t], ys[t], qubits[t + 1], ys[t + 1],
                                            tangents + (size_t)rows[t] * L, tangents + (size_t)rows[t + 1] * L);
                t++;
                continue;
            }
            const double *c = cosines + (size_t)rows[t] * L, *s = sines + (size_t)rows[t] * L;
#if defined(QK_BATCH_AVX2_BUILD)
            if (avx2) { avx2_rotation_columns(r, m, b, lanes, qubits[t], ys[t] != 0, c, s); continue; }
#endif
            scalar_rotation(r, m, b, lanes, qubits[t], ys[t] != 0, c, s);
        }
        if (low) {
#if defined(QK_BATCH_AVX2_BUILD)
            if (avx2) avx2_block_phase(r, m, b, lanes, low, high, block, n);
            else scalar_block_phase(r, m, b, lanes, low, high, block, n);
#else
            scalar_block_phase(r, m, b, lanes, low, high, block, n);
#endif
        }
        if (destination) {
            scatter_rows(avx2, re, im, lanes, block << b, (uint64_t)1 << b, destination, dst_re, dst_im);
        }
    }
}

/* ---- permutations ---------------------------------------------------------------------------- */

/* Rows are a few hundred bytes at most: copies in registers beat a call to memcpy per row, which is
 * what the compiler makes of a plain copy loop, and of avx2_copy_row's too unless told not to (its
 * memcpy calls had been a tenth of a 10-qubit sweep's time). */
typedef void (*qk_row_copy)(double *restrict dst, const double *restrict src, unsigned lanes);

static void scalar_copy_row(double *restrict dst, const double *restrict src, unsigned lanes) {
    if (lanes == 1) { *dst = *src; return; } /* one circuit re-bound at a time */
    memcpy(dst, src, lanes * sizeof(double));
}

#if defined(QK_BATCH_AVX2_BUILD)
#if defined(__clang__)
#define QK_NO_MEMCPY __attribute__((no_builtin("memcpy")))
#else
#define QK_NO_MEMCPY __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
QK_AVX2 QK_NO_MEMCPY static inline __attribute__((always_inline)) void avx2_copy_row(double *restrict dst,
                                                                                const double *restrict src,
                                                                                unsigned lanes) {
    for (unsigned v = 0; v < lanes; v += 4) _mm256_storeu_pd(dst + v, _mm256_loadu_pd(src + v));
}
#endif

#if defined(QK_BATCH_AVX2_BUILD)
/* The copies inline here (a call per row through avx2_copy_row was an eighth of a 10-qubit sweep). */
QK_AVX2 static void avx2_scatter_rows(const double *re, const double *im, unsigned lanes, uint64_t first, uint64_t count,
                                      const uint32_t *destination, double *dst_re, double *dst_im) {
    const size_t L = lanes;
    for (uint64_t i = first; i < first + count; i++) {
        avx2_copy_row(dst_re + (size_t)destination[i] * L, re + i * L, lanes);
        avx2_copy_row(dst_im + (size_t)destination[i] * L, im + i * L, lanes);
    }
}
#endif

static void scatter_rows(int avx2, const double *re, const double *im, unsigned lanes, uint64_t first, uint64_t count,
                         const uint32_t *destination, double *dst_re, double *dst_im) {
    const size_t L = lanes;
#if defined(QK_BATCH_AVX2_BUILD)
    if (avx2) { avx2_scatter_rows(re, im, lanes, first, count, destination, dst_re, dst_im); return; }
#endif
    (void)avx2;
    for (uint64_t i = first; i < first + count; i++) {
        scalar_copy_row(dst_re + (size_t)destination[i] * L, re + i * L, lanes);
        scalar_copy_row(dst_im + (size_t)destination[i] * L, im + i * L, lanes);
    }
}

static inline __attribute__((always_inline)) void permute_with(qk_row_copy copy, double *re, double *im, unsigned lanes,
                                                               const uint32_t *cycles, size_t length, double *row) {
    double *rowIm = row + lanes;
    for (size_t at = 0; at < length;) {
        const uint32_t count = cycles[at];
        const uint32_t *index = cycles + at + 1;
        /* new[j_t] = old[j_{t+1}]: walking forward, j_{t+1} is still unwritten when it is read. */
        copy(row, re + (size_t)index[0] * lanes, lanes);
        copy(rowIm, im + (size_t)index[0] * lanes, lanes);
        for (uint32_t t = 0; t + 1 < count; t++) {
            copy(re + (size_t)index[t] * lanes, re + (size_t)index[t + 1] * lanes, lanes);
            copy(im + (size_t)index[t] * lanes, im + (size_t)index[t + 1] * lanes, lanes);
        }
        copy(re + (size_t)index[count - 1] * lanes, row, lanes);
        copy(im + (size_t)index[count - 1] * lanes, rowIm, lanes);
        at += 1 + count;
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
QK_AVX2 static void avx2_permute(double *re, double *im, unsigned lanes, const uint32_t *cycles, size_t length,
                                 double *row) {
    permute_with(avx2_copy_row, re, im, lanes, cycles, length, row);
}
#endif

void qk_batch_permute(qk_isa isa, double *re, double *im, unsigned lanes, const uint32_t *cycles, size_t length,
                      double *row) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (qk_batch_use_avx2(isa, lanes)) { avx2_permute(re, im, lanes, cycles, length, row); return; }
#endif
    (void)isa;
    permute_with(scalar_copy_row, re, im, lanes, cycles, length, row);
}

/* ---- separable phases and product states ------------------------------------------------------ */

/* Row pairs (r, i) of `lanes` doubles: out <- x * f for lanes [0, lanes). */
typedef void (*qk_row_times)(double *outR, double *outI, const double *xr, const double *xi, const double *fr,
                             const double *fi, unsigned lanes);

static void scalar_times(double *outR, double *outI, const double *xr, const double *xi, const double *fr,
                         const double *fi, unsigned lanes) {
    for (unsigned v = 0; v < lanes; v++) {
        const double a = xr[v], b = xi[v];
        outR[v] = a * fr[v] - b * fi[v];
        outI[v] = a * fi[v] + b * fr[v];
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
QK_AVX2 static inline __attribute__((always_inline)) void avx2_times(double *outR, double *outI, const double *xr,
                                                                    const double *xi, const double *fr,
                                                                    const double *fi, unsigned lanes) {
    for (unsigned v = 0; v < lanes; v += 4) {
        const __m256d a = _mm256_loadu_pd(xr + v), b = _mm256_loadu_pd(xi + v);
        const __m256d c = _mm256_loadu_pd(fr + v), d = _mm256_loadu_pd(fi + v);
        _mm256_storeu_pd(outR + v, _mm256_fmsub_pd(a, c, _mm256_mul_pd(b, d)));
        _mm256_storeu_pd(outI + v, _mm256_fmadd_pd(a, d, _mm256_mul_pd(b, c)));
    }
}
#endif

/*
 * Fills a product over k factors by doubling: after step j the rows 0..2^(j+1) hold the products
 * of factors 0..j, so each row costs one complex multiplication. Factor j of lane v is the pair
 * f(j, 0) for bit j = 0 and f(j, 1) for bit j = 1 (each a real and an imaginary row); `first`
 * (NULL for 1) multiplies row 0 before the doubling starts. With `zero_is_one` every f(j, 0) is 1
 * (phases on the |1> states only, or a product state written as ratios), and the rows already
 * written are left as they are. With `destination` the last step writes row i to row
 * destination[i] of (dst_re, dst_im) instead, so a permutation right after costs no pass. The row
 * operations are parameters so that each instruction set's copy has them inlined (a call per row
 * had been a fifth of the product's time).
 */
static inline __attribute__((always_inline)) void product_rows_with(qk_row_times times, qk_row_copy copy, double *re,
                                                                   double *im, unsigned k, unsigned lanes,
                                                                   const double *factors, const double *first,
                                                                   int zero_is_one, const uint32_t *destination,
                                                                   double *dst_re, double *dst_im) {
    const size_t L = lanes;
    for (unsigned v = 0; v < lanes; v++) { re[v] = first ? first[v] : 1.0; im[v] = first ? first[L + v] : 0.0; }
    if (destination && k == 0) {
        copy(dst_re + (size_t)destination[0] * L, re, lanes);
        copy(dst_im + (size_t)destination[0] * L, im, lanes);
        return;
    }
    for (unsigned j = 0; j < k; j++) {
        const double *f = factors + 4 * L * j; /* rows: zero re, zero im, one re, one im */
        const uint64_t h = (uint64_t)1 << j;
        const int moved = destination && j + 1 == k;
        for (uint64_t l = 0; l < h; l++) {
            double *r0 = re + l * L, *i0 = im + l * L, *r1 = re + (l + h) * L, *i1 = im + (l + h) * L;
            double *o0 = r0, *p0 = i0;
            if (moved) {
                r1 = dst_re + (size_t)destination[l + h] * L; i1 = dst_im + (size_t)destination[l + h] * L;
                o0 = dst_re + (size_t)destination[l] * L; p0 = dst_im + (size_t)destination[l] * L;
            }
            times(r1, i1, r0, i0, f + 2 * L, f + 3 * L, lanes);
            if (!zero_is_one) times(o0, p0, r0, i0, f, f + L, lanes);
            else if (moved) { copy(o0, r0, lanes); copy(p0, i0, lanes); }
        }
    }
}

#if defined(QK_BATCH_AVX2_BUILD)
QK_AVX2 static void avx2_product_rows(double *re, double *im, unsigned k, unsigned lanes, const double *factors,
                                      const double *first, int zero_is_one, const uint32_t *destination, double *dst_re,
                                      double *dst_im) {
    product_rows_with(avx2_times, avx2_copy_row, re, im, k, lanes, factors, first, zero_is_one, destination, dst_re,
                      dst_im);
}
#endif

static void product_rows(int avx2, double *re, double *im, unsigned k, unsigned lanes, const double *factors,
                         const double *first, int zero_is_one, const uint32_t *destination, double *dst_re,
                         double *dst_im) {
#if defined(QK_BATCH_AVX2_BUILD)
    if (avx2) {
        avx2_product_rows(re, im, k, lanes, factors, first, zero_is_one, destination, dst_re, dst_im);
        return;
    }
#endif
    (void)avx2;
    product_rows_with(scalar_times, scalar_copy_row, re, im, k, lanes, factors, first, zero_is_one, destination, dst_re,
                      dst_im);
}

void qk_batch_phase_product(qk_isa isa, const double *angles, unsigned k, unsigned lanes, double *work, double *d) {
    const size_t L = lanes, rows = (size_t)k + 1;
    double *s = work, *c = work + rows * L, *factors = work + 2 * rows * L;
    qk_batch_sincos(isa, angles, rows * L, s, c);
    /* Factor j: 1 for bit j = 0, exp(i theta_j) for bit j = 1; the global phase starts row 0. */
    for (unsigned j = 0; j < k; j++) {
        double *f = factors + 4 * L * j;
        for (unsigned v = 0; v < lanes; v++) {
            f[v] = 1.0; f[L + v] = 0.0;
            f[2 * L + v] = c[(j + 1) * L + v]; f[3 * L + v] = s[(j + 1) * L + v];
        }
    }
    double *g = factors + 4 * L * k; /* row 0 of (cos, sin): the global phase as a (re, im) pair */
    memcpy(g, c, L * sizeof(double));
    memcpy(g + L, s, L * sizeof(double));
    product_rows(qk_batch_use_avx2(isa, lanes), d, d + (L << k), k, lanes, factors, g, 1, NULL, NULL, NULL);
}

void qk_batch_product_state_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes,
                                  const double *factors) {
    product_rows(qk_batch_use_avx2(isa, lanes), re, im, n, lanes, factors, NULL, 0, NULL, NULL, NULL);
}

void qk_batch_product_ratios_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, const double *ratios,
                                   const double *first, const uint32_t *destination, double *dst_re, double *dst_im) {
    product_rows(qk_batch_use_avx2(isa, lanes), re, im, n, lanes, ratios, first, 1, destination, dst_re, dst_im);
}
