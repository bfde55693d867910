/* nullspace.c — the verified multi-modular kernel and method selection.
 *
 * Per prime: canonical kernel basis mod p (nullspace_modp.c).  Primes are
 * combined by CRT while they agree on the kernel dimension and pivot
 * columns; a prime with a larger kernel (rank drop mod p) or a
 * lexicographically later pivot set is unlucky and skipped, one with a
 * smaller kernel or earlier pivots replaces what was gathered.  After each
 * prime every entry is rationally reconstructed and the primitive integer
 * basis is checked exactly against the integer rows of C.  Everything is
 * sparse (kernel vectors are stored by their nonzeros); the dense-returning
 * functions transpose the sparse result at the end.
 */
#include <string.h>
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

/* A CRT accumulator: residues modulo M of the n x k kernel, by unknown
   (row j: idx/val[ptr[j] .. ptr[j + 1]), increasing idx). */
typedef struct {
    slong n, k, nnz;
    slong *ptr, *idx;
    fmpz *val;
} SpAcc;

static void spacc_clear(SpAcc *A)
{
    flint_free(A->ptr);
    flint_free(A->idx);
    if (A->val)
        _fmpz_vec_clear(A->val, A->nnz + 1);
    memset(A, 0, sizeof *A);
}

/* B = the residues of A modulo M combined with those of K modulo p (the
   union of the patterns; a missing entry is residue 0). */
static void spacc_crt(SpAcc *B, const SpAcc *A, const fmpz_t M, const SpKer *K)
{
    slong j, a, e, nnz = 0, bound = A->nnz + K->nnz;
    fmpz_t zero;
    fmpz_init(zero);
    B->n = A->n;
    B->k = A->k;
    B->ptr = flint_malloc((A->n + 1) * sizeof(slong));
    B->idx = flint_malloc((bound + 1) * sizeof(slong));
    B->val = _fmpz_vec_init(bound + 1);
    for (j = 0; j < A->n; j++) {
        slong ea = A->ptr[j + 1], ek = K->start[j] + K->len[j];
        B->ptr[j] = nnz;
        a = A->ptr[j];
        e = K->start[j];
        while (a < ea || e < ek) {
            slong ia = a < ea ? A->idx[a] : WORD_MAX, ik = e < ek ? K->idx[e] : WORD_MAX;
            slong u = FLINT_MIN(ia, ik);
            ulong r = ik == u ? K->val[e] : 0;
            fmpz_CRT_ui(B->val + nnz, ia == u ? A->val + a : zero, M, r, K->p, 0);
            if (!fmpz_is_zero(B->val + nnz))
                B->idx[nnz++] = u;
            a += ia == u;
            e += ik == u;
        }
    }
    B->ptr[A->n] = nnz;
    B->nnz = bound; /* slots allocated in val */
    fmpz_clear(zero);
}

/* A = the residues of K (one prime). */
static void spacc_from_spker(SpAcc *A, const SpKer *K)
{
    slong j, e, nnz = 0;
    A->n = K->n;
    A->k = K->k;
    A->ptr = flint_malloc((K->n + 1) * sizeof(slong));
    A->idx = flint_malloc((K->nnz + 1) * sizeof(slong));
    A->val = _fmpz_vec_init(K->nnz + 1);
    for (j = 0; j < K->n; j++) {
        A->ptr[j] = nnz;
        for (e = K->start[j]; e < K->start[j] + K->len[j]; e++) {
            A->idx[nnz] = K->idx[e];
            fmpz_set_ui(A->val + nnz++, K->val[e]);
        }
    }
    A->ptr[K->n] = nnz;
    A->nnz = K->nnz;
}

/* 1 when every row of Z kills every column of the integer n x k matrix Q
   (sparse by unknown, denominators one).  Only the nonzeros are visited:
   kernel bases of equivariance constraints are sparse. */
static int nullspace_verify(const SpZMat *Z, const SpMat *Q, int *intr)
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
            for (s = Q->ptr[c]; s < Q->ptr[c + 1]; s++) {
                u = Q->col[s];
                if (!mark[u]) {
                    mark[u] = 1;
                    touch[ntouch++] = u;
                }
                fmpz_addmul(acc + u, fmpq_numref(Q->val + s), Z->val + t);
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

/* Scale each column of Q (n x k, sparse by row) by the positive rational
   that makes it a primitive integer vector whose first nonzero entry is
   positive (the pivot, 1 in the echelon form). */
static void nullspace_scale_cols_primitive(SpMat *Q)
{
    slong k = Q->c, j, s, t;
    fmpz *l = _fmpz_vec_init(k + 1), *g = _fmpz_vec_init(k + 1);
    slong *lead = flint_malloc((k + 1) * sizeof(slong));
    for (t = 0; t < k; t++) {
        fmpz_one(l + t);
        lead[t] = -1;
    }
    for (j = 0; j < Q->r; j++)
        for (s = Q->ptr[j]; s < Q->ptr[j + 1]; s++) {
            t = Q->col[s];
            if (lead[t] < 0)
                lead[t] = s;
            if (!fmpz_is_one(fmpq_denref(Q->val + s)))
                fmpz_lcm(l + t, l + t, fmpq_denref(Q->val + s));
        }
    for (j = 0; j < Q->r; j++)
        for (s = Q->ptr[j]; s < Q->ptr[j + 1]; s++) {
            fmpq *q = Q->val + s;
            t = Q->col[s];
            if (!fmpz_is_one(l + t)) {
                fmpz_divexact(fmpq_denref(q), l + t, fmpq_denref(q));
                fmpz_mul(fmpq_numref(q), fmpq_numref(q), fmpq_denref(q));
                fmpz_one(fmpq_denref(q));
            }
            fmpz_gcd(g + t, g + t, fmpq_numref(q));
        }
    for (t = 0; t < k; t++)
        if (lead[t] >= 0 && fmpz_sgn(fmpq_numref(Q->val + lead[t])) < 0)
            fmpz_neg(g + t, g + t);
    for (j = 0; j < Q->r; j++)
        for (s = Q->ptr[j]; s < Q->ptr[j + 1]; s++) {
            t = Q->col[s];
            if (!fmpz_is_one(g + t))
                fmpz_divexact(fmpq_numref(Q->val + s), fmpq_numref(Q->val + s), g + t);
        }
    _fmpz_vec_clear(l, k + 1);
    _fmpz_vec_clear(g, k + 1);
    flint_free(lead);
}

/* From residues mod M: the CRT accumulator A, or, while only one prime
   p = M was gathered, K itself (A == NULL): reconstruct, make the kernel
   vectors primitive, verify.  On success Nt receives the k x n result
   (kernel vectors as rows) and 1 is returned. */
static int nullspace_lift(SpMat *Nt, const SpAcc *A, const SpKer *K, const fmpz_t M,
                          const SpZMat *Z, int *intr)
{
    slong n = K ? K->n : A->n, k = K ? K->k : A->k, j, e, len;
    SpMat Q;
    fmpz_t tmp, a;
    slong *cols = flint_malloc((k + 1) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(k + 1);
    int ok = 1;
    spmat_init(&Q, k);
    fmpz_init(tmp);
    fmpz_init(a);
    for (j = 0; j < n && ok; j++) {
        if ((j & 1023) == 1023 && sym_interrupt_poll()) {
            *intr = 1;
            ok = 0;
            break;
        }
        len = 0;
        if (A) {
            for (e = A->ptr[j]; e < A->ptr[j + 1] && ok; e++) {
                cols[len] = A->idx[e];
                ok = nullspace_reconstruct(vals + len++, A->val + e, M, tmp);
            }
        } else {
            for (e = K->start[j]; e < K->start[j] + K->len[j] && ok; e++) {
                cols[len] = K->idx[e];
                fmpz_set_ui(a, K->val[e]);
                ok = nullspace_reconstruct(vals + len++, a, M, tmp);
            }
        }
        if (ok && spmat_append_row(&Q, cols, vals, len) != QMAT_OK)
            ok = 0;
    }
    fmpz_clear(tmp);
    fmpz_clear(a);
    flint_free(cols);
    _fmpq_vec_clear(vals, k + 1);
    if (ok) {
        nullspace_scale_cols_primitive(&Q);
        ok = nullspace_verify(Z, &Q, intr);
    }
    if (ok && spmat_transpose(Nt, &Q) != QMAT_OK)
        ok = 0;
    spmat_clear(&Q);
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

/* Nt (k x n) = the rows of N^T (n x k dense). */
static int nullspace_rows_from_dense(SpMat *Nt, const fmpq_mat_t N)
{
    fmpq_mat_t T;
    SpMat R;
    int st;
    fmpq_mat_init(T, N->c, N->r);
    fmpq_mat_transpose(T, N);
    spmat_init(&R, N->r);
    st = spmat_set_qmat(&R, T);
    fmpq_mat_clear(T);
    if (st == QMAT_OK)
        spmat_swap(Nt, &R);
    spmat_clear(&R);
    return st;
}

/* N (n x k dense) = the transpose of Nt (k x n rows). */
static int nullspace_dense_from_rows(fmpq_mat_t N, const SpMat *Nt)
{
    fmpq_mat_t R;
    slong t, s;
    if (!qmat_size_ok(Nt->c, Nt->r))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(R, Nt->c, Nt->r);
    for (t = 0; t < Nt->r; t++)
        for (s = Nt->ptr[t]; s < Nt->ptr[t + 1]; s++)
            fmpq_set(fmpq_mat_entry(R, Nt->col[s], t), Nt->val + s);
    fmpq_mat_swap(N, R);
    fmpq_mat_clear(R);
    return QMAT_OK;
}

static int nullspace_dense_fallback(SpMat *Nt, const SpMat *C)
{
    fmpq_mat_t D, N;
    int st;
    if (!qmat_size_ok(C->r, C->c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(D, 0, 0);
    fmpq_mat_init(N, 0, 0);
    st = spmat_get_qmat(D, C);
    if (st == QMAT_OK)
        st = qmat_nullspace_dense(N, D);
    if (st == QMAT_OK)
        st = nullspace_rows_from_dense(Nt, N);
    fmpq_mat_clear(D);
    fmpq_mat_clear(N);
    return st;
}

int spmat_nullspace_modular_rows(SpMat *Nt, NullspaceInfo *info, const SpMat *C)
{
    SpZMat Z;
    SpAcc A;
    fmpz_t M;
    SpKer K, Kb;
    slong n = C->c, *piv, *bpiv, bk = -1, used = 0, iter, t;
    ulong p = UWORD(1) << 62;
    int st = QMAT_OK, done = 0, intr = 0, have_kb = 0, have_a = 0;

    if (info) {
        info->rank = 0;
        info->primes = 0;
        info->dense = 0;
    }
    spzmat_init_from_spmat(&Z, C);
    piv = flint_malloc((n + 1) * sizeof(slong));
    bpiv = flint_malloc((n + 1) * sizeof(slong));
    memset(&A, 0, sizeof A);
    fmpz_init(M);
    for (iter = 0; iter < NULLSPACE_MAX_PRIMES && !done; iter++) {
        slong k;
        int restart, cmp;
        p = n_nextprime(p, 1);
        st = nullspace_modp_kernel(&K, piv, &Z, p);
        if (st != QMAT_OK)
            break;
        used++;
        k = K.k;
        cmp = bk == k ? nullspace_pivcmp(piv, bpiv, k) : 0;
        restart = bk < 0 || k < bk || (k == bk && cmp < 0);
        if (restart) {
            /* keep this prime's residues as they are (no copy) */
            if (have_kb)
                spker_clear(&Kb);
            if (have_a)
                spacc_clear(&A);
            have_a = 0;
            Kb = K;
            have_kb = 1;
            for (t = 0; t < k; t++)
                bpiv[t] = piv[t];
            fmpz_set_ui(M, p);
            bk = k;
        } else if (k == bk && cmp == 0) {
            SpAcc B;
            if (have_kb) {
                spacc_from_spker(&A, &Kb);
                spker_clear(&Kb);
                have_kb = 0;
                have_a = 1;
            }
            spacc_crt(&B, &A, M, &K);
            spacc_clear(&A);
            A = B;
            fmpz_mul_ui(M, M, p);
        }
        if (!restart)
            spker_clear(&K);
        if (restart || cmp == 0)
            done = have_kb ? nullspace_lift(Nt, NULL, &Kb, M, &Z, &intr)
                           : nullspace_lift(Nt, &A, NULL, M, &Z, &intr);
        if (intr) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
    }
    if (have_kb)
        spker_clear(&Kb);
    if (have_a)
        spacc_clear(&A);
    if (info) {
        info->rank = n - bk;
        info->primes = used;
    }
    fmpz_clear(M);
    flint_free(piv);
    flint_free(bpiv);
    spzmat_clear(&Z);
    if (st == QMAT_OK && !done) {
        if (info)
            info->dense = 1;
        st = nullspace_dense_fallback(Nt, C);
        if (info && st == QMAT_OK)
            info->rank = n - Nt->r;
    }
    return st;
}

int spmat_nullspace_rows(SpMat *Nt, const SpMat *C)
{
    if (C->r <= 4 && C->c <= 4)
        return nullspace_dense_fallback(Nt, C);
    if (spmat_is_equalities(C))
        return spmat_nullspace_classes_rows(Nt, C);
    return spmat_nullspace_modular_rows(Nt, NULL, C);
}

/* Dense results from the sparse ones (N unchanged on error). */
static int nullspace_dense_of(fmpq_mat_t N, const SpMat *C,
                              int (*f)(SpMat *, NullspaceInfo *, const SpMat *),
                              NullspaceInfo *info)
{
    SpMat Nt;
    int st;
    spmat_init(&Nt, C->c);
    st = f(&Nt, info, C);
    if (st == QMAT_OK)
        st = nullspace_dense_from_rows(N, &Nt);
    spmat_clear(&Nt);
    return st;
}

static int nullspace_rows_any(SpMat *Nt, NullspaceInfo *info, const SpMat *C)
{
    (void)info;
    return spmat_nullspace_rows(Nt, C);
}

static int nullspace_rows_classes(SpMat *Nt, NullspaceInfo *info, const SpMat *C)
{
    (void)info;
    return spmat_nullspace_classes_rows(Nt, C);
}

int spmat_nullspace_modular_info(fmpq_mat_t N, NullspaceInfo *info, const SpMat *C)
{
    return nullspace_dense_of(N, C, spmat_nullspace_modular_rows, info);
}

int spmat_nullspace_modular(fmpq_mat_t N, const SpMat *C)
{
    return nullspace_dense_of(N, C, spmat_nullspace_modular_rows, NULL);
}

int spmat_nullspace(fmpq_mat_t N, const SpMat *C)
{
    return nullspace_dense_of(N, C, nullspace_rows_any, NULL);
}

int spmat_nullspace_classes(fmpq_mat_t N, const SpMat *C)
{
    return nullspace_dense_of(N, C, nullspace_rows_classes, NULL);
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
