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
#include "symmetry/bundle.h"

extern const ObjType lie_algebra_type; /* data: MatAlgebra * */
extern const ObjType lie_group_type;   /* data: LieGroup * */
extern const ObjType lie_bundle_type;  /* data: LieBundle * */
extern const ObjType lie_rep_type;     /* data: LieRep * */

typedef struct LieRep {
    MatRep r;     /* borrows the owner's MatAlgebra */
    Value *owner; /* the algebra or group value whose MatAlgebra
                     r.alg is (reference) */
    Value *group; /* a group value whose discrete generators act
                     (reference), or NULL */
} LieRep;

/* A representation value owning R (malloc'ed, r initialised).  The owner is
   whichever of the candidates (algebra or group values, NULL skipped) holds
   the MatAlgebra R->r.alg; the group the first candidate that is a group or
   has one.  Takes new references. */
Value *lie_rep_value(LieRep *R, Value *const *cands, int ncands);

typedef struct LieGroup {
    Value *alg;        /* a Lie algebra value (reference) */
    DiscreteGens gens; /* the other components / finite generators */
} LieGroup;

/* The data of a bundle value (lie_bundle_type) and of a kernel bundle
   value (kernel_bundle_type): the engine bundle (symmetry/bundle.h) and the
   references that keep alive what it borrows. */
typedef struct BundleValue {
    LieBundle b;    /* engine bundle: borrows from the values below */
    Value *owner;   /* algebra or group value (reference) */
    Value *rep;     /* sections: the representation; kernels: r_out
                       (or NULL) */
    Value *rin;     /* kernels: r_in (or NULL) */
    PolyRing *ring; /* kernels: the kernel ring (reference) */
} BundleValue;

/* The engine bundle of a bundle or kernel bundle value, else NULL. */
const LieBundle *lie_bundle_of(const Value *v);
/* The BundleValue of a bundle or kernel bundle value, else NULL. */
const BundleValue *lie_bundle_value(const Value *v);
/* A new value of type t (lie_bundle_type or kernel_bundle_type) for the
   engine bundle b; takes new references to owner, rep, rin and ring (any
   may be NULL). */
Value *lie_bundle_new(const ObjType *t, const LieBundle *b, Value *owner, Value *rep, Value *rin,
                      PolyRing *ring);

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
/* --- kernel bundles (builtins_kernel.c): data BundleValue, kind
   BUNDLE_KERNELS (the engine rule is in symmetry/bundle.c). --- */
extern const ObjType kernel_bundle_type;
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

extern const Builtin builtins_rep[];    /* builtins_rep.c */
extern const Builtin builtins_bundle[]; /* builtins_bundle.c */

#endif
