/* slice.c — obj[list], obj[:, j], A[1:2, 1], X[1:60]: see slice.h.
 * Positions are checked first (integers within range, 1-based), then the
 * result is gathered in the kind of obj. */
#include <stdlib.h>
#include <string.h>
#include "slice.h"
#include "numeric/csv.h"
#include "numeric/dmat.h"
#include "exact/poly.h"

static Value all_marker = {VAL_NIL, -1, {0}};

Value *slice_all(void)
{
    return &all_marker;
}

int slice_wanted(Value **idx, int nidx)
{
    for (int i = 0; i < nidx; i++)
        if (idx[i] == &all_marker || idx[i]->kind == VAL_LIST)
            return 1;
    return 0;
}

/* The 0-based positions an index value selects among the n `unit`s of
 * `what` (a matrix's rows, ...): *out (malloc'ed,
 * *m of them); *scalar set when v was a single integer.  NULL or an error. */
Value *slice_positions(const Value *v, long n, const Span *sp, const char *what, const char *unit,
                       long **out, long *m, int *scalar)
{
    *scalar = 0;
    long cnt = v == &all_marker ? n : v->kind == VAL_LIST ? v->u.list.n : 1;
    long *p = malloc(sizeof(long) * (size_t)(cnt ? cnt : 1));
    if (!p)
        return val_error(sp, "out of memory");
    if (v == &all_marker) {
        for (long i = 0; i < n; i++)
            p[i] = i;
    } else {
        if (v->kind != VAL_LIST)
            *scalar = 1;
        for (long i = 0; i < cnt; i++) {
            const Value *it = v->kind == VAL_LIST ? v->u.list.items[i] : v;
            long k;
            if (!val_get_long(it, &k)) {
                free(p);
                return val_error(sp,
                                 "an index must be an integer, a list of integers or ':', "
                                 "not a %s",
                                 val_kind_name(it));
            }
            if (k < 1 || k > n) {
                free(p);
                return val_error(sp, "index %ld out of range: the %s has %ld %s", k, what, n, unit);
            }
            p[i] = k - 1;
        }
    }
    *out = p;
    *m = cnt;
    return NULL;
}

static Value *mat_gather(const Value *A, const long *ri, long nr, const long *ci, long nc)
{
    Value *out;
    if (A->kind == VAL_MAT) {
        out = val_mat_new(nr, nc);
        for (long i = 0; i < nr; i++)
            for (long j = 0; j < nc; j++)
                fmpq_set(fmpq_mat_entry(out->u.m, i, j), fmpq_mat_entry(A->u.m, ri[i], ci[j]));
    } else if (A->kind == VAL_FMAT) {
        DMat *d = dmat_zeros((int)nr, (int)nc);
        if (!d)
            return val_error(NULL, "out of memory");
        for (long i = 0; i < nr; i++)
            for (long j = 0; j < nc; j++)
                DMAT_AT(d, i, j) = DMAT_AT(A->u.fm, ri[i], ci[j]);
        out = val_fmat(d);
    } else {
        long c = A->u.pmat.cols;
        out = val_pmat_new(A->u.pmat.ring, nr, nc);
        for (long i = 0; i < nr; i++)
            for (long j = 0; j < nc; j++)
                fmpq_mpoly_set(out->u.pmat.e + i * nc + j, A->u.pmat.e + ri[i] * c + ci[j],
                               A->u.pmat.ring->ctx);
    }
    return out;
}

static void dims(const Value *m, long *r, long *c)
{
    if (m->kind == VAL_MAT) {
        *r = fmpq_mat_nrows(m->u.m);
        *c = fmpq_mat_ncols(m->u.m);
    } else if (m->kind == VAL_FMAT) {
        *r = m->u.fm->rows;
        *c = m->u.fm->cols;
    } else {
        *r = m->u.pmat.rows;
        *c = m->u.pmat.cols;
    }
}

static Value *slice_matrix(Value *A, Value **idx, int nidx, const AstNode *n)
{
    long r, c, *ri = NULL, *ci = NULL, nr = 0, nc = 0;
    int s1, s2;
    Value *err;
    dims(A, &r, &c);
    const Span *isp = &n->kids[1]->span;
    if (nidx == 1) {
        if (r == 1 || c == 1) { /* a vector keeps its orientation */
            long *p, m;
            if ((err = slice_positions(idx[0], r * c, isp, "vector", "entries", &p, &m, &s1)))
                return err;
            long zero = 0;
            Value *out = r == 1 ? mat_gather(A, &zero, 1, p, m) : mat_gather(A, p, m, &zero, 1);
            free(p);
            return out;
        }
        Value *all = slice_all();
        if ((err = slice_positions(idx[0], r, isp, "matrix", "rows", &ri, &nr, &s1)) ||
            (err = slice_positions(all, c, isp, "matrix", "columns", &ci, &nc, &s2))) {
            free(ri);
            return err;
        }
    } else {
        if ((err = slice_positions(idx[0], r, isp, "matrix", "rows", &ri, &nr, &s1)) ||
            (err = slice_positions(idx[1], c, &n->kids[2]->span, "matrix", "columns", &ci, &nc,
                                   &s2))) {
            free(ri);
            return err;
        }
    }
    Value *out = mat_gather(A, ri, nr, ci, nc);
    free(ri);
    free(ci);
    return out;
}

Value *slice_index(Value *obj, Value **idx, int nidx, const AstNode *n)
{
    const Span *isp = &n->kids[1]->span;
    long *p, m;
    int s;
    Value *err;
    switch (obj->kind) {
    case VAL_LIST: {
        if (nidx != 1)
            return val_error(&n->span, "a list takes one index");
        if ((err = slice_positions(idx[0], obj->u.list.n, isp, "list", "entries", &p, &m, &s)))
            return err;
        Value *l = val_list_new(m);
        for (long i = 0; i < m; i++)
            val_list_set(l, i, val_ref(obj->u.list.items[p[i]]));
        free(p);
        return l;
    }
    case VAL_STR: {
        if (nidx != 1)
            return val_error(&n->span, "a string takes one index");
        if ((err = slice_positions(idx[0], (long)obj->u.str.len, isp, "string", "characters", &p,
                                   &m, &s)))
            return err;
        char *b = malloc((size_t)m + 1);
        if (!b) {
            free(p);
            return val_error(&n->span, "out of memory");
        }
        for (long i = 0; i < m; i++)
            b[i] = obj->u.str.s[p[i]];
        Value *v = val_str(b, (size_t)m);
        free(b);
        free(p);
        return v;
    }
    case VAL_MAT:
    case VAL_FMAT:
    case VAL_PMAT:
        return slice_matrix(obj, idx, nidx, n);
    default:
        if (obj->kind == VAL_OBJ && obj->u.obj.type->slice) /* overloading table */
            return obj->u.obj.type->slice(obj, idx, nidx, n);
        return val_error(&n->span, "a %s cannot be sliced", val_kind_name(obj));
    }
}
