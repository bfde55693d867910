/* builtins_fit.c — fitting models to data in the language: fit (least
 * squares), promote (nuclear-norm promotion of symmetry: min loss + gamma ||L_F||_*, Otto et al.,
 * arXiv 2311.00212, "Promoting symmetry"),
 * path (a warm-started sweep over gamma), sindy (STLSQ, optionally with
 * promotion), regulariser (||L_F||_* of an exact model) and round.
 * Glue only: assembly is in promote.c, the solvers in numeric/admm.c and
 * numeric/stlsq.c.
 *
 * Data layout: X is m x n (one point per row), Y is m x k (k components of
 * the model); rows of the design matrix are (point, component), point-major
 * (promote.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "convert.h"
#include "builtins.h"
#include "builtins_lie.h"
#include "interp.h"
#include "builtins_model.h"
#include "symmetry/promote.h"
#include "model_value.h"
#include "numeric/admm.h"
#include "numeric/dlinalg.h"
#include "numeric/stlsq.h"

#define FIT_PREC 256 /* MPFR bits for the orthonormalisations */
#define FIT_DEFAULT_GAMMA 0.1
#define FIT_DEFAULT_TOL (-1.0) /* rankgap.h default floor */
#define FIT_MAX_PATH 10000

/* Optional number argument i (absent or nil: def), finite and >= lo. */
static Value *opt_num(Call *c, Value **a, int i, double def, double lo, double *out)
{
    *out = def;
    if (!a[i] || a[i]->kind == VAL_NIL)
        return NULL;
    if (!convert_double(a[i], out) || !isfinite(*out) || *out < lo)
        return arg_error(c, i, "argument %d (%s) must be a finite number >= %g", i + 1,
                         builtin_sig(c->b)->names[i], lo);
    return NULL;
}

static Value *opt_bool(Call *c, Value **a, int i, int *out)
{
    *out = 0;
    if (!a[i] || a[i]->kind == VAL_NIL)
        return NULL;
    if (a[i]->kind != VAL_BOOL)
        return arg_type_error(c, i, "true or false", a[i]);
    *out = a[i]->u.b;
    return NULL;
}

static Value *want_space(Call *c, Value **a, int i, const ModelSpace **V)
{
    *V = model_space_of(a[i]);
    if (!*V)
        return arg_type_error(c, i, "a model space (polys, span, enforce)", a[i]);
    if ((*V)->kind != MODEL_SECTIONS)
        return arg_error(c, i,
                         "fitting needs a space of polynomial sections (polys, span), "
                         "not layers");
    if ((*V)->dim == 0)
        return arg_error(c, i, "the model space has dimension 0: nothing to fit");
    return NULL;
}

/* A new DMat from a float or exact matrix, or a list of numbers (column). */
static Value *want_dmat(Call *c, Value **a, int i, DMat **out)
{
    const Value *v = a[i];
    *out = NULL;
    if (v->kind == VAL_FMAT) {
        *out = dmat_copy(v->u.fm);
    } else if (v->kind == VAL_MAT) {
        slong r = fmpq_mat_nrows(v->u.m), k = fmpq_mat_ncols(v->u.m);
        if (r > 0x7fffffff || k > 0x7fffffff)
            return arg_error(c, i, "the matrix is too large");
        if ((*out = dmat_new((int)r, (int)k)))
            for (slong s = 0; s < r; s++)
                for (slong t = 0; t < k; t++)
                    DMAT_AT(*out, s, t) = fmpq_get_d(fmpq_mat_entry(v->u.m, s, t));
    } else if (v->kind == VAL_LIST && v->u.list.n <= 0x7fffffff) {
        double x;
        for (long s = 0; s < v->u.list.n; s++)
            if (!convert_double(v->u.list.items[s], &x))
                return arg_type_error(c, i, "a matrix or a list of numbers", v);
        if ((*out = dmat_new((int)v->u.list.n, 1)))
            for (long s = 0; s < v->u.list.n; s++)
                convert_double(v->u.list.items[s], &DMAT_AT(*out, s, 0));
    } else {
        return arg_type_error(c, i, "a matrix (one row per point)", v);
    }
    if (!*out)
        return call_error(c, "out of memory");
    if (dmat_has_nonfinite(*out)) {
        dmat_free(*out);
        *out = NULL;
        return arg_error(c, i, "contains NaN or Inf");
    }
    return NULL;
}

/* X (m x n) and Y (m x k) for V. */
static Value *want_data(Call *c, Value **a, int ix, int iy, const ModelSpace *V, DMat **X, DMat **Y)
{
    Value *e = want_dmat(c, a, ix, X);
    if (e)
        return e;
    if ((e = want_dmat(c, a, iy, Y))) {
        dmat_free(*X);
        *X = NULL; /* the caller's clear frees it otherwise a second time */
        return e;
    }
    if ((*X)->cols != V->n)
        e = arg_error(c, ix, "X has %d column%s but the models have %ld coordinate%s", (*X)->cols,
                      (*X)->cols == 1 ? "" : "s", (long)V->n, V->n == 1 ? "" : "s");
    else if ((*Y)->cols != V->k)
        e = arg_error(c, iy, "Y has %d column%s but the models have %ld component%s", (*Y)->cols,
                      (*Y)->cols == 1 ? "" : "s", (long)V->k, V->k == 1 ? "" : "s");
    else if ((*Y)->rows != (*X)->rows)
        e = arg_error(c, iy, "Y has %d row%s but X has %d", (*Y)->rows, (*Y)->rows == 1 ? "" : "s",
                      (*X)->rows);
    else if ((*X)->rows == 0)
        e = arg_error(c, ix, "there are no data points");
    if (e) {
        dmat_free(*X);
        dmat_free(*Y);
        *X = *Y = NULL;
    }
    return e;
}

/* The candidate generators (borrowed array: *own says whether to
   flint_free it). */
static Value *want_gens_d(Call *c, Value **a, int i, const fmpq_mat_struct **gens, slong *q,
                          fmpq_mat_struct **own, const DiscreteGens **disc)
{
    *own = NULL;
    if (disc)
        *disc = NULL;
    if (!a[i] || a[i]->kind == VAL_NIL)
        return call_error(c, "give the candidate algebra or group");
    const MatAlgebra *g = lie_owner_algebra(a[i]);
    const DiscreteGens *dg = lie_group_gens(a[i]);
    if (g && dg && dg->count > 0 && !disc)
        return arg_error(c, i,
                         "the group %s has %ld discrete generator%s, which this penalty "
                         "does not cover (it measures the Lie derivatives of the algebra "
                         "only): pass the algebra, or use promote, which penalises "
                         "||h.F - F|| for them",
                         dg->name[0] ? dg->name : "given", (long)dg->count,
                         dg->count == 1 ? "" : "s");
    if (g && dg && dg->count > 0)
        *disc = dg;
    if (g && g->dim == 0 && dg && dg->count > 0) {
        /* a finite group: no algebra part to measure */
        return arg_error(c, i,
                         "the group %s is finite: promotion needs a Lie algebra part "
                         "(enforce(V, G) imposes a finite group exactly)",
                         dg->name[0] ? dg->name : "given");
    }
    if (g) {
        *gens = g->basis;
        *q = g->dim;
        if (g->dim == 0)
            return arg_error(c, i, "the candidate algebra has dimension 0");
        return NULL;
    }
    if (a[i]->kind == VAL_LIST) {
        slong n;
        Value *e = lie_get_mats(c, a, i, own, q, &n, 0);
        if (e)
            return e;
        *gens = *own;
        return NULL;
    }
    return arg_type_error(c, i, "a Lie algebra, a group or a list of generator matrices", a[i]);
}

static Value *want_gens(Call *c, Value **a, int i, const fmpq_mat_struct **gens, slong *q,
                        fmpq_mat_struct **own)
{
    return want_gens_d(c, a, i, gens, q, own, NULL);
}

/* Measure from box (index ib) and measure (index im) arguments; default:
   the box [floor(min x_j), ceil(max x_j)] of the data X.  lo, hi: n fmpq
   each (initialised here; _fmpq_vec_clear(., n) after). *pts: owned. */
static Value *want_measure(Call *c, Value **a, int ib, int im, const DMat *X, slong n,
                           PromoteMeasure *mu, fmpq **lo, fmpq **hi, DMat **pts)
{
    memset(mu, 0, sizeof *mu);
    *lo = *hi = NULL;
    *pts = NULL;
    if (im >= 0 && a[im] && a[im]->kind != VAL_NIL) {
        if (ib >= 0 && a[ib] && a[ib]->kind != VAL_NIL)
            return call_error(c, "give either box or measure, not both");
        Value *e = want_dmat(c, a, im, pts);
        if (e)
            return e;
        if ((*pts)->cols != n || (*pts)->rows < 1) {
            int r = (*pts)->cols;
            dmat_free(*pts);
            *pts = NULL;
            return arg_error(c, im, "the measure's points must have %ld column%s, not %d", (long)n,
                             n == 1 ? "" : "s", r);
        }
        mu->kind = PROMOTE_POINTS;
        mu->points = *pts;
        return NULL;
    }
    *lo = _fmpq_vec_init(n + 1);
    *hi = _fmpq_vec_init(n + 1);
    mu->kind = PROMOTE_BOX;
    mu->lo = *lo;
    mu->hi = *hi;
    Value *bx = ib >= 0 ? a[ib] : NULL, *e = NULL;
    if (bx && bx->kind != VAL_NIL) {
        /* a list of n [lo, hi] pairs, or one pair for every coordinate */
        int ok = bx->kind == VAL_LIST && (bx->u.list.n == n || bx->u.list.n == 2);
        int single = ok && bx->u.list.n == 2 && bx->u.list.items[0]->kind == VAL_RAT;
        for (slong j = 0; ok && j < n; j++) {
            const Value *pr = single ? bx : bx->u.list.items[j];
            if (pr->kind != VAL_LIST || pr->u.list.n != 2 || pr->u.list.items[0]->kind != VAL_RAT ||
                pr->u.list.items[1]->kind != VAL_RAT) {
                ok = 0;
                break;
            }
            fmpq_set(*lo + j, pr->u.list.items[0]->u.q);
            fmpq_set(*hi + j, pr->u.list.items[1]->u.q);
            if (fmpq_cmp(*lo + j, *hi + j) >= 0) { /* report the first only */
                e = arg_error(c, ib, "the box is empty in dimension %ld: need lo < hi",
                              (long)j + 1);
                break;
            }
        }
        if (!ok && !e)
            e = arg_error(c, ib,
                          "the box must be a list of %ld exact [lo, hi] pair%s (or one "
                          "pair for every coordinate)",
                          (long)n, n == 1 ? "" : "s");
    } else if (X) {
        for (slong j = 0; j < n; j++) {
            double mn = INFINITY, mx = -INFINITY;
            for (int t = 0; t < X->rows; t++) {
                double v = DMAT_AT(X, t, j);
                mn = v < mn ? v : mn;
                mx = v > mx ? v : mx;
            }
            if (!(fabs(mn) < 1e15 && fabs(mx) < 1e15)) {
                e = call_error(c, "the data are too large for a default box: give box = ...");
                break;
            }
            double l = floor(mn), h = ceil(mx);
            if (h <= l)
                h = l + 1;
            fmpq_set_si(*lo + j, (slong)l, 1);
            fmpq_set_si(*hi + j, (slong)h, 1);
        }
    } else {
        for (slong j = 0; j < n; j++) {
            fmpq_set_si(*lo + j, -1, 1);
            fmpq_set_si(*hi + j, 1, 1);
        }
    }
    if (e) {
        _fmpq_vec_clear(*lo, n + 1);
        _fmpq_vec_clear(*hi, n + 1);
        *lo = *hi = NULL;
    }
    return e;
}

/* ------------------------------------------------------------ a problem */

/* Everything one promote/path/sindy call needs. */
typedef struct FitProblem {
    const ModelSpace *V;
    DMat *X, *Y, *Bd, *Theta, *y, *pts;
    fmpq *lo, *hi;
    fmpq_mat_struct *owngens;
    PromoteOp op;
    int has_op;
    DMat *Ladmm; /* the operator ADMM sees (promote_op_admm) */
    int Padmm, Qadmm;
} FitProblem;

static void fit_problem_clear(FitProblem *P)
{
    dmat_free(P->X);
    dmat_free(P->Y);
    dmat_free(P->Bd);
    dmat_free(P->Theta);
    dmat_free(P->y);
    dmat_free(P->pts);
    if (P->lo)
        _fmpq_vec_clear(P->lo, P->V->n + 1);
    if (P->hi)
        _fmpq_vec_clear(P->hi, P->V->n + 1);
    flint_free(P->owngens);
    promote_op_clear(&P->op);
    dmat_free(P->Ladmm);
    memset(P, 0, sizeof *P);
}

static Value *fit_fail(Call *c, int st, const char *err)
{
    (void)st;
    return call_error(c, "%s", err[0] ? err : "failed");
}

/* Reads V, X, Y (indices 0, 1, 2) and builds Theta and y; with ig >= 0 also
   the operator for the generators a[ig] and the measure (ib, im). */
static Value *fit_problem_init(FitProblem *P, Call *c, Value **a, int ig, int ib, int im)
{
    memset(P, 0, sizeof *P);
    promote_op_init(&P->op);
    Value *e = want_space(c, a, 0, &P->V);
    if (e)
        return e;
    if ((e = want_data(c, a, 1, 2, P->V, &P->X, &P->Y)))
        return e;
    char err[PROMOTE_ERR_LEN] = "";
    int st = promote_basis_d(&P->Bd, P->V, err);
    if (!st)
        st = promote_design(&P->Theta, P->V, P->Bd, P->X, err);
    if (!st && promote_flatten(&P->y, P->Y))
        st = PROMOTE_ERR_NOMEM, snprintf(err, sizeof err, "out of memory");
    if (st)
        return fit_fail(c, st, err);
    if (ig < 0)
        return NULL;
    const fmpq_mat_struct *gens;
    const DiscreteGens *disc;
    slong q;
    if ((e = want_gens_d(c, a, ig, &gens, &q, &P->owngens, &disc)))
        return e;
    PromoteMeasure mu;
    if ((e = want_measure(c, a, ib, im, P->X, P->V->n, &mu, &P->lo, &P->hi, &P->pts)))
        return e;
    st = promote_op_build(&P->op, P->V, NULL, gens, q, &mu, FIT_PREC, err);
    if (!st && disc)
        st = promote_op_add_discrete(&P->op, P->V, NULL, disc->gens, disc->count, &mu, FIT_PREC,
                                     err);
    if (st)
        return fit_fail(c, st, err);
    if ((st = promote_op_admm(&P->Ladmm, &P->Padmm, &P->Qadmm, &P->op)))
        return call_error(c, "the operator is too large");
    P->has_op = 1;
    return NULL;
}

static Value *formula_value(const ModelSpace *V, const double *c)
{
    double *f = calloc((size_t)V->nfull + 1, sizeof(double));
    if (!f)
        return val_error(NULL, "out of memory");
    model_space_combine_d(f, V, c);
    char *s = promote_formula(V, f);
    free(f);
    if (!s)
        return val_error(NULL, "out of memory");
    Value *r = val_cstr(s);
    free(s);
    return r;
}

/* ||Theta c - y||. */
static double residual_norm(const FitProblem *P, const double *c)
{
    double s = 0;
    for (int i = 0; i < P->Theta->rows; i++) {
        double v = -P->y->data[i];
        for (int b = 0; b < P->Theta->cols; b++)
            v += DMAT_AT(P->Theta, i, b) * c[b];
        s += v * v;
    }
    return sqrt(s);
}

/* The symmetry part of a result: singular values, rank (rankgap.h rule with
   the absolute noise floor tol, < 0 for the default), the kept symmetries
   with their singular values, the threshold, gap and reason that decided,
   what to change when nothing is kept, closure.  Appends fields to r
   starting at *f. */
static Value *symmetry_fields(Value *r, long *f, const FitProblem *P, const double *c, double tol,
                              DMat **svout)
{
    DMat *L = NULL, *s = NULL, *S = NULL;
    RankGap rg;
    double closure = 0;
    /* the size L(c) would have without cancellations: sum |c_b| ||L_b|| */
    double scale = 0;
    for (int b = 0; b < P->op.N; b++) {
        double nb = 0;
        for (int i = 0; i < P->op.Lmat->rows; i++)
            nb += DMAT_AT(P->op.Lmat, i, b) * DMAT_AT(P->op.Lmat, i, b);
        scale += fabs(c[b]) * sqrt(nb);
    }
    if (promote_op_apply(&L, &P->op, c) ||
        promote_symmetries(&s, &rg, &S, NULL, &closure, &P->op, L, tol, scale)) {
        dmat_free(L);
        return val_error(NULL, "computing the singular values of L_F failed");
    }
    double nuc = 0;
    for (int i = 0; i < s->rows; i++)
        nuc += s->data[i];
    dmat_free(L);
    int n = (int)P->op.n;
    Value *lst = val_list_new(S->cols);
    DMat *kv = dmat_new(S->cols, 1);
    for (int l = 0; l < S->cols; l++) {
        DMat *M = dmat_new(n, n);
        for (int i = 0; M && i < n; i++)
            for (int j = 0; j < n; j++)
                DMAT_AT(M, i, j) = DMAT_AT(S, i * n + j, l);
        val_list_set(lst, l, M ? val_fmat(M) : val_nil());
        if (kv)
            kv->data[l] = s->data[rg.rank + l];
    }
    dmat_free(S);
    char note[320] = "";
    if (rg.nnull == 0 && s->rows > 0)
        snprintf(note, sizeof note,
                 "no symmetry kept: the singular values (smallest %.3g, "
                 "largest %.3g) show no gap of %g above the floor %.3g; raise gamma to promote "
                 "symmetry, or give tol = a noise floor above the smallest singular values",
                 s->data[s->rows - 1], s->data[0], RANKGAP_DEFAULT_RATIO, rg.threshold);
    if (svout)
        *svout = dmat_copy(s);
    val_record_set(r, (*f)++, "singular_values", val_fmat(s));
    val_record_set(r, (*f)++, "nuclear_norm", val_real_d(nuc));
    val_record_set(r, (*f)++, "rank", val_rat_si(rg.rank));
    val_record_set(r, (*f)++, "symmetries", lst);
    val_record_set(r, (*f)++, "symmetry_values", kv ? val_fmat(kv) : val_nil());
    val_record_set(r, (*f)++, "gap", val_real_d(rg.gap));
    val_record_set(r, (*f)++, "threshold", val_real_d(rg.threshold));
    val_record_set(r, (*f)++, "why", val_cstr(rg.why));
    val_record_set(r, (*f)++, "note", val_cstr(note));
    val_record_set(r, (*f)++, "closure_residual", val_real_d(closure));
    if (P->op.nd > 0) {
        /* each discrete generator h: ||K_h F - F||_mu, kept by the same rule
           (rankgap.h) against the size of the model, ||F||_mu */
        DMat *dr = NULL;
        double fn = 0;
        if (promote_op_discrete(&dr, &fn, &P->op, c))
            return val_error(NULL, "computing the discrete residuals failed");
        Value *res = val_list_new(P->op.nd), *kept = val_list_new(P->op.nd);
        for (int t = 0; t < P->op.nd; t++) {
            double sv2[2] = {fn > dr->data[t] ? fn : dr->data[t], dr->data[t]};
            RankGap dg;
            int keep =
                dr->data[t] == 0 ||
                (sv2[0] > 0 && rankgap_decide(&dg, sv2, 2, sv2[0], tol, -1) >= 0 && dg.nnull == 1);
            val_list_set(res, t, val_real_d(dr->data[t]));
            val_list_set(kept, t, val_bool(keep));
        }
        dmat_free(dr);
        val_record_set(r, (*f)++, "discrete", res);
        val_record_set(r, (*f)++, "discrete_kept", kept);
    }
    return NULL;
}

/* ------------------------------------------------------------ progress */

typedef struct Progress {
    const char *name;
    int tty;
    int shown;
} Progress;

static void progress_cb(void *arg, const AdmmProgress *pr)
{
    Progress *p = arg;
    if (!p->tty)
        return;
    fprintf(stderr, "\r%s: iteration %d, primal %.1e (want %.1e), dual %.1e (want %.1e)\033[K",
            p->name, pr->iter, pr->r_primal, pr->eps_primal, pr->r_dual, pr->eps_dual);
    fflush(stderr);
    p->shown = 1;
}

static void progress_done(Progress *p)
{
    if (p->shown) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
    p->shown = 0;
}

static void progress_opts(AdmmOptions *o, Progress *p, const char *name, int max_iter)
{
    admm_options_init(o);
    p->name = name;
    p->tty = isatty(fileno(stderr));
    p->shown = 0;
    o->callback = progress_cb;
    o->callback_arg = p;
    o->callback_every = 100;
    if (max_iter > 0)
        o->max_iter = max_iter;
}

static void warn_interrupted(Call *c, const char *name, int iters)
{
    FILE *f = c->I && c->I->err ? c->I->err : stderr;
    fprintf(f,
            "warning: %s: interrupted after %d iteration%s; returning the current "
            "iterate\n",
            name, iters, iters == 1 ? "" : "s");
    sym_interrupted = 0;
}

static Value *admm_fail(Call *c, int st)
{
    if (st == ADMM_ERR_INFEASIBLE)
        return call_error(c, "the data cannot be interpolated: Theta c = y has no solution "
                             "(use interpolate = false)");
    return call_error(c, "the solver failed: %s", admm_strerror(st));
}

/* The record of one ADMM result. */
static Value *result_record(const FitProblem *P, const AdmmResult *res, double tol, int interrupted,
                            DMat **sv)
{
    Value *r = val_record_new("record", 26);
    long f = 0;
    const double *c = res->c->data;
    val_record_set(r, f++, "coef", convert_fmat_column(c, res->c->rows));
    val_record_set(r, f++, "formula", formula_value(P->V, c));
    val_record_set(r, f++, "gamma", val_real_d(res->gamma));
    val_record_set(r, f++, "objective", val_real_d(res->objective));
    val_record_set(r, f++, "residual", val_real_d(residual_norm(P, c)));
    Value *e = symmetry_fields(r, &f, P, c, tol, sv);
    if (e) {
        val_unref(r);
        return e;
    }
    val_record_set(r, f++, "iterations", val_rat_si(res->iterations));
    val_record_set(r, f++, "converged", val_bool(res->converged && !interrupted));
    val_record_set(r, f++, "interpolate", val_bool(res->interpolate));
    val_record_set(r, f++, "interrupted", val_bool(interrupted));
    r->u.rec.n = f;
    return r;
}

/* ------------------------------------------------------------ builtins */

/* fit(V, X, Y) */
static Value *bi_fit(Call *c, Value **a)
{
    FitProblem P;
    Value *e = fit_problem_init(&P, c, a, -1, -1, -1);
    if (e) {
        fit_problem_clear(&P);
        return e;
    }
    DMat *co = NULL;
    int rank = 0;
    int st = dlinalg_lstsq(&co, NULL, &rank, P.Theta, P.y, -1);
    if (st) {
        fit_problem_clear(&P);
        return call_error(c, "least squares failed: %s", dlinalg_strerror(st));
    }
    Value *r = val_record_new("record", 4);
    val_record_set(r, 0, "coef", val_fmat(co));
    val_record_set(r, 1, "formula", formula_value(P.V, co->data));
    val_record_set(r, 2, "residual", val_real_d(residual_norm(&P, co->data)));
    val_record_set(r, 3, "rank", val_rat_si(rank));
    fit_problem_clear(&P);
    return model_value_new(a[0], r);
}

/* promote(V, X, Y, G, gamma, interpolate, box, measure, tol, max_iter) */
static Value *bi_promote(Call *c, Value **a)
{
    double gamma, tol, mi;
    int interp;
    Value *e;
    if ((e = opt_num(c, a, 4, FIT_DEFAULT_GAMMA, 0, &gamma)) || (e = opt_bool(c, a, 5, &interp)) ||
        (e = opt_num(c, a, 8, FIT_DEFAULT_TOL, 0, &tol)) || (e = opt_num(c, a, 9, 0, 1, &mi)))
        return e;
    if (mi > 1e8)
        return arg_error(c, 9, "max_iter must be at most 1e8");
    FitProblem P;
    if ((e = fit_problem_init(&P, c, a, 3, 6, 7))) {
        fit_problem_clear(&P);
        return e;
    }
    AdmmProblem prob = {P.Theta, P.y, P.Ladmm, P.Padmm, P.Qadmm};
    AdmmOptions o;
    Progress pg;
    progress_opts(&o, &pg, "promote", (int)mi);
    AdmmResult res;
    admm_result_init(&res);
    int st = interp ? admm_solve_interp(&res, &prob, &o) : admm_solve(&res, &prob, gamma, &o);
    progress_done(&pg);
    if (st && st != ADMM_INTERRUPTED) {
        fit_problem_clear(&P);
        admm_result_clear(&res);
        return admm_fail(c, st);
    }
    if (st == ADMM_INTERRUPTED)
        warn_interrupted(c, "promote", res.iterations);
    Value *r = result_record(&P, &res, tol, st == ADMM_INTERRUPTED, NULL);
    admm_result_clear(&res);
    fit_problem_clear(&P);
    return model_value_new(a[0], r);
}

/* path(V, X, Y, G, gammas, box, measure, tol, max_iter) */
static Value *bi_path(Call *c, Value **a)
{
    double tol, mi;
    Value *e;
    if ((e = opt_num(c, a, 7, FIT_DEFAULT_TOL, 0, &tol)) || (e = opt_num(c, a, 8, 0, 1, &mi)))
        return e;
    if (mi > 1e8)
        return arg_error(c, 8, "max_iter must be at most 1e8");
    const Value *gl = a[4];
    if (!gl || gl->kind != VAL_LIST || gl->u.list.n < 1 || gl->u.list.n > FIT_MAX_PATH)
        return arg_error(c, 4, "gammas must be a non-empty list of at most %d numbers",
                         FIT_MAX_PATH);
    int ng = (int)gl->u.list.n;
    double *g = malloc((size_t)ng * sizeof(double));
    for (int i = 0; g && i < ng; i++)
        if (!convert_double(gl->u.list.items[i], g + i) || !isfinite(g[i]) || g[i] < 0) {
            free(g);
            return arg_error(c, 4, "gamma %d must be a finite number >= 0", i + 1);
        }
    if (!g)
        return call_error(c, "out of memory");
    FitProblem P;
    if ((e = fit_problem_init(&P, c, a, 3, 5, 6))) {
        free(g);
        fit_problem_clear(&P);
        return e;
    }
    AdmmProblem prob = {P.Theta, P.y, P.Ladmm, P.Padmm, P.Qadmm};
    AdmmOptions o;
    Progress pg;
    progress_opts(&o, &pg, "path", (int)mi);
    AdmmResult *res = calloc((size_t)ng, sizeof(AdmmResult));
    if (!res) {
        free(g);
        fit_problem_clear(&P);
        return call_error(c, "out of memory");
    }
    for (int i = 0; i < ng; i++)
        admm_result_init(res + i);
    int ndone = 0;
    int st = admm_path(res, &ndone, &prob, g, ng, &o);
    progress_done(&pg);
    Value *r = NULL;
    if (st && st != ADMM_INTERRUPTED) {
        r = admm_fail(c, st);
    } else {
        if (st == ADMM_INTERRUPTED)
            warn_interrupted(c, "path", ndone ? res[ndone - 1].iterations : 0);
        int q = P.op.q;
        DMat *SV = dmat_zeros(ndone, q);
        Value *lst = val_list_new(ndone), *kept = val_list_new(ndone);
        for (int i = 0; i < ndone; i++) {
            DMat *sv = NULL;
            Value *ri =
                result_record(&P, res + i, tol, st == ADMM_INTERRUPTED && i == ndone - 1, &sv);
            long rank = q;
            for (long f = 0; f < ri->u.rec.n; f++)
                if (ri->kind == VAL_RECORD && strcmp(ri->u.rec.keys[f], "rank") == 0)
                    val_get_long(ri->u.rec.vals[f], &rank);
            for (int j = 0; sv && SV && j < q && j < sv->rows; j++)
                DMAT_AT(SV, i, j) = sv->data[j];
            dmat_free(sv);
            val_list_set(kept, i, val_rat_si(q - rank));
            val_list_set(lst, i, model_value_new(a[0], ri));
        }
        r = val_record_new("record", 4);
        val_record_set(r, 0, "gammas", convert_fmat_column(g, ndone));
        val_record_set(r, 1, "singular_values", SV ? val_fmat(SV) : val_nil());
        val_record_set(r, 2, "kept", kept);
        val_record_set(r, 3, "results", lst);
    }
    for (int i = 0; i < ng; i++)
        admm_result_clear(res + i);
    free(res);
    free(g);
    fit_problem_clear(&P);
    return r;
}

/* Promoted STLSQ: solve (P1) on the support, drop |c_b| < thr, repeat. */
static int sindy_promote(DMat **cout, int *iters, int *conv, const FitProblem *P, double gamma,
                         double thr, int max_iter, AdmmOptions *o)
{
    int N = P->Theta->cols, m = P->Theta->rows, pq = P->Padmm * P->Qadmm;
    int *sup = malloc((size_t)N * sizeof(int)), ns = N, st = 0;
    double *c = calloc((size_t)N, sizeof(double));
    if (!sup || !c) {
        free(sup);
        free(c);
        return ADMM_ERR_NOMEM;
    }
    for (int b = 0; b < N; b++)
        sup[b] = b;
    *conv = 0;
    *iters = 0;
    for (int it = 0; it < max_iter && ns > 0; it++) {
        DMat *Th = dmat_new(m, ns), *Lm = dmat_new(pq, ns);
        if (!Th || !Lm) {
            dmat_free(Th);
            dmat_free(Lm);
            st = ADMM_ERR_NOMEM;
            break;
        }
        for (int j = 0; j < ns; j++) {
            memcpy(&DMAT_AT(Th, 0, j), &DMAT_AT(P->Theta, 0, sup[j]), (size_t)m * sizeof(double));
            memcpy(&DMAT_AT(Lm, 0, j), &DMAT_AT(P->Ladmm, 0, sup[j]), (size_t)pq * sizeof(double));
        }
        AdmmProblem prob = {Th, P->y, Lm, P->Padmm, P->Qadmm};
        AdmmResult res;
        admm_result_init(&res);
        st = admm_solve(&res, &prob, gamma, o);
        dmat_free(Th);
        dmat_free(Lm);
        (*iters)++;
        if (st && st != ADMM_INTERRUPTED) {
            admm_result_clear(&res);
            break;
        }
        memset(c, 0, (size_t)N * sizeof(double));
        for (int j = 0; j < ns; j++)
            c[sup[j]] = res.c->data[j];
        admm_result_clear(&res);
        if (st == ADMM_INTERRUPTED)
            break;
        int nn = 0;
        for (int j = 0; j < ns; j++)
            if (fabs(c[sup[j]]) >= thr)
                sup[nn++] = sup[j];
        if (nn == ns) {
            *conv = 1;
            break;
        }
        ns = nn;
    }
    if (!*conv && !st) {
        /* the support still changed at the last round: zero what dropped */
        for (int b = 0; b < N; b++)
            if (fabs(c[b]) < thr)
                c[b] = 0;
    }
    free(sup);
    if (st && st != ADMM_INTERRUPTED) {
        free(c);
        return st;
    }
    *cout = dmat_new(N, 1);
    if (*cout && N)
        memcpy((*cout)->data, c, (size_t)N * sizeof(double));
    free(c);
    return *cout ? st : ADMM_ERR_NOMEM;
}

/* sindy(V, X, dX, threshold, alpha, max_iter, promote, gamma, box, measure, tol) */
static Value *bi_sindy(Call *c, Value **a)
{
    double thr, alpha, mi, gamma, tol;
    Value *e;
    if ((e = opt_num(c, a, 3, 0.1, 0, &thr)) || (e = opt_num(c, a, 4, 0, 0, &alpha)) ||
        (e = opt_num(c, a, 5, 10, 1, &mi)) ||
        (e = opt_num(c, a, 7, FIT_DEFAULT_GAMMA, 0, &gamma)) ||
        (e = opt_num(c, a, 10, FIT_DEFAULT_TOL, 0, &tol)))
        return e;
    if (mi > 100000)
        return arg_error(c, 5, "max_iter must be at most 100000");
    int prom = a[6] && a[6]->kind != VAL_NIL;
    if (prom && a[4] && a[4]->kind != VAL_NIL)
        return arg_error(c, 4,
                         "alpha (the ridge of plain STLSQ) is not used with promote = G, "
                         "whose penalty is gamma's nuclear norm");
    for (int i = 7; i <= 10 && !prom; i++)
        if (a[i] && a[i]->kind != VAL_NIL)
            return arg_error(c, i,
                             "gamma, box, measure and tol are for promote = G (the "
                             "candidate algebra)");
    FitProblem P;
    if ((e = fit_problem_init(&P, c, a, prom ? 6 : -1, 8, 9))) {
        fit_problem_clear(&P);
        return e;
    }
    DMat *co = NULL;
    int it = 0, conv = 0, st, interrupted = 0;
    if (!prom) {
        StlsqParams prm;
        stlsq_params_init(&prm);
        prm.threshold = thr;
        prm.alpha = alpha;
        prm.max_iter = (int)mi;
        st = stlsq_fit(&co, &it, &conv, P.Theta, P.y, &prm);
        if (st) {
            fit_problem_clear(&P);
            return call_error(c, "least squares failed: %s", dlinalg_strerror(st));
        }
    } else {
        AdmmOptions o;
        Progress pg;
        progress_opts(&o, &pg, "sindy", 0);
        st = sindy_promote(&co, &it, &conv, &P, gamma, thr, (int)mi, &o);
        progress_done(&pg);
        if (st && st != ADMM_INTERRUPTED) {
            fit_problem_clear(&P);
            return admm_fail(c, st);
        }
        if (st == ADMM_INTERRUPTED) {
            interrupted = 1;
            warn_interrupted(c, "sindy", it);
        }
    }
    Value *r = val_record_new("record", 22);
    long f = 0;
    val_record_set(r, f++, "coef", val_fmat(co));
    val_record_set(r, f++, "formula", formula_value(P.V, co->data));
    val_record_set(r, f++, "residual", val_real_d(residual_norm(&P, co->data)));
    if (prom && (e = symmetry_fields(r, &f, &P, co->data, tol, NULL))) {
        r->u.rec.n = f;
        val_unref(r);
        fit_problem_clear(&P);
        return e;
    }
    val_record_set(r, f++, "iterations", val_rat_si(it));
    val_record_set(r, f++, "converged", val_bool(conv && !interrupted));
    r->u.rec.n = f;
    fit_problem_clear(&P);
    return model_value_new(a[0], r);
}

/* regulariser(F, G, E, box, measure) */
static Value *bi_regulariser(Call *c, Value **a)
{
    Value *F = a[0], *e;
    PolyRing *R = c->I->ring;
    slong k = 0, d = 0;
    if (F->kind == VAL_POLY) {
        R = F->u.poly.ring;
        k = 1;
        d = poly_total_degree(F->u.poly.p, R);
    } else if (F->kind == VAL_RAT) {
        k = 1;
    } else if (F->kind == VAL_PMAT && F->u.pmat.cols == 1) {
        R = F->u.pmat.ring;
        k = F->u.pmat.rows;
        for (slong i = 0; i < k; i++) {
            slong t = poly_total_degree(F->u.pmat.e + i, R);
            d = t > d ? t : d;
        }
    } else {
        return arg_type_error(c, 0, "a polynomial or a column of polynomials", F);
    }
    d = d < 0 ? 0 : d;
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    if (a[2] && a[2]->kind != VAL_NIL && !val_is_obj(a[2], &lie_bundle_type))
        return arg_type_error(c, 2, "a bundle", a[2]);
    Value *E = a[2] && a[2]->kind != VAL_NIL ? a[2] : NULL;
    if (E) {
        const LieBundle *B = lie_bundle_of(E);
        if (B->k != k || B->n != R->nvars)
            return arg_error(c, 2,
                             "the bundle has fiber dimension %ld over R^%ld; F has %ld "
                             "component(s) over %ld coordinate(s)",
                             (long)B->k, (long)B->n, (long)k, (long)R->nvars);
    } else if (k != 1 && k != R->nvars) {
        return arg_error(c, 0, "%ld components over %ld coordinates: give the bundle E", (long)k,
                         (long)R->nvars);
    }
    const fmpq_mat_struct *gens;
    slong q;
    fmpq_mat_struct *own = NULL;
    if ((e = want_gens(c, a, 1, &gens, &q, &own)))
        return e;
    char err[PROMOTE_ERR_LEN] = "";
    char merr[MODEL_ERR_LEN] = "";
    ModelSpace V;
    memset(&V, 0, sizeof V);
    if (model_space_init_polys(&V, lie_bundle_of(E), R, k, d, merr)) {
        flint_free(own);
        model_space_clear(&V);
        return call_error(c, "%s", merr);
    }
    fmpq *f = _fmpq_vec_init(V.nfull + 1);
    fmpq *lo = NULL, *hi = NULL;
    DMat *pts = NULL;
    PromoteMeasure mu;
    fmpq_mat_t B;
    fmpq_mat_init(B, V.nfull, 1);
    Value *r = model_value_full(c, &V, F, 0, f);
    if (!r)
        r = want_measure(c, a, 3, 4, NULL, V.n, &mu, &lo, &hi, &pts);
    PromoteOp op;
    promote_op_init(&op);
    if (!r) {
        for (slong i = 0; i < V.nfull; i++)
            fmpq_set(fmpq_mat_entry(B, i, 0), f + i);
        if (promote_op_build(&op, &V, B, gens, q, &mu, FIT_PREC, err))
            r = call_error(c, "%s", err);
    }
    if (!r) {
        double one = 1;
        DMat *L = NULL, *s = NULL, *S = NULL;
        RankGap rg;
        double closure;
        if (promote_op_apply(&L, &op, &one) ||
            promote_symmetries(&s, &rg, &S, NULL, &closure, &op, L, -1, 0)) {
            r = call_error(c, "computing the singular values failed");
        } else {
            double nuc = 0;
            for (int i = 0; i < s->rows; i++)
                nuc += s->data[i];
            /* exact Gram <lie(xi_i, F), lie(xi_j, F)>_mu in the given generators (box) */
            Value *gram = NULL;
            fmpq_mat_struct *M = NULL;
            slong dout;
            fmpq_mat_t G;
            fmpq_mat_init(G, 0, 0);
            if (mu.kind == PROMOTE_BOX && !promote_lie_images(&M, &dout, &V, B, gens, q, err) &&
                !promote_box_gram(G, V.n, dout, lo, hi, err)) {
                slong no = fmpq_mat_nrows(G);
                gram = val_mat_new(q, q);
                fmpq_t t;
                fmpq_init(t);
                for (slong i = 0; i < q; i++)
                    for (slong j = 0; j < q; j++)
                        for (slong cc = 0; cc < k; cc++)
                            for (slong u = 0; u < no; u++) {
                                const fmpq *mi = fmpq_mat_entry(M + i, cc * no + u, 0);
                                if (fmpq_is_zero(mi))
                                    continue;
                                for (slong w = 0; w < no; w++) {
                                    fmpq_mul(t, mi, fmpq_mat_entry(G, u, w));
                                    fmpq_addmul(fmpq_mat_entry(gram->u.m, i, j), t,
                                                fmpq_mat_entry(M + j, cc * no + w, 0));
                                }
                            }
                fmpq_clear(t);
            }
            promote_images_clear(M, M ? q : 0);
            fmpq_mat_clear(G);
            r = val_record_new("record", 7);
            val_record_set(r, 0, "value", val_real_d(nuc));
            val_record_set(r, 1, "singular_values", val_fmat(s));
            s = NULL;
            val_record_set(r, 2, "rank", val_rat_si(rg.rank));
            val_record_set(r, 3, "gram", gram ? gram : val_nil());
            val_record_set(r, 4, "gap", val_real_d(rg.gap));
            val_record_set(r, 5, "threshold", val_real_d(rg.threshold));
            val_record_set(r, 6, "why", val_cstr(rg.why));
        }
        dmat_free(L);
        dmat_free(s);
        dmat_free(S);
    }
    promote_op_clear(&op);
    fmpq_mat_clear(B);
    _fmpq_vec_clear(f, V.nfull + 1);
    if (lo)
        _fmpq_vec_clear(lo, V.n + 1);
    if (hi)
        _fmpq_vec_clear(hi, V.n + 1);
    dmat_free(pts);
    model_space_clear(&V);
    flint_free(own);
    return r;
}

/* discover(c, V, g, E, tol, box, measure) for a float model F = Σ c_b V_b
   (builtins_discover.c routes here; indices: c 0, V 1, g 2, E 3 (bundle of
   a list basis), tol 4, box 5, measure 6).  V is a model space (c its
   coordinates) or a list of sections (c their weights).  The operator
   ξ ↦ lie(ξ, F) is measured exactly as promote and regulariser measure it:
   a Frobenius-orthonormal basis of g and L²(μ), μ uniform on box (default
   [-1, 1]^n) or the points of measure.  The rank follows rankgap.h. */
Value *fit_discover_model(Call *c, Value **a)
{
    Value *e = NULL;
    const fmpq_mat_struct *gens;
    slong q;
    fmpq_mat_struct *own = NULL;
    double tol;
    if ((e = opt_num(c, a, 4, -1, 0, &tol)))
        return e;
    if ((e = want_gens(c, a, 2, &gens, &q, &own)))
        return e;
    ModelSpace Vl;
    memset(&Vl, 0, sizeof Vl);
    const ModelSpace *V = model_space_of(a[1]);
    int listed = !V;
    fmpq_mat_t B;
    fmpq_mat_init(B, 0, 0);
    DMat *co = NULL, *pts = NULL, *L = NULL, *s = NULL, *S = NULL, *A = NULL;
    fmpq *lo = NULL, *hi = NULL;
    PromoteOp op;
    promote_op_init(&op);
    char err[PROMOTE_ERR_LEN] = "";
    if (V && (e = want_space(c, a, 1, &V)))
        goto done;
    if (V && a[3] && a[3]->kind != VAL_NIL) {
        e = arg_error(c, 3,
                      "the model space already has its bundle: give E only with a list "
                      "of sections");
        goto done;
    }
    if (listed) {
        /* the list's sections as columns of full coefficients in polys(E, d) */
        const Value *Ls = a[1];
        long nb = Ls->u.list.n;
        PolyRing *R = c->I->ring;
        slong k = 0, d = 0;
        Value *E = a[3] && a[3]->kind != VAL_NIL ? a[3] : NULL;
        if (E && !val_is_obj(E, &lie_bundle_type)) {
            e = arg_type_error(c, 3, "a bundle", E);
            goto done;
        }
        for (long b = 0; b < nb; b++) {
            const Value *F = Ls->u.list.items[b];
            slong kb, db = 0;
            if (F->kind == VAL_POLY) {
                R = F->u.poly.ring;
                kb = 1;
                db = poly_total_degree(F->u.poly.p, R);
            } else if (F->kind == VAL_RAT) {
                kb = 1;
            } else if (F->kind == VAL_PMAT && F->u.pmat.cols == 1) {
                R = F->u.pmat.ring;
                kb = F->u.pmat.rows;
                for (slong i = 0; i < kb; i++) {
                    slong t = poly_total_degree(F->u.pmat.e + i, R);
                    db = t > db ? t : db;
                }
            } else {
                e = arg_error(c, 1,
                              "item %ld of the basis is not a polynomial or a column of "
                              "polynomials (write a vector field as field(p1, p2))",
                              b + 1);
                goto done;
            }
            if (b > 0 && kb != k) {
                e = arg_error(c, 1, "item %ld has %ld components, item 1 has %ld", b + 1, (long)kb,
                              (long)k);
                goto done;
            }
            k = kb;
            d = db > d ? db : d;
        }
        if (!R || R->nvars == 0) {
            e = call_error(c, "no coordinates: declare them first (coords x, y)");
            goto done;
        }
        if (E) {
            const LieBundle *Bn = lie_bundle_of(E);
            if (Bn->k != k || Bn->n != R->nvars) {
                e = arg_error(c, 3,
                              "the bundle has fiber dimension %ld over R^%ld; the basis "
                              "has %ld component(s) over %ld coordinate(s)",
                              (long)Bn->k, (long)Bn->n, (long)k, (long)R->nvars);
                goto done;
            }
        } else if (k != 1 && k != R->nvars) {
            e = arg_error(c, 1, "%ld components over %ld coordinates: give the bundle E", (long)k,
                          (long)R->nvars);
            goto done;
        }
        char merr[MODEL_ERR_LEN] = "";
        V = &Vl;
        if (model_space_init_polys(&Vl, lie_bundle_of(E), R, k, d, merr)) {
            e = call_error(c, "%s", merr);
            goto done;
        }
        fmpq_mat_clear(B);
        fmpq_mat_init(B, V->nfull, nb);
        fmpq *f = _fmpq_vec_init(V->nfull + 1);
        for (long b = 0; b < nb && !e; b++) {
            for (slong i = 0; i < V->nfull; i++)
                fmpq_zero(f + i);
            e = model_value_full(c, V, Ls->u.list.items[b], 1, f);
            for (slong i = 0; i < V->nfull && !e; i++)
                fmpq_set(fmpq_mat_entry(B, i, b), f + i);
        }
        _fmpq_vec_clear(f, V->nfull + 1);
        if (e)
            goto done;
    }
    long N = listed ? a[1]->u.list.n : V->dim;
    if ((e = want_dmat(c, a, 0, &co)))
        goto done;
    if (co->cols != 1 || co->rows != N) {
        e = arg_error(c, 0, "%d coefficient%s for a %s of %ld", co->rows * co->cols,
                      co->rows * co->cols == 1 ? "" : "s", listed ? "basis" : "model space", N);
        goto done;
    }
    PromoteMeasure mu;
    if ((e = want_measure(c, a, 5, 6, NULL, V->n, &mu, &lo, &hi, &pts)))
        goto done;
    if (promote_op_build(&op, V, listed ? B : NULL, gens, q, &mu, FIT_PREC, err)) {
        e = call_error(c, "%s", err);
        goto done;
    }
    double scale = 0, closure;
    for (int b = 0; b < op.N; b++) {
        double nb2 = 0;
        for (int i = 0; i < op.Lmat->rows; i++)
            nb2 += DMAT_AT(op.Lmat, i, b) * DMAT_AT(op.Lmat, i, b);
        scale += fabs(co->data[b]) * sqrt(nb2);
    }
    RankGap rg;
    if (promote_op_apply(&L, &op, co->data) ||
        promote_symmetries(&s, &rg, &S, &A, &closure, &op, L, tol, scale)) {
        e = call_error(c, "computing the singular values of the operator failed");
        goto done;
    }
    int n = (int)op.n;
    Value *dirs = val_list_new(q), *sv = val_list_new(q), *syms = val_list_new(S->cols);
    for (slong t = 0; t < q; t++) { /* ascending σ: how little F breaks each direction */
        slong src = q - 1 - t;
        DMat *M = dmat_new(n, n);
        for (int i = 0; M && i < n; i++)
            for (int j = 0; j < n; j++)
                DMAT_AT(M, i, j) = DMAT_AT(A, i * n + j, src);
        val_list_set(dirs, t, M ? val_fmat(M) : val_nil());
        val_list_set(sv, t, val_real_d(s->data[src]));
    }
    for (int l = 0; l < S->cols; l++) {
        DMat *M = dmat_new(n, n);
        for (int i = 0; M && i < n; i++)
            for (int j = 0; j < n; j++)
                DMAT_AT(M, i, j) = DMAT_AT(S, i * n + j, l);
        val_list_set(syms, l, M ? val_fmat(M) : val_nil());
    }
    e = val_record_new("approximate symmetries", 9);
    val_record_set(e, 0, "singular_values", sv);
    val_record_set(e, 1, "directions", dirs);
    val_record_set(e, 2, "rank", val_rat_si(rg.rank));
    val_record_set(e, 3, "gap", val_real_d(rg.gap));
    val_record_set(e, 4, "threshold", val_real_d(rg.threshold));
    val_record_set(e, 5, "why",
                   val_cstr(rg.nnull ? rg.why
                                     : "no symmetry found: no singular "
                                       "value is below the floor and no gap reaches the "
                                       "minimum ratio"));
    val_record_set(e, 6, "dim", val_rat_si(rg.nnull));
    val_record_set(e, 7, "symmetries", syms);
    val_record_set(e, 8, "closure_residual", val_real_d(closure));
done:
    promote_op_clear(&op);
    fmpq_mat_clear(B);
    if (lo)
        _fmpq_vec_clear(lo, V->n + 1);
    if (hi)
        _fmpq_vec_clear(hi, V->n + 1);
    dmat_free(pts);
    dmat_free(co);
    dmat_free(L);
    dmat_free(s);
    dmat_free(S);
    dmat_free(A);
    if (listed && V == &Vl)
        model_space_clear(&Vl);
    flint_free(own);
    return e;
}

/* round(x, digits = 0): decimal places, half away from zero. */
static double round_d(double x, long dg)
{
    if (!isfinite(x))
        return x;
    double s = pow(10.0, (double)dg);
    double r =
        dg >= 0 ? round(x * s) / s : round(x / pow(10.0, (double)-dg)) * pow(10.0, (double)-dg);
    if (!isfinite(r))
        return x;
    return r == 0 ? 0.0 : r; /* no negative zero */
}

static Value *round_value(Call *c, const Value *v, long dg, int depth)
{
    switch (v->kind) {
    case VAL_RAT: {
        /* n = floor(|x| * 10^dg + 1/2), then n / 10^dg with the sign of x */
        fmpz_t p, n, d2;
        fmpq_t x;
        fmpz_init(p);
        fmpz_init(n);
        fmpz_init(d2);
        fmpq_init(x);
        fmpz_set_ui(p, 10);
        fmpz_pow_ui(p, p, (ulong)(dg < 0 ? -dg : dg));
        fmpq_abs(x, v->u.q);
        if (dg >= 0)
            fmpq_mul_fmpz(x, x, p);
        else
            fmpq_div_fmpz(x, x, p);
        fmpz_mul_ui(n, fmpq_numref(x), 2);
        fmpz_add(n, n, fmpq_denref(x));
        fmpz_mul_ui(d2, fmpq_denref(x), 2);
        fmpz_fdiv_q(n, n, d2);
        fmpq_set_fmpz_frac(x, n, dg >= 0 ? p : (fmpz_one(d2), d2));
        if (dg < 0)
            fmpq_mul_fmpz(x, x, p);
        if (fmpq_sgn(v->u.q) < 0)
            fmpq_neg(x, x);
        Value *r = val_rat(x);
        fmpz_clear(p);
        fmpz_clear(n);
        fmpz_clear(d2);
        fmpq_clear(x);
        return r;
    }
    case VAL_REAL:
        return val_real_d(round_d(mpfr_get_d(v->u.r, MPFR_RNDN), dg));
    case VAL_FMAT: {
        DMat *d = dmat_copy(v->u.fm);
        if (!d)
            return call_error(c, "out of memory");
        for (size_t i = 0; i < dmat_size(d); i++)
            d->data[i] = round_d(d->data[i], dg);
        return val_fmat(d);
    }
    case VAL_LIST: {
        if (depth > 64)
            return call_error(c, "round: nesting too deep");
        Value *r = val_list_new(v->u.list.n);
        for (long i = 0; i < v->u.list.n; i++) {
            Value *x = round_value(c, v->u.list.items[i], dg, depth + 1);
            if (val_is_error(x)) {
                for (long j = i; j < v->u.list.n; j++)
                    val_list_set(r, j, val_nil());
                val_unref(r);
                return x;
            }
            val_list_set(r, i, x);
        }
        return r;
    }
    default:
        return val_ref((Value *)v);
    }
}

static Value *bi_round(Call *c, Value **a)
{
    long dg = 0;
    if (a[1] && a[1]->kind != VAL_NIL) {
        Value *e = arg_long(c, a, 1, -300, 300, &dg);
        if (e)
            return e;
    }
    if (val_is_obj(a[0], &model_value_type))
        return dg < 0 ? arg_error(c, 1, "a model is rounded to digits >= 0 decimals")
                      : model_value_exact(a[0], dg, &c->arg_spans[0]);
    if (a[0]->kind != VAL_RAT && a[0]->kind != VAL_REAL && a[0]->kind != VAL_FMAT &&
        a[0]->kind != VAL_LIST)
        return arg_type_error(c, 0, "a number, a float matrix or a list of them", a[0]);
    return round_value(c, a[0], dg, 0);
}

#define FIT "fitting"
const Builtin builtins_fit[] = {
    {"fit", "V, X, Y", bi_fit, FIT,
     "Least squares over the model space V (possibly enforced): X is m x n (a point per row), "
     "Y is m x k (the k components observed at each point).  Returns a model m with the fields "
     "coef (float coordinates in V's basis; m.full gives the full coefficients), "
     "formula, residual = ||Theta coef - y||, rank of the design matrix, and space = V.  A "
     "model is callable: m(X) evaluates it at the rows of X, m([x, y]) at one point; "
     "round(m, k) and exact(m) give exact sections, and builtins that take an exact model "
     "(lie, act, diff, ...) receive exact(m).",
     "coords x, y; X = fmat([0, 0; 1, 0; 0, 1]); m = fit(polys(scalars(so(2)), 1), X, "
     "fmat([1; 3; 1])); [m.formula, m([2, 2]), round(m, 6)]",
     "[\"2*x + 1\", 5, 2*x + 1]"},
    {"promote",
     "V, X, Y, G, gamma = 0.1, interpolate = false, box = nil, measure = nil, tol = nil, "
     "max_iter = 20000",
     bi_promote, FIT,
     "Promotes the symmetries of the candidate algebra G (an algebra, a group or a list of "
     "generators) while fitting: min ||Theta c - y||^2 + gamma ||L_F||_* (ADMM), or with "
     "interpolate = true min ||L_F||_* subject to Theta c = y.  L_F: xi -> lie(xi, F) over a "
     "Frobenius-orthonormal basis of G, with the L^2 inner product of the uniform measure on "
     "box (exact [lo, hi] pairs; default: the data's box rounded out to integers) or of the "
     "points of measure.  Returns record(coef, formula, gamma, objective, residual, "
     "singular_values, nuclear_norm, rank, symmetries (the kept directions, as float matrices), "
     "symmetry_values (their singular values), gap, threshold, why, note (what to change when "
     "nothing is kept), closure_residual, iterations, converged, interpolate, interrupted) as a "
     "model (see fit: callable, round(p, k) for an exact section).  "
     "The kept directions are decided by the rank rule of sym.1 (FLOAT DECISIONS): singular "
     "values at or below the noise floor tol (default 1e-10 times the operator's size) or "
     "after a gap of at least 100.  A group with discrete generators h (O(2), group(g, [h])) adds "
     "gamma sum_h ||K_h F - F|| (L^2 of the same measure) to the penalty and the fields "
     "discrete (those norms) and discrete_kept (each below the floor or a gap of 100 under "
     "||F||).  Ctrl-C returns the current iterate with a warning.",
     "coords x, y; X = sample(20, [[-1, 1], [-1, 1]], seed = 1); p = promote(polys(fields("
     "gl(2)), 1), X, eval([-y; x], X), gl(2), gamma = 0.01); [p.rank, round(p, 2)]",
     "[2, [-y; x]]"},
    {"path", "V, X, Y, G, gammas, box = nil, measure = nil, tol = nil, max_iter = 20000", bi_path,
     FIT,
     "promote for each gamma of the list gammas, each solve warm-started from the previous "
     "one.  Returns record(gammas, singular_values (a row per gamma, for plot_svals), kept "
     "(the number of kept symmetries per gamma), results (the promote models)).",
     "coords x, y; X = sample(20, [[-1, 1], [-1, 1]], seed = 1); path(polys(fields(gl(2)), "
     "1), X, eval([-y; x], X), gl(2), [0.01, 10]).kept",
     "[2, 2]"},
    {"sindy",
     "V, X, dX, threshold = 0.1, alpha = 0, max_iter = 10, promote = nil, gamma = 0.1, "
     "box = nil, measure = nil, tol = nil",
     bi_sindy, FIT,
     "SINDy: sequentially thresholded least squares for dX ~ F(X) over the library V "
     "(polys(fields(g), d), possibly enforced; thresholds act on V's coordinates).  With "
     "promote = G each least-squares round is a promote solve with gamma.  Returns "
     "a model (see fit) with coef, formula, residual, [singular_values .. closure_residual,] "
     "iterations, converged.",
     "coords x, y; X = sample(20, [[-1, 1], [-1, 1]], seed = 1); round(sindy(polys(fields("
     "so(2)), 2), X, eval([x - y; x + y], X)), 3)",
     "[x - y; x + y]"},
    {"regulariser", "F, G, E = nil, box = nil, measure = nil", bi_regulariser, FIT,
     "The promotion penalty ||L_F||_* of an exact model F for the candidate algebra G "
     "(Frobenius-orthonormal basis) and the uniform measure on box (default [-1, 1]^n) or the "
     "points of measure.  Returns record(value, singular_values, rank, gram: the exact matrix "
     "<lie(xi_i, F), lie(xi_j, F)> in G's own basis (box only), gap, threshold, why: the rank "
     "rule of sym.1).",
     "coords x, y; round(regulariser(x, se(2)).value, 6)", "1.408248"},
    {"round", "x, digits = 0", bi_round, "numbers",
     "x rounded to digits decimal places (half away from zero): a rational stays exact, reals "
     "and float matrices stay floats (entrywise); lists are rounded item by item.  A fitted "
     "model gives the exact section with its coordinates in V rounded to digits decimals.",
     "round(2/3, 2)", "67/100"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
