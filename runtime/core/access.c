/* access.c — building matrices from rows, indexing (1-based), fields, and
 * the copies made by a[i] = v and r.f = v.  Part of arith.h. */
#include <stdlib.h>
#include <string.h>
#include "arith.h"
#include "exact/poly.h"
#include "numeric/dmat.h"

/* ------------------------------------------------------ matrix literals */

/* Rows and columns a row item contributes: a scalar is 1x1, a matrix is
 * itself (block building). */
static int item_shape(const Value *v, long *r, long *c)
{
    switch (v->kind) {
    case VAL_RAT:
    case VAL_REAL:
    case VAL_POLY:
        *r = *c = 1;
        return 1;
    case VAL_MAT:
        *r = fmpq_mat_nrows(v->u.m);
        *c = fmpq_mat_ncols(v->u.m);
        return 1;
    case VAL_FMAT:
        *r = v->u.fm->rows;
        *c = v->u.fm->cols;
        return 1;
    case VAL_PMAT:
        *r = v->u.pmat.rows;
        *c = v->u.pmat.cols;
        return 1;
    default:
        return 0;
    }
}

Value *arith_matrix_from_rows(Value *rows, const Span *sp, const AstNode *n)
{
    long R = 0, C = -1;
    int has_real = 0, has_poly = 0;
    PolyRing *ring = NULL;
    /* shapes */
    for (long i = 0; i < rows->u.list.n; i++) {
        Value *row = rows->u.list.items[i];
        long rh = -1, rw = 0;
        for (long j = 0; j < row->u.list.n; j++) {
            Value *it = row->u.list.items[j];
            long r, c;
            const Span *isp = n ? &n->kids[i]->kids[j]->span : sp;
            if (!item_shape(it, &r, &c))
                return val_error(isp,
                                 "a matrix entry must be a number, a polynomial or a "
                                 "matrix, not a %s",
                                 val_kind_name(it));
            if (rh >= 0 && r != rh)
                return val_error(isp,
                                 "blocks of one matrix row must have the same number "
                                 "of rows (%ld and %ld)",
                                 rh, r);
            rh = r;
            rw += c;
            if (it->kind == VAL_REAL || it->kind == VAL_FMAT)
                has_real = 1;
            if (it->kind == VAL_POLY || it->kind == VAL_PMAT) {
                PolyRing *pr = it->kind == VAL_POLY ? it->u.poly.ring : it->u.pmat.ring;
                if (ring && pr != ring)
                    return val_error(isp, "matrix entries from two different coordinate rings");
                ring = pr;
                has_poly = 1;
            }
        }
        if (row->u.list.n == 0)
            return val_error(n ? &n->kids[i]->span : sp, "empty matrix row");
        if (C >= 0 && rw != C)
            return val_error(n ? &n->kids[i]->span : sp,
                             "matrix row %ld has %ld column%s, row 1 has %ld", i + 1, rw,
                             rw == 1 ? "" : "s", C);
        C = rw;
        R += rh;
    }
    if (C < 0)
        C = 0;
    if (R * C > (1L << 24))
        return val_error(sp, "matrix too large (%ld x %ld)", R, C);
    if (has_poly && has_real)
        return val_error(sp, "a matrix cannot mix polynomials and floats");
    Value *m = has_poly   ? val_pmat_new(ring, R, C)
               : has_real ? val_fmat(dmat_zeros((int)R, (int)C))
                          : val_mat_new(R, C);
    long r0 = 0;
    for (long i = 0; i < rows->u.list.n; i++) {
        Value *row = rows->u.list.items[i];
        long c0 = 0, rh = 1;
        for (long j = 0; j < row->u.list.n; j++) {
            Value *it = row->u.list.items[j];
            long r, c;
            item_shape(it, &r, &c);
            rh = r;
            for (long a = 0; a < r; a++)
                for (long b = 0; b < c; b++) {
                    long ti = r0 + a, tj = c0 + b;
                    if (m->kind == VAL_MAT) {
                        if (it->kind == VAL_RAT)
                            fmpq_set(fmpq_mat_entry(m->u.m, ti, tj), it->u.q);
                        else
                            fmpq_set(fmpq_mat_entry(m->u.m, ti, tj), fmpq_mat_entry(it->u.m, a, b));
                    } else if (m->kind == VAL_FMAT) {
                        double d = it->kind == VAL_RAT    ? fmpq_get_d(it->u.q)
                                   : it->kind == VAL_REAL ? mpfr_get_d(it->u.r, MPFR_RNDN)
                                   : it->kind == VAL_MAT ? fmpq_get_d(fmpq_mat_entry(it->u.m, a, b))
                                                         : DMAT_AT(it->u.fm, a, b);
                        DMAT_AT(m->u.fm, ti, tj) = d;
                    } else {
                        fmpq_mpoly_struct *e = m->u.pmat.e + ti * C + tj;
                        if (it->kind == VAL_RAT)
                            poly_set_fmpq(e, it->u.q, ring);
                        else if (it->kind == VAL_POLY)
                            fmpq_mpoly_set(e, it->u.poly.p, ring->ctx);
                        else if (it->kind == VAL_MAT)
                            poly_set_fmpq(e, fmpq_mat_entry(it->u.m, a, b), ring);
                        else
                            fmpq_mpoly_set(e, it->u.pmat.e + a * c + b, ring->ctx);
                    }
                }
            c0 += c;
        }
        r0 += rh;
    }
    return m;
}

/* ------------------------------------------------------------ indexing */

/* An index i with 1 <= i <= n into the `what` (a list, a matrix, ...),
 * which has n `one`/`many` (entry/entries, row/rows, ...): 0-based in *out,
 * or an error at sp. */
static Value *want_index(const Value *v, long n, long *out, const Span *sp, const char *what,
                         const char *one, const char *many)
{
    long i;
    if (!val_get_long(v, &i) && val_is_integer(v)) /* beyond a long */
        return val_error(sp, "index out of range: the %s has %ld %s", what, n, n == 1 ? one : many);
    if (!val_get_long(v, &i))
        return val_error(sp, "an index must be an integer, not a %s", val_kind_name(v));
    if (i < 1 || i > n)
        return val_error(sp, "index %ld out of range: the %s has %ld %s", i, what, n,
                         n == 1 ? one : many);
    *out = i - 1;
    return NULL;
}

static void mat_dims(const Value *m, long *r, long *c)
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

static Value *mat_entry(const Value *m, long i, long j)
{
    if (m->kind == VAL_MAT)
        return val_rat(fmpq_mat_entry(m->u.m, i, j));
    if (m->kind == VAL_FMAT)
        return val_real_d(DMAT_AT(m->u.fm, i, j));
    Value *p = val_poly_new(m->u.pmat.ring);
    fmpq_mpoly_set(p->u.poly.p, m->u.pmat.e + i * m->u.pmat.cols + j, m->u.pmat.ring->ctx);
    return p;
}

/* Row i of a matrix as a 1 x c matrix of the same kind. */
static Value *mat_row(const Value *m, long i)
{
    long r, c;
    mat_dims(m, &r, &c);
    Value *out;
    if (m->kind == VAL_MAT) {
        out = val_mat_new(1, c);
        for (long j = 0; j < c; j++)
            fmpq_set(fmpq_mat_entry(out->u.m, 0, j), fmpq_mat_entry(m->u.m, i, j));
    } else if (m->kind == VAL_FMAT) {
        out = val_fmat(dmat_zeros(1, (int)c));
        for (long j = 0; j < c; j++)
            DMAT_AT(out->u.fm, 0, j) = DMAT_AT(m->u.fm, i, j);
    } else {
        out = val_pmat_new(m->u.pmat.ring, 1, c);
        for (long j = 0; j < c; j++)
            fmpq_mpoly_set(out->u.pmat.e + j, m->u.pmat.e + i * c + j, m->u.pmat.ring->ctx);
    }
    return out;
}

Value *arith_index(Value *obj, Value **idx, int nidx, const AstNode *n)
{
    const Span *sp = &n->span;
    const Span *isp = &n->kids[1]->span;
    long i, j;
    Value *err;
    switch (obj->kind) {
    case VAL_LIST:
        if (nidx != 1)
            return val_error(sp, "a list takes one index");
        if ((err = want_index(idx[0], obj->u.list.n, &i, isp, "list", "entry", "entries")))
            return err;
        return val_ref(obj->u.list.items[i]);
    case VAL_STR:
        if (nidx != 1)
            return val_error(sp, "a string takes one index");
        if ((err = want_index(idx[0], (long)obj->u.str.len, &i, isp, "string", "character",
                              "characters")))
            return err;
        return val_str(obj->u.str.s + i, 1);
    case VAL_MAT:
    case VAL_FMAT:
    case VAL_PMAT: {
        long r, c;
        mat_dims(obj, &r, &c);
        if (nidx == 2) {
            if ((err = want_index(idx[0], r, &i, isp, "matrix", "row", "rows")) ||
                (err = want_index(idx[1], c, &j, &n->kids[2]->span, "matrix", "column", "columns")))
                return err;
            return mat_entry(obj, i, j);
        }
        if (r == 1 || c == 1) { /* a vector: one index */
            if ((err = want_index(idx[0], r * c, &i, isp, "vector", "entry", "entries")))
                return err;
            return r == 1 ? mat_entry(obj, 0, i) : mat_entry(obj, i, 0);
        }
        if ((err = want_index(idx[0], r, &i, isp, "matrix", "row", "rows")))
            return err;
        return mat_row(obj, i);
    }
    case VAL_RECORD:
        if (nidx == 1 && idx[0]->kind == VAL_STR)
            return arith_field(obj, idx[0]->u.str.s, isp);
        return val_error(sp, "a record is indexed by a field name string, r[\"name\"], or r.name");
    case VAL_OBJ:
        if (obj->u.obj.type->index && nidx == 1) {
            long k;
            if (!val_get_long(idx[0], &k) && val_is_integer(idx[0]))
                return val_error(isp, "index out of range (too large)");
            if (!val_get_long(idx[0], &k))
                return val_error(isp, "an index must be an integer, not a %s",
                                 val_kind_name(idx[0]));
            Value *r = obj->u.obj.type->index(obj, k);
            if (r) {
                if (val_is_error(r) && !r->u.err.span.src)
                    r->u.err.span = *isp;
                return r;
            }
        }
        /* fall through */
    default:
        return val_error(sp, "a %s cannot be indexed", val_kind_name(obj));
    }
}

Value *arith_field(Value *obj, const char *name, const Span *sp)
{
    if (obj->kind == VAL_RECORD) {
        for (long i = 0; i < obj->u.rec.n; i++)
            if (strcmp(obj->u.rec.keys[i], name) == 0)
                return val_ref(obj->u.rec.vals[i]);
        StrBuf sb = STRBUF_INIT;
        for (long i = 0; i < obj->u.rec.n; i++)
            sb_printf(&sb, "%s%s", i ? ", " : "", obj->u.rec.keys[i]);
        Value *e = val_error(sp, "this %s has no field '%s' (fields: %s)", obj->u.rec.type, name,
                             sb_str(&sb));
        sb_free(&sb);
        return e;
    }
    if (obj->kind == VAL_OBJ && obj->u.obj.type->field) {
        Value *r = obj->u.obj.type->field(obj, name);
        if (r) {
            if (val_is_error(r) && !r->u.err.span.src)
                r->u.err.span = *sp;
            return r;
        }
        return val_error(sp, "a %s has no field '%s'", obj->u.obj.type->name, name);
    }
    return val_error(sp, "a %s has no fields (asked for '.%s')", val_kind_name(obj), name);
}

Value *arith_with_index(Value *obj, Value **idx, int nidx, Value *v, const AstNode *n)
{
    const Span *isp = &n->kids[1]->span;
    long i, j;
    Value *err;
    if (obj->kind == VAL_LIST && nidx == 1) {
        if ((err = want_index(idx[0], obj->u.list.n, &i, isp, "list", "entry", "entries")))
            return err;
        Value *c = val_list_new(obj->u.list.n);
        for (long k = 0; k < obj->u.list.n; k++)
            val_list_set(c, k, val_ref(k == i ? v : obj->u.list.items[k]));
        return c;
    }
    if (obj->kind == VAL_MAT) {
        long r = fmpq_mat_nrows(obj->u.m), c = fmpq_mat_ncols(obj->u.m);
        if (nidx == 1 && (r == 1 || c == 1)) {
            if ((err = want_index(idx[0], r * c, &i, isp, "vector", "entry", "entries")))
                return err;
            j = r == 1 ? i : 0;
            i = r == 1 ? 0 : i;
        } else if (nidx == 2) {
            if ((err = want_index(idx[0], r, &i, isp, "matrix", "row", "rows")) ||
                (err = want_index(idx[1], c, &j, &n->kids[2]->span, "matrix", "column", "columns")))
                return err;
        } else {
            return val_error(&n->span, "assign to one entry: A[i, j] = v");
        }
        if (v->kind != VAL_RAT)
            return val_error(&n->span, "an exact matrix entry must be a rational, not a %s",
                             val_kind_name(v));
        Value *m = val_mat(obj->u.m);
        fmpq_set(fmpq_mat_entry(m->u.m, i, j), v->u.q);
        return m;
    }
    return val_error(&n->span, "cannot assign into a %s", val_kind_name(obj));
}

Value *arith_with_field(Value *obj, const char *name, Value *v, const Span *sp)
{
    if (obj->kind != VAL_RECORD)
        return val_error(sp, "cannot set field '%s' of a %s", name, val_kind_name(obj));
    long n = obj->u.rec.n, at = -1;
    for (long i = 0; i < n; i++)
        if (strcmp(obj->u.rec.keys[i], name) == 0)
            at = i;
    Value *r = val_record_new(obj->u.rec.type, at >= 0 ? n : n + 1);
    for (long i = 0; i < n; i++)
        val_record_set(r, i, obj->u.rec.keys[i], val_ref(i == at ? v : obj->u.rec.vals[i]));
    if (at < 0)
        val_record_set(r, n, name, val_ref(v));
    return r;
}

Value *arith_iterable(Value *v, const Span *sp)
{
    if (v->kind == VAL_LIST)
        return val_ref(v);
    if (v->kind == VAL_STR) {
        Value *l = val_list_new((long)v->u.str.len);
        for (size_t i = 0; i < v->u.str.len; i++)
            val_list_set(l, (long)i, val_str(v->u.str.s + i, 1));
        return l;
    }
    if (v->kind == VAL_MAT || v->kind == VAL_FMAT || v->kind == VAL_PMAT) {
        long r, c;
        mat_dims(v, &r, &c);
        int vec = r == 1 || c == 1;
        long n = vec ? r * c : r;
        Value *l = val_list_new(n);
        for (long i = 0; i < n; i++)
            val_list_set(l, i,
                         vec ? (r == 1 ? mat_entry(v, 0, i) : mat_entry(v, i, 0)) : mat_row(v, i));
        return l;
    }
    if (v->kind == VAL_OBJ && v->u.obj.type->length && v->u.obj.type->index) {
        long n = v->u.obj.type->length(v);
        if (n >= 0) {
            Value *l = val_list_new(n);
            for (long i = 0; i < n; i++) {
                Value *x = v->u.obj.type->index(v, i + 1);
                if (!x || val_is_error(x)) {
                    val_unref(l);
                    return x ? x : val_error(sp, "cannot iterate over a %s", val_kind_name(v));
                }
                val_list_set(l, i, x);
            }
            return l;
        }
    }
    return val_error(sp, "cannot iterate over a %s", val_kind_name(v));
}
