/* mpfr_orth.h — orthonormalise a basis against an exact Gram matrix in MPFR.
 *
 * Given the exact Gram matrix G (symmetric positive definite, rationals) of
 * a basis f_1..f_n in some inner product, the Cholesky factor G = L L^T
 * gives T = L^{-T} (upper triangular) with T^T G T = I: the functions
 * g_j = sum_i T_ij f_i are orthonormal.  Gram matrices of monomials are
 * badly conditioned, so the factorisation runs in MPFR at a chosen
 * precision and only the final entries are rounded to double.
 * Status codes and messages are those of dlinalg.h.
 */
#ifndef SYM_NUMERIC_MPFR_ORTH_H
#define SYM_NUMERIC_MPFR_ORTH_H

#include <mpfr.h>
#include <flint/fmpq_mat.h>

#include "dmat.h"

/* Accepted working precisions in bits. */
#define MPFR_ORTH_PREC_MIN 53
#define MPFR_ORTH_PREC_MAX (1L << 20)

/* *L = the lower triangular Cholesky factor of G (G = L L^T), computed in
 * MPFR at prec bits and rounded to nearest double.  Fails with
 * DLINALG_ERR_DIM (G not square), DLINALG_ERR_NOT_SYMMETRIC (G != G^T
 * exactly), DLINALG_ERR_NOT_POSDEF (decided exactly, by an LDL^T in
 * rationals), DLINALG_ERR_ARG (prec outside [MPFR_ORTH_PREC_MIN,
 * MPFR_ORTH_PREC_MAX]), DLINALG_ERR_PRECISION (a pivot lost its sign at
 * this precision: raise it), DLINALG_ERR_OVERFLOW (an entry is outside the
 * double range). */
int mpfr_orth_cholesky(DMat **L, const fmpq_mat_t G, mpfr_prec_t prec);

/* *T = L^{-T} for the Cholesky factor L of G, computed in MPFR at prec bits
 * and rounded to nearest double, so that T^T G T = I up to the rounding of
 * T.  Fails as mpfr_orth_cholesky. */
int mpfr_orth_transform(DMat **T, const fmpq_mat_t G, mpfr_prec_t prec);

/* *err = max_ij |(T^T G T - I)_ij| evaluated in MPFR at prec bits (with
 * prec >= 53 the double entries of T enter exactly), rounded up to a
 * double.  T is n x k for the n x n matrix G.  DLINALG_ERR_DIM or
 * DLINALG_ERR_ARG on bad shapes or precision, DLINALG_ERR_NONFINITE if T
 * has NaN/Inf entries. */
int mpfr_orth_residual(double *err, const DMat *T, const fmpq_mat_t G, mpfr_prec_t prec);

#endif
