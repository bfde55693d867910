/* dlinalg.h — float linear algebra for Sym: checked LAPACKE wrappers.
 *
 * Every function validates its arguments before LAPACK sees them (so
 * LAPACK never reports an invalid argument), accepts empty matrices,
 * rejects NaN/Inf entries, and turns LAPACK failures into a status.
 * Conventions (as in dmat.h): outputs first, new matrices owned by the
 * caller (dmat_free), inputs never modified; on failure every output is
 * NULL/untouched and the int status says why (dlinalg_strerror).
 * Vectors (singular values, eigenvalues) are returned as k x 1 DMats.
 */
#ifndef SYM_NUMERIC_DLINALG_H
#define SYM_NUMERIC_DLINALG_H

#include "dmat.h"

enum {
    DLINALG_OK = DMAT_OK,
    DLINALG_ERR_DIM = DMAT_ERR_DIM,
    DLINALG_ERR_NOMEM = DMAT_ERR_NOMEM,
    DLINALG_ERR_NONFINITE = SYM_E_NONFINITE,   /* NaN or Inf in an input */
    DLINALG_ERR_SINGULAR = SYM_E_SINGULAR,     /* square solve/inverse of a singular matrix */
    DLINALG_ERR_NOT_POSDEF = SYM_E_NOT_POSDEF, /* Cholesky of a non positive definite matrix */
    DLINALG_ERR_NOT_SYMMETRIC = SYM_E_NOT_SYMMETRIC, /* eigh/Cholesky input not symmetric */
    DLINALG_ERR_NOCONV = SYM_E_NOCONV,               /* LAPACK iteration did not converge */
    DLINALG_ERR_LAPACK = SYM_E_LAPACK,               /* any other LAPACK info != 0 */
    DLINALG_ERR_ARG = SYM_E_ARG,            /* bad scalar argument (tol, rcond, precision) */
    DLINALG_ERR_OVERFLOW = SYM_E_OVERFLOW,  /* a result is not representable as a double */
    DLINALG_ERR_PRECISION = SYM_E_PRECISION /* MPFR precision too low for the matrix */
};

/* Static message for a status code ("unknown error" for unknown codes). */
const char *dlinalg_strerror(int status);

/* Reduced SVD A = U diag(s) Vt with k = min(m, n): U m x k, s k x 1 sorted
 * descending, Vt k x n (LAPACKE_dgesdd, jobz 'S').  U and Vt may be NULL
 * when not wanted (then only the values are computed).  s must not be NULL. */
int dlinalg_svd(DMat **U, DMat **s, DMat **Vt, const DMat *A);

/* Least squares min ||A X - B||_F for A m x n, B m x p (LAPACKE_dgelsd):
 * X is n x p, the minimum-norm solution when A is rank deficient.
 * Singular values below rcond * s_max count as zero; rcond < 0 means
 * machine precision.  *resid (if not NULL) gets ||A X - B||_F and *rank
 * (if not NULL) the effective rank of A.  DLINALG_ERR_ARG if rcond is NaN. */
int dlinalg_lstsq(DMat **X, double *resid, int *rank, const DMat *A, const DMat *B, double rcond);

/* Symmetric eigendecomposition A = V diag(w) V^T (LAPACKE_dsyevd): w n x 1
 * ascending, V n x n orthogonal (may be NULL when not wanted).  A must be
 * square and symmetric up to DLINALG_SYM_TOL * max|a_ij| (the lower
 * triangle is used), else DLINALG_ERR_NOT_SYMMETRIC. */
#define DLINALG_SYM_TOL 1e-12
int dlinalg_eigh(DMat **w, DMat **V, const DMat *A);

/* Cholesky A = L L^T with L lower triangular, zeros above the diagonal
 * (LAPACKE_dpotrf).  A square and symmetric as for dlinalg_eigh;
 * DLINALG_ERR_NOT_POSDEF when a pivot is not positive. */
int dlinalg_cholesky(DMat **L, const DMat *A);

/* Reduced QR A = Q R with k = min(m, n): Q m x k with orthonormal columns,
 * R k x n upper triangular (dgeqrf + dorgqr). */
int dlinalg_qr(DMat **Q, DMat **R, const DMat *A);

/* Solves A X = B for square A (LU with partial pivoting: dgetrf, dgetrs,
 * the same factorisation dgesv uses).  DLINALG_ERR_SINGULAR when A is
 * singular or its reciprocal condition number (dgecon, 1-norm) is below
 * machine epsilon, i.e. the answer would have no correct digit. */
int dlinalg_solve(DMat **X, const DMat *A, const DMat *B);

/* Inverse of square A, failing as dlinalg_solve. */
int dlinalg_inv(DMat **Ainv, const DMat *A);

/* Sum of the singular values of A (0 for an empty matrix). */
int dlinalg_nuclear_norm(double *out, const DMat *A);

/* How a numerical rank was decided.  With s_1 >= ... >= s_k the singular
 * values (k = min(m, n)) and floor = max(max(m, n) * DBL_EPSILON * s_1,
 * DBL_MIN) (so subnormal singular values always count as zero):
 *   - gap mode (tol < 0): values <= floor count as zero; a virtual value
 *     equal to floor is put after the last one, and the rank is the r in
 *     1..p (p = number of values above floor) maximising
 *     s_r / max(s_{r+1}, floor), the first such r on ties.  A full-rank
 *     well-conditioned matrix therefore gets rank k (its gap is the one to
 *     the floor, about 1/(max(m,n) eps)); an all-zero or empty matrix gets
 *     rank 0; a nonzero 1 x 1 matrix gets rank 1.
 *   - tol mode (tol >= 0): rank = #{ s_i > tol * s_1 }.
 * In both modes the fields describe the cut after s_rank. */
typedef struct DRankInfo {
    int rank;
    int by_gap;      /* 1 if decided by the largest gap, 0 by tol */
    double gap;      /* s_before / max(s_after, floor) in gap mode,
                        s_before / s_after in tol mode (Inf if s_after = 0);
                        0 when rank = 0 */
    double s_before; /* s_rank, 0 when rank = 0 */
    double s_after;  /* s_{rank+1}, 0 when rank = k */
    double floor;    /* the floor above; 0 when s_1 = 0 or k = 0 */
    double tol;      /* the tol given (negative in gap mode) */
} DRankInfo;

/* Pass as tol to decide the rank by the largest gap. */
#define DLINALG_TOL_GAP (-1.0)

/* Rank decision from singular values s[0..k-1] (descending, >= 0) of an
 * m x n matrix, as described at DRankInfo.  DLINALG_ERR_ARG if tol is NaN
 * or infinite, s is not descending/nonnegative or k != min(m, n). */
int dlinalg_rank_from_sv(DRankInfo *info, const double *s, int k, int m, int n, double tol);

/* Numerical rank of A (see DRankInfo); info must not be NULL. */
int dlinalg_rank(DRankInfo *info, const DMat *A, double tol);

/* Orthonormal basis N (n x (n - rank)) of the numerical nullspace of the
 * m x n matrix A: the right singular vectors after the rank (full V from
 * dgesdd jobz 'A' when m < n).  info (may be NULL) gets the decision. */
int dlinalg_nullspace(DMat **N, DRankInfo *info, const DMat *A, double tol);

#endif
