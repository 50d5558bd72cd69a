/*
 * Portable scalar kernels of one precision: the reference every SIMD version is tested against,
 * and the path on CPUs (or architectures) without AVX2. Plain loops over interleaved (re, im) pairs.
 *
 * A template, written once for both precisions: qk_scalar.c includes it with QK_REAL = double and
 * QK_SCALAR_FN(name) = qk_scalar_##name, qk_f32_scalar.c with float and qk_f32_scalar_##name. Gate
 * arithmetic is in QK_REAL (as the state); reductions accumulate in double, so single-precision
 * norms and expectations do not lose accuracy as 2^n grows.
 */
#if !defined(QK_REAL) || !defined(QK_SCALAR_FN)
#error "define QK_REAL and QK_SCALAR_FN before including qk_scalar_template.h"
#endif

void QK_SCALAR_FN(matrix1)(QK_REAL *psi, unsigned target, const QK_REAL *m, const qk_spread *s,
                           uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
        const QK_REAL ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const QK_REAL br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
        psi[2 * i0 + 1] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
        psi[2 * i1] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
        psi[2 * i1 + 1] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
    }
}

void QK_SCALAR_FN(diag1)(QK_REAL *psi, unsigned target, const QK_REAL *d, const qk_spread *s,
                         uint64_t begin, uint64_t end) {
    const uint64_t bit = (uint64_t)1 << target;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i0 = qk_spread_index(s, k), i1 = i0 | bit;
        const QK_REAL ar = psi[2 * i0], ai = psi[2 * i0 + 1];
        const QK_REAL br = psi[2 * i1], bi = psi[2 * i1 + 1];
        psi[2 * i0] = d[0] * ar - d[1] * ai;
        psi[2 * i0 + 1] = d[0] * ai + d[1] * ar;
        psi[2 * i1] = d[2] * br - d[3] * bi;
        psi[2 * i1 + 1] = d[2] * bi + d[3] * br;
    }
}

void QK_SCALAR_FN(matrix2)(QK_REAL *psi, unsigned q0, unsigned q1, const QK_REAL *m, const qk_spread *s,
                           uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_spread_index(s, k);
        const uint64_t idx[4] = {base, base | b0, base | b1, base | b0 | b1};
        QK_REAL vr[4], vi[4];
        for (int c = 0; c < 4; c++) { vr[c] = psi[2 * idx[c]]; vi[c] = psi[2 * idx[c] + 1]; }
        for (int r = 0; r < 4; r++) {
            QK_REAL sr = 0, si = 0;
            for (int c = 0; c < 4; c++) {
                const QK_REAL mr = m[8 * r + 2 * c], mi = m[8 * r + 2 * c + 1];
                sr += mr * vr[c] - mi * vi[c];
                si += mr * vi[c] + mi * vr[c];
            }
            psi[2 * idx[r]] = sr;
            psi[2 * idx[r] + 1] = si;
        }
    }
}

void QK_SCALAR_FN(swap)(QK_REAL *psi, unsigned q0, unsigned q1, const qk_spread *s, uint64_t begin, uint64_t end) {
    const uint64_t b0 = (uint64_t)1 << q0, b1 = (uint64_t)1 << q1;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t base = qk_spread_index(s, k);
        const uint64_t i = base | b0, j = base | b1;
        const QK_REAL tr = psi[2 * i], ti = psi[2 * i + 1];
        psi[2 * i] = psi[2 * j];
        psi[2 * i + 1] = psi[2 * j + 1];
        psi[2 * j] = tr;
        psi[2 * j + 1] = ti;
    }
}

void QK_SCALAR_FN(phase)(QK_REAL *psi, const QK_REAL *phase, const qk_spread *s, uint64_t begin, uint64_t end) {
    const QK_REAL pr = phase[0], pi = phase[1];
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_spread_index(s, k);
        const QK_REAL ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = pr * ar - pi * ai;
        psi[2 * i + 1] = pr * ai + pi * ar;
    }
}

void QK_SCALAR_FN(diagonal)(QK_REAL *psi, const unsigned *qubits, unsigned k, const QK_REAL *diag,
                            uint64_t begin, uint64_t end) {
    for (uint64_t i = begin; i < end; i++) {
        const uint64_t l = qk_gather_bits(i, qubits, k);
        const QK_REAL dr = diag[2 * l], di = diag[2 * l + 1];
        const QK_REAL ar = psi[2 * i], ai = psi[2 * i + 1];
        psi[2 * i] = dr * ar - di * ai;
        psi[2 * i + 1] = dr * ai + di * ar;
    }
}

void QK_SCALAR_FN(dense)(QK_REAL *psi, const unsigned *qubits, unsigned k, const QK_REAL *m,
                         const uint64_t *offsets, const qk_spread *s, uint64_t begin, uint64_t end) {
    (void)qubits; /* the offsets already encode them */
    const unsigned dim = 1u << k;
    QK_REAL v[2 * QK_DENSE_DIM];
    for (uint64_t item = begin; item < end; item++) {
        const uint64_t base = qk_spread_index(s, item);
        for (unsigned c = 0; c < dim; c++) {
            v[2 * c] = psi[2 * (base + offsets[c])];
            v[2 * c + 1] = psi[2 * (base + offsets[c]) + 1];
        }
        for (unsigned r = 0; r < dim; r++) {
            const QK_REAL *row = m + 2 * (uint64_t)r * dim;
            QK_REAL re = 0, im = 0;
            for (unsigned c = 0; c < dim; c++) {
                re += row[2 * c] * v[2 * c] - row[2 * c + 1] * v[2 * c + 1];
                im += row[2 * c] * v[2 * c + 1] + row[2 * c + 1] * v[2 * c];
            }
            psi[2 * (base + offsets[r])] = re;
            psi[2 * (base + offsets[r]) + 1] = im;
        }
    }
}

double QK_SCALAR_FN(norm2)(const QK_REAL *psi, uint64_t begin, uint64_t end) {
    double sum = 0;
    for (uint64_t i = 2 * begin; i < 2 * end; i++) sum += (double)psi[i] * psi[i];
    return sum;
}

void QK_SCALAR_FN(scale)(QK_REAL *psi, QK_REAL s, uint64_t begin, uint64_t end) {
    for (uint64_t i = 2 * begin; i < 2 * end; i++) psi[i] *= s;
}

double QK_SCALAR_FN(prob_one)(const QK_REAL *psi, unsigned target, uint64_t begin, uint64_t end) {
    qk_spread s;
    qk_spread_init(&s, &target, 1, 0, 0, 0);
    const uint64_t bit = (uint64_t)1 << target;
    double sum = 0;
    for (uint64_t k = begin; k < end; k++) {
        const uint64_t i = qk_spread_index(&s, k) | bit;
        const double re = psi[2 * i], im = psi[2 * i + 1];
        sum += re * re + im * im;
    }
    return sum;
}

void QK_SCALAR_FN(collapse)(QK_REAL *psi, unsigned target, int outcome, QK_REAL scale, uint64_t begin, uint64_t end) {
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

void QK_SCALAR_FN(inner)(const QK_REAL *a, const QK_REAL *b, uint64_t begin, uint64_t end, double *out) {
    double re = 0, im = 0;
    for (uint64_t i = begin; i < end; i++) {
        const double ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
        re += ar * br + ai * bi;
        im += ar * bi - ai * br;
    }
    out[0] += re;
    out[1] += im;
}

void QK_SCALAR_FN(pauli_sum)(const QK_REAL *psi, uint64_t xmask, uint64_t zmask, uint64_t begin, uint64_t end,
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
