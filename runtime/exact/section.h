/* section.h — vectors and matrices of polynomials over one ring (sections of
 * trivial bundles R^n x R^k), the Lie derivative lie(F) = b·F − DF·v, brackets,
 * fiber generators of the standard bundles, and the sparse matrices of the
 * infinitesimal and discrete constraint operators on monomial model spaces.
 *
 * Conventions ((g·F)(x) = T_g F(g⁻¹x), lie its derivative along exp(t ξ)):
 *   lie(F) = b·F − DF·v      v: velocity field (n polynomials),
 *                            b: k×k fiber generator (polynomials; NULL = 0).
 *   bracket(X, Y) = DY·X − DX·Y (geometric bracket), so for vector fields
 *   (b = Dv) lie(F) = −bracket(v, F).
 *   discrete action: (g·F)(x) = T F(g⁻¹x) for g acting linearly on x.
 *
 * Types: a PolyVec holds len polynomials and one reference to its ring; a
 * PolyMat holds rows×cols polynomials in row-major order and one reference.
 * Outputs are initialised by the caller with the right shape and ring; every
 * function checks shapes and rings (ring mismatch errors name both rings)
 * and returns an int status (POLY_OK = 0) plus a message in err (POLY_ERR_LEN
 * bytes, may be NULL).  Outputs may alias inputs (results are computed in
 * temporaries); on failure the output is unchanged.
 */
#ifndef SYM_SECTION_H
#define SYM_SECTION_H

#include "exact/monobasis.h"
#include "exact/poly.h"

#include <flint/fmpq_mat.h>

#define SECTION_MAX_FIBER 512           /* largest fiber dimension k of a PolyMat generator */
#define SECTION_MAX_ACCUMULATOR 8000000 /* k * (output basis size) in the matrix builders */

typedef struct PolyVec {
    slong len;
    fmpq_mpoly_struct *p;
    PolyRing *R;
} PolyVec;

typedef struct PolyMat {
    slong rows, cols;
    fmpq_mpoly_struct *p; /* row-major: entry (i, j) is p[i*cols + j] */
    PolyRing *R;
} PolyMat;

/* Zero vector of length len >= 0 over R (takes a new reference to R). */
void polyvec_init(PolyVec *v, slong len, PolyRing *R);
void polyvec_clear(PolyVec *v);

/* Zero matrix over R (takes a new reference to R). */
void polymat_init(PolyMat *M, slong rows, slong cols, PolyRing *R);
void polymat_clear(PolyMat *M);

static inline fmpq_mpoly_struct *polymat_entry(const PolyMat *M, slong i, slong j)
{
    return M->p + i * M->cols + j;
}

/* Maximum total degree of the entries; -1 if all are zero. */
slong polyvec_degree(const PolyVec *v);
slong polymat_degree(const PolyMat *M);

/* v = A x + c (c: n×1 or NULL) where A is len(v)×n, n = nvars. */
int polyvec_set_affine(PolyVec *v, const fmpq_mat_t A, const fmpq_mat_t c, char *err);

/* v (length nvars of its ring) = the velocity field of the matrix A on the
   coordinates: A x for an n x n matrix, A' x + b for an (n+1) x (n+1)
   matrix [A', b; 0, 0] (an affine element).  Returns POLY_OK,
   SECTION_VELOCITY_SIZE (A is neither n x n nor (n+1) x (n+1)) or
   SECTION_VELOCITY_NOT_AFFINE ((n+1) x (n+1) with a nonzero last row); the
   caller words the error, since only it knows what A was. */
enum { SECTION_VELOCITY_SIZE = -1, SECTION_VELOCITY_NOT_AFFINE = -2 };
int section_velocity(PolyVec *v, const fmpq_mat_t A);

/* M = A (constant matrix of the same shape). */
int polymat_set_fmpq_mat(PolyMat *M, const fmpq_mat_t A, char *err);

/* J (len(F) × n) = DF, J[i][j] = ∂F_i/∂x_j. */
int section_jacobian(PolyMat *J, const PolyVec *F, char *err);

/* out = b·F − DF·v (b k×k or NULL, v of length nvars, F and out of length
   k).  Fails on shape or ring mismatch or degree/term limits. */
int section_lie(PolyVec *out, const PolyMat *b, const PolyVec *v, const PolyVec *F, char *err);

/* out = DY·X − DX·Y for vector fields X, Y (length nvars). */
int section_bracket(PolyVec *out, const PolyVec *X, const PolyVec *Y, char *err);

/* out = Σ ∂X_i/∂x_i. */
int section_divergence(fmpq_mpoly_t out, const PolyVec *X, char *err);

/* Fiber generators given the velocity field v (length n = nvars):
   tangent b = Dv (n×n); cotangent b = −Dvᵀ (n×n). */
int section_fiber_tangent(PolyMat *b, const PolyVec *v, char *err);
int section_fiber_cotangent(PolyMat *b, const PolyVec *v, char *err);

/* Tensor-product rule: out = b1 ⊗ I + I ⊗ b2, of size (k1 k2)×(k1 k2), with
   row-major multi-indices (index (i, j) -> i*k2 + j).  Either may be NULL,
   meaning the zero generator of dimension given by k1 or k2. */
int section_fiber_kron_sum(PolyMat *out, const PolyMat *b1, slong k1, const PolyMat *b2, slong k2,
                           char *err);

/* Tensors of type (p, q) (p upper, q lower indices): generator of dimension
   n^(p+q) = Σ over slots of Dv (upper) or −Dvᵀ (lower) acting on that slot;
   the multi-index (i1..ip, j1..jq) is row-major, upper indices first.
   (0, 0) gives the 1×1 zero generator (scalars).  b must be initialised
   with dimension n^(p+q) <= SECTION_MAX_FIBER. */
int section_fiber_tensor(PolyMat *b, const PolyVec *v, slong p, slong q, char *err);

/* Receives one nonzero matrix entry; a nonzero return stops the builder,
   which then returns POLY_ERR_CALLBACK. */
typedef int (*SectionEmitFn)(void *ctx, slong row, slong col, const fmpq_t val);

/* The output degree needed by section_lie_matrix: d + max(deg v − 1, deg b)
   (deg 0 = −1), at least 0. */
slong section_lie_matrix_degree(const PolyMat *b, const PolyVec *v, slong d);

/* The matrix of the linear map F ↦ b·F − DF·v on sections with k components
   of degree <= d.  Columns: component-major monomial basis of degree <= d
   (column c*N_d + j = basis monomial j in component c); rows: the same for
   degree <= *d_out.  If *d_out < 0 on entry it is set to
   section_lie_matrix_degree(b, v, d); otherwise it must be at least that.
   Nonzero entries are emitted column by column in ascending column order,
   rows ascending within a column.  b may be NULL (k×k zero); v has length
   nvars of v->R.  Images are computed directly from exponent vectors. */
int section_lie_matrix(SectionEmitFn emit, void *ctx, const PolyMat *b, const PolyVec *v, slong k,
                       slong d, slong *d_out, char *err);

/* out = T·F(g⁻¹x): g n×n invertible (n = nvars), T k×k, k = len(F).
   Errors: shapes, "singular group element". */
int section_act(PolyVec *out, const fmpq_mat_t g, const fmpq_mat_t T, const PolyVec *F, char *err);

/* The matrix of F ↦ T·F(g⁻¹x) − F(x) on sections with k components of degree
   <= d in n = rows(g) variables, rows and columns both in the component-major
   basis of degree <= d.  Each column is emitted once, rows ascending within
   it; columns are emitted degree by degree (ascending column order when
   k = 1, otherwise unspecified). */
int section_act_matrix(SectionEmitFn emit, void *ctx, const fmpq_mat_t g, const fmpq_mat_t T,
                       slong k, slong d, char *err);

#endif
