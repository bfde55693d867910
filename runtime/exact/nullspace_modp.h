/* nullspace_modp.h — internal: sparse integer rows and the kernel mod p.
 *
 * Used by nullspace.c only.  SpZMat is the integer form of a constraint
 * matrix (denominators cleared row-wise, rows primitive, duplicates gone);
 * nullspace_modp_kernel computes the canonical (reduced row echelon) kernel
 * basis modulo one word-size prime by sparse Markowitz elimination.
 */
#ifndef SYM_EXACT_NULLSPACE_MODP_H
#define SYM_EXACT_NULLSPACE_MODP_H

#include <flint/nmod_mat.h>
#include "exact/spmat.h"

/* Rows that grow longer than this during the elimination are set aside and
   reduced left-looking at the end (nullspace_modp.c). */
#define NULLSPACE_DEFER_LEN 500
/* The length in use (NULLSPACE_DEFER_LEN; the unit tests lower it to
   exercise the deferred path on small matrices). */
extern slong nullspace_modp_defer_len;

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

/* A kernel basis modulo p stored by unknown: row j (j < n) holds unknown
   j's entries in the k kernel vectors, at idx/val[start[j] ..
   start[j] + len[j]) with increasing idx (kernel vector index) and
   nonzero residues. */
typedef struct {
    slong n, k, nnz, alloc;
    ulong p;
    slong *start, *len, *idx;
    ulong *val;
} SpKer;

void spker_clear(SpKer *K);

/* K (set by this call) = the reduced row echelon form of the kernel of Z
   modulo the prime p, transposed and sparse (SpKer: kernel vector t is
   column t, with 1 at its free column); piv (caller allocated, length n)
   receives the free columns (the pivots of the echelon form) in its first
   k entries.  Returns QMAT_OK, QMAT_E_INTERRUPTED or QMAT_E_TOO_LARGE
   (more than SPMAT_MAX_NNZ nonzeros); on error K holds nothing. */
int nullspace_modp_kernel(SpKer *K, slong *piv, const SpZMat *Z, ulong p);

#endif
