/* builtins_lie.c — Lie algebras, representations, groups, actions and the
 * Lie derivative (glue to runtime/lie). */
#include "builtins.h"

const Builtin builtins_lie[] = {
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
