/* OpenBLAS opened on first use (see qk_openblas.h). */
#define _GNU_SOURCE
#include "qk_openblas.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define QK_OPENBLAS_LIBRARY "libopenblas.so.0"

/* The entry points, one pointer per wrapper, with the wrapper's own type. */
#define QK_ENTRY(name, wrapper) static __typeof__(&wrapper) p_##wrapper;
#define QK_ENTRIES(X)                          \
    X(cblas_dgemm, qk_cblas_dgemm)             \
    X(cblas_dgemv, qk_cblas_dgemv)             \
    X(cblas_dsyrk, qk_cblas_dsyrk)             \
    X(cblas_zgemm, qk_cblas_zgemm)             \
    X(cblas_zherk, qk_cblas_zherk)             \
    X(openblas_get_num_threads, qk_openblas_get_num_threads) \
    X(openblas_set_num_threads, qk_openblas_set_num_threads) \
    X(dpotrf_, qk_dpotrf)                      \
    X(dgetrf_, qk_dgetrf)                      \
    X(dgetrs_, qk_dgetrs)                      \
    X(dsyevd_, qk_dsyevd)                      \
    X(dgelsd_, qk_dgelsd)                      \
    X(dgees_, qk_dgees)                        \
    X(dtrsyl_, qk_dtrsyl)
QK_ENTRIES(QK_ENTRY)

static void *library;
static int (*p_shutdown)(void);
static int single_flow;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fail(const char *what) {
    fprintf(stderr,
            "qksim: cannot use OpenBLAS (%s): %s\n"
            "  QKSim needs OpenBLAS for matrix products; on Debian or Ubuntu: apt install libopenblas-dev\n",
            QK_OPENBLAS_LIBRARY, what);
    abort();
}

static void open_library(void) {
    /* Local and deep-bound: OpenBLAS resolves its own symbols first, never the CBLAS of another
     * library already in the process (GSL brings libgslcblas). */
    void *handle = dlopen(QK_OPENBLAS_LIBRARY, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
    if (!handle) fail(dlerror());
#define QK_RESOLVE(name, wrapper)                                         \
    p_##wrapper = (__typeof__(&wrapper))dlsym(handle, #name);             \
    if (!p_##wrapper) fail("no entry point " #name);
    QK_ENTRIES(QK_RESOLVE)
    p_shutdown = (int (*)(void))dlsym(handle, "blas_thread_shutdown_");
    __atomic_store_n(&library, handle, __ATOMIC_RELEASE);
}

static inline void ensure(void) { pthread_once(&once, open_library); }

/* The background loader's once-function: OpenBLAS starts its workers as it loads, and they spin on
 * sched_yield for about 0.1 s, beside whatever the process does meanwhile (reading its data,
 * simulating on every core). In a single-flow process they are ended here, inside the once, before
 * any BLAS call can start; the first threaded call starts them again. */
static void open_library_quietly(void) {
    open_library();
    if (__atomic_load_n(&single_flow, __ATOMIC_ACQUIRE) && p_shutdown) p_shutdown();
}

static void *load_thread(void *unused) {
    (void)unused;
    pthread_once(&once, open_library_quietly);
    return NULL;
}

void qk_openblas_load_in_background(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    (void)pthread_create(&thread, &attributes, load_thread, NULL);
    pthread_attr_destroy(&attributes);
}

void qk_cblas_dgemm(qk_cblas_order order, qk_cblas_transpose ta, qk_cblas_transpose tb, int m, int n, int k,
                    double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc) {
    ensure();
    p_qk_cblas_dgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void qk_cblas_dgemv(qk_cblas_order order, qk_cblas_transpose t, int m, int n, double alpha, const double *a, int lda,
                    const double *x, int incx, double beta, double *y, int incy) {
    ensure();
    p_qk_cblas_dgemv(order, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void qk_cblas_dsyrk(qk_cblas_order order, qk_cblas_uplo uplo, qk_cblas_transpose t, int n, int k, double alpha,
                    const double *a, int lda, double beta, double *c, int ldc) {
    ensure();
    p_qk_cblas_dsyrk(order, uplo, t, n, k, alpha, a, lda, beta, c, ldc);
}

void qk_cblas_zgemm(qk_cblas_order order, qk_cblas_transpose ta, qk_cblas_transpose tb, int m, int n, int k,
                    const void *alpha, const void *a, int lda, const void *b, int ldb, const void *beta, void *c,
                    int ldc) {
    ensure();
    p_qk_cblas_zgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void qk_cblas_zherk(qk_cblas_order order, qk_cblas_uplo uplo, qk_cblas_transpose t, int n, int k, double alpha,
                    const void *a, int lda, double beta, void *c, int ldc) {
    ensure();
    p_qk_cblas_zherk(order, uplo, t, n, k, alpha, a, lda, beta, c, ldc);
}

int qk_openblas_get_num_threads(void) {
    ensure();
    return p_qk_openblas_get_num_threads();
}

void qk_openblas_set_num_threads(int threads) {
    ensure();
    p_qk_openblas_set_num_threads(threads);
}

int qk_openblas_is_loaded(void) {
    /* Published last by open_library, so a caller that sees it also sees every entry point. */
    return __atomic_load_n(&library, __ATOMIC_ACQUIRE) != NULL;
}

void qk_openblas_declare_single_flow(void) { __atomic_store_n(&single_flow, 1, __ATOMIC_RELEASE); }

void qk_openblas_stop_idle_threads(void) {
    if (__atomic_load_n(&single_flow, __ATOMIC_ACQUIRE) && qk_openblas_is_loaded() && p_shutdown) p_shutdown();
}

void qk_dpotrf(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len) {
    ensure();
    p_qk_dpotrf(uplo, n, a, lda, info, uplo_len);
}

void qk_dgetrf(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info) {
    ensure();
    p_qk_dgetrf(m, n, a, lda, ipiv, info);
}

void qk_dgetrs(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
               double *b, const int *ldb, int *info, size_t trans_len) {
    ensure();
    p_qk_dgetrs(trans, n, nrhs, a, lda, ipiv, b, ldb, info, trans_len);
}

void qk_dsyevd(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
               const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len) {
    ensure();
    p_qk_dsyevd(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len, uplo_len);
}

void qk_dgelsd(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
               double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info) {
    ensure();
    p_qk_dgelsd(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, iwork, info);
}

void qk_dgees(const char *jobvs, const char *sort, int (*select)(const double *, const double *), const int *n,
              double *a, const int *lda, int *sdim, double *wr, double *wi, double *vs, const int *ldvs, double *work,
              const int *lwork, int *bwork, int *info, size_t jobvs_len, size_t sort_len) {
    ensure();
    p_qk_dgees(jobvs, sort, select, n, a, lda, sdim, wr, wi, vs, ldvs, work, lwork, bwork, info, jobvs_len, sort_len);
}

void qk_dtrsyl(const char *trana, const char *tranb, const int *isgn, const int *m, const int *n, const double *a,
               const int *lda, const double *b, const int *ldb, double *c, const int *ldc, double *scale, int *info,
               size_t trana_len, size_t tranb_len) {
    ensure();
    p_qk_dtrsyl(trana, tranb, isgn, m, n, a, lda, b, ldb, c, ldc, scale, info, trana_len, tranb_len);
}
