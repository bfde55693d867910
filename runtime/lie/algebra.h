/* algebra.h — exact matrix Lie algebras: standard bases, brackets, coordinates,
 * structure constants, Killing form, subalgebra operations.
 *
 * Engine layer: no values, no AST.  Matrices are FLINT fmpq_mat_t.
 *
 * Conventions used by every function of runtime/lie (algebra.h, rep.h,
 * discrete.h):
 *  - Status: functions return ALG_OK (0) or an ALG_ERR_* code; when `err` is
 *    not NULL it receives a one-line message (at most ALG_ERR_LEN bytes,
 *    including the terminating NUL).  Nothing aborts: every FLINT call is
 *    preceded by our own dimension checks.
 *  - Output matrices come first and must be initialised by the caller (any
 *    size); they are resized to the result.  Outputs may alias inputs.  On
 *    error an output matrix is left valid (its size/content unspecified).
 *  - Output fmpq vectors (coordinates) are caller-allocated with the stated
 *    length (e.g. _fmpq_vec_init(g->dim)).
 *  - Indices reported to users (failing pairs) are 1-based.
 *  - Flattening: an n x n matrix A is the vector of length n^2 with entry
 *    i*n + j = A[i][j] (row-major).
 *  - Canonical basis of a computed subspace/subalgebra: the reduced row
 *    echelon form of the flattened spanning set, each row scaled to a
 *    primitive integer vector (gcd 1) with positive leading entry, rows in
 *    order of increasing pivot column.  It depends only on the subspace.
 *
 * Ownership: a MatAlgebra owns its basis and a private echelon form; never
 * copy the struct by value (use algebra_init_set).  Reps (rep.h) borrow it.
 *
 * Invariant of a MatAlgebra: basis[0..dim-1] are n x n, linearly independent
 * and their span is closed under the bracket.  Affine algebras (affine = 1)
 * are (m+1) x (m+1) with zero last row: [A, b; 0, 0] acts on x by A x + b.
 */
#ifndef SYM_LIE_ALGEBRA_H
#define SYM_LIE_ALGEBRA_H

#include "base/sym_status.h"
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpq_mat.h>

#define ALG_ERR_LEN SYM_ERR_LEN

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    ALG_OK = SYM_SUCCESS,
    ALG_ERR_ARG = SYM_E_ARG,                /* bad argument: size out of range, mismatched dims */
    ALG_ERR_LIMIT = SYM_E_LIMIT,            /* result would exceed a documented size limit */
    ALG_ERR_DEPENDENT = SYM_E_DEPENDENT,    /* a given basis is linearly dependent */
    ALG_ERR_NOT_MEMBER = SYM_E_NOT_MEMBER,  /* matrix is not in the algebra / subspace */
    ALG_ERR_NOT_CLOSED = SYM_E_NOT_CLOSED,  /* span is not closed under the bracket */
    ALG_ERR_NOT_HOM = SYM_E_NOT_HOM,        /* representation is not a homomorphism */
    ALG_ERR_SINGULAR = SYM_E_SINGULAR,      /* group element is not invertible */
    ALG_ERR_UNSUPPORTED = SYM_E_UNSUPPORTED /* operation not defined for this object */
};

/* Largest matrix size n of an algebra element (affine algebras included:
   t(m), se(m), aff(m) need m + 1 <= ALG_MAX_N). */
#define ALG_MAX_N 32
/* The zero algebra (count = 0: the algebra of a finite group, S(n), A(n),
   Z(n), D(n)) stores no matrix: its n may go up to ALG_MAX_N_ZERO. */
#define ALG_MAX_N_ZERO 256
/* t(m) alone goes further, to the coordinate limit: its m generators are
   single entries, so (m + 1) x (m + 1) matrices cost nothing. */
#define ALG_MAX_T 64
/* Largest dimension of a computation of dim^3 structure constants / Killing
   form: dim^3 <= ALG_MAX_WORK. */
#define ALG_MAX_WORK (WORD(1) << 22)

/* Text for a status code (static, never NULL). */
const char *algebra_strerror(int status);

/* Write a printf-style message into err (ALG_ERR_LEN bytes) if err != NULL. */
void algebra_set_error(char *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ------------------------------------------------------------------ */
/* Incremental echelon form of a subspace of Q^len.                    */
/* ------------------------------------------------------------------ */

/* Rows row[0..rank-1] are in reduced echelon form: row k has a 1 at column
   piv[k] and a 0 at every other row's pivot (rows are not sorted).  When
   maxinput > 0 the span tracks coefficients: coef[k] (length maxinput)
   expresses row k as a combination of the vectors offered so far (input
   number j is the j-th call to algebra_span_add, 0-based). */
typedef struct AlgebraSpan {
    slong len;
    slong rank;
    slong alloc;
    slong ninput;
    slong maxinput;
    fmpq **row;
    slong *piv;
    fmpq **coef;
} AlgebraSpan;

/* Empty span in Q^len; maxinput = 0 disables coefficient tracking. */
void algebra_span_init(AlgebraSpan *S, slong len, slong maxinput);
void algebra_span_clear(AlgebraSpan *S);

/* res (length len) = v reduced modulo S (v minus its projection along the
   echelon rows); res may alias v.  If coef != NULL and S tracks, coef
   (length maxinput) receives the combination of inputs equal to v - res.
   Returns 1 when res is zero (v in the span), else 0. */
int algebra_span_reduce(fmpq *res, const AlgebraSpan *S, const fmpq *v, fmpq *coef);

/* Offer v (length len) as the next input.  Returns 1 if v was independent
   and was added, 0 if it lies in the span; then, if relation != NULL and S
   tracks, relation (length maxinput) holds a relation sum_j r_j input_j = 0
   with r = 1 at this input.  Returns -1 (and does nothing) if S tracks and
   already had maxinput inputs. */
int algebra_span_add(AlgebraSpan *S, const fmpq *v, fmpq *relation);

/* M (rank x len) = canonical basis of the span (see top of file). */
void algebra_span_canonical(fmpq_mat_t M, const AlgebraSpan *S);

/* v (length rows*cols) = row-major flattening of A, and back (A must be
   initialised with the wanted shape). */
void algebra_flatten(fmpq *v, const fmpq_mat_t A);
void algebra_unflatten(fmpq_mat_t A, const fmpq *v);

/* ------------------------------------------------------------------ */
/* Matrix Lie algebras.                                                */
/* ------------------------------------------------------------------ */

typedef struct MatAlgebra {
    slong n;                /* elements are n x n matrices */
    slong dim;              /* number of basis matrices */
    fmpq_mat_struct *basis; /* basis[0..dim-1], owned */
    int affine;             /* 1 for [A, b; 0, 0] algebras */
    char name[48];
    AlgebraSpan *span; /* private: echelon form of the flattened
                          basis with coefficients; owned */
} MatAlgebra;

/* The zero algebra of 0 x 0 matrices.  Every MatAlgebra must be cleared. */
void algebra_init(MatAlgebra *g);
void algebra_clear(MatAlgebra *g);
/* g = a deep copy of h (g initialised or not: it is (re)initialised). */
void algebra_init_set(MatAlgebra *g, const MatAlgebra *h);

/* Standard algebras.  Each initialises g (it need not be initialised
   before; on error g is the zero algebra, still to be cleared).  E_ij is the
   matrix unit, indices 0-based below.
   gl(n), 1 <= n <= 32: E_ij in row-major order (i, j).
   sl(n), 1 <= n <= 32: E_ij for i != j in row-major order, then
     E_ii - E_{i+1,i+1} for i = 0..n-2.  (dim n^2 - 1)
   so(n), 1 <= n <= 32: E_ij - E_ji for i < j in lexicographic order, except
     n = 2: J = [0, -1; 1, 0] (= E_10 - E_01), and n = 3: L_x = E_21 - E_12,
     L_y = E_02 - E_20, L_z = E_10 - E_01, so [L_x, L_y] = L_z.
   so(p, q), p, q >= 0, 1 <= p + q <= 32: {A : A^T eta + eta A = 0},
     eta = diag(-1 (p times), +1 (q times)).  Basis: the so(p) basis above on
     coordinates 0..p-1, then the so(q) basis on coordinates p..p+q-1, then
     the boosts E_ij + E_ji for i < p <= j in lexicographic order.  so(1, 3)
     is the Lorentz algebra: L_x, L_y, L_z on coordinates 1..3, then
     K_x, K_y, K_z = E_0i + E_i0.  (dim (p+q)(p+q-1)/2)
   sp(2m), 2 <= 2m <= 32 (argument n2 = 2m must be even): {A : A^T Omega +
     Omega A = 0}, Omega = [0, I; -I, 0], i.e. A = [a, b; c, -a^T] with b, c
     symmetric.  Basis: E_ij - E_{m+j,m+i} for i, j < m in row-major order,
     then E_{i,m+j} + E_{j,m+i} for i < j, and E_{i,m+i}, in the order of
     the pairs i <= j (row-major), then likewise E_{m+i,j} + E_{m+j,i}
     (E_{m+i,i} when i = j).  (dim m(2m+1))
   t(m), 1 <= m <= 31: (m+1) x (m+1), E_{i,m} for i = 0..m-1.  (affine)
   se(m), 1 <= m <= 31: the so(m) basis in the top-left block, then t(m).
   aff(m), 1 <= m <= 31: the gl(m) basis in the top-left block, then t(m). */
int algebra_init_gl(MatAlgebra *g, slong n, char *err);
int algebra_init_sl(MatAlgebra *g, slong n, char *err);
int algebra_init_so(MatAlgebra *g, slong n, char *err);
int algebra_init_so_pq(MatAlgebra *g, slong p, slong q, char *err);
int algebra_init_sp(MatAlgebra *g, slong n2, char *err);
int algebra_init_t(MatAlgebra *g, slong m, char *err);
int algebra_init_se(MatAlgebra *g, slong m, char *err);
int algebra_init_aff(MatAlgebra *g, slong m, char *err);

/* g = the algebra with exactly the given basis (copied), count >= 0, all
   n x n.  The basis must be independent (ALG_ERR_DEPENDENT) and, unless
   trust_closed, closed (ALG_ERR_NOT_CLOSED).  affine = 1 requires a zero
   last row.  g is initialised; on error it is the zero algebra. */
int algebra_init_basis(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n, int affine,
                       int trust_closed, const char *name, char *err);
/* The same for t(m), trusted closed and affine, whose matrices may be up
   to ALG_MAX_T + 1 square (its generators are single entries). */
int algebra_init_basis_t(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n,
                         const char *name, char *err);

/* g = the span of user matrices (count >= 1, all n x n, n <= ALG_MAX_N):
   dependent inputs are dropped, the others kept in the user's order as the
   basis.  If the span is not closed, returns ALG_ERR_NOT_CLOSED and sets
   *bad_i < *bad_j (1-based positions in the user's list) and bad_bracket =
   [mats[i], mats[j]] for the first such pair (i, j lexicographic); these
   outputs may be NULL.  affine as in algebra_init_basis.  g is initialised;
   on error it is the zero algebra. */
int algebra_init_span(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, int affine,
                      const char *name, slong *bad_i, slong *bad_j, fmpq_mat_t bad_bracket,
                      char *err);

/* g = the algebra whose basis is the canonical basis of the span S of
   flattened n x n matrices (S->len == n*n).  No closure check: for callers
   that know the span is a subalgebra.  g is initialised. */
int algebra_init_from_span(MatAlgebra *g, const AlgebraSpan *S, slong n, int affine,
                           const char *name, char *err);

/* g = the Lie algebra generated by the matrices (brackets added until
   closed; dimension at most n^2), canonical basis.  count >= 1. */
int algebra_init_closure(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, int affine,
                         const char *name, char *err);

/* out = [a, b] = ab - ba (ALG_ERR_ARG unless both square of equal size). */
int algebra_bracket(fmpq_mat_t out, const fmpq_mat_t a, const fmpq_mat_t b, char *err);

/* c (length g->dim) = coordinates of a in the basis of g.
   ALG_ERR_ARG on a size mismatch, ALG_ERR_NOT_MEMBER if a is not in g. */
int algebra_coords(fmpq *c, const MatAlgebra *g, const fmpq_mat_t a, char *err);

/* 1 if a (any size) is an element of g, else 0. */
int algebra_is_member(const MatAlgebra *g, const fmpq_mat_t a);

/* out = sum_i c[i] basis[i] (resized to n x n). */
void algebra_element(fmpq_mat_t out, const MatAlgebra *g, const fmpq *c);

/* Structure constants [b_i, b_j] = sum_k c_ij^k b_k, in the flat array c of
   length dim^3 (caller-allocated): c[(i*dim + j)*dim + k] = c_ij^k.
   ALG_ERR_LIMIT if dim^3 > ALG_MAX_WORK. */
int algebra_structure_constants(fmpq *c, const MatAlgebra *g, char *err);

/* K (dim x dim) = Killing form, K_ij = tr(ad b_i ad b_j). */
int algebra_killing(fmpq_mat_t K, const MatAlgebra *g, char *err);

/* Subalgebras.  Results are initialised by the call (zero algebra on error),
   have canonical bases, n and affine of the ambient algebra. */

/* out = center of g. */
int algebra_center(MatAlgebra *out, const MatAlgebra *g, char *err);
/* out = [g, g]. */
int algebra_derived(MatAlgebra *out, const MatAlgebra *g, char *err);
/* out = {x in g : [x, h] = 0 for all h in h}; h need not lie in g, but
   must have the same n. */
int algebra_centralizer(MatAlgebra *out, const MatAlgebra *h, const MatAlgebra *g, char *err);
/* out = {x in g : [x, h] in h for all h in h}. */
int algebra_normalizer(MatAlgebra *out, const MatAlgebra *h, const MatAlgebra *g, char *err);
/* 1 if every basis element of h lies in g (same n), else 0. */
int algebra_is_subalgebra(const MatAlgebra *h, const MatAlgebra *g);
/* out = span(a u b) when it is closed; ALG_ERR_NOT_CLOSED otherwise (use
   algebra_init_closure for the generated algebra). */
int algebra_sum(MatAlgebra *out, const MatAlgebra *a, const MatAlgebra *b, char *err);
/* out = a intersect b. */
int algebra_intersection(MatAlgebra *out, const MatAlgebra *a, const MatAlgebra *b, char *err);

#endif
