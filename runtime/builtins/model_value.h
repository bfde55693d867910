/* model_value.h — fitted models as values: the results of fit, promote,
 * sindy (and path's results) and model(V, c) for a float c.
 *
 * A model value holds its model space V, its float coordinates c in V's
 * basis and the record of what the fit reported (coef, formula, residual,
 * singular values, ...).  It is
 *   - callable: m(X) evaluates it at the points of X (a float matrix with a
 *     point per row: an m x k float matrix) or at one point (a list or
 *     column of numbers: a number, or a float column of k values);
 *   - a record for reading: m.coef, m.formula, m.residual, ... as before,
 *     m.space for V and m.full for the full float coefficients;
 *   - convertible: exact(m) is the section sum c_b V[b] with each c_b the
 *     shortest decimal that reads back as the same double (exact, nothing
 *     rounded away); round(m, k) rounds each c_b to k decimals first;
 *   - accepted by every builtin that takes a model: builtins that know
 *     model values (eval, discover, exact, round, printing, save, plots)
 *     take it as it is, every other builtin (lie, act, diff, subs,
 *     regulariser, ...) receives exact(m).
 * Everything here is glue over model.h and promote.h. */
#ifndef SYM_MODEL_VALUE_H
#define SYM_MODEL_VALUE_H

#include "value.h"
#include "builtins.h"
#include "numeric/dmat.h"

extern const ObjType model_value_type;

/* A model value of the model-space value V (referenced) with coordinates
 * coef (a float column, referenced) and the fit's record info (stolen; it
 * becomes the record the fields are read from).  Returns info itself when
 * it is an error. */
Value *model_value_new(Value *V, Value *info);

/* m(args): evaluate at points.  New reference or an error at sp. */
Value *model_value_call(const Value *m, Value **args, int nargs, const Span *sp);

/* exact(m) (digits < 0) or round(m, digits): the exact section. */
Value *model_value_exact(const Value *m, long digits, const Span *sp);

/* The model space value and the float coordinates (borrowed). */
Value *model_value_space(const Value *m);
const DMat *model_value_coef(const Value *m);
/* The record of what the fit reported (borrowed; its type is "model"). */
const Value *model_value_info(const Value *m);

/* 1 if builtin `name` takes model values as they are (see above). */
int model_value_builtin_aware(const char *name);

#endif
