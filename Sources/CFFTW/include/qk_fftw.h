/*
 * FFTW, loaded on first use: only a QFT applied as a transform needs it, and linking its four
 * libraries cost every process start about 0.5 ms (see qk_openblas.h for the same reasoning).
 * The types come from fftw3.h; the functions are these qk_ wrappers around FFTW's own, opened
 * with dlopen the first time one of a precision's wrappers runs. If the library cannot be opened,
 * the call prints what is missing and how to install it, then aborts.
 */
#ifndef QK_FFTW_H
#define QK_FFTW_H

#include <fftw3.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Double precision (libfftw3, libfftw3_threads). */
fftw_plan qk_fftw_plan_guru64_dft(int rank, const fftw_iodim64 *dims, int howmany_rank,
                                  const fftw_iodim64 *howmany_dims, fftw_complex *in, fftw_complex *out, int sign,
                                  unsigned flags);
void qk_fftw_execute(const fftw_plan plan);
void qk_fftw_destroy_plan(fftw_plan plan);
int qk_fftw_init_threads(void);
void qk_fftw_plan_with_nthreads(int threads);

/* Single precision (libfftw3f, libfftw3f_threads). */
fftwf_plan qk_fftwf_plan_guru64_dft(int rank, const fftwf_iodim64 *dims, int howmany_rank,
                                    const fftwf_iodim64 *howmany_dims, fftwf_complex *in, fftwf_complex *out,
                                    int sign, unsigned flags);
void qk_fftwf_execute(const fftwf_plan plan);
void qk_fftwf_destroy_plan(fftwf_plan plan);
int qk_fftwf_init_threads(void);
void qk_fftwf_plan_with_nthreads(int threads);

#ifdef __cplusplus
}
#endif

#endif /* QK_FFTW_H */
