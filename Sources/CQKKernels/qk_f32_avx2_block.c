/*
 * Single-precision AVX2 dense blocks: the 2-qubit matrix and the dense k-qubit kernel (k <= 4),
 * what fused gates run on. Targets all >= 2 take four items per register; targets on qubit 0 or 1
 * permute lanes inside each register (qk_f32_avx2_low_block). See qk_f32_avx2.c for the layout.
 */
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"
/*
 * out[r] = sum_t C[r][t] x[t] for complex coefficients given as broadcast re/im vectors (row
 * stride nin). The imaginary part is accumulated as sum ci*x and swapped once at the end (the
 * broadcast ci is symmetric in re/im), so each term is two FMAs with the coefficient as a memory
 * operand; rows go four at a time so x[t] is read once per four rows.
 */
QK_AVX2 static inline void block_product(const __m256 *x, unsigned nin, const __m256 *cr, const __m256 *ci,
                                         unsigned nout, __m256 *out) {
    unsigned r = 0;
    for (; r + 4 <= nout; r += 4) {
        const __m256 *a0 = cr + r * nin, *b0 = ci + r * nin;
        __m256 r0 = _mm256_setzero_ps(), r1 = r0, r2 = r0, r3 = r0, i0 = r0, i1 = r0, i2 = r0, i3 = r0;
        for (unsigned t = 0; t < nin; t++) {
            const __m256 xt = x[t];
            r0 = _mm256_fmadd_ps(a0[t], xt, r0);
            i0 = _mm256_fmadd_ps(b0[t], xt, i0);
            r1 = _mm256_fmadd_ps(a0[nin + t], xt, r1);
            i1 = _mm256_fmadd_ps(b0[nin + t], xt, i1);
            r2 = _mm256_fmadd_ps(a0[2 * nin + t], xt, r2);
            i2 = _mm256_fmadd_ps(b0[2 * nin + t], xt, i2);
            r3 = _mm256_fmadd_ps(a0[3 * nin + t], xt, r3);
            i3 = _mm256_fmadd_ps(b0[3 * nin + t], xt, i3);
        }
        out[r] = _mm256_addsub_ps(r0, swap_ri(i0));
        out[r + 1] = _mm256_addsub_ps(r1, swap_ri(i1));
        out[r + 2] = _mm256_addsub_ps(r2, swap_ri(i2));
        out[r + 3] = _mm256_addsub_ps(r3, swap_ri(i3));
    }
    for (; r < nout; r++) {
        __m256 re = _mm256_setzero_ps(), im = re;
        for (unsigned t = 0; t < nin; t++) {
            re = _mm256_fmadd_ps(cr[r * nin + t], x[t], re);
            im = _mm256_fmadd_ps(ci[r * nin + t], x[t], im);
        }
        out[r] = _mm256_addsub_ps(re, swap_ri(im));
    }
}

/*
 * A dense block on targets that include qubit 0 and/or 1 (the set L), the rest (H) above: the
 * 2^|H| registers at base | offset(h) hold every amplitude the block mixes for 4 / 2^|L| items.
 * Output lane a of register h' is sum over (h, c) of M[l(h', a), l(h, c)] times lane
 * (a with its L bits replaced by c) of register h, so each (h, c) is one in-register permutation
 * and the coefficients are per-lane vectors built once per call. Low controls are a lane mask.
 */
enum { QK_F32_BLOCK_MAX = QK_DENSE_DIM * QK_DENSE_DIM / 2 }; /* dim x (registers per column) */

QK_AVX2 static inline __m256 low_permute(__m256 v, unsigned lmask, unsigned c) {
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
    __m256 cr[QK_F32_BLOCK_MAX], ci[QK_F32_BLOCK_MAX]; /* index (hout * nr + h) * nc + ic */
    for (unsigned ho = 0; ho < nr; ho++)
        for (unsigned h = 0; h < nr; h++)
            for (unsigned ic = 0; ic < nc; ic++) {
                float re[8], im[8];
                for (unsigned a = 0; a < 4; a++) {
                    const unsigned row = block_local(qubits, nq, ho, a);
                    const unsigned col = block_local(qubits, nq, h, (a & ~lmask) | cs[ic]);
                    re[2 * a] = re[2 * a + 1] = m[2 * (row * dim + col)];
                    im[2 * a] = im[2 * a + 1] = m[2 * (row * dim + col) + 1];
                }
                cr[(ho * nr + h) * nc + ic] = _mm256_loadu_ps(re);
                ci[(ho * nr + h) * nc + ic] = _mm256_loadu_ps(im);
            }
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const __m256 mask = lane_mask(low & ~lmask, s->fixed);
    const uint64_t g = 4u >> nlow;
    QK_F32_GROUPS(g, begin, end, scalar(psi, qubits, nq, m, s, lo_, hi_), {
        const uint64_t base = qk_spread_index(s, k) & ~(uint64_t)3;
        __m256 v[QK_DENSE_DIM / 2], p[QK_DENSE_DIM], out[QK_DENSE_DIM / 2];
        for (unsigned h = 0; h < nr; h++) {
            v[h] = LD(psi + 2 * (base | offh[h]));
            for (unsigned ic = 0; ic < nc; ic++) p[h * nc + ic] = low_permute(v[h], lmask, cs[ic]);
        }
        block_product(p, nr * nc, cr, ci, nr, out);
        for (unsigned ho = 0; ho < nr; ho++) ST(psi + 2 * (base | offh[ho]), _mm256_blendv_ps(v[ho], out[ho], mask));
    });
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
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_matrix2(psi, q0, q1, m, s, lo_, hi_), {
        const uint64_t base = qk_spread_index(s, k) & ~(uint64_t)3;
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
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

QK_AVX2 void qk_f32_avx2_dense(float *psi, const unsigned *qubits, unsigned nq, const float *m,
                               const uint64_t *offsets, const qk_spread *s, uint64_t begin, uint64_t end) {
    if (s->lowest < 2) {
        qk_f32_avx2_low_block(psi, qubits, nq, m, s, begin, end, scalar_dense_adapter);
        return;
    }
    /* Four items per register: column c of four consecutive items is one load. */
    const unsigned dim = 1u << nq;
    __m256 cr[QK_DENSE_DIM * QK_DENSE_DIM], ci[QK_DENSE_DIM * QK_DENSE_DIM];
    for (unsigned j = 0; j < dim * dim; j++) { cr[j] = BCAST(m[2 * j]); ci[j] = BCAST(m[2 * j + 1]); }
    QK_F32_GROUPS(4, begin, end, qk_f32_scalar_dense(psi, qubits, nq, m, offsets, s, lo_, hi_), {
        const uint64_t base = qk_spread_index(s, k);
        __m256 v[QK_DENSE_DIM], out[QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++) v[c] = LD(psi + 2 * (base + offsets[c]));
        block_product(v, dim, cr, ci, dim, out);
        for (unsigned r = 0; r < dim; r++) ST(psi + 2 * (base + offsets[r]), out[r]);
    });
}

#endif /* QK_HAVE_AVX2_BUILD */
