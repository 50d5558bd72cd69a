/*
 * AVX2+FMA single-precision kernels. One __m256 holds four interleaved complex64 amplitudes
 * [re0, im0, re1, im1, re2, im2, re3, im3]; a complex product m*v is
 * addsub(mr*v, mi*swap(v)), with mr/mi the coefficient's real/imaginary part in both floats of
 * each complex lane and swap exchanging re and im.
 *
 * Every gate kernel works register by register: the register at base b (a multiple of 4) holds
 * amplitudes b..b+3, i.e. every combination of qubits 0 and 1. Positions 0 and 1 that a gate
 * inserts (targets or controls) therefore live inside the register:
 *   - a control on qubit 0 or 1 becomes a lane mask (lanes where it does not fire are written
 *     back unchanged), so controlled gates with a low control stay in SIMD;
 *   - a one-qubit target on qubit 0 or 1 is a within-register shuffle (permute within or across
 *     the 128-bit halves);
 *   - every inserted low position halves the number of work items per register (4, 2 or 1).
 * Two threads never share a register: the items sharing one are consecutive and aligned, and a
 * range that cuts a group runs the cut items through the scalar kernel, which writes only its own
 * amplitudes. A dense block (matrix2, dense) with targets on qubit 0 or 1 permutes lanes inside
 * each register (qk_f32_avx2_low_block), and a swap with qubit 0 or 1 unpacks or exchanges
 * halves; only prob_one and collapse on qubits 0-1 (measurement) defer to the scalar loops.
 *
 * Reductions convert float amplitudes to double (two complex per __m256d) before accumulating.
 */
#include "qk_f32_internal.h"

#if defined(QK_F32_HAVE_AVX2_BUILD)
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
static inline unsigned low_positions(const qk_f32_spread *s, unsigned *count) {
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

QK_AVX2 void qk_f32_avx2_matrix1(float *psi, unsigned target, const float *m, const qk_f32_spread *s,
                                 uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t bit = (uint64_t)1 << target;
    if (target >= 2) {
        const __m256 mask = lane_mask(low, s->fixed);
        const __m256 ar = BCAST(m[0]), ai = BCAST(m[1]), br = BCAST(m[2]), bi = BCAST(m[3]);
        const __m256 cr = BCAST(m[4]), ci = BCAST(m[5]), dr = BCAST(m[6]), di = BCAST(m[7]);
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_matrix1(psi, target, m, s, lo_, hi_), {
            const uint64_t i0 = qk_f32_spread_index(s, k) & ~(uint64_t)3, i1 = i0 | bit;
            const __m256 v0 = LD(psi + 2 * i0), v1 = LD(psi + 2 * i1);
            ST(psi + 2 * i0, _mm256_blendv_ps(v0, cdot2(ar, ai, v0, br, bi, v1), mask));
            ST(psi + 2 * i1, _mm256_blendv_ps(v1, cdot2(cr, ci, v0, dr, di, v1), mask));
        });
        return;
    }
    /* Target 0 or 1: the pair lives in one register; a control on the other low qubit is a mask. */
    const __m256 mask = lane_mask(low & ~(unsigned)bit, s->fixed);
    __m256 m0r, m0i, m1r, m1i;
    if (target == 0) { /* lanes [a0, a1, b0, b1]: out = [m00, m10] (x) v0 + [m01, m11] (x) v1 */
        m0r = _mm256_setr_ps(m[0], m[0], m[4], m[4], m[0], m[0], m[4], m[4]);
        m0i = _mm256_setr_ps(m[1], m[1], m[5], m[5], m[1], m[1], m[5], m[5]);
        m1r = _mm256_setr_ps(m[2], m[2], m[6], m[6], m[2], m[2], m[6], m[6]);
        m1i = _mm256_setr_ps(m[3], m[3], m[7], m[7], m[3], m[3], m[7], m[7]);
    } else { /* lanes [a0, b0, a1, b1] */
        m0r = _mm256_setr_ps(m[0], m[0], m[0], m[0], m[4], m[4], m[4], m[4]);
        m0i = _mm256_setr_ps(m[1], m[1], m[1], m[1], m[5], m[5], m[5], m[5]);
        m1r = _mm256_setr_ps(m[2], m[2], m[2], m[2], m[6], m[6], m[6], m[6]);
        m1i = _mm256_setr_ps(m[3], m[3], m[3], m[3], m[7], m[7], m[7], m[7]);
    }
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_matrix1(psi, target, m, s, lo_, hi_), {
        const uint64_t i0 = qk_f32_spread_index(s, k) & ~(uint64_t)3;
        const __m256 v = LD(psi + 2 * i0);
        __m256 v0, v1;
        if (target == 0) { v0 = _mm256_permute_ps(v, 0x44); v1 = _mm256_permute_ps(v, 0xEE); }
        else { v0 = _mm256_permute2f128_ps(v, v, 0x00); v1 = _mm256_permute2f128_ps(v, v, 0x11); }
        ST(psi + 2 * i0, _mm256_blendv_ps(v, cdot2(m0r, m0i, v0, m1r, m1i, v1), mask));
    });
}

QK_AVX2 void qk_f32_avx2_diag1(float *psi, unsigned target, const float *d, const qk_f32_spread *s,
                               uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t bit = (uint64_t)1 << target;
    if (target >= 2) {
        const __m256 mask = lane_mask(low, s->fixed);
        const __m256 d0r = BCAST(d[0]), d0i = BCAST(d[1]), d1r = BCAST(d[2]), d1i = BCAST(d[3]);
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_diag1(psi, target, d, s, lo_, hi_), {
            const uint64_t i0 = qk_f32_spread_index(s, k) & ~(uint64_t)3, i1 = i0 | bit;
            const __m256 v0 = LD(psi + 2 * i0), v1 = LD(psi + 2 * i1);
            ST(psi + 2 * i0, _mm256_blendv_ps(v0, cmul(d0r, d0i, v0), mask));
            ST(psi + 2 * i1, _mm256_blendv_ps(v1, cmul(d1r, d1i, v1), mask));
        });
        return;
    }
    const __m256 mask = lane_mask(low & ~(unsigned)bit, s->fixed);
    __m256 dr, di;
    if (target == 0) {
        dr = _mm256_setr_ps(d[0], d[0], d[2], d[2], d[0], d[0], d[2], d[2]);
        di = _mm256_setr_ps(d[1], d[1], d[3], d[3], d[1], d[1], d[3], d[3]);
    } else {
        dr = _mm256_setr_ps(d[0], d[0], d[0], d[0], d[2], d[2], d[2], d[2]);
        di = _mm256_setr_ps(d[1], d[1], d[1], d[1], d[3], d[3], d[3], d[3]);
    }
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_diag1(psi, target, d, s, lo_, hi_), {
        const uint64_t i0 = qk_f32_spread_index(s, k) & ~(uint64_t)3;
        const __m256 v = LD(psi + 2 * i0);
        ST(psi + 2 * i0, _mm256_blendv_ps(v, cmul(dr, di, v), mask));
    });
}



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
enum { QK_F32_BLOCK_MAX = QK_F32_DENSE_DIM * QK_F32_DENSE_DIM / 2 }; /* dim x (registers per column) */

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
                                          const qk_f32_spread *s, uint64_t begin, uint64_t end,
                                          void (*scalar)(float *, const unsigned *, unsigned, const float *,
                                                         const qk_f32_spread *, uint64_t, uint64_t)) {
    const unsigned dim = 1u << nq;
    unsigned lmask = 0, nh = 0;
    uint64_t offh[QK_F32_DENSE_DIM];
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
        const uint64_t base = qk_f32_spread_index(s, k) & ~(uint64_t)3;
        __m256 v[QK_F32_DENSE_DIM / 2], p[QK_F32_DENSE_DIM], out[QK_F32_DENSE_DIM / 2];
        for (unsigned h = 0; h < nr; h++) {
            v[h] = LD(psi + 2 * (base | offh[h]));
            for (unsigned ic = 0; ic < nc; ic++) p[h * nc + ic] = low_permute(v[h], lmask, cs[ic]);
        }
        block_product(p, nr * nc, cr, ci, nr, out);
        for (unsigned ho = 0; ho < nr; ho++) ST(psi + 2 * (base | offh[ho]), _mm256_blendv_ps(v[ho], out[ho], mask));
    });
}

/* Adapters so the block routine can finish ranges with the matching scalar kernel. */
static void scalar_matrix2_adapter(float *psi, const unsigned *q, unsigned nq, const float *m, const qk_f32_spread *s,
                                   uint64_t begin, uint64_t end) {
    (void)nq;
    qk_f32_scalar_matrix2(psi, q[0], q[1], m, s, begin, end);
}

static void scalar_dense_adapter(float *psi, const unsigned *q, unsigned nq, const float *m, const qk_f32_spread *s,
                                 uint64_t begin, uint64_t end) {
    uint64_t offsets[QK_F32_DENSE_DIM];
    for (unsigned l = 0; l < (1u << nq); l++) {
        uint64_t o = 0;
        for (unsigned j = 0; j < nq; j++)
            if ((l >> j) & 1u) o |= (uint64_t)1 << q[j];
        offsets[l] = o;
    }
    qk_f32_scalar_dense(psi, q, nq, m, offsets, s, begin, end);
}

QK_AVX2 void qk_f32_avx2_matrix2(float *psi, unsigned q0, unsigned q1, const float *m, const qk_f32_spread *s,
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
        const uint64_t base = qk_f32_spread_index(s, k) & ~(uint64_t)3;
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

QK_AVX2 void qk_f32_avx2_swap(float *psi, unsigned q0, unsigned q1, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    if (q0 < 2 && q1 < 2) { /* swap(0, 1): exchange lanes 1 and 2 of every register */
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_swap(psi, q0, q1, s, lo_, hi_), {
            const uint64_t i = qk_f32_spread_index(s, k) & ~(uint64_t)3;
            const __m256 v = LD(psi + 2 * i);
            ST(psi + 2 * i, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), 0xD8)));
        });
        return;
    }
    if (q0 < 2 || q1 < 2) {
        /*
         * One low qubit l and one high qubit h: register A (h = 0) and B (h = 1) exchange A's
         * lanes with l = 1 and B's lanes with l = 0. For l = 0 that is an unpack of 64-bit lanes,
         * for l = 1 an exchange of 128-bit halves; a control on the other low qubit is a mask.
         */
        const unsigned l = q0 < 2 ? q0 : q1;
        const uint64_t hb = q0 < 2 ? b1 : b0;
        const __m256 mask = lane_mask(low & ~(1u << l), s->fixed);
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_swap(psi, q0, q1, s, lo_, hi_), {
            const uint64_t i = qk_f32_spread_index(s, k) & ~(uint64_t)3;
            float *pa = psi + 2 * i, *pb = psi + 2 * (i | hb);
            const __m256d a = _mm256_castps_pd(LD(pa)), b = _mm256_castps_pd(LD(pb));
            __m256d na, nb;
            if (l == 0) { na = _mm256_unpacklo_pd(a, b); nb = _mm256_unpackhi_pd(a, b); }
            else { na = _mm256_permute2f128_pd(a, b, 0x20); nb = _mm256_permute2f128_pd(a, b, 0x31); }
            ST(pa, _mm256_blendv_ps(_mm256_castpd_ps(a), _mm256_castpd_ps(na), mask));
            ST(pb, _mm256_blendv_ps(_mm256_castpd_ps(b), _mm256_castpd_ps(nb), mask));
        });
        return;
    }
    const __m256 mask = lane_mask(low, s->fixed);
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_swap(psi, q0, q1, s, lo_, hi_), {
        const uint64_t base = qk_f32_spread_index(s, k) & ~(uint64_t)3;
        float *x = psi + 2 * (base | b0), *y = psi + 2 * (base | b1);
        const __m256 vx = LD(x), vy = LD(y);
        ST(x, _mm256_blendv_ps(vx, vy, mask));
        ST(y, _mm256_blendv_ps(vy, vx, mask));
    });
}

QK_AVX2 void qk_f32_avx2_phase(float *psi, const float *phase, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const __m256 mask = lane_mask(low, s->fixed);
    const __m256 pr = BCAST(phase[0]), pi = BCAST(phase[1]);
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_phase(psi, phase, s, lo_, hi_), {
        const uint64_t i = qk_f32_spread_index(s, k) & ~(uint64_t)3;
        const __m256 v = LD(psi + 2 * i);
        ST(psi + 2 * i, _mm256_blendv_ps(v, cmul(pr, pi, v), mask));
    });
}

QK_AVX2 void qk_f32_avx2_diagonal(float *psi, const unsigned *qubits, unsigned k, const float *diag,
                                  uint64_t begin, uint64_t end) {
    /*
     * The local index splits into a part from the low 10 index bits (a table built once) and a
     * part from the high bits (recomputed once per 1024 amplitudes); the four diagonal entries of
     * a register are fetched with one 64-bit gather (a complex64 entry is 8 bytes).
     */
    enum { LOW = 10 };
    unsigned lowq[QK_MAX_DIAGONAL_QUBITS], lowpos[QK_MAX_DIAGONAL_QUBITS], nlow = 0;
    for (unsigned j = 0; j < k; j++)
        if (qubits[j] < LOW) { lowq[nlow] = qubits[j]; lowpos[nlow++] = j; }
    int32_t table[1u << LOW];
    for (uint32_t t = 0; t < (1u << LOW); t++) {
        uint32_t l = 0;
        for (unsigned j = 0; j < nlow; j++) l |= ((t >> lowq[j]) & 1u) << lowpos[j];
        table[t] = (int32_t)l;
    }
    const double *entries = (const double *)(const void *)diag;
    uint64_t i = begin;
    uint64_t head = (i + 3) & ~(uint64_t)3;
    if (head > end) head = end;
    if (i < head) { qk_f32_scalar_diagonal(psi, qubits, k, diag, i, head); i = head; }
    while (i + 3 < end) {
        const uint64_t block_end = ((i >> LOW) + 1) << LOW;
        const uint64_t stop = (block_end < end ? block_end : end) & ~(uint64_t)3;
        int32_t high = 0;
        for (unsigned j = 0; j < k; j++)
            if (qubits[j] >= LOW) high |= (int32_t)(((i >> qubits[j]) & 1u) << j);
        const __m128i hv = _mm_set1_epi32(high);
        for (; i < stop; i += 4) {
            const __m128i l = _mm_or_si128(hv, _mm_loadu_si128((const __m128i *)(table + (i & ((1u << LOW) - 1)))));
            const __m256 d = _mm256_castpd_ps(_mm256_i32gather_pd(entries, l, 8));
            const __m256 dr = _mm256_moveldup_ps(d), di = _mm256_movehdup_ps(d);
            ST(psi + 2 * i, cmul(dr, di, LD(psi + 2 * i)));
        }
    }
    if (i < end) qk_f32_scalar_diagonal(psi, qubits, k, diag, i, end);
}

QK_AVX2 void qk_f32_avx2_dense(float *psi, const unsigned *qubits, unsigned nq, const float *m,
                               const uint64_t *offsets, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    if (s->lowest < 2) {
        qk_f32_avx2_low_block(psi, qubits, nq, m, s, begin, end, scalar_dense_adapter);
        return;
    }
    /* Four items per register: column c of four consecutive items is one load. */
    const unsigned dim = 1u << nq;
    __m256 cr[QK_F32_DENSE_DIM * QK_F32_DENSE_DIM], ci[QK_F32_DENSE_DIM * QK_F32_DENSE_DIM];
    for (unsigned j = 0; j < dim * dim; j++) { cr[j] = BCAST(m[2 * j]); ci[j] = BCAST(m[2 * j + 1]); }
    QK_F32_GROUPS(4, begin, end, qk_f32_scalar_dense(psi, qubits, nq, m, offsets, s, lo_, hi_), {
        const uint64_t base = qk_f32_spread_index(s, k);
        __m256 v[QK_F32_DENSE_DIM], out[QK_F32_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++) v[c] = LD(psi + 2 * (base + offsets[c]));
        block_product(v, dim, cr, ci, dim, out);
        for (unsigned r = 0; r < dim; r++) ST(psi + 2 * (base + offsets[r]), out[r]);
    });
}

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
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd();
    double tail = 0;
    QK_F32_GROUPS(4, begin, end, tail += qk_f32_scalar_prob_one(psi, target, lo_, hi_), {
        const float *p = psi + 2 * (qk_f32_spread_index(&s, k) | bit);
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
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    const __m256 f = BCAST(scale), zero = _mm256_setzero_ps();
    QK_F32_GROUPS(4, begin, end, qk_f32_scalar_collapse(psi, target, outcome, scale, lo_, hi_), {
        const uint64_t i0 = qk_f32_spread_index(&s, k), i1 = i0 | bit;
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

#endif /* QK_F32_HAVE_AVX2_BUILD */
