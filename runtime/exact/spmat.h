/* spmat.h — sparse rational matrices (compressed rows), built row by row.
 *
 * An SpMat has a fixed number of columns and grows by appending rows.  Each
 * stored row has strictly increasing column indices and no zero entries
 * (spmat_append_row sorts, sums repeated columns and drops zeros).  Entries
 * are fmpq, so integer matrices are the special case of denominator 1.
 * Constraint matrices (equivariance, Lie derivatives) are assembled here and
 * handed to spmat_nullspace (nullspace.h).
 */
#ifndef SYM_EXACT_SPMAT_H
#define SYM_EXACT_SPMAT_H

#include "exact/qmat.h"

/* Largest number of stored nonzeros (2^27). */
#define SPMAT_MAX_NNZ (WORD(1) << 27)

typedef struct {
    slong r, c; /* rows appended so far, columns (fixed) */
    slong nnz;  /* stored nonzeros = ptr[r] */
    slong *ptr; /* row i is [ptr[i], ptr[i+1]) in col/val; r + 1 used */
    slong *col; /* column indices, increasing within a row */
    fmpq *val;  /* nonzero values */
    slong ptr_alloc, alloc;
} SpMat;

/* Initialise S as a 0 x ncols matrix (ncols < 0 is treated as 0).
   Free with spmat_clear. */
void spmat_init(SpMat *S, slong ncols);
void spmat_clear(SpMat *S);

/* Append the row with entries vals[t] at columns cols[t], t < len, in any
   order; repeated columns are summed, zeros dropped.  QMAT_E_ARG for a
   column outside [0, c) or len < 0, QMAT_E_TOO_LARGE past SPMAT_MAX_NNZ;
   S is unchanged on error.  Inputs are borrowed. */
int spmat_append_row(SpMat *S, const slong *cols, const fmpq *vals, slong len);

/* Same with small integer values num[t] / den (den != 0, else QMAT_E_ARG). */
int spmat_append_row_si(SpMat *S, const slong *cols, const slong *num, slong den, slong len);

/* S = the nonzeros of A (S must be initialised; it is reset). */
int spmat_set_qmat(SpMat *S, const fmpq_mat_t A);

/* A = S as a dense matrix (QMAT_E_TOO_LARGE past QMAT_MAX_ENTRIES). */
int spmat_get_qmat(fmpq_mat_t A, const SpMat *S);

/* Y = S X (QMAT_E_DIM unless S->c == X->r). */
int spmat_mul_qmat(fmpq_mat_t Y, const SpMat *S, const fmpq_mat_t X);

/* Exchange A and B (O(1)). */
void spmat_swap(SpMat *A, SpMat *B);

/* T (initialised; reset) = S^T.  QMAT_E_TOO_LARGE only past SPMAT_MAX_NNZ. */
int spmat_transpose(SpMat *T, const SpMat *S);

/* Y (initialised; reset) = A B, both sparse (Gustavson: one dense
   accumulator row of B->c entries).  QMAT_E_DIM unless A->c == B->r,
   QMAT_E_TOO_LARGE past SPMAT_MAX_NNZ, QMAT_E_INTERRUPTED when
   sym_interrupted is set. */
int spmat_mul(SpMat *Y, const SpMat *A, const SpMat *B);

/* Scale each row of S by the positive rational that makes it a primitive
   integer vector (content 1); rows keep their pattern and signs. */
void spmat_rows_primitive(SpMat *S);

#endif
