/* nullspace_classes.c — kernels of systems of equalities, without a solve.
 *
 * When every row of C says x_u = x_v (two entries a, -a) or x_u = 0 (one
 * entry), the kernel is spanned by the indicator vectors of the classes of
 * the union of those equalities that hold no zeroed unknown.  This is the
 * shape of every constraint of a group acting by permutation matrices (the
 * equivariant maps between permutation representations and their tensor
 * powers: orbits of index tuples), so such kernels need no elimination.
 * The indicators have disjoint supports and entries 1, so, ordered by their
 * first index, they are already the canonical form of nullspace.h.
 */
#include <string.h>
#include "exact/nullspace.h"
#include "exact/union_find.h"

int spmat_is_equalities(const SpMat *C)
{
    slong i, b;
    for (i = 0; i < C->r; i++) {
        b = C->ptr[i];
        switch (C->ptr[i + 1] - b) {
        case 0:
        case 1:
            break;
        case 2:
            if (!fmpz_equal(fmpq_denref(C->val + b), fmpq_denref(C->val + b + 1)) ||
                fmpz_cmpabs(fmpq_numref(C->val + b), fmpq_numref(C->val + b + 1)) != 0 ||
                fmpz_sgn(fmpq_numref(C->val + b)) == fmpz_sgn(fmpq_numref(C->val + b + 1)))
                return 0;
            break;
        default:
            return 0;
        }
    }
    return 1;
}

int spmat_nullspace_classes_rows(SpMat *Nt, const SpMat *C)
{
    slong n = C->c, i, j, k = 0, b, u, v;
    slong *parent, *id;
    char *zero;
    int st = QMAT_OK;
    if (!spmat_is_equalities(C))
        return QMAT_E_INTERNAL;
    parent = flint_malloc((n + 1) * sizeof(slong));
    id = flint_malloc((n + 1) * sizeof(slong));
    zero = flint_calloc(n + 1, 1);
    for (j = 0; j < n; j++)
        parent[j] = j;
    for (i = 0; i < C->r; i++) {
        b = C->ptr[i];
        if ((i & 4095) == 4095 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        if (C->ptr[i + 1] - b == 1) {
            zero[C->col[b]] = 1;
        } else if (C->ptr[i + 1] - b == 2) {
            u = union_find_root(parent, C->col[b]);
            v = union_find_root(parent, C->col[b + 1]);
            if (u != v)
                parent[FLINT_MAX(u, v)] = FLINT_MIN(u, v);
        }
    }
    if (st == QMAT_OK) {
        /* a class is zero when any member is; roots are class minima */
        for (j = 0; j < n; j++)
            if (zero[j])
                zero[union_find_root(parent, j)] = 1;
        for (j = 0; j < n; j++) {
            id[j] = -1;
            if (union_find_root(parent, j) == j && !zero[j])
                id[j] = k++;
        }
    }
    if (st == QMAT_OK) {
        /* row u of Nt: the members of class u, increasing */
        SpMat R;
        slong *pos = flint_calloc(k + 2, sizeof(slong)), nnz = 0;
        for (j = 0; j < n; j++) {
            u = id[union_find_root(parent, j)];
            if (u >= 0) {
                pos[u + 1]++;
                nnz++;
            }
        }
        for (u = 0; u < k; u++)
            pos[u + 1] += pos[u];
        spmat_init(&R, n);
        R.ptr = flint_realloc(R.ptr, (k + 2) * sizeof(slong));
        R.ptr_alloc = k + 2;
        memcpy(R.ptr, pos, (k + 1) * sizeof(slong));
        R.col = flint_malloc((nnz + 1) * sizeof(slong));
        R.val = _fmpq_vec_init(nnz + 1);
        R.alloc = nnz + 1;
        for (j = 0; j < n; j++) {
            u = id[union_find_root(parent, j)];
            if (u >= 0) {
                R.col[pos[u]] = j;
                fmpq_one(R.val + pos[u]++);
            }
        }
        R.r = k;
        R.nnz = nnz;
        spmat_swap(Nt, &R);
        spmat_clear(&R);
        flint_free(pos);
    }
    flint_free(parent);
    flint_free(id);
    flint_free(zero);
    return st;
}
