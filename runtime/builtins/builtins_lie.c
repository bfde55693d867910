/* builtins_lie.c — the Lie engine's value kinds (algebras, groups,
 * representations, bundles: their ObjTypes) and the algebra builtins (gl,
 * sl, so, sp, t, se, aff, algebra, closure, dim, basis, structure, killing,
 * center, derived, centralizer, normalizer, is_subalgebra).  Glue only: the
 * work is in runtime/lie.  Representations, groups and equivariant maps are
 * in builtins_rep.c; bundles, lie, bracket and act in builtins_bundle.c. */
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "builtins_lie.h"
#include "builtins_model.h"
#include "interp.h"
#include "print.h"

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
        return val_error(NULL, "index %ld is out of range: %s has dimension %ld", i, g->name,
                         (long)g->dim);
    return val_mat(g->basis + i - 1);
}

static long alg_length(const Value *v)
{
    return ((const MatAlgebra *)v->u.obj.data)->dim;
}

const ObjType lie_algebra_type = {"Lie algebra", alg_free,   alg_print, alg_index,
                                  NULL,          alg_length, NULL};

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
        sb_printf(sb,
                  "%s: group of %ldx%ld matrices, Lie algebra %s of dimension %ld, %ld "
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
    val_unref(R->group);
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
        return val_error(NULL, "index %ld is out of range: the algebra %s has dimension %ld", i,
                         R->r.alg->name, (long)R->r.alg->dim);
    if (!rep_is_dense(&R->r))
        return val_error(NULL,
                         "the image matrices of a representation of dimension %ld are not "
                         "stored: its size is past the limit of dense matrices (dimension %d, "
                         "dim(g) * dimension^2 <= %ld)",
                         (long)R->r.dim, REP_MAX_DIM, (long)REP_MAX_ENTRIES);
    return val_mat(R->r.images + i - 1);
}

/* The number of images (for iteration); dim(r) is the representation's. */
static long rep_length(const Value *v)
{
    return ((const LieRep *)v->u.obj.data)->r.alg->dim;
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
    const LieRep *A = a->u.obj.data, *B = b->u.obj.data;
    Value *cands[4] = {A->owner, B->owner, A->group, B->group};
    return lie_rep_value(R, cands, 4);
}

const ObjType lie_rep_type = {"representation", rep_free, rep_print, rep_index, NULL,
                              rep_length,       rep_binop};

Value *lie_rep_value(LieRep *R, Value *const *cands, int ncands)
{
    R->owner = R->group = NULL;
    for (int i = 0; i < ncands; i++) {
        if (!cands[i])
            continue;
        if (!R->owner && lie_owner_algebra(cands[i]) == R->r.alg)
            R->owner = val_ref(cands[i]);
        if (!R->group && val_is_obj(cands[i], &lie_group_type))
            R->group = val_ref(cands[i]);
    }
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
    BundleValue *B = d;
    val_unref(B->owner);
    val_unref(B->rep);
    val_unref(B->rin);
    polyring_decref(B->ring);
    free(B);
}

static void bundle_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    (void)fmt;
    const LieBundle *B = lie_bundle_of(v);
    static const char *what[] = {"scalar functions", "vector fields", "1-forms", "tensor fields",
                                 "sections"};
    sb_printf(sb, "bundle of %s", what[B->kind]);
    if (B->kind == BUNDLE_TENSORS)
        sb_printf(sb, " of type (%ld, %ld)", B->p, B->q);
    if (B->kind == BUNDLE_SECTIONS)
        sb_printf(sb, " of %s", B->rep->name);
    sb_printf(sb, " over R^%ld (fiber dimension %ld), acted on by %s", B->n, B->k, B->alg->name);
}

static long bundle_length(const Value *v)
{
    return lie_bundle_of(v)->k;
}

const BundleValue *lie_bundle_value(const Value *v)
{
    if (v && (val_is_obj(v, &lie_bundle_type) || val_is_obj(v, &kernel_bundle_type)))
        return v->u.obj.data;
    return NULL;
}

const LieBundle *lie_bundle_of(const Value *v)
{
    const BundleValue *B = lie_bundle_value(v);
    return B ? &B->b : NULL;
}

Value *lie_bundle_new(const ObjType *t, const LieBundle *b, Value *owner, Value *rep, Value *rin,
                      PolyRing *ring)
{
    BundleValue *B = calloc(1, sizeof *B);
    if (!B)
        return NULL;
    B->b = *b;
    B->owner = owner ? val_ref(owner) : NULL;
    B->rep = rep ? val_ref(rep) : NULL;
    B->rin = rin ? val_ref(rin) : NULL;
    B->ring = ring ? polyring_incref(ring) : NULL;
    return val_obj(t, B);
}

const ObjType lie_bundle_type = {"bundle", bundle_free,   bundle_print, NULL,
                                 NULL,     bundle_length, NULL};

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

static Value *bi_gl(Call *c, Value **a)
{
    return alg_make(c, a, algebra_init_gl, 1, ALG_MAX_N);
}
static Value *bi_sl(Call *c, Value **a)
{
    return alg_make(c, a, algebra_init_sl, 1, ALG_MAX_N);
}
static Value *bi_t(Call *c, Value **a)
{
    return alg_make(c, a, algebra_init_t, 1, ALG_MAX_T);
}
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

/* *aff = the affine flag a[i] (absent: false).  It must be true or false,
 * and affine = true needs matrices [A, b; 0, 0] (last row zero, n >= 2):
 * anything else is an error, never silently read as linear. */
static Value *mats_affine(Call *c, Value **a, int i, const fmpq_mat_struct *m, slong count, slong n,
                          int *aff)
{
    *aff = 0;
    const Value *flag = a[i];
    if (!flag || flag->kind == VAL_NIL)
        return NULL;
    if (flag->kind != VAL_BOOL)
        return arg_type_error(c, i, "true or false", flag);
    if (!flag->u.b)
        return NULL;
    if (n < 2)
        return arg_error(c, i, "affine matrices [A, b; 0, 0] are at least 2x2");
    for (slong t = 0; t < count; t++)
        for (slong j = 0; j < n; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(m + t, n - 1, j)))
                return arg_error(c, i,
                                 "affine = true needs matrices [A, b; 0, 0], but item "
                                 "%ld has a nonzero last row",
                                 (long)t + 1);
    *aff = 1;
    return NULL;
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
    int aff;
    if ((e = mats_affine(c, a, 1, m, count, n, &aff))) {
        flint_free(m);
        return e;
    }
    char err[ALG_ERR_LEN] = "";
    slong bi = 0, bj = 0;
    fmpq_mat_t br;
    fmpq_mat_init(br, 0, 0);
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_span(g, m, count, aff, "algebra", &bi, &bj, br, err);
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
    int aff;
    if ((e = mats_affine(c, a, 1, m, count, n, &aff))) {
        flint_free(m);
        return e;
    }
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_closure(g, m, count, aff, "closure", err);
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
        if (lie_rep(v))
            return val_rat_si(lie_rep(v)->dim);
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
    if (model_space_of(a[0]))
        return model_builtin_basis(c, a);
    if (val_is_obj(a[0], &fields_algebra_type))
        return fields_algebra_builtin_basis(c, a);
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

#define LIE "Lie algebras"
const Builtin builtins_lie[] = {
    {"gl", "n", bi_gl, LIE, "The Lie algebra gl(n) of all n x n matrices (basis E_ij).",
     "dim(gl(3))", "9"},
    {"sl", "n", bi_sl, LIE, "The traceless n x n matrices sl(n).", "dim(sl(2))", "3"},
    {"so", "n, q = nil", bi_so, LIE,
     "so(n): antisymmetric n x n matrices.  Basis: so(2) J = [0, -1; 1, 0] = E_21 - E_12; "
     "so(3) L_x = E_32 - E_23, L_y = E_13 - E_31, L_z = E_21 - E_12 ([L_x, L_y] = L_z); "
     "n >= 4: E_ij - E_ji for i < j in lexicographic order (E_ij has 1 at row i, column j).  "
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
    {"algebra", "mats, affine = false", bi_algebra, LIE,
     "The Lie algebra spanned by the matrices (dependent ones dropped); an error names a "
     "bracket that leaves the span.  The matrices act linearly on the coordinates; with "
     "affine = true, (n+1) x (n+1) matrices [A, b; 0, 0] act by A x + b.",
     "dim(algebra([[0, 1; 0, 0], [0, 0; 1, 0], [1, 0; 0, -1]]))", "3"},
    {"closure", "mats, affine = false", bi_closure, LIE,
     "The Lie algebra generated by the matrices.", "dim(closure([[0, 1; 0, 0], [0, 0; 1, 0]]))",
     "3"},
    {"dim", "x", bi_dim, LIE,
     "The dimension of an algebra, group, representation, bundle fiber or space; the length of "
     "a list.",
     "dim(so(3))", "3"},
    {"basis", "g", bi_basis, LIE, "The basis matrices of an algebra, as a list.", "basis(so(2))",
     "[[0, -1; 1, 0]]"},
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
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
