/* qmat.h — guarded dense linear algebra over Q on FLINT fmpq_mat_t.
 *
 * Every function checks its arguments before calling FLINT (which aborts on
 * mismatched dimensions, singular inverses, ...) and returns an int status:
 * QMAT_OK (0) or one of the QMAT_E_* codes; qmat_strerror() gives the text.
 * Outputs come first and must be initialised by the caller (any size: they
 * are resized with fmpq_mat_clear/fmpq_mat_init as needed).  On error the
 * output is left as a valid (possibly 0x0) matrix.  Outputs may alias
 * inputs unless stated otherwise.  No result ever passes through a double.
 *
 * Size limit: a matrix with more than QMAT_MAX_ENTRIES entries (rows*cols,
 * computed without overflow) is refused with QMAT_E_TOO_LARGE, both as input
 * and as a result that would be created (e.g. kron).
 */
#ifndef SYM_EXACT_QMAT_H
#define SYM_EXACT_QMAT_H

#include <signal.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpq_mat.h>

/* Long computations poll sym_interrupt_poll() and return QMAT_E_INTERRUPTED. */
#include "base/sym_interrupt.h"
#include "base/sym_status.h"

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    QMAT_OK = SYM_SUCCESS,
    QMAT_E_DIM = SYM_E_DIM,                 /* dimensions do not match */
    QMAT_E_NOT_SQUARE = SYM_E_NOT_SQUARE,   /* operation needs a square matrix */
    QMAT_E_SINGULAR = SYM_E_SINGULAR,       /* matrix is singular */
    QMAT_E_NO_SOLUTION = SYM_E_NO_SOLUTION, /* linear system is inconsistent */
    QMAT_E_TOO_LARGE = SYM_E_LIMIT,         /* exceeds QMAT_MAX_ENTRIES */
    QMAT_E_INTERRUPTED = SYM_E_INTERRUPTED, /* sym_interrupt_poll() was 1 */
    QMAT_E_ARG = SYM_E_ARG,                 /* invalid argument (bad index, negative size) */
    QMAT_E_INTERNAL = SYM_E_INTERNAL        /* a verified computation failed its own check */
};

/* Largest number of entries of a dense matrix we create or accept
   (2^26 ~ 67 million, i.e. about 8192 x 8192). */
#define QMAT_MAX_ENTRIES (WORD(1) << 26)

/* Text of a status code (static storage, never NULL). */
const char *qmat_strerror(int status);

/* 1 when an r x c dense matrix is within QMAT_MAX_ENTRIES (r, c >= 0). */
int qmat_size_ok(slong r, slong c);

/* Resize M to r x c, all zero (QMAT_E_TOO_LARGE / QMAT_E_ARG on bad size). */
int qmat_resize(fmpq_mat_t M, slong r, slong c);

/* *rank = rank of A. */
int qmat_rank(slong *rank, const fmpq_mat_t A);

/* R = reduced row echelon form of A (same shape), *rank = its rank.
   rank may be NULL. */
int qmat_rref(fmpq_mat_t R, slong *rank, const fmpq_mat_t A);

/* d = det A; QMAT_E_NOT_SQUARE unless A is square (det of 0x0 is 1). */
int qmat_det(fmpq_t d, const fmpq_mat_t A);

/* B = A^-1; QMAT_E_NOT_SQUARE, QMAT_E_SINGULAR. */
int qmat_inv(fmpq_mat_t B, const fmpq_mat_t A);

/* One solution X (cols(A) x cols(B)) of A X = B for A of any shape:
   free variables are set to 0.  QMAT_E_DIM when rows differ,
   QMAT_E_NO_SOLUTION when some column of B is not in the image of A. */
int qmat_solve(fmpq_mat_t X, const fmpq_mat_t A, const fmpq_mat_t B);

/* B = the pivot columns of A (the columns where rref(A) has its pivots):
   a basis of the image of A, rows(A) x rank. */
int qmat_colspace(fmpq_mat_t B, const fmpq_mat_t A);

/* B = A^T. */
int qmat_transpose(fmpq_mat_t B, const fmpq_mat_t A);

/* C = A (x) B, the Kronecker product. */
int qmat_kron(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B);

/* C = A B (QMAT_E_DIM unless cols(A) == rows(B)). */
int qmat_mul(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B);

/* C = A + B, C = A - B (QMAT_E_DIM unless same shape). */
int qmat_add(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B);
int qmat_sub(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B);

/* B = A^e for square A; e < 0 uses the inverse (QMAT_E_SINGULAR),
   e == 0 gives the identity.  Polls sym_interrupted. */
int qmat_pow(fmpq_mat_t B, const fmpq_mat_t A, slong e);

/* Put the k x n matrix M (whose rows span a subspace, k = its dimension,
   rows independent) into canonical form in place: reduced row echelon form,
   then each row scaled to a primitive integer vector with positive leading
   entry.  QMAT_E_INTERNAL if the rows are dependent. */
int qmat_canonicalise_rows(fmpq_mat_t M);

/* Scale each row of M to a primitive integer vector whose first nonzero
   entry is positive (zero rows stay zero).  Cannot fail. */
void qmat_scale_rows_primitive(fmpq_mat_t M);

/* N (cols(C) x k) = basis of {v : C v = 0} by the dense route only: clear
   denominators row-wise, FLINT fmpz_mat_nullspace, canonicalise.  The
   canonical form is described in nullspace.h (qmat_nullspace chooses the
   method automatically). */
int qmat_nullspace_dense(fmpq_mat_t N, const fmpq_mat_t C);

#endif
