/*
 * OpenBLAS, loaded on first use.
 *
 * Only the commands that multiply matrices need BLAS and LAPACK, yet a library linked at build
 * time is mapped, relocated and initialised (OpenBLAS allocates its buffers and starts its worker
 * threads) at every process start: about 1.3 ms, a tenth of a short `qksim simulate`. So OpenBLAS
 * is opened with dlopen the first time one of these wrappers is called, and each wrapper calls the
 * library's own entry point. The names carry a qk_ prefix so that a program linking OpenBLAS (or
 * another CBLAS) itself sees no clash.
 *
 * If the library cannot be opened, the first call prints what is missing and how to install it,
 * then aborts: there is no BLAS to fall back on.
 */
#ifndef QK_OPENBLAS_H
#define QK_OPENBLAS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CBLAS's enumerations, with CBLAS's values. */
typedef enum { CblasRowMajor = 101, CblasColMajor = 102 } qk_cblas_order;
typedef enum { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } qk_cblas_transpose;
typedef enum { CblasUpper = 121, CblasLower = 122 } qk_cblas_uplo;

/* BLAS (CBLAS interface, 32-bit integers as OpenBLAS's LP64 build takes them). */
void qk_cblas_dgemm(qk_cblas_order order, qk_cblas_transpose ta, qk_cblas_transpose tb, int m, int n, int k,
                    double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);
void qk_cblas_dgemv(qk_cblas_order order, qk_cblas_transpose t, int m, int n, double alpha, const double *a, int lda,
                    const double *x, int incx, double beta, double *y, int incy);
void qk_cblas_dsyrk(qk_cblas_order order, qk_cblas_uplo uplo, qk_cblas_transpose t, int n, int k, double alpha,
                    const double *a, int lda, double beta, double *c, int ldc);
void qk_cblas_zgemm(qk_cblas_order order, qk_cblas_transpose ta, qk_cblas_transpose tb, int m, int n, int k,
                    const void *alpha, const void *a, int lda, const void *b, int ldb, const void *beta, void *c,
                    int ldc);
void qk_cblas_zherk(qk_cblas_order order, qk_cblas_uplo uplo, qk_cblas_transpose t, int n, int k, double alpha,
                    const void *a, int lda, double beta, void *c, int ldc);

/* OpenBLAS's thread controls. */
int qk_openblas_get_num_threads(void);
void qk_openblas_set_num_threads(int threads);
/* Ends OpenBLAS's idle worker threads (it starts them again when needed). Ending them while a BLAS
 * call runs on another thread hangs that call, so this does nothing unless the process has declared
 * that it makes no concurrent BLAS calls (qk_openblas_declare_single_flow, which a command-line
 * tool may do and a library must not), nor when the library is not loaded yet or has no such entry
 * point. */
void qk_openblas_stop_idle_threads(void);
void qk_openblas_declare_single_flow(void);
/* Opens the library on a new detached thread (when it cannot start one, the first call opens it). */
void qk_openblas_load_in_background(void);
/* Whether the library has been opened. */
int qk_openblas_is_loaded(void);

/* LAPACK's Fortran entry points, which OpenBLAS itself exports (LP64 integers; gfortran passes the
 * length of each CHARACTER argument as a trailing size_t, declared here because omitting it is
 * undefined behaviour that gfortran's tail calls have turned into crashes). Going through these
 * rather than LAPACKE keeps LAPACKE and the reference LAPACK and BLAS it pulls in out of the
 * process. Matrices are column-major. */
void qk_dpotrf(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void qk_dgetrf(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void qk_dgetrs(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
               double *b, const int *ldb, int *info, size_t trans_len);
void qk_dsyevd(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
               const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len);
void qk_dgelsd(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
               double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info);
void qk_dgees(const char *jobvs, const char *sort, int (*select)(const double *, const double *), const int *n,
              double *a, const int *lda, int *sdim, double *wr, double *wi, double *vs, const int *ldvs, double *work,
              const int *lwork, int *bwork, int *info, size_t jobvs_len, size_t sort_len);
void qk_dtrsyl(const char *trana, const char *tranb, const int *isgn, const int *m, const int *n, const double *a,
               const int *lda, const double *b, const int *ldb, double *c, const int *ldc, double *scale, int *info,
               size_t trana_len, size_t tranb_len);

#ifdef __cplusplus
}
#endif

#endif /* QK_OPENBLAS_H */
