/*
 * Single precision: a fused block replayed gate by gate in registers (qk_f32_apply_sequence).
 *
 * A dense k-qubit block costs 2^k complex multiply-adds per amplitude whatever it holds. The blocks
 * of a random layered circuit hold a few one-qubit matrices and CX gates: replayed one by one, each
 * one-qubit matrix costs 2 multiply-adds per amplitude and each CX usually nothing (the caller has
 * folded the permutations into which slot meets which, and into where each slot is stored). At
 * k = 3 that is about half the arithmetic of the dense product, and a k = 5 block of eight gates
 * costs what a dense k = 3 block does, in one pass over the state instead of two or three.
 *
 * The program's step kinds are listed in qk_kernels_f32.h. A unit step, [[1, b], [c, d]] with c
 * real and shared by the step, is five multiplies or FMAs per register pair instead of a matrix
 * step's eight; the caller factors gates that way (ReplayProgram.swift). When the block holds
 * qubit 0 or 1, those bits are lanes of every register: a one-qubit gate on them permutes lanes
 * inside each register (lane steps), and a CX between a lane bit and a register bit is a blend.
 */
#include "qk_internal.h"

/* Bytes of the slot table a step uses (its pairs or registers, with a count where variable). */
static inline unsigned step_bytes(uint8_t kind, const uint8_t *p, unsigned dim) {
    switch (kind) {
    case QK_STEP_MATRIX:
    case QK_STEP_UNIT: return dim;
    case QK_STEP_SWAP: return 1u + 2u * p[0];
    default: return 1u + p[0];
    }
}

/* Floats of coefficients a step uses. */
static inline unsigned step_floats(uint8_t kind, unsigned dim) {
    switch (kind) {
    case QK_STEP_MATRIX: return 4 * dim;
    case QK_STEP_UNIT: return 1 + 2 * dim;
    case QK_STEP_SWAP:
    case QK_STEP_FLIP0:
    case QK_STEP_FLIP1: return 8;
    default: return 32;
    }
}

/* The portable body, for slots that are whole local states (no lane steps). */
static void sequence_scalar(float *psi, unsigned k, unsigned nsteps, const uint8_t *kinds, const float *coefs,
                            const uint8_t *pairs, const uint64_t *load, const uint64_t *store, const qk_spread *s,
                            uint64_t begin, uint64_t end) {
    const unsigned dim = 1u << k;
    float v[2 * QK_DENSE_DIM];
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++) {
            v[2 * c] = psi[2 * (base + load[c])];
            v[2 * c + 1] = psi[2 * (base + load[c]) + 1];
        }
        const float *q = coefs;
        const uint8_t *p = pairs;
        for (unsigned t = 0; t < nsteps; t++) {
            const int unit = kinds[t] == QK_STEP_UNIT;
            const float c = unit ? q[0] : 0;
            const float *m = q + unit;
            for (unsigned j = 0; j < dim; j += 2) {
                float *a = v + 2 * (p[j] & (QK_DENSE_DIM - 1)), *b = v + 2 * (p[j + 1] & (QK_DENSE_DIM - 1));
                const float xr = a[0], xi = a[1], yr = b[0], yi = b[1];
                if (unit) {
                    a[0] = xr + m[0] * yr - m[1] * yi;
                    a[1] = xi + m[0] * yi + m[1] * yr;
                    b[0] = c * xr + m[2] * yr - m[3] * yi;
                    b[1] = c * xi + m[2] * yi + m[3] * yr;
                    m += 4;
                } else {
                    a[0] = m[0] * xr - m[1] * xi + m[2] * yr - m[3] * yi;
                    a[1] = m[0] * xi + m[1] * xr + m[2] * yi + m[3] * yr;
                    b[0] = m[4] * xr - m[5] * xi + m[6] * yr - m[7] * yi;
                    b[1] = m[4] * xi + m[5] * xr + m[6] * yi + m[7] * yr;
                    m += 8;
                }
            }
            q += step_floats(kinds[t], dim);
            p += step_bytes(kinds[t], p, dim);
        }
        for (unsigned c = 0; c < dim; c++) {
            psi[2 * (base + store[c])] = v[2 * c];
            psi[2 * (base + store[c]) + 1] = v[2 * c + 1];
        }
    }
}

#if defined(QK_HAVE_AVX2_BUILD)
#include "qk_f32_avx2.h"

#define QK_SLOT(x) ((x) & (QK_DENSE_DIM - 1))

/*
 * The steps on 2^h register slots, `groups` registers per slot (slot c, group g at
 * v[groups * c + g]). The slots stay in an array: the pairs are run-time data, so the compiler
 * cannot name registers for them; the array lives in L1 and store-to-load forwarding serves it.
 * A matrix step's pair is 2 permutes, 4 multiplies or FMAs per output and an addsub (cdot2); a
 * unit step's pair one permute and five multiplies or FMAs.
 */
QK_AVX2 static inline __attribute__((always_inline)) void replay_steps(__m256 *v, const unsigned dim,
                                                                      const unsigned groups, unsigned nsteps,
                                                                      const uint8_t *kinds, const float *coefs,
                                                                      const uint8_t *pairs) {
    const float *q = coefs;
    const uint8_t *p = pairs;
    for (unsigned t = 0; t < nsteps; t++) {
        const uint8_t kind = kinds[t];
        if (kind == QK_STEP_UNIT) {
            const __m256 c = BCAST(q[0]);
            const float *m = q + 1;
            for (unsigned j = 0; j < dim; j += 2, m += 4) {
                const unsigned a = groups * QK_SLOT(p[j]), b = groups * QK_SLOT(p[j + 1]);
                const __m256 br = BCAST(m[0]), bi = BCAST(m[1]), dr = BCAST(m[2]), di = BCAST(m[3]);
                for (unsigned g = 0; g < groups; g++) {
                    const __m256 x = v[a + g], y = v[b + g], sy = swap_ri(y);
                    v[a + g] = _mm256_addsub_ps(_mm256_fmadd_ps(br, y, x), _mm256_mul_ps(bi, sy));
                    v[b + g] = _mm256_addsub_ps(_mm256_fmadd_ps(dr, y, _mm256_mul_ps(c, x)), _mm256_mul_ps(di, sy));
                }
            }
        } else if (kind == QK_STEP_MATRIX) {
            const float *m = q;
            for (unsigned j = 0; j < dim; j += 2, m += 8) {
                const unsigned a = groups * QK_SLOT(p[j]), b = groups * QK_SLOT(p[j + 1]);
                const __m256 r00 = BCAST(m[0]), i00 = BCAST(m[1]), r01 = BCAST(m[2]), i01 = BCAST(m[3]);
                const __m256 r10 = BCAST(m[4]), i10 = BCAST(m[5]), r11 = BCAST(m[6]), i11 = BCAST(m[7]);
                for (unsigned g = 0; g < groups; g++) {
                    const __m256 x = v[a + g], y = v[b + g];
                    v[a + g] = cdot2(r00, i00, x, r01, i01, y);
                    v[b + g] = cdot2(r10, i10, x, r11, i11, y);
                }
            }
        } else if (kind == QK_STEP_SWAP) {
            /* A controlled X from a lane bit to a slot bit: the slots exchange the lanes marked. */
            const __m256 mask = LD(q);
            for (unsigned j = 0; j < p[0]; j++) {
                const unsigned a = groups * QK_SLOT(p[1 + 2 * j]), b = groups * QK_SLOT(p[2 + 2 * j]);
                for (unsigned g = 0; g < groups; g++) {
                    const __m256 x = v[a + g], y = v[b + g];
                    v[a + g] = _mm256_blendv_ps(x, y, mask);
                    v[b + g] = _mm256_blendv_ps(y, x, mask);
                }
            }
        } else if (kind == QK_STEP_FLIP0 || kind == QK_STEP_FLIP1) {
            /* A controlled X onto a lane bit: the lanes marked take their partner's amplitude. */
            const __m256 mask = LD(q);
            for (unsigned j = 0; j < p[0]; j++) {
                const unsigned a = groups * QK_SLOT(p[1 + j]);
                for (unsigned g = 0; g < groups; g++) {
                    const __m256 x = v[a + g];
                    const __m256 y = kind == QK_STEP_FLIP0 ? _mm256_permute_ps(x, 0x4E) : _mm256_permute2f128_ps(x, x, 0x01);
                    v[a + g] = _mm256_blendv_ps(x, y, mask);
                }
            }
        } else {
            /* A lane step: x <- C0 x + C1 x', x' the register with lane bit 0 or 1 flipped. */
            const __m256 c0r = LD(q), c0i = LD(q + 8), c1r = LD(q + 16), c1i = LD(q + 24);
            for (unsigned j = 0; j < p[0]; j++) {
                const unsigned a = groups * QK_SLOT(p[1 + j]);
                for (unsigned g = 0; g < groups; g++) {
                    const __m256 x = v[a + g];
                    const __m256 y = kind == QK_STEP_LANE0 ? _mm256_permute_ps(x, 0x4E) : _mm256_permute2f128_ps(x, x, 0x01);
                    v[a + g] = cdot2(c0r, c0i, x, c1r, c1i, y);
                }
            }
        }
        q += step_floats(kind, dim);
        p += step_bytes(kind, p, dim);
    }
}

/*
 * Block qubits all >= 2: four consecutive items are one register per slot. QK_REPLAY_GROUPS
 * registers per slot (then 2, then 1 at the end of a range) are replayed together: each
 * broadcast coefficient and slot number then serves eight registers, and each slot's lines are
 * whole. Whole lines matter when the block's qubits are high: its 2^k lines lie 2^q * 8 bytes
 * apart and fall into one L1 and one L2 set, more than the ways, and a register at a time loaded
 * every line twice (a k = 5 pass on qubits 15..19 took 5x as long as on qubits 2..6, 2.0 vs
 * 0.4 ms at n = 20; whole lines brought that to 2x). Against two registers per slot, eight made
 * random d20 at n = 20 about 15% faster (1 thread, minimum of 8 runs), sixteen no faster.
 * Software prefetching measured no gain.
 */
#define QK_REPLAY_GROUPS 8

QK_AVX2 static inline __attribute__((always_inline)) void sequence_groups(float *psi, const unsigned dim,
                                                                         const unsigned groups, unsigned nsteps,
                                                                         const uint8_t *kinds, const float *coefs,
                                                                         const uint8_t *pairs, const uint64_t *load,
                                                                         const uint64_t *store, const qk_spread *s,
                                                                         uint64_t k) {
    uint64_t base[QK_REPLAY_GROUPS];
    __m256 v[QK_REPLAY_GROUPS * QK_DENSE_DIM];
    for (unsigned g = 0; g < groups; g++) base[g] = qk_spread_index(s, k + 4 * g);
    for (unsigned c = 0; c < dim; c++)
        for (unsigned g = 0; g < groups; g++) v[groups * c + g] = LD(psi + 2 * (base[g] + load[c]));
    replay_steps(v, dim, groups, nsteps, kinds, coefs, pairs);
    for (unsigned c = 0; c < dim; c++)
        for (unsigned g = 0; g < groups; g++) ST(psi + 2 * (base[g] + store[c]), v[groups * c + g]);
}

/*
 * The slot count stays a run-time value: with it constant (8 or 16) clang unrolled the pair loop
 * and the replay ran 2-5x slower at some step counts (measured at n = 20).
 */
QK_AVX2 static void sequence_high(float *psi, const unsigned dim, unsigned nsteps, const uint8_t *kinds,
                                  const float *coefs, const uint8_t *pairs, const uint64_t *load, const uint64_t *store,
                                  const qk_spread *s, uint64_t begin, uint64_t end) {
    uint64_t k = begin;
    for (; k + 4 * QK_REPLAY_GROUPS <= end; k += 4 * QK_REPLAY_GROUPS)
        sequence_groups(psi, dim, QK_REPLAY_GROUPS, nsteps, kinds, coefs, pairs, load, store, s, k);
    for (; k + 8 <= end; k += 8) sequence_groups(psi, dim, 2, nsteps, kinds, coefs, pairs, load, store, s, k);
    for (; k < end; k += 4) sequence_groups(psi, dim, 1, nsteps, kinds, coefs, pairs, load, store, s, k);
}

/* One register group of sequence_low; only the lanes of items in [begin, end) are written. */
QK_AVX2 static void sequence_low_group(float *psi, unsigned dim, unsigned nsteps, const uint8_t *kinds,
                                       const float *coefs, const uint8_t *pairs, const uint64_t *load,
                                       const uint64_t *store, const qk_spread *s, uint64_t g, unsigned f,
                                       const unsigned *lane_item, uint64_t begin, uint64_t end) {
    const uint64_t base = qk_spread_index(s, g);
    __m256 v[QK_DENSE_DIM];
    for (unsigned c = 0; c < dim; c++) v[c] = LD(psi + 2 * (base + load[c]));
    replay_steps(v, dim, 1, nsteps, kinds, coefs, pairs);
    const uint64_t first = g << f;
    if (first >= begin && first + (1u << f) <= end) {
        for (unsigned c = 0; c < dim; c++) ST(psi + 2 * (base + store[c]), v[c]);
        return;
    }
    int32_t m[8];
    for (unsigned a = 0; a < 4; a++) {
        const uint64_t item = first + lane_item[a];
        m[2 * a] = m[2 * a + 1] = (item >= begin && item < end) ? -1 : 0;
    }
    const __m256i mask = _mm256_loadu_si256((const __m256i *)m);
    for (unsigned c = 0; c < dim; c++) _mm256_maskstore_ps(psi + 2 * (base + store[c]), mask, v[c]);
}

/*
 * Block qubits include 0 and/or 1: the 2^h registers at base | offset(slot) over the block's high
 * qubits hold every amplitude the block mixes, for 4 / 2^(block's low qubits) items. Items are
 * qk_dense_items' (the free bits among 0 and 1 are the item's lowest bits), so a range cut
 * inside a register group writes back only the lanes of its own items.
 */
QK_AVX2 static void sequence_low(float *psi, const unsigned *qubits, unsigned k, unsigned nsteps,
                                 const uint8_t *kinds, const float *coefs, const uint8_t *pairs,
                                 const uint8_t *labels, uint64_t begin, uint64_t end) {
    unsigned high[QK_MAX_DENSE_QUBITS], nh = 0, lowmask = 0;
    for (unsigned j = 0; j < k; j++) {
        if (qubits[j] < 2) lowmask |= 1u << qubits[j];
        else high[nh++] = qubits[j];
    }
    const unsigned dim = 1u << nh;
    uint64_t load[QK_DENSE_DIM], store[QK_DENSE_DIM];
    qk_dense_offsets(high, nh, load);
    for (unsigned c = 0; c < dim; c++) store[c] = load[labels[c] & (dim - 1)];
    unsigned positions[QK_MAX_DENSE_QUBITS + 2], np = 0;
    positions[np++] = 0;
    positions[np++] = 1;
    for (unsigned j = 0; j < nh; j++) positions[np++] = high[j];
    qk_spread s;
    qk_spread_init(&s, positions, np, NULL, 0, 0);
    /* Free low bits: the item's lowest bits. lane_item[a]: which item of the group lane a is. */
    const unsigned freebits = 3u & ~lowmask, f = (unsigned)__builtin_popcount(freebits);
    unsigned lane_item[4];
    for (unsigned a = 0; a < 4; a++) {
        unsigned i = 0, b = 0;
        for (unsigned bit = 0; bit < 2; bit++)
            if ((freebits >> bit) & 1u) i |= ((a >> bit) & 1u) << b++;
        lane_item[a] = i;
    }
    const uint64_t g0 = begin >> f, g1 = (end + (1u << f) - 1) >> f;
    uint64_t g = g0;
    /* Whole groups eight at a time (as sequence_high), then the rest one by one, masked if cut. */
    if ((g0 << f) < begin && g < g1)
        sequence_low_group(psi, dim, nsteps, kinds, coefs, pairs, load, store, &s, g++, f, lane_item, begin, end);
    const uint64_t whole = ((end >> f) > g) ? (end >> f) : g; /* groups below this one are whole */
    for (; g + QK_REPLAY_GROUPS <= whole; g += QK_REPLAY_GROUPS) {
        uint64_t b[QK_REPLAY_GROUPS];
        for (unsigned i = 0; i < QK_REPLAY_GROUPS; i++) b[i] = qk_spread_index(&s, g + i);
        __m256 v[QK_REPLAY_GROUPS * QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++)
            for (unsigned i = 0; i < QK_REPLAY_GROUPS; i++) v[QK_REPLAY_GROUPS * c + i] = LD(psi + 2 * (b[i] + load[c]));
        replay_steps(v, dim, QK_REPLAY_GROUPS, nsteps, kinds, coefs, pairs);
        for (unsigned c = 0; c < dim; c++)
            for (unsigned i = 0; i < QK_REPLAY_GROUPS; i++) ST(psi + 2 * (b[i] + store[c]), v[QK_REPLAY_GROUPS * c + i]);
    }
    for (; g < g1; g++)
        sequence_low_group(psi, dim, nsteps, kinds, coefs, pairs, load, store, &s, g, f, lane_item, begin, end);
}

QK_AVX2 static void sequence_avx2(float *psi, unsigned k, unsigned nsteps, const uint8_t *kinds,
                                  const float *coefs, const uint8_t *pairs, const uint64_t *load, const uint64_t *store,
                                  const qk_spread *s, uint64_t begin, uint64_t end) {
    uint64_t lo = (begin + 3) & ~(uint64_t)3, hi = end & ~(uint64_t)3;
    if (lo > end) lo = end;
    if (hi < lo) hi = lo;
    if (begin < lo) sequence_scalar(psi, k, nsteps, kinds, coefs, pairs, load, store, s, begin, lo);
    sequence_high(psi, 1u << k, nsteps, kinds, coefs, pairs, load, store, s, lo, hi);
    if (hi < end) sequence_scalar(psi, k, nsteps, kinds, coefs, pairs, load, store, s, hi, end);
}
#endif

int qk_f32_apply_sequence(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k, unsigned nsteps,
                          const uint8_t *kinds, const float *coefs, const uint8_t *pairs, const uint8_t *labels,
                          uint64_t begin, uint64_t end) {
    (void)n;
    if (k == 0 || k > QK_MAX_DENSE_QUBITS) return -1;
    int low = 0;
    for (unsigned j = 0; j < k; j++) low |= qubits[j] < 2;
    for (unsigned t = 0; t < nsteps && !low; t++) /* lane kinds without lanes: a malformed program */
        if (kinds[t] != QK_STEP_MATRIX && kinds[t] != QK_STEP_UNIT) return -1;
#if defined(QK_HAVE_AVX2_BUILD)
    const int avx2 = qk_isa_resolve(isa) == QK_ISA_AVX2;
    if (low) {
        if (!avx2) return -1;
        sequence_low(psi, qubits, k, nsteps, kinds, coefs, pairs, labels, begin, end);
        return 0;
    }
#else
    (void)isa;
    const int avx2 = 0;
    if (low) return -1;
#endif
    const unsigned dim = 1u << k;
    uint64_t load[QK_DENSE_DIM], store[QK_DENSE_DIM];
    qk_dense_offsets(qubits, k, load);
    for (unsigned c = 0; c < dim; c++) store[c] = load[labels[c] & (dim - 1)];
    qk_spread s;
    qk_spread_init(&s, qubits, k, NULL, 0, 0);
#if defined(QK_HAVE_AVX2_BUILD)
    if (avx2) {
        sequence_avx2(psi, k, nsteps, kinds, coefs, pairs, load, store, &s, begin, end);
        return 0;
    }
#endif
    sequence_scalar(psi, k, nsteps, kinds, coefs, pairs, load, store, &s, begin, end);
    return 0;
}
