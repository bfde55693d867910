/* model_value.c — fitted models as values: see model_value.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model_value.h"
#include "builtins_model.h"
#include "symmetry/promote.h"
#include "arith.h"
#include "print.h"

typedef struct FitModel {
    Value *space; /* model space value */
    Value *info;  /* the fit's record; its field coef holds c */
} FitModel;

static void fm_free(void *d)
{
    FitModel *m = d;
    val_unref(m->space);
    val_unref(m->info);
    free(m);
}

static void fm_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const FitModel *m = v->u.obj.data;
    print_value(sb, m->info, fmt);
}

static Value *fm_field(const Value *v, const char *name)
{
    const FitModel *m = v->u.obj.data;
    if (strcmp(name, "space") == 0)
        return val_ref(m->space);
    if (strcmp(name, "full") == 0) { /* the full float coefficients */
        const ModelSpace *V = model_space_of(m->space);
        const DMat *c = model_value_coef(v);
        DMat *F = V && c ? dmat_zeros((int)V->nfull, 1) : NULL;
        if (!F)
            return val_error(NULL, "this model has no coefficients");
        model_space_combine_d(F->data, V, c->data);
        return val_fmat(F);
    }
    for (long i = 0; i < m->info->u.rec.n; i++)
        if (strcmp(m->info->u.rec.keys[i], name) == 0)
            return val_ref(m->info->u.rec.vals[i]);
    StrBuf sb = STRBUF_INIT;
    for (long i = 0; i < m->info->u.rec.n; i++)
        sb_printf(&sb, "%s, ", m->info->u.rec.keys[i]);
    Value *e =
        val_error(NULL, "this model has no field '%s' (fields: %sspace, full)", name, sb_str(&sb));
    sb_free(&sb);
    return e;
}

static Value *fm_call(struct Interp *I, Value *v, Value **args, int nargs, const Span *sp)
{
    (void)I;
    return model_value_call(v, args, nargs, sp);
}

static Value *fm_argument(const Value *v, const Span *sp)
{
    return model_value_exact(v, -1, sp);
}

const ObjType model_value_type = {
    "model", fm_free, fm_print, NULL,        fm_field,
    NULL,    NULL,    fm_call,  fm_argument, model_value_builtin_aware,
    NULL};

Value *model_value_new(Value *V, Value *info)
{
    if (val_is_error(info) || info->kind != VAL_RECORD)
        return info;
    FitModel *m = malloc(sizeof *m);
    if (!m)
        abort();
    m->space = val_ref(V);
    free(info->u.rec.type);
    info->u.rec.type = strdup("model");
    m->info = info;
    return val_obj(&model_value_type, m);
}

Value *model_value_space(const Value *m)
{
    return ((const FitModel *)m->u.obj.data)->space;
}

const DMat *model_value_coef(const Value *v)
{
    const FitModel *m = v->u.obj.data;
    for (long i = 0; i < m->info->u.rec.n; i++)
        if (strcmp(m->info->u.rec.keys[i], "coef") == 0 && m->info->u.rec.vals[i]->kind == VAL_FMAT)
            return m->info->u.rec.vals[i]->u.fm;
    return NULL;
}

/* The full coefficients (nfull x 1) of m. */
static DMat *full_coeffs(const ModelSpace *V, const DMat *c)
{
    DMat *F = dmat_zeros((int)V->nfull, 1);
    if (F)
        model_space_combine_d(F->data, V, c->data);
    return F;
}

/* A point given as a list or vector of numbers: a 1 x n float matrix. */
static DMat *point_row(const Value *p, long n)
{
    long len = -1;
    if (p->kind == VAL_LIST)
        len = p->u.list.n;
    else if (p->kind == VAL_MAT && (fmpq_mat_nrows(p->u.m) == 1 || fmpq_mat_ncols(p->u.m) == 1))
        len = fmpq_mat_nrows(p->u.m) * fmpq_mat_ncols(p->u.m);
    if (len != n)
        return NULL;
    DMat *X = dmat_zeros(1, (int)n);
    for (long j = 0; X && j < n; j++) {
        if (p->kind == VAL_MAT) {
            DMAT_AT(X, 0, j) = fmpq_get_d(p->u.m->entries + j);
            continue;
        }
        const Value *it = p->u.list.items[j];
        if (it->kind == VAL_RAT)
            DMAT_AT(X, 0, j) = fmpq_get_d(it->u.q);
        else if (it->kind == VAL_REAL)
            DMAT_AT(X, 0, j) = mpfr_get_d(it->u.r, MPFR_RNDN);
        else {
            dmat_free(X);
            return NULL;
        }
    }
    return X;
}

Value *model_value_call(const Value *mv, Value **args, int nargs, const Span *sp)
{
    const FitModel *m = mv->u.obj.data;
    const ModelSpace *V = model_space_of(m->space);
    const DMat *c = model_value_coef(mv);
    if (nargs != 1)
        return val_error(sp,
                         "a model takes one argument: a point or a matrix of points "
                         "(a row each), not %d",
                         nargs);
    if (!V || !c)
        return val_error(sp, "this model has no space or coefficients");
    if (V->kind != MODEL_SECTIONS)
        return val_error(sp, "evaluating a model of layers is not supported; use its "
                             "coefficients with the layers' W and b");
    const Value *X = args[0];
    DMat *P = NULL;
    int one = 0;
    if (X->kind == VAL_FMAT) {
        if (X->u.fm->cols != V->n)
            return val_error(sp, "the points have %d coordinates, the model %ld", X->u.fm->cols,
                             (long)V->n);
        P = dmat_copy(X->u.fm);
    } else if (X->kind == VAL_MAT && fmpq_mat_ncols(X->u.m) == V->n && fmpq_mat_nrows(X->u.m) > 1) {
        P = dmat_zeros((int)fmpq_mat_nrows(X->u.m), (int)V->n);
        for (long i = 0; P && i < fmpq_mat_nrows(X->u.m); i++)
            for (long j = 0; j < V->n; j++)
                DMAT_AT(P, i, j) = fmpq_get_d(fmpq_mat_entry(X->u.m, i, j));
    } else {
        P = point_row(X, V->n);
        one = 1;
        if (!P)
            return val_error(sp,
                             "a model is evaluated at a point (a list or vector of %ld "
                             "numbers) or at the rows of a matrix with %ld columns, not "
                             "a %s",
                             (long)V->n, (long)V->n, val_kind_name(X));
    }
    DMat *F = full_coeffs(V, c), *Theta = NULL;
    char err[256] = "";
    int st = F && P ? promote_design(&Theta, V, F, P, err) : -1;
    dmat_free(F);
    int rows = P ? P->rows : 0;
    dmat_free(P);
    if (st || !Theta)
        return val_error(sp, "cannot evaluate the model: %s", *err ? err : "out of memory");
    /* Theta is point-major: entry (i * k + j) is component j at point i */
    long k = V->k;
    Value *r;
    if (one && k == 1) {
        r = val_real_d(Theta->data[0]);
    } else {
        DMat *Y = one ? dmat_zeros((int)k, 1) : dmat_zeros(rows, (int)k);
        for (int i = 0; Y && i < rows; i++)
            for (long j = 0; j < k; j++) {
                if (one)
                    DMAT_AT(Y, j, 0) = Theta->data[i * k + j];
                else
                    DMAT_AT(Y, i, j) = Theta->data[i * k + j];
            }
        r = Y ? val_fmat(Y) : val_error(sp, "out of memory");
    }
    dmat_free(Theta);
    return r;
}

/* The decimal reading of d: the shortest %.{15,16,17}g that reads back as
 * d, or rounded to `digits` decimals; exact.  NULL for inf and nan. */
static Value *decimal_value(double d, long digits)
{
    if (!isfinite(d))
        return NULL;
    char buf[400];
    if (digits >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)(digits > 300 ? 300 : digits), d);
    } else {
        for (int p = 15; p <= 17; p++) {
            snprintf(buf, sizeof buf, "%.*g", p, d);
            if (strtod(buf, NULL) == d)
                break;
        }
    }
    const char *t = buf;
    int neg = *t == '-';
    if (neg)
        t++;
    Value *v = arith_parse_number(t, NULL);
    if (neg && !val_is_error(v))
        fmpq_neg(v->u.q, v->u.q);
    return v;
}

Value *model_value_exact(const Value *mv, long digits, const Span *sp)
{
    const FitModel *m = mv->u.obj.data;
    const ModelSpace *V = model_space_of(m->space);
    const DMat *c = model_value_coef(mv);
    if (!V || !c || (slong)c->rows * c->cols != V->dim)
        return val_error(sp, "this model has no coefficients in its space");
    fmpq *q = _fmpq_vec_init(V->dim + 1);
    for (slong j = 0; j < V->dim; j++) {
        Value *d = decimal_value(c->data[j], digits);
        if (!d || val_is_error(d)) {
            _fmpq_vec_clear(q, V->dim + 1);
            if (d)
                return d;
            return val_error(sp, "coefficient %ld of the model is not finite", (long)j + 1);
        }
        fmpq_set(q + j, d->u.q);
        val_unref(d);
    }
    Value *r = model_value_from_coords(V, q);
    _fmpq_vec_clear(q, V->dim + 1);
    return r;
}

int model_value_builtin_aware(const char *name)
{
    static const char *const aware[] = {"eval",   "discover",   "exact",        "round",   "print",
                                        "str",    "latex",      "help",         "show",    "type",
                                        "save",   "plot_field", "plot_contour", "assert",  "record",
                                        "append", "concat",     "length",       "reverse", "map",
                                        "filter", "error",      "builtin",      NULL};
    for (int i = 0; aware[i]; i++)
        if (strcmp(aware[i], name) == 0)
            return 1;
    return 0;
}

const Value *model_value_info(const Value *m)
{
    return ((const FitModel *)m->u.obj.data)->info;
}
