/* nullspace_modp.h — internal: sparse integer rows and the kernel mod p.
 *
 * Used by nullspace.c only.  SpZMat is the integer form of a constraint
 * matrix (denominators cleared row-wise, rows primitive, duplicates gone);
 * nullspace_modp_rref computes the canonical (reduced row echelon) kernel
 * basis modulo one word-size prime by sparse Markowitz elimination.
 */
#ifndef SYM_EXACT_NULLSPACE_MODP_H
#define SYM_EXACT_NULLSPACE_MODP_H

#include <flint/nmod_mat.h>
#include "exact/spmat.h"

typedef struct {
    slong r, c, nnz;
    slong *ptr;  /* r + 1 row offsets */
    slong *col;  /* increasing within a row */
    fmpz *val;   /* nonzero integers */
    slong alloc; /* fmpz slots in val */
} SpZMat;

/* Z = C with each row times the lcm of its denominators, divided by its
   content, sign fixed so the first entry is positive; zero and repeated
   rows are dropped (the kernel is unchanged).  Free with spzmat_clear. */
void spzmat_init_from_spmat(SpZMat *Z, const SpMat *C);
void spzmat_clear(SpZMat *Z);

/* K (initialised by this call with modulus p, n x k, k = n - rank mod p)
   = the transpose of the reduced row echelon form of the kernel of Z
   modulo the prime p: column t is kernel vector t; piv (caller allocated,
   length n) receives the pivot columns of the echelon form (the rows of K
   holding the identity) in its first k entries.  Returns QMAT_OK, QMAT_E_INTERRUPTED or
   QMAT_E_TOO_LARGE (k x n past QMAT_MAX_ENTRIES); on error K is not
   initialised. */
int nullspace_modp_rref(nmod_mat_t K, slong *piv, const SpZMat *Z, ulong p);

#endif
