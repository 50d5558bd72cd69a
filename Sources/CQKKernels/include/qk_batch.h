/*
 * Batched statevector kernels: B states of n qubits with the same circuit structure and
 * different angles, simulated together with the batch index in the SIMD lanes.
 *
 * Layout: two planes (real and imaginary parts), amplitude-major with the lane fastest:
 * amplitude i of state b is (re[i*B + b], im[i*B + b]). B is a multiple of 4, so one AVX2 register
 * holds amplitude i of four states and every gate is the same arithmetic on every lane; a gate
 * whose matrix differs per state reads a per-lane matrix laid out the same way.
 *
 * Per-lane 2x2 matrices: entry e of state b is (t[(2e)*B + b], t[(2e+1)*B + b]), a real row then
 * an imaginary row for each entry; per-lane diagonals are a real and an imaginary plane. Qubit q is bit q of the amplitude index
 * (Qiskit's order); a k-qubit table's local index has bit j = the j-th listed qubit.
 *
 * Every kernel has a scalar and an AVX2+FMA version chosen at run time by `isa` (as in
 * qk_kernels.h); the calls are single-threaded: callers run one batch per thread.
 */
#ifndef QK_BATCH_H
#define QK_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "qk_kernels.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets every lane to |0...0>. */
void qk_batch_zero_state(double *re, double *im, unsigned n, unsigned lanes);

/* Applies one 2x2 matrix m (row-major, interleaved complex, 8 doubles) to qubit q of every lane. */
void qk_batch_matrix1_shared(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                             const double *m);

/* Applies a per-lane 2x2 matrix to qubit q: m holds 4 entries (row-major) as 8 rows of `lanes`
 * doubles (entry e: real row 2e, imaginary row 2e+1). */
void qk_batch_matrix1_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q,
                            const double *m);

/* Multiplies each lane by its own diagonal on the k listed qubits: d holds a real plane then an
 * imaginary plane, each 2^k rows of `lanes` doubles (entry l of lane b: d[l*lanes + b] and
 * d[(2^k + l)*lanes + b]). k <= QK_MAX_DIAGONAL_QUBITS. */
void qk_batch_diagonal_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes,
                             const unsigned *qubits, unsigned k, const double *d);

/* CX(control, target) on every lane: swaps the rows of the amplitudes with the control set. */
void qk_batch_cx(double *re, double *im, unsigned n, unsigned lanes, unsigned control, unsigned target);

/* SWAP(q0, q1) on every lane. */
void qk_batch_swap(double *re, double *im, unsigned n, unsigned lanes, unsigned q0, unsigned q1);

/* Per-lane rotation on qubit q, c and s holding cos(phi_b/2) and sin(phi_b/2) of each lane:
 * RY = [[c, -s], [s, c]] when y != 0, RX = [[c, -is], [-is, c]] otherwise. Half the arithmetic of
 * qk_batch_matrix1_lanes on the same matrix. */
void qk_batch_rotation_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q, int y,
                             const double *c, const double *s);

/* Rotations on qubits q1 != q2 (RY when y != 0, RX otherwise) in the tangent form: with
 * t = tan(phi/2), RY(phi) = cos(phi/2) [[1, -t], [t, 1]] and RX(phi) = cos(phi/2) [[1, -it], [-it, 1]],
 * and these apply the bracketed matrices only, with t1 and t2 holding each lane's tangents. The
 * state comes out multiplied by 1 / (cos(phi1/2) cos(phi2/2)) per lane, which the caller divides
 * out once at the end (the readouts take per-lane factors); half the arithmetic of two
 * qk_batch_rotation_lanes. */
void qk_batch_rotation_pair_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned q1, int y1,
                                  unsigned q2, int y2, const double *t1, const double *t2);

/* A permutation of the amplitude rows, given as its cycles: `cycles` holds, for each cycle, its
 * length L >= 2 and then L row indices j_0..j_{L-1}, and the rows become new[j_t] = old[j_{t+1}],
 * new[j_{L-1}] = old[j_0]. `row` is scratch for 2 * lanes doubles. A run of CX and SWAP gates is
 * one such pass instead of one per gate. */
void qk_batch_permute(qk_isa isa, double *re, double *im, unsigned lanes, const uint32_t *cycles, size_t length,
                      double *row);

/* A run of rotations on qubits below b, then optionally a separable phase and a permutation, applied
 * in one pass: the batch is taken in blocks of 2^b amplitudes (small enough to stay in the L1 cache)
 * and each block gets every rotation in turn, then the phase, before the next block is read.
 * Rotation t acts on qubits[t] < b, as RY when ys[t] != 0 and RX otherwise, with the cosine and sine
 * rows rows[t] of `cosines` and `sines` (rows of `lanes` doubles); when paired[t] != 0 (paired may be
 * NULL), rotations t and t + 1 are applied together in the tangent form of
 * qk_batch_rotation_pair_lanes instead, with rows rows[t] and rows[t + 1] of `tangents`. With `low`
 * non-NULL, amplitude i is then multiplied by low(i mod 2^b) * high(i >> b): two per-lane complex tables in
 * qk_batch_phase_product's layout, of 2^b and 2^(n-b) entries. With `destination` non-NULL each
 * finished row i is also copied to row destination[i] of (dst_re, dst_im), another batch of the same
 * shape (a permutation of the rows; the source rows are left as they are). Equal to the rotations'
 * separate passes, qk_batch_diagonal_lanes with the product table and the permutation, to rounding. */
void qk_batch_rotation_blocks(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, unsigned b, unsigned count,
                              const unsigned *qubits, const unsigned char *ys, const double *cosines, const double *sines,
                              const unsigned *rows, const unsigned char *paired, const double *tangents, const double *low,
                              const double *high, const uint32_t *destination, double *dst_re, double *dst_im);

/* A separable per-lane phase table on k qubits, d(l) = exp(i (g + sum_j theta_j bit_j(l))), in
 * qk_batch_diagonal_lanes' layout: angles holds k + 1 rows of `lanes` doubles (row 0 = g, row
 * j + 1 = theta_j), work (6k + 4) * lanes doubles. k + 1 sincos and one complex product per entry
 * instead of a Walsh-Hadamard transform and a sincos per entry. */
void qk_batch_phase_product(qk_isa isa, const double *angles, unsigned k, unsigned lanes, double *work, double *d);

/* Sets each lane to its own product state (x)_q (a_qb|0> + b_qb|1>): factors holds, for each qubit
 * q, four rows of `lanes` doubles (a real, a imaginary, b real, b imaginary). */
void qk_batch_product_state_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes,
                                  const double *factors);

/* The same product state written as first_b (x)_q (|0> + r_qb|1>), r = b / a: `ratios` in the layout
 * of `factors` (rows 0 and 1 of each qubit unused), `first` a real then an imaginary row (the
 * product of the a's). One complex multiplication per amplitude instead of two. With `destination`
 * non-NULL the state is written permuted into (dst_re, dst_im), amplitude i to row destination[i],
 * and (re, im) is left holding scratch. */
void qk_batch_product_ratios_lanes(qk_isa isa, double *re, double *im, unsigned n, unsigned lanes, const double *ratios,
                                   const double *first, const uint32_t *destination, double *dst_re, double *dst_im);

/*
 * Builds per-lane phase tables d[l] = exp(i phi_b(l)) on k qubits from parity spectra:
 * phi_b(l) = fixed(l) + (offset_b - W_b(l)) / 2, W_b(l) = sum_m spectrum_b(m) (-1)^{|l & m|},
 * the Walsh-Hadamard transform of lane b's spectrum. A phase sum_t w_t parity(l & m_t) + g is
 * the spectrum holding w_t at m_t with offset sum_t w_t + 2g.
 *
 * spectrum: 2^k rows of `lanes` doubles, overwritten (by the phases); offset: `lanes` doubles;
 * fixed: 2^k shared phases or NULL; d: output in qk_batch_diagonal_lanes' layout (two planes).
 */
void qk_batch_phase_table(qk_isa isa, double *spectrum, const double *offset, const double *fixed, unsigned k,
                          unsigned lanes, double *d);

/* sin and cos of `count` values (Cody-Waite reduction by pi/2, minimax polynomials on
 * [-pi/4, pi/4]; accurate to a few ulp for |x| < 1e6). */
void qk_batch_sincos(qk_isa isa, const double *x, size_t count, double *s, double *c);

/* Copies lanes 0..<count out as interleaved state rows: row b = out + b*row_stride, 2^(n+1) doubles,
 * lane b multiplied by factor[b] on the way (factor NULL: by 1), amplitude i read from plane row
 * source[i] (source NULL: row i; a permutation left to the readout). */
void qk_batch_to_rows(qk_isa isa, const double *re, const double *im, unsigned n, unsigned lanes, unsigned count,
                      double *out, size_t row_stride, const double *factor, const uint32_t *source);

/* Writes the probabilities |f_b a_i|^2 of lanes 0..<count as rows: row b = out + b*row_stride, 2^n
 * doubles, with f_b = factor[b] (factor NULL: 1) and a_i read from plane row source[i] (source
 * NULL: row i). */
void qk_batch_probabilities_to_rows(qk_isa isa, const double *re, const double *im, unsigned n, unsigned lanes,
                                    unsigned count, double *out, size_t row_stride, const double *factor,
                                    const uint32_t *source);

/* Loads interleaved rows into lanes 0..<count (the other lanes are left as they are). */
void qk_batch_from_rows(double *re, double *im, unsigned n, unsigned lanes, unsigned count, const double *rows,
                        size_t row_stride);

#ifdef __cplusplus
}
#endif

#endif /* QK_BATCH_H */
