/* The portable scalar kernels for complex64 states: qk_scalar_template.h with float. */
#include "qk_internal.h"

#define QK_REAL float
#define QK_SCALAR_FN(name) qk_f32_scalar_##name
#include "qk_scalar_template.h"
