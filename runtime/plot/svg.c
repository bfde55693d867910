/* svg.c — the tiny SVG plot writer (see svg.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "base/atomic_file.h"
#include "svg.h"

typedef enum { SER_LINE, SER_POINTS, SER_ARROWS } SerKind;

typedef struct Series {
    SerKind kind;
    int n, color;
    double *x, *y, *u, *v;
    char *label;
    SvgMarker marker;
} Series;

typedef struct Mark {
    int vertical;
    double at;
    char *label;
} Mark;

struct SvgPlot {
    int w, h, logx, logy, equal, ncolor;
    char *title, *xlabel, *ylabel;
    Series *ser;
    int nser;
    Mark *mark;
    int nmark;
};

/* Tableau 10: distinguishable, colour-blind tolerant, prints well. */
static const char *const PALETTE[] = {"#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1",
                                      "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"};
#define NPALETTE 10

#define FONT "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""
#define INK "#222222"

const char *svg_strerror(int status)
{
    switch (status) {
    case SVG_OK:
        return "ok";
    case SVG_ERR_NOMEM:
        return "out of memory";
    case SVG_ERR_ARG:
        return "bad plot argument";
    case SVG_ERR_IO:
        return "cannot write the file";
    case SVG_ERR_EMPTY:
        return "nothing to plot (no finite point on the axes)";
    }
    return sym_strerror(status); /* another engine's code */
}

static char *dupstr(const char *s)
{
    if (!s || !*s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

SvgPlot *svg_plot_new(int width, int height)
{
    SvgPlot *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->w = width < 200 ? 200 : width > 10000 ? 10000 : width;
    p->h = height < 150 ? 150 : height > 10000 ? 10000 : height;
    return p;
}

void svg_plot_free(SvgPlot *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nser; i++) {
        Series *s = &p->ser[i];
        free(s->x);
        free(s->y);
        free(s->u);
        free(s->v);
        free(s->label);
    }
    for (int i = 0; i < p->nmark; i++)
        free(p->mark[i].label);
    free(p->ser);
    free(p->mark);
    free(p->title);
    free(p->xlabel);
    free(p->ylabel);
    free(p);
}

static int set_str(char **dst, const char *s)
{
    char *d = dupstr(s);
    if (s && *s && !d)
        return SVG_ERR_NOMEM;
    free(*dst);
    *dst = d;
    return SVG_OK;
}

int svg_plot_set_title(SvgPlot *p, const char *title)
{
    return set_str(&p->title, title);
}

int svg_plot_set_labels(SvgPlot *p, const char *xlabel, const char *ylabel)
{
    int st = set_str(&p->xlabel, xlabel);
    return st ? st : set_str(&p->ylabel, ylabel);
}

void svg_plot_set_log(SvgPlot *p, int logx, int logy)
{
    p->logx = logx != 0;
    p->logy = logy != 0;
}

void svg_plot_set_equal_aspect(SvgPlot *p, int on)
{
    p->equal = on != 0;
}

static double *dupd(const double *a, int n)
{
    double *d = malloc((size_t)(n > 0 ? n : 1) * sizeof *d);
    if (d && n > 0)
        memcpy(d, a, (size_t)n * sizeof *d);
    return d;
}

static int add_series(SvgPlot *p, SerKind kind, const double *x, const double *y, const double *u,
                      const double *v, int n, const char *label, SvgMarker marker)
{
    if (n < 0 || (n > 0 && (!x || !y || (kind == SER_ARROWS && (!u || !v)))))
        return SVG_ERR_ARG;
    Series *ns = realloc(p->ser, (size_t)(p->nser + 1) * sizeof *ns);
    if (!ns)
        return SVG_ERR_NOMEM;
    p->ser = ns;
    Series s = {kind, n, p->ncolor % NPALETTE, NULL, NULL, NULL, NULL, NULL, marker};
    s.x = dupd(x, n);
    s.y = dupd(y, n);
    if (kind == SER_ARROWS) {
        s.u = dupd(u, n);
        s.v = dupd(v, n);
    }
    s.label = dupstr(label);
    if (!s.x || !s.y || (kind == SER_ARROWS && (!s.u || !s.v)) || (label && *label && !s.label)) {
        free(s.x);
        free(s.y);
        free(s.u);
        free(s.v);
        free(s.label);
        return SVG_ERR_NOMEM;
    }
    if (marker != SVG_MARK_RING)
        p->ncolor++;
    p->ser[p->nser++] = s;
    return SVG_OK;
}

int svg_plot_add_line(SvgPlot *p, const double *x, const double *y, int n, const char *label,
                      SvgMarker marker)
{
    return add_series(p, SER_LINE, x, y, NULL, NULL, n, label, marker);
}

int svg_plot_add_points(SvgPlot *p, const double *x, const double *y, int n, const char *label,
                        SvgMarker marker)
{
    return add_series(p, SER_POINTS, x, y, NULL, NULL, n, label,
                      marker == SVG_MARK_NONE ? SVG_MARK_CIRCLE : marker);
}

int svg_plot_add_arrows(SvgPlot *p, const double *x, const double *y, const double *u,
                        const double *v, int n, const char *label)
{
    return add_series(p, SER_ARROWS, x, y, u, v, n, label, SVG_MARK_NONE);
}

int svg_plot_add_mark(SvgPlot *p, int vertical, double at, const char *label)
{
    if (!isfinite(at))
        return SVG_ERR_ARG;
    Mark *nm = realloc(p->mark, (size_t)(p->nmark + 1) * sizeof *nm);
    if (!nm)
        return SVG_ERR_NOMEM;
    p->mark = nm;
    Mark m = {vertical != 0, at, dupstr(label)};
    if (label && *label && !m.label)
        return SVG_ERR_NOMEM;
    p->mark[p->nmark++] = m;
    return SVG_OK;
}

/* ---- ticks ---- */

int svg_ticks_linear(double *ticks, int max, double lo, double hi)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi) || max < 1)
        return 0;
    double raw = (hi - lo) / 6, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    int n = 0;
    for (double k = ceil(lo / step - 1e-9); n < max; k++) {
        double t = k * step;
        if (t > hi + 1e-9 * step)
            break;
        ticks[n++] = fabs(t) < 1e-9 * step ? 0.0 : t;
    }
    return n;
}

int svg_ticks_log(double *ticks, int max, double lo, double hi)
{
    if (!(lo > 0) || !(lo < hi) || !isfinite(hi) || max < 1)
        return 0;
    int k0 = (int)ceil(log10(lo) - 1e-9), k1 = (int)floor(log10(hi) + 1e-9);
    int every = (k1 - k0) / 10 + 1, n = 0;
    for (int k = k0; k <= k1 && n < max; k++)
        if (((k % every) + every) % every == 0)
            ticks[n++] = pow(10, k);
    return n;
}

/* ---- output buffer ---- */

typedef struct Buf {
    char *s;
    size_t len, cap;
    int err;
} Buf;

static void buf_reserve(Buf *b, size_t extra)
{
    if (b->err || b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->err = 1;
        return;
    }
    b->s = s;
    b->cap = cap;
}

static void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = 1;
        return;
    }
    buf_reserve(b, (size_t)n);
    if (b->err)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

size_t svg_escape(char *buf, size_t cap, const char *s)
{
    size_t need = 0;
    for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
        const char *rep = NULL;
        char one[2] = {(char)*c, 0};
        switch (*c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&apos;";
            break;
        default:
            if (*c < 0x20 && *c != '\t' && *c != '\n')
                one[0] = '?';
            rep = one;
        }
        for (const char *r = rep; *r; r++, need++)
            if (buf && need + 1 < cap)
                buf[need] = *r;
    }
    if (buf && cap > 0)
        buf[need < cap ? need : cap - 1] = 0;
    return need;
}

static void bescape(Buf *b, const char *s)
{
    size_t n = svg_escape(NULL, 0, s);
    buf_reserve(b, n);
    if (b->err)
        return;
    svg_escape(b->s + b->len, n + 1, s);
    b->len += n;
}

/* ---- axes ---- */

typedef struct Axis {
    double lo, hi; /* data range shown */
    int log;
    double p0, p1; /* pixel positions of lo and hi */
} Axis;

static int valid_on(const Axis *a, double v)
{
    return isfinite(v) && (!a->log || v > 0);
}

static double ax_t(const Axis *a, double v)
{
    return a->log ? log10(v) : v;
}

static double ax_map(const Axis *a, double v)
{
    return a->p0 +
           (ax_t(a, v) - ax_t(a, a->lo)) / (ax_t(a, a->hi) - ax_t(a, a->lo)) * (a->p1 - a->p0);
}

/* Range of the data along x (which = 0) or y (1); 0 if no valid value. */
static int data_range(const SvgPlot *p, int which, int log, double *lo, double *hi)
{
    int any = 0;
    Axis probe = {0, 1, log, 0, 1};
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int i = 0; i < p->nser; i++) {
        const Series *s = &p->ser[i];
        for (int j = 0; j < s->n; j++) {
            double c = which ? s->y[j] : s->x[j];
            if (!valid_on(&probe, c) || !isfinite(which ? s->x[j] : s->y[j]))
                continue;
            *lo = fmin(*lo, c);
            *hi = fmax(*hi, c);
            any = 1;
        }
    }
    for (int i = 0; i < p->nmark; i++)
        if (p->mark[i].vertical == !which && valid_on(&probe, p->mark[i].at)) {
            *lo = fmin(*lo, p->mark[i].at);
            *hi = fmax(*hi, p->mark[i].at);
            any = 1;
        }
    return any;
}

static int axis_setup(Axis *a, const SvgPlot *p, int which, int log)
{
    double lo, hi;
    a->log = log;
    if (!data_range(p, which, log, &lo, &hi)) {
        if (!p->nser && p->nmark) { /* only marks across: a unit range */
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        } else {
            return 0;
        }
    }
    if (log) {
        /* pad 4% in log space; snap out to decades if fewer than two
         * powers of ten would be inside */
        double l0 = log10(lo), l1 = log10(hi), pad = l1 > l0 ? 0.04 * (l1 - l0) : 0.5;
        l0 -= pad;
        l1 += pad;
        if (floor(l1 + 1e-9) - ceil(l0 - 1e-9) < 1) {
            l0 = floor(l0 + 1e-9);
            l1 = ceil(l1 - 1e-9);
            if (l1 <= l0)
                l1 = l0 + 1;
        }
        a->lo = pow(10, l0);
        a->hi = pow(10, l1);
    } else {
        double span = hi - lo;
        double pad = 0.06 * span;
        if (span <= 0)
            pad = lo != 0 ? fabs(lo) * 0.1 : 0.5;
        a->lo = lo - pad;
        a->hi = hi + pad;
    }
    return 1;
}

/* Stretch the linear range whose pixels per unit are larger so both agree. */
static void equalize(Axis *x, Axis *y)
{
    if (x->log || y->log)
        return;
    double sx = fabs(x->p1 - x->p0) / (x->hi - x->lo), sy = fabs(y->p1 - y->p0) / (y->hi - y->lo);
    Axis *a = sx > sy ? x : y;
    double s = fmin(sx, sy), c = (a->lo + a->hi) / 2, half = fabs(a->p1 - a->p0) / s / 2;
    a->lo = c - half;
    a->hi = c + half;
}

static void fmt_tick(char *out, size_t cap, double t, double step)
{
    if (t == 0) {
        snprintf(out, cap, "0");
        return;
    }
    double at = fabs(t);
    if (at >= 1e6 || at < 1e-4) {
        snprintf(out, cap, "%g", t);
        return;
    }
    int dec = step > 0 ? (int)ceil(-log10(step) - 1e-9) : 0;
    snprintf(out, cap, "%.*f", dec < 0 ? 0 : dec, t);
}

#define MINUS "\xe2\x88\x92"

static void draw_axes(Buf *b, const Axis *x, const Axis *y)
{
    double ticks[64];
    int n;
    /* grid */
    bprintf(b, "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
    for (int ax = 0; ax < 2; ax++) {
        const Axis *a = ax ? y : x;
        n = a->log ? svg_ticks_log(ticks, 64, a->lo, a->hi)
                   : svg_ticks_linear(ticks, 64, a->lo, a->hi);
        for (int i = 0; i < n; i++) {
            double q = ax_map(a, ticks[i]);
            if (ax)
                bprintf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", x->p0, q,
                        x->p1, q);
            else
                bprintf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", q, y->p0, q,
                        y->p1);
        }
    }
    bprintf(b, "</g>\n");
    bprintf(b,
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
            "stroke=\"#555555\" stroke-width=\"1\"/>\n",
            x->p0, y->p1, x->p1 - x->p0, y->p0 - y->p1);
    /* ticks and labels */
    bprintf(b, "<g " FONT " font-size=\"12\" fill=\"" INK "\">\n");
    for (int ax = 0; ax < 2; ax++) {
        const Axis *a = ax ? y : x;
        n = a->log ? svg_ticks_log(ticks, 64, a->lo, a->hi)
                   : svg_ticks_linear(ticks, 64, a->lo, a->hi);
        double step = n > 1 ? ticks[1] - ticks[0] : 1;
        for (int i = 0; i < n; i++) {
            double q = ax_map(a, ticks[i]);
            if (ax)
                bprintf(
                    b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#555555\"/>\n",
                    x->p0 - 5, q, x->p0, q);
            else
                bprintf(
                    b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#555555\"/>\n",
                    q, y->p0, q, y->p0 + 5);
            if (ax)
                bprintf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", x->p0 - 8, q + 4);
            else
                bprintf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", q, y->p0 + 20);
            if (a->log) {
                long k = lround(log10(ticks[i]));
                bprintf(b, "10<tspan dy=\"-6\" font-size=\"9\">%s%ld</tspan>", k < 0 ? MINUS : "",
                        labs(k));
            } else {
                char s[64];
                fmt_tick(s, sizeof s, ticks[i], step);
                bprintf(b, "%s%s", s[0] == '-' ? MINUS : "", s[0] == '-' ? s + 1 : s);
            }
            bprintf(b, "</text>\n");
        }
        if (a->log && (int)lround(log10(a->hi / a->lo)) <= 6) { /* minor ticks */
            for (double d = pow(10, floor(log10(a->lo))); d < a->hi; d *= 10)
                for (int m = 2; m <= 9; m++) {
                    if (d * m < a->lo || d * m > a->hi)
                        continue;
                    double q = ax_map(a, d * m);
                    if (ax)
                        bprintf(b,
                                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                                "stroke=\"#777777\"/>\n",
                                x->p0 - 3, q, x->p0, q);
                    else
                        bprintf(b,
                                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                                "stroke=\"#777777\"/>\n",
                                q, y->p0, q, y->p0 + 3);
                }
        }
    }
    bprintf(b, "</g>\n");
}

/* ---- data ---- */

static void draw_marker(Buf *b, SvgMarker m, double X, double Y, const char *col, double size)
{
    double r = size;
    switch (m) {
    case SVG_MARK_SQUARE:
        bprintf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
                X - r * 0.9, Y - r * 0.9, 1.8 * r, 1.8 * r, col);
        break;
    case SVG_MARK_TRIANGLE:
        bprintf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" fill=\"%s\"/>\n", X, Y - 1.25 * r,
                X + 1.1 * r, Y + 0.8 * r, X - 1.1 * r, Y + 0.8 * r, col);
        break;
    case SVG_MARK_DIAMOND:
        bprintf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" fill=\"%s\"/>\n", X,
                Y - 1.3 * r, X + 1.1 * r, Y, X, Y + 1.3 * r, X - 1.1 * r, Y, col);
        break;
    case SVG_MARK_RING:
        bprintf(b,
                "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"none\" stroke=\"" INK
                "\" stroke-width=\"1.6\"/>\n",
                X, Y, 2 * r);
        break;
    default:
        bprintf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>\n", X, Y, r, col);
    }
}

static int draw_line(Buf *b, const Series *s, const Axis *x, const Axis *y)
{
    int count = 0, piece = 0;
    const char *col = PALETTE[s->color];
    for (int j = 0; j <= s->n; j++) {
        int ok = j < s->n && valid_on(x, s->x[j]) && valid_on(y, s->y[j]);
        if (ok) {
            if (piece == 0)
                bprintf(b,
                        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                        "stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"",
                        col);
            bprintf(b, "%s%.2f,%.2f", piece ? " " : "", ax_map(x, s->x[j]), ax_map(y, s->y[j]));
            piece++;
        } else if (piece) {
            bprintf(b, "\"/>\n");
            count++;
            piece = 0;
        }
    }
    if (s->marker != SVG_MARK_NONE) {
        bprintf(b, "<g stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
        for (int j = 0; j < s->n; j++)
            if (valid_on(x, s->x[j]) && valid_on(y, s->y[j])) {
                draw_marker(b, s->marker, ax_map(x, s->x[j]), ax_map(y, s->y[j]), col, 3.2);
                count++;
            }
        bprintf(b, "</g>\n");
    }
    return count;
}

static int draw_points(Buf *b, const Series *s, const Axis *x, const Axis *y)
{
    int count = 0;
    for (int j = 0; j < s->n; j++)
        if (valid_on(x, s->x[j]) && valid_on(y, s->y[j])) {
            draw_marker(b, s->marker, ax_map(x, s->x[j]), ax_map(y, s->y[j]), PALETTE[s->color],
                        s->marker == SVG_MARK_RING ? 3.6 : 3.2);
            count++;
        }
    return count;
}

/* Pixel vector of arrow j of s (before scaling); 0 if not drawable. */
static int arrow_px(double *du, double *dv, const Series *s, int j, const Axis *x, const Axis *y)
{
    if (!valid_on(x, s->x[j]) || !valid_on(y, s->y[j]) || !isfinite(s->u[j]) || !isfinite(s->v[j]))
        return 0;
    double tx = s->x[j] + s->u[j], ty = s->y[j] + s->v[j];
    if (!valid_on(x, tx) || !valid_on(y, ty))
        return 0;
    *du = ax_map(x, tx) - ax_map(x, s->x[j]);
    *dv = ax_map(y, ty) - ax_map(y, s->y[j]);
    return isfinite(*du) && isfinite(*dv);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median nearest-neighbour pixel distance of the bases of s (0 if < 2). */
static double median_nn(const Series *s, const Axis *x, const Axis *y)
{
    int n = s->n > 1500 ? 1500 : s->n, k = 0;
    double *px = malloc((size_t)(n + 1) * 3 * sizeof *px);
    if (!px)
        return 0;
    double *py = px + n + 1, *d = py + n + 1;
    for (int j = 0; j < n; j++)
        if (valid_on(x, s->x[j]) && valid_on(y, s->y[j])) {
            px[k] = ax_map(x, s->x[j]);
            py[k++] = ax_map(y, s->y[j]);
        }
    int nd = 0;
    for (int i = 0; i < k; i++) {
        double best = INFINITY;
        for (int j = 0; j < k; j++) {
            double dd = hypot(px[i] - px[j], py[i] - py[j]);
            if (j != i && dd > 1e-9 && dd < best)
                best = dd;
        }
        if (isfinite(best))
            d[nd++] = best;
    }
    double med = 0;
    if (nd) {
        qsort(d, (size_t)nd, sizeof *d, cmp_double);
        med = d[nd / 2];
    }
    free(px);
    return med;
}

/* Pixels per unit of arrow length shared by every arrow series. */
static double arrow_scale(const SvgPlot *p, const Axis *x, const Axis *y)
{
    double spacing = INFINITY, longest = 0;
    for (int i = 0; i < p->nser; i++) {
        const Series *s = &p->ser[i];
        if (s->kind != SER_ARROWS)
            continue;
        double m = median_nn(s, x, y);
        if (m > 0)
            spacing = fmin(spacing, m);
        for (int j = 0; j < s->n; j++) {
            double du, dv;
            if (arrow_px(&du, &dv, s, j, x, y))
                longest = fmax(longest, hypot(du, dv));
        }
    }
    if (!isfinite(spacing))
        spacing = 0.12 * fmin(fabs(x->p1 - x->p0), fabs(y->p1 - y->p0));
    return longest > 0 ? 0.9 * spacing / longest : 0;
}

/* Widen the linear ranges of x and y when an arrow (at the shared scale)
 * ends outside the plot area; 1 if they changed. */
static int arrows_widen(const SvgPlot *p, Axis *x, Axis *y, double scale)
{
    double l = x->p0, r = x->p1, t = y->p1, bo = y->p0; /* pixels */
    double minx = l, maxx = r, miny = t, maxy = bo;
    for (int i = 0; i < p->nser; i++) {
        const Series *s = &p->ser[i];
        if (s->kind != SER_ARROWS)
            continue;
        for (int j = 0; j < s->n; j++) {
            double du, dv;
            if (!arrow_px(&du, &dv, s, j, x, y))
                continue;
            double tx = ax_map(x, s->x[j]) + du * scale, ty = ax_map(y, s->y[j]) + dv * scale;
            minx = fmin(minx, tx - 3);
            maxx = fmax(maxx, tx + 3);
            miny = fmin(miny, ty - 3);
            maxy = fmax(maxy, ty + 3);
        }
    }
    int changed = 0;
    if (!x->log && (minx < l || maxx > r)) {
        double upp = (x->hi - x->lo) / (r - l); /* units per pixel */
        x->lo -= (l - minx) * upp;
        x->hi += (maxx - r) * upp;
        changed = 1;
    }
    if (!y->log && (miny < t || maxy > bo)) {
        double upp = (y->hi - y->lo) / (bo - t);
        y->lo -= (maxy - bo) * upp;
        y->hi += (t - miny) * upp;
        changed = 1;
    }
    return changed;
}

/* The arrow scale, after widening the ranges until every arrow fits. */
static double arrow_scale_fit(const SvgPlot *p, Axis *x, Axis *y)
{
    double scale = arrow_scale(p, x, y);
    for (int it = 0; it < 6 && scale > 0 && arrows_widen(p, x, y, scale); it++) {
        if (p->equal)
            equalize(x, y);
        scale = arrow_scale(p, x, y);
    }
    return scale;
}

static int draw_arrows(Buf *b, const Series *s, const Axis *x, const Axis *y, double scale)
{
    int count = 0;
    const char *col = PALETTE[s->color];
    bprintf(b, "<g fill=\"%s\" stroke=\"%s\" stroke-width=\"1.4\" stroke-linejoin=\"miter\">\n",
            col, col);
    for (int j = 0; j < s->n; j++) {
        double du, dv;
        if (!arrow_px(&du, &dv, s, j, x, y))
            continue;
        double X = ax_map(x, s->x[j]), Y = ax_map(y, s->y[j]);
        du *= scale;
        dv *= scale;
        double L = hypot(du, dv);
        count++;
        if (L < 1.0) {
            bprintf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"1.3\" stroke=\"none\"/>\n", X, Y);
            continue;
        }
        double ux = du / L, uy = dv / L, hl = fmin(8.0, 0.4 * L), hw = 0.42 * hl;
        double tx = X + du, ty = Y + dv, bx = tx - ux * hl, by = ty - uy * hl;
        bprintf(b, "<path d=\"M%.2f %.2fL%.2f %.2fM%.2f %.2fL%.2f %.2fL%.2f %.2fZ\"/>\n", X, Y, bx,
                by, tx, ty, bx - uy * hw, by + ux * hw, bx + uy * hw, by - ux * hw);
    }
    bprintf(b, "</g>\n");
    return count;
}

static int draw_marks(Buf *b, const SvgPlot *p, const Axis *x, const Axis *y, int labels)
{
    int count = 0;
    for (int i = 0; i < p->nmark; i++) {
        const Mark *m = &p->mark[i];
        const Axis *a = m->vertical ? x : y;
        if (!valid_on(a, m->at))
            continue;
        double q = ax_map(a, m->at);
        if (!labels) {
            if (m->vertical)
                bprintf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" ", q, y->p0, q,
                        y->p1);
            else
                bprintf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" ", x->p0, q,
                        x->p1, q);
            bprintf(b, "stroke=\"#555555\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n");
            count++;
        } else if (m->label) {
            if (m->vertical)
                bprintf(b,
                        "<text transform=\"translate(%.2f %.2f) rotate(-90)\" text-anchor=\"end\">",
                        q - 4, y->p1 + 6);
            else
                bprintf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", x->p1 - 6, q - 5);
            bescape(b, m->label);
            bprintf(b, "</text>\n");
        }
    }
    return count;
}

static void draw_legend(Buf *b, const SvgPlot *p, double X, double Y)
{
    int k = 0;
    double w = 0;
    for (int i = 0; i < p->nser; i++)
        if (p->ser[i].label) {
            k++;
            w = fmax(w, 7.0 * (double)strlen(p->ser[i].label));
        }
    if (!k)
        return;
    bprintf(b,
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#ffffff\" "
            "stroke=\"#cccccc\" rx=\"3\"/>\n",
            X, Y, w + 46, 18.0 * k + 10);
    bprintf(b, "<g " FONT " font-size=\"12\">\n");
    double ey = Y + 18;
    for (int i = 0; i < p->nser; i++) {
        const Series *s = &p->ser[i];
        if (!s->label)
            continue;
        const char *col = PALETTE[s->color];
        double cx = X + 18, cy = ey - 4;
        if (s->kind == SER_LINE) {
            bprintf(b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                    "stroke-width=\"2\"/>\n",
                    X + 7, cy, X + 29, cy, col);
            if (s->marker != SVG_MARK_NONE)
                draw_marker(b, s->marker, cx, cy, col, 3.2);
        } else if (s->kind == SER_POINTS) {
            draw_marker(b, s->marker, cx, cy, col, s->marker == SVG_MARK_RING ? 3.6 : 3.2);
        } else {
            bprintf(b,
                    "<path d=\"M%.2f %.2fL%.2f %.2fM%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" fill=\"%s\" "
                    "stroke=\"%s\" stroke-width=\"1.4\"/>\n",
                    X + 7, cy, X + 23, cy, X + 30, cy, X + 23, cy - 3, X + 23, cy + 3, col, col);
        }
        bprintf(b, "<text x=\"%.2f\" y=\"%.2f\" fill=\"" INK "\">", X + 38, ey);
        bescape(b, s->label);
        bprintf(b, "</text>\n");
        ey += 18;
    }
    bprintf(b, "</g>\n");
}

int svg_plot_render(char **out, size_t *len, int *ndrawn, const SvgPlot *p)
{
    if (!p || !out)
        return SVG_ERR_ARG;
    /* layout: legend column on the right, room for title and labels */
    double legend_w = 0;
    for (int i = 0; i < p->nser; i++)
        if (p->ser[i].label)
            legend_w = fmax(legend_w, 7.0 * (double)strlen(p->ser[i].label) + 64);
    legend_w = fmin(legend_w, 0.4 * p->w);
    double left = p->ylabel ? 78 : 62, right = p->w - 24 - legend_w;
    double top = p->title ? 46 : 20, bottom = p->h - (p->xlabel ? 58 : 40);
    Axis x = {0}, y = {0};
    if (!axis_setup(&x, p, 0, p->logx) || !axis_setup(&y, p, 1, p->logy))
        return SVG_ERR_EMPTY;
    x.p0 = left;
    x.p1 = right;
    y.p0 = bottom;
    y.p1 = top;
    if (p->equal)
        equalize(&x, &y);
    arrow_scale_fit(p, &x, &y); /* widens the ranges so no arrow is cut */

    Buf b = {0};
    int count = 0;
    bprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    bprintf(&b,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\">\n",
            p->w, p->h, p->w, p->h);
    bprintf(&b, "<title>");
    bescape(&b, p->title ? p->title : "plot");
    bprintf(&b, "</title>\n");
    bprintf(&b,
            "<defs><clipPath id=\"plotarea\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
            "height=\"%.2f\"/></clipPath></defs>\n",
            left, top, right - left, bottom - top);
    bprintf(&b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", p->w,
            p->h);
    if (p->title) {
        bprintf(&b,
                "<text x=\"%.2f\" y=\"28\" text-anchor=\"middle\" " FONT
                " font-size=\"16\" font-weight=\"bold\" fill=\"" INK "\">",
                (left + right) / 2);
        bescape(&b, p->title);
        bprintf(&b, "</text>\n");
    }
    draw_axes(&b, &x, &y);
    if (p->xlabel) {
        bprintf(&b,
                "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" " FONT
                " font-size=\"13\" fill=\"" INK "\">",
                (left + right) / 2, bottom + 44);
        bescape(&b, p->xlabel);
        bprintf(&b, "</text>\n");
    }
    if (p->ylabel) {
        bprintf(&b,
                "<text transform=\"translate(18 %.2f) rotate(-90)\" text-anchor=\"middle\" " FONT
                " font-size=\"13\" fill=\"" INK "\">",
                (top + bottom) / 2);
        bescape(&b, p->ylabel);
        bprintf(&b, "</text>\n");
    }
    bprintf(&b, "<g clip-path=\"url(#plotarea)\">\n");
    count += draw_marks(&b, p, &x, &y, 0);
    double scale = arrow_scale_fit(p, &x, &y);
    for (int i = 0; i < p->nser; i++) {
        const Series *s = &p->ser[i];
        if (s->kind == SER_LINE)
            count += draw_line(&b, s, &x, &y);
        else if (s->kind == SER_POINTS)
            count += draw_points(&b, s, &x, &y);
        else
            count += draw_arrows(&b, s, &x, &y, scale);
    }
    bprintf(&b, "</g>\n<g " FONT " font-size=\"11\" fill=\"#444444\">\n");
    draw_marks(&b, p, &x, &y, 1);
    bprintf(&b, "</g>\n");
    draw_legend(&b, p, right + 14, top);
    bprintf(&b, "</svg>\n");
    if (b.err) {
        free(b.s);
        return SVG_ERR_NOMEM;
    }
    *out = b.s;
    if (len)
        *len = b.len;
    if (ndrawn)
        *ndrawn = count;
    return SVG_OK;
}

int svg_plot_write(const SvgPlot *p, const char *path, int *ndrawn)
{
    char *s;
    size_t n;
    if (!path || !*path)
        return SVG_ERR_ARG;
    int st = svg_plot_render(&s, &n, ndrawn, p);
    if (st)
        return st;
    /* a temporary file renamed over path: on error the old file stays
       and errno says why */
    int bad = atomic_write_file(path, s, n) != 0;
    int e = errno;
    free(s);
    errno = e;
    return bad ? SVG_ERR_IO : SVG_OK;
}
