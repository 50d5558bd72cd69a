#include <stddef.h>
#include <cblas.h>

/* LAPACK's Fortran entry points, which OpenBLAS itself exports (LP64 integers; gfortran passes the
 * length of each CHARACTER argument as a trailing size_t, declared here because omitting it is
 * undefined behaviour that gfortran's tail calls have turned into crashes). Declaring them here,
 * rather than going through LAPACKE, keeps LAPACKE, the reference LAPACK and BLAS it pulls in and
 * their relocations (about 3 ms of every process start) out of the binary. Matrices are
 * column-major. */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
             double *b, const int *ldb, int *info, size_t trans_len);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
             const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
             double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info);
void dgees_(const char *jobvs, const char *sort, int (*select)(const double *, const double *), const int *n,
            double *a, const int *lda, int *sdim, double *wr, double *wi, double *vs, const int *ldvs, double *work,
            const int *lwork, int *bwork, int *info, size_t jobvs_len, size_t sort_len);
void dtrsyl_(const char *trana, const char *tranb, const int *isgn, const int *m, const int *n, const double *a,
             const int *lda, const double *b, const int *ldb, double *c, const int *ldc, double *scale, int *info,
             size_t trana_len, size_t tranb_len);
