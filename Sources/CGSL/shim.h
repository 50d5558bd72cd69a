// GSL headers for QKSim. Some GSL headers (multimin, randist) pull in <gsl/gsl_cblas.h>, whose
// declarations clash with OpenBLAS's <cblas.h> in a module that imports both. So OpenBLAS's header
// is included first and GSL's copy is skipped through its include guard: GSL's types then alias
// OpenBLAS's identical enums, and every cblas_* call resolves to OpenBLAS.
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
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

// GSL exports its ODE stepper types as mutable global pointers, which Swift 6's strict concurrency
// rejects; these accessors return them without Swift ever naming the globals.
static inline const gsl_odeiv2_step_type *cgsl_odeiv2_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }
static inline const gsl_odeiv2_step_type *cgsl_odeiv2_step_rkf45(void) { return gsl_odeiv2_step_rkf45; }
static inline const gsl_odeiv2_step_type *cgsl_odeiv2_step_rkck(void) { return gsl_odeiv2_step_rkck; }
