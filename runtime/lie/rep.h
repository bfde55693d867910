/* rep.h — exact representations of matrix Lie algebras (images of the basis
 * as rational matrices) and the action of group elements on them.
 *
 * Conventions of algebra.h apply (status codes, err buffers, resized
 * outputs).  A MatRep borrows its algebra: r->alg must outlive r.  Each rep
 * remembers how it was built (a small tree of RepNode) so that a group
 * element h of the standard representation can be pushed through it
 * (rep_group_element).
 *
 * Index conventions (fixed; tests depend on them):
 *  - sum(a, b): block diagonal, a's coordinates first.
 *  - tensor(a, b): A (x) I + I (x) B (Kronecker), basis e_i (x) f_j at
 *    index i*dim(b) + j.
 *  - sym^k(a): basis the monomials x_{i1} ... x_{ik}, i1 <= ... <= ik, in
 *    lexicographic order of (i1, ..., ik) (not normalised).  A acts as the
 *    derivation induced by x_i -> sum_l A_{li} x_l (e_i -> A e_i), so
 *    sym^1(a) = a.
 *  - wedge^k(a): basis e_{i1} ^ ... ^ e_{ik}, i1 < ... < ik, lexicographic;
 *    A acts as the derivation, wedge^1(a) = a.
 *  - hom(r, s): maps X : V_r -> V_s (dim s x dim r matrices), vectorised
 *    row-major: X_{ab} at index a*dim(r) + b.  dρ(ξ) X = B X - X A, so
 *    hom(r, s) = s (x) dual(r) in this order.
 *  - dual(a): -A^T.  adjoint: column j of ad(b_i) = coordinates of
 *    [b_i, b_j].
 *
 * Size: a rep is "dense" (images stored, as dense rational matrices) while
 * dim <= REP_MAX_DIM and dim(g) * dim^2 <= REP_MAX_ENTRIES.  Larger reps, up
 * to REP_MAX_IMPLICIT_DIM, store no image (images == NULL): they keep only
 * the construction tree, and their images and group elements are built on
 * demand as sparse matrices (rep_image_sparse, rep_group_element_sparse,
 * rep_sparse.c).  Everything that needs a dense image of such a rep
 * (rep_image, rep_group_element, rep_check_hom, the dense power matrices)
 * fails with ALG_ERR_LIMIT and a message naming the dimension and the
 * limit.  User reps and adjoint reps are always dense.
 */
#ifndef SYM_LIE_REP_H
#define SYM_LIE_REP_H

#include "lie/algebra.h"
#include "exact/spmat.h"

#define REP_MAX_DIM 2048
#define REP_MAX_ENTRIES (WORD(1) << 22)
/* Largest dimension of a rep without dense images (2^62: dimensions and
   their products are counted in slong without overflow).  Sparse images
   and group elements need dim <= SPMAT_MAX_NNZ rows. */
#define REP_MAX_IMPLICIT_DIM (WORD(1) << 62)

typedef enum {
    REP_STD,
    REP_TRIVIAL,
    REP_ADJOINT,
    REP_DUAL,
    REP_SUM,
    REP_TENSOR,
    REP_SYM,
    REP_WEDGE,
    REP_HOM,
    REP_USER
} RepKind;

/* Construction tree: kind, dimension, power k (sym/wedge), children a (and
   b for sum, tensor, hom(a, b)); a user leaf keeps a copy of its images
   (nuser = dim(g) matrices) so that the tree alone defines the action.
   Owned by its MatRep. */
typedef struct RepNode {
    RepKind kind;
    slong dim;
    slong k;
    struct RepNode *a, *b;
    fmpq_mat_struct *user; /* REP_USER only, else NULL */
    slong nuser;
} RepNode;

typedef struct MatRep {
    const MatAlgebra *alg; /* borrowed */
    slong dim;
    fmpq_mat_struct *images; /* images[i] = dρ(basis_i), dim x dim, owned;
                                NULL when the rep is not dense (see above) */
    char name[64];
    RepNode *tree; /* owned */
} MatRep;

/* An empty rep (alg NULL, dim 0).  Every MatRep must be cleared. */
void rep_init(MatRep *r);
void rep_clear(MatRep *r);

/* Constructors: each initialises r (it need not be initialised before; on
   error r is empty, still to be cleared).  Inputs are borrowed. */

/* The defining matrices (n x n; (m+1) x (m+1) for affine algebras). */
int rep_init_std(MatRep *r, const MatAlgebra *g, char *err);
/* k copies of the trivial rep (zero matrices), 1 <= k <= REP_MAX_IMPLICIT_DIM. */
int rep_init_trivial(MatRep *r, const MatAlgebra *g, slong k, char *err);
/* ad in the basis of g (ALG_ERR_ARG if dim g = 0). */
int rep_init_adjoint(MatRep *r, const MatAlgebra *g, char *err);
/* -A^T. */
int rep_init_dual(MatRep *r, const MatRep *a, char *err);
/* Block diagonal / tensor / hom(a, b); a and b must be reps of the same
   algebra (same pointer or equal bases), else ALG_ERR_ARG. */
int rep_init_sum(MatRep *r, const MatRep *a, const MatRep *b, char *err);
int rep_init_tensor(MatRep *r, const MatRep *a, const MatRep *b, char *err);
int rep_init_hom(MatRep *r, const MatRep *a, const MatRep *b, char *err);
/* sym^k (k >= 1) and wedge^k (1 <= k <= dim a). */
int rep_init_sym(MatRep *r, const MatRep *a, slong k, char *err);
int rep_init_wedge(MatRep *r, const MatRep *a, slong k, char *err);

/* User rep: images[0..count-1] (count == g->dim, all d x d with the same
   1 <= d <= REP_MAX_DIM), copied.  Checks ρ([b_i, b_j]) = [ρ(b_i), ρ(b_j)]
   for all i < j; on failure returns ALG_ERR_NOT_HOM with the first failing
   pair (lexicographic) in *bad_i < *bad_j, 1-based (may be NULL). */
int rep_init_user(MatRep *r, const MatAlgebra *g, const fmpq_mat_struct *images, slong count,
                  const char *name, slong *bad_i, slong *bad_j, char *err);

/* Homomorphism check of r (as for rep_init_user).  ALG_OK when it holds;
   ALG_ERR_LIMIT when r is not dense. */
int rep_check_hom(const MatRep *r, slong *bad_i, slong *bad_j, char *err);

/* D (dim x dim) = dρ(xi) = sum_j c_j images_j, where c are the coordinates
   of the matrix xi in the basis of r->alg.  ALG_ERR_ARG if xi has the wrong
   size, ALG_ERR_NOT_MEMBER if it is not in the algebra (message in err),
   ALG_ERR_LIMIT when r is not dense. */
int rep_image(fmpq_mat_t D, const MatRep *r, const fmpq_mat_t xi, char *err);

/* out (dim x dim) = the action of the group element h on r, where h is an
   invertible matrix of the standard representation of r->alg (n x n):
   std h; trivial I; adjoint Ad_h (x -> h x h^-1 in coordinates; fails with
   ALG_ERR_NOT_MEMBER if h does not normalise the algebra); dual (h^-1)^T;
   sum blockdiag; tensor h (x) h'; sym^k / wedge^k the induced action on
   the multi-index bases; hom(r, s) X -> ρ_s(h) X ρ_r(h)^-1.  Errors:
   ALG_ERR_ARG (size), ALG_ERR_SINGULAR (det h = 0), ALG_ERR_UNSUPPORTED for
   user reps (no group action known), ALG_ERR_LIMIT when dim > REP_MAX_DIM. */
int rep_group_element(fmpq_mat_t out, const MatRep *r, const fmpq_mat_t h, char *err);

/* 1 when r stores dense images (see "Size" above). */
int rep_is_dense(const MatRep *r);

/* Sparse versions (rep_sparse.c), for reps of any size: D (an initialised
   SpMat, reset; dim x dim) = dρ(xi) computed from the construction tree
   (Kronecker sums, block diagonals, the derivation on sym / wedge bases),
   never through a dense image of the whole rep.  Errors as rep_image, and
   ALG_ERR_LIMIT when the result exceeds SPMAT_MAX_NNZ nonzeros. */
int rep_image_sparse(SpMat *D, const MatRep *r, const fmpq_mat_t xi, char *err);
/* D = dρ(basis_i), 0 <= i < dim(g). */
int rep_basis_image_sparse(SpMat *D, const MatRep *r, slong i, char *err);
/* out (initialised SpMat, reset) = the action of the group element h, as
   rep_group_element, built from the tree (Kronecker products, block
   diagonals, transposes, symmetric / exterior powers). */
int rep_group_element_sparse(SpMat *out, const MatRep *r, const fmpq_mat_t h, char *err);
/* hinv (initialised by the call on success; untouched on error) = h^-1,
   after checking that r is not empty and h is an invertible matrix of the
   size of r's standard representation (ALG_ERR_ARG / ALG_ERR_SINGULAR,
   message in err).  The shared check of rep_group_element(_sparse). */
int rep_group_inverse(fmpq_mat_t hinv, const MatRep *r, const fmpq_mat_t h, char *err);

/* Sparse derivation on sym^k (strict = 0) / wedge^k (strict = 1) of the
   d x d sparse matrix A (rep_tensor.c), in the bases above; ALG_ERR_LIMIT
   past REP_MAX_IMPLICIT_DIM or SPMAT_MAX_NNZ. */
int rep_power_derivation_sparse(SpMat *out, const SpMat *A, slong k, int strict, char *err);
/* The same for the group action: the k-th symmetric / exterior power of
   the d x d sparse matrix A (rep_sym_power / rep_wedge_power without a
   dense matrix), column by column with sparse accumulators. */
int rep_power_group_sparse(SpMat *out, const SpMat *A, slong k, int strict, char *err);

/* Matrices on sym^k / wedge^k of a d x d matrix A, in the bases above
   (from rep_tensor.c).  *_derivation: the Lie algebra action (derivation);
   *_power: the group action (k-th symmetric / exterior power).  A must be
   square; k >= 1 (wedge: k <= d); ALG_ERR_LIMIT if the result would exceed
   REP_MAX_DIM. */
int rep_sym_derivation(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err);
int rep_sym_power(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err);
int rep_wedge_derivation(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err);
int rep_wedge_power(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err);

/* out (da*db square, initialised with that size) = A (x) I_db + I_da (x) B
   for square A (da) and B (db): the derivative of a tensor product,
   indices i*db + j (row-major vec of a da x db matrix). */
void rep_kron_sum(fmpq_mat_t out, const fmpq_mat_t A, const fmpq_mat_t B);

/* The dimension of sym^k / wedge^k of a d-dimensional space, or -1 if it
   exceeds REP_MAX_IMPLICIT_DIM (d >= 0, k >= 0). */
slong rep_sym_dim(slong d, slong k);
slong rep_wedge_dim(slong d, slong k);

#endif
