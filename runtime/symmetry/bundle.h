/* bundle.h — vector bundles over R^n on which a matrix Lie algebra acts:
 * their fiber generators (the Lie derivative of a section) and their group
 * action.  The one place that knows each bundle kind.
 *
 * For an algebra element xi (n x n, or (n+1) x (n+1) affine [A, t; 0, 0])
 * the velocity field is v(x) = A x (+ t) and the Lie derivative of a section
 * F is lie(xi, F) = b F - DF v ((exp(s xi) F)(x) = T F(exp(-s xi) x),
 * so the derivative at s = 0 is b F - DF v) with the fiber
 * generator b of the kind:
 *   scalars   b = 0                       fields    b = Dv
 *   forms     b = -Dv^T                   tensors   b = the (p, q) rule
 *   sections  b = drho(xi) (constant)
 *   kernels   k(x, y) over (x, y), v = (v(x), v(y)),
 *             b = drho_out(xi) (x) I - I (x) drho_in(xi)^T - tr(A) I
 *             (the last term is the density of dy: |det Dθ⁻¹(y)|).
 * A group element h acts by (h.F)(x) = T_h F(g^-1 x) with g = h on the base
 * (blockdiag(h, h) for two-point kernels) and T_h = 1, h, h^-T, the tensor
 * power h^(x)p (x) h^-T(x)q, rho(h), or rho_out(h) (x) rho_in(h)^-T / |det h|.
 *
 * Engine layer: plain C types.  A LieBundle BORROWS its algebra,
 * representations and ring: they must outlive it (the interpreter keeps
 * references next to it).  Status: ALG_OK (0) or an ALG_ERR_* code
 * (lie/algebra.h) with a one-line message in err (ALG_ERR_LEN bytes, may be
 * NULL).  Nothing aborts; outputs are initialised by the caller. */
#ifndef SYM_SYMMETRY_BUNDLE_H
#define SYM_SYMMETRY_BUNDLE_H

#include <flint/fmpq_mat.h>
#include "exact/poly.h"
#include "exact/section.h"
#include "lie/algebra.h"
#include "lie/rep.h"

typedef enum BundleKind {
    BUNDLE_SCALARS,
    BUNDLE_FIELDS,
    BUNDLE_FORMS,
    BUNDLE_TENSORS,
    BUNDLE_SECTIONS,
    BUNDLE_KERNELS
} BundleKind;

typedef struct LieBundle {
    BundleKind kind;
    slong n;               /* base R^n (kernels: the ring's variables) */
    slong k;               /* fiber dimension */
    slong p, q;            /* tensors: type */
    const MatAlgebra *alg; /* the acting algebra (borrowed); NULL for a
                              plain bundle (bundle_init_plain) */
    const MatRep *rep;     /* sections: the fiber; kernels: r_out or NULL */
    const MatRep *rin;     /* kernels: r_in or NULL (trivial) */
    const PolyRing *ring;  /* kernels: the ring of k(x, xp) or k(z) */
    slong m;               /* kernels: the base is R^m */
    slong din, dout;       /* kernels: fiber of dout x din matrices */
    int twoarg;            /* kernels: 1 for k(x, xp), 0 for k(z) */
} LieBundle;

/* B = scalars (k = 1) or vector fields (k = n) over R^n with no algebra
   attached (any matrix or vector field acts).  Other k: ALG_ERR_ARG. */
int bundle_init_plain(LieBundle *B, slong n, slong k, char *err);

/* B = the bundle of kind (scalars, fields, forms, tensors of type (p, q),
   or sections of rep) over the space of g.  Checks that rep is of g and the
   fiber size (SECTION_MAX_FIBER).  Kernels: bundle_init_kernels. */
int bundle_init(LieBundle *B, BundleKind kind, const MatAlgebra *g, slong p, slong q,
                const MatRep *rep, char *err);

/* B = kernels k(x, xp) (twoarg) or steerable kernels k(z) of g over the
   ring R (2m or m variables) with fiber Hom(rin, rout) (NULL: trivial). */
int bundle_init_kernels(LieBundle *B, const MatAlgebra *g, const MatRep *rin, const MatRep *rout,
                        const PolyRing *R, int twoarg, char *err);

/* 1 if the representation r is of the algebra g (same basis). */
int bundle_rep_of(const MatRep *r, const MatAlgebra *g);

/* b (k x k, initialised) = the fiber generator of B for the velocity v
   (B->n polynomials); D = drho(xi) for sections (else ignored).  The one
   switch over the non-kernel bundle kinds. */
int bundle_fiber(PolyMat *b, const LieBundle *B, const PolyVec *v, const fmpq_mat_t D, char *err);

/* v (length B->n, initialised over the section ring) and b (k x k) = the
   velocity field and fiber generator of xi, so that lie(xi, F) = b F - DF v.
   Checks that xi is an element of B->alg when the bundle has one. */
int bundle_generator(PolyVec *v, PolyMat *b, const LieBundle *B, const fmpq_mat_t xi, char *err);

/* T (resized) = the fiber action T_h of the group element h (n x n) for
   tensors and sections (an affine algebra's h is lifted). */
int bundle_group_matrix(fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h, char *err);

/* g and T (resized) = the action of the base element h on sections of B:
   (h.F)(x) = T F(g^-1 x).  Errors: sizes, singular h, representations. */
int bundle_discrete_action(fmpq_mat_t g, fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h,
                           char *err);

#endif
