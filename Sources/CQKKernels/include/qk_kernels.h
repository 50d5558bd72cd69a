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

/* --- Allocation ----------------------------------------------------------------------------- */

/* 64-byte aligned, zero-filled storage for 2^n amplitudes; NULL when the allocation fails. */
double *qk_state_alloc(unsigned n);
void qk_state_free(double *psi);

/* --- Unitaries ------------------------------------------------------------------------------ */
/*
 * Controls: `ctrls` lists nctrls distinct control qubits (none equal to a target); bit c of
 * `ctrl_values` set means control c fires on |1>, clear means it fires on |0> (a negated control).
 */

/* Items: 2^(n - 1 - nctrls). A 2x2 matrix m (8 doubles) on `target`. */
uint64_t qk_matrix1_items(unsigned n, unsigned nctrls);
void qk_apply_matrix1(qk_isa isa, double *psi, unsigned n, unsigned target, const double *m,
                      const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                      uint64_t begin, uint64_t end);

/* Items: 2^(n - 1 - nctrls). diag(d0, d1) (4 doubles) on `target`. */
void qk_apply_diag1(qk_isa isa, double *psi, unsigned n, unsigned target, const double *d,
                    const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                    uint64_t begin, uint64_t end);

/* Items: 2^(n - 2 - nctrls). A 4x4 matrix m (32 doubles) on (q0, q1), local index bit(q0) + 2 bit(q1). */
uint64_t qk_matrix2_items(unsigned n, unsigned nctrls);
void qk_apply_matrix2(qk_isa isa, double *psi, unsigned n, unsigned q0, unsigned q1, const double *m,
                      const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                      uint64_t begin, uint64_t end);

/* Items: 2^(n - 2 - nctrls). Exchanges qubits q0 and q1. */
void qk_apply_swap(qk_isa isa, double *psi, unsigned n, unsigned q0, unsigned q1,
                   const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                   uint64_t begin, uint64_t end);

/*
 * Items: 2^(n - nqubits). Multiplies by the phase (2 doubles) exactly the amplitudes whose bits at
 * `qubits` equal `values` (bit j of values for qubits[j]) and touches no other: P, CP, CZ, S, T, and
 * any multi-controlled phase are this kernel.
 */
uint64_t qk_phase_items(unsigned n, unsigned nqubits);
void qk_apply_phase(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned nqubits,
                    uint64_t values, const double *phase, uint64_t begin, uint64_t end);

/*
 * Items: 2^n (amplitude indices). Multiplies amplitude i by diag[l(i)], where l(i) gathers the
 * bits of i at qubits[0..k) (qubits[0] least significant) and diag has 2^k entries (2^(k+1)
 * doubles). One pass applies a whole layer of Z, ZZ, ... phases.
 */
void qk_apply_diagonal(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                       const double *diag, uint64_t begin, uint64_t end);

/* Largest number of qubits a qk_apply_dense call accepts. */
#define QK_MAX_DENSE_QUBITS 5

/*
 * Items: 2^(n - k). A dense 2^k x 2^k matrix m (2^(2k+1) doubles, row-major, interleaved) on
 * qubits[0..k) (distinct), local index bit j = bit qubits[j]; 1 <= k <= QK_MAX_DENSE_QUBITS, else
 * the call does nothing. Fused gate blocks run on this kernel.
 */
uint64_t qk_dense_items(unsigned n, unsigned k);
void qk_apply_dense(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                    const double *m, uint64_t begin, uint64_t end);

/* Items: 2^(n - k - nctrls). qk_apply_dense under controls (same conventions as the gate kernels). */
uint64_t qk_dense_controlled_items(unsigned n, unsigned k, unsigned nctrls);
void qk_apply_dense_controlled(qk_isa isa, double *psi, unsigned n, const unsigned *qubits, unsigned k,
                               const double *m, const unsigned *ctrls, unsigned nctrls, uint64_t ctrl_values,
                               uint64_t begin, uint64_t end);

/* --- Measurement and reductions ------------------------------------------------------------- */

/* Items: 2^n. Sum of |psi_i|^2 over the range. */
double qk_norm2(qk_isa isa, const double *psi, uint64_t begin, uint64_t end);

/* Items: 2^n. Multiplies every amplitude in the range by the real factor s. */
void qk_scale(qk_isa isa, double *psi, double s, uint64_t begin, uint64_t end);

/* Items: 2^(n-1). Sum of |psi_i|^2 over the indices i with bit `target` set. */
double qk_prob_one(qk_isa isa, const double *psi, unsigned n, unsigned target, uint64_t begin, uint64_t end);

/*
 * Items: 2^(n-1). Projects `target` onto |outcome> and multiplies the kept amplitudes by `scale`
 * (1/sqrt(p) to renormalise); the other half is zeroed.
 */
void qk_collapse(qk_isa isa, double *psi, unsigned n, unsigned target, int outcome, double scale,
                 uint64_t begin, uint64_t end);

/* Items: 2^n. Accumulates sum_i conj(a_i) b_i over the range into out[0] (re), out[1] (im). */
void qk_inner(qk_isa isa, const double *a, const double *b, uint64_t begin, uint64_t end, double *out);

/*
 * Items: 2^n. Accumulates sum_i conj(psi[i ^ xmask]) psi[i] (-1)^popcount(i & zmask) into out.
 * With P = X^xmask Z^zmask, that is <psi|P|psi>; a Pauli string with ny Y's is i^ny times it
 * (Y = iXZ). Reads the state only: no copy.
 */
void qk_pauli_sum(qk_isa isa, const double *psi, unsigned n, uint64_t xmask, uint64_t zmask,
                  uint64_t begin, uint64_t end, double *out);

#ifdef __cplusplus
}
#endif

#endif /* QK_KERNELS_H */
