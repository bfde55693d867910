/* svg.h — a tiny SVG plot writer: Sym draws its own figures.
 *
 * An SvgPlot collects series (lines, points, arrows) and marks, then
 * renders one standalone SVG 1.1 file: a white canvas, a framed plot area
 * with margins, linear or log10 axes with nice ticks, grid and labels, a
 * title, axis labels and a legend to the right of the plot area.  Data are
 * clipped to the plot area; non-finite points (and non-positive ones on a
 * log axis) are skipped and break a line.  Text is escaped for XML.
 *
 * Colours come from a fixed colour-blind-friendly palette in the order the
 * series are added.  Arrows of every arrow series share one scale: the
 * longest arrow is 0.9 of the median nearest-neighbour distance of the
 * arrow bases on the page, so the field reads like a grid of arrows.
 *
 * Ownership: the plot copies every array and string it is given.
 * Functions return SVG_OK or an SVG_ERR_ status (svg_strerror).
 */
#ifndef SYM_PLOT_SVG_H
#define SYM_PLOT_SVG_H

#include "base/sym_status.h"
#include <stddef.h>

enum {
    /* aliases of base/sym_status.h (one numbering for libsym) */
    SVG_OK = SYM_SUCCESS,
    SVG_ERR_NOMEM = SYM_E_NOMEM,
    SVG_ERR_ARG = SYM_E_ARG,    /* bad argument (negative count, NULL data, size) */
    SVG_ERR_IO = SYM_E_IO,      /* the file could not be written */
    SVG_ERR_EMPTY = SYM_E_EMPTY /* nothing drawable (no finite point on the axes) */
};

typedef enum {
    SVG_MARK_NONE,
    SVG_MARK_CIRCLE,
    SVG_MARK_SQUARE,
    SVG_MARK_TRIANGLE,
    SVG_MARK_DIAMOND,
    SVG_MARK_RING /* RING: a large hollow black circle */
} SvgMarker;

typedef struct SvgPlot SvgPlot;

/* Static message for a status. */
const char *svg_strerror(int status);

/* New empty plot of width x height pixels (at least 200 x 150, at most
 * 10000 each; clamped); NULL if memory runs out.  Free with svg_plot_free. */
SvgPlot *svg_plot_new(int width, int height);
void svg_plot_free(SvgPlot *p);

/* Title and axis labels (copied; NULL or "" for none). */
int svg_plot_set_title(SvgPlot *p, const char *title);
int svg_plot_set_labels(SvgPlot *p, const char *xlabel, const char *ylabel);

/* Log10 axes (off by default) and equal aspect (one data unit has the same
 * length on both axes; for vector fields). */
void svg_plot_set_log(SvgPlot *p, int logx, int logy);
void svg_plot_set_equal_aspect(SvgPlot *p, int on);

/* A polyline through (x[i], y[i]), i < n, with an optional marker at each
 * point; the next palette colour.  label may be NULL (no legend entry). */
int svg_plot_add_line(SvgPlot *p, const double *x, const double *y, int n, const char *label,
                      SvgMarker marker);

/* Markers only (SVG_MARK_NONE counts as CIRCLE). */
int svg_plot_add_points(SvgPlot *p, const double *x, const double *y, int n, const char *label,
                        SvgMarker marker);

/* Arrows (u[i], v[i]) at (x[i], y[i]) in data units, scaled together with
 * the other arrow series (see the file comment). */
int svg_plot_add_arrows(SvgPlot *p, const double *x, const double *y, const double *u,
                        const double *v, int n, const char *label);

/* A dashed vertical line at x (vertical = 1) or horizontal line at y
 * (vertical = 0) across the plot, with a small label (may be NULL). */
int svg_plot_add_mark(SvgPlot *p, int vertical, double at, const char *label);

/* Renders the SVG document into a new NUL-terminated malloc'd string
 * (*out, length *len, may be NULL), the caller frees it.  *ndrawn (may be
 * NULL) gets the number of data elements drawn: one per polyline piece,
 * marker, arrow and mark.  SVG_ERR_EMPTY when no series or mark has a
 * drawable point. */
int svg_plot_render(char **out, size_t *len, int *ndrawn, const SvgPlot *p);

/* Renders and writes the document to path (replacing the file). */
int svg_plot_write(const SvgPlot *p, const char *path, int *ndrawn);

/* Tick positions, at most max, inside [lo, hi] (lo < hi, finite):
 * linear ticks are multiples of 1, 2 or 5 times a power of ten (about 4 to
 * 10 of them); log ticks (lo > 0) are powers of ten, every decade or every
 * k-th decade so that at most 10 remain.  Returns the count (0 if the
 * range is invalid). */
int svg_ticks_linear(double *ticks, int max, double lo, double hi);
int svg_ticks_log(double *ticks, int max, double lo, double hi);

/* Appends s to the buffer with &, <, >, " and ' escaped and control
 * characters other than tab/newline replaced by '?' (XML 1.0 text).
 * Writes at most cap - 1 bytes plus a NUL; returns the length the full
 * escaped string needs (like snprintf). */
size_t svg_escape(char *buf, size_t cap, const char *s);

#endif
