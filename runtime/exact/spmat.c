/* spmat.c — compressed-row sparse rational matrices (see spmat.h). */
#include <stdlib.h>
#include <string.h>
#include "exact/spmat.h"

void spmat_init(SpMat *S, slong ncols)
{
    S->r = 0;
    S->c = ncols < 0 ? 0 : ncols;
    S->nnz = 0;
    S->ptr_alloc = 16;
    S->ptr = flint_malloc(S->ptr_alloc * sizeof(slong));
    S->ptr[0] = 0;
    S->alloc = 0;
    S->col = NULL;
    S->val = NULL;
}

void spmat_clear(SpMat *S)
{
    slong i;
    for (i = 0; i < S->alloc; i++)
        fmpq_clear(S->val + i);
    flint_free(S->val);
    flint_free(S->col);
    flint_free(S->ptr);
}

static int spmat_reserve(SpMat *S, slong extra)
{
    slong need, na, i;
    if (S->r + 2 > S->ptr_alloc) {
        S->ptr_alloc = 2 * S->ptr_alloc + 2;
        S->ptr = flint_realloc(S->ptr, S->ptr_alloc * sizeof(slong));
    }
    if (extra > SPMAT_MAX_NNZ - S->nnz)
        return QMAT_E_TOO_LARGE;
    need = S->nnz + extra;
    if (need <= S->alloc)
        return QMAT_OK;
    na = FLINT_MAX(need, 2 * S->alloc);
    na = FLINT_MIN(na, SPMAT_MAX_NNZ);
    S->col = flint_realloc(S->col, na * sizeof(slong));
    S->val = flint_realloc(S->val, na * sizeof(fmpq));
    for (i = S->alloc; i < na; i++)
        fmpq_init(S->val + i);
    S->alloc = na;
    return QMAT_OK;
}

typedef struct {
    slong col, idx;
} SpEntry;

static int spentry_cmp(const void *a, const void *b)
{
    const SpEntry *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

int spmat_append_row(SpMat *S, const slong *cols, const fmpq *vals, slong len)
{
    SpEntry *e;
    slong t, pos;
    int st;
    if (len < 0)
        return QMAT_E_ARG;
    for (t = 0; t < len; t++)
        if (cols[t] < 0 || cols[t] >= S->c)
            return QMAT_E_ARG;
    if (S->r == WORD_MAX - 2)
        return QMAT_E_TOO_LARGE;
    if ((st = spmat_reserve(S, len)))
        return st;
    e = flint_malloc((len + 1) * sizeof(SpEntry));
    for (t = 0; t < len; t++) {
        e[t].col = cols[t];
        e[t].idx = t;
    }
    qsort(e, len, sizeof(SpEntry), spentry_cmp);
    pos = S->nnz;
    for (t = 0; t < len;) {
        slong c = e[t].col;
        fmpq_set(S->val + pos, vals + e[t].idx);
        for (t++; t < len && e[t].col == c; t++)
            fmpq_add(S->val + pos, S->val + pos, vals + e[t].idx);
        if (!fmpq_is_zero(S->val + pos)) {
            S->col[pos] = c;
            pos++;
        }
    }
    flint_free(e);
    S->nnz = pos;
    S->r++;
    S->ptr[S->r] = pos;
    return QMAT_OK;
}

int spmat_append_row_si(SpMat *S, const slong *cols, const slong *num, slong den, slong len)
{
    fmpq *v;
    slong t;
    int st;
    if (den == 0 || len < 0)
        return QMAT_E_ARG;
    v = _fmpq_vec_init(len + 1);
    for (t = 0; t < len; t++)
        fmpq_set_si(v + t, num[t], (ulong)1);
    if (den != 1) {
        fmpq_t d;
        fmpq_init(d);
        fmpq_set_si(d, den, 1);
        for (t = 0; t < len; t++)
            fmpq_div(v + t, v + t, d);
        fmpq_clear(d);
    }
    st = spmat_append_row(S, cols, v, len);
    _fmpq_vec_clear(v, len + 1);
    return st;
}

int spmat_set_qmat(SpMat *S, const fmpq_mat_t A)
{
    slong i, j, len, *cols;
    fmpq *vals;
    int st = QMAT_OK;
    spmat_clear(S);
    spmat_init(S, A->c);
    cols = flint_malloc((A->c + 1) * sizeof(slong));
    vals = _fmpq_vec_init(A->c + 1);
    for (i = 0; i < A->r && st == QMAT_OK; i++) {
        len = 0;
        for (j = 0; j < A->c; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(A, i, j))) {
                cols[len] = j;
                fmpq_set(vals + len, fmpq_mat_entry(A, i, j));
                len++;
            }
        st = spmat_append_row(S, cols, vals, len);
    }
    _fmpq_vec_clear(vals, A->c + 1);
    flint_free(cols);
    return st;
}

int spmat_get_qmat(fmpq_mat_t A, const SpMat *S)
{
    slong i, t;
    int st = qmat_resize(A, S->r, S->c);
    if (st)
        return st;
    for (i = 0; i < S->r; i++)
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++)
            fmpq_set(fmpq_mat_entry(A, i, S->col[t]), S->val + t);
    return QMAT_OK;
}

int spmat_mul_qmat(fmpq_mat_t Y, const SpMat *S, const fmpq_mat_t X)
{
    fmpq_mat_t T;
    fmpq_t p;
    slong i, j, t;
    if (S->c != X->r)
        return QMAT_E_DIM;
    if (!qmat_size_ok(S->r, X->c))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_init(T, S->r, X->c);
    fmpq_init(p);
    for (i = 0; i < S->r; i++)
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++)
            for (j = 0; j < X->c; j++) {
                fmpq_mul(p, S->val + t, fmpq_mat_entry(X, S->col[t], j));
                fmpq_add(fmpq_mat_entry(T, i, j), fmpq_mat_entry(T, i, j), p);
            }
    fmpq_clear(p);
    fmpq_mat_swap(Y, T);
    fmpq_mat_clear(T);
    return QMAT_OK;
}

void spmat_swap(SpMat *A, SpMat *B)
{
    SpMat t = *A;
    *A = *B;
    *B = t;
}

int spmat_transpose(SpMat *T, const SpMat *S)
{
    SpMat R;
    slong i, t, *pos;
    int st;
    spmat_init(&R, S->r);
    if ((st = spmat_reserve(&R, S->nnz))) {
        spmat_clear(&R);
        return st;
    }
    R.ptr = flint_realloc(R.ptr, (S->c + 2) * sizeof(slong));
    R.ptr_alloc = S->c + 2;
    pos = flint_calloc(S->c + 2, sizeof(slong));
    for (t = 0; t < S->nnz; t++)
        pos[S->col[t] + 1]++;
    for (i = 0; i < S->c; i++)
        pos[i + 1] += pos[i];
    memcpy(R.ptr, pos, (S->c + 1) * sizeof(slong));
    for (i = 0; i < S->r; i++)
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++) {
            slong d = pos[S->col[t]]++;
            R.col[d] = i;
            fmpq_set(R.val + d, S->val + t);
        }
    flint_free(pos);
    R.r = S->c;
    R.nnz = S->nnz;
    spmat_swap(T, &R);
    spmat_clear(&R);
    return QMAT_OK;
}

static int slong_cmp(const void *a, const void *b)
{
    slong x = *(const slong *)a, y = *(const slong *)b;
    return x < y ? -1 : (x > y);
}

int spmat_mul(SpMat *Y, const SpMat *A, const SpMat *B)
{
    SpMat R;
    slong i, s, t, len, n = B->c, *touch;
    fmpq *acc;
    char *mark;
    int st = QMAT_OK;
    if (A->c != B->r)
        return QMAT_E_DIM;
    spmat_init(&R, n);
    acc = _fmpq_vec_init(n + 1);
    touch = flint_malloc((n + 1) * sizeof(slong));
    mark = flint_calloc(n + 1, 1);
    for (i = 0; i < A->r && st == QMAT_OK; i++) {
        if ((i & 255) == 255 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        len = 0;
        for (s = A->ptr[i]; s < A->ptr[i + 1]; s++) {
            slong k = A->col[s];
            for (t = B->ptr[k]; t < B->ptr[k + 1]; t++) {
                slong j = B->col[t];
                if (!mark[j]) {
                    mark[j] = 1;
                    touch[len++] = j;
                }
                fmpq_addmul(acc + j, A->val + s, B->val + t);
            }
        }
        qsort(touch, len, sizeof(slong), slong_cmp);
        if ((st = spmat_reserve(&R, len)) == QMAT_OK) {
            slong pos = R.nnz;
            for (t = 0; t < len; t++) {
                slong j = touch[t];
                if (!fmpq_is_zero(acc + j)) {
                    R.col[pos] = j;
                    fmpq_swap(R.val + pos, acc + j);
                    pos++;
                }
                fmpq_zero(acc + j);
                mark[j] = 0;
            }
            R.nnz = pos;
            R.r++;
            R.ptr[R.r] = pos;
        }
    }
    _fmpq_vec_clear(acc, n + 1);
    flint_free(touch);
    flint_free(mark);
    if (st == QMAT_OK)
        spmat_swap(Y, &R);
    spmat_clear(&R);
    return st;
}

void spmat_rows_primitive(SpMat *S)
{
    fmpz_t l, g;
    slong i, t;
    fmpz_init(l);
    fmpz_init(g);
    for (i = 0; i < S->r; i++) {
        fmpz_one(l);
        fmpz_zero(g);
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++)
            fmpz_lcm(l, l, fmpq_denref(S->val + t));
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++) {
            fmpq *q = S->val + t;
            fmpz_divexact(fmpq_denref(q), l, fmpq_denref(q));
            fmpz_mul(fmpq_numref(q), fmpq_numref(q), fmpq_denref(q));
            fmpz_one(fmpq_denref(q));
            fmpz_gcd(g, g, fmpq_numref(q));
        }
        if (!fmpz_is_zero(g) && !fmpz_is_one(g))
            for (t = S->ptr[i]; t < S->ptr[i + 1]; t++)
                fmpz_divexact(fmpq_numref(S->val + t), fmpq_numref(S->val + t), g);
    }
    fmpz_clear(l);
    fmpz_clear(g);
}
