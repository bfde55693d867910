/* test_model.c — enforce (runtime/model.c) against brute force, driven
 * through the interpreter: for random small model spaces (spans of random
 * polynomials or vector fields of degree <= 3 in x, y, and the full
 * polys(E, d)) the enforced basis satisfies lie(xi, F) = 0 for EVERY basis
 * element xi of the algebra and h.F = F for the discrete generators, its
 * dimension equals the nullity of the exact constraint matrix assembled
 * here from coeffs(P, lie(xi_j, V_i)) over all basis elements; canonical
 * form is stable; model/coeffs round trip; cases T1, T2, T25, T9.
 * Random inputs use a fixed seed and are printed on failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <flint/flint.h>
#include <flint/fmpq_mat.h>
#include "interp.h"
#include "print.h"
#include "repl.h"
#include "base/strbuf.h"

#include "session.h"

static long get_long(const char *src)
{
    Value *v = run(src);
    long out = 0;
    ck_assert_msg(val_get_long(v, &out), "input: %s: not an integer", src);
    val_unref(v);
    return out;
}

/* Candidate symmetry groups on R^2: the algebra (its basis is g[1..q]),
   the discrete generators (Sym list), the group expression. */
static const struct {
    const char *alg;
    const char *disc; /* "[]" when none */
} GROUPS[] = {
    {"so(2)", "[]"},
    {"so(2)", "[[1, 0; 0, -1]]"},
    {"algebra([[1, 0; 0, -1]])", "[]"},
    {"algebra([[1, 0; 0, -2]])", "[]"},
    {"sl(2)", "[]"},
    {"gl(2)", "[]"},
    {"algebra([[0, 0; 1, 0]])", "[[1, 0; 0, -1]]"},
    {"so(2)", "[-eye(2)]"},
    {"S(2)", "[[0, 1; 1, 0]]"}, /* finite: no algebra */
};
#define NGRP ((int)(sizeof GROUPS / sizeof *GROUPS))

/* Nullity of the exact constraint matrix of V (basis V[1..dim]) inside P:
   rows coeffs(P, lie(g[j], V[i], E)) for every basis element g[j], and
   coeffs(P, act(h, V[i], E) - V[i]) for each discrete h. */
static slong brute_nullity(slong q, slong ndisc, slong dimV, slong N)
{
    slong rows = (q + ndisc) * N;
    fmpq_mat_t M, R;
    fmpq_mat_init(M, rows > 0 ? rows : 1, dimV);
    for (slong i = 0; i < dimV; i++) {
        for (slong j = 0; j < q + ndisc; j++) {
            char *src = j < q ? fmt("coeffs(P, lie(g[%ld], V[%ld], E))", (long)j + 1, (long)i + 1)
                              : fmt("coeffs(P, act(H[%ld], V[%ld], E) - V[%ld])", (long)(j - q) + 1,
                                    (long)i + 1, (long)i + 1);
            Value *c = run(src);
            ck_assert_msg(c->kind == VAL_MAT && fmpq_mat_nrows(c->u.m) == N &&
                              fmpq_mat_ncols(c->u.m) == 1,
                          "input: %s: not a column of %ld", src, (long)N);
            for (slong r = 0; r < N; r++)
                fmpq_set(fmpq_mat_entry(M, j * N + r, i), fmpq_mat_entry(c->u.m, r, 0));
            val_unref(c);
            free(src);
        }
    }
    fmpq_mat_init(R, fmpq_mat_nrows(M), dimV);
    slong rank = fmpq_mat_rref(R, M);
    fmpq_mat_clear(R);
    fmpq_mat_clear(M);
    return dimV - rank;
}

/* The current setting as text (caller frees). */
static char *describe(void)
{
    Value *v = run("[basis(V), gname, H]");
    char *s = show(v);
    val_unref(v);
    return s;
}

static void check_enforced(int gi, slong dimV_expected)
{
    slong q = get_long("dim(G)");
    slong nd = get_long("length(H)");
    slong N = get_long("dim(P)");
    slong dimV = get_long("dim(V)");
    if (dimV_expected >= 0)
        ck_assert_int_eq(dimV, dimV_expected);
    exec("Sv = enforce(V, G)");
    slong dimS = get_long("dim(Sv)");
    char *in = describe();
    char *ctx = fmt("group %s with %s; [basis(V), g, H] = %s", GROUPS[gi].alg, GROUPS[gi].disc, in);
    /* every basis model is symmetric under every basis element */
    for (slong s = 1; s <= dimS; s++) {
        for (slong j = 1; j <= q; j++) {
            char *chk = fmt("is_zero(lie(g[%ld], Sv[%ld], E))", (long)j, (long)s);
            expect_true(chk, ctx);
            free(chk);
        }
        for (slong j = 1; j <= nd; j++) {
            char *chk = fmt("act(H[%ld], Sv[%ld], E) == Sv[%ld]", (long)j, (long)s, (long)s);
            expect_true(chk, ctx);
            free(chk);
        }
        /* and lies in V */
        char *chk = fmt("length(coeffs(V, Sv[%ld])) == dim(V)", (long)s);
        expect_true(chk, ctx);
        free(chk);
    }
    /* the dimension is the brute-force nullity (maximality) */
    slong nul = brute_nullity(q, nd, dimV, N);
    ck_assert_msg(dimS == nul, "%s\nenforce gives dimension %ld, brute force %ld", ctx, (long)dimS,
                  (long)nul);
    /* canonical form: stable, and re-enforcing changes nothing */
    Value *a = run("basis(Sv)"), *b = run("basis(enforce(V, G))"),
          *c = run("basis(enforce(Sv, G))");
    char *sa = show(a), *sb = show(b), *sc = show(c);
    ck_assert_msg(strcmp(sa, sb) == 0, "%s\nenforce twice: %s vs %s", ctx, sa, sb);
    ck_assert_msg(strcmp(sa, sc) == 0, "%s\nre-enforce: %s vs %s", ctx, sa, sc);
    free(sa);
    free(sb);
    free(sc);
    val_unref(a);
    val_unref(b);
    val_unref(c);
    /* round trip model(Sv, coeffs(Sv, F)) = F for a random combination */
    if (dimS > 0) {
        StrBuf cb = STRBUF_INIT;
        sb_puts(&cb, "c = [");
        StrBuf lit = STRBUF_INIT;
        for (slong s = 0; s < dimS; s++) {
            long nu = (long)rand_int(-5, 5), de = (long)rand_int(1, 3);
            sb_printf(&cb, "%s%ld/%ld", s ? ", " : "", nu, de);
            sb_printf(&lit, "%s%ld/%ld", s ? "; " : "", nu, de);
        }
        char *l = sb_take(&lit);
        sb_printf(&cb, "]\nF = model(Sv, c)\ncm = [%s;]", l);
        free(l);
        char *src = sb_take(&cb);
        exec(src);
        expect_true("coeffs(Sv, F) == cm", ctx);
        expect_true("model(Sv, coeffs(Sv, F)) == F", ctx);
        expect_true("model(V, coeffs(V, F)) == F", ctx);
        free(src);
    }
    free(ctx);
    free(in);
}

static void set_group(int gi)
{
    int finite = strcmp(GROUPS[gi].alg, "S(2)") == 0;
    char *src = fmt("g = %s\nH = %s\nG = %s\ngname = \"%s\"", GROUPS[gi].alg, GROUPS[gi].disc,
                    finite ? "S(2)" : "group(g, H)", GROUPS[gi].alg);
    exec(src);
    free(src);
}

START_TEST(test_enforce_random_spans)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y\nis_zero(F) = F == 0*F");
    for (int gi = 0; gi < NGRP; gi++) {
        set_group(gi);
        for (int trial = 0; trial < 4; trial++) {
            int fields = trial & 1;
            slong m = rand_int(2, 6);
            StrBuf sb = STRBUF_INIT;
            sb_printf(&sb, "E = %s(G)\nP = polys(E, 3)\nV = span([", fields ? "fields" : "scalars");
            for (slong i = 0; i < m; i++) {
                if (i)
                    sb_puts(&sb, ", ");
                /* mix in known symmetric pieces so enforce is not trivial */
                if (fields) {
                    rand_column(&sb, 2, 2, 3, 3);
                    sb_printf(&sb, " + %ld*[x; y]", (long)rand_int(0, 2));
                } else {
                    rand_poly(&sb, 2, 3, 4);
                    sb_printf(&sb, " + %ld*(x^2 + y^2) + %ld*x*y + %ld", (long)rand_int(0, 2),
                              (long)rand_int(0, 2), (long)rand_int(0, 2));
                }
            }
            sb_puts(&sb, "])");
            char *src = sb_take(&sb);
            exec(src);
            check_enforced(gi, -1);
            free(src);
        }
    }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_enforce_full_spaces)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y\nis_zero(F) = F == 0*F");
    for (int gi = 0; gi < NGRP; gi++) {
        set_group(gi);
        for (slong d = 0; d <= 3; d++) {
            char *src = fmt("E = scalars(G)\nP = polys(E, %ld)\nV = P", (long)d);
            exec(src);
            free(src);
            check_enforced(gi, (d + 1) * (d + 2) / 2);
            src = fmt("E = fields(G)\nP = polys(E, %ld)\nV = P", (long)d);
            exec(src);
            free(src);
            check_enforced(gi, (d + 1) * (d + 2));
        }
    }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_paper_counts)
{
    session_open();
    exec("coords x, y\ng = so(2)");
    /* T1, T2, T25 */
    expect_str("map(d -> dim(enforce(polys(scalars(g), d), g)), 0:6)", "[1, 1, 2, 2, 3, 3, 4]");
    expect_str("map(d -> dim(polys(scalars(g), d)), 0:6)", "[1, 3, 6, 10, 15, 21, 28]");
    expect_str("map(d -> dim(enforce(polys(fields(g), d), g)), 0:5)", "[0, 2, 2, 4, 4, 6]");
    expect_str("map(d -> dim(enforce(polys(fields(O(2)), d), O(2))), 0:5)", "[0, 1, 1, 2, 2, 3]");
    expect_str("dim(enforce(polys(scalars(O(2)), 4), O(2)))", "3");
    /* T3, T4 */
    exec("coords x, y, z");
    expect_str("map(d -> dim(enforce(polys(scalars(so(3)), d), so(3))), 0:4)", "[1, 1, 2, 2, 3]");
    expect_str("map(d -> dim(enforce(polys(fields(so(3)), d), so(3))), 0:3)", "[0, 1, 1, 2]");
    /* T9, T10, T11: layers */
    exec("coords x, y");
    expect_str("dim(enforce(layers(std(g), std(g)), g))", "2");
    expect_str("basis(enforce(layers(std(g), trivial(g)), g))", "[layer(W = [0, 0;], b = [1;])]");
    expect_str("dim(enforce(layers(std(so(3)), std(so(3))), so(3)))", "1");
    expect_str("dim(enforce(layers(std(so(3)), std(so(3)), false), so(3)))", "1");
    expect_str("dim(enforce(layers(std(S(4)), std(S(4))), S(4)))", "3");
    expect_str("map(n -> dim(enforce(layers(std(S(n)), std(S(n)), false), S(n))), 3:5)",
               "[2, 2, 2]");
    expect_str("map(n -> dim(enforce(layers(std(S(n)), trivial(S(n)), false), S(n))), 3:5)",
               "[1, 1, 1]");
    expect_str("map(n -> dim(enforce(layers(std(Z(n)), std(Z(n)), false), Z(n))), [4, 6])",
               "[4, 6]");
    /* T1 basis in canonical form, as DESIGN §1 shows it */
    expect_str("basis(enforce(polys(scalars(g), 4), g))", "[1, x^2 + y^2, x^4 + 2*x^2*y^2 + y^4]");
    session_close();
}
END_TEST

/* A user algebra of 2x2 matrices whose last row is zero, e.g.
   algebra([[0, 1; 0, 0]]), acts linearly on R^2 (affine only when asked
   with affine = true): the invariants of degree <= 2 are 1, y, y^2. */
START_TEST(test_nilpotent_not_affine)
{
    session_open();
    exec("coords x, y\ng = algebra([[0, 1; 0, 0]])");
    expect_str("lie(g[1], x^2 + x*y)", "-2*x*y - y^2");
    expect_str("basis(enforce(polys(scalars(g), 2), g))", "[1, y, y^2]");
    expect_str("dim(enforce(polys(scalars(group(g, [[-1, 0; 0, 1]])), 2), "
               "group(g, [[-1, 0; 0, 1]])))",
               "3");
    session_close();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("enforce");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_paper_counts);
    tcase_add_test(tc, test_enforce_full_spaces);
    tcase_add_test(tc, test_enforce_random_spans);
    tcase_add_test(tc, test_nilpotent_not_affine);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
