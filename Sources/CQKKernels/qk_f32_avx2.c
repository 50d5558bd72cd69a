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
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"

QK_AVX2 void qk_f32_avx2_matrix1(float *psi, unsigned target, const float *m, const qk_spread *s,
                                 uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t bit = (uint64_t)1 << target;
    if (target >= 2) {
        const __m256 mask = lane_mask(low, s->fixed);
        const __m256 ar = BCAST(m[0]), ai = BCAST(m[1]), br = BCAST(m[2]), bi = BCAST(m[3]);
        const __m256 cr = BCAST(m[4]), ci = BCAST(m[5]), dr = BCAST(m[6]), di = BCAST(m[7]);
        /* The 5..10 window of qk_wants_prefetch: prefetch both halves a line (8 amplitudes) at a time. */
        const int prefetch = qk_wants_prefetch(s);
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_matrix1(psi, target, m, s, lo_, hi_), {
            const uint64_t i0 = qk_spread_index(s, k) & ~(uint64_t)3, i1 = i0 | bit;
            if (prefetch && (i0 & 7) == 0 && k + QK_PREFETCH_ITEMS < end) {
                const uint64_t p = qk_spread_index(s, k + QK_PREFETCH_ITEMS);
                _mm_prefetch((const char *)(psi + 2 * p), _MM_HINT_T0);
                _mm_prefetch((const char *)(psi + 2 * (p | bit)), _MM_HINT_T0);
            }
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
        const uint64_t i0 = qk_spread_index(s, k) & ~(uint64_t)3;
        const __m256 v = LD(psi + 2 * i0);
        __m256 v0, v1;
        if (target == 0) { v0 = _mm256_permute_ps(v, 0x44); v1 = _mm256_permute_ps(v, 0xEE); }
        else { v0 = _mm256_permute2f128_ps(v, v, 0x00); v1 = _mm256_permute2f128_ps(v, v, 0x11); }
        ST(psi + 2 * i0, _mm256_blendv_ps(v, cdot2(m0r, m0i, v0, m1r, m1i, v1), mask));
    });
}

QK_AVX2 void qk_f32_avx2_diag1(float *psi, unsigned target, const float *d, const qk_spread *s,
                               uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t bit = (uint64_t)1 << target;
    if (target >= 2) {
        const __m256 mask = lane_mask(low, s->fixed);
        const __m256 d0r = BCAST(d[0]), d0i = BCAST(d[1]), d1r = BCAST(d[2]), d1i = BCAST(d[3]);
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_diag1(psi, target, d, s, lo_, hi_), {
            const uint64_t i0 = qk_spread_index(s, k) & ~(uint64_t)3, i1 = i0 | bit;
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
        const uint64_t i0 = qk_spread_index(s, k) & ~(uint64_t)3;
        const __m256 v = LD(psi + 2 * i0);
        ST(psi + 2 * i0, _mm256_blendv_ps(v, cmul(dr, di, v), mask));
    });
}



QK_AVX2 void qk_f32_avx2_swap(float *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    if (q0 < 2 && q1 < 2) { /* swap(0, 1): exchange lanes 1 and 2 of every register */
        QK_F32_GROUPS(g, begin, end, qk_f32_scalar_swap(psi, q0, q1, s, lo_, hi_), {
            const uint64_t i = qk_spread_index(s, k) & ~(uint64_t)3;
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
            const uint64_t i = qk_spread_index(s, k) & ~(uint64_t)3;
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
        const uint64_t base = qk_spread_index(s, k) & ~(uint64_t)3;
        float *x = psi + 2 * (base | b0), *y = psi + 2 * (base | b1);
        const __m256 vx = LD(x), vy = LD(y);
        ST(x, _mm256_blendv_ps(vx, vy, mask));
        ST(y, _mm256_blendv_ps(vy, vx, mask));
    });
}

QK_AVX2 void qk_f32_avx2_phase(float *psi, const float *phase, const qk_spread *s, uint64_t begin, uint64_t end) {
    unsigned nlow;
    const unsigned low = low_positions(s, &nlow);
    const uint64_t g = 4u >> nlow;
    const __m256 mask = lane_mask(low, s->fixed);
    const __m256 pr = BCAST(phase[0]), pi = BCAST(phase[1]);
    QK_F32_GROUPS(g, begin, end, qk_f32_scalar_phase(psi, phase, s, lo_, hi_), {
        const uint64_t i = qk_spread_index(s, k) & ~(uint64_t)3;
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

#endif /* QK_HAVE_AVX2_BUILD */
