/* test_lie_bundles.c — the sign convention of the Lie derivative on every
 * bundle kind (lie(xi, F) = b F - DF v; issue 4), driven through the interpreter:
 * the homomorphism property lie([a, b], F) = lie(a, lie(b, F)) -
 * lie(b, lie(a, F)) for random a, b in gl(3) and random polynomial
 * sections of scalars, fields, forms, tensors(G, 0, 2), tensors(G, 1, 1)
 * and sections(G, std * std), sections(G, adjoint); the Leibniz rule; lie as
 * the first-order term of act(I + t xi, F); and cases T6, T6b, T7,
 * T31, T35.  Random inputs use a fixed seed and are printed on failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <flint/flint.h>
#include "interp.h"
#include "print.h"
#include "repl.h"
#include "base/strbuf.h"

#include "session.h"

/* The bundle kinds over gl(3) with their fiber dimension. */
static const struct {
    const char *expr;
    slong k;
} BUNDLES[] = {
    {"scalars(G)", 1},
    {"fields(G)", 3},
    {"forms(G)", 3},
    {"tensors(G, 0, 2)", 9},
    {"tensors(G, 1, 1)", 9},
    {"sections(G, std(G) * std(G))", 9},
    {"sections(G, adjoint(G))", 9},
};
#define NBUNDLES ((int)(sizeof BUNDLES / sizeof *BUNDLES))

static void random_setup(const char *what, slong k, slong d)
{
    StrBuf sb = STRBUF_INIT;
    sb_puts(&sb, "a = ");
    rand_matrix(&sb, 3, 2);
    sb_puts(&sb, "\nb = ");
    rand_matrix(&sb, 3, 2);
    sb_puts(&sb, "\nF = ");
    if (k == 1)
        rand_poly(&sb, 3, d, 5);
    else
        rand_column(&sb, k, 3, d, 3);
    sb_printf(&sb, "\nE = %s\n", what);
    char *src = sb_take(&sb);
    exec(src);
    free(src);
}

/* The current a, b, F, E as text for failure messages (caller frees). */
static char *current_inputs(void)
{
    Value *v = run("[a, b, F]");
    char *s = show(v);
    val_unref(v);
    return s;
}

START_TEST(test_homomorphism_all_bundles)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y, z\nG = gl(3)");
    for (int e = 0; e < NBUNDLES; e++)
        for (int trial = 0; trial < 6; trial++) {
            random_setup(BUNDLES[e].expr, BUNDLES[e].k, 3);
            char *in = current_inputs();
            char *ctx = fmt("bundle %s, [a, b, F] = %s", BUNDLES[e].expr, in);
            expect_true("lie(bracket(a, b), F, E) == "
                        "lie(a, lie(b, F, E), E) - lie(b, lie(a, F, E), E)",
                        ctx);
            /* bilinearity in xi */
            expect_true("lie(2*a - 3*b, F, E) == 2*lie(a, F, E) - 3*lie(b, F, E)", ctx);
            free(ctx);
            free(in);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_default_bundles)
{
    /* without E: polynomials are scalars, columns of n polynomials are
       vector fields (the tangent bundle) */
    session_open();
    flint_randinit(rnd);
    exec("coords x, y, z\nG = gl(3)");
    for (int trial = 0; trial < 8; trial++) {
        random_setup("scalars(G)", 1, 3);
        expect_true("lie(a, F) == lie(a, F, scalars(G))", "");
        random_setup("fields(G)", 3, 3);
        char *in = current_inputs();
        char *ctx = fmt("[a, b, F] = %s", in);
        expect_true("lie(a, F) == lie(a, F, fields(G))", ctx);
        /* vector fields: lie(xi, F) = -bracket(v_xi, F) = -(DF v - Dv F) */
        expect_true("lie(a, F) == -bracket(a * [x; y; z], F)", ctx);
        expect_true("lie(bracket(a, b), F) == lie(a, lie(b, F)) - lie(b, lie(a, F))", ctx);
        free(ctx);
        free(in);
    }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_leibniz)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y, z\nG = gl(3)");
    for (int trial = 0; trial < 10; trial++) {
        StrBuf sb = STRBUF_INIT;
        sb_puts(&sb, "a = ");
        rand_matrix(&sb, 3, 3);
        sb_puts(&sb, "\nf = ");
        rand_poly(&sb, 3, 2, 4);
        sb_puts(&sb, "\nF = ");
        rand_column(&sb, 3, 3, 2, 3);
        sb_puts(&sb, "\nH = ");
        rand_column(&sb, 9, 3, 1, 2);
        char *src = sb_take(&sb);
        exec(src);
        const char *kinds[] = {"fields(G)", "forms(G)"};
        for (int i = 0; i < 2; i++) {
            char *chk = fmt("lie(a, f*F, %s) == lie(a, f)*F + f*lie(a, F, %s)", kinds[i], kinds[i]);
            expect_true(chk, src);
            free(chk);
        }
        for (int e = 3; e < NBUNDLES; e++) {
            char *chk =
                fmt("E = %s\nlie(a, f*H, E) == lie(a, f)*H + f*lie(a, H, E)", BUNDLES[e].expr);
            expect_true(chk, src);
            free(chk);
        }
        /* scalars: an ordinary derivation */
        expect_true("lie(a, f*f) == 2*f*lie(a, f)", src);
        free(src);
    }
    flint_randclear(rnd);
    session_close();
}
END_TEST

/* lie(xi, F) is the derivative of act(exp(t xi), F) at t = 0: with the
   exact first-order element h = I + t xi, (act(h, F) - F)/t - lie(xi, F) is
   O(t), and the Richardson combination with t/2 is O(t^2).  Checked at a
   rational point, every component, for t = 1/1000. */
START_TEST(test_first_order_act)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y, z\nG = gl(3)\nt = 1/1000\np = [1/2, -1, 3/4]\n"
         "D(h, F, E) = (act(eye(3) + h*a, F, E) - F)/h\n"
         "small(v, tol) = trace(transpose(v) * v) <= tol^2\n"
         "small1(v, tol) = abs(v) <= tol\n"
         "is_zero(F) = F == 0*F\n");
    for (int e = 0; e < NBUNDLES; e++)
        for (int trial = 0; trial < 3; trial++) {
            random_setup(BUNDLES[e].expr, BUNDLES[e].k, 2);
            char *in = current_inputs();
            char *ctx = fmt("bundle %s, [a, b, F] = %s", BUNDLES[e].expr, in);
            exec("L = lie(a, F, E)\nd1 = eval(D(t, F, E) - L, p)\n"
                 "d2 = eval(2*D(t/2, F, E) - D(t, F, E) - L, p)\nl0 = eval(L, p)");
            /* O(t) with a generous constant, and O(t^2) after Richardson */
            const char *sm = BUNDLES[e].k == 1 ? "small1" : "small";
            char *c1 = fmt("%s(d1, 1000*t)", sm);
            char *c2 = fmt("%s(d2, 1000*t^2)", sm);
            /* the opposite sign is far off whenever lie is not small */
            char *c3 = fmt("%s(l0, 1/10) or not %s(eval(D(t, F, E) + L, p), 1/10)", sm, sm);
            expect_true(c1, ctx);
            expect_true(c2, ctx);
            expect_true(c3, ctx);
            free(c1);
            free(c2);
            free(c3);
            free(ctx);
            free(in);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_rotation_exact)
{
    /* the exact rotation R = [3/5, -4/5; 4/5, 3/5] = exp(theta J), theta =
       atan2(4, 5/3...): act(R, F) agrees with the float flow of lie: along
       s -> act(R_s, F) the derivative is lie(J, act(R_s, F)); check that
       act(R, act(R^-1, F)) = F and that act commutes with lie(J, .)
       (K_g L_xi K_g^-1 = L_{Ad_g xi} with Ad_R J = J). */
    session_open();
    flint_randinit(rnd);
    exec("coords x, y\nJ = [0, -1; 1, 0]\nR = [3/5, -4/5; 4/5, 3/5]");
    for (int trial = 0; trial < 8; trial++) {
        StrBuf sb = STRBUF_INIT;
        sb_puts(&sb, "F = ");
        rand_column(&sb, 2, 2, 3, 4);
        sb_puts(&sb, "\nf = ");
        rand_poly(&sb, 2, 3, 5);
        char *src = sb_take(&sb);
        exec(src);
        expect_true("act(R, act(inv(R), F)) == F", src);
        expect_true("act(R, lie(J, F)) == lie(J, act(R, F))", src);
        expect_true("act(R, lie(J, f)) == lie(J, act(R, f))", src);
        /* a general xi: K_g L_xi K_g^-1 = L_{g xi g^-1} */
        exec("a = [1, 2; -1, 3]");
        expect_true("act(R, lie(a, act(inv(R), F))) == lie(R*a*inv(R), F)", src);
        expect_true("act(R, lie(a, act(inv(R), f))) == lie(R*a*inv(R), f)", src);
        free(src);
    }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_paper_values)
{
    session_open();
    exec("coords x, y, z\nL = so(3)");
    /* T6 */
    expect_true("bracket(L[1], L[2]) == L[3]", "T6");
    expect_true("bracket(L[2], L[3]) == L[1]", "T6");
    expect_true("bracket(L[3], L[1]) == L[2]", "T6");
    /* T6b: [X_A, X_B] = X_{-[A, B]} */
    expect_str("bracket(L[1] * [x; y; z], L[2] * [x; y; z])", "[y; -x; 0]");
    expect_true("bracket(L[1] * [x; y; z], L[2] * [x; y; z]) == -L[3] * [x; y; z]", "T6b");
    /* T31 */
    exec("F = x^3*y + 2*y*z^2 + x\nA = L[1]\nB = L[2]");
    expect_true("lie(bracket(A, B), F) == lie(A, lie(B, F)) - lie(B, lie(A, F))", "T31");
    expect_true("lie(bracket(A, B), F) != lie(B, lie(A, F)) - lie(A, lie(B, F))", "T31");
    /* T7 */
    exec("coords x, y");
    expect_str("bracket([-y; x], [x; y])", "[0; 0]");
    expect_str("bracket([1; 0], [0; x])", "[0; 1]");
    expect_str("bracket([x; 0], [x^2; 0])", "[x^2; 0]");
    expect_str("bracket([1; 0], [x^2; 0])", "[2*x; 0]");
    /* T35 with Sym's sign: lie(J, F) = -DF J x (the derivation X_J with
       the opposite sign) */
    exec("J = [0, -1; 1, 0]");
    expect_str("map(m -> lie(J, m), [1, x, y, x^2, x*y, y^2])",
               "[0, y, -x, 2*x*y, -x^2 + y^2, -2*x*y]");
    expect_str("lie(J, x^3*y)", "-x^4 + 3*x^2*y^2");
    expect_str("lie(J, x^2 + y^2)", "0");
    /* the geometric derivative along X = -v: lie(X, F) = -lie(J, F) */
    expect_true("lie([-y; x], x^3*y) == -lie(J, x^3*y)", "");
    /* T24: W J - J W for the layer W = diag(1, 0) */
    expect_str("[1, 0; 0, 0] * J - J * [1, 0; 0, 0]", "[0, -1; -1, 0]");
    session_close();
}
END_TEST

START_TEST(test_invariant_tensors)
{
    /* the identity in tensors(G, 1, 1) is gl(3)-invariant; the metric in
       tensors(G, 0, 2) is so(3)-invariant but not gl(3)-invariant; the
       volume form (0,2 part) of R^2 is sl(2)-invariant */
    session_open();
    /* (a column of zero polynomials is not == to the rational zero
       column: compare with 0*F, of the same kind) */
    exec("coords x, y, z\nG = gl(3)\nid = [1; 0; 0; 0; 1; 0; 0; 0; 1]\n"
         "is_zero(F) = F == 0*F");
    for (int i = 1; i <= 9; i++) {
        char *s = fmt("is_zero(lie(G[%d], id, tensors(G, 1, 1)))", i);
        expect_true(s, "");
        free(s);
    }
    for (int i = 1; i <= 3; i++) {
        char *s = fmt("is_zero(lie(so(3)[%d], id, tensors(so(3), 0, 2)))", i);
        expect_true(s, "");
        free(s);
    }
    expect_true("not is_zero(lie(G[1], id, tensors(G, 0, 2)))", "");
    exec("coords x, y\nw = [0; 1; -1; 0]");
    for (int i = 1; i <= 3; i++) {
        char *s = fmt("is_zero(lie(sl(2)[%d], w, tensors(sl(2), 0, 2)))", i);
        expect_true(s, "");
        free(s);
    }
    session_close();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lie_bundles");
    TCase *tc = tcase_create("convention");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_paper_values);
    tcase_add_test(tc, test_homomorphism_all_bundles);
    tcase_add_test(tc, test_default_bundles);
    tcase_add_test(tc, test_leibniz);
    tcase_add_test(tc, test_first_order_act);
    tcase_add_test(tc, test_rotation_exact);
    tcase_add_test(tc, test_invariant_tensors);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
