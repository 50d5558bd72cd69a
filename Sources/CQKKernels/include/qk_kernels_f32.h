/*
 * QKSim single-precision statevector kernels: the complex64 twins of qk_kernels.h.
 *
 * A state of n qubits is 2^n complex amplitudes stored interleaved (re, im) as 2^(n+1) floats,
 * 64-byte aligned (8 bytes per amplitude: a 30-qubit state is 8 GiB); qubit q is bit q of the
 * amplitude index. Matrices, diagonals and phases are float, rounded from the double gate
 * matrices by the caller. Reductions (norms, probabilities, inner products, Pauli sums) read
 * float amplitudes but accumulate in double, so their error does not grow with 2^n.
 *
 * Work items, ranges [begin, end), controls and the local-index conventions are exactly those of
 * qk_kernels.h (the *_items() counts are the same functions), so callers split calls over threads
 * the same way. Ranges whose bounds are multiples of 4 (except the final end) let the AVX2 paths
 * put four amplitudes in every register; any other split is still correct.
 */
#ifndef QK_KERNELS_F32_H
#define QK_KERNELS_F32_H

#include <stdint.h>

#include "qk_kernels.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 64-byte aligned, zero-filled storage for 2^n complex64 amplitudes; NULL when the allocation fails. */
float *qk_f32_state_alloc(unsigned n);
void qk_f32_state_free(float *psi);

/* Items: qk_matrix1_items(n, nctrls). A 2x2 matrix m (8 floats) on `target` under controls. */
void qk_f32_apply_matrix1(qk_isa isa, float *psi, unsigned n, unsigned target, const float *m,
                          const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                          uint64_t begin, uint64_t end);

/* Items: qk_matrix1_items(n, nctrls). diag(d0, d1) (4 floats) on `target` under controls. */
void qk_f32_apply_diag1(qk_isa isa, float *psi, unsigned n, unsigned target, const float *d,
                        const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                        uint64_t begin, uint64_t end);

/* Items: qk_matrix2_items(n, nctrls). A 4x4 matrix (32 floats) on (q0, q1), local index bit(q0) + 2 bit(q1). */
void qk_f32_apply_matrix2(qk_isa isa, float *psi, unsigned n, unsigned q0, unsigned q1, const float *m,
                          const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                          uint64_t begin, uint64_t end);

/* Items: qk_matrix2_items(n, nctrls). Exchanges qubits q0 and q1 under controls. */
void qk_f32_apply_swap(qk_isa isa, float *psi, unsigned n, unsigned q0, unsigned q1,
                       const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                       uint64_t begin, uint64_t end);

/* Items: qk_phase_items(n, nqubits). Multiplies by `phase` (2 floats) the amplitudes whose `qubits` read `values`. */
void qk_f32_apply_phase(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned nqubits,
                        uint64_t values, const float *phase, uint64_t begin, uint64_t end);

/* Items: 2^n. Multiplies amplitude i by diag[l(i)] (2^k complex entries, 2^(k+1) floats), k <= QK_MAX_DIAGONAL_QUBITS. */
void qk_f32_apply_diagonal(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k,
                           const float *diag, uint64_t begin, uint64_t end);

/* Items: qk_dense_items(n, k). A dense 2^k x 2^k matrix (2^(2k+1) floats) on qubits[0..k), 1 <= k <= QK_MAX_DENSE_QUBITS. */
void qk_f32_apply_dense(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k,
                        const float *m, uint64_t begin, uint64_t end);

/* Items: 2^n. Sum of |psi_i|^2 over the range, accumulated in double. */
double qk_f32_norm2(qk_isa isa, const float *psi, uint64_t begin, uint64_t end);

/* Items: 2^n. Multiplies every amplitude in the range by the real factor s. */
void qk_f32_scale(qk_isa isa, float *psi, float s, uint64_t begin, uint64_t end);

/* Items: 2^(n-1). Sum of |psi_i|^2 over the indices with bit `target` set, in double. */
double qk_f32_prob_one(qk_isa isa, const float *psi, unsigned n, unsigned target, uint64_t begin, uint64_t end);

/* Items: 2^(n-1). Projects `target` onto |outcome>, multiplying the kept half by `scale`, zeroing the other. */
void qk_f32_collapse(qk_isa isa, float *psi, unsigned n, unsigned target, int outcome, float scale,
                     uint64_t begin, uint64_t end);

/* Items: 2^n. Accumulates sum_i conj(a_i) b_i (in double) into out[0] (re), out[1] (im). */
void qk_f32_inner(qk_isa isa, const float *a, const float *b, uint64_t begin, uint64_t end, double *out);

/* Items: 2^n. Accumulates sum_i conj(psi[i ^ xmask]) psi[i] (-1)^popcount(i & zmask) (in double) into out. */
void qk_f32_pauli_sum(qk_isa isa, const float *psi, unsigned n, uint64_t xmask, uint64_t zmask,
                      uint64_t begin, uint64_t end, double *out);

#ifdef __cplusplus
}
#endif

#endif /* QK_KERNELS_F32_H */
