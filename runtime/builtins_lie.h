/* builtins_lie.h — the engine object kinds shared by builtins_lie.c (algebras,
 * groups, bundles, lie, act) and builtins_rep.c (representations, groups,
 * equivariant maps).
 *
 * Ownership: a "Lie algebra" value owns its MatAlgebra; a group holds a
 * reference to its algebra value; a representation holds a reference to
 * its owner (an algebra or a group value) whose MatAlgebra it borrows; a
 * bundle holds references to its owner and (sections) its representation. */
#ifndef SYM_BUILTINS_LIE_H
#define SYM_BUILTINS_LIE_H

#include "builtins.h"
#include "lie/algebra.h"
#include "lie/rep.h"
#include "lie/discrete.h"

extern const ObjType lie_algebra_type;  /* data: MatAlgebra * */
extern const ObjType lie_group_type;    /* data: LieGroup * */
extern const ObjType lie_bundle_type;   /* data: LieBundle * */
extern const ObjType lie_rep_type;      /* data: LieRep * */

typedef struct LieRep {
    MatRep r;                /* borrows the owner's MatAlgebra */
    Value *owner;            /* the algebra or group value whose MatAlgebra
                                r.alg is (reference) */
    Value *group;            /* a group value whose discrete generators act
                                (reference), or NULL */
} LieRep;

/* A representation value owning R (malloc'ed, r initialised).  The owner is
   whichever of the candidates (algebra or group values, NULL skipped) holds
   the MatAlgebra R->r.alg; the group the first candidate that is a group or
   has one.  Takes new references. */
Value *lie_rep_value(LieRep *R, Value *const *cands, int ncands);

typedef struct LieGroup {
    Value *alg;              /* a Lie algebra value (reference) */
    DiscreteGens gens;       /* the other components / finite generators */
} LieGroup;

enum { BUNDLE_SCALARS, BUNDLE_FIELDS, BUNDLE_FORMS, BUNDLE_TENSORS, BUNDLE_SECTIONS,
       BUNDLE_KERNELS /* integral / steerable kernels: builtins_kernel.c */ };

typedef struct LieBundle {
    Value *owner;            /* algebra or group value (reference) */
    Value *rep;              /* sections: the representation value; else NULL */
    int kind;                /* BUNDLE_* */
    slong n;                 /* base R^n */
    slong k;                 /* fiber dimension */
    slong p, q;              /* tensor type */
} LieBundle;

/* The MatAlgebra of an algebra or group value (borrowed), else NULL. */
const MatAlgebra *lie_owner_algebra(const Value *v);
/* The MatRep of a representation value (borrowed), else NULL. */
const MatRep *lie_rep(const Value *v);
/* The discrete generators of a group value, else NULL (builtins_rep.c). */
const DiscreteGens *lie_group_gens(const Value *v);
/* A new algebra value owning g (malloc'ed, initialised). */
Value *lie_alg_value(MatAlgebra *g);
/* An error from an engine status and message. */
Value *lie_alg_fail(Call *c, int st, const char *err);
/* Read argument i as a list of exact square matrices of one size n:
   *mats is a flint_malloc'ed array of shallow copies (flint_free it only).
   Returns NULL, or an error (then *mats is not set). */
Value *lie_get_mats(Call *c, Value **a, int i, fmpq_mat_struct **mats, slong *count, slong *n,
                    int allow_empty);
/* T = the action of the group element h on the fiber of B (tensors and
   sections).  ALG_OK or an ALG_ERR_* code with a message in err. */
int lie_bundle_group_matrix(fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h, char *err);

/* --- kernel bundles (builtins_kernel.c) ---
   A kernel bundle value has type kernel_bundle_type; its data starts with a
   LieBundle (kind BUNDLE_KERNELS, n = variables of the kernel ring, k =
   dim r_out * dim r_in), so model.c reads it as one.  For the algebra
   element xi, kernel_bundle_generator sets v (length B->n) and b (k x k)
   so that lie = b F - DF v is the kernel's Lie derivative (density term
   included); kernel_bundle_discrete sets g (B->n x B->n) and T (k x k) so
   that h.F = T F(g^-1 x) for the base element h.  Both return 0 or an
   ALG_ERR_* code with a message in err (ALG_ERR_LEN bytes). */
struct PolyVec;
struct PolyMat;
extern const ObjType kernel_bundle_type;
int kernel_bundle_generator(struct PolyVec *v, struct PolyMat *b, const LieBundle *B,
                            const fmpq_mat_t xi, char *err);
int kernel_bundle_discrete(fmpq_mat_t g, fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h,
                           char *err);
/* lie(xi, F, E) for a kernel bundle E (called by lie in builtins_bundle.c). */
Value *kernel_builtin_lie(Call *c, Value **a);

/* --- algebras of polynomial vector fields (builtins_fields_algebra.c) --- */
extern const ObjType fields_algebra_type;
/* lie(X, F, A) for a fields algebra A; basis(A). */
Value *fields_algebra_builtin_lie(Call *c, Value **a);
Value *fields_algebra_builtin_basis(Call *c, Value **a);
/* fields_algebra(Xs): the builtin body (listed in builtins_kernel[]). */
Value *fields_algebra_builtin_new(Call *c, Value **a);

extern const Builtin builtins_kernel[]; /* builtins_kernel.c, builtins_fields_algebra.c */

/* v (its ring's nvars) and b (k x k, k the fiber dimension) = the velocity
   field and fiber generator of the algebra element xi for sections of
   bundle kind `kind` (B: the bundle, or NULL for plain scalars and vector
   fields): v = A x (or A x + b for an affine xi); b = 0, Dv, -Dv^T, the
   tensor rule, dρ(xi), or the kernel rule with its density term, so that
   lie(xi, F) = b F - DF v.  ALG_OK, or an ALG_ERR_* code with a message in
   err (ALG_ERR_LEN). */
int lie_bundle_generator(struct PolyVec *v, struct PolyMat *b, int kind, const LieBundle *B,
                         const fmpq_mat_t xi, char *err);

extern const Builtin builtins_rep[];    /* builtins_rep.c */
extern const Builtin builtins_bundle[]; /* builtins_bundle.c */

#endif
