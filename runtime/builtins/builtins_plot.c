/* builtins_plot.c — SVG plots that Sym draws itself (runtime/plot/svg) and
 * SINDy's thresholded least squares (runtime/numeric/stlsq): plot_lines,
 * plot_quiver, plot_svals, sindy_fit.  Each plot_* writes a standalone SVG
 * file and returns the number of data elements drawn (lines, markers,
 * arrows, marks), so scripts can check what went into the picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "convert.h"
#include "builtins.h"
#include "interp.h"
#include "numeric/dlinalg.h"
#include "numeric/dmat.h"
#include "numeric/stlsq.h"
#include "plot/svg.h"
#include "plot/plot_out.h"

#define PLOT_MAX_POINTS 1000000L
#define PLOT_MAX_SERIES 1000L

/* A number (rational or real) as a double: 1, or 0 if not a number. */
static int num_d(const Value *v, double *out)
{
    return v && convert_double(v, out);
}

/* A vector of doubles from a list of numbers or a one-row/one-column
 * matrix: a new array (*n entries), or NULL with *n = -1 if v is not one. */
static double *vec_d(const Value *v, long *n)
{
    *n = -1;
    long len;
    if (v->kind == VAL_LIST) {
        len = v->u.list.n;
        if (len > PLOT_MAX_POINTS)
            return NULL;
        double *d = malloc((size_t)(len + 1) * sizeof *d);
        if (!d)
            return NULL;
        for (long i = 0; i < len; i++)
            if (!num_d(v->u.list.items[i], &d[i])) {
                free(d);
                return NULL;
            }
        *n = len;
        return d;
    }
    if (v->kind == VAL_FMAT) {
        const DMat *m = v->u.fm;
        if (m->rows != 1 && m->cols != 1)
            return NULL;
        len = (long)m->rows * m->cols;
        double *d = malloc((size_t)(len + 1) * sizeof *d);
        if (!d)
            return NULL;
        if (len)
            memcpy(d, m->data, (size_t)len * sizeof *d);
        *n = len;
        return d;
    }
    if (v->kind == VAL_MAT) {
        slong r = fmpq_mat_nrows(v->u.m), c = fmpq_mat_ncols(v->u.m);
        if ((r != 1 && c != 1) || r * c > PLOT_MAX_POINTS)
            return NULL;
        len = (long)(r * c);
        double *d = malloc((size_t)(len + 1) * sizeof *d);
        if (!d)
            return NULL;
        for (long i = 0; i < len; i++)
            d[i] = fmpq_get_d(r == 1 ? fmpq_mat_entry(v->u.m, 0, i) : fmpq_mat_entry(v->u.m, i, 0));
        *n = len;
        return d;
    }
    return NULL;
}

/* A new DMat copy of a float or exact matrix value; NULL if neither. */
static DMat *mat_d(const Value *v)
{
    if (v->kind == VAL_MAT) {
        slong r = fmpq_mat_nrows(v->u.m), c = fmpq_mat_ncols(v->u.m);
        if (r > 100000 || c > 100000 || r * c > 10 * PLOT_MAX_POINTS)
            return NULL;
    }
    return convert_dmat(v);
}

/* Optional string argument i: NULL if absent/nil, else its text (borrowed);
 * *err set when it is not a string (unless already set). */
static const char *opt_str(Call *c, Value **a, int i, Value **err)
{
    if (*err) /* keep the first error (a second would leak it) */
        return NULL;
    if (!a[i] || a[i]->kind == VAL_NIL)
        return NULL;
    if (a[i]->kind != VAL_STR) {
        *err = arg_type_error(c, i, "a string", a[i]);
        return NULL;
    }
    return a[i]->u.str.s;
}

static Value *want_path(Call *c, Value **a, const char **path)
{
    if (a[0]->kind != VAL_STR || a[0]->u.str.len == 0)
        return arg_type_error(c, 0, "a file name (a non-empty string)", a[0]);
    *path = a[0]->u.str.s;
    return NULL;
}

/* Sets title (argument it, may be -1), writes the plot, returns the count. */
static Value *finish(Call *c, SvgPlot *p, const char *path)
{
    char err[256];
    int nd = 0, st = plot_write(p, path, &nd, err, sizeof err); /* SVG, PNG or PDF */
    svg_plot_free(p);
    if (st)
        return call_error(c, "%s", err);
    interp_note_written(c->I, path);
    return val_rat_si(nd);
}

static Value *plot_fail(Call *c, SvgPlot *p, int st)
{
    svg_plot_free(p);
    return call_error(c, "%s", svg_strerror(st));
}

/* plot_lines(path, xs, ys_list, title, xlabel, ylabel, logy, labels, marks) */
static Value *bi_plot_lines(Call *c, Value **a)
{
    const char *path = NULL, *title = NULL, *xl = NULL, *yl = NULL;
    Value *e = want_path(c, a, &path), *err = NULL;
    if (e)
        return e;
    title = opt_str(c, a, 3, &err);
    xl = opt_str(c, a, 4, &err);
    yl = opt_str(c, a, 5, &err);
    if (err)
        return err;
    int logy = 0;
    if (a[6] && a[6]->kind != VAL_NIL) {
        if (a[6]->kind != VAL_BOOL)
            return arg_type_error(c, 6, "true or false", a[6]);
        logy = a[6]->u.b;
    }
    long nx;
    double *xs = vec_d(a[1], &nx);
    if (!xs)
        return arg_type_error(c, 1, "a list of numbers or a float column", a[1]);
    /* ys_list: a list of series, or one series */
    const Value *ys = a[2];
    long nser = 1;
    int single = 1;
    if (ys->kind == VAL_LIST && ys->u.list.n > 0 &&
        (ys->u.list.items[0]->kind == VAL_LIST || ys->u.list.items[0]->kind == VAL_FMAT ||
         ys->u.list.items[0]->kind == VAL_MAT)) {
        nser = ys->u.list.n;
        single = 0;
    }
    if (nser > PLOT_MAX_SERIES) {
        free(xs);
        return arg_error(c, 2, "too many series (%ld, at most %ld)", nser, PLOT_MAX_SERIES);
    }
    const Value *labels = a[7] && a[7]->kind != VAL_NIL ? a[7] : NULL;
    if (labels && labels->kind != VAL_LIST) {
        free(xs);
        return arg_type_error(c, 7, "a list of strings", labels);
    }
    SvgPlot *p = svg_plot_new(720, 450);
    if (!p) {
        free(xs);
        return call_error(c, "out of memory");
    }
    svg_plot_set_log(p, 0, logy);
    if (a[9] && a[9]->kind != VAL_NIL) {
        if (a[9]->kind != VAL_BOOL) {
            free(xs);
            svg_plot_free(p);
            return arg_type_error(c, 9, "true or false", a[9]);
        }
        svg_plot_set_equal_aspect(p, a[9]->u.b);
    }
    int st = svg_plot_set_title(p, title);
    if (!st)
        st = svg_plot_set_labels(p, xl, yl);
    for (long s = 0; s < nser && !st; s++) {
        long ny;
        double *y = vec_d(single ? ys : ys->u.list.items[s], &ny);
        if (!y || ny != nx) {
            free(y);
            free(xs);
            svg_plot_free(p);
            if (!y)
                return arg_error(c, 2, "series %ld must be a list of numbers or a float column",
                                 s + 1);
            return arg_error(c, 2, "series %ld has %ld values but xs has %ld", s + 1, ny, nx);
        }
        const char *lab = NULL;
        if (labels && s < labels->u.list.n && labels->u.list.items[s]->kind == VAL_STR)
            lab = labels->u.list.items[s]->u.str.s;
        st = svg_plot_add_line(p, xs, y, (int)nx, lab, nx <= 40 ? SVG_MARK_CIRCLE : SVG_MARK_NONE);
        free(y);
    }
    free(xs);
    if (!st && a[8] && a[8]->kind != VAL_NIL) {
        if (a[8]->kind != VAL_LIST) {
            svg_plot_free(p);
            return arg_type_error(c, 8, "a list of x positions", a[8]);
        }
        for (long i = 0; i < a[8]->u.list.n && !st; i++) {
            double at;
            char lab[64];
            if (!num_d(a[8]->u.list.items[i], &at) || !isfinite(at)) {
                svg_plot_free(p);
                return arg_error(c, 8, "marks must be numbers (item %ld is not)", i + 1);
            }
            snprintf(lab, sizeof lab, "x = %g", at);
            st = svg_plot_add_mark(p, 1, at, lab);
        }
    }
    if (st)
        return plot_fail(c, p, st);
    return finish(c, p, path);
}

/* Columns 0 and 1 of an n x 2 matrix value as new arrays. */
static Value *want_n2(Call *c, Value **a, int i, DMat **out)
{
    *out = mat_d(a[i]);
    if (!*out)
        return arg_type_error(c, i, "an n x 2 matrix", a[i]);
    if ((*out)->cols != 2) {
        int k = (*out)->cols;
        dmat_free(*out);
        *out = NULL;
        return arg_error(c, i, "must have 2 columns, not %d", k);
    }
    return NULL;
}

/* plot_quiver(path, P, V, Q, W, title) */
static Value *bi_plot_quiver(Call *c, Value **a)
{
    const char *path = NULL, *title = NULL;
    Value *e = want_path(c, a, &path), *err = NULL;
    if (e)
        return e;
    title = opt_str(c, a, 5, &err);
    if (err)
        return err;
    int second = a[3] && a[3]->kind != VAL_NIL;
    const Value *labels = a[6] && a[6]->kind != VAL_NIL ? a[6] : NULL;
    if (labels && labels->kind != VAL_LIST)
        return arg_type_error(c, 6, "a list of strings", labels);
    for (long i = 0; labels && i < labels->u.list.n; i++)
        if (labels->u.list.items[i]->kind != VAL_STR)
            return arg_error(c, 6, "label %ld is a %s, not a string", i + 1,
                             val_kind_name(labels->u.list.items[i]));
    if (second != (a[4] && a[4]->kind != VAL_NIL))
        return call_error(c, "give both Q and W (the points and the second field) or neither");
    DMat *M[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < (second ? 4 : 2); i++)
        if ((e = want_n2(c, a, i + 1, &M[i]))) {
            for (int j = 0; j < 4; j++)
                dmat_free(M[j]);
            return e;
        }
    for (int i = 0; i < (second ? 4 : 2); i += 2)
        if (M[i]->rows != M[i + 1]->rows) {
            int r0 = M[i]->rows, r1 = M[i + 1]->rows;
            for (int j = 0; j < 4; j++)
                dmat_free(M[j]);
            return arg_error(c, i + 2, "has %d rows but the points have %d", r1, r0);
        }
    SvgPlot *p = svg_plot_new(600, 540);
    int st = p ? svg_plot_set_title(p, title) : SVG_ERR_NOMEM;
    if (!st) {
        svg_plot_set_equal_aspect(p, 1);
        st = svg_plot_set_labels(p, "x", "y");
    }
    for (int i = 0; i < (second ? 4 : 2) && !st; i += 2) {
        const DMat *P = M[i], *V = M[i + 1];
        const char *lab = second ? (i ? "model" : "data") : NULL;
        if (labels)
            lab = i / 2 < labels->u.list.n ? labels->u.list.items[i / 2]->u.str.s : NULL;
        st = svg_plot_add_arrows(p, P->data, P->data + P->rows, V->data, V->data + V->rows, P->rows,
                                 lab);
    }
    for (int j = 0; j < 4; j++)
        dmat_free(M[j]);
    if (!p)
        return call_error(c, "out of memory");
    if (st)
        return plot_fail(c, p, st);
    return finish(c, p, path);
}

/* plot_svals(path, gammas, S, kept, title) */
static Value *bi_plot_svals(Call *c, Value **a)
{
    const char *path = NULL, *title = NULL;
    Value *e = want_path(c, a, &path), *err = NULL;
    if (e)
        return e;
    title = opt_str(c, a, 4, &err);
    if (err)
        return err;
    long ng;
    double *g = vec_d(a[1], &ng);
    if (!g)
        return arg_type_error(c, 1, "a list of numbers or a float column", a[1]);
    DMat *S = mat_d(a[2]);
    if (!S) {
        free(g);
        return arg_type_error(c, 2, "a (#gammas x q) matrix", a[2]);
    }
    if (S->rows != ng) {
        int r = S->rows;
        free(g);
        dmat_free(S);
        return arg_error(c, 2, "has %d rows but there are %ld gammas", r, ng);
    }
    /* kept: nil, a threshold, or a count per gamma */
    double thr = -1;
    long *cnt = NULL;
    Value *kv = a[3] && a[3]->kind != VAL_NIL ? a[3] : NULL;
    if (kv && !num_d(kv, &thr)) {
        long nk;
        double *k = vec_d(kv, &nk);
        if (!k || nk != ng) {
            free(k);
            free(g);
            dmat_free(S);
            return arg_error(c, 3, "kept must be a threshold or a list with one count per gamma");
        }
        cnt = malloc((size_t)(ng + 1) * sizeof *cnt);
        for (long i = 0; cnt && i < ng; i++)
            cnt[i] = k[i] >= 0 && k[i] <= S->cols ? (long)k[i] : -1;
        free(k);
        for (long i = 0; cnt && i < ng; i++)
            if (cnt[i] < 0) {
                free(cnt);
                free(g);
                dmat_free(S);
                return arg_error(c, 3, "kept counts must be integers from 0 to %d", S->cols);
            }
    } else if (kv && !(thr > 0 && isfinite(thr))) {
        free(g);
        dmat_free(S);
        return arg_error(c, 3, "the threshold must be positive");
    }
    int q = S->cols, st = 0;
    double smax = dmat_norm_max(S);
    /* zero singular values are drawn at the floor smax * 1e-16 */
    double floor_v = smax > 0 ? smax * 1e-16 : 1e-16;
    SvgPlot *p = svg_plot_new(760, 480);
    double *col = malloc((size_t)(ng + 1) * sizeof *col),
           *kx = malloc((size_t)(ng * q + 1) * sizeof *kx);
    double *ky = malloc((size_t)(ng * q + 1) * sizeof *ky);
    if (!p || !col || !kx || !ky)
        st = SVG_ERR_NOMEM;
    if (!st) {
        svg_plot_set_log(p, 1, 1);
        st = svg_plot_set_title(p, title ? title : "singular values of L_F along the path");
    }
    if (!st)
        st = svg_plot_set_labels(p, "\xce\xb3", "singular value");
    for (int j = 0; j < q && !st; j++) {
        char lab[32];
        for (long i = 0; i < ng; i++) {
            double s = DMAT_AT(S, i, j);
            col[i] = isfinite(s) && s >= 0 && s < floor_v ? floor_v : s;
        }
        snprintf(lab, sizeof lab, "\xcf\x83%d", j + 1);
        st = svg_plot_add_line(p, g, col, (int)ng, q <= 12 ? lab : NULL,
                               ng <= 40 ? SVG_MARK_CIRCLE : SVG_MARK_NONE);
    }
    long nk = 0;
    if (!st && (cnt || thr > 0)) {
        /* the kept symmetries: the cnt[i] smallest singular values at
         * gamma i, or those below the threshold */
        for (long i = 0; i < ng; i++) {
            for (int j = 0; j < q; j++)
                col[j] = DMAT_AT(S, i, j);
            for (int j = 0; j < q; j++) {
                double s = col[j];
                int rank_below = 0; /* how many values are smaller */
                for (int l = 0; l < q; l++)
                    rank_below += col[l] < s || (col[l] == s && l < j);
                int kept = cnt ? rank_below < cnt[i] : s < thr;
                if (kept && isfinite(s)) {
                    kx[nk] = g[i];
                    ky[nk++] = s < floor_v ? floor_v : s;
                }
            }
        }
        st = svg_plot_add_points(p, kx, ky, (int)nk, "kept symmetry", SVG_MARK_RING);
        if (!st && thr > 0) {
            char lab[64];
            snprintf(lab, sizeof lab, "threshold %g", thr);
            st = svg_plot_add_mark(p, 0, thr, lab);
        }
    }
    free(cnt);
    free(g);
    free(col);
    free(kx);
    free(ky);
    dmat_free(S);
    if (!p)
        return call_error(c, "out of memory");
    if (st)
        return plot_fail(c, p, st);
    return finish(c, p, path);
}

/* sindy_fit(Theta, dX, threshold, alpha, max_iter) */
static Value *bi_sindy_fit(Call *c, Value **a)
{
    StlsqParams prm;
    stlsq_params_init(&prm);
    if (a[2] && a[2]->kind != VAL_NIL && (!num_d(a[2], &prm.threshold) || !(prm.threshold >= 0)))
        return arg_error(c, 2, "threshold must be a nonnegative number");
    if (a[3] && a[3]->kind != VAL_NIL && (!num_d(a[3], &prm.alpha) || !(prm.alpha >= 0)))
        return arg_error(c, 3, "alpha must be a nonnegative number");
    if (a[4] && a[4]->kind != VAL_NIL) {
        long mi;
        Value *e = arg_long(c, a, 4, 1, 100000, &mi);
        if (e)
            return e;
        prm.max_iter = (int)mi;
    }
    DMat *Theta = mat_d(a[0]);
    if (!Theta)
        return arg_type_error(c, 0, "a matrix (samples x library functions)", a[0]);
    DMat *dX = mat_d(a[1]);
    if (!dX) {
        dmat_free(Theta);
        return arg_type_error(c, 1, "a matrix (samples x outputs)", a[1]);
    }
    if (Theta->rows != dX->rows) {
        int r0 = Theta->rows, r1 = dX->rows;
        dmat_free(Theta);
        dmat_free(dX);
        return call_error(c, "Theta has %d rows (samples) but dX has %d", r0, r1);
    }
    DMat *Xi = NULL;
    int it = 0, conv = 0;
    int st = stlsq_fit(&Xi, &it, &conv, Theta, dX, &prm);
    dmat_free(Theta);
    dmat_free(dX);
    if (st)
        return call_error(c, "%s", dlinalg_strerror(st));
    Value *r = val_record_new("record", 3);
    val_record_set(r, 0, "coef", val_fmat(Xi));
    val_record_set(r, 1, "iterations", val_rat_si(it));
    val_record_set(r, 2, "converged", val_bool(conv));
    return r;
}

const Builtin builtins_plot[] = {
    {"plot_lines",
     "path, xs, ys_list, title = \"\", xlabel = \"\", ylabel = \"\", logy = false, labels = [], "
     "marks = [], equal = false",
     bi_plot_lines, "plots",
     "Writes an SVG line plot of one or several series ys (lists or float columns, each as long "
     "as xs) against xs; logy = true for a log10 y axis, labels names the series in a legend, "
     "marks draws dashed vertical lines at those x, equal = true gives both axes the same scale "
     "(a circle stays round).  A path ending in .png or .pdf is drawn with cairo instead of "
     "SVG.  Returns the number of elements drawn.",
     "plot_lines(\"/tmp/sym_help_lines.svg\", [1, 2, 3], [[1, 4, 9]])", "4"},
    {"plot_quiver", "path, P, V, Q = nil, W = nil, title = \"\", labels = nil", bi_plot_quiver,
     "plots",
     "Writes an SVG quiver plot: arrows V[i] at points P[i] (n x 2 matrices), with equal axes "
     "and arrows scaled to the spacing of the points; Q, W add a second field in another colour "
     "(data against model); labels names the fields in the legend (default [\"data\", \"model\"] "
     "with a second field, none with one).  Arrows never run past the frame.  Returns the "
     "number of arrows drawn.",
     "plot_quiver(\"/tmp/sym_help_quiver.svg\", [0, 0; 1, 0], [1, 0; 0, 1])", "2"},
    {"plot_svals", "path, gammas, S, kept = nil, title = \"\"", bi_plot_svals, "plots",
     "Writes an SVG log-log plot of singular values along a gamma path: S has one row per gamma "
     "and one column per singular value.  kept marks the kept symmetries with rings: a count per "
     "gamma (the smallest that many values) or a threshold (values below it, drawn as a dashed "
     "line).  Zeros are drawn at 1e-16 of the largest value; gamma <= 0 is skipped.  Returns the "
     "number of elements drawn.",
     "plot_svals(\"/tmp/sym_help_svals.svg\", [0.1, 1], [1, 1/1000; 1, 1/10], [1, 0])", "7"},
    {"sindy_fit", "Theta, dX, threshold = 0.1, alpha = 0, max_iter = 10", bi_sindy_fit,
     "float linear algebra",
     "SINDy's sequentially thresholded least squares: a sparse coef with Theta coef ~ dX "
     "(coefficients below threshold dropped, refitted on the rest until the support settles; "
     "alpha adds a ridge penalty).  Returns record(coef, iterations, converged).",
     "sindy_fit([1, 0; 0, 1; 1, 1], [2; 0.01; 2.01]).coef", "[2.005; 0]"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
