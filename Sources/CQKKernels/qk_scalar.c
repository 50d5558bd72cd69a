/*
 * Portable scalar kernels: the reference every SIMD version is tested against, and the path on
 * CPUs (or architectures) without AVX2. Plain loops over interleaved (re, im) pairs.
 */
#include "qk_internal.h"

void qk_scalar_matrix1(double *psi, unsigned target, const double *m, const qk_spread *s,
                       uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
        const double ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const double br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
        psi[2 * i0 + 1] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
        psi[2 * i1] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
        psi[2 * i1 + 1] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
    }
}

void qk_scalar_diag1(double *psi, unsigned target, const double *d, const qk_spread *s,
                     uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
        const double ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const double br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = d[0] * ar - d[1] * ai;
        psi[2 * i0 + 1] = d[0] * ai + d[1] * ar;
        psi[2 * i1] = d[2] * br - d[3] * bi;
        psi[2 * i1 + 1] = d[2] * bi + d[3] * br;
    }
}

void qk_scalar_matrix2(double *psi, unsigned q0, unsigned q1, const double *m, const qk_spread *s,
                       uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_spread_index(s, k);
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
        double vr[4], vi[4];
        for (int c = 0; c < 4; c++) { vr[c] = psi[2 * idx[c]]; vi[c] = psi[2 * idx[c] + 1]; }
        for (int r = 0; r < 4; r++) {
            double sr = 0, si = 0;
            for (int c = 0; c < 4; c++) {
                const double mr = m[8 * r + 2 * c], mi = m[8 * r + 2 * c + 1];
                sr += mr * vr[c] - mi * vi[c];
                si += mr * vi[c] + mi * vr[c];
            }
            psi[2 * idx[r]] = sr;
            psi[2 * idx[r] + 1] = si;
        }
    }
}

void qk_scalar_swap(double *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_spread_index(s, k);
        const uint64_t i = base | b0, j = base | b1;
        const double tr = psi[2 * i], ti = psi[2 * i + 1];
        psi[2 * i] = psi[2 * j];
        psi[2 * i + 1] = psi[2 * j + 1];
        psi[2 * j] = tr;
        psi[2 * j + 1] = ti;
    }
}

void qk_scalar_phase(double *psi, const double *phase, const qk_spread *s, uint64_t begin, uint64_t end) {
    const double pr = phase[0], pi = phase[1];
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_spread_index(s, k);
        const double ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = pr * ar - pi * ai;
        psi[2 * i + 1] = pr * ai + pi * ar;
    }
}

void qk_scalar_diagonal(double *psi, const unsigned *qubits, unsigned k, const double *diag,
                        uint64_t begin, uint64_t end) {
    for (uint64_t i = begin; i < end; i++) {
        const uint64_t l = qk_gather_bits(i, qubits, k);
        const double dr = diag[2 * l], di = diag[2 * l + 1];
        const double ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = dr * ar - di * ai;
        psi[2 * i + 1] = dr * ai + di * ar;
    }
}

double qk_scalar_norm2(const double *psi, uint64_t begin, uint64_t end) {
    double sum = 0;
    for (uint64_t i = 2 * begin; i < 2 * end; i++) sum += psi[i] * psi[i];
    return sum;
}

void qk_scalar_scale(double *psi, double s, uint64_t begin, uint64_t end) {
    for (uint64_t i = 2 * begin; i < 2 * end; i++) psi[i] *= s;
}

double qk_scalar_prob_one(const double *psi, unsigned target, uint64_t begin, uint64_t end) {
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    double sum = 0;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_spread_index(&s, k) | bit;
        sum += psi[2 * i] * psi[2 * i] + psi[2 * i + 1] * psi[2 * i + 1];
    }
    return sum;
}

void qk_scalar_collapse(double *psi, unsigned target, int outcome, double scale, uint64_t begin, uint64_t end) {
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_spread_index(&s, k), i1 = i0 | bit;
        const uint64_t keep = outcome ? i1 : i0, drop = outcome ? i0 : i1;
        psi[2 * keep] *= scale;
        psi[2 * keep + 1] *= scale;
        psi[2 * drop] = 0;
        psi[2 * drop + 1] = 0;
    }
}

void qk_scalar_inner(const double *a, const double *b, uint64_t begin, uint64_t end, double *out) {
    double re = 0, im = 0;
    for (uint64_t i = begin; i < end; i++) {
        const double ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
        re += ar * br + ai * bi;
        im += ar * bi - ai * br;
    }
    out[0] += re;
    out[1] += im;
}

void qk_scalar_pauli_sum(const double *psi, uint64_t xmask, uint64_t zmask, uint64_t begin, uint64_t end,
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
