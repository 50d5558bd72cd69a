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

#define QK_RESOLVE(handle, library, name, wrapper)            \
    p_##wrapper = (__typeof__(&wrapper))dlsym(handle, #name); \
    if (!p_##wrapper) fail(library, "no entry point " #name);

/*
 * One precision's wrappers: P is FFTW's prefix (fftw, fftwf), LIBRARY its threads library, which
 * depends on the main one, so one handle reaches both. Each wrapper opens the library once
 * (pthread_once), then calls FFTW's own entry point.
 */
#define QK_FFTW_PRECISION(P, LIBRARY)                                                                       \
    static __typeof__(&qk_##P##_plan_guru64_dft) p_qk_##P##_plan_guru64_dft;                                \
    static __typeof__(&qk_##P##_execute) p_qk_##P##_execute;                                                \
    static __typeof__(&qk_##P##_destroy_plan) p_qk_##P##_destroy_plan;                                      \
    static __typeof__(&qk_##P##_init_threads) p_qk_##P##_init_threads;                                      \
    static __typeof__(&qk_##P##_plan_with_nthreads) p_qk_##P##_plan_with_nthreads;                          \
    static pthread_once_t P##_once = PTHREAD_ONCE_INIT;                                                     \
                                                                                                            \
    static void open_##P(void) {                                                                            \
        void *handle = dlopen(LIBRARY, RTLD_NOW | RTLD_LOCAL);                                              \
        if (!handle) fail(LIBRARY, dlerror());                                                              \
        QK_RESOLVE(handle, LIBRARY, P##_plan_guru64_dft, qk_##P##_plan_guru64_dft)                          \
        QK_RESOLVE(handle, LIBRARY, P##_execute, qk_##P##_execute)                                          \
        QK_RESOLVE(handle, LIBRARY, P##_destroy_plan, qk_##P##_destroy_plan)                                \
        QK_RESOLVE(handle, LIBRARY, P##_init_threads, qk_##P##_init_threads)                                \
        QK_RESOLVE(handle, LIBRARY, P##_plan_with_nthreads, qk_##P##_plan_with_nthreads)                    \
    }                                                                                                       \
                                                                                                            \
    P##_plan qk_##P##_plan_guru64_dft(int rank, const P##_iodim64 *dims, int howmany_rank,                   \
                                      const P##_iodim64 *howmany_dims, P##_complex *in, P##_complex *out,    \
                                      int sign, unsigned flags) {                                           \
        pthread_once(&P##_once, open_##P);                                                                  \
        return p_qk_##P##_plan_guru64_dft(rank, dims, howmany_rank, howmany_dims, in, out, sign, flags);    \
    }                                                                                                       \
    void qk_##P##_execute(const P##_plan plan) {                                                            \
        pthread_once(&P##_once, open_##P);                                                                  \
        p_qk_##P##_execute(plan);                                                                           \
    }                                                                                                       \
    void qk_##P##_destroy_plan(P##_plan plan) {                                                             \
        pthread_once(&P##_once, open_##P);                                                                  \
        p_qk_##P##_destroy_plan(plan);                                                                      \
    }                                                                                                       \
    int qk_##P##_init_threads(void) {                                                                       \
        pthread_once(&P##_once, open_##P);                                                                  \
        return p_qk_##P##_init_threads();                                                                   \
    }                                                                                                       \
    void qk_##P##_plan_with_nthreads(int threads) {                                                         \
        pthread_once(&P##_once, open_##P);                                                                  \
        p_qk_##P##_plan_with_nthreads(threads);                                                             \
    }

QK_FFTW_PRECISION(fftw, "libfftw3_threads.so.3")
QK_FFTW_PRECISION(fftwf, "libfftw3f_threads.so.3")
