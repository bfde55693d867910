/* builtins_lie.c — Lie algebras, groups and bundles as values; brackets, the
 * Lie derivative lie(ξ, F) and the group action act(h, F).  Glue only: the
 * work is in runtime/lie (algebras, discrete generators) and
 * runtime/exact/section (sections).  Representations and equivariant maps
 * are in builtins_rep.c; the shared object kinds are in builtins_lie.h. */
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "builtins_lie.h"
#include "interp.h"
#include "print.h"
#include "exact/poly.h"
#include "exact/section.h"

/* ------------------------------------------------------------ algebras */

static void alg_free(void *d)
{
    MatAlgebra *g = d;
    algebra_clear(g);
    free(g);
}

static void alg_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const MatAlgebra *g = v->u.obj.data;
    sb_printf(sb, "%s: Lie algebra of dimension %ld (%ldx%ld matrices)", g->name, (long)g->dim,
              (long)g->n, (long)g->n);
    for (slong i = 0; i < g->dim; i++) {
        sb_puts(sb, "\n  ");
        print_qmat(sb, g->basis + i, fmt);
    }
}

static Value *alg_index(const Value *v, long i)
{
    const MatAlgebra *g = v->u.obj.data;
    if (i < 1 || i > g->dim)
        return NULL;
    return val_mat(g->basis + i - 1);
}

static long alg_length(const Value *v)
{
    return ((const MatAlgebra *)v->u.obj.data)->dim;
}

const ObjType lie_algebra_type = {"Lie algebra", alg_free, alg_print, alg_index, NULL,
                                  alg_length, NULL};

/* ------------------------------------------------------------ groups */

static void group_free(void *d)
{
    LieGroup *G = d;
    val_unref(G->alg);
    discrete_clear(&G->gens);
    free(G);
}

static void group_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const LieGroup *G = v->u.obj.data;
    const MatAlgebra *g = G->alg->u.obj.data;
    slong c = G->gens.count;
    if (g->dim == 0)
        sb_printf(sb, "%s: finite group of %ldx%ld matrices, %ld generator%s", G->gens.name,
                  (long)G->gens.n, (long)G->gens.n, (long)c, c == 1 ? "" : "s");
    else if (c == 0)
        sb_printf(sb, "%s: connected group of %ldx%ld matrices, Lie algebra %s of dimension %ld",
                  G->gens.name, (long)g->n, (long)g->n, g->name, (long)g->dim);
    else
        sb_printf(sb, "%s: group of %ldx%ld matrices, Lie algebra %s of dimension %ld, %ld "
                      "discrete generator%s",
                  G->gens.name, (long)g->n, (long)g->n, g->name, (long)g->dim, (long)c,
                  c == 1 ? "" : "s");
    for (slong i = 0; i < c; i++) {
        sb_puts(sb, "\n  ");
        print_qmat(sb, G->gens.gens + i, fmt);
    }
}

static long group_length(const Value *v)
{
    const LieGroup *G = v->u.obj.data;
    return ((const MatAlgebra *)G->alg->u.obj.data)->dim;
}

const ObjType lie_group_type = {"group", group_free, group_print, NULL, NULL, group_length, NULL};

/* ------------------------------------------------------------ representations */

static void rep_free(void *d)
{
    LieRep *R = d;
    rep_clear(&R->r);
    val_unref(R->owner);
    free(R);
}

static void rep_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    (void)fmt;
    const LieRep *R = v->u.obj.data;
    sb_printf(sb, "%s: representation of %s of dimension %ld", R->r.name, R->r.alg->name,
              (long)R->r.dim);
}

static Value *rep_index(const Value *v, long i)
{
    const LieRep *R = v->u.obj.data;
    if (i < 1 || i > R->r.alg->dim)
        return NULL;
    return val_mat(R->r.images + i - 1);
}

static long rep_length(const Value *v)
{
    return ((const LieRep *)v->u.obj.data)->r.dim;
}

/* r + s (direct sum), r * s (tensor product). */
static Value *rep_binop(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    const MatRep *ra = lie_rep(a), *rb = lie_rep(b);
    if (!ra || !rb || (op != OP_ADD && op != OP_MUL))
        return NULL;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    int st = op == OP_ADD ? rep_init_sum(&R->r, ra, rb, err) : rep_init_tensor(&R->r, ra, rb, err);
    if (st) {
        rep_clear(&R->r);
        free(R);
        return val_error(sp, "%s", err[0] ? err : algebra_strerror(st));
    }
    /* the owner: a group if either side has one (it carries the generators) */
    const LieRep *A = a->u.obj.data, *B = b->u.obj.data;
    Value *owner = val_is_obj(B->owner, &lie_group_type) ? B->owner : A->owner;
    return lie_rep_value(R, owner);
}

const ObjType lie_rep_type = {"representation", rep_free, rep_print, rep_index, NULL, rep_length,
                              rep_binop};

Value *lie_rep_value(LieRep *R, Value *owner)
{
    R->owner = val_ref(owner);
    return val_obj(&lie_rep_type, R);
}

const MatRep *lie_rep(const Value *v)
{
    return v && val_is_obj(v, &lie_rep_type) ? &((const LieRep *)v->u.obj.data)->r : NULL;
}

const DiscreteGens *lie_group_gens(const Value *v)
{
    return v && val_is_obj(v, &lie_group_type) ? &((const LieGroup *)v->u.obj.data)->gens : NULL;
}

/* ------------------------------------------------------------ bundles */

static void bundle_free(void *d)
{
    LieBundle *B = d;
    val_unref(B->owner);
    val_unref(B->rep);
    free(B);
}

static void bundle_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    (void)fmt;
    const LieBundle *B = v->u.obj.data;
    const MatAlgebra *g = lie_owner_algebra(B->owner);
    static const char *what[] = {"scalar functions", "vector fields", "1-forms", "tensor fields",
                                 "sections"};
    sb_printf(sb, "bundle of %s", what[B->kind]);
    if (B->kind == BUNDLE_TENSORS)
        sb_printf(sb, " of type (%ld, %ld)", B->p, B->q);
    if (B->kind == BUNDLE_SECTIONS)
        sb_printf(sb, " of %s", ((const MatRep *)lie_rep(B->rep))->name);
    sb_printf(sb, " over R^%ld (fiber dimension %ld), acted on by %s", B->n, B->k, g->name);
}

static long bundle_length(const Value *v)
{
    return ((const LieBundle *)v->u.obj.data)->k;
}

const ObjType lie_bundle_type = {"bundle", bundle_free, bundle_print, NULL, NULL, bundle_length,
                                 NULL};

/* ------------------------------------------------------------ helpers */

const MatAlgebra *lie_owner_algebra(const Value *v)
{
    if (val_is_obj(v, &lie_algebra_type))
        return v->u.obj.data;
    if (val_is_obj(v, &lie_group_type))
        return ((const LieGroup *)v->u.obj.data)->alg->u.obj.data;
    return NULL;
}

Value *lie_alg_value(MatAlgebra *g)
{
    return val_obj(&lie_algebra_type, g);
}

Value *lie_alg_fail(Call *c, int st, const char *err)
{
    return call_error(c, "%s", err && err[0] ? err : algebra_strerror(st));
}

/* A list of exact square matrices of one size: *mats (shallow struct copies,
   free() only) and *n.  NULL or an error. */
Value *lie_get_mats(Call *c, Value **a, int i, fmpq_mat_struct **mats, slong *count, slong *n,
                    int allow_empty)
{
    Value *l = a[i];
    if (!l || l->kind != VAL_LIST)
        return arg_type_error(c, i, "a list of matrices", l);
    if (l->u.list.n == 0 && !allow_empty)
        return arg_error(c, i, "the list is empty");
    *n = -1;
    for (long j = 0; j < l->u.list.n; j++) {
        Value *m = l->u.list.items[j];
        if (m->kind != VAL_MAT)
            return arg_error(c, i, "item %ld is a %s, not an exact matrix", j + 1,
                             val_kind_name(m));
        slong r = fmpq_mat_nrows(m->u.m), k = fmpq_mat_ncols(m->u.m);
        if (r != k)
            return arg_error(c, i, "item %ld is %ldx%ld, not square", j + 1, (long)r, (long)k);
        if (*n >= 0 && r != *n)
            return arg_error(c, i, "item %ld is %ldx%ld but item 1 is %ldx%ld", j + 1, (long)r,
                             (long)r, (long)*n, (long)*n);
        *n = r;
    }
    *count = l->u.list.n;
    *mats = flint_malloc((l->u.list.n + 1) * sizeof(fmpq_mat_struct));
    for (long j = 0; j < l->u.list.n; j++)
        (*mats)[j] = *l->u.list.items[j]->u.m;
    return NULL;
}

static Value *want_alg(Call *c, Value **a, int i, const MatAlgebra **g)
{
    if (!a[i] || !val_is_obj(a[i], &lie_algebra_type))
        return arg_type_error(c, i, "a Lie algebra", a[i]);
    *g = a[i]->u.obj.data;
    return NULL;
}

/* An algebra made by an engine constructor: value or error. */
static Value *alg_result(Call *c, MatAlgebra *g, int st, const char *err)
{
    if (st) {
        algebra_clear(g);
        free(g);
        return lie_alg_fail(c, st, err);
    }
    return lie_alg_value(g);
}

static Value *alg_make(Call *c, Value **a, int (*init)(MatAlgebra *, slong, char *), long lo,
                       long hi)
{
    long n;
    Value *e = arg_long(c, a, 0, lo, hi, &n);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *g = malloc(sizeof *g);
    int st = init(g, n, err);
    return alg_result(c, g, st, err);
}

static Value *bi_gl(Call *c, Value **a) { return alg_make(c, a, algebra_init_gl, 1, ALG_MAX_N); }
static Value *bi_sl(Call *c, Value **a) { return alg_make(c, a, algebra_init_sl, 1, ALG_MAX_N); }
static Value *bi_t(Call *c, Value **a) { return alg_make(c, a, algebra_init_t, 1, ALG_MAX_N - 1); }
static Value *bi_se(Call *c, Value **a)
{
    return alg_make(c, a, algebra_init_se, 1, ALG_MAX_N - 1);
}
static Value *bi_aff(Call *c, Value **a)
{
    return alg_make(c, a, algebra_init_aff, 1, ALG_MAX_N - 1);
}

static Value *bi_sp(Call *c, Value **a)
{
    long n;
    Value *e = arg_long(c, a, 0, 2, ALG_MAX_N, &n);
    if (e)
        return e;
    if (n % 2)
        return arg_error(c, 0, "sp(n) needs an even n (sp(4) is 4x4), not %ld", n);
    return alg_make(c, a, algebra_init_sp, 2, ALG_MAX_N);
}

static Value *bi_so(Call *c, Value **a)
{
    if (!a[1])
        return alg_make(c, a, algebra_init_so, 1, ALG_MAX_N);
    long p, q;
    Value *e = arg_long(c, a, 0, 0, ALG_MAX_N, &p);
    if (e || (e = arg_long(c, a, 1, 0, ALG_MAX_N, &q)))
        return e;
    if (p + q < 1 || p + q > ALG_MAX_N)
        return call_error(c, "so(p, q) needs 1 <= p + q <= %d", ALG_MAX_N);
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_so_pq(g, p, q, err);
    return alg_result(c, g, st, err);
}

/* 1 if every matrix has a zero last row (and n >= 2). */
static int mats_affine(const fmpq_mat_struct *m, slong count, slong n)
{
    if (n < 2 || count == 0)
        return 0;
    for (slong i = 0; i < count; i++)
        for (slong j = 0; j < n; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(m + i, n - 1, j)))
                return 0;
    return 1;
}

static Value *bi_algebra(Call *c, Value **a)
{
    fmpq_mat_struct *m;
    slong count, n;
    Value *e = lie_get_mats(c, a, 0, &m, &count, &n, 0);
    if (e)
        return e;
    if (n > ALG_MAX_N) {
        flint_free(m);
        return arg_error(c, 0, "matrices larger than %dx%d are not supported", ALG_MAX_N,
                         ALG_MAX_N);
    }
    char err[ALG_ERR_LEN] = "";
    slong bi = 0, bj = 0;
    fmpq_mat_t br;
    fmpq_mat_init(br, 0, 0);
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_span(g, m, count, mats_affine(m, count, n), "algebra", &bi, &bj, br,
                               err);
    flint_free(m);
    if (st == ALG_ERR_NOT_CLOSED) {
        StrBuf sb = {0};
        print_qmat(&sb, br, FMT_PLAIN);
        Value *r = arg_error(c, 0,
                             "the span is not closed under the bracket: [item %ld, item %ld] = "
                             "%s is not in it (closure(...) gives the generated algebra)",
                             (long)bi, (long)bj, sb_str(&sb));
        sb_free(&sb);
        fmpq_mat_clear(br);
        algebra_clear(g);
        free(g);
        return r;
    }
    fmpq_mat_clear(br);
    return alg_result(c, g, st, err);
}

static Value *bi_closure(Call *c, Value **a)
{
    fmpq_mat_struct *m;
    slong count, n;
    Value *e = lie_get_mats(c, a, 0, &m, &count, &n, 0);
    if (e)
        return e;
    if (n > ALG_MAX_N) {
        flint_free(m);
        return arg_error(c, 0, "matrices larger than %dx%d are not supported", ALG_MAX_N,
                         ALG_MAX_N);
    }
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_closure(g, m, count, mats_affine(m, count, n), "closure", err);
    flint_free(m);
    return alg_result(c, g, st, err);
}

/* dim: generic over the kinds that have one. */
static Value *bi_dim(Call *c, Value **a)
{
    Value *v = a[0];
    if (v->kind == VAL_LIST)
        return val_rat_si(v->u.list.n);
    if (v->kind == VAL_OBJ) {
        const MatAlgebra *g = lie_owner_algebra(v);
        if (g)
            return val_rat_si(g->dim);
        if (v->u.obj.type->length && v->u.obj.type->length(v) >= 0)
            return val_rat_si(v->u.obj.type->length(v));
    }
    if (v->kind == VAL_MAT || v->kind == VAL_PMAT || v->kind == VAL_FMAT)
        return arg_error(c, 0, "a matrix has no dimension: use size(A) or rank(A)");
    return arg_type_error(c, 0, "an algebra, group, representation, bundle, space or list", v);
}

static Value *bi_basis(Call *c, Value **a)
{
    const MatAlgebra *g = lie_owner_algebra(a[0]);
    if (!g)
        return arg_type_error(c, 0, "a Lie algebra", a[0]);
    Value *l = val_list_new(g->dim);
    for (slong i = 0; i < g->dim; i++)
        val_list_set(l, i, val_mat(g->basis + i));
    return l;
}

static Value *bi_structure(Call *c, Value **a)
{
    const MatAlgebra *g = NULL;
    Value *e = want_alg(c, a, 0, &g);
    if (e)
        return e;
    slong d = g->dim;
    if (d > 0 && d * d * d > ALG_MAX_WORK)
        return call_error(c, "the algebra is too large (dimension %ld)", (long)d);
    fmpq *s = _fmpq_vec_init(d * d * d + 1);
    char err[ALG_ERR_LEN] = "";
    int st = algebra_structure_constants(s, g, err);
    if (st) {
        _fmpq_vec_clear(s, d * d * d + 1);
        return lie_alg_fail(c, st, err);
    }
    Value *l = val_list_new(d);
    for (slong k = 0; k < d; k++) {
        Value *m = val_mat_new(d, d);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++)
                fmpq_set(fmpq_mat_entry(m->u.m, i, j), s + (i * d + j) * d + k);
        val_list_set(l, k, m);
    }
    _fmpq_vec_clear(s, d * d * d + 1);
    return l;
}

static Value *bi_killing(Call *c, Value **a)
{
    const MatAlgebra *g = NULL;
    Value *e = want_alg(c, a, 0, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    Value *k = val_mat_new(0, 0);
    int st = algebra_killing(k->u.m, g, err);
    if (st) {
        val_unref(k);
        return lie_alg_fail(c, st, err);
    }
    return k;
}

static Value *sub_result(Call *c, MatAlgebra *out, int st, const char *err, const char *name,
                         const MatAlgebra *h, const MatAlgebra *g)
{
    if (!st && h)
        snprintf(out->name, sizeof out->name, "%s(%.14s, %.14s)", name, h->name, g->name);
    else if (!st)
        snprintf(out->name, sizeof out->name, "%s(%.30s)", name, g->name);
    return alg_result(c, out, st, err);
}

static Value *bi_center(Call *c, Value **a)
{
    const MatAlgebra *g = NULL;
    Value *e = want_alg(c, a, 0, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *out = malloc(sizeof *out);
    int st = algebra_center(out, g, err);
    return sub_result(c, out, st, err, "center", NULL, g);
}

static Value *bi_derived(Call *c, Value **a)
{
    const MatAlgebra *g = NULL;
    Value *e = want_alg(c, a, 0, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *out = malloc(sizeof *out);
    int st = algebra_derived(out, g, err);
    return sub_result(c, out, st, err, "derived", NULL, g);
}

static Value *two_algs(Call *c, Value **a, const MatAlgebra **h, const MatAlgebra **g)
{
    Value *e = want_alg(c, a, 0, h);
    if (e || (e = want_alg(c, a, 1, g)))
        return e;
    if ((*h)->n != (*g)->n)
        return call_error(c, "the algebras act on different sizes (%ldx%ld and %ldx%ld)",
                          (long)(*h)->n, (long)(*h)->n, (long)(*g)->n, (long)(*g)->n);
    return NULL;
}

static Value *bi_centralizer(Call *c, Value **a)
{
    const MatAlgebra *h = NULL, *g = NULL;
    Value *e = two_algs(c, a, &h, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *out = malloc(sizeof *out);
    int st = algebra_centralizer(out, h, g, err);
    return sub_result(c, out, st, err, "centralizer", h, g);
}

static Value *bi_normalizer(Call *c, Value **a)
{
    const MatAlgebra *h = NULL, *g = NULL;
    Value *e = two_algs(c, a, &h, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *out = malloc(sizeof *out);
    int st = algebra_normalizer(out, h, g, err);
    return sub_result(c, out, st, err, "normalizer", h, g);
}

static Value *bi_is_subalgebra(Call *c, Value **a)
{
    const MatAlgebra *h = NULL, *g = NULL;
    Value *e = want_alg(c, a, 0, &h);
    if (e || (e = want_alg(c, a, 1, &g)))
        return e;
    return val_bool(h->n == g->n && algebra_is_subalgebra(h, g));
}

/* ------------------------------------------------------------ sections */

/* The coordinate ring of a value (its own, else the session's). */
static PolyRing *value_ring(Call *c, const Value *v)
{
    if (v && v->kind == VAL_POLY)
        return v->u.poly.ring;
    if (v && v->kind == VAL_PMAT)
        return v->u.pmat.ring;
    if (v && v->kind == VAL_LIST)
        for (long i = 0; i < v->u.list.n; i++)
            if (v->u.list.items[i]->kind == VAL_POLY)
                return v->u.list.items[i]->u.poly.ring;
    return c->I->ring;
}

/* Read F as a section: a polynomial or rational (k = 1, *shape 0), a column
   of polynomials (*shape 1) or a list of polynomials (*shape 2).
   Initialises *F over R on success. */
static Value *get_section(Call *c, Value **a, int i, PolyRing *R, PolyVec *F, int *shape)
{
    Value *v = a[i];
    if (v->kind == VAL_POLY || v->kind == VAL_RAT) {
        if (v->kind == VAL_POLY && v->u.poly.ring != R)
            return arg_error(c, i, "the polynomial is over other coordinates");
        polyvec_init(F, 1, R);
        if (v->kind == VAL_POLY)
            fmpq_mpoly_set(F->p, v->u.poly.p, R->ctx);
        else
            poly_set_fmpq(F->p, v->u.q, R);
        *shape = 0;
        return NULL;
    }
    if ((v->kind == VAL_PMAT && v->u.pmat.cols == 1) || v->kind == VAL_MAT) {
        if (v->kind == VAL_PMAT && v->u.pmat.ring != R)
            return arg_error(c, i, "the polynomials are over other coordinates");
        if (v->kind == VAL_MAT && fmpq_mat_ncols(v->u.m) != 1)
            return arg_type_error(c, i, "a polynomial or a column of polynomials", v);
        slong k = v->kind == VAL_PMAT ? v->u.pmat.rows : fmpq_mat_nrows(v->u.m);
        polyvec_init(F, k, R);
        for (slong j = 0; j < k; j++) {
            if (v->kind == VAL_PMAT)
                fmpq_mpoly_set(F->p + j, v->u.pmat.e + j, R->ctx);
            else
                poly_set_fmpq(F->p + j, fmpq_mat_entry(v->u.m, j, 0), R);
        }
        *shape = 1;
        return NULL;
    }
    if (v->kind == VAL_LIST && v->u.list.n > 0) {
        for (long j = 0; j < v->u.list.n; j++) {
            Value *p = v->u.list.items[j];
            if (p->kind != VAL_POLY && p->kind != VAL_RAT)
                return arg_error(c, i, "item %ld is a %s, not a polynomial", j + 1,
                                 val_kind_name(p));
            if (p->kind == VAL_POLY && p->u.poly.ring != R)
                return arg_error(c, i, "item %ld is over other coordinates", j + 1);
        }
        polyvec_init(F, v->u.list.n, R);
        for (long j = 0; j < v->u.list.n; j++) {
            Value *p = v->u.list.items[j];
            if (p->kind == VAL_POLY)
                fmpq_mpoly_set(F->p + j, p->u.poly.p, R->ctx);
            else
                poly_set_fmpq(F->p + j, p->u.q, R);
        }
        *shape = 2;
        return NULL;
    }
    return arg_type_error(c, i, "a polynomial, a column of polynomials or a list of polynomials",
                          v);
}

static Value *section_value(const PolyVec *F, int shape)
{
    PolyRing *R = F->R;
    if (shape == 0) {
        Value *p = val_poly_new(R);
        fmpq_mpoly_set(p->u.poly.p, F->p, R->ctx);
        return p;
    }
    if (shape == 1) {
        Value *m = val_pmat_new(R, F->len, 1);
        for (slong j = 0; j < F->len; j++)
            fmpq_mpoly_set(m->u.pmat.e + j, F->p + j, R->ctx);
        return m;
    }
    Value *l = val_list_new(F->len);
    for (slong j = 0; j < F->len; j++) {
        Value *p = val_poly_new(R);
        fmpq_mpoly_set(p->u.poly.p, F->p + j, R->ctx);
        val_list_set(l, j, p);
    }
    return l;
}

static void ring_names(char *buf, size_t len, const PolyRing *R)
{
    size_t o = 0;
    buf[0] = '\0';
    for (slong i = 0; i < R->nvars && o + 4 < len; i++)
        o += snprintf(buf + o, len - o, "%s%s", i ? ", " : "", R->names[i]);
}

/* v = the velocity field of the matrix ξ on R (A x, or A x + b for an
   (n+1)x(n+1) matrix with zero last row). */
static Value *velocity(Call *c, int i, const fmpq_mat_t A, PolyRing *R, PolyVec *v)
{
    slong n = R->nvars, r = fmpq_mat_nrows(A), k = fmpq_mat_ncols(A);
    char names[256], err[POLY_ERR_LEN] = "";
    int st;
    if (r != k)
        return arg_error(c, i, "the matrix is %ldx%ld, not square", (long)r, (long)k);
    polyvec_init(v, n, R);
    if (r == n) {
        st = polyvec_set_affine(v, A, NULL, err);
    } else if (r == n + 1) {
        for (slong j = 0; j <= n; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(A, n, j))) {
                polyvec_clear(v);
                ring_names(names, sizeof names, R);
                return arg_error(c, i,
                                 "the matrix is %ldx%ld but there are %ld coordinates (%s) "
                                 "(and it is not affine: its last row is not zero)",
                                 (long)r, (long)r, (long)n, names);
            }
        fmpq_mat_t M, b;
        fmpq_mat_window_init(M, A, 0, 0, n, n);
        fmpq_mat_window_init(b, A, 0, n, n, n + 1);
        st = polyvec_set_affine(v, M, b, err);
        fmpq_mat_window_clear(M);
        fmpq_mat_window_clear(b);
    } else {
        polyvec_clear(v);
        ring_names(names, sizeof names, R);
        return arg_error(c, i, "the matrix is %ldx%ld but there %s %ld coordinate%s (%s)",
                         (long)r, (long)r, n == 1 ? "is" : "are", (long)n, n == 1 ? "" : "s",
                         names);
    }
    if (st) {
        polyvec_clear(v);
        return call_error(c, "%s", err);
    }
    return NULL;
}

/* b (k x k) = fiber generator of bundle kind for velocity v; rep image D
   for sections (NULL otherwise). */
static Value *fiber(Call *c, PolyMat *b, int kind, const PolyVec *v, slong p, slong q,
                    const fmpq_mat_t D)
{
    char err[POLY_ERR_LEN] = "";
    int st = 0;
    switch (kind) {
    case BUNDLE_FIELDS: st = section_fiber_tangent(b, v, err); break;
    case BUNDLE_FORMS: st = section_fiber_cotangent(b, v, err); break;
    case BUNDLE_TENSORS: st = section_fiber_tensor(b, v, p, q, err); break;
    case BUNDLE_SECTIONS: st = polymat_set_fmpq_mat(b, D, err); break;
    default: break;
    }
    return st ? call_error(c, "%s", err) : NULL;
}

static Value *bi_lie(Call *c, Value **a)
{
    Value *xi = a[0], *E = a[2];
    if (E && !val_is_obj(E, &lie_bundle_type))
        return arg_type_error(c, 2, "a bundle (scalars(g), fields(g), forms(g), ...)", E);
    const LieBundle *B = E ? E->u.obj.data : NULL;
    PolyRing *R = value_ring(c, a[1]);
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    int geometric = xi->kind != VAL_MAT;
    PolyVec F, v, X;
    int shape, xshape;
    Value *e;
    if (geometric) {
        if ((e = get_section(c, a, 0, R, &X, &xshape)))
            return e;
        if (X.len != R->nvars) {
            slong xl = X.len;
            polyvec_clear(&X);
            return arg_error(c, 0, "a vector field has %ld components (one per coordinate), not "
                             "%ld", (long)R->nvars, (long)xl);
        }
        polyvec_init(&v, R->nvars, R);
        for (slong j = 0; j < R->nvars; j++)
            fmpq_mpoly_neg(v.p + j, X.p + j, R->ctx);
        polyvec_clear(&X);
    } else if ((e = velocity(c, 0, xi->u.m, R, &v))) {
        return e;
    }
    if ((e = get_section(c, a, 1, R, &F, &shape))) {
        polyvec_clear(&v);
        return e;
    }
    int kind = B ? B->kind : (shape == 0 ? BUNDLE_SCALARS : BUNDLE_FIELDS);
    fmpq_mat_t D;
    fmpq_mat_init(D, 0, 0);
    if (!B && shape != 0 && F.len != R->nvars) {
        e = arg_error(c, 1, "%ld components, but a vector field has %ld: give the bundle, "
                      "lie(xi, F, sections(g, r))", (long)F.len, (long)R->nvars);
        goto done;
    }
    if (B) {
        const MatAlgebra *g = lie_owner_algebra(B->owner);
        if (B->n != R->nvars) {
            e = arg_error(c, 2, "the bundle is over R^%ld but there are %ld coordinates",
                          (long)B->n, (long)R->nvars);
            goto done;
        }
        if (F.len != B->k) {
            e = arg_error(c, 1, "the section has %ld components but the fiber has dimension %ld",
                          (long)F.len, (long)B->k);
            goto done;
        }
        if (geometric && kind == BUNDLE_SECTIONS) {
            e = arg_error(c, 0, "sections of a representation need an algebra element, not a "
                          "vector field");
            goto done;
        }
        if (!geometric) {
            fmpq *co = _fmpq_vec_init(g->dim + 1);
            char err[ALG_ERR_LEN] = "";
            int st = fmpq_mat_nrows(xi->u.m) == g->n ? algebra_coords(co, g, xi->u.m, err)
                                                       : ALG_ERR_NOT_MEMBER;
            if (st) {
                _fmpq_vec_clear(co, g->dim + 1);
                e = arg_error(c, 0, "the matrix is not an element of %s", g->name);
                goto done;
            }
            if (kind == BUNDLE_SECTIONS) {
                const MatRep *r = lie_rep(B->rep);
                fmpq_mat_t t;
                fmpq_mat_init(t, r->dim, r->dim);
                fmpq_mat_zero(D);
                fmpq_mat_clear(D);
                fmpq_mat_init(D, r->dim, r->dim);
                for (slong j = 0; j < g->dim; j++) {
                    fmpq_mat_scalar_mul_fmpq(t, r->images + j, co + j);
                    fmpq_mat_add(D, D, t);
                }
                fmpq_mat_clear(t);
            }
            _fmpq_vec_clear(co, g->dim + 1);
        }
    }
    {
        PolyVec out;
        PolyMat b;
        slong k = F.len;
        int hasb = kind != BUNDLE_SCALARS;
        char err[POLY_ERR_LEN] = "";
        polymat_init(&b, k, k, R);
        if (hasb && (e = fiber(c, &b, kind, &v, B ? B->p : 0, B ? B->q : 0, D))) {
            polymat_clear(&b);
            goto done;
        }
        polyvec_init(&out, k, R);
        int st = section_lie(&out, hasb ? &b : NULL, &v, &F, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, shape);
        polyvec_clear(&out);
        polymat_clear(&b);
    }
done:
    fmpq_mat_clear(D);
    polyvec_clear(&F);
    polyvec_clear(&v);
    return e;
}

static Value *bi_bracket(Call *c, Value **a)
{
    if (a[0]->kind == VAL_MAT && a[1]->kind == VAL_MAT) {
        char err[ALG_ERR_LEN] = "";
        Value *r = val_mat_new(0, 0);
        int st = algebra_bracket(r->u.m, a[0]->u.m, a[1]->u.m, err);
        if (st) {
            val_unref(r);
            return call_error(c, "the bracket needs two square matrices of one size (%ldx%ld "
                              "and %ldx%ld)",
                              (long)fmpq_mat_nrows(a[0]->u.m), (long)fmpq_mat_ncols(a[0]->u.m),
                              (long)fmpq_mat_nrows(a[1]->u.m), (long)fmpq_mat_ncols(a[1]->u.m));
        }
        return r;
    }
    PolyRing *R = value_ring(c, a[0]->kind == VAL_MAT ? a[1] : a[0]);
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    PolyVec X, Y, out;
    int sx, sy;
    Value *e = get_section(c, a, 0, R, &X, &sx);
    if (e)
        return e;
    if ((e = get_section(c, a, 1, R, &Y, &sy))) {
        polyvec_clear(&X);
        return e;
    }
    if (sx == 0 || sy == 0 || X.len != R->nvars || Y.len != R->nvars) {
        e = call_error(c, "bracket needs two matrices or two vector fields with %ld components",
                       (long)R->nvars);
    } else {
        char err[POLY_ERR_LEN] = "";
        polyvec_init(&out, R->nvars, R);
        int st = section_bracket(&out, &X, &Y, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, sy);
        polyvec_clear(&out);
    }
    polyvec_clear(&X);
    polyvec_clear(&Y);
    return e;
}

/* act(h, F, E): (h·F)(x) = T_h F(h^-1 x). */
static Value *bi_act(Call *c, Value **a)
{
    Value *E = a[2];
    if (a[0]->kind != VAL_MAT)
        return arg_type_error(c, 0, "an exact invertible matrix", a[0]);
    if (E && !val_is_obj(E, &lie_bundle_type))
        return arg_type_error(c, 2, "a bundle", E);
    PolyRing *R = value_ring(c, a[1]);
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    const fmpq_mat_struct *h = a[0]->u.m;
    slong n = R->nvars;
    char names[256];
    if (fmpq_mat_nrows(h) != n || fmpq_mat_ncols(h) != n) {
        ring_names(names, sizeof names, R);
        return arg_error(c, 0, "the matrix is %ldx%ld but there %s %ld coordinate%s (%s)",
                         (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h),
                         n == 1 ? "is" : "are", (long)n, n == 1 ? "" : "s", names);
    }
    PolyVec F, out;
    int shape;
    Value *e = get_section(c, a, 1, R, &F, &shape);
    if (e)
        return e;
    const LieBundle *B = E ? E->u.obj.data : NULL;
    int kind = B ? B->kind : (shape == 0 ? BUNDLE_SCALARS : BUNDLE_FIELDS);
    fmpq_mat_t T;
    fmpq_mat_init(T, F.len, F.len);
    fmpq_mat_one(T);
    if (B && F.len != B->k) {
        e = arg_error(c, 1, "the section has %ld components but the fiber has dimension %ld",
                      (long)F.len, (long)B->k);
    } else if (kind == BUNDLE_FIELDS || kind == BUNDLE_FORMS) {
        if (F.len != n)
            e = arg_error(c, 1, "%ld components, but a vector field has %ld: give the bundle",
                          (long)F.len, (long)n);
        else if (fmpq_mat_is_zero(h) || !fmpq_mat_inv(T, h))
            e = arg_error(c, 0, "the matrix is singular");
        else if (kind == BUNDLE_FIELDS)
            fmpq_mat_set(T, h);
        else
            fmpq_mat_transpose(T, T);
    } else if (kind == BUNDLE_TENSORS || kind == BUNDLE_SECTIONS) {
        char err[ALG_ERR_LEN] = "";
        int st = lie_bundle_group_matrix(T, B, h, err);
        if (st)
            e = call_error(c, "%s", err[0] ? err : algebra_strerror(st));
    }
    if (!e) {
        char err[POLY_ERR_LEN] = "";
        polyvec_init(&out, F.len, R);
        int st = section_act(&out, h, T, &F, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, shape);
        polyvec_clear(&out);
    }
    fmpq_mat_clear(T);
    polyvec_clear(&F);
    return e;
}

/* ------------------------------------------------------------ bundles */

static Value *bundle_make(Call *c, Value **a, int kind, slong p, slong q, Value *rep)
{
    const MatAlgebra *g = lie_owner_algebra(a[0]);
    if (!g)
        return arg_type_error(c, 0, "a Lie algebra or a group", a[0]);
    slong n = g->affine ? g->n - 1 : g->n, k = 1;
    if (kind == BUNDLE_FIELDS || kind == BUNDLE_FORMS)
        k = n;
    if (kind == BUNDLE_TENSORS) {
        for (slong i = 0; i < p + q; i++) {
            k *= n;
            if (k > SECTION_MAX_FIBER)
                return call_error(c, "the fiber dimension %ld^%ld is too large", (long)n,
                                  (long)(p + q));
        }
    }
    if (kind == BUNDLE_SECTIONS) {
        const MatRep *r = lie_rep(rep);
        int same = r->alg == g || (r->alg->n == g->n && r->alg->dim == g->dim);
        for (slong i = 0; same && r->alg != g && i < g->dim; i++)
            same = fmpq_mat_equal(r->alg->basis + i, g->basis + i);
        if (!same)
            return arg_error(c, 1, "the representation is of another algebra");
        if (r->dim > SECTION_MAX_FIBER)
            return arg_error(c, 1, "the fiber dimension %ld is too large", (long)r->dim);
        k = r->dim;
    }
    LieBundle *B = calloc(1, sizeof *B);
    B->owner = val_ref(a[0]);
    B->rep = rep ? val_ref(rep) : NULL;
    B->kind = kind;
    B->n = n;
    B->k = k;
    B->p = p;
    B->q = q;
    return val_obj(&lie_bundle_type, B);
}

static Value *bi_scalars(Call *c, Value **a) { return bundle_make(c, a, BUNDLE_SCALARS, 0, 0, NULL); }
static Value *bi_fields(Call *c, Value **a) { return bundle_make(c, a, BUNDLE_FIELDS, 1, 0, NULL); }
static Value *bi_forms(Call *c, Value **a) { return bundle_make(c, a, BUNDLE_FORMS, 0, 1, NULL); }

static Value *bi_tensors(Call *c, Value **a)
{
    long p, q;
    Value *e = arg_long(c, a, 1, 0, 9, &p);
    if (e || (e = arg_long(c, a, 2, 0, 9, &q)))
        return e;
    return bundle_make(c, a, BUNDLE_TENSORS, p, q, NULL);
}

static Value *bi_sections(Call *c, Value **a)
{
    if (!lie_rep(a[1]))
        return arg_type_error(c, 1, "a representation", a[1]);
    return bundle_make(c, a, BUNDLE_SECTIONS, 0, 0, a[1]);
}

/* T = the fiber action of h for tensors (h^{⊗p} ⊗ h^{-T ⊗q}) and sections
   (rep_group_element). */
int lie_bundle_group_matrix(fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h, char *err)
{
    if (B->kind == BUNDLE_SECTIONS)
        return rep_group_element(T, lie_rep(B->rep), h, err);
    slong n = fmpq_mat_nrows(h);
    fmpq_mat_t hi, acc, tmp;
    fmpq_mat_init(hi, n, n);
    if (!fmpq_mat_inv(hi, h)) {
        fmpq_mat_clear(hi);
        algebra_set_error(err, "the matrix is singular");
        return ALG_ERR_SINGULAR;
    }
    fmpq_mat_transpose(hi, hi);
    fmpq_mat_init(acc, 1, 1);
    fmpq_mat_one(acc);
    for (slong s = 0; s < B->p + B->q; s++) {
        const fmpq_mat_struct *f = s < B->p ? h : hi;
        fmpq_mat_init(tmp, fmpq_mat_nrows(acc) * n, fmpq_mat_ncols(acc) * n);
        fmpq_mat_kronecker_product(tmp, acc, f);
        fmpq_mat_swap(acc, tmp);
        fmpq_mat_clear(tmp);
    }
    fmpq_mat_clear(T);
    fmpq_mat_init_set(T, acc);
    fmpq_mat_clear(acc);
    fmpq_mat_clear(hi);
    return ALG_OK;
}

#define LIE "Lie algebras"
const Builtin builtins_lie[] = {
    {"gl", "n", bi_gl, LIE, "The Lie algebra gl(n) of all n x n matrices (basis E_ij).", "dim(gl(3))", "9"},
    {"sl", "n", bi_sl, LIE, "The traceless n x n matrices sl(n).", "dim(sl(2))", "3"},
    {"so", "n, q = nil", bi_so, LIE,
     "so(n): antisymmetric n x n matrices (so(2): J = [0, -1; 1, 0]; so(3): L_x, L_y, L_z).  "
     "so(p, q): the algebra preserving diag(-1 (p times), +1 (q times)).",
     "so(2)[1]", "[0, -1; 1, 0]"},
    {"sp", "n", bi_sp, LIE, "The symplectic algebra of n x n matrices (n even: sp(4) is 4x4).",
     "dim(sp(4))", "10"},
    {"t", "n", bi_t, LIE, "Translations of R^n as (n+1) x (n+1) affine matrices.", "t(1)[1]",
     "[0, 1; 0, 0]"},
    {"se", "n", bi_se, LIE, "The Euclidean algebra se(n) (rotations then translations), affine.",
     "dim(se(2))", "3"},
    {"aff", "n", bi_aff, LIE, "The affine algebra aff(n) (gl(n) then translations), affine.",
     "dim(aff(2))", "6"},
    {"algebra", "mats", bi_algebra, LIE,
     "The Lie algebra spanned by the matrices (dependent ones dropped); an error names a "
     "bracket that leaves the span.", "dim(algebra([[0, 1; 0, 0], [0, 0; 1, 0], [1, 0; 0, -1]]))",
     "3"},
    {"closure", "mats", bi_closure, LIE, "The Lie algebra generated by the matrices.",
     "dim(closure([[0, 1; 0, 0], [0, 0; 1, 0]]))", "3"},
    {"dim", "x", bi_dim, LIE,
     "The dimension of an algebra, group, representation, bundle fiber or space; the length of "
     "a list.", "dim(so(3))", "3"},
    {"basis", "g", bi_basis, LIE, "The basis matrices of an algebra, as a list.", "basis(so(2))",
     "[[0, -1; 1, 0]]"},
    {"bracket", "a, b", bi_bracket, LIE,
     "[a, b] = a b - b a for matrices; for vector fields (columns of polynomials) the geometric "
     "bracket DY X - DX Y.", "bracket([0, 1; 0, 0], [0, 0; 1, 0])", "[1, 0; 0, -1]"},
    {"structure", "g", bi_structure, LIE,
     "Structure constants: item k is the matrix C with [b_i, b_j] = sum_k C[i, j] b_k.",
     "structure(so(3))[3]", "[0, 1, 0; -1, 0, 0; 0, 0, 0]"},
    {"killing", "g", bi_killing, LIE, "The Killing form tr(ad b_i ad b_j).", "killing(so(3))",
     "[-2, 0, 0; 0, -2, 0; 0, 0, -2]"},
    {"center", "g", bi_center, LIE, "The center of g (canonical basis).", "dim(center(gl(2)))",
     "1"},
    {"derived", "g", bi_derived, LIE, "The derived algebra [g, g].", "dim(derived(gl(2)))", "3"},
    {"centralizer", "h, g", bi_centralizer, LIE, "The elements of g commuting with all of h.",
     "dim(centralizer(so(2), gl(2)))", "2"},
    {"normalizer", "h, g", bi_normalizer, LIE, "The elements x of g with [x, h] in h.",
     "dim(normalizer(so(2), gl(2)))", "2"},
    {"is_subalgebra", "h, g", bi_is_subalgebra, LIE, "Whether every element of h lies in g.",
     "is_subalgebra(so(3), sl(3))", "true"},
    {"lie", "xi, F, E = nil", bi_lie, LIE,
     "The Lie derivative lie(xi, F) = b F - DF v of a function or vector field (or a section of "
     "the bundle E) along the matrix xi (v = xi x, or A x + b for an affine matrix).  With a "
     "vector field X instead of a matrix: the geometric derivative L_X F.",
     "lie(so(2)[1], 1)", "0"},
    {"act", "h, F, E = nil", bi_act, LIE,
     "The group element h acting on a function or vector field (or section of E): "
     "(h F)(x) = T_h F(h^-1 x).", "act(eye(1), 2)", "2"},
    {"scalars", "G", bi_scalars, LIE, "The bundle of scalar functions over the algebra's space.",
     "dim(scalars(so(3)))", "1"},
    {"fields", "G", bi_fields, LIE, "The tangent bundle (vector fields).", "dim(fields(so(3)))",
     "3"},
    {"forms", "G", bi_forms, LIE, "The cotangent bundle (1-forms).", "dim(forms(so(3)))", "3"},
    {"tensors", "G, p, q", bi_tensors, LIE, "Tensor fields with p upper and q lower indices.",
     "dim(tensors(so(2), 1, 1))", "4"},
    {"sections", "G, r", bi_sections, LIE, "Sections with fiber the representation r.",
     "dim(sections(so(3), adjoint(so(3))))", "3"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
