/*
 * QKSim statevector kernels: the hot loops of the simulator, in C.
 *
 * A state of n qubits is 2^n complex amplitudes stored interleaved (re, im) as 2^(n+1) doubles,
 * 64-byte aligned; qubit q is bit q of the amplitude index (Qiskit's order). Matrices are row-major,
 * interleaved, in the little-endian local basis of the qubits they act on.
 *
 * Every kernel works on a half-open range [begin, end) of independent work items, so a caller can
 * split one call over threads without the kernel knowing about threads; the *_items() functions say
 * how many items a call has. Callers should pass ranges whose bounds are even (except the final
 * end), so the AVX2 paths can handle two items per register.
 *
 * Each kernel has a portable scalar version and, on x86-64, an AVX2+FMA version chosen at run time;
 * the isa argument selects one explicitly (tests compare them), QK_ISA_BEST picks the fastest present.
 */
#ifndef QK_KERNELS_H
#define QK_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    QK_ISA_SCALAR = 0,
    QK_ISA_AVX2 = 1,
    QK_ISA_BEST = 2
} qk_isa;

/* Largest number of qubits a kernel call accepts (indices are 64-bit). */
#define QK_MAX_QUBITS 62
/* Largest number of qubits a qk_apply_diagonal call accepts. */
#define QK_MAX_DIAGONAL_QUBITS 20
/* Largest number of controls on one operation. */
#define QK_MAX_CONTROLS 32

/* 1 if this CPU can run the given instruction set, else 0. QK_ISA_SCALAR and QK_ISA_BEST are always 1. */
int qk_isa_available(qk_isa isa);
/* The instruction set QK_ISA_BEST resolves to on this CPU. */
qk_isa qk_isa_resolve(qk_isa isa);
/* A short name for an instruction set ("scalar", "avx2"). */
const char *qk_isa_name(qk_isa isa);

/* Largest number of qubits a qk_apply_dense call accepts. */
#define QK_MAX_DENSE_QUBITS 5

/*
 * The state API of one precision, written once for both: QK_DECLARE_STATE_API(, double) below
 * declares qk_apply_matrix1(..., double *psi, ...) and the rest for complex128 states;
 * qk_kernels_f32.h expands QK_DECLARE_STATE_API(f32_, float) for the complex64 twins
 * (qk_f32_apply_matrix1(..., float *psi, ...)). `real` is the amplitude component type; matrices,
 * diagonals and phases come in the same type. Reductions return and accumulate in double in both.
 *
 * Controls: `ctrls` lists nctrls distinct control qubits (none equal to a target); bit c of
 * `ctrl_values` set means control c fires on |1>, clear means it fires on |0> (a negated control).
 *
 * - state_alloc(n): 64-byte aligned, zero-filled storage for 2^n amplitudes; NULL when the
 *   allocation fails. state_free releases it.
 * - apply_matrix1: items qk_matrix1_items(n, nctrls). A 2x2 matrix m (8 reals) on `target`.
 * - apply_diag1: items qk_matrix1_items(n, nctrls). diag(d0, d1) (4 reals) on `target`.
 * - apply_matrix2: items qk_matrix2_items(n, nctrls). A 4x4 matrix m (32 reals) on (q0, q1), local
 *   index bit(q0) + 2 bit(q1).
 * - apply_swap: items qk_matrix2_items(n, nctrls). Exchanges qubits q0 and q1.
 * - apply_phase: items qk_phase_items(n, nqubits). Multiplies by the phase (2 reals) exactly the
 *   amplitudes whose bits at `qubits` equal `values` (bit j of values for qubits[j]) and touches no
 *   other: P, CP, CZ, S, T, and any multi-controlled phase are this kernel.
 * - apply_diagonal: items 2^n (amplitude indices). Multiplies amplitude i by diag[l(i)], where l(i)
 *   gathers the bits of i at qubits[0..k) (qubits[0] least significant) and diag has 2^k entries
 *   (2^(k+1) reals), k <= QK_MAX_DIAGONAL_QUBITS. One pass applies a whole layer of Z, ZZ, ... phases.
 * - apply_dense: items qk_dense_items(n, k). A dense 2^k x 2^k matrix m (2^(2k+1) reals, row-major,
 *   interleaved) on qubits[0..k) (distinct), local index bit j = bit qubits[j];
 *   1 <= k <= QK_MAX_DENSE_QUBITS, else the call does nothing. Fused gate blocks run on this kernel.
 * - norm2: items 2^n. Sum of |psi_i|^2 over the range.
 * - scale: items 2^n. Multiplies every amplitude in the range by the real factor s.
 * - prob_one: items 2^(n-1). Sum of |psi_i|^2 over the indices i with bit `target` set.
 * - collapse: items 2^(n-1). Projects `target` onto |outcome> and multiplies the kept amplitudes by
 *   `scale` (1/sqrt(p) to renormalise); the other half is zeroed.
 * - inner: items 2^n. Accumulates sum_i conj(a_i) b_i over the range into out[0] (re), out[1] (im).
 * - pauli_sum: items 2^n. Accumulates sum_i conj(psi[i ^ xmask]) psi[i] (-1)^popcount(i & zmask)
 *   into out. With P = X^xmask Z^zmask, that is <psi|P|psi>; a Pauli string with ny Y's is i^ny
 *   times it (Y = iXZ). Reads the state only: no copy.
 */
#define QK_DECLARE_STATE_API(prefix, real)                                                             \
    real *qk_##prefix##state_alloc(unsigned n);                                                        \
    void qk_##prefix##state_free(real *psi);                                                           \
    void qk_##prefix##apply_matrix1(qk_isa isa, real *psi, unsigned n, unsigned target, const real *m, \
                                    const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,       \
                                    uint64_t begin, uint64_t end);                                      \
    void qk_##prefix##apply_diag1(qk_isa isa, real *psi, unsigned n, unsigned target, const real *d,   \
                                  const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,         \
                                  uint64_t begin, uint64_t end);                                        \
    void qk_##prefix##apply_matrix2(qk_isa isa, real *psi, unsigned n, unsigned q0, unsigned q1,       \
                                    const real *m, const unsigned *ctrls, unsigned nctrls,              \
                                    uint64_t ctrl_values, uint64_t begin, uint64_t end);                \
    void qk_##prefix##apply_swap(qk_isa isa, real *psi, unsigned n, unsigned q0, unsigned q1,          \
                                 const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,          \
                                 uint64_t begin, uint64_t end);                                         \
    void qk_##prefix##apply_phase(qk_isa isa, real *psi, unsigned n, const unsigned *qubits,           \
                                  unsigned nqubits, uint64_t values, const real *phase, uint64_t begin, \
                                  uint64_t end);                                                        \
    void qk_##prefix##apply_diagonal(qk_isa isa, real *psi, unsigned n, const unsigned *qubits,        \
                                     unsigned k, const real *diag, uint64_t begin, uint64_t end);       \
    void qk_##prefix##apply_dense(qk_isa isa, real *psi, unsigned n, const unsigned *qubits,           \
                                  unsigned k, const real *m, uint64_t begin, uint64_t end);             \
    double qk_##prefix##norm2(qk_isa isa, const real *psi, uint64_t begin, uint64_t end);              \
    void qk_##prefix##scale(qk_isa isa, real *psi, real s, uint64_t begin, uint64_t end);              \
    double qk_##prefix##prob_one(qk_isa isa, const real *psi, unsigned n, unsigned target,             \
                                 uint64_t begin, uint64_t end);                                         \
    void qk_##prefix##collapse(qk_isa isa, real *psi, unsigned n, unsigned target, int outcome,        \
                               real scale, uint64_t begin, uint64_t end);                               \
    void qk_##prefix##inner(qk_isa isa, const real *a, const real *b, uint64_t begin, uint64_t end,    \
                            double *out);                                                               \
    void qk_##prefix##pauli_sum(qk_isa isa, const real *psi, unsigned n, uint64_t xmask,               \
                                uint64_t zmask, uint64_t begin, uint64_t end, double *out);

QK_DECLARE_STATE_API(, double)

/* Work-item counts, shared by both precisions. */
uint64_t qk_matrix1_items(unsigned n, unsigned nctrls);  /* 2^(n - 1 - nctrls) */
uint64_t qk_matrix2_items(unsigned n, unsigned nctrls);  /* 2^(n - 2 - nctrls) */
uint64_t qk_phase_items(unsigned n, unsigned nqubits);   /* 2^(n - nqubits) */
uint64_t qk_dense_items(unsigned n, unsigned k);         /* 2^(n - k) */

/* Items: 2^(n - k - nctrls). qk_apply_dense under controls (same conventions as the gate kernels). */
uint64_t qk_dense_controlled_items(unsigned n, unsigned k, unsigned nctrls);
void qk_apply_dense_controlled(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                               const double *m, const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                               uint64_t begin, uint64_t end);

#ifdef __cplusplus
}
#endif

#endif /* QK_KERNELS_H */
