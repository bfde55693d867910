/* nullspace.c — the verified multi-modular kernel and method selection.
 *
 * Per prime: canonical kernel basis mod p (nullspace_modp.c).  Primes are
 * combined by CRT while they agree on the kernel dimension and pivot
 * columns; a prime with a larger kernel (rank drop mod p) or a
 * lexicographically later pivot set is unlucky and skipped, one with a
 * smaller kernel or earlier pivots replaces what was gathered.  After each
 * prime every entry is rationally reconstructed and the primitive integer
 * basis is checked exactly against the integer rows of C.
 */
#include "exact/nullspace.h"
#include "exact/nullspace_modp.h"

/* Residue a in [0, M) to a rational with |num|, den <= sqrt(M/2);
   0 on failure.  Small signed integers (the common case) skip the
   half-gcd: for M >= 2^62 they are the unique answer. */
static int nullspace_reconstruct(fmpq_t q, const fmpz_t a, const fmpz_t M,
                                 fmpz_t tmp)
{
    if (fmpz_bits(M) >= 62) {
        if (fmpz_bits(a) <= 30) {
            fmpq_set_fmpz(q, a);
            return 1;
        }
        fmpz_sub(tmp, M, a);
        if (fmpz_bits(tmp) <= 30) {
            fmpz_neg(fmpq_numref(q), tmp);
            fmpz_one(fmpq_denref(q));
            return 1;
        }
    }
    return fmpq_reconstruct_fmpz(q, a, M);
}

/* 1 when every row of Z kills every column of the integer matrix Q
   (n x k, denominators one). */
static int nullspace_verify(const SpZMat *Z, const fmpq_mat_t Q, int *intr)
{
    slong k = Q->c, i, t, u;
    fmpz *acc = _fmpz_vec_init(k + 1);
    int ok = 1;
    for (i = 0; i < Z->r && ok; i++) {
        if ((i & 1023) == 1023 && sym_interrupted) {
            *intr = 1;
            ok = 0;
            break;
        }
        _fmpz_vec_zero(acc, k);
        for (t = Z->ptr[i]; t < Z->ptr[i + 1]; t++) {
            const fmpq *row = Q->rows[Z->col[t]];
            for (u = 0; u < k; u++)
                if (!fmpz_is_zero(fmpq_numref(row + u)))
                    fmpz_addmul(acc + u, fmpq_numref(row + u), Z->val + t);
        }
        ok = _fmpz_vec_is_zero(acc, k);
    }
    _fmpz_vec_clear(acc, k + 1);
    return ok;
}

/* Column t of Q times the positive rational that makes it a primitive
   integer vector whose first nonzero entry is positive. */
static void nullspace_scale_col_primitive(fmpq_mat_t Q, slong t, fmpz_t l,
                                          fmpz_t g)
{
    slong j, lead = -1;
    fmpz_one(l);
    fmpz_zero(g);
    for (j = 0; j < Q->r; j++) {
        const fmpq *q = fmpq_mat_entry(Q, j, t);
        if (fmpq_is_zero(q))
            continue;
        if (lead < 0)
            lead = j;
        fmpz_lcm(l, l, fmpq_denref(q));
    }
    if (lead < 0)
        return;
    for (j = lead; j < Q->r; j++) {
        fmpq *q = fmpq_mat_entry(Q, j, t);
        if (fmpq_is_zero(q))
            continue;
        fmpz_divexact(fmpq_denref(q), l, fmpq_denref(q));
        fmpz_mul(fmpq_numref(q), fmpq_numref(q), fmpq_denref(q));
        fmpz_one(fmpq_denref(q));
        fmpz_gcd(g, g, fmpq_numref(q));
    }
    if (fmpz_sgn(fmpq_mat_entry_num(Q, lead, t)) < 0)
        fmpz_neg(g, g);
    if (fmpz_is_one(g))
        return;
    for (j = lead; j < Q->r; j++) {
        fmpq *q = fmpq_mat_entry(Q, j, t);
        if (!fmpq_is_zero(q))
            fmpz_divexact(fmpq_numref(q), fmpq_numref(q), g);
    }
}

/* From residues A (n x k, column t = kernel vector t) mod M: reconstruct,
   make columns primitive, verify.  On success N receives the n x k
   result (moved, not copied) and 1 is returned. */
static int nullspace_lift(fmpq_mat_t N, const fmpz_mat_t A, const fmpz_t M,
                          const SpZMat *Z, int *intr)
{
    slong n = A->r, k = A->c, t, j;
    fmpq_mat_t Q;
    fmpz_t tmp, l;
    int ok = 1;
    fmpq_mat_init(Q, n, k);
    fmpz_init(tmp);
    fmpz_init(l);
    for (j = 0; j < n && ok; j++) {
        if ((j & 1023) == 1023 && sym_interrupted) {
            *intr = 1;
            ok = 0;
        }
        for (t = 0; t < k && ok; t++)
            if (!fmpz_is_zero(fmpz_mat_entry(A, j, t)))
                ok = nullspace_reconstruct(fmpq_mat_entry(Q, j, t),
                                           fmpz_mat_entry(A, j, t), M, tmp);
    }
    for (t = 0; t < k && ok; t++)
        nullspace_scale_col_primitive(Q, t, l, tmp);
    fmpz_clear(tmp);
    fmpz_clear(l);
    if (ok)
        ok = nullspace_verify(Z, Q, intr);
    if (ok)
        fmpq_mat_swap(N, Q);
    fmpq_mat_clear(Q);
    return ok;
}

/* Compare pivot sets of equal length: <0 when a is lexicographically
   earlier than b. */
static int nullspace_pivcmp(const slong *a, const slong *b, slong k)
{
    slong t;
    for (t = 0; t < k; t++)
        if (a[t] != b[t])
            return a[t] < b[t] ? -1 : 1;
    return 0;
}

static int nullspace_dense_fallback(fmpq_mat_t N, const SpMat *C)
{
    fmpq_mat_t D;
    int st;
    if (!qmat_size_ok(C->r, C->c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(D, 0, 0);
    st = spmat_get_qmat(D, C);
    if (st == QMAT_OK)
        st = qmat_nullspace_dense(N, D);
    fmpq_mat_clear(D);
    return st;
}

int spmat_nullspace_modular_info(fmpq_mat_t N, NullspaceInfo *info,
                                 const SpMat *C)
{
    SpZMat Z;
    fmpz_mat_t A;
    fmpz_t M;
    nmod_mat_t K;
    slong n = C->c, *piv, *bpiv, bk = -1, used = 0, iter, t, j;
    ulong p = UWORD(1) << 62;
    int st = QMAT_OK, done = 0, intr = 0;

    if (info) {
        info->rank = 0;
        info->primes = 0;
        info->dense = 0;
    }
    spzmat_init_from_spmat(&Z, C);
    piv = flint_malloc((n + 1) * sizeof(slong));
    bpiv = flint_malloc((n + 1) * sizeof(slong));
    fmpz_mat_init(A, 0, 0);
    fmpz_init(M);
    for (iter = 0; iter < NULLSPACE_MAX_PRIMES && !done; iter++) {
        slong k;
        int restart, cmp;
        p = n_nextprime(p, 1);
        st = nullspace_modp_rref(K, piv, &Z, p);
        if (st != QMAT_OK)
            break;
        used++;
        k = K->c;
        cmp = bk == k ? nullspace_pivcmp(piv, bpiv, k) : 0;
        restart = bk < 0 || k < bk || (k == bk && cmp < 0);
        if (restart) {
            fmpz_mat_clear(A);
            fmpz_mat_init(A, n, k);
            for (t = 0; t < k; t++)
                bpiv[t] = piv[t];
            for (j = 0; j < n; j++)
                for (t = 0; t < k; t++)
                    fmpz_set_ui(fmpz_mat_entry(A, j, t),
                                nmod_mat_entry(K, j, t));
            fmpz_set_ui(M, p);
            bk = k;
        } else if (k == bk && cmp == 0) {
            for (j = 0; j < n; j++)
                for (t = 0; t < k; t++)
                    fmpz_CRT_ui(fmpz_mat_entry(A, j, t),
                                fmpz_mat_entry(A, j, t), M,
                                nmod_mat_entry(K, j, t), p, 0);
            fmpz_mul_ui(M, M, p);
        }
        nmod_mat_clear(K);
        if (restart || cmp == 0)
            done = nullspace_lift(N, A, M, &Z, &intr);
        if (intr) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
    }
    if (info) {
        info->rank = n - bk;
        info->primes = used;
    }
    fmpz_clear(M);
    fmpz_mat_clear(A);
    flint_free(piv);
    flint_free(bpiv);
    spzmat_clear(&Z);
    if (st == QMAT_OK && !done) {
        if (info)
            info->dense = 1;
        st = nullspace_dense_fallback(N, C);
        if (info && st == QMAT_OK)
            info->rank = n - N->c;
    }
    return st;
}

int spmat_nullspace_modular(fmpq_mat_t N, const SpMat *C)
{
    return spmat_nullspace_modular_info(N, NULL, C);
}

int spmat_nullspace(fmpq_mat_t N, const SpMat *C)
{
    if (C->r <= 4 && C->c <= 4)
        return nullspace_dense_fallback(N, C);
    if (spmat_is_equalities(C))
        return spmat_nullspace_classes(N, C);
    return spmat_nullspace_modular(N, C);
}

int qmat_nullspace(fmpq_mat_t N, const fmpq_mat_t C)
{
    SpMat S;
    slong i, j, nz = 0;
    int st;
    if (!qmat_size_ok(C->r, C->c))
        return QMAT_E_TOO_LARGE;
    for (i = 0; i < C->r; i++)
        for (j = 0; j < C->c; j++)
            nz += !fmpq_is_zero(fmpq_mat_entry(C, i, j));
    /* dense data: FLINT's dense multimodular nullspace does better */
    if (4 * nz > C->r * C->c && C->c <= 256)
        return qmat_nullspace_dense(N, C);
    spmat_init(&S, C->c);
    st = spmat_set_qmat(&S, C);
    if (st == QMAT_OK)
        st = spmat_nullspace(N, &S);
    spmat_clear(&S);
    return st;
}
