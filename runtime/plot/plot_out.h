/* plot_out.h — writing a plot in the format its file name asks for:
 * SVG (svg.c), or PNG and PDF through cairo.
 *
 * The PNG and PDF pictures are drawn from the very SVG document svg.c
 * renders, by a reader of the subset of SVG that svg.c writes (rect, line,
 * polyline, path with M/L/Z, circle, text with tspan, g with inherited
 * fill/stroke/font attributes, one rectangular clipPath), so the three
 * formats show the same picture.  PNG is 2 pixels per SVG unit. */
#ifndef SYM_PLOT_OUT_H
#define SYM_PLOT_OUT_H

#include <stddef.h>
#include "svg.h"

/* 1 if this build can write PNG and PDF (cairo was found by configure). */
int plot_have_cairo(void);

/* Writes p to path: PNG if path ends in .png, PDF if in .pdf (any case),
 * SVG otherwise.  *ndrawn as for svg_plot_write.  0 on success, else a
 * message in err (cap bytes). */
int plot_write(const SvgPlot *p, const char *path, int *ndrawn, char *err, size_t cap);

/* Draws the SVG document svg (as svg.c writes it) into path as PNG or PDF
 * (pdf = 1).  0 on success, else a message in err. */
int plot_svg_to_cairo(const char *svg, const char *path, int pdf, char *err, size_t cap);

#endif
