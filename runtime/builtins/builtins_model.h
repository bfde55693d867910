/* builtins_model.h — the model-space value kind and the glue other bindings
 * use to read and build model values (builtins_model.c).  The engine is
 * symmetry/model.h. */
#ifndef SYM_BUILTINS_MODEL_H
#define SYM_BUILTINS_MODEL_H

#include "builtins.h"
#include "builtins_lie.h"
#include "symmetry/model.h"

/* The builtin table (builtins_model.c). */
extern const Builtin builtins_model[];

/* --- glue for builtins outside builtins_model.c (new references) --- */

/* The "model space" value kind. */
extern const ObjType model_space_type;
/* The ModelSpace of a value, or NULL if it is not a model space. */
const ModelSpace *model_space_of(const Value *v);
/* The bundle value a model space of sections was made from, or NULL. */
Value *model_space_bundle_value(const Value *v);
/* A new model-space value owning V (malloc'ed, initialised; freed here,
   its contents moved) that keeps references to the values owning what V
   borrows: the bundle value, the representation values (any may be NULL). */
Value *model_space_value(ModelSpace *V, Value *bundle, Value *rin, Value *rout);
/* The same, keeping what the model-space value src keeps (enforce, span). */
Value *model_space_value_like(ModelSpace *V, const Value *src);
/* basis(V): the list of basis models. */
Value *model_builtin_basis(Call *c, Value **a);
/* coeffs(V, F): the exact coordinates of the model F in V, as a column. */
Value *model_builtin_coeffs(Call *c, Value **a);
/* The model sum_j c[j] basis_j (c: dim entries) as a value: a polynomial
   (k = 1), a column of polynomials, or record(W = .., b = ..) for layers. */
Value *model_value_from_coords(const ModelSpace *V, const fmpq *c);
/* f (nfull entries, initialised) = the full coefficients of the model value
   F (a polynomial, column, or layer record / matrix W); NULL, or an error
   about argument i of the call. */
Value *model_value_full(Call *c, const ModelSpace *V, Value *F, int i, fmpq *f);

#endif
