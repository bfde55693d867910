/* builtins_fields_algebra.c — Lie algebras given by polynomial vector fields
 * (fields_algebra([X, ...]); each field X acts as the velocity v = X in
 * lie(X, F) = b F - DF v).
 *
 * The fields are taken "as given" as velocities: an element X acts on a
 * section F by lie(X, F, A) = b F − DF·X (b = 0 for functions, DX for vector
 * fields), the same rule as a matrix A with v = A x.  For ξ ↦ lie(ξ, ·) to be
 * a homomorphism the algebra bracket is [X, Y] = DX·Y − DY·X =
 * −bracket(X, Y) (bracket is the geometric DY·X − DX·Y); for linear fields
 * A x, B x it is (AB − BA) x, the matrix commutator.  Closure is checked
 * exactly on construction (bracket(X_i, X_j) must lie in the span, compared
 * by monomial coefficients); dependent fields are dropped.
 *
 * The engine is symmetry/field_algebra.c; this file is the binding.
 *
 * Value: "fields algebra" objects (data: FieldAlgebra), A[i] is the i-th
 * basis field (a column of polynomials), A.structure the structure
 * constants (item k: the matrix C with [X_i, X_j] = Σ_k C[i, j] X_k),
 * A.fields the basis as a list. */
#include "builtins.h"
#include "builtins_lie.h"
#include "exact/poly.h"
#include "exact/section.h"
#include "interp.h"
#include "print.h"
#include "symmetry/field_algebra.h"
#include <stdlib.h>
#include <string.h>

static void falg_free(void *d)
{
    field_algebra_clear(d);
    free(d);
}

static Value *field_value(const PolyVec *X)
{
    Value *m = val_pmat_new(X->R, X->len, 1);
    for (slong j = 0; j < X->len; j++)
        fmpq_mpoly_set(m->u.pmat.e + j, X->p + j, X->R->ctx);
    return m;
}

static void falg_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const FieldAlgebra *A = v->u.obj.data;
    sb_printf(sb,
              "fields_algebra: Lie algebra of dimension %ld (polynomial vector fields on R^%ld)",
              (long)A->dim, (long)A->R->nvars);
    for (slong i = 0; i < A->dim; i++) {
        sb_puts(sb, "\n  ");
        Value *f = field_value(A->X + i);
        print_value(sb, f, fmt);
        val_unref(f);
    }
}

static Value *falg_index(const Value *v, long i)
{
    const FieldAlgebra *A = v->u.obj.data;
    if (i < 1 || i > A->dim)
        return val_error(NULL, "index %ld is out of range: the algebra has dimension %ld", i,
                         (long)A->dim);
    return field_value(A->X + i - 1);
}

static Value *falg_structure(const FieldAlgebra *A)
{
    slong d = A->dim;
    Value *l = val_list_new(d);
    for (slong k = 0; k < d; k++) {
        Value *m = val_mat_new(d, d);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++)
                fmpq_set(fmpq_mat_entry(m->u.m, i, j), A->sc + (i * d + j) * d + k);
        val_list_set(l, k, m);
    }
    return l;
}

static Value *falg_field(const Value *v, const char *name)
{
    const FieldAlgebra *A = v->u.obj.data;
    if (!strcmp(name, "structure"))
        return falg_structure(A);
    if (!strcmp(name, "fields")) {
        Value *l = val_list_new(A->dim);
        for (slong i = 0; i < A->dim; i++)
            val_list_set(l, i, field_value(A->X + i));
        return l;
    }
    return NULL;
}

static long falg_length(const Value *v)
{
    return ((const FieldAlgebra *)v->u.obj.data)->dim;
}

const ObjType fields_algebra_type = {"fields algebra", falg_free,   falg_print, falg_index,
                                     falg_field,       falg_length, NULL};

/* Read item j of the list (j < 0: the argument itself) as a field over R
   (a column of nvars polynomials; with one coordinate also a polynomial or
   rational). */
static Value *get_field(Call *c, int i, const Value *it, long j, PolyRing *R, PolyVec *X)
{
    slong n = R->nvars;
    char what[32] = "the argument";
    if (j >= 0)
        snprintf(what, sizeof what, "item %ld", j + 1);
    if ((it->kind == VAL_POLY || it->kind == VAL_RAT) && n == 1) {
        if (it->kind == VAL_POLY && it->u.poly.ring != R)
            return arg_error(c, i, "%s is over other coordinates", what);
        polyvec_init(X, 1, R);
        if (it->kind == VAL_POLY)
            fmpq_mpoly_set(X->p, it->u.poly.p, R->ctx);
        else
            poly_set_fmpq(X->p, it->u.q, R);
        return NULL;
    }
    if (it->kind == VAL_PMAT && it->u.pmat.cols == 1 && it->u.pmat.rows == n) {
        if (it->u.pmat.ring != R)
            return arg_error(c, i, "%s is over other coordinates", what);
        polyvec_init(X, n, R);
        for (slong t = 0; t < n; t++)
            fmpq_mpoly_set(X->p + t, it->u.pmat.e + t, R->ctx);
        return NULL;
    }
    if (it->kind == VAL_MAT && fmpq_mat_ncols(it->u.m) == 1 && fmpq_mat_nrows(it->u.m) == n) {
        polyvec_init(X, n, R);
        for (slong t = 0; t < n; t++)
            poly_set_fmpq(X->p + t, fmpq_mat_entry(it->u.m, t, 0), R);
        return NULL;
    }
    return arg_error(c, i, "%s is a %s, not a vector field (a column of %ld polynomial%s)", what,
                     val_kind_name(it), (long)n, n == 1 ? "" : "s");
}

Value *fields_algebra_builtin_new(Call *c, Value **a)
{
    Value *l = a[0];
    if (l->kind != VAL_LIST || l->u.list.n == 0)
        return arg_type_error(c, 0, "a non-empty list of vector fields", l);
    if (l->u.list.n > FIELD_ALGEBRA_MAX)
        return arg_error(c, 0, "at most %d fields", FIELD_ALGEBRA_MAX);
    PolyRing *R = NULL;
    for (long j = 0; j < l->u.list.n && !R; j++) {
        Value *it = l->u.list.items[j];
        if (it->kind == VAL_POLY)
            R = it->u.poly.ring;
        else if (it->kind == VAL_PMAT)
            R = it->u.pmat.ring;
    }
    if (!R)
        R = c->I->ring;
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    slong q = l->u.list.n;
    PolyVec *X = calloc((size_t)(q > 0 ? q : 0) + 1, sizeof(PolyVec));
    Value *e = NULL;
    slong got = 0;
    for (long j = 0; j < q && !e; j++)
        if (!(e = get_field(c, 0, l->u.list.items[j], j, R, X + j)))
            got++;
    FieldAlgebra *A = calloc(1, sizeof *A);
    slong bi = 0, bj = 0;
    PolyVec bad;
    char err[ALG_ERR_LEN] = "";
    int st = e ? 0 : field_algebra_init(A, X, q, R, &bi, &bj, &bad, err);
    for (slong j = 0; j < got; j++)
        polyvec_clear(X + j);
    free(X);
    if (st == ALG_ERR_NOT_CLOSED) {
        Value *f = field_value(&bad);
        StrBuf sb = {0};
        print_value(&sb, f, FMT_PLAIN);
        val_unref(f);
        polyvec_clear(&bad);
        e = arg_error(c, 0,
                      "the span is not closed under the bracket: bracket(item %ld, item "
                      "%ld) = %s is not in it",
                      (long)bi + 1, (long)bj + 1, sb_str(&sb));
        sb_free(&sb);
    } else if (st) {
        e = call_error(c, "%s", err);
    }
    if (e) {
        free(A);
        return e;
    }
    return val_obj(&fields_algebra_type, A);
}

Value *fields_algebra_builtin_basis(Call *c, Value **a)
{
    if (!val_is_obj(a[0], &fields_algebra_type))
        return arg_type_error(c, 0, "a fields algebra", a[0]);
    const FieldAlgebra *A = a[0]->u.obj.data;
    Value *l = val_list_new(A->dim);
    for (slong i = 0; i < A->dim; i++)
        val_list_set(l, i, field_value(A->X + i));
    return l;
}

/* lie(X, F, A): X an element of A (velocity v = X), F a function (b = 0) or
   a vector field (b = DX). */
Value *fields_algebra_builtin_lie(Call *c, Value **a)
{
    const FieldAlgebra *A = a[2]->u.obj.data;
    PolyRing *R = A->R;
    PolyVec X, F, out;
    Value *e = get_field(c, 0, a[0], -1, R, &X);
    if (e)
        return e;
    if (!field_algebra_contains(A, &X)) {
        polyvec_clear(&X);
        return arg_error(c, 0, "the field is not an element of the algebra");
    }
    Value *Fv = a[1];
    int scalar = Fv->kind == VAL_POLY || Fv->kind == VAL_RAT;
    if (scalar) {
        if (Fv->kind == VAL_POLY && Fv->u.poly.ring != R) {
            polyvec_clear(&X);
            return arg_error(c, 1, "the polynomial is over other coordinates");
        }
        polyvec_init(&F, 1, R);
        if (Fv->kind == VAL_POLY)
            fmpq_mpoly_set(F.p, Fv->u.poly.p, R->ctx);
        else
            poly_set_fmpq(F.p, Fv->u.q, R);
    } else if ((e = get_field(c, 1, Fv, -1, R, &F))) {
        polyvec_clear(&X);
        return e;
    }
    char err[ALG_ERR_LEN] = "";
    polyvec_init(&out, F.len, R);
    int st = field_algebra_lie(&out, A, &X, &F, scalar, err);
    if (st)
        e = call_error(c, "%s", err);
    else if (scalar) {
        e = val_poly_new(R);
        fmpq_mpoly_set(e->u.poly.p, out.p, R->ctx);
    } else {
        e = field_value(&out);
    }
    polyvec_clear(&out);
    polyvec_clear(&F);
    polyvec_clear(&X);
    return e;
}
