/* convert.c — value -> engine conversions (see convert.h). */
#include <limits.h>
#include "convert.h"

int convert_double(const Value *v, double *x)
{
    if (v->kind == VAL_RAT)
        *x = fmpq_get_d(v->u.q);
    else if (v->kind == VAL_REAL)
        *x = mpfr_get_d(v->u.r, MPFR_RNDN);
    else
        return 0;
    return 1;
}

DMat *convert_dmat(const Value *v)
{
    if (v->kind == VAL_FMAT)
        return dmat_copy(v->u.fm);
    if (v->kind != VAL_MAT)
        return NULL;
    slong r = fmpq_mat_nrows(v->u.m), c = fmpq_mat_ncols(v->u.m);
    if (r > INT_MAX || c > INT_MAX)
        return NULL;
    DMat *d = dmat_new((int)r, (int)c);
    if (!d)
        return NULL;
    for (slong i = 0; i < r; i++)
        for (slong j = 0; j < c; j++)
            DMAT_AT(d, i, j) = fmpq_get_d(fmpq_mat_entry(v->u.m, i, j));
    return d;
}

DMat *convert_dmat_column(const Value *v, int *nomem)
{
    DMat *d = NULL;
    *nomem = 0;
    if (v->kind == VAL_FMAT || v->kind == VAL_MAT) {
        d = convert_dmat(v);
    } else if (v->kind == VAL_LIST && v->u.list.n <= INT_MAX) {
        double x;
        for (long i = 0; i < v->u.list.n; i++)
            if (!convert_double(v->u.list.items[i], &x))
                return NULL;
        if ((d = dmat_new((int)v->u.list.n, 1)))
            for (long i = 0; i < v->u.list.n; i++)
                convert_double(v->u.list.items[i], &DMAT_AT(d, i, 0));
    } else {
        return NULL;
    }
    *nomem = d == NULL;
    return d;
}

Value *convert_fmat_column(const double *x, int n)
{
    DMat *d = dmat_new(n, 1);
    if (!d)
        return val_error(NULL, "out of memory");
    for (int i = 0; i < n; i++)
        d->data[i] = x[i];
    return val_fmat(d);
}

PolyRing *convert_ring(const Value *v)
{
    if (v->kind == VAL_POLY)
        return v->u.poly.ring;
    if (v->kind == VAL_PMAT)
        return v->u.pmat.ring;
    return NULL;
}

PolyRing *convert_ring_any(const Value *v)
{
    if (v->kind == VAL_LIST) {
        for (long i = 0; i < v->u.list.n; i++) {
            PolyRing *R = convert_ring_any(v->u.list.items[i]);
            if (R)
                return R;
        }
        return NULL;
    }
    return convert_ring(v);
}

int convert_poly(fmpq_mpoly_t p, const Value *v, const PolyRing *R)
{
    if (v->kind == VAL_RAT) {
        poly_set_fmpq(p, v->u.q, R);
        return 1;
    }
    if (v->kind == VAL_POLY && v->u.poly.ring == R) {
        fmpq_mpoly_set(p, v->u.poly.p, R->ctx);
        return 1;
    }
    return 0;
}

int convert_section(PolyVec *F, const Value *v, PolyRing *R, int *shape, long *item)
{
    *item = 0;
    if (v->kind == VAL_POLY || v->kind == VAL_RAT) {
        *shape = 0;
        if (v->kind == VAL_POLY && v->u.poly.ring != R)
            return CONVERT_OTHER_RING;
        polyvec_init(F, 1, R);
        convert_poly(F->p, v, R);
        return CONVERT_OK;
    }
    if ((v->kind == VAL_PMAT && v->u.pmat.cols == 1) ||
        (v->kind == VAL_MAT && fmpq_mat_ncols(v->u.m) == 1)) {
        *shape = 1;
        if (v->kind == VAL_PMAT && v->u.pmat.ring != R)
            return CONVERT_OTHER_RING;
        slong k = v->kind == VAL_PMAT ? v->u.pmat.rows : fmpq_mat_nrows(v->u.m);
        polyvec_init(F, k, R);
        for (slong j = 0; j < k; j++) {
            if (v->kind == VAL_PMAT)
                fmpq_mpoly_set(F->p + j, v->u.pmat.e + j, R->ctx);
            else
                poly_set_fmpq(F->p + j, fmpq_mat_entry(v->u.m, j, 0), R);
        }
        return CONVERT_OK;
    }
    if (v->kind == VAL_LIST && v->u.list.n > 0) {
        *shape = 2;
        for (long j = 0; j < v->u.list.n; j++) {
            const Value *p = v->u.list.items[j];
            *item = j + 1;
            if (p->kind != VAL_POLY && p->kind != VAL_RAT)
                return CONVERT_NOT_POLY;
            if (p->kind == VAL_POLY && p->u.poly.ring != R)
                return CONVERT_OTHER_RING;
        }
        *item = 0;
        polyvec_init(F, v->u.list.n, R);
        for (long j = 0; j < v->u.list.n; j++)
            convert_poly(F->p + j, v->u.list.items[j], R);
        return CONVERT_OK;
    }
    *shape = v->kind == VAL_LIST ? 2 : -1;
    return CONVERT_NOT_SECTION;
}
