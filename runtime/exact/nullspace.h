/* nullspace.h — exact kernels of rational matrices in canonical form.
 *
 * Canonical form: for C with n columns and a kernel of dimension k, the
 * result N is n x k and its transpose N^T is the unique reduced row echelon
 * form of the kernel with each row then scaled to a primitive integer
 * vector whose leading entry is positive.  So N has integer entries and is
 * the same for every method and every run, and under any row permutation or
 * nonzero row scaling of C.
 *
 * Methods: the sparse modular solver (nullspace_modp.c) eliminates modulo
 * 63-bit primes with a fill-reducing choice of pivot rows, each pivoting on
 * its last column, which yields the canonical basis directly (no dense
 * rref of the basis; see nullspace_modp.c), lifts it by CRT and rational
 * reconstruction, and returns it only after the exact check C N = 0 over
 * Z; with k = n - rank(C mod p) >= nullity(C) that check proves N spans
 * the whole kernel.  After NULLSPACE_MAX_PRIMES primes without success it
 * falls back to the dense FLINT route (qmat_nullspace_dense in qmat.h).
 * spmat_nullspace takes a shortcut for systems of equalities x_u = x_v,
 * x_u = 0 (groups acting by permutations): the kernel is the class
 * indicators, with no elimination (nullspace_classes.c).
 *
 * Result forms: the *_rows functions return the kernel sparse, as the k x n
 * SpMat Nt = N^T (one canonical row per kernel vector, integer entries,
 * rows ordered by leading column), computed sparse throughout (no n x k
 * array); the others return the dense n x k N, built from Nt at the end.
 *
 * All functions return QMAT_OK or a QMAT_E_* code (qmat.h): QMAT_E_TOO_LARGE
 * when a dense n x k result (or a dense fallback) would pass
 * QMAT_MAX_ENTRIES, or a sparse one SPMAT_MAX_NNZ nonzeros,
 * QMAT_E_INTERRUPTED when sym_interrupted is set during the work.  N must be
 * initialised; it is resized, and left valid (unchanged) on error; so is
 * Nt (initialised with any number of columns; on success it has C->c).
 */
#ifndef SYM_EXACT_NULLSPACE_H
#define SYM_EXACT_NULLSPACE_H

#include "exact/qmat.h"
#include "exact/spmat.h"

#define NULLSPACE_MAX_PRIMES 24

typedef struct {
    slong rank;   /* rank of C */
    slong primes; /* primes used by the modular method (0 if dense) */
    int dense;    /* 1 when the dense route produced the result */
} NullspaceInfo;

/* Kernel of a dense C; picks sparse modular (sparse or large C) or dense. */
int qmat_nullspace(fmpq_mat_t N, const fmpq_mat_t C);

/* Kernel of a sparse C; picks dense only for tiny C. */
int spmat_nullspace(fmpq_mat_t N, const SpMat *C);

/* Kernel of C by the sparse modular method (with its dense fallback). */
int spmat_nullspace_modular(fmpq_mat_t N, const SpMat *C);

/* 1 when every row of C is x_u = x_v (entries a and -a) or x_u = 0 (one
   entry): the constraints of a group acting by permutations. */
int spmat_is_equalities(const SpMat *C);

/* Kernel of such a C (spmat_is_equalities) without elimination: the
   indicators of the classes of the equalities that hold no zeroed
   unknown, ordered by first index (already canonical).  QMAT_E_INTERNAL
   when C is not of that form.  nullspace_classes.c. */
int spmat_nullspace_classes(fmpq_mat_t N, const SpMat *C);

/* Same, also reporting what happened in *info (may be NULL). */
int spmat_nullspace_modular_info(fmpq_mat_t N, NullspaceInfo *info, const SpMat *C);

/* The same kernels as rows (Nt = N^T, k x n, sparse, canonical): */
/* spmat_nullspace's choice of method. */
int spmat_nullspace_rows(SpMat *Nt, const SpMat *C);
/* the sparse modular method (info may be NULL); */
int spmat_nullspace_modular_rows(SpMat *Nt, NullspaceInfo *info, const SpMat *C);
/* the class indicators of a system of equalities (QMAT_E_INTERNAL when C
   is not one). */
int spmat_nullspace_classes_rows(SpMat *Nt, const SpMat *C);

#endif
