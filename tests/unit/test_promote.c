/* test_promote.c — the promotion machinery (runtime/promote.c, driven
 * through the interpreter's regulariser / fit / promote): the exact
 * regulariser values of case T23 to 1e-12 relative, homogeneity
 * ||L_{cF}||_* = |c| ||L_F||_*, invariance of the singular values under a
 * change of (orthonormal, and any) basis of the candidate algebra, promote
 * with gamma = 0 against fit (least squares) to 1e-8, and interpolate =
 * true reproducing the data (Theta c = y, evaluated here) to 1e-8.  Random
 * inputs use a fixed seed and are printed on failure. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include "interp.h"
#include "print.h"
#include "repl.h"
#include "base/strbuf.h"
#include "numeric/dmat.h"

#include "session.h"

/* The value of src as a double (rational, real, or 1 x 1 float matrix). */
static double get_double(const char *src)
{
    Value *v = run(src);
    double d = 0;
    if (v->kind == VAL_RAT)
        d = fmpq_get_d(v->u.q);
    else if (v->kind == VAL_REAL)
        d = mpfr_get_d(v->u.r, MPFR_RNDN);
    else if (v->kind == VAL_FMAT && v->u.fm->rows * v->u.fm->cols == 1)
        d = v->u.fm->data[0];
    else
        ck_abort_msg("input: %s: not a number (%s)", src, val_kind_name(v));
    val_unref(v);
    return d;
}

/* The entries of the float matrix src (column-major); *len receives their
   number;
   caller frees. */
static double *get_vector(const char *src, int *len)
{
    Value *v = run(src);
    ck_assert_msg(v->kind == VAL_FMAT, "input: %s: not a float matrix", src);
    *len = v->u.fm->rows * v->u.fm->cols; /* column-major */
    double *out = malloc(sizeof(double) * (size_t)(*len > 0 ? *len : 1));
    ck_assert_ptr_nonnull(out);
    memcpy(out, v->u.fm->data, sizeof(double) * (size_t)*len);
    val_unref(v);
    return out;
}

static void expect_close(double got, double want, double rel, const char *what)
{
    double scale = fabs(want) > 1 ? fabs(want) : 1;
    ck_assert_msg(fabs(got - want) <= rel * scale, "%s\nexpected %.17g, got %.17g (diff %.3g)",
                  what, want, got, fabs(got - want));
}

START_TEST(test_T23_values)
{
    session_open();
    exec("coords x, y\ng = se(2)");
    const struct {
        const char *F;
        double want;
        int rank;
    } T[] = {
        {"x", 1 + 1 / sqrt(6.0), 2},
        {"x^2 + y^2", 4 / sqrt(3.0), 2},
        {"x*y", 2 * sqrt(5.0) / 15 + 2 / sqrt(3.0), 3},
        {"x^2", sqrt(2.0) / 3 + 2 / sqrt(3.0), -1},
        {"x + y", 1 / sqrt(3.0) + sqrt(2.0), -1},
        {"3*x", 3 + sqrt(6.0) / 2, 2},
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        char *src = fmt("regulariser(%s, g).value", T[i].F);
        expect_close(get_double(src), T[i].want, 1e-12, src);
        free(src);
        if (T[i].rank >= 0) {
            src = fmt("regulariser(%s, g).rank", T[i].F);
            expect_close(get_double(src), T[i].rank, 0, src);
            free(src);
        }
    }
    /* the exact Gram matrices in se(2)'s own basis (S = diag(1/6, 1, 0)
       for the normalised rotation is 1/3 for the rotation itself) */
    expect_str("regulariser(x, g).gram", "[1/3, 0, 0; 0, 1, 0; 0, 0, 0]");
    expect_str("regulariser(x^2 + y^2, g).gram", "[0, 0, 0; 0, 4/3, 0; 0, 0, 4/3]");
    expect_str("regulariser(x*y, g).gram", "[8/45, 0, 0; 0, 1/3, 0; 0, 0, 1/3]");
    session_close();
}
END_TEST

START_TEST(test_homogeneity)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y");
    const char *algs[] = {"se(2)", "gl(2)", "so(2)", "aff(2)", "sl(2)"};
    for (int ai = 0; ai < 5; ai++)
        for (int trial = 0; trial < 6; trial++) {
            StrBuf sb = STRBUF_INIT;
            sb_printf(&sb, "g = %s\nF = ", algs[ai]);
            rand_poly(&sb, 2, 3, 5);
            sb_puts(&sb, " + x*y");
            char *src = sb_take(&sb);
            exec(src);
            double r1 = get_double("regulariser(F, g).value");
            double r3 = get_double("regulariser(3*F, g).value");
            double rm = get_double("regulariser(-2/7*F, g).value");
            char *ctx = fmt("%s: homogeneity", src);
            expect_close(r3, 3 * r1, 1e-12, ctx);
            expect_close(rm, 2.0 / 7 * r1, 1e-12, ctx);
            /* the triangle inequality (convexity) with a second model */
            exec("F2 = x^2 - 3*y + x*y^2");
            double a = get_double("regulariser(F + F2, g).value");
            double b = get_double("regulariser(F2, g).value");
            ck_assert_msg(a <= r1 + b + 1e-12 * (1 + r1 + b), "%s: triangle %g > %g + %g", src, a,
                          r1, b);
            /* sum of the singular values is the value */
            int n = 0;
            double *s = get_vector("regulariser(F, g).singular_values", &n);
            double tot = 0;
            for (int i = 0; i < n; i++) {
                ck_assert(s[i] >= 0 && (i == 0 || s[i] <= s[i - 1] + 1e-14));
                tot += s[i];
            }
            expect_close(tot, r1, 1e-9, ctx);
            free(s);
            free(ctx);
            free(src);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

/* Singular values of L_F for g and for another basis of the same algebra. */
static void compare_svals(const char *ctx)
{
    int n1 = 0, n2 = 0;
    double *s1 = get_vector("regulariser(F, g).singular_values", &n1);
    double *s2 = get_vector("regulariser(F, h).singular_values", &n2);
    ck_assert_msg(n1 == n2, "%s: %d vs %d singular values", ctx, n1, n2);
    for (int i = 0; i < n1; i++) {
        char *w = fmt("%s: singular value %d", ctx, i + 1);
        expect_close(s2[i], s1[i], 1e-12, w);
        free(w);
    }
    free(s1);
    free(s2);
}

START_TEST(test_basis_invariance)
{
    session_open();
    flint_randinit(rnd);
    /* so(3): L_x, L_y, L_z are orthogonal of equal norm; rotate them with
       the rational orthogonal matrices Q */
    exec("coords x, y, z\ng = so(3)\nL = basis(g)\n"
         "rot(Q) = algebra(map(i -> Q[i, 1]*L[1] + Q[i, 2]*L[2] + Q[i, 3]*L[3], 1:3))");
    const char *Qs[] = {"[3/5, -4/5, 0; 4/5, 3/5, 0; 0, 0, 1]",
                        "[1/3, 2/3, 2/3; 2/3, 1/3, -2/3; 2/3, -2/3, 1/3]",
                        "[0, 0, 1; 1, 0, 0; 0, -1, 0]"};
    for (int qi = 0; qi < 3; qi++)
        for (int trial = 0; trial < 4; trial++) {
            StrBuf sb = STRBUF_INIT;
            sb_printf(&sb, "h = rot(%s)\nF = ", Qs[qi]);
            rand_poly(&sb, 3, 2, 5);
            sb_puts(&sb, " + x*y");
            char *src = sb_take(&sb);
            exec(src);
            compare_svals(src);
            free(src);
        }
    /* gl(2): the orthonormal E_ij rotated by the orthogonal Hadamard/2,
       and a non-orthogonal basis of the same space (the value depends only
       on the subspace: the Gram matrix of the basis is orthonormalised) */
    exec("coords x, y\ng = gl(2)\nE = [[1, 0; 0, 0], [0, 1; 0, 0], [0, 0; 1, 0], [0, 0; 0, 1]]\n"
         "comb(Q) = algebra(map(i -> Q[i, 1]*E[1] + Q[i, 2]*E[2] + Q[i, 3]*E[3] + "
         "Q[i, 4]*E[4], 1:4))");
    const char *Hs[] = {"[1/2, 1/2, 1/2, 1/2; 1/2, -1/2, 1/2, -1/2; 1/2, 1/2, -1/2, -1/2; "
                        "1/2, -1/2, -1/2, 1/2]",
                        "[1, 1, 0, 0; 0, 1, 0, 0; 0, 0, 1, 0; 1, 0, 0, 1]",
                        "[2, 0, 0, 0; 0, 1, 3, 0; 0, 1, -1, 0; 0, 0, 0, 5]"};
    for (int qi = 0; qi < 3; qi++)
        for (int trial = 0; trial < 4; trial++) {
            StrBuf sb = STRBUF_INIT;
            sb_printf(&sb, "h = comb(%s)\nF = ", Hs[qi]);
            rand_poly(&sb, 2, 3, 5);
            sb_puts(&sb, " + x*y");
            char *src = sb_take(&sb);
            exec(src);
            compare_svals(src);
            free(src);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

/* Random float points (rows) as Sym text: fmat([..]) of small rationals. */
static char *random_points(slong m, slong n)
{
    StrBuf sb = STRBUF_INIT;
    sb_puts(&sb, "fmat([");
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < n; j++)
            sb_printf(&sb, "%s%ld/%ld", j ? ", " : (i ? "; " : ""), (long)rand_int(-20, 20),
                      (long)rand_int(7, 13));
    sb_puts(&sb, "])");
    return sb_take(&sb);
}

START_TEST(test_gamma0_is_fit)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y");
    const char *spaces[] = {"polys(scalars(so(2)), 2)", "polys(fields(so(2)), 1)",
                            "enforce(polys(scalars(so(2)), 4), so(2))", "polys(scalars(gl(2)), 3)"};
    const int k[] = {1, 2, 1, 1};
    for (int si = 0; si < 4; si++)
        for (int trial = 0; trial < 3; trial++) {
            char *X = random_points(14, 2);
            char *Y = random_points(14, k[si]);
            char *src = fmt("V = %s\nX = %s\nY = %s\n"
                            "f = fit(V, X, Y)\n"
                            "p = promote(V, X, Y, gl(2), gamma = 0, tol = 1e-13, "
                            "max_iter = 200000)",
                            spaces[si], X, Y);
            exec(src);
            int n1 = 0, n2 = 0;
            double *c1 = get_vector("f.coef", &n1);
            double *c2 = get_vector("p.coef", &n2);
            ck_assert_int_eq(n1, n2);
            for (int i = 0; i < n1; i++) {
                char *w = fmt("%s\ncoefficient %d", src, i + 1);
                expect_close(c2[i], c1[i], 1e-8, w);
                free(w);
            }
            free(c1);
            free(c2);
            free(src);
            free(X);
            free(Y);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

/* Monomials of degree <= d in (x, y), monobasis order as polys uses it:
   1, x, y, x^2, x*y, y^2, x^3, ... (by degree, x-power descending). */
static double eval_poly2(const double *c, int d, double x, double y)
{
    double s = 0;
    int idx = 0;
    for (int t = 0; t <= d; t++)
        for (int i = t; i >= 0; i--)
            s += c[idx++] * pow(x, i) * pow(y, t - i);
    return s;
}

START_TEST(test_interpolate)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y");
    /* the monomial order assumed by eval_poly2 */
    expect_str("basis(polys(scalars(so(2)), 2))", "[1, x, y, x^2, x*y, y^2]");
    const char *algs[] = {"so(2)", "gl(2)", "se(2)"};
    for (int ai = 0; ai < 3; ai++)
        for (int trial = 0; trial < 3; trial++) {
            int d = 2 + trial % 2, m = 4 + trial;
            char *X = random_points(m, 2);
            char *Y = random_points(m, 1);
            char *src = fmt("V = polys(scalars(so(2)), %d)\nX = %s\nY = %s\n"
                            "p = promote(V, X, Y, %s, interpolate = true, tol = 1e-12)\n"
                            "c = model(V, p.coef).full",
                            d, X, Y, algs[ai]);
            exec(src);
            int nc = 0, nx = 0, ny = 0;
            double *c = get_vector("c", &nc);
            ck_assert_int_eq(nc, (d + 1) * (d + 2) / 2);
            double *xy = get_vector("X", &nx);
            double *xs = xy, *ys = xy + m;
            double *yv = get_vector("Y", &ny);
            ck_assert_int_eq(nx, 2 * m);
            ck_assert_int_eq(ny, m);
            for (int i = 0; i < m; i++) {
                char *w = fmt("%s\npoint %d", src, i + 1);
                expect_close(eval_poly2(c, d, xs[i], ys[i]), yv[i], 1e-8, w);
                free(w);
            }
            expect_true("p.converged", src);
            ck_assert_msg(get_double("p.residual") <= 1e-8, "%s: residual", src);
            free(c);
            free(xy);
            free(yv);
            free(src);
            free(X);
            free(Y);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("promote");
    TCase *tc = tcase_create("promote");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_T23_values);
    tcase_add_test(tc, test_homogeneity);
    tcase_add_test(tc, test_basis_invariance);
    tcase_add_test(tc, test_gamma0_is_fit);
    tcase_add_test(tc, test_interpolate);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
