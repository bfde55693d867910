/* test_poly.c — unit tests for runtime/exact/poly.c, poly_print.c and
 * monobasis.c: rings, guarded arithmetic and limits, printing in three
 * formats with read-back, evaluation, monomial bases. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact/monobasis.h"
#include "exact/poly.h"

static const char *XYZ[] = {"x", "y", "z"};

static void parse(fmpq_mpoly_t p, const char *s, const PolyRing *R)
{
    int r = fmpq_mpoly_set_str_pretty(p, s, (const char **)R->names, R->ctx);
    ck_assert_msg(r == 0, "cannot parse test input %s", s);
}

/* ---- rings ---- */

START_TEST(test_ring_refcount)
{
    PolyRing *R = polyring_new(3, XYZ);
    ck_assert_ptr_nonnull(R);
    PolyRing *S = polyring_new(3, XYZ);
    ck_assert(R->id != S->id);
    ck_assert_int_eq(R->refcount, 1);
    ck_assert_ptr_eq(polyring_incref(R), R);
    ck_assert_int_eq(R->refcount, 2);
    polyring_decref(R);
    ck_assert_int_eq(R->refcount, 1);
    ck_assert_int_eq(polyring_var_index(R, "z"), 2);
    ck_assert_int_eq(polyring_var_index(R, "w"), -1);
    polyring_decref(R);
    polyring_decref(S);
    polyring_decref(NULL);
    /* n = 0: the constants. */
    PolyRing *Q = polyring_new(0, NULL);
    ck_assert_ptr_nonnull(Q);
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, Q->ctx);
    fmpq_mpoly_set_si(p, -7, Q->ctx);
    char *s = poly_to_string(p, Q, POLY_FMT_PLAIN);
    ck_assert_str_eq(s, "-7");
    free(s);
    fmpq_t v;
    fmpq_init(v);
    ck_assert_int_eq(poly_eval_fmpq(v, p, NULL, Q, NULL), POLY_OK);
    ck_assert(fmpq_equal_si(v, -7));
    fmpq_clear(v);
    fmpq_mpoly_clear(p, Q->ctx);
    polyring_decref(Q);
    /* invalid */
    const char *bad[] = {"x", ""};
    ck_assert_ptr_null(polyring_new(2, bad));
    ck_assert_ptr_null(polyring_new(-1, NULL));
}
END_TEST

/* ---- printing ---- */

typedef struct {
    const char *in, *plain, *uni, *latex;
} PrintCase;

static const PrintCase PRINT_CASES[] = {
    {"0", "0", "0", "0"},
    {"5", "5", "5", "5"},
    {"-3/4", "-3/4", "\u22123/4", "-\\frac{3}{4}"},
    {"1 - x^4 + 3*x^2*y^2 - 1/2*z", "-x^4 + 3*x^2*y^2 - 1/2*z + 1",
     "\u2212x\u2074 + 3x\u00b2y\u00b2 \u2212 (1/2)z + 1",
     "-x^{4} + 3 x^{2} y^{2} - \\frac{1}{2} z + 1"},
    {"-x", "-x", "\u2212x", "-x"},
    {"x", "x", "x", "x"},
    {"x*y*z", "x*y*z", "xyz", "x y z"},
    {"2*x - y", "2*x - y", "2x \u2212 y", "2 x - y"},
    {"y - 2/3*x^10*y", "-2/3*x^10*y + y", "\u2212(2/3)x\u00b9\u2070y + y",
     "-\\frac{2}{3} x^{10} y + y"},
    {"z + y + x + 1", "x + y + z + 1", "x + y + z + 1", "x + y + z + 1"},
    {"z^2 + x*z + y^2 + x*y + x^2", "x^2 + x*y + x*z + y^2 + z^2",
     "x\u00b2 + xy + xz + y\u00b2 + z\u00b2", "x^{2} + x y + x z + y^{2} + z^{2}"},
    {"-1/2", "-1/2", "\u22121/2", "-\\frac{1}{2}"},
    {"-x^2 - 1", "-x^2 - 1", "\u2212x\u00b2 \u2212 1", "-x^{2} - 1"},
    {"123456789012345678901234567890*x", "123456789012345678901234567890*x",
     "123456789012345678901234567890x", "123456789012345678901234567890 x"},
};

START_TEST(test_print_formats)
{
    PolyRing *R = polyring_new(3, XYZ);
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, R->ctx);
    for (size_t i = 0; i < sizeof PRINT_CASES / sizeof PRINT_CASES[0]; i++) {
        const PrintCase *c = &PRINT_CASES[i];
        parse(p, c->in, R);
        const char *want[3] = {c->plain, c->uni, c->latex};
        for (int f = 0; f < 3; f++) {
            char *s = poly_to_string(p, R, f);
            ck_assert_msg(s != NULL && strcmp(s, want[f]) == 0,
                          "input %s format %d: got '%s', want '%s'", c->in, f, s, want[f]);
            free(s);
        }
    }
    ck_assert_ptr_null(poly_to_string(p, R, 7));
    fmpq_mpoly_clear(p, R->ctx);
    polyring_decref(R);
}
END_TEST

START_TEST(test_print_names)
{
    const char *names[] = {"x1", "x2", "alpha", "long_name"};
    PolyRing *R = polyring_new(4, names);
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, R->ctx);
    parse(p, "alpha + 3*x1^2*x2 - 1/5*long_name", R);
    const char *want[3] = {"3*x1^2*x2 + alpha - 1/5*long_name",
                           "3\u00b7x1\u00b2\u00b7x2 + alpha \u2212 (1/5)\u00b7long_name",
                           "3 x_{1}^{2} x_{2} + \\alpha - \\frac{1}{5} \\mathrm{long\\_name}"};
    for (int f = 0; f < 3; f++) {
        char *s = poly_to_string(p, R, f);
        ck_assert_msg(strcmp(s, want[f]) == 0, "format %d: got '%s', want '%s'", f, s, want[f]);
        free(s);
    }
    fmpq_mpoly_clear(p, R->ctx);
    polyring_decref(R);
    const char *t[] = {"t"};
    R = polyring_new(1, t);
    fmpq_mpoly_init(p, R->ctx);
    parse(p, "t^2 - 1", R);
    char *s = poly_to_string(p, R, POLY_FMT_UNICODE);
    ck_assert_str_eq(s, "t\u00b2 \u2212 1");
    free(s);
    fmpq_mpoly_clear(p, R->ctx);
    polyring_decref(R);

    fmpq_t c;
    fmpq_init(c);
    fmpq_set_si(c, -5, 3);
    s = poly_fmpq_to_string(c, POLY_FMT_LATEX);
    ck_assert_str_eq(s, "-\\frac{5}{3}");
    free(s);
    s = poly_fmpq_to_string(c, POLY_FMT_UNICODE);
    ck_assert_str_eq(s, "\u22125/3");
    free(s);
    fmpq_clear(c);
}
END_TEST

START_TEST(test_print_roundtrip)
{
    flint_rand_t st;
    flint_randinit(st);
    const char *names[] = {"x", "y", "z", "w1"};
    for (slong n = 0; n <= 4; n++) {
        PolyRing *R = polyring_new(n, names);
        fmpq_mpoly_t p, q;
        fmpq_mpoly_init(p, R->ctx);
        fmpq_mpoly_init(q, R->ctx);
        for (int it = 0; it < 200; it++) {
            fmpq_mpoly_randtest_bound(p, st, 12, 40, 6, R->ctx);
            char *s = poly_to_string(p, R, POLY_FMT_PLAIN);
            int r = fmpq_mpoly_set_str_pretty(q, s, (const char **)R->names, R->ctx);
            ck_assert_msg(r == 0 && fmpq_mpoly_equal(p, q, R->ctx),
                          "roundtrip failed for n=%ld: %s", (long)n, s);
            free(s);
        }
        fmpq_mpoly_clear(p, R->ctx);
        fmpq_mpoly_clear(q, R->ctx);
        polyring_decref(R);
    }
    flint_randclear(st);
}
END_TEST

/* ---- arithmetic ---- */

static void assert_poly(const fmpq_mpoly_t p, const char *want, const PolyRing *R)
{
    char *s = poly_to_string(p, R, POLY_FMT_PLAIN);
    ck_assert_msg(strcmp(s, want) == 0, "got '%s', want '%s'", s, want);
    free(s);
}

START_TEST(test_arith_and_pow)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(3, XYZ);
    fmpq_mpoly_t a, b, r;
    fmpq_mpoly_init(a, R->ctx);
    fmpq_mpoly_init(b, R->ctx);
    fmpq_mpoly_init(r, R->ctx);
    parse(a, "x + y", R);
    parse(b, "x - y", R);
    ck_assert_int_eq(poly_mul(r, a, b, R, err), POLY_OK);
    assert_poly(r, "x^2 - y^2", R);
    ck_assert_int_eq(poly_add(r, a, b, R, err), POLY_OK);
    assert_poly(r, "2*x", R);
    ck_assert_int_eq(poly_sub(r, a, b, R, err), POLY_OK);
    assert_poly(r, "2*y", R);
    poly_neg(r, a, R);
    assert_poly(r, "-x - y", R);
    ck_assert_int_eq(poly_pow(r, a, 3, R, err), POLY_OK);
    assert_poly(r, "x^3 + 3*x^2*y + 3*x*y^2 + y^3", R);
    ck_assert_int_eq(poly_pow(r, a, 0, R, err), POLY_OK);
    assert_poly(r, "1", R);
    fmpq_mpoly_zero(b, R->ctx);
    ck_assert_int_eq(poly_pow(r, b, 0, R, err), POLY_OK);
    assert_poly(r, "1", R);
    ck_assert_int_eq(poly_pow(r, b, 5, R, err), POLY_OK);
    assert_poly(r, "0", R);
    /* negative powers: constants only */
    ck_assert_int_eq(poly_pow(r, a, -1, R, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "negative power of a polynomial");
    ck_assert_int_eq(poly_pow(r, b, -1, R, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "division by zero");
    parse(b, "2", R);
    ck_assert_int_eq(poly_pow(r, b, -2, R, err), POLY_OK);
    assert_poly(r, "1/4", R);
    /* degree cap */
    parse(b, "x", R);
    ck_assert_int_eq(poly_pow(r, b, POLY_MAX_DEGREE, R, err), POLY_OK);
    ck_assert_int_eq(poly_total_degree(r, R), POLY_MAX_DEGREE);
    ck_assert_int_eq(poly_pow(r, b, POLY_MAX_DEGREE + 1, R, err), POLY_ERR_LIMIT);
    ck_assert_int_eq(poly_pow(r, a, WORD_MAX, R, err), POLY_ERR_LIMIT);
    parse(r, "x^5000*y^5000", R);
    ck_assert_int_eq(poly_mul(r, r, b, R, err), POLY_ERR_LIMIT);
    /* term cap: (x+y+z+1)^2000 has about 1.3e9 terms */
    parse(a, "x + y + z + 1", R);
    ck_assert_int_eq(poly_pow(r, a, 2000, R, err), POLY_ERR_LIMIT);
    ck_assert_msg(strstr(err, "terms") != NULL, "message: %s", err);
    /* (x+y)^1000 is fine: 1001 terms */
    parse(a, "x + y", R);
    ck_assert_int_eq(poly_pow(r, a, 1000, R, err), POLY_OK);
    ck_assert_int_eq(poly_length(r, R), 1001);
    fmpq_mpoly_clear(a, R->ctx);
    fmpq_mpoly_clear(b, R->ctx);
    fmpq_mpoly_clear(r, R->ctx);
    polyring_decref(R);
}
END_TEST

START_TEST(test_division)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(3, XYZ);
    fmpq_mpoly_t a, b, r;
    fmpq_mpoly_init(a, R->ctx);
    fmpq_mpoly_init(b, R->ctx);
    fmpq_mpoly_init(r, R->ctx);
    parse(a, "x*y + 3", R);
    parse(b, "-2/3", R);
    ck_assert_int_eq(poly_div(r, a, b, R, err), POLY_OK);
    assert_poly(r, "-3/2*x*y - 9/2", R);
    parse(b, "x", R);
    ck_assert_int_eq(poly_div(r, a, b, R, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "cannot divide by a polynomial");
    parse(a, "x*y", R); /* even when it divides */
    ck_assert_int_eq(poly_div(r, a, b, R, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "cannot divide by a polynomial");
    fmpq_mpoly_zero(b, R->ctx);
    ck_assert_int_eq(poly_div(r, a, b, R, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "division by zero");
    ck_assert_int_eq(poly_div(r, a, b, R, NULL), POLY_ERR_DOMAIN); /* err may be NULL */
    fmpq_mpoly_clear(a, R->ctx);
    fmpq_mpoly_clear(b, R->ctx);
    fmpq_mpoly_clear(r, R->ctx);
    polyring_decref(R);
}
END_TEST

START_TEST(test_queries_diff_subs)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(3, XYZ);
    fmpq_mpoly_t a, q, r;
    fmpq_mpoly_init(a, R->ctx);
    fmpq_mpoly_init(q, R->ctx);
    fmpq_mpoly_init(r, R->ctx);
    parse(a, "x^3*y - 1/2*z^2 + 7", R);
    ck_assert_int_eq(poly_total_degree(a, R), 4);
    ck_assert_int_eq(poly_degree_var(a, 0, R), 3);
    ck_assert_int_eq(poly_degree_var(a, 2, R), 2);
    ck_assert_int_eq(poly_degree_var(a, 3, R), -2);
    ck_assert_int_eq(poly_length(a, R), 3);
    ck_assert(!poly_is_constant(a, R));
    fmpq_t c;
    fmpq_init(c);
    ulong e[3];
    ck_assert_int_eq(poly_get_term(c, e, a, 1, R, err), POLY_OK);
    ck_assert(fmpq_equal_si(c, 0) == 0);
    ck_assert(e[0] == 0 && e[1] == 0 && e[2] == 2);
    ck_assert_int_eq(fmpz_get_si(fmpq_numref(c)), -1);
    ck_assert_int_eq(fmpz_get_si(fmpq_denref(c)), 2);
    ck_assert_int_eq(poly_get_term(c, e, a, 3, R, err), POLY_ERR_ARG);
    ck_assert_int_eq(poly_get_constant(c, a, R, err), POLY_ERR_ARG);
    parse(q, "-5/7", R);
    ck_assert_int_eq(poly_get_constant(c, q, R, err), POLY_OK);
    ck_assert_int_eq(fmpz_get_si(fmpq_numref(c)), -5);
    ck_assert_int_eq(poly_diff(r, a, 0, R, err), POLY_OK);
    assert_poly(r, "3*x^2*y", R);
    ck_assert_int_eq(poly_diff(r, a, 3, R, err), POLY_ERR_ARG);
    ck_assert_int_eq(poly_set_var(r, 1, R, err), POLY_OK);
    assert_poly(r, "y", R);
    parse(q, "y + 1", R);
    ck_assert_int_eq(poly_subs(r, a, 0, q, R, err), POLY_OK);
    assert_poly(r, "y^4 + 3*y^3 + 3*y^2 - 1/2*z^2 + y + 7", R);
    /* substitution degree cap: x^100 with x := y^101 */
    parse(a, "x^100 + z", R);
    parse(q, "y^101", R);
    ck_assert_int_eq(poly_subs(r, a, 0, q, R, err), POLY_ERR_LIMIT);
    /* exact: only the substituted variable's exponents count */
    parse(a, "x*y^5000", R);
    parse(q, "y^2000", R);
    ck_assert_int_eq(poly_subs(r, a, 0, q, R, err), POLY_OK);
    ck_assert_int_eq(poly_total_degree(r, R), 7000);
    /* full composition into another ring */
    const char *uv[] = {"u", "v"};
    PolyRing *S = polyring_new(2, uv);
    fmpq_mpoly_struct qs[3];
    fmpq_mpoly_struct *qp[3];
    const char *qstr[3] = {"u + v", "u - v", "2"};
    for (int i = 0; i < 3; i++) {
        fmpq_mpoly_init(qs + i, S->ctx);
        parse(qs + i, qstr[i], S);
        qp[i] = qs + i;
    }
    parse(a, "x*y + z", R);
    fmpq_mpoly_t rs;
    fmpq_mpoly_init(rs, S->ctx);
    ck_assert_int_eq(poly_compose(rs, a, R, qp, S, err), POLY_OK);
    assert_poly(rs, "u^2 - v^2 + 2", S);
    fmpq_mpoly_clear(rs, S->ctx);
    for (int i = 0; i < 3; i++)
        fmpq_mpoly_clear(qs + i, S->ctx);
    polyring_decref(S);
    fmpq_clear(c);
    fmpq_mpoly_clear(a, R->ctx);
    fmpq_mpoly_clear(q, R->ctx);
    fmpq_mpoly_clear(r, R->ctx);
    polyring_decref(R);
}
END_TEST

/* ---- evaluation ---- */

START_TEST(test_eval)
{
    char err[POLY_ERR_LEN];
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    enum { NPTS = 300, LD = 301, M = 4 };
    double *X = malloc(3 * LD * sizeof(double));
    fmpq *pt = _fmpq_vec_init(3 * NPTS);
    for (slong t = 0; t < NPTS; t++)
        for (int i = 0; i < 3; i++) {
            slong num = (slong)n_randint(st, 2001) - 1000;
            fmpq_set_si(pt + 3 * t + i, num, 500);
            X[t + i * LD] = (double)num / 500.0;
        }
    fmpq_mpoly_struct ps[M];
    for (int j = 0; j < M; j++) {
        fmpq_mpoly_init(ps + j, R->ctx);
        fmpq_mpoly_randtest_bound(ps + j, st, 20, 10, 7, R->ctx);
    }
    double *out = malloc(NPTS * M * sizeof(double));
    ck_assert_int_eq(poly_eval_double_vec(out, NPTS, ps, M, X, NPTS, LD, R, err), POLY_OK);
    fmpq_t v;
    fmpq_init(v);
    for (int j = 0; j < M; j++)
        for (slong t = 0; t < NPTS; t++) {
            fmpq *xs[3] = {pt + 3 * t, pt + 3 * t + 1, pt + 3 * t + 2};
            ck_assert_int_eq(poly_eval_fmpq(v, ps + j, xs, R, err), POLY_OK);
            double ex = fmpq_get_d(v), got = out[t + j * NPTS];
            double scale = 1.0 + fabs(ex);
            fmpq_t c;
            fmpq_init(c);
            for (slong u = 0; u < fmpq_mpoly_length(ps + j, R->ctx); u++) {
                fmpq_mpoly_get_term_coeff_fmpq(c, ps + j, u, R->ctx);
                scale += fabs(fmpq_get_d(c)) * 10.0;
            }
            fmpq_clear(c);
            ck_assert_msg(fabs(ex - got) <= 1e-12 * scale, "poly %d point %ld: %.17g vs %.17g", j,
                          (long)t, got, ex);
        }
    /* single-polynomial entry point */
    ck_assert_int_eq(poly_eval_double(out, ps, X, NPTS, LD, R, err), POLY_OK);
    ck_assert_int_eq(poly_eval_double(out, ps, X, NPTS, NPTS - 1, R, err), POLY_ERR_ARG);
    fmpq_clear(v);
    for (int j = 0; j < M; j++)
        fmpq_mpoly_clear(ps + j, R->ctx);
    _fmpq_vec_clear(pt, 3 * NPTS);
    free(out);
    free(X);
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

/* ---- monomial bases ---- */

static int lex_greater(const ulong *a, const ulong *b, slong n)
{
    for (slong i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] > b[i];
    return 0;
}

START_TEST(test_monobasis_order)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(2, XYZ);
    MonoBasis B;
    ck_assert_int_eq(monobasis_init(&B, 2, 2, err), POLY_OK);
    ck_assert_int_eq(B.size, 6);
    const char *want[6] = {"1", "x", "y", "x^2", "x*y", "y^2"};
    fmpq_mpoly_t p;
    fmpq_mpoly_init(p, R->ctx);
    for (slong i = 0; i < 6; i++) {
        ck_assert_int_eq(monobasis_monomial(p, &B, i, R, err), POLY_OK);
        assert_poly(p, want[i], R);
        ck_assert_int_eq(monobasis_index(&B, monobasis_exp(&B, i)), i);
    }
    ck_assert_int_eq(monobasis_monomial(p, &B, 6, R, err), POLY_ERR_ARG);
    ulong e3[2] = {2, 1};
    ck_assert_int_eq(monobasis_index(&B, e3), -1);
    monobasis_clear(&B);
    fmpq_mpoly_clear(p, R->ctx);
    polyring_decref(R);

    R = polyring_new(3, XYZ);
    fmpq_mpoly_init(p, R->ctx);
    ck_assert_int_eq(monobasis_init(&B, 3, 2, err), POLY_OK);
    const char *want3[10] = {"1", "x", "y", "z", "x^2", "x*y", "x*z", "y^2", "y*z", "z^2"};
    for (slong i = 0; i < 10; i++) {
        monobasis_monomial(p, &B, i, R, err);
        assert_poly(p, want3[i], R);
    }
    monobasis_clear(&B);
    /* sizes and ranking on a bigger basis */
    ck_assert_int_eq(monobasis_size(3, 24), 2925);
    ck_assert_int_eq(monobasis_size(5, 2), 21);
    ck_assert_int_eq(monobasis_size(50, 2), 1326);
    ck_assert_int_eq(monobasis_size(16, 3), 969);
    ck_assert_int_eq(monobasis_size(10, 4), 1001);
    ck_assert_int_eq(monobasis_size(0, 5), 1);
    ck_assert_int_eq(monobasis_size(0, WORD_MAX), -1);
    ck_assert_int_eq(monobasis_size(1, POLY_MAX_DEGREE), POLY_MAX_DEGREE + 1);
    ck_assert_int_eq(monobasis_size(100, 100), -1);
    ck_assert_int_eq(monobasis_init(&B, 100, 100, err), POLY_ERR_LIMIT);
    monobasis_clear(&B);
    ck_assert_int_eq(monobasis_init(&B, 4, 9, err), POLY_OK);
    for (slong i = 0; i < B.size; i++) {
        ck_assert_int_eq(monobasis_index(&B, monobasis_exp(&B, i)), i);
        if (i > 0) { /* ascending degree, descending lex within a degree */
            const ulong *a = monobasis_exp(&B, i - 1), *b = monobasis_exp(&B, i);
            ulong da = a[0] + a[1] + a[2] + a[3], db = b[0] + b[1] + b[2] + b[3];
            ck_assert(da <= db);
            if (da == db)
                ck_assert(lex_greater(a, b, 4));
        }
    }
    monobasis_clear(&B);
    fmpq_mpoly_clear(p, R->ctx);
    polyring_decref(R);
}
END_TEST

START_TEST(test_monobasis_coeffs)
{
    char err[POLY_ERR_LEN];
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    MonoBasis B;
    ck_assert_int_eq(monobasis_init(&B, 3, 5, err), POLY_OK);
    fmpq_mpoly_struct F[2];
    fmpq_mpoly_struct G[2];
    for (int c = 0; c < 2; c++) {
        fmpq_mpoly_init(F + c, R->ctx);
        fmpq_mpoly_init(G + c, R->ctx);
    }
    fmpq *v = _fmpq_vec_init(2 * B.size);
    for (int it = 0; it < 100; it++) {
        for (int c = 0; c < 2; c++) {
            fmpq_mpoly_randtest_bound(F + c, st, 15, 20, 2, R->ctx); /* degree <= 3 */
        }
        ck_assert_int_eq(monobasis_coeffs_vec(v, F, 2, &B, R, err), POLY_OK);
        ck_assert_int_eq(monobasis_poly_vec(G, 2, v, &B, R, err), POLY_OK);
        for (int c = 0; c < 2; c++)
            ck_assert(fmpq_mpoly_equal(F + c, G + c, R->ctx));
    }
    parse(F, "x^2*y^2*z^2", R);
    ck_assert_int_eq(monobasis_coeffs(v, F, &B, R, err), POLY_ERR_ARG);
    parse(F, "2*x*z - 1/3", R);
    ck_assert_int_eq(monobasis_coeffs(v, F, &B, R, err), POLY_OK);
    for (slong i = 0; i < B.size; i++) {
        if (i == 0)
            ck_assert(fmpq_equal_si(v + i, 0) == 0 && fmpz_get_si(fmpq_denref(v + i)) == 3);
        else if (i == 6)
            ck_assert(fmpq_equal_si(v + i, 2));
        else
            ck_assert(fmpq_is_zero(v + i));
    }
    _fmpq_vec_clear(v, 2 * B.size);
    for (int c = 0; c < 2; c++) {
        fmpq_mpoly_clear(F + c, R->ctx);
        fmpq_mpoly_clear(G + c, R->ctx);
    }
    monobasis_clear(&B);
    /* n = 0 */
    ck_assert_int_eq(monobasis_init(&B, 0, 3, err), POLY_OK);
    ck_assert_int_eq(B.size, 1);
    ck_assert_int_eq(monobasis_index(&B, NULL), 0);
    monobasis_clear(&B);
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

static Suite *poly_suite(void)
{
    Suite *s = suite_create("poly");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ring_refcount);
    tcase_add_test(tc, test_print_formats);
    tcase_add_test(tc, test_print_names);
    tcase_add_test(tc, test_print_roundtrip);
    tcase_add_test(tc, test_arith_and_pow);
    tcase_add_test(tc, test_division);
    tcase_add_test(tc, test_queries_diff_subs);
    tcase_add_test(tc, test_eval);
    tcase_add_test(tc, test_monobasis_order);
    tcase_add_test(tc, test_monobasis_coeffs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(poly_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup_master();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
