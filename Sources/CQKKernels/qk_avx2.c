/*
 * AVX2+FMA kernels. Compiled with per-function target attributes, so the library needs no special
 * compiler flags and the same binary still runs on CPUs without AVX2 (qk_dispatch.c checks first).
 *
 * Loads and stores are the unaligned forms: on aligned state buffers they cost the same, and
 * they keep the kernels safe on any caller buffer (the C API takes plain double pointers).
 *
 * One __m256d holds two interleaved complex numbers [re0, im0, re1, im1]. A complex product a*v
 * is addsub(ar*v, ai*swap(v)), with swap exchanging re and im in each half.
 *
 * Each kernel takes the two-items-per-register path when the lowest inserted index bit is above
 * bit 0 (then items k and k+1 are adjacent amplitudes), a within-register path where the gate
 * acts on qubit 0, and otherwise (a control on qubit 0, or qubit 0 among two targets) still two
 * items per register, each register filled by two 128-bit loads (load_pair). Only a lone item at
 * an odd range boundary goes to the scalar version.
 */
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include <immintrin.h>

#define QK_AVX2 __attribute__((target("avx2,fma")))

QK_AVX2 static inline __m256d swap_ri(__m256d v) { return _mm256_permute_pd(v, 0x5); }

/* sum_c m_c * v_c for broadcast complex coefficients given as separate re/im vectors. */
QK_AVX2 static inline __m256d cdot2(__m256d m0r, __m256d m0i, __m256d v0, __m256d m1r, __m256d m1i, __m256d v1) {
    __m256d re = _mm256_fmadd_pd(m0r, v0, _mm256_mul_pd(m1r, v1));
    __m256d im = _mm256_fmadd_pd(m0i, swap_ri(v0), _mm256_mul_pd(m1i, swap_ri(v1)));
    return _mm256_addsub_pd(re, im);
}

QK_AVX2 static inline __m256d cmul(__m256d mr, __m256d mi, __m256d v) {
    return _mm256_addsub_pd(_mm256_mul_pd(mr, v), _mm256_mul_pd(mi, swap_ri(v)));
}

/* Amplitudes ia (low lanes) and ib (high lanes) in one register, and back. */
QK_AVX2 static inline __m256d load_pair(const double *psi, uint64_t ia, uint64_t ib) {
    return _mm256_loadu2_m128d(psi + 2 * ib, psi + 2 * ia);
}
QK_AVX2 static inline void store_pair(double *psi, uint64_t ia, uint64_t ib, __m256d v) {
    _mm256_storeu2_m128d(psi + 2 * ib, psi + 2 * ia, v);
}

QK_AVX2 void qk_avx2_matrix1(double *psi, unsigned target, const double *m, const qk_spread *s,
                             uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    if (s->lowest >= 1) {
        const __m256d ar = _mm256_set1_pd(m[0]), ai = _mm256_set1_pd(m[1]);
        const __m256d br = _mm256_set1_pd(m[2]), bi = _mm256_set1_pd(m[3]);
        const __m256d cr = _mm256_set1_pd(m[4]), ci = _mm256_set1_pd(m[5]);
        const __m256d dr = _mm256_set1_pd(m[6]), di = _mm256_set1_pd(m[7]);
        uint64_t k = begin;
        if (k & 1) { qk_scalar_matrix1(psi, target, m, s, k, k + 1); k++; }
        const int prefetch = qk_wants_prefetch(s);
        for (; k + 1 < end; k += 2) {
            const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
            if (prefetch && (k & 3) == 0 && k + QK_PREFETCH_ITEMS < end) {
                const uint64_t p = qk_spread_index(s, k + QK_PREFETCH_ITEMS);
                _mm_prefetch((const char *)(psi + 2 * p), _MM_HINT_T0);
                _mm_prefetch((const char *)(psi + 2 * (p | bit)), _MM_HINT_T0);
            }
            const __m256d v0 = _mm256_loadu_pd(psi + 2 * i0), v1 = _mm256_loadu_pd(psi + 2 * i1);
            _mm256_storeu_pd(psi + 2 * i0, cdot2(ar, ai, v0, br, bi, v1));
            _mm256_storeu_pd(psi + 2 * i1, cdot2(cr, ci, v0, dr, di, v1));
        }
        if (k < end) qk_scalar_matrix1(psi, target, m, s, k, end);
    } else if (target == 0) {
        /* Both amplitudes of a pair share one register: out = [a, c] * [v0, v0] + [b, d] * [v1, v1]. */
        const __m256d m0r = _mm256_setr_pd(m[0], m[0], m[4], m[4]), m0i = _mm256_setr_pd(m[1], m[1], m[5], m[5]);
        const __m256d m1r = _mm256_setr_pd(m[2], m[2], m[6], m[6]), m1i = _mm256_setr_pd(m[3], m[3], m[7], m[7]);
        for (uint64_t k = begin; k < end; k++) {
            const uint64_t i0 = qk_spread_index(s, k);
            const __m256d v = _mm256_loadu_pd(psi + 2 * i0);
            const __m256d lo = _mm256_permute2f128_pd(v, v, 0x00), hi = _mm256_permute2f128_pd(v, v, 0x11);
            _mm256_storeu_pd(psi + 2 * i0, cdot2(m0r, m0i, lo, m1r, m1i, hi));
        }
    } else {
        /* A control on qubit 0: the dense body pairs items with 128-bit loads. */
        const uint64_t offsets[2] = {0, bit};
        qk_avx2_dense(psi, &target, 1, m, offsets, s, begin, end);
    }
}

QK_AVX2 void qk_avx2_diag1(double *psi, unsigned target, const double *d, const qk_spread *s,
                           uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    if (s->lowest >= 1) {
        const __m256d d0r = _mm256_set1_pd(d[0]), d0i = _mm256_set1_pd(d[1]);
        const __m256d d1r = _mm256_set1_pd(d[2]), d1i = _mm256_set1_pd(d[3]);
        uint64_t k = begin;
        if (k & 1) { qk_scalar_diag1(psi, target, d, s, k, k + 1); k++; }
        for (; k + 1 < end; k += 2) {
            const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
            _mm256_storeu_pd(psi + 2 * i0, cmul(d0r, d0i, _mm256_loadu_pd(psi + 2 * i0)));
            _mm256_storeu_pd(psi + 2 * i1, cmul(d1r, d1i, _mm256_loadu_pd(psi + 2 * i1)));
        }
        if (k < end) qk_scalar_diag1(psi, target, d, s, k, end);
    } else if (target == 0) {
        const __m256d dr = _mm256_setr_pd(d[0], d[0], d[2], d[2]), di = _mm256_setr_pd(d[1], d[1], d[3], d[3]);
        for (uint64_t k = begin; k < end; k++) {
            const uint64_t i0 = qk_spread_index(s, k);
            _mm256_storeu_pd(psi + 2 * i0, cmul(dr, di, _mm256_loadu_pd(psi + 2 * i0)));
        }
    } else {
        /* A control on qubit 0: items k and k+1 are not adjacent, so pair them with 128-bit loads. */
        const __m256d d0r = _mm256_set1_pd(d[0]), d0i = _mm256_set1_pd(d[1]);
        const __m256d d1r = _mm256_set1_pd(d[2]), d1i = _mm256_set1_pd(d[3]);
        uint64_t k = begin;
        if (k & 1) { qk_scalar_diag1(psi, target, d, s, k, k + 1); k++; }
        for (; k + 1 < end; k += 2) {
            const uint64_t a0 = qk_spread_index(s, k), b0 = qk_spread_index(s, k + 1);
            store_pair(psi, a0, b0, cmul(d0r, d0i, load_pair(psi, a0, b0)));
            store_pair(psi, a0 | bit, b0 | bit, cmul(d1r, d1i, load_pair(psi, a0 | bit, b0 | bit)));
        }
        if (k < end) qk_scalar_diag1(psi, target, d, s, k, end);
    }
}

QK_AVX2 void qk_avx2_matrix2(double *psi, unsigned q0, unsigned q1, const double *m, const qk_spread *s,
                             uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    if (s->lowest < 1) {
        /* Qubit 0 among the targets or controls: the dense body pairs items with 128-bit loads. */
        const uint64_t offsets[4] = {0, b0, b1, b0 | b1};
        const unsigned qubits[2] = {q0, q1};
        qk_avx2_dense(psi, qubits, 2, m, offsets, s, begin, end);
        return;
    }
    /* Matrix held in registers (broadcast once per call): measured faster than the dense body here. */
    __m256d mr[16], mi[16];
    for (int j = 0; j < 16; j++) { mr[j] = _mm256_set1_pd(m[2 * j]); mi[j] = _mm256_set1_pd(m[2 * j + 1]); }
    uint64_t k = begin;
    if (k & 1) { qk_scalar_matrix2(psi, q0, q1, m, s, k, k + 1); k++; }
    for (; k + 1 < end; k += 2) {
        const uint64_t base = qk_spread_index(s, k);
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
        __m256d v[4], w[4];
        for (int c = 0; c < 4; c++) { v[c] = _mm256_loadu_pd(psi + 2 * idx[c]); w[c] = swap_ri(v[c]); }
        for (int r = 0; r < 4; r++) {
            __m256d re = _mm256_mul_pd(mr[4 * r], v[0]), im = _mm256_mul_pd(mi[4 * r], w[0]);
            for (int c = 1; c < 4; c++) {
                re = _mm256_fmadd_pd(mr[4 * r + c], v[c], re);
                im = _mm256_fmadd_pd(mi[4 * r + c], w[c], im);
            }
            _mm256_storeu_pd(psi + 2 * idx[r], _mm256_addsub_pd(re, im));
        }
    }
    if (k < end) qk_scalar_matrix2(psi, q0, q1, m, s, k, end);
}

QK_AVX2 void qk_avx2_swap(double *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    uint64_t k = begin;
    if (k & 1) { qk_scalar_swap(psi, q0, q1, s, k, k + 1); k++; }
    if (s->lowest < 1) {
        /* Qubit 0 involved: exchange the pair's amplitudes two items at a time via 128-bit halves. */
        for (; k + 1 < end; k += 2) {
            const uint64_t a = qk_spread_index(s, k), b = qk_spread_index(s, k + 1);
            const __m256d vx = load_pair(psi, a | b0, b | b0), vy = load_pair(psi, a | b1, b | b1);
            store_pair(psi, a | b0, b | b0, vy);
            store_pair(psi, a | b1, b | b1, vx);
        }
        if (k < end) qk_scalar_swap(psi, q0, q1, s, k, end);
        return;
    }
    for (; k + 1 < end; k += 2) {
        const uint64_t base = qk_spread_index(s, k);
        double *x = psi + 2 * (base | b0), *y = psi + 2 * (base | b1);
        const __m256d vx = _mm256_loadu_pd(x), vy = _mm256_loadu_pd(y);
        _mm256_storeu_pd(x, vy);
        _mm256_storeu_pd(y, vx);
    }
    if (k < end) qk_scalar_swap(psi, q0, q1, s, k, end);
}

QK_AVX2 void qk_avx2_phase(double *psi, const double *phase, const qk_spread *s, uint64_t begin, uint64_t end) {
    const __m256d pr = _mm256_set1_pd(phase[0]), pi = _mm256_set1_pd(phase[1]);
    uint64_t k = begin;
    if (k & 1) { qk_scalar_phase(psi, phase, s, k, k + 1); k++; }
    if (s->lowest < 1) {
        /* Qubit 0 among the phase's qubits: the touched amplitudes are not adjacent. */
        for (; k + 1 < end; k += 2) {
            const uint64_t a = qk_spread_index(s, k), b = qk_spread_index(s, k + 1);
            store_pair(psi, a, b, cmul(pr, pi, load_pair(psi, a, b)));
        }
        if (k < end) qk_scalar_phase(psi, phase, s, k, end);
        return;
    }
    for (; k + 1 < end; k += 2) {
        const uint64_t i = qk_spread_index(s, k);
        _mm256_storeu_pd(psi + 2 * i, cmul(pr, pi, _mm256_loadu_pd(psi + 2 * i)));
    }
    if (k < end) qk_scalar_phase(psi, phase, s, k, end);
}

QK_AVX2 void qk_avx2_diagonal(double *psi, const unsigned *qubits, unsigned k, const double *diag,
                              uint64_t begin, uint64_t end) {
    /*
     * The local index splits into a part from the low 10 index bits (a table built once) and a
     * part from the high bits (recomputed once per 1024 amplitudes), so the inner loop is a table
     * look-up and a complex product, two amplitudes at a time.
     */
    enum { LOW = 10 };
    unsigned lowq[QK_MAX_DIAGONAL_QUBITS], lowpos[QK_MAX_DIAGONAL_QUBITS], nlow = 0;
    for (unsigned j = 0; j < k; j++)
        if (qubits[j] < LOW) { lowq[nlow] = qubits[j]; lowpos[nlow++] = j; }
    uint32_t table[1u << LOW];
    for (uint32_t t = 0; t < (1u << LOW); t++) {
        uint32_t l = 0;
        for (unsigned j = 0; j < nlow; j++) l |= ((t >> lowq[j]) & 1u) << lowpos[j];
        table[t] = l;
    }
    uint64_t i = begin;
    if ((i & 1) && i < end) { qk_scalar_diagonal(psi, qubits, k, diag, i, i + 1); i++; }
    while (i + 1 < end) {
        const uint64_t block_end = ((i >> LOW) + 1) << LOW;
        const uint64_t stop = (block_end < end ? block_end : end) & ~(uint64_t)1;
        uint64_t high = 0;
        for (unsigned j = 0; j < k; j++)
            if (qubits[j] >= LOW) high |= ((i >> qubits[j]) & 1u) << j;
        const uint64_t mask = (1u << LOW) - 1;
        for (; i < stop; i += 2) {
            const uint64_t l0 = high | table[i & mask], l1 = high | table[(i + 1) & mask];
            const __m256d d = _mm256_set_m128d(_mm_loadu_pd(diag + 2 * l1), _mm_loadu_pd(diag + 2 * l0));
            const __m256d v = _mm256_loadu_pd(psi + 2 * i);
            const __m256d dr = _mm256_movedup_pd(d), di = _mm256_permute_pd(d, 0xF);
            _mm256_storeu_pd(psi + 2 * i, cmul(dr, di, v));
        }
    }
    if (i < end) qk_scalar_diagonal(psi, qubits, k, diag, i, end);
}

QK_AVX2 static inline double hsum(__m256d v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}

QK_AVX2 double qk_avx2_norm2(const double *psi, uint64_t begin, uint64_t end) {
    __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd();
    uint64_t i = begin;
    double tail = 0;
    if ((i & 1) && i < end) { tail += qk_scalar_norm2(psi, i, i + 1); i++; }
    for (; i + 3 < end; i += 4) {
        const __m256d a = _mm256_loadu_pd(psi + 2 * i), b = _mm256_loadu_pd(psi + 2 * i + 4);
        acc0 = _mm256_fmadd_pd(a, a, acc0);
        acc1 = _mm256_fmadd_pd(b, b, acc1);
    }
    if (i < end) tail += qk_scalar_norm2(psi, i, end);
    return hsum(_mm256_add_pd(acc0, acc1)) + tail;
}

QK_AVX2 void qk_avx2_scale(double *psi, double s, uint64_t begin, uint64_t end) {
    const __m256d f = _mm256_set1_pd(s);
    uint64_t i = begin;
    if ((i & 1) && i < end) { qk_scalar_scale(psi, s, i, i + 1); i++; }
    for (; i + 1 < end; i += 2) _mm256_storeu_pd(psi + 2 * i, _mm256_mul_pd(f, _mm256_loadu_pd(psi + 2 * i)));
    if (i < end) qk_scalar_scale(psi, s, i, end);
}

QK_AVX2 double qk_avx2_prob_one(const double *psi, unsigned target, uint64_t begin, uint64_t end) {
    if (target == 0) {
        /* Item k is the pair (2k, 2k+1), one register; only the high lanes (bit 0 set) count. */
        __m256d acc = _mm256_setzero_pd();
        for (uint64_t k = begin; k < end; k++) {
            const __m256d v = _mm256_loadu_pd(psi + 4 * k);
            acc = _mm256_fmadd_pd(v, v, acc);
        }
        const __m128d h = _mm256_extractf128_pd(acc, 1);
        return _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
    }
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    __m256d acc = _mm256_setzero_pd();
    double tail = 0;
    uint64_t k = begin;
    if (k & 1) { tail += qk_scalar_prob_one(psi, target, k, k + 1); k++; }
    for (; k + 1 < end; k += 2) {
        const __m256d v = _mm256_loadu_pd(psi + 2 * (qk_spread_index(&s, k) | bit));
        acc = _mm256_fmadd_pd(v, v, acc);
    }
    if (k < end) tail += qk_scalar_prob_one(psi, target, k, end);
    return hsum(acc) + tail;
}

QK_AVX2 void qk_avx2_collapse(double *psi, unsigned target, int outcome, double scale, uint64_t begin, uint64_t end) {
    if (target == 0) {
        /* Item k is the pair (2k, 2k+1): keep one half of the register, zero the other. */
        const __m256d f = outcome ? _mm256_setr_pd(0, 0, scale, scale) : _mm256_setr_pd(scale, scale, 0, 0);
        for (uint64_t k = begin; k < end; k++)
            _mm256_storeu_pd(psi + 4 * k, _mm256_mul_pd(f, _mm256_loadu_pd(psi + 4 * k)));
        return;
    }
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    const __m256d f = _mm256_set1_pd(scale), zero = _mm256_setzero_pd();
    uint64_t k = begin;
    if (k & 1) { qk_scalar_collapse(psi, target, outcome, scale, k, k + 1); k++; }
    for (; k + 1 < end; k += 2) {
        const uint64_t i0 = qk_spread_index(&s, k), i1 = i0 | bit;
        double *keep = psi + 2 * (outcome ? i1 : i0), *drop = psi + 2 * (outcome ? i0 : i1);
        _mm256_storeu_pd(keep, _mm256_mul_pd(f, _mm256_loadu_pd(keep)));
        _mm256_storeu_pd(drop, zero);
    }
    if (k < end) qk_scalar_collapse(psi, target, outcome, scale, k, end);
}

QK_AVX2 void qk_avx2_inner(const double *a, const double *b, uint64_t begin, uint64_t end, double *out) {
    /* conj(a) b: re = ar br + ai bi (sum of the lanes of a*b), im = ar bi - ai br (from a*swap(b)). */
    __m256d re = _mm256_setzero_pd(), im = _mm256_setzero_pd();
    uint64_t i = begin;
    if ((i & 1) && i < end) { qk_scalar_inner(a, b, i, i + 1, out); i++; }
    for (; i + 1 < end; i += 2) {
        const __m256d va = _mm256_loadu_pd(a + 2 * i), vb = _mm256_loadu_pd(b + 2 * i);
        re = _mm256_fmadd_pd(va, vb, re);
        im = _mm256_fmadd_pd(va, swap_ri(vb), im);
    }
    if (i < end) qk_scalar_inner(a, b, i, end, out);
    const __m256d sign = _mm256_setr_pd(1, -1, 1, -1);
    out[0] += hsum(re);
    out[1] += hsum(_mm256_mul_pd(im, sign));
}

QK_AVX2 void qk_avx2_pauli_sum(const double *psi, uint64_t xmask, uint64_t zmask, uint64_t begin, uint64_t end,
                               double *out) {
    __m256d re = _mm256_setzero_pd(), im = _mm256_setzero_pd();
    const int flip_low = (int)(xmask & 1);
    const double s1 = (zmask & 1) ? -1.0 : 1.0; /* sign of i+1 relative to i, for even i */
    uint64_t i = begin;
    if ((i & 1) && i < end) { qk_scalar_pauli_sum(psi, xmask, zmask, i, i + 1, out); i++; }
    for (; i + 1 < end; i += 2) {
        const double s0 = (__builtin_popcountll(i & zmask) & 1) ? -1.0 : 1.0;
        const __m256d sign = _mm256_setr_pd(s0, s0, s0 * s1, s0 * s1);
        __m256d va = _mm256_loadu_pd(psi + 2 * ((i ^ xmask) & ~(uint64_t)1));
        if (flip_low) va = _mm256_permute2f128_pd(va, va, 0x01);
        const __m256d vb = _mm256_mul_pd(sign, _mm256_loadu_pd(psi + 2 * i));
        re = _mm256_fmadd_pd(va, vb, re);
        im = _mm256_fmadd_pd(va, swap_ri(vb), im);
    }
    if (i < end) qk_scalar_pauli_sum(psi, xmask, zmask, i, end, out);
    const __m256d sign = _mm256_setr_pd(1, -1, 1, -1);
    out[0] += hsum(re);
    out[1] += hsum(_mm256_mul_pd(im, sign));
}

#endif /* QK_HAVE_AVX2_BUILD */
