/* builtins_field_plot.c — pictures of symmetry: plot_field (the arrows of
 * a vector field on a box, with the orbits of a symmetry generator) and
 * plot_contour (level sets of a scalar function: the level sets of an
 * invariant are unions of orbits).
 *
 * Fields and functions are evaluated in double: exact polynomials term by
 * term (coefficients rounded once), fitted models through their own
 * evaluation.  Orbits are integral curves of the generator's velocity
 * v(x) = A x (+ b for an affine 3 x 3 matrix [A, b; 0, 0]) or of a given
 * vector field, integrated with classical Runge-Kutta at a step of 1/300
 * of the box's diagonal in arclength, forward and backward, until the
 * curve leaves the box, closes up or stops at a zero of v.  Contours are
 * marching squares on an n x n grid with linear interpolation (saddle
 * cells resolved by the centre value). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "interp.h"
#include "model_value.h"
#include "builtins_model.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "plot/svg.h"
#include "plot/plot_out.h"

#define FP_MAX_GRID 400
#define FP_MAX_STEPS 4000

/* A polynomial in double: terms coef[t] * prod x_i^exp[t*nv + i]. */
typedef struct DPoly {
    long nt, nv;
    double *coef;
    ulong *exp;
} DPoly;

static int dpoly_init(DPoly *d, const fmpq_mpoly_t p, const PolyRing *R)
{
    d->nv = R->nvars;
    d->nt = fmpq_mpoly_length(p, R->ctx);
    d->coef = malloc(sizeof(double) * (size_t)(d->nt + 1));
    d->exp = malloc(sizeof(ulong) * (size_t)((d->nt + 1) * (d->nv + 1)));
    if (!d->coef || !d->exp)
        return -1;
    fmpq_t c;
    fmpq_init(c);
    for (long t = 0; t < d->nt; t++) {
        fmpq_mpoly_get_term_coeff_fmpq(c, p, t, R->ctx);
        d->coef[t] = fmpq_get_d(c);
        fmpq_mpoly_get_term_exp_ui(d->exp + t * d->nv, p, t, R->ctx);
    }
    fmpq_clear(c);
    return 0;
}

static void dpoly_clear(DPoly *d)
{
    free(d->coef);
    free(d->exp);
}

static double dpoly_eval(const DPoly *d, const double *x)
{
    double s = 0;
    for (long t = 0; t < d->nt; t++) {
        double m = d->coef[t];
        for (long i = 0; i < d->nv; i++)
            for (ulong e = d->exp[t * d->nv + i]; e; e--)
                m *= x[i];
        s += m;
    }
    return s;
}

/* A map R^2 -> R^k (k = 1 or 2) to evaluate: polynomials, a linear or
 * affine matrix, or a fitted model. */
typedef struct Map {
    int k;
    int kind; /* 0 polys, 1 matrix, 2 model */
    DPoly p[2];
    double A[2][3]; /* v = A[:, 0:2] x + A[:, 2] */
    const Value *model;
} Map;

static void map_clear(Map *m)
{
    if (m->kind == 0)
        for (int i = 0; i < m->k; i++)
            dpoly_clear(&m->p[i]);
}

/* Reads v as a map with k components; NULL or an error for argument i. */
static Value *map_init(Map *m, Call *c, const Value *v, int k, int i)
{
    memset(m, 0, sizeof *m);
    m->k = k;
    if (val_is_obj(v, &model_value_type)) {
        const ModelSpace *S = model_space_of(model_value_space(v));
        if (!S || S->kind != MODEL_SECTIONS || S->n != 2 || S->k != k)
            return arg_error(c, i, "the model must be a %s on the plane (2 coordinates)",
                             k == 1 ? "scalar function" : "vector field");
        m->kind = 2;
        m->model = v;
        return NULL;
    }
    if (k == 2 && v->kind == VAL_MAT && fmpq_mat_nrows(v->u.m) == fmpq_mat_ncols(v->u.m) &&
        (fmpq_mat_nrows(v->u.m) == 2 || fmpq_mat_nrows(v->u.m) == 3)) {
        m->kind = 1;
        int n = (int)fmpq_mat_nrows(v->u.m);
        for (int r = 0; r < 2; r++) {
            for (int s = 0; s < 2; s++)
                m->A[r][s] = fmpq_get_d(fmpq_mat_entry(v->u.m, r, s));
            m->A[r][2] = n == 3 ? fmpq_get_d(fmpq_mat_entry(v->u.m, r, 2)) : 0;
        }
        return NULL;
    }
    if (k == 2 && v->kind == VAL_MAT && fmpq_mat_nrows(v->u.m) * fmpq_mat_ncols(v->u.m) == 2 &&
        (fmpq_mat_nrows(v->u.m) == 1 || fmpq_mat_ncols(v->u.m) == 1)) {
        m->kind = 1; /* a constant field */
        m->A[0][2] = fmpq_get_d(v->u.m->entries);
        m->A[1][2] = fmpq_get_d(v->u.m->entries + 1);
        return NULL;
    }
    /* polynomials: one (k = 1), or a list / vector of two (k = 2) */
    const fmpq_mpoly_struct *ps[2] = {NULL, NULL};
    const PolyRing *R = NULL;
    fmpq_mpoly_t zero[2];
    int nz = 0;
    PolyRing *ring = c->I->ring;
    if (!ring)
        return call_error(c, "declare the coordinates first (coords x, y)");
    if (ring->nvars != 2)
        return call_error(c,
                          "plots are of the plane: declare two coordinates (coords x, y), "
                          "not %ld",
                          (long)ring->nvars);
    for (int j = 0; j < k; j++) {
        const Value *e = NULL;
        if (k == 1)
            e = v;
        else if (v->kind == VAL_LIST && v->u.list.n == 2)
            e = v->u.list.items[j];
        if (e && e->kind == VAL_POLY) {
            ps[j] = e->u.poly.p;
            R = e->u.poly.ring;
        } else if (e && e->kind == VAL_RAT) {
            fmpq_mpoly_init(zero[nz], ring->ctx);
            fmpq_mpoly_set_fmpq(zero[nz], e->u.q, ring->ctx);
            ps[j] = zero[nz++];
        } else if (!e && v->kind == VAL_PMAT && v->u.pmat.rows * v->u.pmat.cols == 2) {
            ps[j] = v->u.pmat.e + j;
            R = v->u.pmat.ring;
        } else {
            for (int z = 0; z < nz; z++)
                fmpq_mpoly_clear(zero[z], ring->ctx);
            return arg_type_error(c, i,
                                  k == 1 ? "a polynomial or a fitted scalar model"
                                         : "a vector field (two polynomials), a 2 x 2 "
                                           "or affine 3 x 3 matrix, or a fitted model",
                                  v);
        }
    }
    if (R && R != ring) {
        for (int z = 0; z < nz; z++)
            fmpq_mpoly_clear(zero[z], ring->ctx);
        return arg_error(c, i, "made under an earlier coords: to_coords(F) moves it");
    }
    for (int j = 0; j < k; j++)
        if (dpoly_init(&m->p[j], ps[j], ring))
            abort();
    for (int z = 0; z < nz; z++)
        fmpq_mpoly_clear(zero[z], ring->ctx);
    return NULL;
}

/* out[0..k) = the map at (x, y); for a model, through the model value. */
static int map_eval(const Map *m, double x, double y, double *out)
{
    double p[2] = {x, y};
    if (m->kind == 0) {
        for (int j = 0; j < m->k; j++)
            out[j] = dpoly_eval(&m->p[j], p);
    } else if (m->kind == 1) {
        for (int r = 0; r < 2; r++)
            out[r] = m->A[r][0] * x + m->A[r][1] * y + m->A[r][2];
    } else {
        Value *pt = val_list_new(2);
        val_list_set(pt, 0, val_real_d(x));
        val_list_set(pt, 1, val_real_d(y));
        Span none = {0};
        Value *r = model_value_call(m->model, &pt, 1, &none);
        val_unref(pt);
        int ok = 0;
        if (r->kind == VAL_REAL && m->k == 1) {
            out[0] = mpfr_get_d(r->u.r, MPFR_RNDN);
            ok = 1;
        } else if (r->kind == VAL_FMAT && r->u.fm->rows * r->u.fm->cols == m->k) {
            for (int j = 0; j < m->k; j++)
                out[j] = r->u.fm->data[j];
            ok = 1;
        }
        val_unref(r);
        return ok;
    }
    return 1;
}

/* box [[x0, x1], [y0, y1]] */
static Value *want_box(Call *c, Value **a, int i, double b[4])
{
    const Value *v = a[i];
    int ok = v->kind == VAL_LIST && v->u.list.n == 2;
    for (int r = 0; ok && r < 2; r++) {
        const Value *p = v->u.list.items[r];
        ok = p->kind == VAL_LIST && p->u.list.n == 2;
        for (int s = 0; ok && s < 2; s++) {
            const Value *q = p->u.list.items[s];
            if (q->kind == VAL_RAT)
                b[2 * r + s] = fmpq_get_d(q->u.q);
            else if (q->kind == VAL_REAL)
                b[2 * r + s] = mpfr_get_d(q->u.r, MPFR_RNDN);
            else
                ok = 0;
        }
    }
    if (!ok)
        return arg_type_error(c, i, "a box [[x0, x1], [y0, y1]]", v);
    if (!(b[0] < b[1]) || !(b[2] < b[3]) || !isfinite(b[1] - b[0]) || !isfinite(b[3] - b[2]))
        return arg_error(c, i, "each side of the box must be [lo, hi] with lo < hi");
    return NULL;
}

/* One orbit through (x0, y0): appended to the line arrays (a NaN ends it).
 * Returns the number of points. */
static long orbit(const Map *v, const double b[4], double x0, double y0, double **X, double **Y,
                  long *n, long *cap)
{
    double diag = hypot(b[1] - b[0], b[3] - b[2]), ds = diag / 300;
    double mx = 0.05 * (b[1] - b[0]), my = 0.05 * (b[3] - b[2]);
    double *px = malloc(sizeof(double) * (2 * FP_MAX_STEPS + 2));
    double *py = malloc(sizeof(double) * (2 * FP_MAX_STEPS + 2));
    if (!px || !py)
        abort();
    long np = 0;
    double bx[FP_MAX_STEPS + 1], by[FP_MAX_STEPS + 1];
    int closed = 0;
    for (int dir = 1; dir >= -1 && !closed; dir -= 2) {
        double x = x0, y = y0, walked = 0;
        long m = 0;
        for (int s = 0; s < FP_MAX_STEPS; s++) {
            double k[4][2], f[2];
            double xs = x, ys = y;
            int ok = 1;
            for (int st = 0; st < 4 && ok; st++) {
                double h = st == 0 ? 0 : st == 3 ? 1 : 0.5;
                double qx = xs + (st ? h * k[st - 1][0] : 0), qy = ys + (st ? h * k[st - 1][1] : 0);
                ok = map_eval(v, qx, qy, f);
                double sp = hypot(f[0], f[1]);
                if (!ok || !isfinite(sp) || sp < 1e-12) {
                    ok = 0;
                    break;
                }
                /* unit speed in arclength, times ds, in direction dir */
                k[st][0] = dir * ds * f[0] / sp;
                k[st][1] = dir * ds * f[1] / sp;
            }
            if (!ok)
                break;
            x = xs + (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]) / 6;
            y = ys + (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]) / 6;
            walked += ds;
            if (x < b[0] - mx || x > b[1] + mx || y < b[2] - my || y > b[3] + my)
                break;
            bx[m] = x, by[m] = y;
            m++;
            if (walked > 20 * ds && hypot(x - x0, y - y0) < 1.5 * ds) {
                closed = 1; /* back at the start: a closed orbit */
                bx[m] = x0, by[m] = y0;
                m++;
                break;
            }
        }
        if (dir == -1) { /* the backward half, reversed, goes first */
            memmove(px + m, px, sizeof(double) * (size_t)np);
            memmove(py + m, py, sizeof(double) * (size_t)np);
            for (long j = 0; j < m; j++) {
                px[j] = bx[m - 1 - j];
                py[j] = by[m - 1 - j];
            }
            np += m;
        } else {
            px[np] = x0, py[np] = y0;
            np++;
            for (long j = 0; j < m; j++) {
                px[np] = bx[j];
                py[np] = by[j];
                np++;
            }
        }
    }
    if (*n + np + 1 > *cap) {
        *cap = 2 * (*n + np + 1);
        *X = realloc(*X, sizeof(double) * (size_t)*cap);
        *Y = realloc(*Y, sizeof(double) * (size_t)*cap);
        if (!*X || !*Y)
            abort();
    }
    memcpy(*X + *n, px, sizeof(double) * (size_t)np);
    memcpy(*Y + *n, py, sizeof(double) * (size_t)np);
    *n += np;
    (*X)[*n] = NAN;
    (*Y)[*n] = NAN;
    (*n)++;
    free(px);
    free(py);
    return np;
}

/* Orbits of the generator(s) g through the seeds; adds one line series
 * per generator.  Returns NULL or an error. */
static Value *add_orbits(Call *c, SvgPlot *p, Value **a, int ig, int is, const double b[4],
                         long *count)
{
    const Value *g = a[ig];
    if (!g || g->kind == VAL_NIL) {
        if (a[is] && a[is]->kind != VAL_NIL)
            return arg_error(c, is, "seeds start orbits: give orbits = a generator too");
        return NULL;
    }
    /* one generator, or a list of generators (a list of two polynomials
       is one vector field) */
    int one = !(g->kind == VAL_LIST && g->u.list.n > 0 &&
                (g->u.list.items[0]->kind == VAL_MAT || g->u.list.items[0]->kind == VAL_LIST ||
                 g->u.list.items[0]->kind == VAL_PMAT));
    long ng = one ? 1 : g->u.list.n;
    /* seeds: the given n x 2 points, or 6 points from the centre of the box
       towards its right edge (and slightly up, off any axis) */
    double sx[64], sy[64];
    long ns = 0;
    const Value *S = a[is];
    if (S && S->kind != VAL_NIL) {
        if (S->kind == VAL_MAT && fmpq_mat_ncols(S->u.m) == 2 && fmpq_mat_nrows(S->u.m) <= 64) {
            for (long i = 0; i < fmpq_mat_nrows(S->u.m); i++) {
                sx[ns] = fmpq_get_d(fmpq_mat_entry(S->u.m, i, 0));
                sy[ns++] = fmpq_get_d(fmpq_mat_entry(S->u.m, i, 1));
            }
        } else if (S->kind == VAL_FMAT && S->u.fm->cols == 2 && S->u.fm->rows <= 64) {
            for (long i = 0; i < S->u.fm->rows; i++) {
                sx[ns] = DMAT_AT(S->u.fm, i, 0);
                sy[ns++] = DMAT_AT(S->u.fm, i, 1);
            }
        } else if (S->kind == VAL_LIST && S->u.list.n == 2 && S->u.list.items[0]->kind == VAL_RAT &&
                   S->u.list.items[1]->kind == VAL_RAT) {
            sx[ns] = fmpq_get_d(S->u.list.items[0]->u.q); /* one point [x, y] */
            sy[ns++] = fmpq_get_d(S->u.list.items[1]->u.q);
        } else {
            return arg_type_error(c, is, "an n x 2 matrix of starting points (n <= 64)", S);
        }
    } else {
        double cx = (b[0] + b[1]) / 2, cy = (b[2] + b[3]) / 2;
        for (int k = 1; k <= 6; k++) {
            sx[ns] = cx + k * (b[1] - cx) / 7;
            sy[ns++] = cy + k * (b[3] - cy) / 23;
        }
    }
    for (long gi = 0; gi < ng; gi++) {
        Map v;
        Value *e = map_init(&v, c, one ? g : g->u.list.items[gi], 2, ig);
        if (e)
            return e;
        double *X = NULL, *Y = NULL;
        long n = 0, cap = 0;
        for (long s = 0; s < ns; s++)
            *count += orbit(&v, b, sx[s], sy[s], &X, &Y, &n, &cap) > 1;
        map_clear(&v);
        char lab[64];
        snprintf(lab, sizeof lab, ng == 1 ? "orbits" : "orbits of generator %ld", gi + 1);
        int st = n ? svg_plot_add_line(p, X, Y, (int)n, lab, SVG_MARK_NONE) : SVG_OK;
        free(X);
        free(Y);
        if (st)
            return call_error(c, "%s", svg_strerror(st));
    }
    return NULL;
}

static Value *want_grid(Call *c, Value **a, int i, long def, long *n)
{
    *n = def;
    if (a[i] && a[i]->kind != VAL_NIL)
        return arg_long(c, a, i, 2, FP_MAX_GRID, n);
    return NULL;
}

static Value *write_plot(Call *c, SvgPlot *p, const char *path, long count)
{
    char err[256];
    int nd = 0;
    int st = plot_write(p, path, &nd, err, sizeof err);
    svg_plot_free(p);
    if (st)
        return call_error(c, "%s", err);
    (void)nd;
    interp_note_written(c->I, path);
    return val_rat_si(count);
}

static const char *opt_title(Call *c, Value **a, int i, Value **err)
{
    if (!a[i] || a[i]->kind == VAL_NIL)
        return NULL;
    if (a[i]->kind != VAL_STR) {
        *err = arg_type_error(c, i, "a string", a[i]);
        return NULL;
    }
    return a[i]->u.str.s;
}

/* plot_field(path, F, box, orbits, seeds, n, title, label) */
static Value *bi_plot_field(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR || !a[0]->u.str.len)
        return arg_type_error(c, 0, "a file name (a non-empty string)", a[0]);
    double b[4];
    long n;
    Value *e = NULL;
    if ((e = want_box(c, a, 2, b)) || (e = want_grid(c, a, 5, 15, &n)))
        return e;
    const char *title = opt_title(c, a, 6, &e);
    const char *label = opt_title(c, a, 7, &e);
    if (e)
        return e;
    Map F;
    if ((e = map_init(&F, c, a[1], 2, 1)))
        return e;
    double *px = malloc(sizeof(double) * (size_t)(n * n * 4));
    if (!px)
        abort();
    double *py = px + n * n, *u = py + n * n, *w = u + n * n;
    long m = 0;
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            double x = b[0] + (b[1] - b[0]) * (double)i / (double)(n - 1);
            double y = b[2] + (b[3] - b[2]) * (double)j / (double)(n - 1);
            double f[2];
            if (!map_eval(&F, x, y, f) || !isfinite(f[0]) || !isfinite(f[1]))
                continue;
            px[m] = x, py[m] = y, u[m] = f[0], w[m] = f[1];
            m++;
        }
    map_clear(&F);
    SvgPlot *p = svg_plot_new(600, 540);
    if (!p)
        abort();
    svg_plot_set_equal_aspect(p, 1);
    int st = svg_plot_set_title(p, title);
    if (!st)
        st = svg_plot_set_labels(p, c->I->ring ? c->I->ring->names[0] : "x",
                                 c->I->ring && c->I->ring->nvars > 1 ? c->I->ring->names[1] : "y");
    if (!st)
        st = svg_plot_add_arrows(p, px, py, u, w, (int)m, label);
    free(px);
    if (st) {
        svg_plot_free(p);
        return call_error(c, "%s", svg_strerror(st));
    }
    long count = m;
    if ((e = add_orbits(c, p, a, 3, 4, b, &count))) {
        svg_plot_free(p);
        return e;
    }
    return write_plot(c, p, a[0]->u.str.s, count);
}

/* Marching squares: the segments of {f = L} over the grid values V (n x n,
 * V[i * n + j] at x_i, y_j), appended as NaN-separated pairs. */
static long contour_level(const double *V, long n, const double b[4], double L, double **X,
                          double **Y, long *len, long *cap)
{
    long segs = 0;
    double hx = (b[1] - b[0]) / (double)(n - 1), hy = (b[3] - b[2]) / (double)(n - 1);
    for (long i = 0; i + 1 < n; i++)
        for (long j = 0; j + 1 < n; j++) {
            /* corners: 0 (i, j), 1 (i+1, j), 2 (i+1, j+1), 3 (i, j+1) */
            double v[4] = {V[i * n + j], V[(i + 1) * n + j], V[(i + 1) * n + j + 1],
                           V[i * n + j + 1]};
            double cx[4] = {0, 1, 1, 0}, cy[4] = {0, 0, 1, 1};
            int above[4], any = 0, all = 1;
            for (int k = 0; k < 4; k++) {
                if (!isfinite(v[k]))
                    goto next;
                above[k] = v[k] > L;
                any |= above[k];
                all &= above[k];
            }
            if (!any || all)
                continue;
            /* the crossing points on the edges k -> k+1 */
            double ex[4], ey[4];
            int cross[4], nc = 0;
            for (int k = 0; k < 4; k++) {
                int k1 = (k + 1) % 4;
                cross[k] = above[k] != above[k1];
                if (cross[k]) {
                    double t = (L - v[k]) / (v[k1] - v[k]);
                    ex[k] = cx[k] + t * (cx[k1] - cx[k]);
                    ey[k] = cy[k] + t * (cy[k1] - cy[k]);
                    nc++;
                }
            }
            int pairs[2][2], np = 0;
            if (nc == 2) {
                int e0 = -1, e1 = -1;
                for (int k = 0; k < 4; k++)
                    if (cross[k]) {
                        if (e0 < 0)
                            e0 = k;
                        else
                            e1 = k;
                    }
                pairs[0][0] = e0, pairs[0][1] = e1, np = 1;
            } else { /* a saddle: pair by the centre value */
                int mid = (v[0] + v[1] + v[2] + v[3]) / 4 > L;
                if (mid == above[0])
                    pairs[0][0] = 0, pairs[0][1] = 1, pairs[1][0] = 2, pairs[1][1] = 3;
                else
                    pairs[0][0] = 3, pairs[0][1] = 0, pairs[1][0] = 1, pairs[1][1] = 2;
                np = 2;
            }
            for (int q = 0; q < np; q++) {
                if (*len + 3 > *cap) {
                    *cap = 2 * (*len + 3) + 64;
                    *X = realloc(*X, sizeof(double) * (size_t)*cap);
                    *Y = realloc(*Y, sizeof(double) * (size_t)*cap);
                    if (!*X || !*Y)
                        abort();
                }
                for (int r = 0; r < 2; r++) {
                    int k = pairs[q][r];
                    (*X)[*len] = b[0] + ((double)i + ex[k]) * hx;
                    (*Y)[*len] = b[2] + ((double)j + ey[k]) * hy;
                    (*len)++;
                }
                (*X)[*len] = NAN;
                (*Y)[*len] = NAN;
                (*len)++;
                segs++;
            }
        next:;
        }
    return segs;
}

/* plot_contour(path, f, box, levels, n, orbits, seeds, title) */
static Value *bi_plot_contour(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR || !a[0]->u.str.len)
        return arg_type_error(c, 0, "a file name (a non-empty string)", a[0]);
    double b[4];
    long n;
    Value *e = NULL;
    if ((e = want_box(c, a, 2, b)) || (e = want_grid(c, a, 4, 80, &n)))
        return e;
    const char *title = opt_title(c, a, 7, &e);
    if (e)
        return e;
    /* levels: a count or a list of values */
    long nlev = 7;
    double lev[64];
    int given = 0;
    if (a[3] && a[3]->kind == VAL_LIST) {
        if (a[3]->u.list.n < 1 || a[3]->u.list.n > 64)
            return arg_error(c, 3, "give 1 to 64 levels");
        nlev = a[3]->u.list.n;
        for (long k = 0; k < nlev; k++) {
            const Value *q = a[3]->u.list.items[k];
            if (q->kind == VAL_RAT)
                lev[k] = fmpq_get_d(q->u.q);
            else if (q->kind == VAL_REAL)
                lev[k] = mpfr_get_d(q->u.r, MPFR_RNDN);
            else
                return arg_error(c, 3, "level %ld is a %s, not a number", k + 1, val_kind_name(q));
        }
        given = 1;
    } else if (a[3] && a[3]->kind != VAL_NIL && (e = arg_long(c, a, 3, 1, 64, &nlev))) {
        return e;
    }
    Map f;
    if ((e = map_init(&f, c, a[1], 1, 1)))
        return e;
    double *V = malloc(sizeof(double) * (size_t)(n * n));
    if (!V)
        abort();
    double lo = INFINITY, hi = -INFINITY;
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            double x = b[0] + (b[1] - b[0]) * (double)i / (double)(n - 1);
            double y = b[2] + (b[3] - b[2]) * (double)j / (double)(n - 1);
            double val = NAN;
            if (!map_eval(&f, x, y, &val))
                val = NAN;
            V[i * n + j] = val;
            if (isfinite(val)) {
                lo = fmin(lo, val);
                hi = fmax(hi, val);
            }
        }
    map_clear(&f);
    if (!given) {
        if (!(lo < hi)) {
            free(V);
            return call_error(c, "the function is constant on the box: no level sets to draw");
        }
        for (long k = 0; k < nlev; k++) /* evenly inside (lo, hi) */
            lev[k] = lo + (hi - lo) * (double)(k + 1) / (double)(nlev + 1);
    }
    SvgPlot *p = svg_plot_new(640, 540);
    if (!p)
        abort();
    svg_plot_set_equal_aspect(p, 1);
    int st = svg_plot_set_title(p, title);
    if (!st)
        st = svg_plot_set_labels(p, c->I->ring ? c->I->ring->names[0] : "x",
                                 c->I->ring && c->I->ring->nvars > 1 ? c->I->ring->names[1] : "y");
    long count = 0;
    for (long k = 0; k < nlev && !st; k++) {
        double *X = NULL, *Y = NULL;
        long len = 0, cap = 0;
        count += contour_level(V, n, b, lev[k], &X, &Y, &len, &cap);
        char lab[64];
        snprintf(lab, sizeof lab, "f = %.4g", lev[k]);
        if (len)
            st = svg_plot_add_line(p, X, Y, (int)len, nlev <= 12 ? lab : NULL, SVG_MARK_NONE);
        free(X);
        free(Y);
    }
    free(V);
    if (st) {
        svg_plot_free(p);
        return call_error(c, "%s", svg_strerror(st));
    }
    if ((e = add_orbits(c, p, a, 5, 6, b, &count))) {
        svg_plot_free(p);
        return e;
    }
    if (count == 0) {
        svg_plot_free(p);
        return call_error(c, "no level set crosses the box (levels between %g and %g)", lev[0],
                          lev[nlev - 1]);
    }
    return write_plot(c, p, a[0]->u.str.s, count);
}

const Builtin builtins_field_plot[] = {
    {"plot_field", "path, F, box, orbits = nil, seeds = nil, n = 15, title = \"\", label = nil",
     bi_plot_field, "plots",
     "Draws the vector field F (two polynomials, a constant column, a 2 x 2 matrix A for x -> "
     "A x, an affine 3 x 3 matrix, or a fitted model) as arrows on an n x n grid of box = [[x0, "
     "x1], [y0, y1]], "
     "with equal axes.  orbits = g (a generator matrix such as so(2)[1], a vector field, or a "
     "list of them) adds the orbits of exp(t g) through seeds (an m x 2 matrix; default six "
     "points from the centre towards the right edge): integral curves of v(x) = g x, by "
     "Runge-Kutta.  The file is SVG, or PNG / PDF (cairo) when path ends in .png / .pdf.  "
     "Returns the number of arrows plus orbits drawn.",
     "coords x, y; plot_field(\"/tmp/sym_help_field.svg\", [-y; x], [[-1, 1], [-1, 1]], "
     "n = 3)",
     "9"},
    {"plot_contour", "path, f, box, levels = 7, n = 80, orbits = nil, seeds = nil, title = \"\"",
     bi_plot_contour, "plots",
     "Draws level sets of the scalar function f (a polynomial or a fitted scalar model) on box "
     "= [[x0, x1], [y0, y1]] by marching squares on an n x n grid: levels is a count (evenly "
     "between the smallest and largest value on the grid) or a list of values.  orbits = g "
     "overlays the orbits of a generator (as in plot_field): for an invariant of g they run "
     "along the level sets.  SVG, PNG or PDF by the path's ending.  Returns the number of "
     "segments plus orbits drawn.",
     "coords x, y; plot_contour(\"/tmp/sym_help_contour.svg\", x^2 + y^2, [[-1, 1], [-1, 1]], "
     "levels = [1/4], n = 3)",
     "4"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
