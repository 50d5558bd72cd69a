// GSL headers only; never <gsl/gsl_cblas.h>, whose declarations clash with OpenBLAS's cblas.h.
// gsl_matrix.h (needed by gsl_multimin.h) includes gsl_blas_types.h, which includes gsl_cblas.h anyway;
// its CBLAS enums then clash with OpenBLAS's in every target that imports both modules. So GSL gets
// OpenBLAS's declarations (same names, a superset of the values) and its own copy is marked as read.
#include <cblas.h>
#define __GSL_CBLAS_H__
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_multimin.h>
