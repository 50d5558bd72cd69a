/* The portable scalar kernels for complex128 states: qk_scalar_template.h with double. */
#include "qk_internal.h"

#define QK_REAL double
#define QK_SCALAR_FN(name) qk_scalar_##name
#include "qk_scalar_template.h"
