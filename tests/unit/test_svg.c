/* test_svg.c — Check tests for the SVG plot writer (runtime/plot/svg):
 * every document is well-formed (a small tag-balance checker), log axes
 * tick at powers of ten, linear ticks are nice numbers, text is escaped,
 * counts of drawn elements, arrows, errors.  A failure prints the document.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/svg.h"

/* 1 if doc is a well-formed XML document for our purposes: tags balance,
 * names match, attribute values are quoted, '&' starts a known entity and
 * no raw '<' or '>' appears in text or attribute values. */
static int xml_well_formed(const char *doc)
{
    const char *stack[256];
    size_t stlen[256];
    int depth = 0, roots = 0;
    const char *c = doc;
    while (*c) {
        if (*c == '&') {
            const char *ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
            int ok = 0;
            for (int i = 0; i < 5; i++)
                ok |= strncmp(c, ents[i], strlen(ents[i])) == 0;
            if (!ok)
                return 0;
            c++;
        } else if (*c == '>') {
            return 0;
        } else if (*c != '<') {
            c++;
        } else if (c[1] == '?') {
            const char *e = strstr(c, "?>");
            if (!e || c != doc)
                return 0;
            c = e + 2;
        } else if (c[1] == '/') {
            const char *n = c + 2, *e = n;
            while (*e && *e != '>' && *e != ' ')
                e++;
            if (*e != '>' || depth == 0 || stlen[depth - 1] != (size_t)(e - n) ||
                strncmp(stack[depth - 1], n, stlen[depth - 1]) != 0)
                return 0;
            depth--;
            c = e + 1;
        } else {
            const char *n = c + 1, *e = n;
            while (*e && *e != '>' && *e != ' ' && *e != '/' && *e != '\n')
                e++;
            if (e == n)
                return 0;
            const char *a = e; /* attributes: name="value" ... */
            for (;;) {
                while (*a == ' ' || *a == '\n')
                    a++;
                if (*a == '>' || (a[0] == '/' && a[1] == '>'))
                    break;
                while (*a && *a != '=' && *a != '>' && *a != ' ')
                    a++;
                if (*a != '=' || a[1] != '"')
                    return 0;
                a += 2;
                while (*a && *a != '"') {
                    if (*a == '<' || *a == '>')
                        return 0;
                    a++;
                }
                if (*a != '"')
                    return 0;
                a++;
            }
            if (depth == 0 && roots++)
                return 0;
            if (*a == '/') {
                c = a + 2;
            } else {
                if (depth == 256)
                    return 0;
                stack[depth] = n;
                stlen[depth++] = (size_t)(e - n);
                c = a + 1;
            }
        }
    }
    return depth == 0 && roots == 1;
}

static int count_str(const char *doc, const char *s)
{
    int n = 0;
    for (const char *c = doc; (c = strstr(c, s)); c += strlen(s))
        n++;
    return n;
}

static char *render(const SvgPlot *p, int *nd)
{
    char *s = NULL;
    size_t len = 0;
    ck_assert_int_eq(svg_plot_render(&s, &len, nd, p), SVG_OK);
    ck_assert_uint_eq(strlen(s), len);
    if (!xml_well_formed(s)) {
        fprintf(stderr, "%s\n", s);
        ck_abort_msg("document is not well-formed");
    }
    return s;
}

START_TEST(test_checker)
{
    ck_assert(xml_well_formed("<a><b x=\"1\"/>t&amp;</a>"));
    ck_assert(!xml_well_formed("<a><b></a>"));
    ck_assert(!xml_well_formed("<a>x & y</a>"));
    ck_assert(!xml_well_formed("<a>x < y</a>"));
    ck_assert(!xml_well_formed("<a b=\"<\"></a>"));
    ck_assert(!xml_well_formed("<a></a><b></b>"));
}
END_TEST

START_TEST(test_ticks_log)
{
    double t[64];
    int n = svg_ticks_log(t, 64, 1e-3, 1e2);
    ck_assert_int_eq(n, 6);
    for (int i = 0; i < n; i++)
        ck_assert_double_eq_tol(log10(t[i]), i - 3, 1e-12);
    /* 30 decades: every third, still powers of ten, at most 10 */
    n = svg_ticks_log(t, 64, 1e-20, 1e10);
    ck_assert_int_le(n, 11);
    ck_assert_int_ge(n, 5);
    for (int i = 0; i < n; i++) {
        double k = log10(t[i]);
        ck_assert_double_eq_tol(k, round(k), 1e-12);
    }
    ck_assert_int_eq(svg_ticks_log(t, 64, 0, 1), 0);
    ck_assert_int_eq(svg_ticks_log(t, 64, 2, 1), 0);
    n = svg_ticks_log(t, 64, 2, 9); /* no power of ten inside */
    ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_ticks_linear)
{
    double t[64];
    int n = svg_ticks_linear(t, 64, -0.13, 1.07);
    ck_assert_int_ge(n, 4);
    ck_assert_int_le(n, 12);
    double step = t[1] - t[0];
    double mant = step / pow(10, floor(log10(step) + 1e-12));
    ck_assert(fabs(mant - 1) < 1e-9 || fabs(mant - 2) < 1e-9 || fabs(mant - 5) < 1e-9);
    for (int i = 0; i < n; i++) {
        ck_assert_double_ge(t[i], -0.13);
        ck_assert_double_le(t[i], 1.07);
    }
    ck_assert_int_eq(svg_ticks_linear(t, 64, 1, 1), 0);
    ck_assert_int_eq(svg_ticks_linear(t, 64, 0, INFINITY), 0);
}
END_TEST

START_TEST(test_escape)
{
    char buf[64];
    size_t n = svg_escape(buf, sizeof buf, "a<b & c>\"d'\x01");
    ck_assert_str_eq(buf, "a&lt;b &amp; c&gt;&quot;d&apos;?");
    ck_assert_uint_eq(n, strlen(buf));
    ck_assert_uint_eq(svg_escape(buf, 4, "&&"), 10); /* truncated like snprintf */
    ck_assert_str_eq(buf, "&am");

    SvgPlot *p = svg_plot_new(500, 300);
    double x[3] = {1, 2, 3}, y[3] = {1, 4, 9};
    ck_assert_int_eq(svg_plot_set_title(p, "x < y & \"z\""), 0);
    ck_assert_int_eq(svg_plot_set_labels(p, "<x>", "y&"), 0);
    ck_assert_int_eq(svg_plot_add_line(p, x, y, 3, "a<b", SVG_MARK_CIRCLE), 0);
    ck_assert_int_eq(svg_plot_add_mark(p, 1, 2.0, "&mark"), 0);
    int nd;
    char *s = render(p, &nd);
    ck_assert_ptr_nonnull(strstr(s, "x &lt; y &amp; &quot;z&quot;"));
    ck_assert_ptr_nonnull(strstr(s, "&lt;x&gt;"));
    ck_assert_ptr_nonnull(strstr(s, "a&lt;b"));
    ck_assert_ptr_nonnull(strstr(s, "&amp;mark"));
    ck_assert_int_eq(nd, 1 + 3 + 1); /* polyline, 3 markers, 1 mark */
    free(s);
    svg_plot_free(p);
}
END_TEST

/* A log-log plot: y tick labels are 10^k for consecutive k, a value <= 0
 * is skipped and breaks the line into two pieces. */
START_TEST(test_loglog)
{
    SvgPlot *p = svg_plot_new(640, 420);
    double g[6] = {1e-3, 1e-2, 1e-1, 1, 10, 100};
    double s1[6] = {3, 3, 2.9, 2.5, 1.0, 0.5}, s2[6] = {1e-2, 1e-4, 0, 1e-8, 1e-12, 1e-15};
    svg_plot_set_log(p, 1, 1);
    ck_assert_int_eq(svg_plot_add_line(p, g, s1, 6, "s1", SVG_MARK_NONE), 0);
    ck_assert_int_eq(svg_plot_add_line(p, g, s2, 6, "s2", SVG_MARK_NONE), 0);
    int nd;
    char *s = render(p, &nd);
    ck_assert_int_eq(nd, 3);
    ck_assert_int_eq(count_str(s, "<polyline"), 3);
    /* x from 10^-3 to 10^2: six x tick labels "10<tspan ...>k" */
    ck_assert_ptr_nonnull(strstr(s, "10<tspan dy=\"-6\" font-size=\"9\">\xe2\x88\x92"
                                    "3</tspan>"));
    ck_assert_ptr_nonnull(strstr(s, "10<tspan dy=\"-6\" font-size=\"9\">2</tspan>"));
    ck_assert_int_ge(count_str(s, "<tspan"), 6 + 5);
    free(s);
    svg_plot_free(p);
}
END_TEST

START_TEST(test_quiver)
{
    SvgPlot *p = svg_plot_new(500, 500);
    double x[25], y[25], u[25], v[25], v2[25];
    for (int i = 0; i < 25; i++) {
        x[i] = i % 5 - 2;
        y[i] = i / 5 - 2;
        u[i] = -y[i];
        v[i] = x[i];
        v2[i] = x[i] * 1.1;
    }
    svg_plot_set_equal_aspect(p, 1);
    ck_assert_int_eq(svg_plot_add_arrows(p, x, y, u, v, 25, "data"), 0);
    ck_assert_int_eq(svg_plot_add_arrows(p, x, y, u, v2, 25, "model"), 0);
    int nd;
    char *s = render(p, &nd);
    ck_assert_int_eq(nd, 50);
    ck_assert_int_eq(count_str(s, "<circle"), 2); /* the zero vectors at the origin */
    free(s);
    svg_plot_free(p);
}
END_TEST

START_TEST(test_errors)
{
    SvgPlot *p = svg_plot_new(10, 10);
    char *s = NULL;
    double x = NAN, y = 1;
    ck_assert_int_eq(svg_plot_render(&s, NULL, NULL, p), SVG_ERR_EMPTY);
    ck_assert_int_eq(svg_plot_add_line(p, &x, &y, 1, NULL, SVG_MARK_NONE), 0);
    ck_assert_int_eq(svg_plot_render(&s, NULL, NULL, p), SVG_ERR_EMPTY);
    ck_assert_int_eq(svg_plot_add_line(p, NULL, NULL, 2, NULL, SVG_MARK_NONE), SVG_ERR_ARG);
    ck_assert_int_eq(svg_plot_add_mark(p, 1, INFINITY, NULL), SVG_ERR_ARG);
    x = 1;
    ck_assert_int_eq(svg_plot_add_points(p, &x, &y, 1, NULL, SVG_MARK_NONE), 0);
    ck_assert_int_eq(svg_plot_write(p, "/nonexistent-dir/x.svg", NULL), SVG_ERR_IO);
    ck_assert_str_eq(svg_strerror(SVG_ERR_IO), "cannot write the file");
    int nd;
    s = render(p, &nd); /* a single point: a degenerate range still draws */
    ck_assert_int_eq(nd, 1);
    free(s);
    svg_plot_free(p);
}
END_TEST

static Suite *svg_suite(void)
{
    Suite *s = suite_create("svg");
    TCase *tc = tcase_create("svg");
    tcase_add_test(tc, test_checker);
    tcase_add_test(tc, test_ticks_log);
    tcase_add_test(tc, test_ticks_linear);
    tcase_add_test(tc, test_escape);
    tcase_add_test(tc, test_loglog);
    tcase_add_test(tc, test_quiver);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(svg_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
