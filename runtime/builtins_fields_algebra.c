/* builtins_fields_algebra.c — Lie algebras given by polynomial vector fields
 * (DESIGN.md §2, §3: fields_algebra([X, ...])).
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
 * Value: "fields algebra" objects (data: FieldAlgebra), A[i] is the i-th
 * basis field (a column of polynomials), A.structure the structure
 * constants (item k: the matrix C with [X_i, X_j] = Σ_k C[i, j] X_k),
 * A.fields the basis as a list. */
#include "builtins.h"
#include "builtins_lie.h"
#include "exact/monobasis.h"
#include "exact/poly.h"
#include "exact/section.h"
#include "interp.h"
#include "print.h"
#include <stdlib.h>
#include <string.h>

/* Largest number of fields. */
#define FIELDS_ALGEBRA_MAX 64

typedef struct FieldAlgebra {
    PolyRing *R; /* reference */
    slong dim;
    PolyVec *X;        /* dim fields of length R->nvars */
    fmpq *sc;          /* dim^3 structure constants: [X_i, X_j] = Σ_k sc[(i*dim+j)*dim+k]
                          X_k */
    slong deg;         /* span-test degree: the largest monomial degree used */
    MonoBasis M;       /* basis of degree deg */
    AlgebraSpan *span; /* echelon form of the flattened basis, with coefficients */
    slong *orig;       /* orig[i]: the list position (0-based) of basis field i */
} FieldAlgebra;

static void falg_free(void *d)
{
    FieldAlgebra *A = d;
    for (slong i = 0; i < A->dim; i++)
        polyvec_clear(A->X + i);
    free(A->X);
    if (A->sc)
        _fmpq_vec_clear(A->sc, A->dim * A->dim * A->dim + 1);
    monobasis_clear(&A->M);
    if (A->span) {
        algebra_span_clear(A->span);
        free(A->span);
    }
    polyring_decref(A->R);
    free(A->orig);
    free(A);
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

/* v (n*size) = flattened coefficients of X in A's basis; 0, or nonzero if
   the degree is too high (cannot happen for brackets by construction). */
static int flatten(fmpq *v, const FieldAlgebra *A, const PolyVec *X, char *err)
{
    return monobasis_coeffs_vec(v, X->p, X->len, &A->M, A->R, err);
}

Value *fields_algebra_builtin_new(Call *c, Value **a)
{
    Value *l = a[0];
    if (l->kind != VAL_LIST || l->u.list.n == 0)
        return arg_type_error(c, 0, "a non-empty list of vector fields", l);
    if (l->u.list.n > FIELDS_ALGEBRA_MAX)
        return arg_error(c, 0, "at most %d fields", FIELDS_ALGEBRA_MAX);
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
    slong q = l->u.list.n, n = R->nvars;
    PolyVec *X = calloc((size_t)(q > 0 ? q : 0) + 1, sizeof(PolyVec));
    Value *e = NULL;
    slong got = 0, d = 0;
    for (long j = 0; j < q && !e; j++) {
        e = get_field(c, 0, l->u.list.items[j], j, R, X + j);
        if (!e) {
            got++;
            slong dj = polyvec_degree(X + j);
            d = dj > d ? dj : d;
        }
    }
    FieldAlgebra *A = calloc(1, sizeof *A);
    A->R = polyring_incref(R);
    A->deg = d > 0 ? 2 * d - 1 : 0;
    if (A->deg < d)
        A->deg = d;
    char err[POLY_ERR_LEN] = "";
    if (!e && monobasis_init(&A->M, n, A->deg, err))
        e = call_error(c, "%s", err);
    slong len = e ? 0 : n * A->M.size;
    if (!e && (len > 200000 || len < 0))
        e = call_error(c, "the fields' degree %ld is too large for %ld coordinates", (long)d,
                       (long)n);
    fmpq *v = e ? NULL : _fmpq_vec_init(len + 1);
    /* keep the independent fields */
    if (!e) {
        AlgebraSpan S;
        algebra_span_init(&S, len, 0);
        A->X = calloc(q + 1, sizeof(PolyVec));
        A->orig = calloc(q + 1, sizeof(slong));
        for (slong j = 0; j < q && !e; j++) {
            if (flatten(v, A, X + j, err)) {
                e = call_error(c, "%s", err);
                break;
            }
            if (algebra_span_add(&S, v, NULL) == 1) {
                polyvec_init(A->X + A->dim, n, R);
                for (slong t = 0; t < n; t++)
                    fmpq_mpoly_set(A->X[A->dim].p + t, X[j].p + t, R->ctx);
                A->orig[A->dim++] = j;
            }
        }
        algebra_span_clear(&S);
    }
    for (slong j = 0; j < got; j++)
        polyvec_clear(X + j);
    free(X);
    /* the tracked span of the basis, then closure and structure constants */
    slong dim = A->dim;
    if (!e) {
        A->span = malloc(sizeof *A->span);
        algebra_span_init(A->span, len, dim);
        for (slong j = 0; j < dim; j++) {
            flatten(v, A, A->X + j, NULL);
            algebra_span_add(A->span, v, NULL);
        }
        A->sc = _fmpq_vec_init(dim * dim * dim + 1);
    }
    fmpq *co = e ? NULL : _fmpq_vec_init(dim + 1);
    for (slong i = 0; !e && i < dim; i++)
        for (slong j = i + 1; !e && j < dim; j++) {
            PolyVec br;
            polyvec_init(&br, n, R);
            if (section_bracket(&br, A->X + i, A->X + j, err) || flatten(v, A, &br, err)) {
                e = call_error(c, "%s", err);
            } else if (!algebra_span_reduce(v, A->span, v, co)) {
                Value *f = field_value(&br);
                StrBuf sb = {0};
                print_value(&sb, f, FMT_PLAIN);
                val_unref(f);
                e = arg_error(c, 0,
                              "the span is not closed under the bracket: bracket(item %ld, item "
                              "%ld) = %s is not in it",
                              (long)A->orig[i] + 1, (long)A->orig[j] + 1, sb_str(&sb));
                sb_free(&sb);
            } else {
                /* [X_i, X_j] = -bracket(X_i, X_j) = -sum co_k X_k */
                for (slong k = 0; k < dim; k++) {
                    fmpq_neg(A->sc + (i * dim + j) * dim + k, co + k);
                    fmpq_set(A->sc + (j * dim + i) * dim + k, co + k);
                }
            }
            polyvec_clear(&br);
        }
    if (co)
        _fmpq_vec_clear(co, dim + 1);
    if (v)
        _fmpq_vec_clear(v, len + 1);
    if (e) {
        falg_free(A);
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
    slong n = R->nvars;
    PolyVec X, F, out;
    Value *e = get_field(c, 0, a[0], -1, R, &X);
    if (e)
        return e;
    char err[POLY_ERR_LEN] = "";
    slong len = n * A->M.size;
    fmpq *v = _fmpq_vec_init(len + 1);
    if (polyvec_degree(&X) > A->deg || flatten(v, A, &X, err) ||
        !algebra_span_reduce(v, A->span, v, NULL)) {
        _fmpq_vec_clear(v, len + 1);
        polyvec_clear(&X);
        return arg_error(c, 0, "the field is not an element of the algebra");
    }
    _fmpq_vec_clear(v, len + 1);
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
    PolyMat b;
    polymat_init(&b, F.len, F.len, R);
    polyvec_init(&out, F.len, R);
    int st = scalar ? 0 : section_fiber_tangent(&b, &X, err);
    if (!st)
        st = section_lie(&out, scalar ? NULL : &b, &X, &F, err);
    if (st)
        e = call_error(c, "%s", err);
    else if (scalar) {
        e = val_poly_new(R);
        fmpq_mpoly_set(e->u.poly.p, out.p, R->ctx);
    } else {
        e = field_value(&out);
    }
    polyvec_clear(&out);
    polymat_clear(&b);
    polyvec_clear(&F);
    polyvec_clear(&X);
    return e;
}
