/* dmat.h — dense double matrices for the float engine of Sym.
 *
 * A DMat is column-major (entry (i, j) at data[i + j * rows]) so that its
 * data can be handed to BLAS/LAPACK with leading dimension max(1, rows).
 * A matrix with rows == 0 or cols == 0 is valid and has data == NULL.
 *
 * Ownership: every function returning a DMat * (directly or through a
 * DMat ** output) hands a new matrix to the caller, who frees it with
 * dmat_free.  Inputs are borrowed and never modified unless stated.
 * Functions that can fail return an int status (0 = ok, see the DMAT_ERR_
 * codes below, which dlinalg.h extends) and leave their outputs NULL.
 */
#ifndef SYM_NUMERIC_DMAT_H
#define SYM_NUMERIC_DMAT_H

#include "base/sym_status.h"
#include <stddef.h>

typedef struct DMat {
    int rows, cols;
    double *data;
} DMat;

/* Status codes shared with dlinalg (dlinalg_strerror explains them). */
/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    DMAT_OK = SYM_SUCCESS,
    DMAT_ERR_DIM = SYM_E_DIM,    /* dimensions do not fit the operation */
    DMAT_ERR_NOMEM = SYM_E_NOMEM /* allocation failed or size overflows */
};

/* Column-major element access, no bounds check (for engine loops). */
#define DMAT_AT(A, i, j) ((A)->data[(size_t)(j) * (size_t)(A)->rows + (size_t)(i)])

/* New rows x cols matrix with unspecified entries; NULL if rows or cols is
 * negative or memory runs out. */
DMat *dmat_new(int rows, int cols);

/* New rows x cols zero matrix; NULL as for dmat_new. */
DMat *dmat_zeros(int rows, int cols);

/* New n x n identity; NULL as for dmat_new. */
DMat *dmat_eye(int n);

/* Frees A and its data; A may be NULL. */
void dmat_free(DMat *A);

/* New deep copy of A; NULL if memory runs out. */
DMat *dmat_copy(const DMat *A);

/* Entry (i, j), or NaN if (i, j) is out of range. */
double dmat_get(const DMat *A, int i, int j);

/* Sets entry (i, j) to x; returns DMAT_ERR_DIM if (i, j) is out of range. */
int dmat_set(DMat *A, int i, int j, double x);

/* Number of entries rows * cols as a size_t. */
size_t dmat_size(const DMat *A);

/* 1 if some entry of A is NaN or infinite, else 0. */
int dmat_has_nonfinite(const DMat *A);

/* New transpose of A; NULL if memory runs out. */
DMat *dmat_transpose(const DMat *A);

/* *C = op(A) op(B) with op(X) = X^T when the matching trans flag is
 * nonzero (cblas_dgemm).  DMAT_ERR_DIM if the inner dimensions differ. */
int dmat_mul_trans(DMat **C, const DMat *A, int transA, const DMat *B, int transB);

/* *C = A B.  DMAT_ERR_DIM if A->cols != B->rows. */
int dmat_mul(DMat **C, const DMat *A, const DMat *B);

/* *C = A + B and *C = A - B.  DMAT_ERR_DIM unless the shapes agree. */
int dmat_add(DMat **C, const DMat *A, const DMat *B);
int dmat_sub(DMat **C, const DMat *A, const DMat *B);

/* A <- c A in place. */
void dmat_scale(DMat *A, double c);

/* Frobenius norm of A (0 for an empty matrix), computed without overflow
 * for finite entries of moderate size. */
double dmat_norm_fro(const DMat *A);

/* Largest absolute entry of A (0 for an empty matrix). */
double dmat_norm_max(const DMat *A);

#endif
