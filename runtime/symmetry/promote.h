/* promote.h — the engine behind fit, promote, path, sindy and regulariser:
 * design matrices of model spaces at data points, and the Lie-derivative
 * operator F -> L_F of the nuclear-norm regulariser ||L_F||_* (Otto et al.,
 * arXiv 2311.00212, "Promoting symmetry") assembled for the ADMM solver.
 *
 * L_F : g -> sections,  xi -> lie(xi, F) = b_xi F - DF v_xi,
 * measured with
 *   - an orthonormal basis of g in the Frobenius inner product tr(A^T B)
 *     (the exact Gram matrix of g's basis is orthonormalised in MPFR and the
 *     transform rounded to double; the authors' se(n)/t(n) basis up to the
 *     1/sqrt(2) on rotations), and
 *   - the L^2(mu) inner product on sections: mu uniform on a box (exact Gram
 *     matrix of the output monomials, Cholesky in MPFR, rounded to double),
 *     or the empirical measure of given points (1/npoints sum over them).
 * The images lie(xi_i, F_b) are computed exactly (section_lie_matrix times
 * the exact basis of the model space); only the final operator is rounded.
 *
 * Flattening of vector-valued data: a model with k components evaluated at
 * m points gives m*k rows, row t*k + c = component c at point t (point-major),
 * and Y (m x k) is flattened the same way.
 *
 * Status: 0 or a nonzero code with a one-line message in err
 * (PROMOTE_ERR_LEN bytes, may be NULL).  Nothing aborts.  Only section
 * model spaces (polys, span) are supported: layers give an error. */
#ifndef SYM_PROMOTE_H
#define SYM_PROMOTE_H

#include <mpfr.h>
#include "symmetry/model.h"
#include "numeric/dmat.h"
#include "numeric/rankgap.h"

#define PROMOTE_ERR_LEN SYM_ERR_LEN
/* Largest number of doubles in one design matrix or operator. */
#define PROMOTE_MAX_ENTRIES (1L << 26)
/* Relative size below which promote_formula skips a coefficient. */
#define PROMOTE_FORMULA_CUT 1e-12

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    PROMOTE_OK = SYM_SUCCESS,
    PROMOTE_ERR_ARG = SYM_E_ARG,
    PROMOTE_ERR_LIMIT = SYM_E_LIMIT,
    PROMOTE_ERR_NUMERIC = SYM_E_NUMERIC,
    PROMOTE_ERR_NOMEM = SYM_E_NOMEM
};

enum { PROMOTE_BOX = 0, PROMOTE_POINTS = 1 };

/* The measure on the base R^n (all borrowed). */
typedef struct PromoteMeasure {
    int kind;            /* PROMOTE_BOX or PROMOTE_POINTS */
    const fmpq *lo, *hi; /* box: n endpoints each, lo[j] < hi[j] */
    const DMat *points;  /* points: npoints x n, npoints >= 1 */
} PromoteMeasure;

/* The operator c -> L(c) = sum_b c_b L_b, each L_b a p x q matrix (rows:
 * orthonormal coordinates of the section space, columns: orthonormal basis
 * of the algebra). */
typedef struct PromoteOp {
    int p, q, N;
    DMat *Lmat; /* p*q x N: column b = vec(L_b), column-major */
    DMat *T;    /* q x q: column j = coordinates of orthonormal
                   element j in the given generators */
    slong n;    /* generators are n x n */
    DMat *gens; /* n*n x q: generator i flattened row-major (double) */
    int nd, pd; /* discrete generators and the rows of each one's block */
    DMat *Dmat; /* nd*pd x N: rows j*pd..: the L^2(mu) coordinates of
                   K_{h_j} F_b - F_b (NULL when nd = 0) */
    DMat *Fmat; /* pd x N: the L^2(mu) coordinates of F_b (with Dmat) */
} PromoteOp;

/* Zeroed op (safe to clear). */
void promote_op_init(PromoteOp *op);
void promote_op_clear(PromoteOp *op);

/* M[i] (i < q, initialised by the call: an array of q fmpq_mat, free with
   promote_images_clear) = the exact k*Nout x ncols matrix whose column b is
   the full coefficient vector of lie(gens[i], F_b), F_b the columns of B
   (nfull x ncols, full coefficients of V's sections); *dout = the output
   degree (common to all i), Nout = C(n + dout, dout).  The fiber generator
   follows V's bundle (scalars, fields, forms, tensors, sections of a rep). */
int promote_lie_images(fmpq_mat_struct **M, slong *dout, const ModelSpace *V, const fmpq_mat_t B,
                       const fmpq_mat_struct *gens, slong q, char *err);
void promote_images_clear(fmpq_mat_struct *M, slong q);

/* G (initialised; resized) = the exact Gram matrix of the monomials of
   degree <= d in n variables (monobasis order) for the uniform probability
   measure on the box prod [lo_j, hi_j] (lo_j < hi_j, checked). */
int promote_box_gram(fmpq_mat_t G, slong n, slong d, const fmpq *lo, const fmpq *hi, char *err);

/* *op = the operator for the columns of B (NULL: V's basis), the
   generators gens[0..q-1] (linearly independent n x n matrices, checked:
   a dependent list fails) and the measure.  prec: MPFR bits for the
   orthonormalisations (raised automatically when too low). */
int promote_op_build(PromoteOp *op, const ModelSpace *V, const fmpq_mat_t B,
                     const fmpq_mat_struct *gens, slong q, const PromoteMeasure *mu,
                     mpfr_prec_t prec, char *err);

/* Adds to op (built by promote_op_build for the same V and B) the discrete
   generators disc[0..nd-1] of the candidate group: op->Dmat holds, for each
   h_j, the L^2(mu) coordinates of K_{h_j} F_b - F_b (K_h the action on V's
   sections, model_discrete_action), exact until the final rounding.  The
   penalty for the other components of the group is then
   sum_j ||K_{h_j} F - F||_mu, added to the nuclear norm (promote_op_admm). */
int promote_op_add_discrete(PromoteOp *op, const ModelSpace *V, const fmpq_mat_t B,
                            const fmpq_mat_struct *disc, slong nd, const PromoteMeasure *mu,
                            mpfr_prec_t prec, char *err);

/* The operator the ADMM solver sees: *Lbig (new P*Q x N, column-major
   blocks) = blockdiag(L(c), D_1 c, ..., D_nd c) with P = p + nd*pd and
   Q = q + nd, whose nuclear norm is ||L(c)||_* + sum_j ||D_j c||_2 (the
   nuclear norm of a column is its length).  Without discrete generators a
   copy of op->Lmat. */
int promote_op_admm(DMat **Lbig, int *P, int *Q, const PromoteOp *op);

/* The discrete residuals ||K_{h_j} F_c - F_c||_mu = ||D_j c|| (new nd x 1)
   and the model's size *fnorm = ||F_c||_mu, the reference for keeping them. */
int promote_op_discrete(DMat **r, double *fnorm, const PromoteOp *op, const double *c);

/* *L (new p x q) = L(c) for c (N doubles). */
int promote_op_apply(DMat **L, const PromoteOp *op, const double *c);

/* Kept symmetries of a p x q operator value L: singular values s (new q x 1,
   descending, zeros appended when p < q), the rank decided by
   rankgap_decide (rankgap.h) with scale max(s_1, scale) and the absolute
   noise floor tol (< 0: the default), reported in *rg; a scale > 0 (the
   size L would have without cancellations) leads the singular values as a
   virtual first value, so a gap below it can make every direction null; the q - rank
   near-null right singular vectors mapped to the algebra: *syms (new
   n*n x (q - rank), each column a flattened row-major matrix, sign fixed so
   its largest entry is positive); *all (may be NULL: new n*n x q) every
   direction the same way, in the order of s; and the closure residual of
   the kept span (sqrt(sum ||[a_i,a_j] outside the span||^2) /
   sqrt(sum ||[a_i,a_j]||^2), 0 when every bracket vanishes). */
int promote_symmetries(DMat **s, RankGap *rg, DMat **syms, DMat **all, double *closure,
                       const PromoteOp *op, const DMat *L, double tol, double scale);

/* *B (new nfull x N) = V's basis rounded to double. */
int promote_basis_d(DMat **B, const ModelSpace *V, char *err);

/* *Theta (new m*k x ncols) = the models with full coefficients Bd
   (nfull x ncols, doubles) evaluated at the rows of X (m x n); rows
   point-major as in the file comment. */
int promote_design(DMat **Theta, const ModelSpace *V, const DMat *Bd, const DMat *X, char *err);

/* *y (new m*k x 1) = Y (m x k) flattened point-major. */
int promote_flatten(DMat **y, const DMat *Y);

/* A malloc'ed string for the model with full float coefficients f (nfull
   doubles): "0.999998*x - 1.00001*y" (%.6g, terms by descending degree;
   coefficients of size at most PROMOTE_FORMULA_CUT times the largest, i.e.
   zeros and rounding noise, are skipped), "[f1; f2]" for k > 1 components; NULL on no memory. */
char *promote_formula(const ModelSpace *V, const double *f);

#endif
