/* discover.h — the discovery engine (Otto et al., arXiv 2311.00212,
 * "Discovering symmetry", of functions and of data sets): which candidate
 * generators leave a
 * section, or a set of points, fixed.
 *
 * Engine layer: no values, no AST.  A candidate is a velocity field v_i (a
 * PolyVec of nvars polynomials: A x or A x + b for a matrix, or a polynomial
 * vector field) plus, for sections of a representation, a constant fiber
 * generator D_i.  The symmetry condition is lie(ξ, F) = b F − DF v = 0
 * (section.h); its sign does not change any kernel.
 *
 * Exact routes return canonical bases in the "last-entry" echelon form: the
 * reduced echelon form of the rows read from their LAST column, each row
 * scaled to a primitive integer vector whose last nonzero entry is positive,
 * rows ordered by the position of that entry.  It depends only on the
 * subspace; it keeps so(2)'s J = [0, -1; 1, 0] and gives the forms
 * [0, -4; 1, 0], diag(-1, 1), x^2 + y^2 - 1, (-y, x).
 *
 * Float routes (local PCA tangent spaces, model operators) use doubles only.
 *
 * Status: DISCOVER_OK (0) or a nonzero code; err (DISCOVER_ERR_LEN bytes, may
 * be NULL) receives a one-line message.  Nothing aborts: every FLINT and
 * LAPACK call is guarded.  Outputs are initialised by the caller unless
 * stated; on failure they are valid but unspecified. */
#ifndef SYM_DISCOVER_H
#define SYM_DISCOVER_H

#include <signal.h>
#include <flint/fmpq_mat.h>
#include "exact/section.h"
#include "numeric/dmat.h"
#include "symmetry/bundle.h"

#define DISCOVER_ERR_LEN SYM_ERR_LEN
/* Largest degree of candidate vector fields and of vanishing polynomials. */
#define DISCOVER_MAX_DEGREE 8
/* Largest number of candidates (columns of the operator). */
#define DISCOVER_MAX_CANDIDATES 4096

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    DISCOVER_OK = SYM_SUCCESS,
    DISCOVER_ERR_ARG = SYM_E_ARG,
    DISCOVER_ERR_LIMIT = SYM_E_LIMIT,
    DISCOVER_ERR_NUMERIC = SYM_E_NUMERIC,
    DISCOVER_ERR_INTERRUPTED = SYM_E_INTERRUPTED /* interrupted (Ctrl-C) */
};

#include "base/sym_interrupt.h" /* the loops here poll it */

/* v = A x (A nvars x nvars) or A x + b (A = [M, b; 0, 0] of size nvars + 1).
   DISCOVER_ERR_ARG (message names the sizes) otherwise.  v is initialised
   by the call (length nvars over R) on success only. */
int discover_velocity(PolyVec *v, const fmpq_mat_t A, PolyRing *R, char *err);

/* out (initialised, length len F) = lie along v of F with the fiber of the
   bundle B (bundle_fiber: b = 0 / Dv / −Dvᵀ / tensor rule / D for sections,
   D k x k; only B's kind, p and q are read, kernels are refused):
   b F − DF v. */
int discover_lie(PolyVec *out, const LieBundle *B, const fmpq_mat_t D, const PolyVec *v,
                 const PolyVec *F, char *err);

/* N (q x dim) = canonical kernel (nullspace.h form) of the linear map
   a ↦ Σ a_i images[i] (q sections of one length over one ring), by exact
   coefficient matching.  N must be initialised. */
int discover_kernel(fmpq_mat_t N, const PolyVec *images, slong q, char *err);

/* M (r x c) = the last-entry canonical basis (see top) of the row space of
   V (any r0 x c).  M must be initialised. */
void discover_canonical_rows(fmpq_mat_t M, const fmpq_mat_t V);

/* *closed = 1 if the span of the flattened n x n matrices (rows of M, each
   of length n*n) is closed under [A, B] = AB − BA; else 0 and *bad_i <
   *bad_j (0-based rows) is the first failing pair and bracket its bracket
   (initialised, resized).  bad_i, bad_j, bracket may be NULL. */
void discover_mat_closure(int *closed, slong *bad_i, slong *bad_j, fmpq_mat_t bracket,
                          const fmpq_mat_t M, slong n);

/* The fields X_i = (monomial j) e_c of degree <= d, in component-major
   order (index c*N + j, N = C(n+d, d)): *X is a flint_malloc'ed array of
   *count PolyVecs (clear each, then flint_free).  DISCOVER_ERR_LIMIT past
   DISCOVER_MAX_DEGREE or DISCOVER_MAX_CANDIDATES. */
int discover_field_candidates(PolyVec **X, slong *count, PolyRing *R, slong d, char *err);

/* Brackets of the fields basis[0..dim-1] (each of length nvars) that leave
   the span: the span is tested in the component-major basis of degree <= d.
   *closed is 1 when no bracket leaves.  At most maxout leaving brackets are
   stored in out[0..*nout-1] (initialised by the call; clear them). */
int discover_field_closure(int *closed, PolyVec *out, slong *nout, slong maxout,
                           const PolyVec *basis, slong dim, slong d, char *err);

/* H (r x N) = the last-entry canonical basis of the polynomials of degree
   <= d vanishing at every row of P (points, P m x nvars), as coefficient
   rows in the monomial basis of degree <= d (monobasis.h).  An exact
   nullspace of the m x N evaluation matrix. */
int discover_vanishing(fmpq_mat_t H, const fmpq_mat_t P, slong d, char *err);

/* N (q x dim) = canonical kernel of a ↦ (Σ a_i (∇h_j · v_i)(p))_{p, j}:
   the candidates v_i (q velocity fields over R) tangent to the zero set of
   the polynomials h[0..nh-1] at every row p of P. */
int discover_tangent_kernel(fmpq_mat_t N, const PolyVec *v, slong q, const fmpq_mpoly_struct *h,
                            slong nh, const fmpq_mat_t P, PolyRing *R, char *err);

/* ---- float routes ---- */

/* Minimum gap ratio of the averaged local singular values for a tangent
   dimension below n (rankgap.h rule, floor 1e-10): local PCA on ~10
   neighbours of noisy points separates tangent and normal spreads by a
   factor of a few, not by the default 100. */
#define DISCOVER_PCA_RATIO 4.0

/* Orthonormal basis (Frobenius) of the span of the q matrices A[i] (all
   m x m, as doubles): modified Gram–Schmidt; B[i] new m x m DMats
   (dmat_free each), *qout <= q of them.  DISCOVER_ERR_NUMERIC if some
   matrix is (numerically) dependent on the previous ones. */
int discover_orthonormal(DMat **B, const fmpq_mat_struct *A, slong q, char *err);

/* Local-PCA tangent quadratic form of the points X (npts x n) for the
   float generators B[0..q-1] (n x n, or (n+1) x (n+1) affine [M, b; 0, 0]):
   with k nearest neighbours (k >= 2, < npts) each point gets a tangent space
   of dimension *mdim (given when *mdim > 0, 1 <= *mdim <= n - 1, else
   decided by rankgap_decide on the averaged normalised local singular values
   with min_ratio DISCOVER_PCA_RATIO: n when they show no gap, i.e. the
   points fill an open set and every candidate is tangent), and
   Q (new q x q) = Σ_p ⟨(I − P_p) v_i(p), (I − P_p) v_j(p)⟩.
   *lsv (new n x 1, may be NULL) = averaged local singular values (each
   point's divided by its largest).  *vscale (may be NULL) = the rms size of
   the unprojected velocities, sqrt(Σ_p Σ_i |v_i(p)|² / q): the singular
   value a direction would have if it were entirely normal.  *nfloor (may be
   NULL) = the noise floor sqrt(Σ_p θ_p² Σ_i |v_i(p)|² / q), θ_p the
   point's normal / tangent local singular value (its first after *mdim
   over its largest): about the singular value an exactly tangent direction
   gets from the error of the estimated tangent spaces (0 when *mdim = n). */
int discover_tangent_form(DMat **Q, int *mdim, DMat **lsv, double *vscale, double *nfloor,
                          const DMat *X, DMat *const *B, slong q, int k, char *err);

#endif
