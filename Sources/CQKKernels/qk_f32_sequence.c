/*
 * Single precision: a fused block replayed gate by gate in registers (qk_f32_apply_sequence).
 *
 * A dense k-qubit block costs 2^k complex multiply-adds per amplitude whatever it holds. The blocks
 * of a random layered circuit hold a few one-qubit matrices and CX gates: replayed one by one, each
 * one-qubit matrix costs 2 multiply-adds per amplitude and each CX nothing (the caller has folded
 * the permutations into which slot meets which, and into where each slot is stored). At k = 3 that
 * is about half the arithmetic of the dense product, and a k = 5 block of eight gates costs what a
 * dense k = 3 block does, in one pass over the state instead of two or three.
 */
#include "qk_internal.h"

static void sequence_scalar(float *psi, unsigned k, unsigned nsteps, const float *coefs, const uint8_t *pairs,
                            const uint64_t *load, const uint64_t *store, const qk_spread *s, uint64_t begin,
                            uint64_t end) {
    const unsigned dim = 1u << k;
    float v[2 * QK_DENSE_DIM];
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++) {
            v[2 * c] = psi[2 * (base + load[c])];
            v[2 * c + 1] = psi[2 * (base + load[c]) + 1];
        }
        for (unsigned t = 0; t < nsteps; t++) {
            const float *m = coefs + 8 * t;
            const uint8_t *p = pairs + (uint64_t)t * dim;
            for (unsigned j = 0; j < dim; j += 2) {
                float *a = v + 2 * (p[j] & (QK_DENSE_DIM - 1)), *b = v + 2 * (p[j + 1] & (QK_DENSE_DIM - 1));
                const float ar = a[0], ai = a[1], br = b[0], bi = b[1];
                a[0] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
                a[1] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
                b[0] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
                b[1] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
            }
        }
        for (unsigned c = 0; c < dim; c++) {
            psi[2 * (base + store[c])] = v[2 * c];
            psi[2 * (base + store[c]) + 1] = v[2 * c + 1];
        }
    }
}

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"

/*
 * Block qubits all >= 2: four consecutive items are one register per slot. The slots stay in an
 * array (the pairs are run-time data, so the compiler cannot name registers for them; the array
 * lives in L1 and store-to-load forwarding serves it). Per step the matrix is broadcast once and
 * every pair is 2 permutes, 4 multiplies or FMAs per output and an addsub (cdot2).
 *
 * `groups` registers per slot (1 or 2) are replayed together. Two (eight items, a whole 64-byte
 * line per slot) is the main loop: when the block's qubits are high, its 2^k lines lie 2^q * 8
 * bytes apart and fall into one L1 and one L2 set, more than the ways; a group at a time loaded
 * every line twice, and a k = 5 pass on qubits 15..19 took 5x as long as on qubits 2..6 (2.0 vs
 * 0.4 ms at n = 20); whole lines bring that to 2x. It also spreads each broadcast over twice the
 * pairs. Software prefetching measured no gain here.
 */
QK_AVX2 static inline __attribute__((always_inline)) void sequence_groups(float *psi, const unsigned dim,
                                                                         const unsigned groups, unsigned nsteps,
                                                                         const float *coefs, const uint8_t *pairs,
                                                                         const uint64_t *load, const uint64_t *store,
                                                                         const qk_spread *s, uint64_t k) {
    uint64_t base[2];
    __m256 v[2 * QK_DENSE_DIM]; /* slot c, group g at v[groups * c + g] */
    for (unsigned g = 0; g < groups; g++) base[g] = qk_spread_index(s, k + 4 * g);
    for (unsigned c = 0; c < dim; c++)
        for (unsigned g = 0; g < groups; g++) v[groups * c + g] = LD(psi + 2 * (base[g] + load[c]));
    for (unsigned t = 0; t < nsteps; t++) {
        const float *m = coefs + 8 * t;
        const __m256 r00 = BCAST(m[0]), i00 = BCAST(m[1]), r01 = BCAST(m[2]), i01 = BCAST(m[3]);
        const __m256 r10 = BCAST(m[4]), i10 = BCAST(m[5]), r11 = BCAST(m[6]), i11 = BCAST(m[7]);
        const uint8_t *p = pairs + (uint64_t)t * dim;
        for (unsigned j = 0; j < dim; j += 2) {
            const unsigned a = groups * (p[j] & (QK_DENSE_DIM - 1)), b = groups * (p[j + 1] & (QK_DENSE_DIM - 1));
            for (unsigned g = 0; g < groups; g++) {
                const __m256 x = v[a + g], y = v[b + g];
                v[a + g] = cdot2(r00, i00, x, r01, i01, y);
                v[b + g] = cdot2(r10, i10, x, r11, i11, y);
            }
        }
    }
    for (unsigned c = 0; c < dim; c++)
        for (unsigned g = 0; g < groups; g++) ST(psi + 2 * (base[g] + store[c]), v[groups * c + g]);
}

/*
 * The slot count stays a run-time value: with it constant (8 or 16) clang unrolled the pair loop
 * and the replay ran 2-5x slower at some step counts (measured at n = 20).
 */
QK_AVX2 static void sequence_high(float *psi, const unsigned dim, unsigned nsteps, const float *coefs,
                                  const uint8_t *pairs, const uint64_t *load, const uint64_t *store,
                                  const qk_spread *s, uint64_t begin, uint64_t end) {
    uint64_t k = begin;
    for (; k + 8 <= end; k += 8) sequence_groups(psi, dim, 2, nsteps, coefs, pairs, load, store, s, k);
    for (; k < end; k += 4) sequence_groups(psi, dim, 1, nsteps, coefs, pairs, load, store, s, k);
}

QK_AVX2 static void sequence_avx2(float *psi, unsigned k, unsigned nsteps, const float *coefs,
                                  const uint8_t *pairs, const uint64_t *load, const uint64_t *store,
                                  const qk_spread *s, uint64_t begin, uint64_t end) {
    if (s->lowest < 2) { /* a slot would be part of a register: the portable body */
        sequence_scalar(psi, k, nsteps, coefs, pairs, load, store, s, begin, end);
        return;
    }
    uint64_t lo = (begin + 3) & ~(uint64_t)3, hi = end & ~(uint64_t)3;
    if (lo > end) lo = end;
    if (hi < lo) hi = lo;
    if (begin < lo) sequence_scalar(psi, k, nsteps, coefs, pairs, load, store, s, begin, lo);
    sequence_high(psi, 1u << k, nsteps, coefs, pairs, load, store, s, lo, hi);
    if (hi < end) sequence_scalar(psi, k, nsteps, coefs, pairs, load, store, s, hi, end);
}
#endif

void qk_f32_apply_sequence(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k, unsigned nsteps,
                           const float *coefs, const uint8_t *pairs, const uint8_t *labels, uint64_t begin,
                           uint64_t end) {
    (void)n;
    if (k == 0 || k > QK_MAX_DENSE_QUBITS) return;
    const unsigned dim = 1u << k;
    uint64_t load[QK_DENSE_DIM], store[QK_DENSE_DIM];
    qk_dense_offsets(qubits, k, load);
    for (unsigned c = 0; c < dim; c++) store[c] = load[labels[c] & (dim - 1)];
    qk_spread s;
    qk_spread_init(&s, qubits, k, NULL, 0, 0);
#if defined(QK_HAVE_AVX2_BUILD)
    if (qk_isa_resolve(isa) == QK_ISA_AVX2) {
        sequence_avx2(psi, k, nsteps, coefs, pairs, load, store, &s, begin, end);
        return;
    }
#else
    (void)isa;
#endif
    sequence_scalar(psi, k, nsteps, coefs, pairs, load, store, &s, begin, end);
}
