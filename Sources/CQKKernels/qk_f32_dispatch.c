/* The complex64 entry points: qk_dispatch_template.h with float (the CPU check is qk_dispatch.c's). */
#include "qk_internal.h"

#define QK_REAL float
#define QK_API(name) qk_f32_##name
#define QK_SCALAR_FN(name) qk_f32_scalar_##name
#define QK_AVX2_FN(name) qk_f32_avx2_##name
#include "qk_dispatch_template.h"
