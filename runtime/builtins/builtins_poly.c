/* builtins_poly.c — polynomials over the declared coordinates: calculus
 * (diff, grad, jacobian, div), substitution, exact and float evaluation,
 * terms and coefficients, monomial bases, vector fields (field, vbracket)
 * and the derivation matrix.  Glue only: the work is in runtime/exact
 * (poly, monobasis, section).
 *
 * Conventions: a "vector" argument is a list of polynomials/rationals, a
 * polynomial matrix with one row or one column, or an exact vector; vector
 * results are columns (VAL_PMAT n x 1).  Rationals stand for constant
 * polynomials.  The ring of a call is the ring of its polynomial arguments
 * (all must share it), else the ring of the last `coords`. */
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include "convert.h"
#include "builtins.h"
#include "interp.h"
#include "arith.h"
#include "exact/poly.h"
#include "exact/monobasis.h"
#include "exact/section.h"
#include "exact/qmat.h"
#include "numeric/dmat.h"
#include "builtins_model.h"

/* Largest list built by monomials(). */
#define POLY_MAX_LIST 1000000

static void ring_names(StrBuf *sb, const PolyRing *R)
{
    for (slong i = 0; i < R->nvars; i++)
        sb_printf(sb, "%s%s", i ? ", " : "", R->names[i]);
}

static Value *ring_mismatch(Call *c, const PolyRing *A, const PolyRing *B)
{
    StrBuf sa = STRBUF_INIT, sb = STRBUF_INIT;
    ring_names(&sa, A);
    ring_names(&sb, B);
    Value *e = call_error(c,
                          "polynomials of two different coordinate rings: "
                          "(%s) from one 'coords', (%s) from another; "
                          "to_coords(p) moves p into the current coordinates",
                          sb_str(&sa), sb_str(&sb));
    sb_free(&sa);
    sb_free(&sb);
    return e;
}

/* Merges the ring(s) of v (lists searched recursively) into *R. */
static Value *ring_collect(Call *c, const Value *v, PolyRing **R)
{
    if (!v)
        return NULL;
    if (v->kind == VAL_LIST) {
        for (long i = 0; i < v->u.list.n; i++) {
            Value *e = ring_collect(c, v->u.list.items[i], R);
            if (e)
                return e;
        }
        return NULL;
    }
    PolyRing *S = convert_ring(v);
    if (!S)
        return NULL;
    if (*R && *R != S)
        return ring_mismatch(c, *R, S);
    *R = S;
    return NULL;
}

/* The ring of a call: that of args[0..n-1], else the session ring. */
static Value *call_ring(Call *c, Value **a, int n, PolyRing **R)
{
    *R = NULL;
    for (int i = 0; i < n; i++) {
        Value *e = ring_collect(c, a[i], R);
        if (e)
            return e;
    }
    if (!*R)
        *R = c->I->ring;
    if (!*R)
        return call_error(c, "no coordinates: declare them with coords x, y");
    return NULL;
}

static const char *param_name(Call *c, int i)
{
    static BuiltinSig sig; /* names only; rebuilt on each use */
    builtin_sig_parse(&sig, c->b);
    return i < sig.nparams ? sig.names[i] : "?";
}

static Value *poly_fail(Call *c, const char *err)
{
    return call_error(c, "%s", err);
}

/* Index of the coordinate v (a generator of R), or an error naming what v
   is instead.  what: "" or " item k" for list elements. */
static Value *get_coord(Call *c, int i, const Value *v, const PolyRing *R, slong *idx,
                        const char *what)
{
    if (v->kind == VAL_POLY && v->u.poly.ring == R && R->nvars > 0 &&
        fmpq_mpoly_length(v->u.poly.p, R->ctx) == 1 &&
        fmpq_mpoly_total_degree_si(v->u.poly.p, R->ctx) == 1) {
        fmpq_t q;
        fmpq_init(q);
        ulong *e = malloc((size_t)R->nvars * sizeof(ulong));
        poly_get_term(q, e, v->u.poly.p, 0, R, NULL);
        int one = fmpq_is_one(q);
        fmpq_clear(q);
        for (slong j = 0; j < R->nvars; j++)
            if (e[j] == 1)
                *idx = j;
        free(e);
        if (one)
            return NULL;
    }
    if (v->kind == VAL_POLY && v->u.poly.ring != R)
        return ring_mismatch(c, R, v->u.poly.ring);
    StrBuf sb = STRBUF_INIT;
    if (v->kind == VAL_POLY || v->kind == VAL_RAT) {
        char *s = NULL;
        if (v->kind == VAL_POLY)
            s = poly_to_string(v->u.poly.p, R, POLY_FMT_PLAIN);
        else
            s = poly_fmpq_to_string(v->u.q, POLY_FMT_PLAIN);
        sb_puts(&sb, s ? s : "?");
        free(s);
    } else {
        sb_printf(&sb, "a %s", val_kind_name(v));
    }
    Value *err =
        arg_error(c, i, "argument %d (%s)%s must be a coordinate such as %s, not %s", i + 1,
                  param_name(c, i), what, R->nvars > 0 ? R->names[0] : "x", sb_str(&sb));
    sb_free(&sb);
    return err;
}

/* Coordinates given as one coordinate or a list of them; *idx malloc'd. */
static Value *get_coords(Call *c, int i, const Value *v, const PolyRing *R, slong **idx, slong *n)
{
    long m = v->kind == VAL_LIST ? v->u.list.n : 1;
    *idx = malloc((size_t)(m > 0 ? m : 1) * sizeof(slong));
    *n = m;
    for (long k = 0; k < m; k++) {
        char what[48] = "";
        if (v->kind == VAL_LIST)
            snprintf(what, sizeof what, " item %ld", k + 1);
        const Value *x = v->kind == VAL_LIST ? v->u.list.items[k] : v;
        Value *e = get_coord(c, i, x, R, *idx + k, what);
        for (long j = 0; !e && j < k; j++)
            if ((*idx)[j] == (*idx)[k])
                e = arg_error(c, i, "coordinate %s given twice", R->names[(*idx)[k]]);
        if (e) {
            free(*idx);
            *idx = NULL;
            return e;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ vectors */

/* Number of entries of a vector-like value, or -1 if v is not one. */
static long vec_len(const Value *v)
{
    if (v->kind == VAL_LIST)
        return v->u.list.n;
    if (v->kind == VAL_PMAT && (v->u.pmat.rows == 1 || v->u.pmat.cols == 1))
        return v->u.pmat.rows * v->u.pmat.cols;
    if (v->kind == VAL_MAT && (fmpq_mat_nrows(v->u.m) == 1 || fmpq_mat_ncols(v->u.m) == 1))
        return fmpq_mat_nrows(v->u.m) * fmpq_mat_ncols(v->u.m);
    return -1;
}

/* out (initialised here on success) = the polynomials of the vector v. */
static Value *get_vec(Call *c, int i, const Value *v, PolyRing *R, PolyVec *out)
{
    long n = vec_len(v);
    if (n < 0)
        return arg_type_error(c, i, "a list or column of polynomials", v);
    polyvec_init(out, n, R);
    for (long k = 0; k < n; k++) {
        int ok = 1;
        if (v->kind == VAL_LIST)
            ok = convert_poly(out->p + k, v->u.list.items[k], R);
        else if (v->kind == VAL_PMAT)
            fmpq_mpoly_set(out->p + k, v->u.pmat.e + k, R->ctx);
        else
            poly_set_fmpq(out->p + k,
                          fmpq_mat_entry(v->u.m, fmpq_mat_nrows(v->u.m) == 1 ? 0 : k,
                                         fmpq_mat_nrows(v->u.m) == 1 ? k : 0),
                          R);
        if (!ok) {
            polyvec_clear(out);
            return arg_error(c, i, "argument %d (%s): item %ld is a %s, not a polynomial", i + 1,
                             param_name(c, i), k + 1, val_kind_name(v->u.list.items[k]));
        }
    }
    return NULL;
}

/* A vector of exactly nvars components (a vector field). */
static Value *get_field(Call *c, int i, const Value *v, PolyRing *R, PolyVec *out)
{
    Value *e = get_vec(c, i, v, R, out);
    if (e)
        return e;
    if (out->len != R->nvars) {
        StrBuf sb = STRBUF_INIT;
        ring_names(&sb, R);
        e = arg_error(c, i,
                      "argument %d (%s) has %ld components but there are %ld coordinates (%s)",
                      i + 1, param_name(c, i), (long)out->len, (long)R->nvars, sb_str(&sb));
        sb_free(&sb);
        polyvec_clear(out);
    }
    return e;
}

/* A new column value holding the polynomials of v (moved out of v). */
static Value *column_from_vec(PolyVec *v)
{
    Value *m = val_pmat_new(v->R, v->len, 1);
    for (slong k = 0; k < v->len; k++)
        fmpq_mpoly_swap(m->u.pmat.e + k, v->p + k, v->R->ctx);
    return m;
}

/* ------------------------------------------------------------ elementwise maps */

typedef int (*PolyMapFn)(fmpq_mpoly_t r, const fmpq_mpoly_t p, const PolyRing *R, void *ctx,
                         char *err);

/* Applies f to every polynomial of v: a rational or polynomial gives a
   polynomial, an exact or polynomial matrix a polynomial matrix, a list a
   list. */
static Value *map_poly(Call *c, int i, const Value *v, PolyRing *R, PolyMapFn f, void *ctx)
{
    char err[POLY_ERR_LEN];
    if (v->kind == VAL_LIST) {
        Value *l = val_list_new(v->u.list.n);
        for (long k = 0; k < v->u.list.n; k++) {
            Value *r = map_poly(c, i, v->u.list.items[k], R, f, ctx);
            if (val_is_error(r)) {
                val_unref(l);
                return r;
            }
            val_list_set(l, k, r);
        }
        return l;
    }
    if (v->kind == VAL_RAT || v->kind == VAL_POLY) {
        Value *r = val_poly_new(R);
        convert_poly(r->u.poly.p, v, R);
        if (f(r->u.poly.p, r->u.poly.p, R, ctx, err)) {
            val_unref(r);
            return poly_fail(c, err);
        }
        return r;
    }
    if (v->kind == VAL_PMAT || v->kind == VAL_MAT) {
        long rows = v->kind == VAL_PMAT ? v->u.pmat.rows : fmpq_mat_nrows(v->u.m);
        long cols = v->kind == VAL_PMAT ? v->u.pmat.cols : fmpq_mat_ncols(v->u.m);
        Value *r = val_pmat_new(R, rows, cols);
        for (long k = 0; k < rows * cols; k++) {
            if (v->kind == VAL_PMAT)
                fmpq_mpoly_set(r->u.pmat.e + k, v->u.pmat.e + k, R->ctx);
            else
                poly_set_fmpq(r->u.pmat.e + k, fmpq_mat_entry(v->u.m, k / cols, k % cols), R);
            if (f(r->u.pmat.e + k, r->u.pmat.e + k, R, ctx, err)) {
                val_unref(r);
                return poly_fail(c, err);
            }
        }
        return r;
    }
    return arg_type_error(c, i, "a polynomial, a polynomial matrix or a list of them", v);
}

/* ------------------------------------------------------------ diff, grad, jacobian, div */

typedef struct {
    slong var;
    long times;
} DiffCtx;

static int map_diff(fmpq_mpoly_t r, const fmpq_mpoly_t p, const PolyRing *R, void *ctx, char *err)
{
    const DiffCtx *d = ctx;
    if (r != p)
        fmpq_mpoly_set(r, p, R->ctx);
    for (long t = 0; t < d->times; t++) {
        int s = poly_diff(r, r, d->var, R, err);
        if (s)
            return s;
        if (fmpq_mpoly_is_zero(r, R->ctx))
            break;
    }
    return POLY_OK;
}

static Value *bi_diff(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 2, &R);
    if (e)
        return e;
    DiffCtx d = {0, 1};
    if ((e = get_coord(c, 1, a[1], R, &d.var, "")))
        return e;
    if (a[2] && (e = arg_long(c, a, 2, 0, POLY_MAX_DEGREE, &d.times)))
        return e;
    return map_poly(c, 0, a[0], R, map_diff, &d);
}

static Value *bi_grad(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    if (a[0]->kind != VAL_POLY && a[0]->kind != VAL_RAT)
        return arg_type_error(c, 0, "a polynomial", a[0]);
    char err[POLY_ERR_LEN];
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, R->ctx);
    convert_poly(p, a[0], R);
    Value *g = val_pmat_new(R, R->nvars, 1);
    int s = 0;
    for (slong i = 0; i < R->nvars && !s; i++)
        s = poly_diff(g->u.pmat.e + i, p, i, R, err);
    fmpq_mpoly_clear(p, R->ctx);
    if (s) {
        val_unref(g);
        return poly_fail(c, err);
    }
    return g;
}

static Value *bi_jacobian(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    PolyVec F;
    if ((e = get_vec(c, 0, a[0], R, &F)))
        return e;
    char err[POLY_ERR_LEN];
    PolyMat J;
    polymat_init(&J, F.len, R->nvars, R);
    Value *r;
    if (section_jacobian(&J, &F, err)) {
        r = poly_fail(c, err);
    } else {
        r = val_pmat_new(R, J.rows, J.cols);
        for (slong k = 0; k < J.rows * J.cols; k++)
            fmpq_mpoly_swap(r->u.pmat.e + k, J.p + k, R->ctx);
    }
    polymat_clear(&J);
    polyvec_clear(&F);
    return r;
}

static Value *bi_div(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    PolyVec F;
    if ((e = get_field(c, 0, a[0], R, &F)))
        return e;
    char err[POLY_ERR_LEN];
    Value *r = val_poly_new(R);
    if (section_divergence(r->u.poly.p, &F, err)) {
        val_unref(r);
        r = poly_fail(c, err);
    }
    polyvec_clear(&F);
    return r;
}

/* ------------------------------------------------------------ subs */

typedef struct {
    fmpq_mpoly_struct **q;
} SubsCtx; /* q[j]: image of x_j */

static int map_subs(fmpq_mpoly_t r, const fmpq_mpoly_t p, const PolyRing *R, void *ctx, char *err)
{
    const SubsCtx *s = ctx;
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    int st = poly_compose(t, p, R, s->q, R, err);
    if (!st)
        fmpq_mpoly_swap(r, t, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    return st;
}

static Value *bi_subs(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 3, &R);
    if (e)
        return e;
    slong *idx, m;
    if ((e = get_coords(c, 1, a[1], R, &idx, &m)))
        return e;
    PolyVec Q;
    if (a[1]->kind == VAL_LIST) {
        e = get_vec(c, 2, a[2], R, &Q);
        if (!e && Q.len != m) {
            e = arg_error(c, 2,
                          "argument 3 (q) has %ld entries but %ld coordinates are "
                          "substituted",
                          (long)Q.len, (long)m);
            polyvec_clear(&Q);
        }
    } else {
        polyvec_init(&Q, 1, R);
        if (!convert_poly(Q.p, a[2], R)) {
            polyvec_clear(&Q);
            e = arg_type_error(c, 2, "a polynomial or a number", a[2]);
        }
    }
    if (e) {
        free(idx);
        return e;
    }
    /* images of all coordinates: the given ones, the rest unchanged */
    slong n = R->nvars;
    PolyVec G;
    polyvec_init(&G, n, R);
    fmpq_mpoly_struct **q = malloc((size_t)(n > 0 ? n : 1) * sizeof *q);
    for (slong j = 0; j < n; j++) {
        poly_set_var(G.p + j, j, R, NULL);
        q[j] = G.p + j;
    }
    for (slong k = 0; k < m; k++)
        fmpq_mpoly_set(G.p + idx[k], Q.p + k, R->ctx);
    SubsCtx s = {q};
    Value *r = map_poly(c, 0, a[0], R, map_subs, &s);
    free(q);
    free(idx);
    polyvec_clear(&G);
    polyvec_clear(&Q);
    return r;
}

/* ------------------------------------------------------------ eval */

/* Evaluates p at a real point x[0..n-1] in MPFR (out initialised). */
static void eval_mpfr(mpfr_t out, const fmpq_mpoly_t p, mpfr_t *x, const PolyRing *R)
{
    slong n = R->nvars, len = fmpq_mpoly_length(p, R->ctx);
    ulong *e = malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    mpfr_t term, pw;
    mpfr_init2(term, mpfr_get_prec(out));
    mpfr_init2(pw, mpfr_get_prec(out));
    mpq_t q;
    mpq_init(q);
    fmpq_t cq;
    fmpq_init(cq);
    mpfr_set_zero(out, 1);
    for (slong t = 0; t < len; t++) {
        poly_get_term(cq, e, p, t, R, NULL);
        fmpq_get_mpq(q, cq);
        mpfr_set_q(term, q, MPFR_RNDN);
        for (slong j = 0; j < n; j++)
            if (e[j]) {
                mpfr_pow_ui(pw, x[j], e[j], MPFR_RNDN);
                mpfr_mul(term, term, pw, MPFR_RNDN);
            }
        mpfr_add(out, out, term, MPFR_RNDN);
    }
    fmpq_clear(cq);
    mpq_clear(q);
    mpfr_clear(term);
    mpfr_clear(pw);
    free(e);
}

typedef struct {
    int real;  /* 1: MPFR point */
    fmpq **xq; /* exact point (pointers into storage) */
    fmpq *xs;
    mpfr_t *xr; /* real point */
    long prec;
} Point;

/* Evaluates v (rational, polynomial, matrix, list) at the point. */
static Value *eval_at(Call *c, const Value *v, PolyRing *R, const Point *P)
{
    char err[POLY_ERR_LEN];
    if (v->kind == VAL_LIST) {
        Value *l = val_list_new(v->u.list.n);
        for (long k = 0; k < v->u.list.n; k++) {
            Value *r = eval_at(c, v->u.list.items[k], R, P);
            if (val_is_error(r)) {
                val_unref(l);
                return r;
            }
            val_list_set(l, k, r);
        }
        return l;
    }
    if (v->kind == VAL_RAT) {
        if (!P->real)
            return val_ref((Value *)v);
        mpfr_t r;
        mpfr_init2(r, P->prec);
        mpq_t q;
        mpq_init(q);
        fmpq_get_mpq(q, v->u.q);
        mpfr_set_q(r, q, MPFR_RNDN);
        mpq_clear(q);
        Value *res = val_real(r);
        mpfr_clear(r);
        return res;
    }
    if (v->kind == VAL_POLY) {
        if (P->real) {
            mpfr_t r;
            mpfr_init2(r, P->prec);
            eval_mpfr(r, v->u.poly.p, P->xr, R);
            Value *res = val_real(r);
            mpfr_clear(r);
            return res;
        }
        Value *r = val_rat_si(0);
        if (poly_eval_fmpq(r->u.q, v->u.poly.p, P->xq, R, err)) {
            val_unref(r);
            return poly_fail(c, err);
        }
        return r;
    }
    if (v->kind == VAL_MAT)
        return val_ref((Value *)v);
    if (v->kind == VAL_PMAT) {
        long rows = v->u.pmat.rows, cols = v->u.pmat.cols;
        if (P->real) {
            DMat *d = dmat_new((int)rows, (int)cols);
            if (!d)
                return call_error(c, "out of memory");
            mpfr_t r;
            mpfr_init2(r, P->prec);
            for (long k = 0; k < rows * cols; k++) {
                eval_mpfr(r, v->u.pmat.e + k, P->xr, R);
                DMAT_AT(d, k / cols, k % cols) = mpfr_get_d(r, MPFR_RNDN);
            }
            mpfr_clear(r);
            return val_fmat(d);
        }
        Value *m = val_mat_new(rows, cols);
        for (long k = 0; k < rows * cols; k++)
            if (poly_eval_fmpq(fmpq_mat_entry(m->u.m, k / cols, k % cols), v->u.pmat.e + k, P->xq,
                               R, err)) {
                val_unref(m);
                return poly_fail(c, err);
            }
        return m;
    }
    return arg_type_error(c, 0, "a polynomial, a polynomial matrix or a list of them", v);
}

/* Float evaluation at the rows of the data matrix X. */
static Value *eval_rows(Call *c, Value **a, PolyRing *R)
{
    const DMat *X = a[1]->u.fm;
    if (X->cols != R->nvars) {
        StrBuf sb = STRBUF_INIT;
        ring_names(&sb, R);
        Value *e = arg_error(c, 1,
                             "the points (rows of argument 2) have %d coordinates but "
                             "the ring has %ld (%s)",
                             X->cols, (long)R->nvars, sb_str(&sb));
        sb_free(&sb);
        return e;
    }
    PolyVec F;
    Value *e;
    if (a[0]->kind == VAL_POLY || a[0]->kind == VAL_RAT) {
        polyvec_init(&F, 1, R);
        convert_poly(F.p, a[0], R);
    } else if ((e = get_vec(c, 0, a[0], R, &F))) {
        return e;
    }
    if (F.len > 0 && X->rows > INT_MAX / F.len) {
        polyvec_clear(&F);
        return call_error(c, "result too large");
    }
    DMat *out = dmat_zeros(X->rows, (int)F.len);
    if (!out) {
        polyvec_clear(&F);
        return call_error(c, "out of memory");
    }
    char err[POLY_ERR_LEN];
    int s = poly_eval_double_vec(out->data, X->rows, F.p, F.len, X->data, X->rows, X->rows, R, err);
    polyvec_clear(&F);
    if (s) {
        dmat_free(out);
        return poly_fail(c, err);
    }
    return val_fmat(out);
}

static Value *bi_eval(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    if (a[1]->kind == VAL_FMAT)
        return eval_rows(c, a, R);
    long n = vec_len(a[1]);
    if (n < 0 || a[1]->kind == VAL_PMAT)
        return arg_type_error(c, 1,
                              "a point (a list or column of numbers) or a float matrix "
                              "whose rows are points",
                              a[1]);
    if (n != R->nvars) {
        StrBuf sb = STRBUF_INIT;
        ring_names(&sb, R);
        e = arg_error(c, 1, "the point has %ld coordinates but the ring has %ld (%s)", n,
                      (long)R->nvars, sb_str(&sb));
        sb_free(&sb);
        return e;
    }
    Point P = {0, NULL, NULL, NULL, c->I->prec};
    if (a[1]->kind == VAL_LIST)
        for (long k = 0; k < n; k++) {
            const Value *x = a[1]->u.list.items[k];
            if (x->kind == VAL_REAL)
                P.real = 1;
            else if (x->kind != VAL_RAT)
                return arg_error(c, 1, "coordinate %ld of the point is a %s, not a number", k + 1,
                                 val_kind_name(x));
        }
    slong m = n > 0 ? n : 1;
    if (P.real) {
        P.xr = malloc((size_t)m * sizeof(mpfr_t));
        for (long k = 0; k < n; k++) {
            mpfr_init2(P.xr[k], P.prec);
            arith_to_mpfr(P.xr[k], a[1]->u.list.items[k]);
        }
    } else {
        P.xs = _fmpq_vec_init(m);
        P.xq = malloc((size_t)m * sizeof(fmpq *));
        for (long k = 0; k < n; k++) {
            if (a[1]->kind == VAL_LIST)
                fmpq_set(P.xs + k, a[1]->u.list.items[k]->u.q);
            else
                fmpq_set(P.xs + k, fmpq_mat_nrows(a[1]->u.m) == 1
                                       ? fmpq_mat_entry(a[1]->u.m, 0, k)
                                       : fmpq_mat_entry(a[1]->u.m, k, 0));
            P.xq[k] = P.xs + k;
        }
    }
    Value *r = eval_at(c, a[0], R, &P);
    if (P.real) {
        for (long k = 0; k < n; k++)
            mpfr_clear(P.xr[k]);
        free(P.xr);
    } else {
        _fmpq_vec_clear(P.xs, m);
        free(P.xq);
    }
    return r;
}

/* ------------------------------------------------------------ degrees, terms */

/* Maximum degree (total, or in variable var >= 0) over v; -1 for zero. */
static Value *degree_of(Call *c, const Value *v, const PolyRing *R, slong var, slong *deg)
{
    if (v->kind == VAL_LIST) {
        for (long k = 0; k < v->u.list.n; k++) {
            Value *e = degree_of(c, v->u.list.items[k], R, var, deg);
            if (e)
                return e;
        }
        return NULL;
    }
    const fmpq_mpoly_struct *ps;
    long np;
    if (v->kind == VAL_RAT) {
        if (!fmpq_is_zero(v->u.q) && *deg < 0)
            *deg = 0;
        return NULL;
    }
    if (v->kind == VAL_POLY) {
        ps = v->u.poly.p;
        np = 1;
    } else if (v->kind == VAL_PMAT) {
        ps = v->u.pmat.e;
        np = v->u.pmat.rows * v->u.pmat.cols;
    } else {
        return arg_type_error(c, 0, "a polynomial, a polynomial matrix or a list of them", v);
    }
    for (long k = 0; k < np; k++) {
        slong d = var < 0 ? poly_total_degree(ps + k, R) : poly_degree_var(ps + k, var, R);
        if (d > *deg)
            *deg = d;
    }
    return NULL;
}

static Value *bi_degree(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 2, &R);
    if (e)
        return e;
    slong var = -1, deg = -1;
    if (a[1] && (e = get_coord(c, 1, a[1], R, &var, "")))
        return e;
    if ((e = degree_of(c, a[0], R, var, &deg)))
        return e;
    return val_rat_si(deg);
}

/* p as a polynomial of R (argument i), or an error. */
static Value *want_poly(Call *c, Value **a, int i, const PolyRing *R, fmpq_mpoly_t p)
{
    if (!convert_poly(p, a[i], R))
        return arg_type_error(c, i, "a polynomial", a[i]);
    return NULL;
}

static Value *bi_terms(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, R->ctx);
    if ((e = want_poly(c, a, 0, R, p))) {
        fmpq_mpoly_clear(p, R->ctx);
        return e;
    }
    char err[POLY_ERR_LEN];
    slong len = poly_length(p, R);
    ulong *ex = malloc((size_t)(R->nvars > 0 ? R->nvars : 1) * sizeof(ulong));
    Value *l = val_list_new(len);
    for (slong t = 0; t < len; t++) {
        Value *q = val_rat_si(0);
        Value *m = val_poly_new(R);
        if (poly_get_term(q->u.q, ex, p, t, R, err)) {
            val_unref(q);
            val_unref(m);
            val_unref(l);
            l = poly_fail(c, err);
            break;
        }
        fmpq_t one;
        fmpq_init(one);
        fmpq_one(one);
        fmpq_mpoly_set_coeff_fmpq_ui(m->u.poly.p, one, ex, R->ctx);
        fmpq_clear(one);
        Value *pair = val_list_new(2);
        val_list_set(pair, 0, q);
        val_list_set(pair, 1, m);
        val_list_set(l, t, pair);
    }
    free(ex);
    fmpq_mpoly_clear(p, R->ctx);
    return l;
}

static Value *bi_nterms(Call *c, Value **a)
{
    if (a[0]->kind == VAL_RAT)
        return val_rat_si(fmpq_is_zero(a[0]->u.q) ? 0 : 1);
    if (a[0]->kind != VAL_POLY)
        return arg_type_error(c, 0, "a polynomial", a[0]);
    return val_rat_si(poly_length(a[0]->u.poly.p, a[0]->u.poly.ring));
}

static Value *bi_coeff(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 2, &R);
    if (e)
        return e;
    fmpq_mpoly_t p, m;
    fmpq_mpoly_init(p, R->ctx);
    fmpq_mpoly_init(m, R->ctx);
    Value *r = want_poly(c, a, 0, R, p);
    if (!r && !convert_poly(m, a[1], R))
        r = arg_type_error(c, 1, "a monomial such as x^2*y", a[1]);
    fmpq_t q;
    fmpq_init(q);
    ulong *ex = malloc((size_t)(R->nvars > 0 ? R->nvars : 1) * sizeof(ulong));
    if (!r) {
        char err[POLY_ERR_LEN];
        if (poly_length(m, R) != 1 || poly_get_term(q, ex, m, 0, R, err) || !fmpq_is_one(q)) {
            char *s = poly_to_string(m, R, POLY_FMT_PLAIN);
            r = arg_error(c, 1,
                          "argument 2 (m) must be a monomial such as x^2*y (coefficient "
                          "1), not %s",
                          s ? s : "?");
            free(s);
        } else if (poly_check(p, R, err)) {
            r = poly_fail(c, err);
        } else {
            r = val_rat_si(0);
            fmpq_mpoly_get_coeff_fmpq_ui(r->u.q, p, ex, R->ctx);
        }
    }
    free(ex);
    fmpq_clear(q);
    fmpq_mpoly_clear(p, R->ctx);
    fmpq_mpoly_clear(m, R->ctx);
    return r;
}

/* ------------------------------------------------------------ monomial bases */

static Value *basis_init(Call *c, MonoBasis *B, slong n, long d)
{
    char err[POLY_ERR_LEN];
    if (monobasis_size(n, d) < 0)
        return call_error(c, "too many monomials of degree <= %ld in %ld variables", d, (long)n);
    if (monobasis_init(B, n, d, err))
        return poly_fail(c, err);
    return NULL;
}

static Value *bi_monomials(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a + 1, a[1] ? 1 : 0, &R);
    if (e)
        return e;
    long d;
    if ((e = arg_long(c, a, 0, 0, POLY_MAX_DEGREE, &d)))
        return e;
    slong *idx = NULL, n = R->nvars;
    if (a[1] && (e = get_coords(c, 1, a[1], R, &idx, &n)))
        return e;
    slong size = monobasis_size(n, d);
    if (size < 0 || size > POLY_MAX_LIST) {
        free(idx);
        return call_error(c, "too many monomials of degree <= %ld in %ld variables", d, (long)n);
    }
    MonoBasis B;
    if ((e = basis_init(c, &B, n, d))) {
        free(idx);
        return e;
    }
    ulong *ex = calloc((size_t)(R->nvars > 0 ? R->nvars : 1), sizeof(ulong));
    fmpq_t one;
    fmpq_init(one);
    fmpq_one(one);
    Value *l = val_list_new(B.size);
    for (slong i = 0; i < B.size; i++) {
        const ulong *mi = monobasis_exp(&B, i);
        for (slong j = 0; j < n; j++)
            ex[idx ? idx[j] : j] = mi[j];
        Value *m = val_poly_new(R);
        fmpq_mpoly_set_coeff_fmpq_ui(m->u.poly.p, one, ex, R->ctx);
        val_list_set(l, i, m);
    }
    fmpq_clear(one);
    free(ex);
    free(idx);
    monobasis_clear(&B);
    return l;
}

static Value *bi_coeffs(Call *c, Value **a)
{
    if (model_space_of(a[0]))
        return model_builtin_coeffs(c, a);
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    long d;
    if ((e = arg_long(c, a, 1, 0, POLY_MAX_DEGREE, &d)))
        return e;
    PolyVec F;
    if (a[0]->kind == VAL_POLY || a[0]->kind == VAL_RAT) {
        polyvec_init(&F, 1, R);
        convert_poly(F.p, a[0], R);
    } else if ((e = get_vec(c, 0, a[0], R, &F))) {
        return e;
    }
    slong deg = polyvec_degree(&F);
    if (deg > d) {
        polyvec_clear(&F);
        return arg_error(c, 0, "argument 1 (p) has degree %ld, more than d = %ld", (long)deg, d);
    }
    MonoBasis B;
    if ((e = basis_init(c, &B, R->nvars, d))) {
        polyvec_clear(&F);
        return e;
    }
    Value *r;
    if (F.len > 0 && B.size > QMAT_MAX_ENTRIES / F.len) {
        r = call_error(c, "the coefficient vector would have more than %ld entries",
                       (long)QMAT_MAX_ENTRIES);
    } else {
        char err[POLY_ERR_LEN];
        slong N = F.len * B.size;
        fmpq *v = _fmpq_vec_init(N > 0 ? N : 1);
        if (monobasis_coeffs_vec(v, F.p, F.len, &B, R, err)) {
            r = poly_fail(c, err);
        } else {
            r = val_mat_new(N, 1);
            for (slong i = 0; i < N; i++)
                fmpq_swap(fmpq_mat_entry(r->u.m, i, 0), v + i);
        }
        _fmpq_vec_clear(v, N > 0 ? N : 1);
    }
    monobasis_clear(&B);
    polyvec_clear(&F);
    return r;
}

static Value *bi_from_coeffs(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 0, &R);
    if (e)
        return e;
    long d;
    if ((e = arg_long(c, a, 1, 0, POLY_MAX_DEGREE, &d)))
        return e;
    const Value *cv = a[0];
    long L = cv->kind == VAL_LIST || cv->kind == VAL_MAT ? vec_len(cv) : -1;
    if (L < 0)
        return arg_type_error(c, 0, "an exact column or a list of numbers", cv);
    if (cv->kind == VAL_LIST)
        for (long k = 0; k < L; k++)
            if (cv->u.list.items[k]->kind != VAL_RAT)
                return arg_error(c, 0, "item %ld of argument 1 (c) is a %s, not a rational", k + 1,
                                 val_kind_name(cv->u.list.items[k]));
    MonoBasis B;
    if ((e = basis_init(c, &B, R->nvars, d)))
        return e;
    if (L == 0 || L % B.size != 0) {
        StrBuf sb = STRBUF_INIT;
        ring_names(&sb, R);
        e = arg_error(c, 0,
                      "argument 1 (c) has %ld entries, not a nonzero multiple of %ld (the "
                      "number of monomials of degree <= %ld in %s)",
                      L, (long)B.size, d, sb_str(&sb));
        sb_free(&sb);
        monobasis_clear(&B);
        return e;
    }
    slong k = L / B.size;
    fmpq *v = _fmpq_vec_init(L);
    for (long i = 0; i < L; i++) {
        if (cv->kind == VAL_LIST)
            fmpq_set(v + i, cv->u.list.items[i]->u.q);
        else
            fmpq_set(v + i, fmpq_mat_nrows(cv->u.m) == 1 ? fmpq_mat_entry(cv->u.m, 0, i)
                                                         : fmpq_mat_entry(cv->u.m, i, 0));
    }
    char err[POLY_ERR_LEN];
    PolyVec F;
    polyvec_init(&F, k, R);
    Value *r;
    if (monobasis_poly_vec(F.p, k, v, &B, R, err)) {
        r = poly_fail(c, err);
    } else if (k == 1) {
        r = val_poly_new(R);
        fmpq_mpoly_swap(r->u.poly.p, F.p, R->ctx);
    } else {
        r = column_from_vec(&F);
    }
    polyvec_clear(&F);
    _fmpq_vec_clear(v, L);
    monobasis_clear(&B);
    return r;
}

/* ------------------------------------------------------------ vector fields */

static Value *bi_field(Call *c, Value **a)
{
    const Value *items = a[0];
    if (items->u.list.n == 1 && items->u.list.items[0]->kind == VAL_LIST)
        items = items->u.list.items[0];
    if (items->u.list.n == 0)
        return call_error(c, "needs at least one component");
    PolyRing *R;
    Value *e = call_ring(c, (Value **)&items, 1, &R);
    if (e)
        return e;
    Value *m = val_pmat_new(R, items->u.list.n, 1);
    for (long k = 0; k < items->u.list.n; k++)
        if (!convert_poly(m->u.pmat.e + k, items->u.list.items[k], R)) {
            val_unref(m);
            return call_error(c, "component %ld is a %s, not a polynomial", k + 1,
                              val_kind_name(items->u.list.items[k]));
        }
    return m;
}

static Value *bi_vbracket(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 2, &R);
    if (e)
        return e;
    PolyVec X, Y, Z;
    if ((e = get_field(c, 0, a[0], R, &X)))
        return e;
    if ((e = get_field(c, 1, a[1], R, &Y))) {
        polyvec_clear(&X);
        return e;
    }
    char err[POLY_ERR_LEN];
    polyvec_init(&Z, R->nvars, R);
    Value *r = section_bracket(&Z, &X, &Y, err) ? poly_fail(c, err) : column_from_vec(&Z);
    polyvec_clear(&X);
    polyvec_clear(&Y);
    polyvec_clear(&Z);
    return r;
}

static int emit_dense(void *ctx, slong row, slong col, const fmpq_t val)
{
    fmpq_set(fmpq_mat_entry(*(fmpq_mat_struct **)ctx, row, col), val);
    return 0;
}

static Value *bi_derivation_matrix(Call *c, Value **a)
{
    PolyRing *R;
    Value *e = call_ring(c, a, 1, &R);
    if (e)
        return e;
    long d;
    if ((e = arg_long(c, a, 1, 0, POLY_MAX_DEGREE, &d)))
        return e;
    PolyVec v;
    if ((e = get_field(c, 0, a[0], R, &v)))
        return e;
    slong dout = section_lie_matrix_degree(NULL, &v, d);
    slong ncols = monobasis_size(R->nvars, d), nrows = monobasis_size(R->nvars, dout);
    Value *r;
    if (ncols < 0 || nrows < 0 || !qmat_size_ok(nrows, ncols)) {
        r = call_error(c, "the matrix would be too large (more than %ld entries)",
                       (long)QMAT_MAX_ENTRIES);
    } else {
        char err[POLY_ERR_LEN];
        r = val_mat_new(nrows, ncols);
        fmpq_mat_struct *M = r->u.m;
        if (section_lie_matrix(emit_dense, &M, NULL, &v, 1, d, &dout, err)) {
            val_unref(r);
            r = poly_fail(c, err);
        }
    }
    polyvec_clear(&v);
    return r;
}

const Builtin builtins_poly[] = {
    {"diff", "p, x, k = 1", bi_diff, "polynomials",
     "The derivative of p with respect to the coordinate x (k-th derivative when k is given). "
     "p may be a polynomial, a rational (a constant), a polynomial or exact matrix, or a list of "
     "these: matrices and lists are differentiated entry by entry.  The result is a polynomial "
     "(or a polynomial matrix / list of the same shape).",
     "coords x, y; diff(x^3*y + y^2, x)", "3*x^2*y"},
    {"grad", "p", bi_grad, "polynomials",
     "The gradient of the polynomial p: the column of its partial derivatives, one per "
     "coordinate in the order of `coords` (a polynomial matrix n x 1).",
     "coords x, y; grad(x^2*y)", "[2*x*y; x^2]"},
    {"jacobian", "F", bi_jacobian, "polynomials",
     "The Jacobian matrix DF of a list or column of k polynomials: the k x n polynomial matrix "
     "with entry (i, j) = dF_i/dx_j (n coordinates).",
     "coords x, y; jacobian([x*y, x + y^2])", "[y, x; 1, 2*y]"},
    {"div", "F", bi_div, "polynomials",
     "The divergence sum_i dF_i/dx_i of a vector field F (a list or column with one "
     "polynomial per coordinate).",
     "coords x, y; div(field(x^2, x*y))", "3*x"},
    {"subs", "p, x, q", bi_subs, "polynomials",
     "Substitution: p with the coordinate x replaced by q (a number or polynomial).  With a "
     "list of coordinates and a list (or column) of values, all are replaced at once, so "
     "subs(p, [x, y], [y, x]) swaps x and y, and substituting every coordinate composes "
     "polynomial maps.  p may also be a matrix or list of polynomials (entry by entry).",
     "coords x, y; subs(x^2 + y, [x, y], [y, x])", "y^2 + x"},
    {"eval", "p, point", bi_eval, "polynomials",
     "The value of p at a point.  An exact point (a list or column of rationals, one per "
     "coordinate) gives an exact rational; a polynomial matrix gives an exact matrix and a "
     "list a list.  A point with a real coordinate is evaluated in MPFR at the session "
     "precision.  A float matrix whose rows are points gives a float column of the values "
     "(one column per component for a list or column of polynomials), evaluated in double.",
     "coords x, y; eval(x^2*y - 1/2, [3, 1/3])", "5/2"},
    {"degree", "p, x = nil", bi_degree, "polynomials",
     "The total degree of p, or its degree in the coordinate x.  By convention degree(0) = -1 "
     "and a nonzero constant has degree 0; for a polynomial matrix or a list, the largest "
     "degree of an entry.",
     "coords x, y; [degree(x^3*y + y), degree(x^3*y + y, y), degree(0)]", "[4, 1, -1]"},
    {"terms", "p", bi_terms, "polynomials",
     "The terms of p as a list of [coefficient, monomial] pairs, in the printed order "
     "(descending total degree, then lexicographic in the coordinates).",
     "coords x, y; terms(3*x^2 - y/2)", "[[3, x^2], [-1/2, y]]"},
    {"coeff", "p, m", bi_coeff, "polynomials",
     "The coefficient (a rational) of the monomial m (such as x^2*y, or 1 for the constant "
     "term) in p.",
     "coords x, y; coeff(3*x^2*y - y + 2, x^2*y)", "3"},
    {"nterms", "p", bi_nterms, "polynomials", "The number of nonzero terms of p.",
     "coords x, y; nterms(x^2 + 2*x*y - 1)", "3"},
    {"monomials", "d, vars = nil", bi_monomials, "polynomials",
     "All monomials of total degree <= d in the coordinates (or in the list vars), as a list "
     "in the fixed basis order: ascending degree, and within a degree descending "
     "lexicographic (1, x, y, x^2, x*y, y^2, ...).  coeffs and derivation_matrix use the "
     "same order.",
     "coords x, y; monomials(2)", "[1, x, y, x^2, x*y, y^2]"},
    {"coeffs", "p, d", bi_coeffs, "polynomials",
     "The coefficients of p in monomials(d) as an exact column.  For a list or column of k "
     "polynomials (a vector field) the column is component-major: all coefficients of the "
     "first component, then of the second, ...  Fails if p has degree above d.",
     "coords x, y; coeffs(2*x*y - y + 1, 2)", "[1; 0; -1; 0; 2; 0]"},
    {"from_coeffs", "c, d", bi_from_coeffs, "polynomials",
     "The inverse of coeffs: the polynomial with coefficient column c (an exact column or a "
     "list of rationals) in monomials(d) of the current coordinates.  A column k times "
     "longer gives a column of k polynomials (component-major).",
     "coords x, y; from_coeffs([1; 0; -1; 0; 2; 0], 2)", "2*x*y - y + 1"},
    {"field", "*components", bi_field, "polynomials",
     "A vector field (or section) as a column of polynomials, one per argument; rationals "
     "are constants.  field([p1, p2]) works too.",
     "coords x, y; field(-y, x)", "[-y; x]"},
    {"vbracket", "X, Y", bi_vbracket, "polynomials",
     "The geometric bracket [X, Y] = DY*X - DX*Y of two polynomial vector fields (lists or "
     "columns with one component per coordinate), as a column.",
     "coords x, y; vbracket(field(1, 0), field(0, x))", "[0; 1]"},
    {"derivation_matrix", "v, d", bi_derivation_matrix, "polynomials",
     "The exact matrix of F -> -DF*v (the Lie derivative of scalar functions along the "
     "velocity field v, as lie uses it) on polynomials of degree <= d: column j is the image "
     "of monomial j of monomials(d), rows are coefficients in monomials(d + deg v - 1).",
     "coords x, y; derivation_matrix(field(-y, x), 1)", "[0, 0, 0; 0, 0, -1; 0, 1, 0]"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
