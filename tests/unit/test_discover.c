/* test_discover.c — discover (runtime/discover.c) against a direct exact
 * nullspace, driven through the interpreter: for random polynomials F and
 * candidate algebras (gl(n), sl(n), so(n), aff(n)) every returned basis
 * element xi satisfies lie(xi, F) = 0, the basis is independent, and its
 * dimension equals the nullity of the matrix [coeffs(lie(g_j, F))]_j built
 * here from every basis element of the candidate algebra; the closed flag
 * agrees with a direct bracket check (matrix algebras and the non-closed
 * candidate space of vector fields of degree <= d); cases T5, T5',
 * T5'', T5b, T19.  Random inputs use a fixed seed, printed on failure. */
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

/* Rows of M (r x m*m) = the flattened exact matrices of the list value L. */
static void flatten_list(fmpq_mat_t M, const Value *L, slong m)
{
    ck_assert_int_eq(L->kind, VAL_LIST);
    slong r = L->u.list.n;
    fmpq_mat_clear(M);
    fmpq_mat_init(M, r, m * m);
    for (slong i = 0; i < r; i++) {
        const Value *A = L->u.list.items[i];
        ck_assert(A->kind == VAL_MAT && fmpq_mat_nrows(A->u.m) == m && fmpq_mat_ncols(A->u.m) == m);
        for (slong a = 0; a < m; a++)
            for (slong b = 0; b < m; b++)
                fmpq_set(fmpq_mat_entry(M, i, a * m + b), fmpq_mat_entry(A->u.m, a, b));
    }
}

static slong mat_rank(const fmpq_mat_t M)
{
    if (fmpq_mat_nrows(M) == 0 || fmpq_mat_ncols(M) == 0)
        return 0;
    fmpq_mat_t R;
    fmpq_mat_init(R, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    slong r = fmpq_mat_rref(R, M);
    fmpq_mat_clear(R);
    return r;
}

/* 1 if the span of the flattened m x m matrices (rows of B) is closed
   under [A, C] = AC - CA, by direct computation. */
static int closed_direct(const fmpq_mat_t B, slong m)
{
    slong r = fmpq_mat_nrows(B), base = mat_rank(B);
    fmpq_mat_t A, C, P, Q, S;
    fmpq_mat_init(A, m, m);
    fmpq_mat_init(C, m, m);
    fmpq_mat_init(P, m, m);
    fmpq_mat_init(Q, m, m);
    fmpq_mat_init(S, r + 1, m * m);
    int closed = 1;
    for (slong i = 0; i < r && closed; i++)
        for (slong j = i + 1; j < r && closed; j++) {
            for (slong a = 0; a < m * m; a++) {
                fmpq_set(fmpq_mat_entry(A, a / m, a % m), fmpq_mat_entry(B, i, a));
                fmpq_set(fmpq_mat_entry(C, a / m, a % m), fmpq_mat_entry(B, j, a));
            }
            fmpq_mat_mul(P, A, C);
            fmpq_mat_mul(Q, C, A);
            fmpq_mat_sub(P, P, Q);
            for (slong k = 0; k < r; k++)
                for (slong a = 0; a < m * m; a++)
                    fmpq_set(fmpq_mat_entry(S, k, a), fmpq_mat_entry(B, k, a));
            for (slong a = 0; a < m * m; a++)
                fmpq_set(fmpq_mat_entry(S, r, a), fmpq_mat_entry(P, a / m, a % m));
            if (mat_rank(S) > base)
                closed = 0;
        }
    fmpq_mat_clear(A);
    fmpq_mat_clear(C);
    fmpq_mat_clear(P);
    fmpq_mat_clear(Q);
    fmpq_mat_clear(S);
    return closed;
}

/* Nullity of the exact matrix whose column j is coeffs(P, lie(g[j], F)). */
static slong brute_nullity(slong q)
{
    slong N = get_long("dim(P)");
    fmpq_mat_t M;
    fmpq_mat_init(M, N, q);
    for (slong j = 0; j < q; j++) {
        char *src = fmt("coeffs(P, lie(g[%ld], F))", (long)j + 1);
        Value *c = run(src);
        ck_assert_msg(c->kind == VAL_MAT && fmpq_mat_nrows(c->u.m) == N,
                      "input: %s: not a column of %ld", src, (long)N);
        for (slong r = 0; r < N; r++)
            fmpq_set(fmpq_mat_entry(M, r, j), fmpq_mat_entry(c->u.m, r, 0));
        val_unref(c);
        free(src);
    }
    slong nul = q - mat_rank(M);
    fmpq_mat_clear(M);
    return nul;
}

static const struct {
    const char *alg;
    int n; /* variables */
    int m; /* matrix size */
} CANDS[] = {
    {"gl(2)", 2, 2}, {"sl(2)", 2, 2}, {"aff(2)", 2, 3}, {"so(2)", 2, 2},
    {"gl(3)", 3, 3}, {"so(3)", 3, 3}, {"aff(3)", 3, 4}, {"sl(3)", 3, 3},
};
#define NCANDS ((int)(sizeof CANDS / sizeof *CANDS))

/* Random F of degree <= 3 built from invariant-rich pieces: a random
   polynomial in a few random quadratic/linear forms plus, sometimes, noise. */
static void random_F(StrBuf *sb, int n)
{
    static const char *pieces2[] = {"(x^2 + y^2)", "(x*y)",   "(x^2 - y^2)",   "x",
                                    "y",           "(x + y)", "(x^2 + 4*y^2)", "(2*x - y)"};
    static const char *pieces3[] = {"(x^2 + y^2 + z^2)", "(x^2 + y^2)", "z",          "x", "(x*y)",
                                    "(x + y + z)",       "(x*y - z^2)", "(y^2 + z^2)"};
    const char **pieces = n == 2 ? pieces2 : pieces3;
    sb_puts(sb, "F = 0");
    slong terms = rand_int(1, 3);
    for (slong t = 0; t < terms; t++) {
        sb_printf(sb, " + %ld*%s", (long)rand_int(1, 3), pieces[rand_int(0, 7)]);
        if (n_randint(rnd, 3) == 0)
            sb_printf(sb, "*%s", pieces[rand_int(3, 5)]);
    }
    if (n_randint(rnd, 4) == 0) {
        sb_puts(sb, " + ");
        rand_poly(sb, n, 3, 2);
    }
}

START_TEST(test_discover_random)
{
    session_open();
    flint_randinit(rnd);
    fmpq_mat_t B;
    fmpq_mat_init(B, 0, 0);
    for (int ci = 0; ci < NCANDS; ci++) {
        char *setup = fmt("coords %s\ng = %s\nP = polys(scalars(gl(%d)), 4)\n"
                          "is_zero(F) = F == 0*F",
                          CANDS[ci].n == 2 ? "x, y" : "x, y, z", CANDS[ci].alg, CANDS[ci].n);
        exec(setup);
        free(setup);
        slong q = get_long("dim(g)");
        for (int trial = 0; trial < 8; trial++) {
            StrBuf sb = STRBUF_INIT;
            random_F(&sb, CANDS[ci].n);
            char *src = sb_take(&sb);
            exec(src);
            exec("F = F + 0*x\nR = discover(F, g)");
            char *ctx = fmt("candidates %s, %s", CANDS[ci].alg, src);
            slong dim = get_long("R.dim");
            /* every basis element is a symmetry, and lies in g */
            for (slong i = 1; i <= dim; i++) {
                char *c = fmt("is_zero(lie(R.basis[%ld], F))", (long)i);
                expect_true(c, ctx);
                free(c);
            }
            Value *L = run("R.basis");
            ck_assert_msg(L->u.list.n == dim, "%s: %ld basis elements, dim %ld", ctx,
                          (long)L->u.list.n, (long)dim);
            flatten_list(B, L, CANDS[ci].m);
            val_unref(L);
            ck_assert_msg(mat_rank(B) == dim, "%s: basis is dependent", ctx);
            Value *G = run("basis(g)");
            fmpq_mat_t GB, S;
            fmpq_mat_init(GB, 0, 0);
            flatten_list(GB, G, CANDS[ci].m);
            val_unref(G);
            fmpq_mat_init(S, dim + q, CANDS[ci].m * CANDS[ci].m);
            for (slong i = 0; i < dim + q; i++)
                for (slong a = 0; a < CANDS[ci].m * CANDS[ci].m; a++)
                    fmpq_set(fmpq_mat_entry(S, i, a),
                             i < dim ? fmpq_mat_entry(B, i, a) : fmpq_mat_entry(GB, i - dim, a));
            ck_assert_msg(mat_rank(S) == q, "%s: basis leaves the candidate algebra", ctx);
            fmpq_mat_clear(S);
            fmpq_mat_clear(GB);
            /* maximality: the dimension is the nullity over every basis
               element of the candidate algebra */
            slong nul = brute_nullity(q);
            ck_assert_msg(nul == dim, "%s\ndiscover gives dimension %ld, direct nullspace %ld", ctx,
                          (long)dim, (long)nul);
            /* closed flag = direct bracket check (always closed here) */
            int closed = closed_direct(B, CANDS[ci].m);
            ck_assert_msg(closed, "%s: sym(F) not closed under the bracket", ctx);
            expect_true(closed ? "R.closed" : "not R.closed", ctx);
            /* canonical: the same printed result twice, and for 2F */
            Value *a = run("R"), *b = run("discover(F, g)"), *c2 = run("discover(-2*F, g)");
            char *sa = show(a), *sb2 = show(b), *sc = show(c2);
            ck_assert_msg(strcmp(sa, sb2) == 0 && strcmp(sa, sc) == 0,
                          "%s: not canonical:\n%s\n%s\n%s", ctx, sa, sb2, sc);
            free(sa);
            free(sb2);
            free(sc);
            val_unref(a);
            val_unref(b);
            val_unref(c2);
            free(ctx);
            free(src);
        }
    }
    fmpq_mat_clear(B);
    flint_randclear(rnd);
    session_close();
}
END_TEST

/* Candidate spaces of vector fields of degree <= d: the result is the
   kernel, and `closed` says whether every bracket stays of degree <= d. */
START_TEST(test_discover_fields_closed_flag)
{
    session_open();
    flint_randinit(rnd);
    exec("coords x, y\nis_zero(F) = F == 0*F");
    const char *Fs[] = {"x^2 + y^2", "x", "x*y", "y^2", "x^2 + 4*y^2", "x^3 - 3*x*y^2"};
    for (int fi = 0; fi < 6; fi++)
        for (int d = 0; d <= 2; d++) {
            char *src = fmt("F = %s + 0*x\nV = discover(F, d = %d)", Fs[fi], d);
            exec(src);
            slong dim = get_long("V.dim");
            /* the direct count: candidate fields m e_c of degree <= d */
            int closed = 1;
            for (slong i = 1; i <= dim; i++) {
                char *c = fmt("is_zero(lie(V.basis[%ld], F))", (long)i);
                expect_true(c, src);
                free(c);
                for (slong j = i + 1; j <= dim; j++) {
                    char *b = fmt("degree(bracket(V.basis[%ld], V.basis[%ld]))", (long)i, (long)j);
                    Value *v = run(b);
                    long deg = -1;
                    if (v->kind == VAL_RAT || v->kind == VAL_BOOL)
                        val_get_long(v, &deg);
                    if (deg > d)
                        closed = 0;
                    val_unref(v);
                    free(b);
                    /* the bracket always annihilates F */
                    b = fmt("is_zero(lie(bracket(V.basis[%ld], V.basis[%ld]), F))", (long)i,
                            (long)j);
                    expect_true(b, src);
                    free(b);
                }
            }
            expect_true(closed ? "V.closed" : "not V.closed", src);
            free(src);
        }
    flint_randclear(rnd);
    session_close();
}
END_TEST

START_TEST(test_paper_values)
{
    session_open();
    exec("coords x, y");
    /* T5, T5' */
    expect_str("discover(x^2 + y^2, gl(2)).basis", "[[0, -1; 1, 0]]");
    expect_str("discover(x^2 + y^2, aff(2)).dim", "1");
    expect_str("discover(x^2 - y^2, gl(2)).basis", "[[0, 1; 1, 0]]");
    expect_str("discover(x*y, gl(2)).basis", "[[-1, 0; 0, 1]]");
    expect_str("discover(x, gl(2)).basis", "[[0, 0; 1, 0], [0, 0; 0, 1]]");
    expect_str("discover(x^2/4 + y^2, gl(2)).basis", "[[0, -4; 1, 0]]");
    expect_str("map(f -> discover(f, aff(2)).dim, [x^2 - y^2, x*y, x, x^2/4 + y^2])",
               "[1, 1, 3, 1]");
    /* T5b */
    exec("V = discover(x^2 + y^2, d = 2)");
    expect_str("[V.dim, V.closed]", "[3, false]");
    expect_str("V.basis", "[[-y; x], [-x*y; x^2], [-y^2; x*y]]");
    /* T19: points on the circle, the ellipse, a line */
    expect_str("discover([1, 0; 0, 1; -1, 0; 3/5, 4/5; -4/5, 3/5; 5/13, -12/13; -8/17, "
               "-15/17], gl(2), d = 2).basis",
               "[[0, -1; 1, 0]]");
    expect_str("discover([2, 0; 0, 1; -6/5, 4/5; 8/5, -3/5; 0, -1; 10/13, 12/13], gl(2), "
               "d = 2).basis",
               "[[0, -4; 1, 0]]");
    expect_str("discover([0, 0; 1, 0; 2, 0; -1, 0; 1/2, 0], gl(2), d = 2).dim", "3");
    /* T5'' */
    exec("coords x, y, z");
    expect_str("discover(x^2 + y^2 + z^2, gl(3)).dim", "3");
    expect_str("discover(x^2 + y^2 + z^2, aff(3)).dim", "3");
    expect_str("discover(x^2 + y^2, gl(3)).dim", "4");
    expect_str("discover(x^2 + y^2, aff(3)).dim", "5");
    expect_str("discover(x^2 + y^2 + z^2, so(3)).closed", "true");
    expect_str("discover([1/3, 2/3, 2/3; 2/3, 1/3, -2/3; -2/3, 2/3, 1/3; 2/7, 3/7, 6/7; "
               "-6/7, 2/7, 3/7; 3/7, -6/7, 2/7; 1/9, 4/9, 8/9; 8/9, -1/9, 4/9; -4/9, -8/9, "
               "1/9; 1, 0, 0; 0, 0, -1; 2/11, -6/11, 9/11], gl(3), d = 2).dim",
               "3");
    session_close();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("discover");
    TCase *tc = tcase_create("discover");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_paper_values);
    tcase_add_test(tc, test_discover_random);
    tcase_add_test(tc, test_discover_fields_closed_flag);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
