/* FFTW opened on first use (see qk_fftw.h). */
#include "qk_fftw.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void fail(const char *library, const char *what) {
    fprintf(stderr,
            "qksim: cannot use FFTW (%s): %s\n"
            "  QKSim needs FFTW for transforms; on Debian or Ubuntu: apt install libfftw3-dev\n",
            library, what);
    abort();
}

/* The threads library depends on the main one, so one handle reaches both. */
static void *open_library(const char *name) {
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!handle) fail(name, dlerror());
    return handle;
}

#define QK_RESOLVE(handle, library, name, wrapper)                   \
    p_##wrapper = (__typeof__(&wrapper))dlsym(handle, #name);        \
    if (!p_##wrapper) fail(library, "no entry point " #name);

/* ---- double precision ---- */
static __typeof__(&qk_fftw_plan_guru64_dft) p_qk_fftw_plan_guru64_dft;
static __typeof__(&qk_fftw_execute) p_qk_fftw_execute;
static __typeof__(&qk_fftw_destroy_plan) p_qk_fftw_destroy_plan;
static __typeof__(&qk_fftw_init_threads) p_qk_fftw_init_threads;
static __typeof__(&qk_fftw_plan_with_nthreads) p_qk_fftw_plan_with_nthreads;
static pthread_once_t double_once = PTHREAD_ONCE_INIT;

static void open_double(void) {
    const char *name = "libfftw3_threads.so.3";
    void *handle = open_library(name);
    QK_RESOLVE(handle, name, fftw_plan_guru64_dft, qk_fftw_plan_guru64_dft)
    QK_RESOLVE(handle, name, fftw_execute, qk_fftw_execute)
    QK_RESOLVE(handle, name, fftw_destroy_plan, qk_fftw_destroy_plan)
    QK_RESOLVE(handle, name, fftw_init_threads, qk_fftw_init_threads)
    QK_RESOLVE(handle, name, fftw_plan_with_nthreads, qk_fftw_plan_with_nthreads)
}

fftw_plan qk_fftw_plan_guru64_dft(int rank, const fftw_iodim64 *dims, int howmany_rank,
                                  const fftw_iodim64 *howmany_dims, fftw_complex *in, fftw_complex *out, int sign,
                                  unsigned flags) {
    pthread_once(&double_once, open_double);
    return p_qk_fftw_plan_guru64_dft(rank, dims, howmany_rank, howmany_dims, in, out, sign, flags);
}

void qk_fftw_execute(const fftw_plan plan) {
    pthread_once(&double_once, open_double);
    p_qk_fftw_execute(plan);
}

void qk_fftw_destroy_plan(fftw_plan plan) {
    pthread_once(&double_once, open_double);
    p_qk_fftw_destroy_plan(plan);
}

int qk_fftw_init_threads(void) {
    pthread_once(&double_once, open_double);
    return p_qk_fftw_init_threads();
}

void qk_fftw_plan_with_nthreads(int threads) {
    pthread_once(&double_once, open_double);
    p_qk_fftw_plan_with_nthreads(threads);
}

/* ---- single precision ---- */
static __typeof__(&qk_fftwf_plan_guru64_dft) p_qk_fftwf_plan_guru64_dft;
static __typeof__(&qk_fftwf_execute) p_qk_fftwf_execute;
static __typeof__(&qk_fftwf_destroy_plan) p_qk_fftwf_destroy_plan;
static __typeof__(&qk_fftwf_init_threads) p_qk_fftwf_init_threads;
static __typeof__(&qk_fftwf_plan_with_nthreads) p_qk_fftwf_plan_with_nthreads;
static pthread_once_t single_once = PTHREAD_ONCE_INIT;

static void open_single(void) {
    const char *name = "libfftw3f_threads.so.3";
    void *handle = open_library(name);
    QK_RESOLVE(handle, name, fftwf_plan_guru64_dft, qk_fftwf_plan_guru64_dft)
    QK_RESOLVE(handle, name, fftwf_execute, qk_fftwf_execute)
    QK_RESOLVE(handle, name, fftwf_destroy_plan, qk_fftwf_destroy_plan)
    QK_RESOLVE(handle, name, fftwf_init_threads, qk_fftwf_init_threads)
    QK_RESOLVE(handle, name, fftwf_plan_with_nthreads, qk_fftwf_plan_with_nthreads)
}

fftwf_plan qk_fftwf_plan_guru64_dft(int rank, const fftwf_iodim64 *dims, int howmany_rank,
                                    const fftwf_iodim64 *howmany_dims, fftwf_complex *in, fftwf_complex *out,
                                    int sign, unsigned flags) {
    pthread_once(&single_once, open_single);
    return p_qk_fftwf_plan_guru64_dft(rank, dims, howmany_rank, howmany_dims, in, out, sign, flags);
}

void qk_fftwf_execute(const fftwf_plan plan) {
    pthread_once(&single_once, open_single);
    p_qk_fftwf_execute(plan);
}

void qk_fftwf_destroy_plan(fftwf_plan plan) {
    pthread_once(&single_once, open_single);
    p_qk_fftwf_destroy_plan(plan);
}

int qk_fftwf_init_threads(void) {
    pthread_once(&single_once, open_single);
    return p_qk_fftwf_init_threads();
}

void qk_fftwf_plan_with_nthreads(int threads) {
    pthread_once(&single_once, open_single);
    p_qk_fftwf_plan_with_nthreads(threads);
}
