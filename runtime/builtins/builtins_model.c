/* builtins_model.c — model spaces in the language: polys, span, layers,
 * enforce and model, and the model-space value kind.  Glue only: the work
 * is in symmetry/model.c (dim, basis and coeffs of a model space dispatch
 * here from builtins_lie.c and builtins_poly.c). */
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "builtins_lie.h"
#include "builtins_nn.h"
#include "interp.h"
#include "builtins_model.h"
#include "model_value.h"
#include "print.h"
#include <flint/fmpq_vec.h>
#include "symmetry/promote.h"
#include "numeric/dmat.h"
#include "exact/qmat.h"
#include "symmetry/model_orbit.h"

static Value *model_fail_value(Call *c, int st, const char *err)
{
    if (st == QMAT_E_INTERRUPTED)
        return val_error(&c->span, "interrupted");
    return call_error(c, "%s", err[0] ? err : qmat_strerror(st));
}

/* The value of V (st == 0), keeping references to keep[0..2] (bundle, rin,
   rout: any may be NULL), or the error st with message err (V freed). */
static Value *new_space_value(Call *c, ModelSpace *V, int st, const char *err, Value *const keep[3])
{
    if (st) {
        model_space_clear(V);
        free(V);
        return model_fail_value(c, st, err);
    }
    return model_space_value(V, keep[0], keep[1], keep[2]);
}

static Value *want_space(Call *c, Value **a, int i, const ModelSpace **V)
{
    *V = model_space_of(a[i]);
    return *V ? NULL : arg_type_error(c, i, "a model space (polys, span, layers)", a[i]);
}

/* The message for a use of a space whose coefficient vectors are too large
   to store (a full layer space past MODEL_MAX_COEFFS, or an orbit space of
   one): only dim, printing and enforce take it. */
static const char *const too_large_fmt =
    "the model space has %ld coefficients: past the size limit (%ld) of operations that store a "
    "coefficient vector (dim, printing and enforce take it)";

/* want_space, refusing spaces past MODEL_MAX_COEFFS. */
static Value *want_stored_space(Call *c, Value **a, int i, const ModelSpace **V)
{
    Value *e = want_space(c, a, i, V);
    if (!e && (*V)->nfull > MODEL_MAX_COEFFS)
        e = arg_error(c, i, too_large_fmt, (long)(*V)->nfull, (long)MODEL_MAX_COEFFS);
    return e;
}

/* polys(E, d) */
static Value *bi_polys(Call *c, Value **a)
{
    if (!val_is_obj(a[0], &lie_bundle_type))
        return arg_type_error(c, 0,
                              "a bundle (scalars(g), fields(g), forms(g), tensors(g, p, q)"
                              " or sections(g, r))",
                              a[0]);
    const LieBundle *B = lie_bundle_of(a[0]);
    Value *keep[3] = {a[0], NULL, NULL};
    long d;
    Value *e = arg_long(c, a, 1, 0, POLY_MAX_DEGREE, &d);
    if (e)
        return e;
    PolyRing *R = c->I->ring;
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    if (B->n != R->nvars)
        return arg_error(c, 0, "the bundle is over R^%ld but there %s %ld coordinate%s", (long)B->n,
                         R->nvars == 1 ? "is" : "are", (long)R->nvars, R->nvars == 1 ? "" : "s");
    char err[MODEL_ERR_LEN] = "";
    ModelSpace *V = malloc(sizeof *V);
    int st = model_space_init_polys(V, B, R, B->k, d, err);
    return new_space_value(c, V, st, err, keep);
}

/* The ring and number of components of a model value (0 if not one). */
static slong item_shape(const Value *v, PolyRing **R)
{
    if (v->kind == VAL_POLY) {
        *R = v->u.poly.ring;
        return 1;
    }
    if (v->kind == VAL_RAT)
        return 1;
    if (v->kind == VAL_PMAT && v->u.pmat.cols == 1) {
        *R = v->u.pmat.ring;
        return v->u.pmat.rows;
    }
    if (v->kind == VAL_MAT && fmpq_mat_ncols(v->u.m) == 1)
        return fmpq_mat_nrows(v->u.m);
    return 0;
}

static slong item_degree(const Value *v)
{
    slong d = -1;
    if (v->kind == VAL_POLY)
        d = poly_total_degree(v->u.poly.p, v->u.poly.ring);
    if (v->kind == VAL_PMAT)
        for (slong i = 0; i < v->u.pmat.rows; i++) {
            slong t = poly_total_degree(v->u.pmat.e + i, v->u.pmat.ring);
            d = t > d ? t : d;
        }
    return d;
}

/* span(Fs, E = nil) */
static Value *bi_span(Call *c, Value **a)
{
    Value *l = a[0], *E = a[1];
    if (l->kind != VAL_LIST || l->u.list.n == 0)
        return arg_type_error(c, 0, "a non-empty list of polynomials or columns of polynomials", l);
    if (E && !val_is_obj(E, &lie_bundle_type))
        return arg_type_error(c, 1, "a bundle", E);
    PolyRing *R = NULL;
    slong k = -1, d = 0;
    for (long j = 0; j < l->u.list.n; j++) {
        PolyRing *Rj = NULL;
        slong kj = item_shape(l->u.list.items[j], &Rj);
        if (!kj)
            return arg_error(c, 0,
                             "item %ld is a %s, not a polynomial or a column of "
                             "polynomials",
                             j + 1, val_kind_name(l->u.list.items[j]));
        if (k >= 0 && kj != k)
            return arg_error(c, 0, "item %ld has %ld component(s) but item 1 has %ld", j + 1,
                             (long)kj, (long)k);
        if (Rj && R && Rj != R)
            return arg_error(c, 0, "item %ld is over other coordinates", j + 1);
        if (Rj)
            R = Rj;
        k = kj;
        slong dj = item_degree(l->u.list.items[j]);
        d = dj > d ? dj : d;
    }
    if (!R)
        R = c->I->ring;
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    if (E) {
        const LieBundle *B = lie_bundle_of(E);
        if (B->k != k || B->n != R->nvars)
            return arg_error(c, 1,
                             "the bundle has fiber dimension %ld over R^%ld; the models "
                             "have %ld component(s) over %ld coordinate(s)",
                             (long)B->k, (long)B->n, (long)k, (long)R->nvars);
    } else if (k != 1 && k != R->nvars) {
        return arg_error(c, 0,
                         "%ld components over %ld coordinates: give the bundle, "
                         "span(Fs, sections(g, r))",
                         (long)k, (long)R->nvars);
    }
    char err[MODEL_ERR_LEN] = "";
    ModelSpace *V = malloc(sizeof *V);
    Value *keep[3] = {E, NULL, NULL};
    int st = model_space_init_polys(V, lie_bundle_of(E), R, k, d, err);
    if (st)
        return new_space_value(c, V, st, err, keep);
    slong m = l->u.list.n;
    if (!qmat_size_ok(V->nfull, m))
        return new_space_value(c, V, QMAT_E_TOO_LARGE, "", keep);
    fmpq_mat_t M;
    fmpq_mat_init(M, V->nfull, m);
    fmpq *f = _fmpq_vec_init(V->nfull + 1);
    Value *e = NULL;
    for (slong j = 0; j < m && !e; j++) {
        e = model_value_full(c, V, l->u.list.items[j], 0, f);
        for (slong i = 0; !e && i < V->nfull; i++)
            fmpq_set(fmpq_mat_entry(M, i, j), f + i);
    }
    _fmpq_vec_clear(f, V->nfull + 1);
    if (!e)
        st = model_space_set_span(V, M, err);
    fmpq_mat_clear(M);
    if (e) {
        model_space_clear(V);
        free(V);
        return e;
    }
    return new_space_value(c, V, st, err, keep);
}

/* layers(r_in, r_out, bias = true) */
static Value *bi_layers(Call *c, Value **a)
{
    if (!lie_rep(a[0]))
        return arg_type_error(c, 0, "a representation", a[0]);
    if (!lie_rep(a[1]))
        return arg_type_error(c, 1, "a representation", a[1]);
    int bias = 1;
    if (a[2]) {
        if (a[2]->kind != VAL_BOOL)
            return arg_type_error(c, 2, "true or false", a[2]);
        bias = a[2]->u.b;
    }
    char err[MODEL_ERR_LEN] = "";
    ModelSpace *V = malloc(sizeof *V);
    Value *keep[3] = {NULL, a[0], a[1]};
    int st = model_space_init_layers(V, lie_rep(a[0]), lie_rep(a[1]), bias, err);
    return new_space_value(c, V, st, err, keep);
}

/* enforce(V, G, discrete = []) */
static Value *bi_enforce(Call *c, Value **a)
{
    if (nn_is_network(a[0]))
        return nn_builtin_enforce(c, a);
    const ModelSpace *V;
    Value *e = want_space(c, a, 0, &V);
    if (e)
        return e;
    fmpq_mat_struct *alg = NULL, *lst = NULL, *extra = NULL;
    slong nalg = 0, nlst = 0, nextra = 0, n;
    const DiscreteGens *G = NULL;
    const MatAlgebra *g = lie_owner_algebra(a[1]);
    char err[MODEL_ERR_LEN] = "";
    if (g) {
        int st = model_algebra_generators(&alg, &nalg, g, err);
        if (st)
            return model_fail_value(c, st, err);
        G = lie_group_gens(a[1]);
    } else if (a[1]->kind == VAL_LIST) {
        if ((e = lie_get_mats(c, a, 1, &lst, &nlst, &n, 1)))
            return e;
    } else {
        return arg_type_error(c, 1, "a group, a Lie algebra or a list of generator matrices", a[1]);
    }
    if (a[2] && (e = lie_get_mats(c, a, 2, &extra, &nextra, &n, 1))) {
        for (slong i = 0; i < nalg; i++)
            fmpq_mat_clear(alg + i);
        flint_free(alg);
        flint_free(lst);
        return e;
    }
    /* all discrete generators in one array (shallow copies) */
    slong ng = G ? G->count : 0;
    fmpq_mat_struct *disc = flint_malloc((ng + nextra + 1) * sizeof(fmpq_mat_struct));
    for (slong i = 0; i < ng; i++)
        disc[i] = G->gens[i];
    for (slong i = 0; i < nextra; i++)
        disc[ng + i] = extra[i];
    ModelSpace *S = malloc(sizeof *S);
    int st = model_space_enforce(S, V, alg ? alg : lst, alg ? nalg : nlst, disc, ng + nextra, err);
    for (slong i = 0; i < nalg; i++)
        fmpq_mat_clear(alg + i);
    flint_free(alg);
    flint_free(lst);
    flint_free(extra);
    flint_free(disc);
    if (st) {
        model_space_clear(S);
        free(S);
        return model_fail_value(c, st, err);
    }
    return model_space_value_like(S, a[0]);
}

/* model(V, c) */
static Value *bi_model(Call *c, Value **a)
{
    const ModelSpace *V;
    Value *e = want_stored_space(c, a, 0, &V), *cv = a[1];
    if (e)
        return e;
    if (cv->kind == VAL_FMAT) {
        const DMat *D = cv->u.fm;
        if ((D->rows != 1 && D->cols != 1) || (slong)D->rows * D->cols != V->dim)
            return arg_error(c, 1,
                             "%ld coefficients are needed (the dimension), not a %dx%d "
                             "matrix",
                             (long)V->dim, D->rows, D->cols);
        if (V->nfull > 0x7fffffff)
            return call_error(c, "the model is too large for a float column");
        DMat *F = dmat_zeros((int)V->nfull, 1), *col = dmat_new((int)V->dim, 1);
        if (!F || !col) {
            dmat_free(F);
            dmat_free(col);
            return call_error(c, "out of memory");
        }
        model_space_combine_d(F->data, V, D->data);
        memcpy(col->data, D->data, sizeof(double) * (size_t)V->dim);
        char *formula = promote_formula(V, F->data);
        dmat_free(F);
        /* a model value, like the result of fit (m.full: full coefficients) */
        Value *info = val_record_new("record", 2);
        val_record_set(info, 0, "coef", val_fmat(col));
        val_record_set(info, 1, "formula", val_cstr(formula ? formula : "?"));
        free(formula);
        return model_value_new(a[0], info);
    }
    slong len = -1;
    if (cv->kind == VAL_MAT && (fmpq_mat_ncols(cv->u.m) == 1 || fmpq_mat_nrows(cv->u.m) == 1))
        len = fmpq_mat_nrows(cv->u.m) * fmpq_mat_ncols(cv->u.m);
    if (cv->kind == VAL_LIST) {
        len = cv->u.list.n;
        for (long j = 0; j < cv->u.list.n; j++)
            if (cv->u.list.items[j]->kind != VAL_RAT)
                return arg_error(c, 1, "item %ld is a %s, not a rational", j + 1,
                                 val_kind_name(cv->u.list.items[j]));
    }
    if (len < 0)
        return arg_type_error(c, 1, "a list or column of coefficients", cv);
    if (len != V->dim)
        return arg_error(c, 1, "%ld coefficients given but the space has dimension %ld", (long)len,
                         (long)V->dim);
    fmpq *co = _fmpq_vec_init(len + 1);
    for (slong j = 0; j < len; j++) {
        if (cv->kind == VAL_LIST)
            fmpq_set(co + j, cv->u.list.items[j]->u.q);
        else
            fmpq_set(co + j, cv->u.m->entries + j);
    }
    Value *r = model_value_from_coords(V, co);
    _fmpq_vec_clear(co, len + 1);
    return r;
}

#define MOD "model spaces"
const Builtin builtins_model[] = {
    {"polys", "E, d", bi_polys, MOD,
     "The model space of sections of the bundle E whose components are polynomials of degree "
     "<= d in the current coordinates (functions, vector fields = SINDy libraries, tensor "
     "fields).  Basis: monomials times unit fiber vectors, component-major.",
     "coords x, y; dim(polys(fields(so(2)), 2))", "12"},
    {"span", "Fs, E = nil", bi_span, MOD,
     "The model space spanned by the polynomials or columns of polynomials Fs (sections of E; "
     "by default scalars, or vector fields when each has one component per coordinate), with "
     "a canonical basis.",
     "coords x, y; dim(span([x, y, x + y]))", "2"},
    {"layers", "r_in, r_out, bias = true", bi_layers, MOD,
     "The model space of affine layers z -> W z + b from r_in to r_out (coefficients: W "
     "row-major, then b); bias = false for linear layers.",
     "dim(layers(std(so(3)), std(so(3))))", "12"},
    {"enforce", "V, G, discrete = []", bi_enforce, MOD,
     "The symmetric subspace of the model space V under G: a group (its algebra and discrete "
     "generators), a Lie algebra, or a list of generator matrices (acting by the bundle's "
     "rule), plus the matrices in discrete.  Exact: a generating set of the algebra (so(3): "
     "two) gives the constraint operator by coefficient matching, discrete h adds h.F - F = 0, "
     "and the sparse exact nullspace gives a canonical basis.  S(n) and A(n) on layers between "
     "tensor products of std (or direct sums of them) take the closed-form orbit basis instead "
     "(set partitions of the index positions; no solve, any size).  enforce(net, G) for an epnn "
     "network restricts each block to its exact equivariant subspace (a new network).",
     "coords x, y; dim(enforce(polys(scalars(so(2)), 4), so(2)))", "3"},
    {"model", "V, c", bi_model, MOD,
     "The model sum_b c_b F_b of V for an exact list or column of coefficients c (one per "
     "basis element): a polynomial, a column, or record(W, b) for layers.  For a float column "
     "c: a model value as fit returns (callable on points, m.formula, round(m, k)); m.full is "
     "the float column of full coefficients (monomials component-major; W row-major, b).",
     "coords x, y; model(polys(scalars(so(2)), 1), [1, 2, 3])", "2*x + 3*y + 1"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};

/* ------------------------------------------------------------ model-space values */

/* Model j of V as a value: a polynomial (k = 1), a column of polynomials,
   or a layer record(W = .., b = ..). */
static Value *model_from_full(const ModelSpace *V, const fmpq *f)
{
    if (V->kind == MODEL_LAYERS) {
        Value *r = val_record_new("layer", V->bias ? 2 : 1);
        Value *W = val_mat_new(V->dout, V->din);
        for (slong i = 0; i < V->dout; i++)
            for (slong j = 0; j < V->din; j++)
                fmpq_set(fmpq_mat_entry(W->u.m, i, j), f + i * V->din + j);
        val_record_set(r, 0, "W", W);
        if (V->bias) {
            Value *b = val_mat_new(V->dout, 1);
            for (slong i = 0; i < V->dout; i++)
                fmpq_set(fmpq_mat_entry(b->u.m, i, 0), f + V->dout * V->din + i);
            val_record_set(r, 1, "b", b);
        }
        return r;
    }
    char err[MODEL_ERR_LEN] = "";
    PolyVec F;
    polyvec_init(&F, V->k, V->R);
    if (model_space_section(&F, V, f, err)) {
        polyvec_clear(&F);
        return val_error(NULL, "%s", err);
    }
    Value *r;
    if (V->k == 1) {
        r = val_poly_new(V->R);
        fmpq_mpoly_swap(r->u.poly.p, F.p, V->R->ctx);
    } else {
        r = val_pmat_new(V->R, V->k, 1);
        for (slong i = 0; i < V->k; i++)
            fmpq_mpoly_swap(r->u.pmat.e + i, F.p + i, V->R->ctx);
    }
    polyvec_clear(&F);
    return r;
}

static Value *model_basis_value(const ModelSpace *V, slong j)
{
    if (V->nfull > MODEL_MAX_COEFFS)
        return val_error(NULL, too_large_fmt, (long)V->nfull, (long)MODEL_MAX_COEFFS);
    fmpq *f = _fmpq_vec_init(V->nfull + 1);
    model_space_basis_column(f, V, j);
    Value *r = model_from_full(V, f);
    _fmpq_vec_clear(f, V->nfull + 1);
    return r;
}

/* The data of a model-space value: the engine space and references to the
   values that own what it borrows (bundle, representations). */
typedef struct ModelSpaceValue {
    ModelSpace V;
    Value *keep[3]; /* bundle, rin, rout (each may be NULL) */
} ModelSpaceValue;

static void model_type_free(void *data)
{
    ModelSpaceValue *S = data;
    model_space_clear(&S->V);
    for (int i = 0; i < 3; i++)
        val_unref(S->keep[i]);
    free(S);
}

static void model_type_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const ModelSpace *V = model_space_of(v);
    sb_printf(sb, "model space of dimension %ld", (long)V->dim);
    if (V->enforced)
        sb_printf(sb, " (%ld before enforcing)", (long)V->nbefore);
    if (V->orbit) { /* the closed-form S(n) basis: which positions are equal */
        model_orbit_describe(sb, V,
                             V->dim < MODEL_PRINT_MAX || print_show_all ? V->dim : MODEL_PRINT_MAX);
        return;
    }
    if (V->nfull > MODEL_MAX_COEFFS) {
        sb_printf(sb, " (basis not shown: %ld coefficients, past the size limit %ld)",
                  (long)V->nfull, (long)MODEL_MAX_COEFFS);
        return;
    }
    slong show = V->dim < MODEL_PRINT_MAX || print_show_all ? V->dim : MODEL_PRINT_MAX;
    for (slong j = 0; j < show; j++) {
        Value *m = model_basis_value(V, j);
        sb_printf(sb, "\n  ");
        if (m->kind == VAL_RECORD) {
            sb_printf(sb, "W = ");
            print_qmat(sb, m->u.rec.vals[0]->u.m, fmt);
            if (m->u.rec.n > 1) {
                sb_printf(sb, ", b = ");
                print_qmat(sb, m->u.rec.vals[1]->u.m, fmt);
            }
        } else {
            print_value(sb, m, fmt);
        }
        val_unref(m);
    }
    if (show < V->dim)
        sb_printf(sb, "\n  ... (%ld more)", (long)(V->dim - show));
}

static Value *model_type_index(const Value *v, long i)
{
    const ModelSpace *V = model_space_of(v);
    if (i < 1 || i > V->dim)
        return val_error(NULL, "index %ld out of range: the model space has dimension %ld", i,
                         (long)V->dim);
    return model_basis_value(V, i - 1);
}

static long model_type_length(const Value *v)
{
    return model_space_of(v)->dim;
}

const ObjType model_space_type = {
    "model space", model_type_free, model_type_print, model_type_index, NULL, model_type_length,
    NULL};

const ModelSpace *model_space_of(const Value *v)
{
    return v && val_is_obj(v, &model_space_type) ? &((ModelSpaceValue *)v->u.obj.data)->V : NULL;
}

Value *model_space_bundle_value(const Value *v)
{
    return v && val_is_obj(v, &model_space_type) ? ((ModelSpaceValue *)v->u.obj.data)->keep[0]
                                                 : NULL;
}

Value *model_space_value(ModelSpace *V, Value *bundle, Value *rin, Value *rout)
{
    ModelSpaceValue *S = malloc(sizeof *S);
    if (!S) {
        model_space_clear(V);
        free(V);
        return val_error(NULL, "out of memory");
    }
    S->V = *V;
    free(V);
    Value *keep[3] = {bundle, rin, rout};
    for (int i = 0; i < 3; i++)
        S->keep[i] = keep[i] ? val_ref(keep[i]) : NULL;
    return val_obj(&model_space_type, S);
}

Value *model_space_value_like(ModelSpace *V, const Value *src)
{
    const ModelSpaceValue *T = src->u.obj.data;
    return model_space_value(V, T->keep[0], T->keep[1], T->keep[2]);
}

Value *model_builtin_basis(Call *c, Value **a)
{
    const ModelSpace *V = model_space_of(a[0]);
    if (!V)
        return arg_type_error(c, 0, "a model space", a[0]);
    Value *l = val_list_new(V->dim);
    for (slong j = 0; j < V->dim; j++) {
        Value *m = model_basis_value(V, j);
        if (val_is_error(m)) {
            val_unref(l);
            return m;
        }
        val_list_set(l, j, m);
    }
    return l;
}

/* f = the full coefficients of the model value F in V. */
static Value *model_get_full(Call *c, const ModelSpace *V, Value *F, int i, fmpq *f)
{
    if (V->kind == MODEL_LAYERS) {
        Value *W = NULL, *b = NULL;
        if (F->kind == VAL_RECORD) {
            for (long t = 0; t < F->u.rec.n; t++) {
                if (!strcmp(F->u.rec.keys[t], "W"))
                    W = F->u.rec.vals[t];
                if (!strcmp(F->u.rec.keys[t], "b"))
                    b = F->u.rec.vals[t];
            }
        } else if (F->kind == VAL_MAT) {
            W = F;
        }
        if (!W || W->kind != VAL_MAT || fmpq_mat_nrows(W->u.m) != V->dout ||
            fmpq_mat_ncols(W->u.m) != V->din)
            return arg_error(c, i, "a layer of this space is record(W = a %ldx%ld matrix%s)",
                             (long)V->dout, (long)V->din, V->bias ? ", b = a column" : "");
        if (b && (!V->bias || b->kind != VAL_MAT || fmpq_mat_nrows(b->u.m) != V->dout ||
                  fmpq_mat_ncols(b->u.m) != 1))
            return arg_error(c, i, "the bias must be a %ldx1 column%s", (long)V->dout,
                             V->bias ? "" : " (and this space has none)");
        for (slong r = 0; r < V->dout; r++)
            for (slong s = 0; s < V->din; s++)
                fmpq_set(f + r * V->din + s, fmpq_mat_entry(W->u.m, r, s));
        for (slong r = 0; V->bias && r < V->dout; r++) {
            if (b)
                fmpq_set(f + V->dout * V->din + r, fmpq_mat_entry(b->u.m, r, 0));
            else
                fmpq_zero(f + V->dout * V->din + r);
        }
        return NULL;
    }
    PolyVec P;
    polyvec_init(&P, 0, V->R);
    if (F->kind == VAL_POLY || F->kind == VAL_RAT) {
        polyvec_clear(&P);
        polyvec_init(&P, 1, V->R);
        if (F->kind == VAL_POLY && F->u.poly.ring != V->R) {
            polyvec_clear(&P);
            return arg_error(c, i, "the polynomial is over other coordinates");
        }
        if (F->kind == VAL_POLY)
            fmpq_mpoly_set(P.p, F->u.poly.p, V->R->ctx);
        else
            poly_set_fmpq(P.p, F->u.q, V->R);
    } else if (F->kind == VAL_PMAT && F->u.pmat.cols == 1 && F->u.pmat.ring == V->R) {
        polyvec_clear(&P);
        polyvec_init(&P, F->u.pmat.rows, V->R);
        for (slong j = 0; j < P.len; j++)
            fmpq_mpoly_set(P.p + j, F->u.pmat.e + j, V->R->ctx);
    } else if (F->kind == VAL_MAT && fmpq_mat_ncols(F->u.m) == 1) {
        polyvec_clear(&P);
        polyvec_init(&P, fmpq_mat_nrows(F->u.m), V->R);
        for (slong j = 0; j < P.len; j++)
            poly_set_fmpq(P.p + j, fmpq_mat_entry(F->u.m, j, 0), V->R);
    } else {
        polyvec_clear(&P);
        return arg_type_error(c, i,
                              "a polynomial or a column of polynomials over the space's "
                              "coordinates",
                              F);
    }
    char err[MODEL_ERR_LEN] = "";
    int st = model_space_section_coeffs(f, V, &P, err);
    polyvec_clear(&P);
    return st ? arg_error(c, i, "%s", err) : NULL;
}

Value *model_builtin_coeffs(Call *c, Value **a)
{
    const ModelSpace *V = model_space_of(a[0]);
    if (!V)
        return arg_type_error(c, 0, "a model space", a[0]);
    if (V->nfull > MODEL_MAX_COEFFS)
        return arg_error(c, 0, too_large_fmt, (long)V->nfull, (long)MODEL_MAX_COEFFS);
    fmpq *f = _fmpq_vec_init(V->nfull + 1), *co = _fmpq_vec_init(V->dim + 1);
    Value *e = model_get_full(c, V, a[1], 1, f);
    if (!e) {
        if (model_space_coords(co, V, f)) {
            e = arg_error(c, 1, "the model is not in the space");
        } else {
            e = val_mat_new(V->dim, 1);
            for (slong j = 0; j < V->dim; j++)
                fmpq_set(fmpq_mat_entry(e->u.m, j, 0), co + j);
        }
    }
    _fmpq_vec_clear(f, V->nfull + 1);
    _fmpq_vec_clear(co, V->dim + 1);
    return e;
}

Value *model_value_from_coords(const ModelSpace *V, const fmpq *c)
{
    fmpq *f = _fmpq_vec_init(V->nfull + 1);
    model_space_combine(f, V, c);
    Value *r = model_from_full(V, f);
    _fmpq_vec_clear(f, V->nfull + 1);
    return r;
}

Value *model_value_full(Call *c, const ModelSpace *V, Value *F, int i, fmpq *f)
{
    return model_get_full(c, V, F, i, f);
}
