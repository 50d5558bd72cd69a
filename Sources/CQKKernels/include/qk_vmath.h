#ifndef QK_VMATH_H
#define QK_VMATH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Elementwise exponential over an array, the inner loop of the RBF, Laplacian and Matern kernel
 * matrices: values[i] = exp(scale * values[i]).
 *
 * The AVX2+FMA path (chosen at run time, as for the simulator kernels) evaluates four doubles at a
 * time by range reduction t = n ln2 + r, |r| <= ln2/2, a degree-13 Taylor polynomial for e^r and
 * 2^n from the exponent bits; it stays within 2 ulp of libm's exp over the whole double range
 * (underflow to subnormals and 0, overflow to infinity, NaN kept). Elsewhere it calls libm's exp.
 */
void qk_exp_scaled(double *values, size_t count, double scale);

/* The same, forced to libm's exp (for tests and benchmarks). */
void qk_exp_scaled_scalar(double *values, size_t count, double scale);

#ifdef __cplusplus
}
#endif

#endif
