/* builtins_numeric.h — float versions used by the exact builtins when they
 * are given a float matrix. */
#ifndef SYM_BUILTINS_NUMERIC_H
#define SYM_BUILTINS_NUMERIC_H

#include "builtins.h"

/* rank / nullspace of a float matrix; tol NULL: the largest gap. */
Value *numeric_rank(Call *c, Value *A, Value *tol);
Value *numeric_nullspace(Call *c, Value *A, Value *tol);

#endif
