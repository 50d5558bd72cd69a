/*
 * A dense 2^k x 2^k matrix on k = 1..QK_MAX_DENSE_QUBITS arbitrary qubits: the kernel that fused
 * gate blocks run on. Each work item gathers the 2^k amplitudes that the block mixes, multiplies
 * them by the matrix and scatters them back; the AVX2 version forms two complex products per
 * register. Kept in its own file (scalar, AVX2 and dispatch) so the fusion work stays additive.
 */
#include "qk_internal.h"

#define QK_DENSE_DIM (1u << QK_MAX_DENSE_QUBITS)

uint64_t qk_dense_items(unsigned n, unsigned k) { return (uint64_t)1 << (n - k); }

/* offsets[l] = the amplitude offset of local basis state l (bit j of l is qubit qubits[j]). */
static void qk_dense_offsets(const unsigned *qubits, unsigned k, uint64_t *offsets) {
    for (unsigned l = 0; l < (1u << k); l++) {
        uint64_t o = 0;
        for (unsigned j = 0; j < k; j++)
            if ((l >> j) & 1u) o |= (uint64_t)1 << qubits[j];
        offsets[l] = o;
    }
}

static void qk_scalar_dense(double *psi, unsigned k, const double *m, const uint64_t *offsets,
                            const qk_spread *s, uint64_t begin, uint64_t end) {
    const unsigned dim = 1u << k;
    double v[2 * QK_DENSE_DIM];
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++) {
            v[2 * c] = psi[2 * (base + offsets[c])];
            v[2 * c + 1] = psi[2 * (base + offsets[c]) + 1];
        }
        for (unsigned r = 0; r < dim; r++) {
            const double *row = m + 2 * (uint64_t)r * dim;
            double re = 0, im = 0;
            for (unsigned c = 0; c < dim; c++) {
                re += row[2 * c] * v[2 * c] - row[2 * c + 1] * v[2 * c + 1];
                im += row[2 * c] * v[2 * c + 1] + row[2 * c + 1] * v[2 * c];
            }
            psi[2 * (base + offsets[r])] = re;
            psi[2 * (base + offsets[r]) + 1] = im;
        }
    }
}

#if defined(QK_HAVE_AVX2_BUILD)
#include <immintrin.h>
#define QK_AVX2 __attribute__((target("avx2,fma")))

/* Two complex products a*b per register: re = ar br - ai bi, im = ar bi + ai br (fmaddsub). */
QK_AVX2 static void qk_avx2_dense(double *psi, unsigned k, const double *m, const uint64_t *offsets,
                                  const qk_spread *s, uint64_t begin, uint64_t end) {
    const unsigned dim = 1u << k;
    double v[2 * QK_DENSE_DIM] __attribute__((aligned(32)));
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++)
            _mm_store_pd(v + 2 * c, _mm_loadu_pd(psi + 2 * (base + offsets[c])));
        for (unsigned r = 0; r < dim; r++) {
            const double *row = m + 2 * (uint64_t)r * dim;
            __m256d acc = _mm256_setzero_pd();
            for (unsigned c = 0; c < dim; c += 2) {
                __m256d a = _mm256_loadu_pd(row + 2 * c);
                __m256d b = _mm256_load_pd(v + 2 * c);
                __m256d ar = _mm256_movedup_pd(a);
                __m256d ai = _mm256_permute_pd(a, 0xF);
                __m256d bs = _mm256_permute_pd(b, 0x5);
                acc = _mm256_add_pd(acc, _mm256_fmaddsub_pd(ar, b, _mm256_mul_pd(ai, bs)));
            }
            __m128d sum = _mm_add_pd(_mm256_castpd256_pd128(acc), _mm256_extractf128_pd(acc, 1));
            _mm_storeu_pd(psi + 2 * (base + offsets[r]), sum);
        }
    }
}
#endif

void qk_apply_dense(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                    const double *m, uint64_t begin, uint64_t end) {
    (void)n;
    if (k == 0 || k > QK_MAX_DENSE_QUBITS) return;
    uint64_t offsets[QK_DENSE_DIM];
    qk_dense_offsets(qubits, k, offsets);
    qk_spread s;
    qk_spread_init(&s, qubits, k, NULL, 0, 0);
#if defined(QK_HAVE_AVX2_BUILD)
    /* The vector path pairs columns, so it needs dim >= 2, which k >= 1 gives. */
    if (qk_isa_resolve(isa) == QK_ISA_AVX2) { qk_avx2_dense(psi, k, m, offsets, &s, begin, end); return; }
#else
    (void)isa;
#endif
    qk_scalar_dense(psi, k, m, offsets, &s, begin, end);
}
