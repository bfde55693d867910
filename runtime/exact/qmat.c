/* qmat.c — guarded dense rational matrix operations (see qmat.h).
 *
 * Each public function validates shapes and sizes first, works into a
 * temporary, and swaps the result into the output only on success, so
 * outputs may alias inputs and stay valid on error.
 */
#include "exact/qmat.h"

const char *qmat_strerror(int status)
{
    switch (status) {
    case QMAT_OK:
        return "ok";
    case QMAT_E_DIM:
        return "matrix dimensions do not match";
    case QMAT_E_NOT_SQUARE:
        return "matrix is not square";
    case QMAT_E_SINGULAR:
        return "matrix is singular";
    case QMAT_E_NO_SOLUTION:
        return "linear system has no solution";
    case QMAT_E_TOO_LARGE:
        return "matrix too large (more than 2^26 entries)";
    case QMAT_E_INTERRUPTED:
        return "interrupted";
    case QMAT_E_ARG:
        return "invalid argument";
    case QMAT_E_INTERNAL:
        return "internal error: exact check failed";
    default:
        return sym_strerror(status); /* another engine's code */
    }
}

int qmat_size_ok(slong r, slong c)
{
    if (r < 0 || c < 0)
        return 0;
    if (r == 0 || c == 0)
        return 1;
    return r <= QMAT_MAX_ENTRIES / c;
}

static int qmat_check(const fmpq_mat_t A)
{
    return qmat_size_ok(A->r, A->c) ? QMAT_OK : QMAT_E_TOO_LARGE;
}

int qmat_resize(fmpq_mat_t M, slong r, slong c)
{
    fmpq_mat_t T;
    if (r < 0 || c < 0)
        return QMAT_E_ARG;
    if (!qmat_size_ok(r, c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(T, r, c);
    fmpq_mat_swap(M, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

/* Z = A with each row multiplied by the lcm of its denominators. */
static void qmat_get_fmpz_rowwise(fmpz_mat_t Z, const fmpq_mat_t A)
{
    slong i, j;
    fmpz_t l;
    fmpz_init(l);
    for (i = 0; i < A->r; i++) {
        fmpz_one(l);
        for (j = 0; j < A->c; j++)
            fmpz_lcm(l, l, fmpq_mat_entry_den(A, i, j));
        for (j = 0; j < A->c; j++) {
            fmpz_divexact(fmpz_mat_entry(Z, i, j), l, fmpq_mat_entry_den(A, i, j));
            fmpz_mul(fmpz_mat_entry(Z, i, j), fmpz_mat_entry(Z, i, j), fmpq_mat_entry_num(A, i, j));
        }
    }
    fmpz_clear(l);
}

int qmat_rank(slong *rank, const fmpq_mat_t A)
{
    fmpz_mat_t Z;
    int st = qmat_check(A);
    *rank = 0;
    if (st)
        return st;
    if (A->r == 0 || A->c == 0)
        return QMAT_OK;
    fmpz_mat_init(Z, A->r, A->c);
    qmat_get_fmpz_rowwise(Z, A);
    *rank = fmpz_mat_rank(Z);
    fmpz_mat_clear(Z);
    return QMAT_OK;
}

int qmat_rref(fmpq_mat_t R, slong *rank, const fmpq_mat_t A)
{
    fmpq_mat_t T;
    slong rk = 0;
    int st = qmat_check(A);
    if (rank)
        *rank = 0;
    if (st)
        return st;
    fmpq_mat_init(T, A->r, A->c);
    if (A->r > 0 && A->c > 0)
        rk = fmpq_mat_rref(T, A);
    fmpq_mat_swap(R, T);
    fmpq_mat_clear(T);
    if (rank)
        *rank = rk;
    return QMAT_OK;
}

int qmat_det(fmpq_t d, const fmpq_mat_t A)
{
    int st = qmat_check(A);
    if (st)
        return st;
    if (A->r != A->c)
        return QMAT_E_NOT_SQUARE;
    if (A->r == 0)
        fmpq_one(d);
    else
        fmpq_mat_det(d, A);
    return QMAT_OK;
}

int qmat_inv(fmpq_mat_t B, const fmpq_mat_t A)
{
    fmpq_mat_t T;
    int st = qmat_check(A);
    if (st)
        return st;
    if (A->r != A->c)
        return QMAT_E_NOT_SQUARE;
    fmpq_mat_init(T, A->r, A->c);
    if (A->r > 0 && !fmpq_mat_inv(T, A)) {
        fmpq_mat_clear(T);
        return QMAT_E_SINGULAR;
    }
    fmpq_mat_swap(B, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

/* Pivot columns of the r x c matrix R in reduced row echelon form of rank
   rk: piv[i] = column of the leading 1 of row i. */
static void qmat_rref_pivots(slong *piv, const fmpq_mat_t R, slong rk)
{
    slong i, j = 0;
    for (i = 0; i < rk; i++) {
        while (fmpq_is_zero(fmpq_mat_entry(R, i, j)))
            j++;
        piv[i] = j++;
    }
}

int qmat_solve(fmpq_mat_t X, const fmpq_mat_t A, const fmpq_mat_t B)
{
    fmpq_mat_t M, T;
    slong m = A->r, n = A->c, r = B->c, rk = 0, i, j, *piv;
    int st;
    if ((st = qmat_check(A)) || (st = qmat_check(B)))
        return st;
    if (B->r != m)
        return QMAT_E_DIM;
    if (n > WORD_MAX - r || !qmat_size_ok(m, n + r) || !qmat_size_ok(n, r))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(M, m, n + r);
    for (i = 0; i < m; i++) {
        for (j = 0; j < n; j++)
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(A, i, j));
        for (j = 0; j < r; j++)
            fmpq_set(fmpq_mat_entry(M, i, n + j), fmpq_mat_entry(B, i, j));
    }
    if (m > 0 && n + r > 0)
        rk = fmpq_mat_rref(M, M);
    piv = flint_malloc((rk + 1) * sizeof(slong));
    qmat_rref_pivots(piv, M, rk);
    if (rk > 0 && piv[rk - 1] >= n) {
        st = QMAT_E_NO_SOLUTION;
    } else {
        fmpq_mat_init(T, n, r);
        for (i = 0; i < rk; i++)
            for (j = 0; j < r; j++)
                fmpq_set(fmpq_mat_entry(T, piv[i], j), fmpq_mat_entry(M, i, n + j));
        fmpq_mat_swap(X, T);
        fmpq_mat_clear(T);
    }
    flint_free(piv);
    fmpq_mat_clear(M);
    return st;
}

int qmat_colspace(fmpq_mat_t B, const fmpq_mat_t A)
{
    fmpq_mat_t R, T;
    slong rk = 0, i, j, *piv;
    int st = qmat_check(A);
    if (st)
        return st;
    fmpq_mat_init(R, A->r, A->c);
    if (A->r > 0 && A->c > 0)
        rk = fmpq_mat_rref(R, A);
    piv = flint_malloc((rk + 1) * sizeof(slong));
    qmat_rref_pivots(piv, R, rk);
    fmpq_mat_init(T, A->r, rk);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < rk; j++)
            fmpq_set(fmpq_mat_entry(T, i, j), fmpq_mat_entry(A, i, piv[j]));
    fmpq_mat_swap(B, T);
    fmpq_mat_clear(T);
    fmpq_mat_clear(R);
    flint_free(piv);
    return QMAT_OK;
}

int qmat_transpose(fmpq_mat_t B, const fmpq_mat_t A)
{
    fmpq_mat_t T;
    slong i, j;
    int st = qmat_check(A);
    if (st)
        return st;
    fmpq_mat_init(T, A->c, A->r);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            fmpq_set(fmpq_mat_entry(T, j, i), fmpq_mat_entry(A, i, j));
    fmpq_mat_swap(B, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

int qmat_kron(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    fmpq_mat_t T;
    slong i, j, k, l, r, c;
    int st;
    if ((st = qmat_check(A)) || (st = qmat_check(B)))
        return st;
    if (A->r != 0 && B->r > WORD_MAX / A->r)
        return QMAT_E_TOO_LARGE;
    if (A->c != 0 && B->c > WORD_MAX / A->c)
        return QMAT_E_TOO_LARGE;
    r = A->r * B->r;
    c = A->c * B->c;
    if (!qmat_size_ok(r, c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(T, r, c);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++) {
            const fmpq *a = fmpq_mat_entry(A, i, j);
            if (fmpq_is_zero(a))
                continue;
            for (k = 0; k < B->r; k++)
                for (l = 0; l < B->c; l++)
                    fmpq_mul(fmpq_mat_entry(T, i * B->r + k, j * B->c + l), a,
                             fmpq_mat_entry(B, k, l));
        }
    fmpq_mat_swap(C, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

int qmat_mul(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    fmpq_mat_t T;
    int st;
    if ((st = qmat_check(A)) || (st = qmat_check(B)))
        return st;
    if (A->c != B->r)
        return QMAT_E_DIM;
    if (!qmat_size_ok(A->r, B->c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(T, A->r, B->c);
    if (A->r > 0 && B->c > 0 && A->c > 0)
        fmpq_mat_mul(T, A, B);
    fmpq_mat_swap(C, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

static int qmat_addsub(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B, int sub)
{
    fmpq_mat_t T;
    int st;
    if ((st = qmat_check(A)) || (st = qmat_check(B)))
        return st;
    if (A->r != B->r || A->c != B->c)
        return QMAT_E_DIM;
    fmpq_mat_init(T, A->r, A->c);
    if (A->r > 0 && A->c > 0) {
        if (sub)
            fmpq_mat_sub(T, A, B);
        else
            fmpq_mat_add(T, A, B);
    }
    fmpq_mat_swap(C, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

int qmat_add(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    return qmat_addsub(C, A, B, 0);
}

int qmat_sub(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    return qmat_addsub(C, A, B, 1);
}

int qmat_pow(fmpq_mat_t B, const fmpq_mat_t A, slong e)
{
    fmpq_mat_t base, acc;
    ulong u;
    int st = qmat_check(A);
    if (st)
        return st;
    if (A->r != A->c)
        return QMAT_E_NOT_SQUARE;
    fmpq_mat_init(base, A->r, A->c);
    fmpq_mat_init(acc, A->r, A->c);
    fmpq_mat_one(acc);
    if (e < 0) {
        st = qmat_inv(base, A);
        u = -(ulong)e;
    } else {
        fmpq_mat_set(base, A);
        u = (ulong)e;
    }
    while (st == QMAT_OK && u != 0 && A->r > 0) {
        if (sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        if (u & 1)
            fmpq_mat_mul(acc, acc, base);
        u >>= 1;
        if (u)
            fmpq_mat_mul(base, base, base);
    }
    if (st == QMAT_OK)
        fmpq_mat_swap(B, acc);
    fmpq_mat_clear(base);
    fmpq_mat_clear(acc);
    return st;
}

void qmat_scale_rows_primitive(fmpq_mat_t M)
{
    slong i, j, lead;
    fmpz_t l, g;
    fmpz_init(l);
    fmpz_init(g);
    for (i = 0; i < M->r; i++) {
        fmpz_one(l);
        fmpz_zero(g);
        lead = -1;
        for (j = 0; j < M->c; j++) {
            const fmpq *q = fmpq_mat_entry(M, i, j);
            if (fmpq_is_zero(q))
                continue;
            if (lead < 0)
                lead = j;
            fmpz_lcm(l, l, fmpq_denref(q));
        }
        if (lead < 0)
            continue;
        /* numerators times l / den: integers; then divide by their gcd */
        for (j = lead; j < M->c; j++) {
            fmpq *q = fmpq_mat_entry(M, i, j);
            if (fmpq_is_zero(q))
                continue;
            fmpz_divexact(fmpq_denref(q), l, fmpq_denref(q));
            fmpz_mul(fmpq_numref(q), fmpq_numref(q), fmpq_denref(q));
            fmpz_one(fmpq_denref(q));
            fmpz_gcd(g, g, fmpq_numref(q));
        }
        if (fmpz_sgn(fmpq_mat_entry_num(M, i, lead)) < 0)
            fmpz_neg(g, g);
        for (j = lead; j < M->c; j++) {
            fmpq *q = fmpq_mat_entry(M, i, j);
            if (!fmpq_is_zero(q))
                fmpz_divexact(fmpq_numref(q), fmpq_numref(q), g);
        }
    }
    fmpz_clear(l);
    fmpz_clear(g);
}

int qmat_canonicalise_rows(fmpq_mat_t M)
{
    fmpz_mat_t Z, R;
    fmpz_t den;
    slong i, j, rk;
    int st = qmat_check(M);
    if (st)
        return st;
    if (M->r == 0)
        return QMAT_OK;
    if (M->c == 0)
        return QMAT_E_INTERNAL;
    fmpz_mat_init(Z, M->r, M->c);
    fmpz_mat_init(R, M->r, M->c);
    fmpz_init(den);
    qmat_get_fmpz_rowwise(Z, M);
    rk = fmpz_mat_rref(R, den, Z);
    if (rk != M->r) {
        st = QMAT_E_INTERNAL;
    } else {
        for (i = 0; i < M->r; i++)
            for (j = 0; j < M->c; j++)
                fmpq_set_fmpz_frac(fmpq_mat_entry(M, i, j), fmpz_mat_entry(R, i, j), den);
        qmat_scale_rows_primitive(M);
    }
    fmpz_clear(den);
    fmpz_mat_clear(R);
    fmpz_mat_clear(Z);
    return st;
}

int qmat_nullspace_dense(fmpq_mat_t N, const fmpq_mat_t C)
{
    fmpz_mat_t Z, K;
    fmpq_mat_t B;
    slong n = C->c, k, i, j;
    int st = qmat_check(C);
    if (st)
        return st;
    if (!qmat_size_ok(n, n))
        return QMAT_E_TOO_LARGE;
    if (C->r == 0 || n == 0) {
        fmpq_mat_init(B, n, n);
        fmpq_mat_one(B);
        fmpq_mat_swap(N, B);
        fmpq_mat_clear(B);
        return QMAT_OK;
    }
    fmpz_mat_init(Z, C->r, n);
    fmpz_mat_init(K, n, n);
    qmat_get_fmpz_rowwise(Z, C);
    k = fmpz_mat_nullspace(K, Z);
    fmpz_mat_clear(Z);
    fmpq_mat_init(B, k, n);
    for (i = 0; i < k; i++)
        for (j = 0; j < n; j++)
            fmpq_set_fmpz(fmpq_mat_entry(B, i, j), fmpz_mat_entry(K, j, i));
    fmpz_mat_clear(K);
    st = qmat_canonicalise_rows(B);
    if (st == QMAT_OK)
        st = qmat_transpose(N, B);
    fmpq_mat_clear(B);
    return st;
}
