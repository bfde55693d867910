/* builtins_poly.c — polynomials over the declared coordinates (glue to
 * runtime/exact/poly, monobasis, section). */
#include "builtins.h"

const Builtin builtins_poly[] = {
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
