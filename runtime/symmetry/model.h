/* model.h — model spaces: finite-dimensional linear spaces of models
 * (polynomial sections of a bundle, or affine layers z -> W z + b between
 * representations), their exact symmetry constraints and enforce.
 *
 * A model is a coefficient vector in the "full" coordinates of its kind:
 *  - sections (MODEL_SECTIONS): k components of degree <= d in the n
 *    variables of R, component-major monomial coefficients
 *    (exact/monobasis.h): nfull = k * C(n + d, d);
 *  - layers (MODEL_LAYERS): vec(W) row-major (W is dout x din, entry (r, b)
 *    at r*din + b), then b (dout entries) when bias is set:
 *    nfull = dout*din (+ dout).
 * A model space is the column span of an exact nfull x dim basis matrix B,
 * stored sparse by its transpose: Bt (SpMat, dim x nfull) holds basis
 * vector j as row j.  Invariant: Bt is in canonical form (reduced row
 * echelon form, each row a primitive integer vector with positive leading
 * entry, exact/nullspace.h), so a space prints the same on every run, and
 * piv[j] is the leading column of row j (increasing in j; column piv[j] is
 * zero in every other row).  When `full` is set the space is all of
 * Q^nfull, B is the identity and is NOT stored (Bt is 0 x 0, piv NULL):
 * use model_space_basis_column / model_space_get_basis / combine instead of
 * reading Bt.  Only model_space_get_basis materialises a dense B.
 *
 * Symmetry (lie(xi, F) = b F - DF v, (h.F)(x) = T_h F(h^-1 x)): for an algebra element xi (n x n,
 * or (n+1) x (n+1) affine), a section F is constrained by lie(xi, F) = b_xi F - DF v_xi = 0 with
 * the bundle's fiber generator; for a discrete element h (n x n) by h.F - F = T_h F(h^-1 x) - F =
 * 0.  A layer by drho_out(xi) W - W drho_in(xi) = 0, drho_out(xi) b = 0, and for h by rho_out(h) W
 * - W rho_in(h) = 0, rho_out(h) b - b = 0.
 *
 * Status: functions return 0 on success or a QMAT_E_* / POLY_ERR_* / ALG_ERR_*
 * code with a one-line message in err (MODEL_ERR_LEN bytes, may be NULL);
 * nothing aborts.  Ownership: a ModelSpace owns its matrices and one
 * reference to its ring (model_space_clear drops them); it BORROWS what its
 * bundle and representations point to (algebras, representations): the
 * caller keeps those alive (the interpreter's model-space value holds
 * references to the values that own them). */
#ifndef SYM_MODEL_H
#define SYM_MODEL_H

#include "exact/spmat.h"
#include "exact/section.h"
#include "lie/algebra.h"
#include "lie/rep.h"
#include "symmetry/bundle.h"

#define MODEL_ERR_LEN SYM_ERR_LEN
/* Largest nfull of a model space whose basis or coefficient vectors are
   stored (2^26).  A space's basis is stored sparse, so what bounds the work
   is the stored nonzeros (SPMAT_MAX_NNZ in a constraint matrix or a basis)
   and memory; sections are further bounded by MONOBASIS_MAX_SIZE monomials.
   A full layer space may be larger (up to MODEL_MAX_FULL_COEFFS: it stores
   nothing) as the input of an enforce with a closed form (model_orbit.h);
   every other use of it is refused with a size-limit error. */
#define MODEL_MAX_COEFFS (WORD(1) << 26)
#define MODEL_MAX_FULL_COEFFS (WORD(1) << 62)
/* Printing shows at most this many basis elements. */
#define MODEL_PRINT_MAX 24

enum { MODEL_SECTIONS, MODEL_LAYERS };

typedef struct ModelSpace {
    int kind; /* MODEL_SECTIONS or MODEL_LAYERS */
    /* sections */
    LieBundle bundle; /* the bundle (borrowing), when has_bundle */
    int has_bundle;   /* 0: the rule is scalars for k = 1, vector fields
                         for k = n */
    PolyRing *R;      /* coordinate ring (reference); NULL for layers */
    slong n, k, d;    /* variables, components, degree */
    /* layers */
    const MatRep *rin, *rout; /* the representations (borrowed) */
    slong din, dout;
    int bias;
    /* the space */
    slong nfull;   /* full coefficient size */
    slong dim;     /* dimension */
    slong nbefore; /* dimension before the last enforce (= dim if none) */
    int enforced;  /* 1 after enforce */
    int full;      /* B is the identity (not stored) */
    SpMat Bt;      /* B^T: dim x nfull, canonical rows (0 x 0 when full) */
    slong *piv;    /* piv[j]: leading column of row j of Bt; NULL when
                      full */
    /* owned; when set, the basis is the closed-form S(n)/A(n)-orbit basis
       (model_orbit.h) and Bt, piv are not stored */
    struct ModelOrbit *orbit;
} ModelSpace;

/* Free everything V owns (safe on a zeroed struct). */
void model_space_clear(ModelSpace *V);

/* V = all sections of the bundle E (copied; NULL: plain scalars or vector
   fields) with k components of degree <= d over R (a reference taken).
   Fails when nfull > MODEL_MAX_COEFFS. */
int model_space_init_polys(ModelSpace *V, const LieBundle *E, PolyRing *R, slong k, slong d,
                           char *err);

/* V = all affine (bias = 1) or linear layers between the representations
   rin and rout (borrowed). */
int model_space_init_layers(ModelSpace *V, const MatRep *rin, const MatRep *rout, int bias,
                            char *err);

/* Replace the basis of V (full or not) by the canonical basis of the column
   span of M (nfull x m, any columns, dependent allowed).  Clears `full`. */
int model_space_set_span(ModelSpace *V, const fmpq_mat_t M, char *err);

/* col (nfull entries, initialised) = coefficient vector of basis model j,
   0 <= j < dim. */
void model_space_basis_column(fmpq *col, const ModelSpace *V, slong j);

/* M = B (materialised: the identity when full).  QMAT_E_TOO_LARGE past
   QMAT_MAX_ENTRIES. */
int model_space_get_basis(fmpq_mat_t M, const ModelSpace *V);

/* f (nfull entries) = sum_j c[j] * basis_j (c has dim entries), exact. */
void model_space_combine(fmpq *f, const ModelSpace *V, const fmpq *c);
/* The same in doubles (f: nfull doubles, c: dim doubles); exact basis
   entries are rounded once each. */
void model_space_combine_d(double *f, const ModelSpace *V, const double *c);

/* c (dim entries) = coordinates of the full coefficient vector f in V's
   basis.  Returns 0, or QMAT_E_NO_SOLUTION when f is not in V. */
int model_space_coords(fmpq *c, const ModelSpace *V, const fmpq *f);

/* F (initialised with k components over V->R) = the section with full
   coefficient vector f (sections only). */
int model_space_section(PolyVec *F, const ModelSpace *V, const fmpq *f, char *err);

/* f (nfull entries) = full coefficients of the section F (k components,
   over V->R).  POLY_ERR_ARG when F has the wrong shape or degree > d. */
int model_space_section_coeffs(fmpq *f, const ModelSpace *V, const PolyVec *F, char *err);

/* Append to C (C->c == V->nfull) the rows of the constraint operator of V
   for the algebra elements alg[0..nalg-1] (each n x n or affine
   (n+1) x (n+1) for sections; elements of the representations' algebra
   for layers) and the discrete elements disc[0..ndisc-1] (n x n, acting on
   the base; pushed through the representations for layers and `sections`
   bundles).  The rows act on FULL coefficients (they ignore B); their
   nullspace intersected with V is the symmetric subspace.  Sections use
   section_lie_matrix / section_act_matrix; fiber generators follow the
   bundle: 0 (scalars), Dv (fields), -Dv^T (forms), the tensor rule, or
   drho(xi) (sections of a representation: xi must lie in the algebra).
   Errors: sizes, "not an element of the algebra", singular h, limits.
   Polls nothing (the builders are linear in the output size). */
/* The bundle of V's sections: V's own, or *plain set to plain scalars
   (k = 1) or vector fields (k = n) when V has none; NULL with a message
   when V has no bundle and its sections are neither. */
const LieBundle *model_space_bundle(const ModelSpace *V, LieBundle *plain, char *err);

/* The action of discrete generator number j (0-based, for messages) h on
   V's sections, (h·F)(x) = Tm F(g⁻¹x): g (resized) the matrix acting on the
   base (h itself, or the kernel bundle's pair action) and Tm (resized) the
   fiber matrix of V's bundle (1, h, h⁻ᵀ, the tensor / representation rule).
   g and Tm must be initialised.  Errors: sizes, singular h, reps. */
int model_discrete_action(fmpq_mat_t g, fmpq_mat_t Tm, const ModelSpace *V, const fmpq_mat_t h,
                          slong j, char *err);

int model_constraint_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                          const fmpq_mat_struct *disc, slong ndisc, char *err);

/* gens (initialised by the call, count *ngens, flint_free the array after
   fmpq_mat_clear of each) = a generating set of g chosen greedily from its
   basis: b_0, then each b_i not in the algebra generated so far, until that
   algebra is g (so(3): L_x, L_y). */
int model_algebra_generators(fmpq_mat_struct **gens, slong *ngens, const MatAlgebra *g, char *err);

/* out (initialised by the call) = the subspace of V satisfying the
   constraints of model_constraint_rows for alg and disc.  Layers between
   representations that split into blocks are solved block by block
   (model_blocks.h), with the same canonical result; otherwise N = nullspace of
   C B (sparse exact solver, checked, N^T returned as sparse rows), basis
   rows N^T B^T (canonical up to row scale, made primitive): all sparse,
   no dense n x k array.  nbefore =
   dim V, enforced = 1.  QMAT_E_INTERRUPTED when sym_interrupted is set. */
int model_space_enforce(ModelSpace *out, const ModelSpace *V, const fmpq_mat_struct *alg,
                        slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err);

#endif
