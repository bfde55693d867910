/* plot_out.c — SVG, PNG or PDF by the file name: see plot_out.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "plot_out.h"
#ifdef HAVE_CAIRO
#include <cairo.h>
#include <cairo-pdf.h>
#include "base/atomic_file.h"
#endif

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcasecmp(s + n - m, suf) == 0;
}

int plot_have_cairo(void)
{
#ifdef HAVE_CAIRO
    return 1;
#else
    return 0;
#endif
}

int plot_write(const SvgPlot *p, const char *path, int *ndrawn, char *err, size_t cap)
{
    int png = ends_with(path, ".png"), pdf = ends_with(path, ".pdf");
    if (!png && !pdf) {
        int st = svg_plot_write(p, path, ndrawn);
        if (st == SVG_ERR_IO)
            snprintf(err, cap, "cannot write '%s': %s (the old file, if any, is unchanged)", path,
                     strerror(errno));
        else if (st)
            snprintf(err, cap, "%s", svg_strerror(st));
        return st;
    }
    char *svg = NULL;
    int st = svg_plot_render(&svg, NULL, ndrawn, p);
    if (st) {
        snprintf(err, cap, "%s", svg_strerror(st));
        return st;
    }
    st = plot_svg_to_cairo(svg, path, pdf, err, cap);
    free(svg);
    return st;
}

#ifndef HAVE_CAIRO
int plot_svg_to_cairo(const char *svg, const char *path, int pdf, char *err, size_t cap)
{
    (void)svg;
    snprintf(err, cap,
             "cannot write %s: this sym was built without cairo, so plots are SVG "
             "only (install libcairo2-dev and configure again)",
             path);
    (void)pdf;
    return -1;
}
#else

/* ---------------------------------------------------- the SVG subset */

/* The value of attribute name in the tag text [s, e), copied into out. */
static int attr(const char *s, const char *e, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    for (const char *p = s; p + n + 2 < e; p++) {
        if ((p == s || isspace((unsigned char)p[-1])) && strncmp(p, name, n) == 0 && p[n] == '=' &&
            p[n + 1] == '"') {
            const char *v = p + n + 2, *q = memchr(v, '"', (size_t)(e - v));
            if (!q)
                return 0;
            size_t len = (size_t)(q - v) < cap - 1 ? (size_t)(q - v) : cap - 1;
            memcpy(out, v, len);
            out[len] = '\0';
            return 1;
        }
    }
    return 0;
}

static double attr_d(const char *s, const char *e, const char *name, double def)
{
    char b[64];
    return attr(s, e, name, b, sizeof b) ? strtod(b, NULL) : def;
}

/* Inherited drawing state (the g stack). */
typedef struct Style {
    char fill[64], stroke[64];
    double stroke_width, font_size;
    int bold, dashed, anchor; /* anchor: 0 start, 1 middle, 2 end */
    int clipped;
} Style;

static void style_from(Style *st, const char *s, const char *e)
{
    char b[64];
    if (attr(s, e, "fill", b, sizeof b))
        snprintf(st->fill, sizeof st->fill, "%s", b);
    if (attr(s, e, "stroke", b, sizeof b))
        snprintf(st->stroke, sizeof st->stroke, "%s", b);
    st->stroke_width = attr_d(s, e, "stroke-width", st->stroke_width);
    st->font_size = attr_d(s, e, "font-size", st->font_size);
    if (attr(s, e, "font-weight", b, sizeof b))
        st->bold = strcmp(b, "bold") == 0;
    if (attr(s, e, "stroke-dasharray", b, sizeof b))
        st->dashed = 1;
    if (attr(s, e, "text-anchor", b, sizeof b))
        st->anchor = strcmp(b, "middle") == 0 ? 1 : strcmp(b, "end") == 0 ? 2 : 0;
    if (attr(s, e, "clip-path", b, sizeof b))
        st->clipped = 1;
}

/* "#rrggbb" -> cairo source; 0 for "none" or unparsable. */
static int set_colour(cairo_t *cr, const char *c)
{
    unsigned r, g, b;
    if (c[0] != '#' || sscanf(c + 1, "%2x%2x%2x", &r, &g, &b) != 3)
        return 0;
    cairo_set_source_rgb(cr, r / 255.0, g / 255.0, b / 255.0);
    return 1;
}

static void paint(cairo_t *cr, const Style *st, int closed_shape)
{
    int fill = closed_shape && set_colour(cr, st->fill);
    if (fill)
        cairo_fill_preserve(cr);
    if (set_colour(cr, st->stroke)) {
        cairo_set_line_width(cr, st->stroke_width);
        if (st->dashed) {
            double d[2] = {6, 4};
            cairo_set_dash(cr, d, 2, 0);
        } else {
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_stroke(cr);
    } else {
        cairo_new_path(cr);
    }
}

/* Unescape XML text [s, e) into out. */
static void xml_text(const char *s, const char *e, char *out, size_t cap)
{
    size_t k = 0;
    while (s < e && k + 1 < cap) {
        if (*s == '&') {
            static const char *const ent[][2] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
            int hit = 0;
            for (int i = 0; i < 5; i++) {
                size_t n = strlen(ent[i][0]);
                if ((size_t)(e - s) >= n && strncmp(s, ent[i][0], n) == 0) {
                    out[k++] = ent[i][1][0];
                    s += n;
                    hit = 1;
                    break;
                }
            }
            if (hit)
                continue;
        }
        out[k++] = *s++;
    }
    out[k] = '\0';
}

static void show_text(cairo_t *cr, const Style *st, double x, double y, const char *t,
                      double dy_sup, double sup_size, const char *sup)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           st->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, st->font_size);
    cairo_text_extents_t ex, es;
    cairo_text_extents(cr, t, &ex);
    double w = ex.x_advance;
    if (sup) {
        cairo_set_font_size(cr, sup_size);
        cairo_text_extents(cr, sup, &es);
        w += es.x_advance;
        cairo_set_font_size(cr, st->font_size);
    }
    double x0 = st->anchor == 1 ? x - w / 2 : st->anchor == 2 ? x - w : x;
    if (!set_colour(cr, st->fill))
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
    cairo_move_to(cr, x0, y);
    cairo_show_text(cr, t);
    if (sup) {
        cairo_set_font_size(cr, sup_size);
        cairo_move_to(cr, x0 + ex.x_advance, y + dy_sup);
        cairo_show_text(cr, sup);
    }
}

#define STACK 32

static int draw_svg(cairo_t *cr, const char *svg, char *err, size_t cap)
{
    Style stack[STACK];
    int depth = 0;
    memset(&stack[0], 0, sizeof stack[0]);
    strcpy(stack[0].fill, "#000000");
    strcpy(stack[0].stroke, "none");
    stack[0].stroke_width = 1;
    stack[0].font_size = 12;
    double clip[4] = {0, 0, 0, 0};
    int have_clip = 0;
    const char *p = svg;
    while ((p = strchr(p, '<'))) {
        const char *e = strchr(p, '>');
        if (!e) {
            snprintf(err, cap, "malformed SVG");
            return -1;
        }
        const char *name = p + 1;
        int closing = *name == '/';
        int selfclose = e[-1] == '/';
        if (closing) {
            if (strncmp(name, "/g", 2) == 0 && depth > 0) {
                if (stack[depth].clipped)
                    cairo_restore(cr);
                depth--;
            }
            p = e + 1;
            continue;
        }
        Style st = stack[depth];
        style_from(&st, p, e);
        if (strncmp(name, "g ", 2) == 0 || strncmp(name, "g>", 2) == 0) {
            if (depth + 1 < STACK) {
                Style inner = stack[depth];
                inner.clipped = 0;
                style_from(&inner, p, e);
                stack[++depth] = inner;
                if (inner.clipped) {
                    cairo_save(cr);
                    if (have_clip) {
                        cairo_rectangle(cr, clip[0], clip[1], clip[2], clip[3]);
                        cairo_clip(cr);
                    }
                }
            }
        } else if (strncmp(name, "clipPath", 8) == 0) {
            const char *r = strstr(e, "<rect");
            const char *re = r ? strchr(r, '>') : NULL;
            if (r && re) {
                clip[0] = attr_d(r, re, "x", 0);
                clip[1] = attr_d(r, re, "y", 0);
                clip[2] = attr_d(r, re, "width", 0);
                clip[3] = attr_d(r, re, "height", 0);
                have_clip = 1;
                e = re;
            }
        } else if (strncmp(name, "rect", 4) == 0) {
            cairo_rectangle(cr, attr_d(p, e, "x", 0), attr_d(p, e, "y", 0),
                            attr_d(p, e, "width", 0), attr_d(p, e, "height", 0));
            paint(cr, &st, 1);
        } else if (strncmp(name, "line", 4) == 0) {
            cairo_move_to(cr, attr_d(p, e, "x1", 0), attr_d(p, e, "y1", 0));
            cairo_line_to(cr, attr_d(p, e, "x2", 0), attr_d(p, e, "y2", 0));
            paint(cr, &st, 0);
        } else if (strncmp(name, "circle", 6) == 0) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, attr_d(p, e, "cx", 0), attr_d(p, e, "cy", 0), attr_d(p, e, "r", 1), 0,
                      2 * M_PI);
            paint(cr, &st, 1);
        } else if (strncmp(name, "polyline", 8) == 0 || strncmp(name, "path", 4) == 0) {
            int poly = name[1] == 'o';
            const char *key = poly ? "points=\"" : " d=\"";
            const char *q = strstr(p, key);
            int closed = 0;
            if (q && q < e) {
                q += strlen(key);
                int first = 1;
                char cmd = 'M';
                while (*q && *q != '"') {
                    if (isalpha((unsigned char)*q)) {
                        cmd = *q++;
                        if (cmd == 'Z' || cmd == 'z') {
                            cairo_close_path(cr);
                            closed = 1;
                        }
                        continue;
                    }
                    if (*q == ' ' || *q == ',') {
                        q++;
                        continue;
                    }
                    char *end;
                    double x = strtod(q, &end);
                    if (end == q)
                        break;
                    q = end;
                    while (*q == ' ' || *q == ',')
                        q++;
                    double y = strtod(q, &end);
                    if (end == q)
                        break;
                    q = end;
                    if (first || cmd == 'M')
                        cairo_move_to(cr, x, y);
                    else
                        cairo_line_to(cr, x, y);
                    first = 0;
                    if (poly)
                        cmd = 'L';
                    else if (cmd == 'M')
                        cmd = 'L';
                }
            }
            paint(cr, &st, !poly);
            (void)closed;
        } else if (strncmp(name, "text", 4) == 0 && !selfclose) {
            const char *close = strstr(e, "</text>");
            if (!close)
                break;
            double x = attr_d(p, e, "x", 0), y = attr_d(p, e, "y", 0), rot = 0;
            char tr[128];
            if (attr(p, e, "transform", tr, sizeof tr))
                sscanf(tr, "translate(%lf %lf) rotate(%lf)", &x, &y, &rot);
            /* the text, and one optional <tspan dy font-size> superscript */
            const char *ts = strstr(e, "<tspan");
            char t[512], sup[128];
            double dy = 0, fs = st.font_size;
            int has_sup = ts && ts < close;
            if (has_sup) {
                const char *te = strchr(ts, '>');
                xml_text(e + 1, ts, t, sizeof t);
                dy = attr_d(ts, te, "dy", 0);
                fs = attr_d(ts, te, "font-size", st.font_size);
                const char *tc = strstr(te, "</tspan>");
                xml_text(te + 1, tc ? tc : close, sup, sizeof sup);
            } else {
                xml_text(e + 1, close, t, sizeof t);
            }
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_rotate(cr, rot * M_PI / 180);
            show_text(cr, &st, 0, 0, t, dy, fs, has_sup ? sup : NULL);
            cairo_restore(cr);
            e = close + 6;
        } else if (strncmp(name, "title", 5) == 0) {
            const char *close = strstr(e, "</title>");
            if (close)
                e = close + 7;
        }
        p = e + 1;
    }
    while (depth > 0) {
        if (stack[depth].clipped)
            cairo_restore(cr);
        depth--;
    }
    return 0;
}

/* A growing memory buffer that cairo's stream writers append to. */
typedef struct MemOut {
    unsigned char *data;
    size_t n, cap;
    int failed;
} MemOut;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    MemOut *m = closure;
    if (m->n + len > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 65536;
        while (cap < m->n + len)
            cap *= 2;
        unsigned char *d = realloc(m->data, cap);
        if (!d) {
            m->failed = 1;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->n, data, len);
    m->n += len;
    return CAIRO_STATUS_SUCCESS;
}

int plot_svg_to_cairo(const char *svg, const char *path, int pdf, char *err, size_t cap)
{
    const char *s = strstr(svg, "<svg ");
    const char *e = s ? strchr(s, '>') : NULL;
    if (!s || !e) {
        snprintf(err, cap, "not an SVG document");
        return -1;
    }
    double w = attr_d(s, e, "width", 0), h = attr_d(s, e, "height", 0);
    if (!(w > 0 && h > 0)) {
        snprintf(err, cap, "SVG without a size");
        return -1;
    }
    /* drawn into memory, then written by atomic_write_file: on a write
       error the old file stays as it was */
    MemOut out = {NULL, 0, 0, 0};
    cairo_surface_t *surf =
        pdf ? cairo_pdf_surface_create_for_stream(mem_write, &out, w, h)
            : cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(2 * w), (int)(2 * h));
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, cap, "cannot write %s: %s", path,
                 cairo_status_to_string(cairo_surface_status(surf)));
        cairo_surface_destroy(surf);
        free(out.data);
        return -1;
    }
    cairo_t *cr = cairo_create(surf);
    if (!pdf)
        cairo_scale(cr, 2, 2);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    int st = draw_svg(cr, svg, err, cap);
    cairo_destroy(cr);
    cairo_status_t cs = CAIRO_STATUS_SUCCESS;
    if (!st && !pdf)
        cs = cairo_surface_write_to_png_stream(surf, mem_write, &out);
    cairo_surface_finish(surf);
    if (!st && cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (!st && (cs != CAIRO_STATUS_SUCCESS || out.failed)) {
        snprintf(err, cap, "cannot write %s: %s", path,
                 out.failed ? "out of memory" : cairo_status_to_string(cs));
        st = -1;
    } else if (!st && atomic_write_file(path, (const char *)out.data, out.n) != 0) {
        snprintf(err, cap, "cannot write '%s': %s (the old file, if any, is unchanged)", path,
                 strerror(errno));
        st = -1;
    }
    free(out.data);
    return st;
}
#endif
