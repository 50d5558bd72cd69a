/*
 * The complex128 AVX2 body of a dense 2^k x 2^k matrix on k = 1..QK_MAX_DENSE_QUBITS arbitrary
 * qubits, optionally under controls: the kernel that fused gate blocks run on, and the AVX2 body of
 * the controlled one- and two-qubit matrix kernels whenever qubit 0 is among their qubits (the
 * scalar body is in qk_scalar_template.h, the entry points in qk_dispatch_template.h).
 *
 * Each work item gathers the 2^k amplitudes that the block mixes, multiplies them by the matrix
 * and scatters them back. The AVX2 version handles two items per register: lane pair 0 holds item
 * k's amplitude, lane pair 1 item k+1's. When no block or control qubit is qubit 0, the two items'
 * amplitudes are adjacent and one 256-bit load fetches both; otherwise two 128-bit loads do
 * (qubit 0 inside the block costs one extra load per column, not a scalar fallback). The matrix
 * entries are broadcast from memory (L1: 16 KiB at k = 5), and four rows are accumulated at once
 * so eight independent FMA chains hide the FMA latency. A complex product needs no per-column
 * shuffle: accumulating re = sum mr v and im = sum mi v, the result is addsub(re, swap(im)).
 */
#include "qk_internal.h"

#if defined(QK_HAVE_AVX2_BUILD)
#include <immintrin.h>
#define QK_AVX2 __attribute__((target("avx2,fma")))
#define QK_INLINE static inline __attribute__((always_inline))
#ifndef QK_DENSE_QUADS
#define QK_DENSE_QUADS 1
#endif

/*
 * Items [begin, end) with begin even and end - begin even, two per iteration. `dim` and `adjacent`
 * are compile-time constants at each call site below, so the loops unroll per block size.
 */
QK_AVX2 QK_INLINE void qk_avx2_dense_pairs(double *psi, const unsigned dim, const double *m, const uint64_t *off,
                                           const qk_spread *s, uint64_t begin, uint64_t end, const int adjacent) {
    const unsigned rows = dim < 4 ? dim : 4;
    const int prefetch = adjacent && qk_wants_prefetch(s);
    for (uint64_t item = begin; item < end; item += 2) {
        const uint64_t ia = qk_spread_index(s, item);
        const uint64_t ib = adjacent ? ia + 1 : qk_spread_index(s, item + 1);
        if (prefetch && (item & 3) == 0 && item + QK_PREFETCH_ITEMS < end) {
            const uint64_t p = qk_spread_index(s, item + QK_PREFETCH_ITEMS);
            for (unsigned c = 0; c < dim; c++) _mm_prefetch((const char *)(psi + 2 * (p + off[c])), _MM_HINT_T0);
        }
        __m256d v[QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++)
            v[c] = adjacent ? _mm256_loadu_pd(psi + 2 * (ia + off[c]))
                            : _mm256_loadu2_m128d(psi + 2 * (ib + off[c]), psi + 2 * (ia + off[c]));
        for (unsigned r = 0; r < dim; r += rows) {
            __m256d re[4], im[4];
            for (unsigned j = 0; j < rows; j++) { re[j] = _mm256_setzero_pd(); im[j] = _mm256_setzero_pd(); }
            for (unsigned c = 0; c < dim; c++) {
                for (unsigned j = 0; j < rows; j++) {
                    const double *e = m + 2 * ((uint64_t)(r + j) * dim + c);
                    re[j] = _mm256_fmadd_pd(_mm256_broadcast_sd(e), v[c], re[j]);
                    im[j] = _mm256_fmadd_pd(_mm256_broadcast_sd(e + 1), v[c], im[j]);
                }
            }
            for (unsigned j = 0; j < rows; j++) {
                const __m256d out = _mm256_addsub_pd(re[j], _mm256_permute_pd(im[j], 0x5));
                if (adjacent) _mm256_storeu_pd(psi + 2 * (ia + off[r + j]), out);
                else _mm256_storeu2_m128d(psi + 2 * (ib + off[r + j]), psi + 2 * (ia + off[r + j]), out);
            }
        }
    }
}

/*
 * Four items per iteration when index bits 0 and 1 are free (no block or control qubit below 2):
 * items k..k+3 are amplitudes ia..ia+3, two registers per column, so each broadcast matrix entry
 * feeds two FMAs (0.75 loads per FMA instead of 1.1). Items [begin, end) with both multiples of 4.
 */
QK_AVX2 QK_INLINE void qk_avx2_dense_quads(double *psi, const unsigned dim, const double *m, const uint64_t *off,
                                           const qk_spread *s, uint64_t begin, uint64_t end) {
    const int prefetch = qk_wants_prefetch(s);
    for (uint64_t item = begin; item < end; item += 4) {
        const uint64_t ia = qk_spread_index(s, item);
        if (prefetch && item + QK_PREFETCH_ITEMS < end) {
            const uint64_t p = qk_spread_index(s, item + QK_PREFETCH_ITEMS);
            for (unsigned c = 0; c < dim; c++) _mm_prefetch((const char *)(psi + 2 * (p + off[c])), _MM_HINT_T0);
        }
        __m256d v0[QK_DENSE_DIM], v1[QK_DENSE_DIM];
        for (unsigned c = 0; c < dim; c++) {
            v0[c] = _mm256_loadu_pd(psi + 2 * (ia + off[c]));
            v1[c] = _mm256_loadu_pd(psi + 2 * (ia + off[c]) + 4);
        }
        for (unsigned r = 0; r < dim; r += 2) {
            __m256d re[4], im[4]; /* [row j][half h] at 2j + h */
            for (unsigned j = 0; j < 4; j++) { re[j] = _mm256_setzero_pd(); im[j] = _mm256_setzero_pd(); }
            for (unsigned c = 0; c < dim; c++) {
                for (unsigned j = 0; j < 2; j++) {
                    const double *e = m + 2 * ((uint64_t)(r + j) * dim + c);
                    const __m256d br = _mm256_broadcast_sd(e), bi = _mm256_broadcast_sd(e + 1);
                    re[2 * j] = _mm256_fmadd_pd(br, v0[c], re[2 * j]);
                    im[2 * j] = _mm256_fmadd_pd(bi, v0[c], im[2 * j]);
                    re[2 * j + 1] = _mm256_fmadd_pd(br, v1[c], re[2 * j + 1]);
                    im[2 * j + 1] = _mm256_fmadd_pd(bi, v1[c], im[2 * j + 1]);
                }
            }
            for (unsigned j = 0; j < 2; j++) {
                double *out = psi + 2 * (ia + off[r + j]);
                _mm256_storeu_pd(out, _mm256_addsub_pd(re[2 * j], _mm256_permute_pd(im[2 * j], 0x5)));
                _mm256_storeu_pd(out + 4, _mm256_addsub_pd(re[2 * j + 1], _mm256_permute_pd(im[2 * j + 1], 0x5)));
            }
        }
    }
}

#define QK_DENSE_CASE(K)                                                                               \
    case K:                                                                                            \
        if (quads) {                                                                                   \
            qk_avx2_dense_pairs(psi, 1u << K, m, offsets, s, lo, qlo, 1);                              \
            qk_avx2_dense_quads(psi, 1u << K, m, offsets, s, qlo, qhi);                                \
            qk_avx2_dense_pairs(psi, 1u << K, m, offsets, s, qhi, hi, 1);                              \
        } else if (adjacent) qk_avx2_dense_pairs(psi, 1u << K, m, offsets, s, lo, hi, 1);              \
        else qk_avx2_dense_pairs(psi, 1u << K, m, offsets, s, lo, hi, 0);                              \
        break;

QK_AVX2 void qk_avx2_dense(double *psi, const unsigned *qubits, unsigned k, const double *m, const uint64_t *offsets,
                           const qk_spread *s, uint64_t begin, uint64_t end) {
    uint64_t lo = begin, hi = end;
    if (lo & 1) { qk_scalar_dense(psi, qubits, k, m, offsets, s, lo, lo + 1); lo++; }
    if (hi > lo && ((hi - lo) & 1)) { qk_scalar_dense(psi, qubits, k, m, offsets, s, hi - 1, hi); hi--; }
    if (hi <= lo) return;
    const int adjacent = s->lowest >= 1;
    /* Quads need bits 0 and 1 free and a 4-aligned stretch; the pairs loop takes the ends. */
    const uint64_t qlo = (lo + 3) & ~(uint64_t)3, qhi = hi & ~(uint64_t)3;
    const int quads = QK_DENSE_QUADS && k >= 3 && s->lowest >= 2 && qlo < qhi;
    switch (k) {
        QK_DENSE_CASE(1)
        QK_DENSE_CASE(2)
        QK_DENSE_CASE(3)
        QK_DENSE_CASE(4)
        QK_DENSE_CASE(5)
    default: qk_scalar_dense(psi, qubits, k, m, offsets, s, lo, hi);
    }
}
#endif
