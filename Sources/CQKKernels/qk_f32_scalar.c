/*
 * Portable single-precision kernels: the reference the AVX2 versions are tested against and the
 * path on CPUs without AVX2. Gate arithmetic is float (as the state); reductions accumulate in double.
 */
#include "qk_f32_internal.h"

void qk_f32_scalar_matrix1(float *psi, unsigned target, const float *m, const qk_f32_spread *s,
                           uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_f32_spread_index(s, k), i1 = i0 | bit;
        const float ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const float br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
        psi[2 * i0 + 1] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
        psi[2 * i1] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
        psi[2 * i1 + 1] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
    }
}

void qk_f32_scalar_diag1(float *psi, unsigned target, const float *d, const qk_f32_spread *s,
                         uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_f32_spread_index(s, k), i1 = i0 | bit;
        const float ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const float br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = d[0] * ar - d[1] * ai;
        psi[2 * i0 + 1] = d[0] * ai + d[1] * ar;
        psi[2 * i1] = d[2] * br - d[3] * bi;
        psi[2 * i1 + 1] = d[2] * bi + d[3] * br;
    }
}

void qk_f32_scalar_matrix2(float *psi, unsigned q0, unsigned q1, const float *m, const qk_f32_spread *s,
                           uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_f32_spread_index(s, k);
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
        float vr[4], vi[4];
        for (int c = 0; c < 4; c++) { vr[c] = psi[2 * idx[c]]; vi[c] = psi[2 * idx[c] + 1]; }
        for (int r = 0; r < 4; r++) {
            float sr = 0, si = 0;
            for (int c = 0; c < 4; c++) {
                const float mr = m[8 * r + 2 * c], mi = m[8 * r + 2 * c + 1];
                sr += mr * vr[c] - mi * vi[c];
                si += mr * vi[c] + mi * vr[c];
            }
            psi[2 * idx[r]] = sr;
            psi[2 * idx[r] + 1] = si;
        }
    }
}

void qk_f32_scalar_swap(float *psi, unsigned q0, unsigned q1, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_f32_spread_index(s, k);
        const uint64_t i = base | b0, j = base | b1;
        const float tr = psi[2 * i], ti = psi[2 * i + 1];
        psi[2 * i] = psi[2 * j];
        psi[2 * i + 1] = psi[2 * j + 1];
        psi[2 * j] = tr;
        psi[2 * j + 1] = ti;
    }
}

void qk_f32_scalar_phase(float *psi, const float *phase, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    const float pr = phase[0], pi = phase[1];
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_f32_spread_index(s, k);
        const float ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = pr * ar - pi * ai;
        psi[2 * i + 1] = pr * ai + pi * ar;
    }
}

void qk_f32_scalar_diagonal(float *psi, const unsigned *qubits, unsigned k, const float *diag,
                            uint64_t begin, uint64_t end) {
    for (uint64_t i = begin; i < end; i++) {
        const uint64_t l = qk_f32_gather_bits(i, qubits, k);
        const float dr = diag[2 * l], di = diag[2 * l + 1];
        const float ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = dr * ar - di * ai;
        psi[2 * i + 1] = dr * ai + di * ar;
    }
}

void qk_f32_scalar_dense(float *psi, const unsigned *qubits, unsigned k, const float *m,
                         const uint64_t *offsets, const qk_f32_spread *s, uint64_t begin, uint64_t end) {
    (void)qubits; /* the offsets already encode them */
    const unsigned dim = 1u << k;
    float v[2 * QK_F32_DENSE_DIM];
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_f32_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++) {
            v[2 * c] = psi[2 * (base + offsets[c])];
            v[2 * c + 1] = psi[2 * (base + offsets[c]) + 1];
        }
        for (unsigned r = 0; r < dim; r++) {
            const float *row = m + 2 * (uint64_t)r * dim;
            float re = 0, im = 0;
            for (unsigned c = 0; c < dim; c++) {
                re += row[2 * c] * v[2 * c] - row[2 * c + 1] * v[2 * c + 1];
                im += row[2 * c] * v[2 * c + 1] + row[2 * c + 1] * v[2 * c];
            }
            psi[2 * (base + offsets[r])] = re;
            psi[2 * (base + offsets[r]) + 1] = im;
        }
    }
}

double qk_f32_scalar_norm2(const float *psi, uint64_t begin, uint64_t end) {
    double sum = 0;
    for (uint64_t i = 2 * begin; i < 2 * end; i++) sum += (double)psi[i] * psi[i];
    return sum;
}

void qk_f32_scalar_scale(float *psi, float s, uint64_t begin, uint64_t end) {
    for (uint64_t i = 2 * begin; i < 2 * end; i++) psi[i] *= s;
}

double qk_f32_scalar_prob_one(const float *psi, unsigned target, uint64_t begin, uint64_t end) {
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    double sum = 0;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_f32_spread_index(&s, k) | bit;
        const double re = psi[2 * i], im = psi[2 * i + 1];
        sum += re * re + im * im;
    }
    return sum;
}

void qk_f32_scalar_collapse(float *psi, unsigned target, int outcome, float scale, uint64_t begin, uint64_t end) {
    qk_f32_spread s;
    qk_f32_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_f32_spread_index(&s, k), i1 = i0 | bit;
        const uint64_t keep = outcome ? i1 : i0, drop = outcome ? i0 : i1;
        psi[2 * keep] *= scale;
        psi[2 * keep + 1] *= scale;
        psi[2 * drop] = 0;
        psi[2 * drop + 1] = 0;
    }
}

void qk_f32_scalar_inner(const float *a, const float *b, uint64_t begin, uint64_t end, double *out) {
    double re = 0, im = 0;
    for (uint64_t i = begin; i < end; i++) {
        const double ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
        re += ar * br + ai * bi;
        im += ar * bi - ai * br;
    }
    out[0] += re;
    out[1] += im;
}

void qk_f32_scalar_pauli_sum(const float *psi, uint64_t xmask, uint64_t zmask, uint64_t begin, uint64_t end,
                             double *out) {
    double re = 0, im = 0;
    for (uint64_t i = begin; i < end; i++) {
        const uint64_t j = i ^ xmask;
        const double sign = (__builtin_popcountll(i & zmask) & 1) ? -1.0 : 1.0;
        const double ar = psi[2 * j], ai = psi[2 * j + 1], br = psi[2 * i], bi = psi[2 * i + 1];
        re += sign * (ar * br + ai * bi);
        im += sign * (ar * bi - ai * br);
    }
    out[0] += re;
    out[1] += im;
}
