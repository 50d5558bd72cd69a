/*
 * Single-precision AVX2 dense blocks: the 2-qubit matrix and the dense k-qubit kernel (k <= 5),
 * what fused gates run on. Targets all >= 2 take four items per register; targets on qubit 0 or 1
 * permute lanes inside each register (qk_f32_avx2_low_block). See qk_f32_avx2.c for the layout.
 */
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"
/*
 * out[r] = sum_t C[r][t] x[t] over complex64 lanes. Each coefficient is one register c holding
 * (cr, ci) in every complex lane: broadcast as one 64-bit pair from the float matrix (`lanes` = 0,
 * row stride nin pairs) or a per-lane vector from a table (`lanes` = 1, 8 floats per entry). With
 * sx[t] = swap(x[t]), accumulating a += c x and b += c sx gives per lane a = (cr xr, ci xi) and
 * b = (cr xi, ci xr), so re = a0 - a1 and im = b1 + b0: one addsub per output at the end, and per
 * term one coefficient load and two FMAs. Rows go four at a time (eight independent FMA chains,
 * x[t] read once per four rows), which keeps the FMA units, not the loads, the limit.
 */
QK_AVX2 static inline __m256 coef_at(const float *coef, uint64_t j, int lanes) {
    return lanes ? _mm256_loadu_ps(coef + 8 * j) : _mm256_castpd_ps(_mm256_broadcast_sd((const double *)(coef + 2 * j)));
}

QK_AVX2 static inline __m256 combine(__m256 a, __m256 b) {
    return _mm256_addsub_ps(_mm256_blend_ps(a, b, 0xAA), swap_ri(_mm256_blend_ps(b, a, 0xAA)));
}

/* Rows r0..r0+R of the product, R = 1, 2 or 4: 2R accumulators (a single row splits its terms in two). */
QK_AVX2 static inline __attribute__((always_inline)) void block_rows(const __m256 *x, const __m256 *sx, unsigned nin,
                                                                    const float *coef, int lanes, unsigned r0,
                                                                    const unsigned R, __m256 *out) {
    const unsigned S = R == 1 ? 2 : 1; /* independent sums per row */
    __m256 a[4], b[4];
    for (unsigned j = 0; j < 4; j++) { a[j] = _mm256_setzero_ps(); b[j] = a[j]; }
    unsigned t = 0;
    for (; t + S <= nin; t += S) {
        for (unsigned u = 0; u < S; u++) {
            const __m256 xt = x[t + u], st = sx[t + u];
            for (unsigned j = 0; j < R; j++) {
                const __m256 c = coef_at(coef, (uint64_t)(r0 + j) * nin + t + u, lanes);
                a[j + u] = _mm256_fmadd_ps(c, xt, a[j + u]);
                b[j + u] = _mm256_fmadd_ps(c, st, b[j + u]);
            }
        }
    }
    if (t < nin) { /* R == 1 and nin odd */
        const __m256 c = coef_at(coef, (uint64_t)r0 * nin + t, lanes);
        a[0] = _mm256_fmadd_ps(c, x[t], a[0]);
        b[0] = _mm256_fmadd_ps(c, sx[t], b[0]);
    }
    if (R == 1) { a[0] = _mm256_add_ps(a[0], a[1]); b[0] = _mm256_add_ps(b[0], b[1]); }
    for (unsigned j = 0; j < R; j++) out[r0 + j] = combine(a[j], b[j]);
}

QK_AVX2 static inline __attribute__((always_inline)) void block_product(const __m256 *x, const __m256 *sx, unsigned nin,
                                                                       const float *coef, int lanes, unsigned nout,
                                                                       __m256 *out) {
    unsigned r = 0;
    for (; r + 4 <= nout; r += 4) block_rows(x, sx, nin, coef, lanes, r, 4, out);
    if (nout - r >= 2) { block_rows(x, sx, nin, coef, lanes, r, 2, out); r += 2; }
    if (nout - r >= 1) block_rows(x, sx, nin, coef, lanes, r, 1, out);
}

/*
 * A dense block on targets that include qubit 0 and/or 1 (the set L), the rest (H) above: the
 * 2^|H| registers at base | offset(h) hold every amplitude the block mixes for 4 / 2^|L| items.
 * Output lane a of register h' is sum over (h, c) of M[l(h', a), l(h, c)] times lane
 * (a with its L bits replaced by c) of register h, so each (h, c) is one in-register permutation
 * and the coefficients are per-lane vectors built once per call. Low controls are a lane mask.
 */
enum { QK_F32_BLOCK_MAX = QK_DENSE_DIM * QK_DENSE_DIM / 2 }; /* dim x (registers per column) */

QK_AVX2 static inline __attribute__((always_inline)) __m256 low_permute(__m256 v, unsigned lmask, unsigned c) {
    if (lmask == 1) return c ? _mm256_permute_ps(v, 0xEE) : _mm256_permute_ps(v, 0x44);
    if (lmask == 2) return c ? _mm256_permute2f128_ps(v, v, 0x11) : _mm256_permute2f128_ps(v, v, 0x00);
    const __m256d d = _mm256_castps_pd(v);
    switch (c) {
    case 0: return _mm256_castpd_ps(_mm256_permute4x64_pd(d, 0x00));
    case 1: return _mm256_castpd_ps(_mm256_permute4x64_pd(d, 0x55));
    case 2: return _mm256_castpd_ps(_mm256_permute4x64_pd(d, 0xAA));
    default: return _mm256_castpd_ps(_mm256_permute4x64_pd(d, 0xFF));
    }
}

/* Local index of lane a of register h: bit j from h (high targets, in order) or from a (qubit 0/1). */
static inline unsigned block_local(const unsigned *qubits, unsigned k, unsigned h, unsigned a) {
    unsigned l = 0, hj = 0;
    for (unsigned j = 0; j < k; j++) {
        const unsigned bit = qubits[j] < 2 ? (a >> qubits[j]) & 1u : (h >> hj++) & 1u;
        l |= bit << j;
    }
    return l;
}

/* The registers of item k's group: gather, permute, multiply, store (lanes outside `mask` kept). */
QK_AVX2 static inline __attribute__((always_inline)) void low_block_group(float *psi, const qk_spread *s, uint64_t k,
                                                                         const uint64_t *offh, unsigned nr,
                                                                         const unsigned lmask, const float *coef,
                                                                         __m256 mask) {
    const unsigned nc = lmask == 3 ? 4 : 2;
    const uint64_t base = qk_spread_index(s, k) & ~(uint64_t)3;
    __m256 v[QK_DENSE_DIM / 2], p[QK_DENSE_DIM], sp[QK_DENSE_DIM], out[QK_DENSE_DIM / 2];
    for (unsigned h = 0; h < nr; h++) {
        v[h] = LD(psi + 2 * (base | offh[h]));
        for (unsigned ic = 0; ic < nc; ic++) {
            p[h * nc + ic] = low_permute(v[h], lmask, lmask == 2 ? 2 * ic : ic);
            sp[h * nc + ic] = swap_ri(p[h * nc + ic]);
        }
    }
    block_product(p, sp, nr * nc, coef, 1, nr, out);
    for (unsigned ho = 0; ho < nr; ho++) ST(psi + 2 * (base | offh[ho]), _mm256_blendv_ps(v[ho], out[ho], mask));
}

QK_AVX2 static void qk_f32_avx2_low_block(float *psi, const unsigned *qubits, unsigned nq, const float *m,
                                          const qk_spread *s, uint64_t begin, uint64_t end,
                                          void (*scalar)(float *, const unsigned *, unsigned, const float *,
                                                         const qk_spread *, uint64_t, uint64_t)) {
    const unsigned dim = 1u << nq;
    unsigned lmask = 0, nh = 0;
    uint64_t offh[QK_DENSE_DIM];
    unsigned high[QK_MAX_DENSE_QUBITS];
    for (unsigned j = 0; j < nq; j++) {
        if (qubits[j] < 2) lmask |= 1u << qubits[j];
        else high[nh++] = qubits[j];
    }
    const unsigned nr = 1u << nh;
    for (unsigned h = 0; h < nr; h++) {
        uint64_t o = 0;
        for (unsigned j = 0; j < nh; j++)
            if ((h >> j) & 1u) o |= (uint64_t)1 << high[j];
        offh[h] = o;
    }
    /* The column choices c: the values of lane index bits in lmask. */
    unsigned cs[4], nc = 0;
    for (unsigned c = 0; c < 4; c++)
        if ((c & ~lmask) == 0) cs[nc++] = c;
    /* Entry ((ho * nr + h) * nc + ic): per lane a, the complex M[row(ho, a), col(h, a, ic)] (8 floats). */
    float coef[8 * QK_F32_BLOCK_MAX];
    for (unsigned ho = 0; ho < nr; ho++)
        for (unsigned h = 0; h < nr; h++)
            for (unsigned ic = 0; ic < nc; ic++) {
                float *e = coef + 8 * ((ho * nr + h) * nc + ic);
                for (unsigned a = 0; a < 4; a++) {
                    const unsigned row = block_local(qubits, nq, ho, a);
                    const unsigned col = block_local(qubits, nq, h, (a & ~lmask) | cs[ic]);
                    e[2 * a] = m[2 * (row * dim + col)];
                    e[2 * a + 1] = m[2 * (row * dim + col) + 1];
                }
            }
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const __m256 mask = lane_mask(low & ~lmask, s->fixed);
    const uint64_t g = 4u >> nlow;
    /*
     * One instantiation per lmask, so each permutation is a single fixed instruction. With one or
     * two registers per group, two groups go per iteration to give the core independent work.
     */
#define QK_LOW_BLOCK_LOOP(LMASK, NR)                                                                   \
    if ((NR) <= 2) {                                                                                   \
        QK_F32_GROUPS(2 * g, begin, end, scalar(psi, qubits, nq, m, s, lo_, hi_), {                    \
            low_block_group(psi, s, k, offh, NR, LMASK, coef, mask);                                   \
            low_block_group(psi, s, k + g, offh, NR, LMASK, coef, mask);                               \
        });                                                                                            \
    } else {                                                                                           \
        QK_F32_GROUPS(g, begin, end, scalar(psi, qubits, nq, m, s, lo_, hi_),                          \
                      low_block_group(psi, s, k, offh, NR, LMASK, coef, mask););                       \
    }
    /* nr as a constant too where the group is small, so it lives in registers. */
#define QK_LOW_BLOCK_CASE(LMASK)                                                                       \
    switch (nr) {                                                                                      \
    case 1: QK_LOW_BLOCK_LOOP(LMASK, 1) break;                                                         \
    case 2: QK_LOW_BLOCK_LOOP(LMASK, 2) break;                                                         \
    case 4: QK_LOW_BLOCK_LOOP(LMASK, 4) break;                                                         \
    default: QK_LOW_BLOCK_LOOP(LMASK, nr) break;                                                       \
    }
    switch (lmask) {
    case 1: QK_LOW_BLOCK_CASE(1) break;
    case 2: QK_LOW_BLOCK_CASE(2) break;
    default: QK_LOW_BLOCK_CASE(3) break;
    }
#undef QK_LOW_BLOCK_LOOP
#undef QK_LOW_BLOCK_CASE
}

/* Adapters so the block routine can finish ranges with the matching scalar kernel. */
static void scalar_matrix2_adapter(float *psi, const unsigned *q, unsigned nq, const float *m, const qk_spread *s,
                                   uint64_t begin, uint64_t end) {
    (void)nq;
    qk_f32_scalar_matrix2(psi, q[0], q[1], m, s, begin, end);
}

static void scalar_dense_adapter(float *psi, const unsigned *q, unsigned nq, const float *m, const qk_spread *s,
                                 uint64_t begin, uint64_t end) {
    uint64_t offsets[QK_DENSE_DIM];
    qk_dense_offsets(q, nq, offsets);
    qk_f32_scalar_dense(psi, q, nq, m, offsets, s, begin, end);
}

QK_AVX2 void qk_f32_avx2_matrix2(float *psi, unsigned q0, unsigned q1, const float *m, const qk_spread *s,
                                 uint64_t begin, uint64_t end) {
    if (q0 < 2 || q1 < 2) {
        const unsigned qs[2] = {q0, q1};
        qk_f32_avx2_low_block(psi, qs, 2, m, s, begin, end, scalar_matrix2_adapter);
        return;
    }
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const __m256 mask = lane_mask(low, s->fixed);
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    __m256 mr[16], mi[16];
    for (int j = 0; j < 16; j++) { mr[j] = BCAST(m[2 * j]); mi[j] = BCAST(m[2 * j + 1]); }
    const int prefetch = qk_wants_prefetch(s); /* as matrix1: a line (8 amplitudes) at a time */
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_matrix2(psi, q0, q1, m, s, lo_, hi_), {
        const uint64_t base = qk_spread_index(s, k) & ~(uint64_t)3;
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
        if (prefetch && (base & 7) == 0 && k + QK_PREFETCH_ITEMS < end) {
            const uint64_t p = qk_spread_index(s, k + QK_PREFETCH_ITEMS);
            for (int c = 0; c < 4; c++) _mm_prefetch((const char *)(psi + 2 * (p | (idx[c] ^ base))), _MM_HINT_T0);
        }
        __m256 v[4], w[4];
        for (int c = 0; c < 4; c++) { v[c] = LD(psi + 2 * idx[c]); w[c] = swap_ri(v[c]); }
        for (int r = 0; r < 4; r++) {
            __m256 re = _mm256_mul_ps(mr[4 * r], v[0]), im = _mm256_mul_ps(mi[4 * r], w[0]);
            for (int c = 1; c < 4; c++) {
                re = _mm256_fmadd_ps(mr[4 * r + c], v[c], re);
                im = _mm256_fmadd_ps(mi[4 * r + c], w[c], im);
            }
            ST(psi + 2 * idx[r], _mm256_blendv_ps(v[r], _mm256_addsub_ps(re, im), mask));
        }
    });
}

/*
 * Targets and controls all >= 2: four consecutive items are one register per column, and the
 * matrix entries are broadcast straight from m (8 KiB at k = 5, resident in L1). `dim` is a
 * compile-time constant at each call below, so the loops unroll per block size. When the lowest
 * position is 5..10 the columns are prefetched ahead, as in the other kernels (qk_internal.h).
 */
QK_AVX2 static inline __attribute__((always_inline)) void high_block(float *psi, const unsigned dim, const float *m,
                                                                    const uint64_t *offsets, const qk_spread *s,
                                                                    uint64_t begin, uint64_t end) {
    const int prefetch = dim >= 8 || qk_wants_prefetch(s);
    for (uint64_t k = begin; k < end; k += 4) {
        const uint64_t base = qk_spread_index(s, k);
        if (prefetch && (k & 4) == 0 && k + QK_PREFETCH_ITEMS < end) {
            const uint64_t p = qk_spread_index(s, k + QK_PREFETCH_ITEMS);
            for (unsigned c = 0; c < dim; c++) _mm_prefetch((const char *)(psi + 2 * (p + offsets[c])), _MM_HINT_T0);
        }
        __m256 v[QK_DENSE_DIM], sv[QK_DENSE_DIM], out[QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++) {
            v[c] = LD(psi + 2 * (base + offsets[c]));
            sv[c] = swap_ri(v[c]);
        }
        block_product(v, sv, dim, m, 0, dim, out);
        for (unsigned r = 0; r < dim; r++) ST(psi + 2 * (base + offsets[r]), out[r]);
    }
}

/*
 * Two groups (eight items) per iteration and two rows at a time: each broadcast entry feeds four
 * FMAs, each column load two, and the eight accumulator chains of a row pair are independent.
 * Measured 1.4x faster than four rows of one group at k = 3 (67% of the FMA peak in cache).
 */
QK_AVX2 static inline __attribute__((always_inline)) void high_pairs(float *psi, const unsigned dim, const float *m,
                                                                    const uint64_t *offsets, const qk_spread *s,
                                                                    uint64_t begin, uint64_t end) {
    for (uint64_t k = begin; k < end; k += 8) {
        const uint64_t b0 = qk_spread_index(s, k), b1 = qk_spread_index(s, k + 4);
        if (k + QK_PREFETCH_ITEMS < end) {
            const uint64_t p = qk_spread_index(s, k + QK_PREFETCH_ITEMS);
            for (unsigned c = 0; c < dim; c++) _mm_prefetch((const char *)(psi + 2 * (p + offsets[c])), _MM_HINT_T0);
        }
        __m256 x0[QK_DENSE_DIM], x1[QK_DENSE_DIM], s0[QK_DENSE_DIM], s1[QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++) {
            x0[c] = LD(psi + 2 * (b0 + offsets[c]));
            x1[c] = LD(psi + 2 * (b1 + offsets[c]));
            s0[c] = swap_ri(x0[c]);
            s1[c] = swap_ri(x1[c]);
        }
        __m256 o0[QK_DENSE_DIM], o1[QK_DENSE_DIM];
        for (unsigned r = 0; r < dim; r += 2) {
            __m256 a00 = _mm256_setzero_ps(), a01 = a00, a10 = a00, a11 = a00, c00 = a00, c01 = a00, c10 = a00, c11 = a00;
            for (unsigned t = 0; t < dim; t++) {
                const __m256 e0 = coef_at(m, (uint64_t)r * dim + t, 0), e1 = coef_at(m, (uint64_t)(r + 1) * dim + t, 0);
                a00 = _mm256_fmadd_ps(e0, x0[t], a00);
                c00 = _mm256_fmadd_ps(e0, s0[t], c00);
                a01 = _mm256_fmadd_ps(e0, x1[t], a01);
                c01 = _mm256_fmadd_ps(e0, s1[t], c01);
                a10 = _mm256_fmadd_ps(e1, x0[t], a10);
                c10 = _mm256_fmadd_ps(e1, s0[t], c10);
                a11 = _mm256_fmadd_ps(e1, x1[t], a11);
                c11 = _mm256_fmadd_ps(e1, s1[t], c11);
            }
            o0[r] = combine(a00, c00);
            o1[r] = combine(a01, c01);
            o0[r + 1] = combine(a10, c10);
            o1[r + 1] = combine(a11, c11);
        }
        for (unsigned r = 0; r < dim; r++) {
            ST(psi + 2 * (b0 + offsets[r]), o0[r]);
            ST(psi + 2 * (b1 + offsets[r]), o1[r]);
        }
    }
}

QK_AVX2 void qk_f32_avx2_dense(float *psi, const unsigned *qubits, unsigned nq, const float *m,
                               const uint64_t *offsets, const qk_spread *s, uint64_t begin, uint64_t end) {
    if (s->lowest < 2) {
        qk_f32_avx2_low_block(psi, qubits, nq, m, s, begin, end, scalar_dense_adapter);
        return;
    }
    /* Whole groups of four items through the vector body, the cut ends through the scalar one. */
    uint64_t lo = (begin + 3) & ~(uint64_t)3, hi = end & ~(uint64_t)3;
    if (lo > end) lo = end;
    if (hi < lo) hi = lo;
    if (begin < lo) qk_f32_scalar_dense(psi, qubits, nq, m, offsets, s, begin, lo);
    const uint64_t mid = lo + ((hi - lo) & ~(uint64_t)7); /* pairs of groups up to mid, one group after */
    switch (nq) {
    case 1: high_block(psi, 2, m, offsets, s, lo, hi); break;
    case 2: high_block(psi, 4, m, offsets, s, lo, hi); break;
    case 3: high_pairs(psi, 8, m, offsets, s, lo, mid); high_block(psi, 8, m, offsets, s, mid, hi); break;
    case 4: high_pairs(psi, 16, m, offsets, s, lo, mid); high_block(psi, 16, m, offsets, s, mid, hi); break;
    default: high_pairs(psi, 32, m, offsets, s, lo, mid); high_block(psi, 32, m, offsets, s, mid, hi); break;
    }
    if (hi < end) qk_f32_scalar_dense(psi, qubits, nq, m, offsets, s, hi, end);
}

#endif /* QK_HAVE_AVX2_BUILD */
