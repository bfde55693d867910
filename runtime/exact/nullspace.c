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
static int nullspace_reconstruct(fmpq_t q, const fmpz_t a, const fmpz_t M, fmpz_t tmp)
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

/* The nonzero pattern of Q (n x k) by rows: row j's nonzeros are the
   columns idx[start[j] .. start[j + 1]). */
typedef struct {
    slong *start, *idx;
} NzRows;

static void nzrows_init(NzRows *P, const fmpq_mat_t Q)
{
    slong n = Q->r, k = Q->c, j, t, nz = 0;
    P->start = flint_malloc((n + 1) * sizeof(slong));
    for (j = 0; j < n; j++)
        for (t = 0; t < k; t++)
            nz += !fmpq_is_zero(fmpq_mat_entry(Q, j, t));
    P->idx = flint_malloc((nz + 1) * sizeof(slong));
    for (j = 0, nz = 0; j < n; j++) {
        P->start[j] = nz;
        for (t = 0; t < k; t++)
            if (!fmpq_is_zero(fmpq_mat_entry(Q, j, t)))
                P->idx[nz++] = t;
    }
    P->start[n] = nz;
}

static void nzrows_clear(NzRows *P)
{
    flint_free(P->start);
    flint_free(P->idx);
}

/* 1 when every row of Z kills every column of the integer matrix Q
   (n x k, denominators one; P its pattern).  Only the nonzeros are
   visited: kernel bases of equivariance constraints are sparse. */
static int nullspace_verify(const SpZMat *Z, const fmpq_mat_t Q, const NzRows *P, int *intr)
{
    slong k = Q->c, i, t, s, u, ntouch;
    fmpz *acc = _fmpz_vec_init(k + 1);
    slong *touch = flint_malloc((k + 1) * sizeof(slong));
    char *mark = flint_calloc(k + 1, 1);
    int ok = 1;
    for (i = 0; i < Z->r && ok; i++) {
        if ((i & 1023) == 1023 && sym_interrupt_poll()) {
            *intr = 1;
            ok = 0;
            break;
        }
        ntouch = 0;
        for (t = Z->ptr[i]; t < Z->ptr[i + 1]; t++) {
            slong c = Z->col[t];
            for (s = P->start[c]; s < P->start[c + 1]; s++) {
                u = P->idx[s];
                if (!mark[u]) {
                    mark[u] = 1;
                    touch[ntouch++] = u;
                }
                fmpz_addmul(acc + u, fmpq_mat_entry_num(Q, c, u), Z->val + t);
            }
        }
        for (s = 0; s < ntouch; s++) {
            u = touch[s];
            if (!fmpz_is_zero(acc + u))
                ok = 0;
            fmpz_zero(acc + u);
            mark[u] = 0;
        }
    }
    _fmpz_vec_clear(acc, k + 1);
    flint_free(touch);
    flint_free(mark);
    return ok;
}

/* Scale each column of Q by the positive rational that makes it a
   primitive integer vector whose first nonzero entry is positive (the
   pivot, 1 in the echelon form).  Row-major passes over the pattern. */
static void nullspace_scale_cols_primitive(fmpq_mat_t Q, const NzRows *P)
{
    slong n = Q->r, k = Q->c, j, s, t;
    fmpz *l = _fmpz_vec_init(k + 1), *g = _fmpz_vec_init(k + 1);
    slong *lead = flint_malloc((k + 1) * sizeof(slong));
    for (t = 0; t < k; t++) {
        fmpz_one(l + t);
        lead[t] = -1;
    }
    for (j = 0; j < n; j++)
        for (s = P->start[j]; s < P->start[j + 1]; s++) {
            t = P->idx[s];
            if (lead[t] < 0)
                lead[t] = j;
            if (!fmpz_is_one(fmpq_mat_entry_den(Q, j, t)))
                fmpz_lcm(l + t, l + t, fmpq_mat_entry_den(Q, j, t));
        }
    for (j = 0; j < n; j++)
        for (s = P->start[j]; s < P->start[j + 1]; s++) {
            fmpq *q = fmpq_mat_entry(Q, j, P->idx[s]);
            t = P->idx[s];
            if (!fmpz_is_one(l + t)) {
                fmpz_divexact(fmpq_denref(q), l + t, fmpq_denref(q));
                fmpz_mul(fmpq_numref(q), fmpq_numref(q), fmpq_denref(q));
                fmpz_one(fmpq_denref(q));
            }
            fmpz_gcd(g + t, g + t, fmpq_numref(q));
        }
    for (t = 0; t < k; t++)
        if (lead[t] >= 0 && fmpz_sgn(fmpq_mat_entry_num(Q, lead[t], t)) < 0)
            fmpz_neg(g + t, g + t);
    for (j = 0; j < n; j++)
        for (s = P->start[j]; s < P->start[j + 1]; s++) {
            t = P->idx[s];
            if (!fmpz_is_one(g + t))
                fmpz_divexact(fmpq_mat_entry_num(Q, j, t), fmpq_mat_entry_num(Q, j, t), g + t);
        }
    _fmpz_vec_clear(l, k + 1);
    _fmpz_vec_clear(g, k + 1);
    flint_free(lead);
}

/* From residues mod M (n x k, column t = kernel vector t): the CRT
   accumulator A, or, while only one prime p = M was gathered, K itself
   (A == NULL): reconstruct, make columns primitive, verify.  On success N
   receives the n x k result (moved, not copied) and 1 is returned. */
static int nullspace_lift(fmpq_mat_t N, const fmpz_mat_struct *A, const nmod_mat_t K,
                          const fmpz_t M, const SpZMat *Z, int *intr)
{
    slong n = K ? K->r : A->r, k = K ? K->c : A->c, t, j;
    fmpq_mat_t Q;
    NzRows P;
    fmpz_t tmp, a;
    int ok = 1;
    fmpq_mat_init(Q, n, k);
    fmpz_init(tmp);
    fmpz_init(a);
    for (j = 0; j < n && ok; j++) {
        if ((j & 1023) == 1023 && sym_interrupt_poll()) {
            *intr = 1;
            ok = 0;
        }
        for (t = 0; t < k && ok; t++) {
            if (A) {
                if (!fmpz_is_zero(fmpz_mat_entry(A, j, t)))
                    ok = nullspace_reconstruct(fmpq_mat_entry(Q, j, t), fmpz_mat_entry(A, j, t), M,
                                               tmp);
            } else if (nmod_mat_entry(K, j, t) != 0) {
                fmpz_set_ui(a, nmod_mat_entry(K, j, t));
                ok = nullspace_reconstruct(fmpq_mat_entry(Q, j, t), a, M, tmp);
            }
        }
    }
    fmpz_clear(tmp);
    fmpz_clear(a);
    if (!ok) {
        fmpq_mat_clear(Q);
        return 0;
    }
    nzrows_init(&P, Q);
    nullspace_scale_cols_primitive(Q, &P);
    ok = nullspace_verify(Z, Q, &P, intr);
    nzrows_clear(&P);
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

int spmat_nullspace_modular_info(fmpq_mat_t N, NullspaceInfo *info, const SpMat *C)
{
    SpZMat Z;
    fmpz_mat_t A;
    fmpz_t M;
    nmod_mat_t K, Kb;
    slong n = C->c, *piv, *bpiv, bk = -1, used = 0, iter, t, j;
    ulong p = UWORD(1) << 62;
    int st = QMAT_OK, done = 0, intr = 0, have_kb = 0;

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
            /* keep this prime's residues as they are (no copy) */
            if (have_kb)
                nmod_mat_clear(Kb);
            *Kb = *K;
            have_kb = 1;
            for (t = 0; t < k; t++)
                bpiv[t] = piv[t];
            fmpz_set_ui(M, p);
            bk = k;
        } else if (k == bk && cmp == 0) {
            if (have_kb) {
                fmpz_mat_clear(A);
                fmpz_mat_init(A, n, k);
                for (j = 0; j < n; j++)
                    for (t = 0; t < k; t++)
                        fmpz_set_ui(fmpz_mat_entry(A, j, t), nmod_mat_entry(Kb, j, t));
                nmod_mat_clear(Kb);
                have_kb = 0;
            }
            for (j = 0; j < n; j++)
                for (t = 0; t < k; t++)
                    fmpz_CRT_ui(fmpz_mat_entry(A, j, t), fmpz_mat_entry(A, j, t), M,
                                nmod_mat_entry(K, j, t), p, 0);
            fmpz_mul_ui(M, M, p);
        }
        if (!restart)
            nmod_mat_clear(K);
        if (restart || cmp == 0)
            done = have_kb ? nullspace_lift(N, NULL, Kb, M, &Z, &intr)
                           : nullspace_lift(N, A, NULL, M, &Z, &intr);
        if (intr) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
    }
    if (have_kb)
        nmod_mat_clear(Kb);
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
