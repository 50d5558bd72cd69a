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

/*
 * qk_f32_state_alloc, qk_f32_apply_matrix1, ... qk_f32_pauli_sum: the functions of qk_kernels.h with
 * float amplitudes, matrices, diagonals, phases and scale factors (the list and each function's
 * contract are at QK_DECLARE_STATE_API there). Reductions still return and accumulate double.
 */
QK_DECLARE_STATE_API(f32_, float)

/*
 * A fused block given as its gates rather than its matrix (single precision only): items
 * qk_dense_items(n, k). The 2^k local basis states of qubits[0..k) (bit j = qubit qubits[j]) are
 * read into slots, slot c holding state c. Step t (of nsteps) multiplies, for every pair
 * p < 2^(k-1), the slots (pairs[t 2^k + 2p], pairs[t 2^k + 2p + 1]) as a column by the 2x2 matrix
 * coefs[8t .. 8t+8) (row-major, interleaved). At the end slot c is written to local state labels[c].
 * Permutation gates (CX, SWAP, X) cost nothing: they are in the pairs and labels. The caller
 * guarantees that each step's pairs cover every slot once and that labels is a permutation; slot
 * numbers are masked into range, so bad tables give wrong amplitudes, never stray memory access.
 */
void qk_f32_apply_sequence(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k, unsigned nsteps,
                           const float *coefs, const uint8_t *pairs, const uint8_t *labels, uint64_t begin,
                           uint64_t end);

#ifdef __cplusplus
}
#endif

#endif /* QK_KERNELS_F32_H */
