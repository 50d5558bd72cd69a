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

/* The kinds of a replay step (qk_f32_apply_sequence). */
enum {
    QK_STEP_MATRIX = 0,
    QK_STEP_UNIT = 1,
    QK_STEP_LANE0 = 2,
    QK_STEP_LANE1 = 3,
    QK_STEP_SWAP = 4,
    QK_STEP_FLIP0 = 5,
    QK_STEP_FLIP1 = 6
};

/*
 * A fused block given as its gates rather than its matrix (single precision only): items
 * qk_dense_items(n, k), local bit j = qubit qubits[j]. Slots are the 2^h local states of the
 * block's qubits >= 2 (h of them, in their order in `qubits`), slot c holding state c; each slot
 * is a complex amplitude, or, when the block also holds qubit 0 and/or 1, the four amplitudes
 * with bits 0 and 1 = 00, 10, 01, 11 (lanes a = 0..3, bit 0 of a = qubit 0). Step t (of nsteps)
 * of kind kinds[t] takes its slot numbers from `pairs` and its coefficients from `coefs`, each
 * read on from where the previous step stopped:
 * - QK_STEP_MATRIX: 2^h bytes, the slot pairs (x, y); 8 floats per pair, a 2x2 matrix M
 *   (row-major, interleaved): (x, y) <- M (x, y).
 * - QK_STEP_UNIT: 2^h bytes of pairs; one real c, then 4 floats per pair (b, d complex):
 *   (x, y) <- (x + b y, c x + d y).
 * - QK_STEP_LANE0, QK_STEP_LANE1: a count m, then m slots; 32 floats, per-lane complex C0 and
 *   C1 as 4 vectors (C0 re, C0 im, C1 re, C1 im): x <- C0 x + C1 x', x' the slot's lanes with
 *   qubit 0 (LANE0) or 1 (LANE1) flipped.
 * - QK_STEP_SWAP: a count m, then m pairs; 8 floats, a lane mask (a lane is marked when the sign
 *   bits of both its floats are set): the pairs exchange their marked lanes (a CX from a lane bit
 *   to a slot bit, without arithmetic).
 * - QK_STEP_FLIP0, QK_STEP_FLIP1: a count m, then m slots; 8 floats, a lane mask: the marked
 *   lanes of those slots take the amplitude of the lane with qubit 0 (1) flipped (a CX onto a lane
 *   bit).
 * At the end slot c is written to local state labels[c] (2^h entries). Permutation gates (CX,
 * SWAP, X) mostly cost nothing: they are in the pairs and labels. Lane kinds need qubit 0 or 1 in
 * the block, and such blocks the AVX2 path; otherwise the call does nothing and returns -1, else 0.
 * The caller guarantees well-formed tables (each matrix or unit step pairs every slot once, labels
 * is a permutation); slot numbers are masked into range.
 */
int qk_f32_apply_sequence(qk_isa isa, float *psi, unsigned n, const unsigned *qubits, unsigned k, unsigned nsteps,
                          const uint8_t *kinds, const float *coefs, const uint8_t *pairs, const uint8_t *labels,
                          uint64_t begin, uint64_t end);

#ifdef __cplusplus
}
#endif

#endif /* QK_KERNELS_F32_H */
