/* rep_tensor.c — symmetric and exterior powers: the multi-index bases, the
 * derivation (Lie algebra) and power (group) matrices.  The sym^k / wedge^k
 * representation constructors (rep.c) are built on these. */
#include <stdio.h>
#include <string.h>

#include "lie/rep.h"

/* Number of multisets (strict = 0) or subsets (strict = 1) of size k from
   d elements, or -1 if above limit. */
static slong count_indices(slong d, slong k, int strict, slong limit)
{
    slong top = strict ? d : d + k - 1, i;
    fmpz_t c;
    slong r;
    if (d < 0 || k < 0)
        return -1;
    if (k == 0)
        return 1;
    if (top < k)
        return 0;
    if (top - k < k)
        k = top - k; /* C(top, k) = C(top, top - k) */
    fmpz_init(c);
    fmpz_one(c);
    /* C(top, k) built incrementally: after step i, c = C(top - k + i, i),
       increasing in i, so stop once it exceeds the limit */
    for (i = 1; i <= k && fmpz_cmp_si(c, limit) <= 0; i++) {
        fmpz_mul_ui(c, c, (ulong)(top - k + i));
        fmpz_divexact_ui(c, c, (ulong)i);
    }
    r = fmpz_cmp_si(c, limit) > 0 ? -1 : fmpz_get_si(c);
    fmpz_clear(c);
    return r;
}

slong rep_sym_dim(slong d, slong k)
{
    return count_indices(d, k, 0, REP_MAX_IMPLICIT_DIM);
}
slong rep_wedge_dim(slong d, slong k)
{
    return count_indices(d, k, 1, REP_MAX_IMPLICIT_DIM);
}

/* The sorted multi-indices of length k over 0..d-1 in lexicographic order,
   flat: index t is idx[t*k .. t*k+k-1]. */
typedef struct {
    slong d, k, count;
    int strict;
    slong *idx;
} MultiIndex;

/* count must already be known valid (count_indices >= 0). */
static void mi_init(MultiIndex *M, slong d, slong k, int strict, slong count)
{
    slong t, p, *cur;
    M->d = d;
    M->k = k;
    M->strict = strict;
    M->count = count;
    M->idx = flint_malloc((count * k + 1) * sizeof(slong));
    cur = flint_malloc((k + 1) * sizeof(slong));
    for (p = 0; p < k; p++)
        cur[p] = strict ? p : 0;
    for (t = 0; t < count; t++) {
        memcpy(M->idx + t * k, cur, k * sizeof(slong));
        /* next: rightmost position that can grow */
        for (p = k - 1; p >= 0; p--) {
            slong maxv = strict ? d - k + p : d - 1;
            if (cur[p] < maxv)
                break;
        }
        if (p < 0)
            break;
        cur[p]++;
        for (p = p + 1; p < k; p++)
            cur[p] = strict ? cur[p - 1] + 1 : cur[p - 1];
    }
    flint_free(cur);
}

static void mi_clear(MultiIndex *M)
{
    flint_free(M->idx);
}

/* Position of the sorted index a (length k) by binary search. */
static slong mi_find(const MultiIndex *M, const slong *a)
{
    slong lo = 0, hi = M->count - 1, mid, p, c;
    while (lo <= hi) {
        mid = (lo + hi) / 2;
        c = 0;
        for (p = 0; p < M->k && c == 0; p++) {
            slong x = M->idx[mid * M->k + p];
            c = (x < a[p]) ? -1 : (x > a[p]);
        }
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Sort a (length k) by insertion; return the sign of the permutation
   (+1 / -1), or 0 if two entries are equal. */
static int sort_sign(slong *a, slong k)
{
    slong i, j, t;
    int s = 1;
    for (i = 1; i < k; i++)
        for (j = i; j > 0 && a[j - 1] >= a[j]; j--) {
            if (a[j - 1] == a[j])
                return 0;
            t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
            s = -s;
        }
    return s;
}

static void sort_plain(slong *a, slong k)
{
    slong i, j, t;
    for (i = 1; i < k; i++)
        for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
            t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
        }
}

static int check_power_args(const fmpq_mat_t A, slong k, int strict, slong *count, const char *what,
                            char *err)
{
    slong d = fmpq_mat_nrows(A);
    if (fmpq_mat_ncols(A) != d) {
        algebra_set_error(err, "%s: matrix is not square", what);
        return ALG_ERR_ARG;
    }
    if (k < 1 || (strict && k > d)) {
        if (strict)
            algebra_set_error(err, "%s: power %ld out of range 1..%ld", what, (long)k, (long)d);
        else
            algebra_set_error(err, "%s: power %ld must be >= 1", what, (long)k);
        return ALG_ERR_ARG;
    }
    *count = count_indices(d, k, strict, REP_MAX_DIM);
    if (*count < 0) {
        algebra_set_error(err, "%s: dimension exceeds %d", what, REP_MAX_DIM);
        return ALG_ERR_LIMIT;
    }
    return ALG_OK;
}

/* Derivation matrix on sym^k (strict = 0) or wedge^k (strict = 1). */
static int power_derivation(fmpq_mat_t out, const fmpq_mat_t A, slong k, int strict, char *err)
{
    slong count, col, t, l, row, d = fmpq_mat_nrows(A), *a;
    MultiIndex M;
    fmpq_mat_t R;
    int st, s;
    st = check_power_args(A, k, strict, &count, strict ? "wedge" : "sym", err);
    if (st != ALG_OK)
        return st;
    mi_init(&M, d, k, strict, count);
    fmpq_mat_init(R, count, count);
    a = flint_malloc((k + 1) * sizeof(slong));
    for (col = 0; col < count; col++)
        for (t = 0; t < k; t++) {
            slong it = M.idx[col * k + t];
            for (l = 0; l < d; l++) {
                const fmpq *c = fmpq_mat_entry(A, l, it);
                if (fmpq_is_zero(c))
                    continue;
                memcpy(a, M.idx + col * k, k * sizeof(slong));
                a[t] = l;
                if (strict) {
                    s = sort_sign(a, k);
                    if (s == 0)
                        continue;
                } else {
                    s = 1;
                    sort_plain(a, k);
                }
                row = mi_find(&M, a);
                if (s > 0)
                    fmpq_add(fmpq_mat_entry(R, row, col), fmpq_mat_entry(R, row, col), c);
                else
                    fmpq_sub(fmpq_mat_entry(R, row, col), fmpq_mat_entry(R, row, col), c);
            }
        }
    flint_free(a);
    mi_clear(&M);
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
    return ALG_OK;
}

int rep_sym_derivation(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err)
{
    return power_derivation(out, A, k, 0, err);
}

int rep_wedge_derivation(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err)
{
    return power_derivation(out, A, k, 1, err);
}

int rep_wedge_power(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err)
{
    slong count, row, col, p, q, d = fmpq_mat_nrows(A);
    MultiIndex M;
    fmpq_mat_t R, sub;
    int st = check_power_args(A, k, 1, &count, "wedge", err);
    if (st != ALG_OK)
        return st;
    mi_init(&M, d, k, 1, count);
    fmpq_mat_init(R, count, count);
    fmpq_mat_init(sub, k, k);
    /* entry (J, I) = det A[J, I] (Cauchy-Binet) */
    for (row = 0; row < count; row++)
        for (col = 0; col < count; col++) {
            for (p = 0; p < k; p++)
                for (q = 0; q < k; q++)
                    fmpq_set(fmpq_mat_entry(sub, p, q),
                             fmpq_mat_entry(A, M.idx[row * k + p], M.idx[col * k + q]));
            fmpq_mat_det(fmpq_mat_entry(R, row, col), sub);
        }
    fmpq_mat_clear(sub);
    mi_clear(&M);
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
    return ALG_OK;
}

int rep_sym_power(fmpq_mat_t out, const fmpq_mat_t A, slong k, char *err)
{
    slong count, col, t, p, l, m, d = fmpq_mat_nrows(A), *a;
    MultiIndex *M; /* M[t]: degree-t monomials, t = 0..k */
    fmpq *cur, *nxt;
    fmpq_mat_t R;
    fmpq_t c;
    int st = check_power_args(A, k, 0, &count, "sym", err);
    if (st != ALG_OK)
        return st;
    M = flint_malloc((k + 1) * sizeof(MultiIndex));
    for (t = 0; t <= k; t++)
        mi_init(M + t, d, t, 0, count_indices(d, t, 0, REP_MAX_DIM));
    fmpq_mat_init(R, count, count);
    a = flint_malloc((k + 1) * sizeof(slong));
    cur = _fmpq_vec_init(count + 1);
    nxt = _fmpq_vec_init(count + 1);
    fmpq_init(c);
    /* column I = coefficients of prod_t (A e_{i_t}) expanded in monomials */
    for (col = 0; col < count; col++) {
        const slong *I = M[k].idx + col * k;
        for (m = 0; m <= count; m++)
            fmpq_zero(cur + m);
        fmpq_one(cur + 0); /* degree 0: the empty monomial */
        for (t = 1; t <= k; t++) {
            for (m = 0; m < M[t].count; m++)
                fmpq_zero(nxt + m);
            for (m = 0; m < M[t - 1].count; m++) {
                if (fmpq_is_zero(cur + m))
                    continue;
                for (l = 0; l < d; l++) {
                    const fmpq *h = fmpq_mat_entry(A, l, I[t - 1]);
                    if (fmpq_is_zero(h))
                        continue;
                    for (p = 0; p < t - 1; p++)
                        a[p] = M[t - 1].idx[m * (t - 1) + p];
                    a[t - 1] = l;
                    sort_plain(a, t);
                    fmpq_mul(c, cur + m, h);
                    p = mi_find(M + t, a);
                    fmpq_add(nxt + p, nxt + p, c);
                }
            }
            for (m = 0; m < M[t].count; m++)
                fmpq_swap(cur + m, nxt + m);
        }
        for (m = 0; m < count; m++)
            fmpq_set(fmpq_mat_entry(R, m, col), cur + m);
    }
    fmpq_clear(c);
    _fmpq_vec_clear(cur, count + 1);
    _fmpq_vec_clear(nxt, count + 1);
    flint_free(a);
    for (t = 0; t <= k; t++)
        mi_clear(M + t);
    flint_free(M);
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
    return ALG_OK;
}

int rep_power_derivation_sparse(SpMat *out, const SpMat *A, slong k, int strict, char *err)
{
    slong d = A->r, count, col, t, s, row, *a, *cols, *start, *fill, i;
    const char *what = strict ? "wedge" : "sym";
    MultiIndex M;
    SpMat R;
    int st = ALG_OK, sg;
    if (A->c != d || k < 1 || (strict && k > d)) {
        algebra_set_error(err, "%s: bad power %ld of a %ldx%ld matrix", what, (long)k, (long)A->r,
                          (long)A->c);
        return ALG_ERR_ARG;
    }
    count = count_indices(d, k, strict, REP_MAX_IMPLICIT_DIM);
    if (count < 0 || count > SPMAT_MAX_NNZ / k) {
        algebra_set_error(err,
                          "%s^%ld of dimension %ld: the multi-index basis exceeds the size limit",
                          what, (long)k, (long)d);
        return ALG_ERR_LIMIT;
    }
    /* A by columns: start[l] .. start[l+1] in fill (row indices) */
    start = flint_calloc(d + 2, sizeof(slong));
    for (t = 0; t < A->nnz; t++)
        start[A->col[t] + 1]++;
    for (i = 0; i < d; i++)
        start[i + 1] += start[i];
    fill = flint_malloc((A->nnz + 1) * sizeof(slong));
    {
        slong *pos = flint_malloc((d + 1) * sizeof(slong));
        memcpy(pos, start, d * sizeof(slong));
        for (i = 0; i < d; i++)
            for (t = A->ptr[i]; t < A->ptr[i + 1]; t++)
                fill[pos[A->col[t]]++] = t; /* entry index; its row is i */
        flint_free(pos);
    }
    /* row of each stored entry */
    slong *erow = flint_malloc((A->nnz + 1) * sizeof(slong));
    for (i = 0; i < d; i++)
        for (t = A->ptr[i]; t < A->ptr[i + 1]; t++)
            erow[t] = i;
    mi_init(&M, d, k, strict, count);
    a = flint_malloc((k + 1) * sizeof(slong));
    /* the transpose first: row `col` of R holds column col of the result */
    spmat_init(&R, count);
    slong maxlen = 0;
    for (i = 0; i < d; i++)
        maxlen = FLINT_MAX(maxlen, start[i + 1] - start[i]);
    cols = flint_malloc((k * maxlen + 1) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(k * maxlen + 1);
    for (col = 0; col < count && st == ALG_OK; col++) {
        slong len = 0;
        for (t = 0; t < k; t++) {
            slong it = M.idx[col * k + t];
            for (s = start[it]; s < start[it + 1]; s++) {
                slong e = fill[s], l = erow[e];
                memcpy(a, M.idx + col * k, k * sizeof(slong));
                a[t] = l;
                if (strict) {
                    sg = sort_sign(a, k);
                    if (sg == 0)
                        continue;
                } else {
                    sg = 1;
                    sort_plain(a, k);
                }
                row = mi_find(&M, a);
                cols[len] = row;
                if (sg > 0)
                    fmpq_set(vals + len, A->val + e);
                else
                    fmpq_neg(vals + len, A->val + e);
                len++;
            }
        }
        if (spmat_append_row(&R, cols, vals, len) != QMAT_OK) {
            algebra_set_error(err, "%s^%ld of dimension %ld: more than %ld nonzeros", what, (long)k,
                              (long)d, (long)SPMAT_MAX_NNZ);
            st = ALG_ERR_LIMIT;
        }
    }
    _fmpq_vec_clear(vals, k * maxlen + 1);
    flint_free(cols);
    flint_free(a);
    flint_free(erow);
    flint_free(fill);
    flint_free(start);
    mi_clear(&M);
    if (st == ALG_OK) {
        /* transpose R into out */
        slong *cnt = flint_calloc(count + 2, sizeof(slong)), *ord;
        for (t = 0; t < R.nnz; t++)
            cnt[R.col[t] + 1]++;
        for (i = 0; i < count; i++)
            cnt[i + 1] += cnt[i];
        ord = flint_malloc((R.nnz + 1) * sizeof(slong));
        slong *rr = flint_malloc((R.nnz + 1) * sizeof(slong));
        for (i = 0; i < count; i++)
            for (t = R.ptr[i]; t < R.ptr[i + 1]; t++) {
                ord[cnt[R.col[t]]] = t;
                rr[cnt[R.col[t]]++] = i;
            }
        /* cnt[i] now = end of row i; rows start at cnt[i-1] (0 for i = 0) */
        spmat_clear(out);
        spmat_init(out, count);
        slong lo = 0, mx = 0;
        for (i = 0; i < count; i++) {
            mx = FLINT_MAX(mx, cnt[i] - lo);
            lo = cnt[i];
        }
        slong *c2 = flint_malloc((mx + 1) * sizeof(slong));
        fmpq *v2 = _fmpq_vec_init(mx + 1);
        lo = 0;
        for (i = 0; i < count && st == ALG_OK; i++) {
            slong len = cnt[i] - lo;
            for (t = 0; t < len; t++) {
                c2[t] = rr[lo + t];
                fmpq_set(v2 + t, R.val + ord[lo + t]);
            }
            if (spmat_append_row(out, c2, v2, len) != QMAT_OK) {
                algebra_set_error(err, "%s: more than %ld nonzeros", what, (long)SPMAT_MAX_NNZ);
                st = ALG_ERR_LIMIT;
            }
            lo = cnt[i];
        }
        _fmpq_vec_clear(v2, mx + 1);
        flint_free(c2);
        flint_free(rr);
        flint_free(ord);
        flint_free(cnt);
    }
    spmat_clear(&R);
    return st;
}

/* out = R^T, R having ncols columns (R is borrowed). */
static int transpose_rows(SpMat *out, const SpMat *R, slong ncols, const char *what, char *err)
{
    slong t, i, *cnt = flint_calloc(ncols + 2, sizeof(slong)), *ord, *rr, lo = 0, mx = 0;
    int st = ALG_OK;
    for (t = 0; t < R->nnz; t++)
        cnt[R->col[t] + 1]++;
    for (i = 0; i < ncols; i++)
        cnt[i + 1] += cnt[i];
    ord = flint_malloc((R->nnz + 1) * sizeof(slong));
    rr = flint_malloc((R->nnz + 1) * sizeof(slong));
    for (i = 0; i < R->r; i++)
        for (t = R->ptr[i]; t < R->ptr[i + 1]; t++) {
            ord[cnt[R->col[t]]] = t;
            rr[cnt[R->col[t]]++] = i;
        }
    for (i = 0; i < ncols; i++) {
        mx = FLINT_MAX(mx, cnt[i] - lo);
        lo = cnt[i];
    }
    fmpq *v = _fmpq_vec_init(mx + 1);
    spmat_clear(out);
    spmat_init(out, R->r);
    lo = 0;
    for (i = 0; i < ncols && st == ALG_OK; i++) {
        for (t = lo; t < cnt[i]; t++)
            fmpq_set(v + t - lo, R->val + ord[t]);
        if (spmat_append_row(out, rr + lo, v, cnt[i] - lo) != QMAT_OK) {
            algebra_set_error(err, "%s: more than %ld nonzeros", what, (long)SPMAT_MAX_NNZ);
            st = ALG_ERR_LIMIT;
        }
        lo = cnt[i];
    }
    _fmpq_vec_clear(v, mx + 1);
    flint_free(rr);
    flint_free(ord);
    flint_free(cnt);
    return st;
}

int rep_power_group_sparse(SpMat *out, const SpMat *A, slong k, int strict, char *err)
{
    slong d = A->r, count, t, i, s, total = 0, maxc = 1, made = 0;
    const char *what = strict ? "wedge" : "sym";
    int st = ALG_OK;
    if (A->c != d || k < 1 || (strict && k > d)) {
        algebra_set_error(err, "%s: bad power %ld of a %ldx%ld matrix", what, (long)k, (long)A->r,
                          (long)A->c);
        return ALG_ERR_ARG;
    }
    count = count_indices(d, k, strict, REP_MAX_IMPLICIT_DIM);
    MultiIndex *M = flint_malloc((k + 1) * sizeof(MultiIndex));
    for (t = 0; t <= k && st == ALG_OK; t++) {
        slong ct = count_indices(d, t, strict, REP_MAX_IMPLICIT_DIM);
        if (ct < 0 || ct > SPMAT_MAX_NNZ / (t + 1) || (total += ct * (t + 1)) > SPMAT_MAX_NNZ) {
            algebra_set_error(err,
                              "%s^%ld of dimension %ld: the multi-index bases exceed the size "
                              "limit",
                              what, (long)k, (long)d);
            st = ALG_ERR_LIMIT;
            break;
        }
        mi_init(M + t, d, t, strict, ct);
        maxc = FLINT_MAX(maxc, ct);
        made++;
    }
    if (st != ALG_OK) {
        for (t = 0; t < made; t++)
            mi_clear(M + t);
        flint_free(M);
        return st;
    }
    /* A by columns: entries fill[start[l] .. start[l+1]) of column l */
    slong *start = flint_calloc(d + 2, sizeof(slong)), *fill, *erow, *pos;
    for (t = 0; t < A->nnz; t++)
        start[A->col[t] + 1]++;
    for (i = 0; i < d; i++)
        start[i + 1] += start[i];
    fill = flint_malloc((A->nnz + 1) * sizeof(slong));
    erow = flint_malloc((A->nnz + 1) * sizeof(slong));
    pos = flint_malloc((d + 1) * sizeof(slong));
    memcpy(pos, start, d * sizeof(slong));
    for (i = 0; i < d; i++)
        for (t = A->ptr[i]; t < A->ptr[i + 1]; t++) {
            fill[pos[A->col[t]]++] = t;
            erow[t] = i;
        }
    flint_free(pos);
    /* two sparse accumulators (degree t - 1 and t): values, touched lists */
    fmpq *acc[2] = {_fmpq_vec_init(maxc + 1), _fmpq_vec_init(maxc + 1)};
    slong *touched[2] = {flint_malloc((maxc + 1) * sizeof(slong)),
                         flint_malloc((maxc + 1) * sizeof(slong))};
    char *mark[2] = {flint_calloc(maxc + 1, 1), flint_calloc(maxc + 1, 1)};
    slong ntouch[2] = {0, 0}, *a = flint_malloc((k + 1) * sizeof(slong));
    slong *cols = flint_malloc((maxc + 1) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(maxc + 1);
    fmpq_t c;
    fmpq_init(c);
    SpMat R; /* row `col` = column col of the result */
    spmat_init(&R, count);
    for (slong col = 0; col < count && st == ALG_OK; col++) {
        const slong *I = M[k].idx + col * k;
        int cu = 0;
        ntouch[cu] = 1;
        touched[cu][0] = 0;
        mark[cu][0] = 1;
        fmpq_one(acc[cu] + 0);
        /* column I = prod_t A e_{i_t}, expanded on the degree-t bases */
        for (t = 1; t <= k; t++) {
            int nx = 1 - cu;
            for (slong u = 0; u < ntouch[cu]; u++) {
                slong m = touched[cu][u];
                if (fmpq_is_zero(acc[cu] + m))
                    continue;
                for (s = start[I[t - 1]]; s < start[I[t - 1] + 1]; s++) {
                    slong e = fill[s], p, q;
                    int sg = 1;
                    for (q = 0; q < t - 1; q++)
                        a[q] = M[t - 1].idx[m * (t - 1) + q];
                    a[t - 1] = erow[e];
                    if (strict) {
                        sg = sort_sign(a, t);
                        if (sg == 0)
                            continue;
                    } else {
                        sort_plain(a, t);
                    }
                    p = mi_find(M + t, a);
                    if (!mark[nx][p]) {
                        mark[nx][p] = 1;
                        touched[nx][ntouch[nx]++] = p;
                        fmpq_zero(acc[nx] + p);
                    }
                    fmpq_mul(c, acc[cu] + m, A->val + e);
                    if (sg > 0)
                        fmpq_add(acc[nx] + p, acc[nx] + p, c);
                    else
                        fmpq_sub(acc[nx] + p, acc[nx] + p, c);
                }
            }
            for (slong u = 0; u < ntouch[cu]; u++)
                mark[cu][touched[cu][u]] = 0;
            ntouch[cu] = 0;
            cu = nx;
        }
        slong len = 0;
        for (slong u = 0; u < ntouch[cu]; u++) {
            slong p = touched[cu][u];
            mark[cu][p] = 0;
            if (!fmpq_is_zero(acc[cu] + p)) {
                cols[len] = p;
                fmpq_set(vals + len, acc[cu] + p);
                len++;
            }
        }
        ntouch[cu] = 0;
        if (spmat_append_row(&R, cols, vals, len) != QMAT_OK) {
            algebra_set_error(err, "%s^%ld of dimension %ld: more than %ld nonzeros", what, (long)k,
                              (long)d, (long)SPMAT_MAX_NNZ);
            st = ALG_ERR_LIMIT;
        }
    }
    if (st == ALG_OK)
        st = transpose_rows(out, &R, count, what, err);
    spmat_clear(&R);
    fmpq_clear(c);
    for (int x = 0; x < 2; x++) {
        _fmpq_vec_clear(acc[x], maxc + 1);
        flint_free(touched[x]);
        flint_free(mark[x]);
    }
    _fmpq_vec_clear(vals, maxc + 1);
    flint_free(a);
    flint_free(cols);
    flint_free(fill);
    flint_free(erow);
    flint_free(start);
    for (t = 0; t <= k; t++)
        mi_clear(M + t);
    flint_free(M);
    return st;
}
