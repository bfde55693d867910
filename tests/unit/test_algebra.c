/* test_algebra.c — Check tests for runtime/lie/algebra.*: standard bases,
 * brackets (PAPER T6), Killing forms, center / derived / centralizer /
 * normalizer / sum / intersection, closure checks, and randomized property
 * tests (fixed seed). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "lie/algebra.h"

/* m (r x c, resized) from integer entries, row-major. */
static void mat_ints(fmpq_mat_t m, slong r, slong c, const slong *v)
{
    slong i, j;
    fmpq_mat_clear(m);
    fmpq_mat_init(m, r, c);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            fmpq_set_si(fmpq_mat_entry(m, i, j), v[i * c + j], 1);
}

static void print_mat(const char *label, const fmpq_mat_t m)
{
    printf("%s = ", label);
    fmpq_mat_print(m);
}

/* Every pair of basis elements brackets into the algebra. */
static int is_closed(const MatAlgebra *g)
{
    slong i, j;
    int ok = 1;
    fmpq_mat_t c;
    fmpq_mat_init(c, g->n, g->n);
    for (i = 0; i < g->dim && ok; i++)
        for (j = i + 1; j < g->dim && ok; j++) {
            algebra_bracket(c, g->basis + i, g->basis + j, NULL);
            if (!algebra_is_member(g, c)) {
                printf("%s not closed at %ld, %ld\n", g->name, (long)i, (long)j);
                ok = 0;
            }
        }
    fmpq_mat_clear(c);
    return ok;
}

/* Two algebras span the same subspace. */
static int same_span(const MatAlgebra *a, const MatAlgebra *b)
{
    return a->n == b->n && a->dim == b->dim && algebra_is_subalgebra(a, b);
}

typedef int (*init1_fn)(MatAlgebra *, slong, char *);

START_TEST(test_dimensions)
{
    slong n;
    char err[ALG_ERR_LEN];
    struct {
        init1_fn f;
        const char *name;
        slong lo, hi;
    } T[] = {{algebra_init_gl, "gl", 1, 6}, {algebra_init_sl, "sl", 1, 6},
             {algebra_init_so, "so", 1, 7}, {algebra_init_t, "t", 1, 5},
             {algebra_init_se, "se", 1, 5}, {algebra_init_aff, "aff", 1, 4}};
    size_t k;
    for (k = 0; k < sizeof T / sizeof T[0]; k++)
        for (n = T[k].lo; n <= T[k].hi; n++) {
            MatAlgebra g;
            slong want = 0;
            ck_assert_int_eq(T[k].f(&g, n, err), ALG_OK);
            switch (k) {
            case 0:
                want = n * n;
                break;
            case 1:
                want = n * n - 1;
                break;
            case 2:
                want = n * (n - 1) / 2;
                break;
            case 3:
                want = n;
                break;
            case 4:
                want = n * (n + 1) / 2;
                break;
            case 5:
                want = n * (n + 1);
                break;
            }
            if (g.dim != want)
                printf("%s(%ld): dim %ld, expected %ld\n", T[k].name, (long)n, (long)g.dim,
                       (long)want);
            ck_assert_int_eq(g.dim, want);
            ck_assert(is_closed(&g));
            ck_assert_int_eq(g.affine, k >= 3);
            algebra_clear(&g);
        }
    for (n = 1; n <= 3; n++) {
        MatAlgebra g;
        ck_assert_int_eq(algebra_init_sp(&g, 2 * n, err), ALG_OK);
        ck_assert_int_eq(g.dim, n * (2 * n + 1));
        ck_assert(is_closed(&g));
        algebra_clear(&g);
    }
    {
        MatAlgebra g;
        slong p, q;
        for (p = 0; p <= 3; p++)
            for (q = 0; q <= 3; q++) {
                if (p + q == 0)
                    continue;
                ck_assert_int_eq(algebra_init_so_pq(&g, p, q, err), ALG_OK);
                ck_assert_int_eq(g.dim, (p + q) * (p + q - 1) / 2);
                ck_assert(is_closed(&g));
                algebra_clear(&g);
            }
    }
}
END_TEST

START_TEST(test_so_pq_definition)
{
    /* every basis element of so(p, q) satisfies A^T eta + eta A = 0, and
       sp(2m) satisfies A^T Omega + Omega A = 0 */
    slong p, q, i, j, n;
    char err[ALG_ERR_LEN];
    for (p = 0; p <= 3; p++)
        for (q = 0; q <= 3; q++) {
            MatAlgebra g;
            fmpq_mat_t eta, t, u, w;
            n = p + q;
            if (n == 0)
                continue;
            algebra_init_so_pq(&g, p, q, err);
            fmpq_mat_init(eta, n, n);
            fmpq_mat_init(t, n, n);
            fmpq_mat_init(u, n, n);
            fmpq_mat_init(w, n, n);
            for (j = 0; j < n; j++)
                fmpq_set_si(fmpq_mat_entry(eta, j, j), j < p ? -1 : 1, 1);
            for (i = 0; i < g.dim; i++) {
                fmpq_mat_transpose(w, g.basis + i);
                fmpq_mat_mul(t, w, eta);
                fmpq_mat_mul(u, eta, g.basis + i);
                fmpq_mat_add(t, t, u);
                ck_assert(fmpq_mat_is_zero(t));
            }
            fmpq_mat_clear(eta);
            fmpq_mat_clear(t);
            fmpq_mat_clear(u);
            fmpq_mat_clear(w);
            algebra_clear(&g);
        }
    for (n = 2; n <= 6; n += 2) {
        MatAlgebra g;
        fmpq_mat_t om, t, u, w;
        slong m = n / 2;
        algebra_init_sp(&g, n, err);
        fmpq_mat_init(om, n, n);
        fmpq_mat_init(t, n, n);
        fmpq_mat_init(u, n, n);
        fmpq_mat_init(w, n, n);
        for (j = 0; j < m; j++) {
            fmpq_one(fmpq_mat_entry(om, j, m + j));
            fmpq_set_si(fmpq_mat_entry(om, m + j, j), -1, 1);
        }
        for (i = 0; i < g.dim; i++) {
            fmpq_mat_transpose(w, g.basis + i);
            fmpq_mat_mul(t, w, om);
            fmpq_mat_mul(u, om, g.basis + i);
            fmpq_mat_add(t, t, u);
            ck_assert(fmpq_mat_is_zero(t));
        }
        fmpq_mat_clear(om);
        fmpq_mat_clear(t);
        fmpq_mat_clear(u);
        fmpq_mat_clear(w);
        algebra_clear(&g);
    }
}
END_TEST

START_TEST(test_so3_brackets)
{
    /* PAPER §1.1 and T6 */
    static const slong Lx[] = {0, 0, 0, 0, 0, -1, 0, 1, 0};
    static const slong Ly[] = {0, 0, 1, 0, 0, 0, -1, 0, 0};
    static const slong Lz[] = {0, -1, 0, 1, 0, 0, 0, 0, 0};
    static const slong J[] = {0, -1, 1, 0};
    const slong *L[3] = {Lx, Ly, Lz};
    MatAlgebra g, s2;
    fmpq_mat_t m, c;
    slong i;
    char err[ALG_ERR_LEN];
    ck_assert_int_eq(algebra_init_so(&g, 3, err), ALG_OK);
    fmpq_mat_init(m, 3, 3);
    fmpq_mat_init(c, 3, 3);
    for (i = 0; i < 3; i++) {
        mat_ints(m, 3, 3, L[i]);
        ck_assert(fmpq_mat_equal(m, g.basis + i));
    }
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(algebra_bracket(c, g.basis + i, g.basis + (i + 1) % 3, err), ALG_OK);
        if (!fmpq_mat_equal(c, g.basis + (i + 2) % 3)) {
            print_mat("bracket", c);
            ck_abort_msg("so(3) bracket %ld wrong", (long)i);
        }
    }
    algebra_init_so(&s2, 2, err);
    mat_ints(m, 2, 2, J);
    ck_assert_int_eq(s2.dim, 1);
    ck_assert(fmpq_mat_equal(m, s2.basis + 0));
    /* Lorentz: rotations then boosts, [K_x, K_y] = -L_z */
    {
        MatAlgebra lo;
        algebra_init_so_pq(&lo, 1, 3, err);
        ck_assert_int_eq(lo.dim, 6);
        ck_assert(fmpq_is_one(fmpq_mat_entry(lo.basis + 3, 0, 1)));
        ck_assert(fmpq_is_one(fmpq_mat_entry(lo.basis + 3, 1, 0)));
        ck_assert(fmpq_is_one(fmpq_mat_entry(lo.basis + 0, 3, 2)));
        algebra_bracket(c, lo.basis + 3, lo.basis + 4, err);
        fmpq_mat_neg(c, c);
        fmpq_mat_clear(m);
        fmpq_mat_init(m, 4, 4);
        fmpq_mat_set(m, lo.basis + 2);
        ck_assert(fmpq_mat_equal(c, m));
        algebra_clear(&lo);
    }
    fmpq_mat_clear(m);
    fmpq_mat_clear(c);
    algebra_clear(&g);
    algebra_clear(&s2);
}
END_TEST

START_TEST(test_killing)
{
    MatAlgebra g;
    fmpq_mat_t K, want;
    char err[ALG_ERR_LEN];
    slong n, i, j;
    fmpq_mat_init(K, 0, 0);
    fmpq_mat_init(want, 3, 3);
    algebra_init_so(&g, 3, err);
    ck_assert_int_eq(algebra_killing(K, &g, err), ALG_OK);
    for (i = 0; i < 3; i++)
        fmpq_set_si(fmpq_mat_entry(want, i, i), -2, 1);
    ck_assert(fmpq_mat_equal(K, want));
    algebra_clear(&g);
    /* sl(2) basis E_01, E_10, E_00 - E_11: K(E,F) = 4, K(H,H) = 8 */
    algebra_init_sl(&g, 2, err);
    algebra_killing(K, &g, err);
    fmpq_mat_zero(want);
    fmpq_set_si(fmpq_mat_entry(want, 0, 1), 4, 1);
    fmpq_set_si(fmpq_mat_entry(want, 1, 0), 4, 1);
    fmpq_set_si(fmpq_mat_entry(want, 2, 2), 8, 1);
    if (!fmpq_mat_equal(K, want))
        print_mat("K(sl2)", K);
    ck_assert(fmpq_mat_equal(K, want));
    algebra_clear(&g);
    /* gl(n): K(X, Y) = 2n tr(XY) - 2 tr X tr Y */
    for (n = 1; n <= 3; n++) {
        fmpq_mat_t p;
        fmpq_t a, b, t;
        algebra_init_gl(&g, n, err);
        algebra_killing(K, &g, err);
        fmpq_mat_init(p, n, n);
        fmpq_init(a);
        fmpq_init(b);
        fmpq_init(t);
        for (i = 0; i < g.dim; i++)
            for (j = 0; j < g.dim; j++) {
                fmpq_mat_mul(p, g.basis + i, g.basis + j);
                fmpq_mat_trace(t, p);
                fmpq_mul_si(t, t, 2 * n);
                fmpq_mat_trace(a, g.basis + i);
                fmpq_mat_trace(b, g.basis + j);
                fmpq_mul(a, a, b);
                fmpq_mul_si(a, a, 2);
                fmpq_sub(t, t, a);
                ck_assert(fmpq_equal(t, fmpq_mat_entry(K, i, j)));
            }
        fmpq_mat_clear(p);
        fmpq_clear(a);
        fmpq_clear(b);
        fmpq_clear(t);
        algebra_clear(&g);
    }
    fmpq_mat_clear(K);
    fmpq_mat_clear(want);
}
END_TEST

START_TEST(test_center_derived)
{
    MatAlgebra g, z, d, s;
    char err[ALG_ERR_LEN];
    slong n;
    fmpq_mat_t I;
    for (n = 1; n <= 4; n++) {
        algebra_init_gl(&g, n, err);
        ck_assert_int_eq(algebra_center(&z, &g, err), ALG_OK);
        ck_assert_int_eq(z.dim, 1);
        fmpq_mat_init(I, n, n);
        fmpq_mat_one(I);
        ck_assert(fmpq_mat_equal(z.basis + 0, I));
        fmpq_mat_clear(I);
        ck_assert_int_eq(algebra_derived(&d, &g, err), ALG_OK);
        algebra_init_sl(&s, n, err);
        ck_assert(same_span(&d, &s));
        algebra_clear(&g);
        algebra_clear(&z);
        algebra_clear(&d);
        algebra_clear(&s);
    }
    for (n = 2; n <= 4; n++) {
        algebra_init_sl(&g, n, err);
        algebra_center(&z, &g, err);
        ck_assert_int_eq(z.dim, 0);
        ck_assert_int_eq(z.n, n);
        algebra_clear(&g);
        algebra_clear(&z);
        algebra_init_so(&g, n, err);
        algebra_center(&z, &g, err);
        ck_assert_int_eq(z.dim, n == 2 ? 1 : 0);
        algebra_clear(&g);
        algebra_clear(&z);
    }
    /* [se(2), se(2)] = t(2) */
    algebra_init_se(&g, 2, err);
    algebra_derived(&d, &g, err);
    algebra_init_t(&s, 2, err);
    ck_assert(same_span(&d, &s));
    ck_assert_int_eq(d.affine, 1);
    algebra_clear(&g);
    algebra_clear(&d);
    algebra_clear(&s);
}
END_TEST

START_TEST(test_centralizer_normalizer)
{
    MatAlgebra gl2, so2, c, nrm, aff2, t2, so3, gl3;
    char err[ALG_ERR_LEN];
    static const slong J_I[] = {1, 0, 0, 1};
    fmpq_mat_t m;
    algebra_init_gl(&gl2, 2, err);
    algebra_init_so(&so2, 2, err);
    ck_assert_int_eq(algebra_centralizer(&c, &so2, &gl2, err), ALG_OK);
    ck_assert_int_eq(c.dim, 2); /* a I + b J */
    fmpq_mat_init(m, 2, 2);
    mat_ints(m, 2, 2, J_I);
    ck_assert(algebra_is_member(&c, m));
    ck_assert(algebra_is_member(&c, so2.basis + 0));
    ck_assert_int_eq(algebra_normalizer(&nrm, &so2, &gl2, err), ALG_OK);
    ck_assert(same_span(&nrm, &c));
    algebra_clear(&c);
    algebra_clear(&nrm);
    /* t(2) is an ideal of aff(2) */
    algebra_init_aff(&aff2, 2, err);
    algebra_init_t(&t2, 2, err);
    algebra_normalizer(&nrm, &t2, &aff2, err);
    ck_assert(same_span(&nrm, &aff2));
    algebra_centralizer(&c, &t2, &aff2, err);
    ck_assert(same_span(&c, &t2));
    algebra_clear(&c);
    algebra_clear(&nrm);
    /* normalizer of so(3) in gl(3) = so(3) + scalars, centralizer = scalars */
    algebra_init_so(&so3, 3, err);
    algebra_init_gl(&gl3, 3, err);
    algebra_normalizer(&nrm, &so3, &gl3, err);
    ck_assert_int_eq(nrm.dim, 4);
    ck_assert(algebra_is_subalgebra(&so3, &nrm));
    algebra_centralizer(&c, &so3, &gl3, err);
    ck_assert_int_eq(c.dim, 1);
    ck_assert(algebra_is_subalgebra(&c, &nrm));
    ck_assert(!algebra_is_subalgebra(&nrm, &so3));
    ck_assert(!algebra_is_subalgebra(&so3, &gl2));
    fmpq_mat_clear(m);
    algebra_clear(&c);
    algebra_clear(&nrm);
    algebra_clear(&gl2);
    algebra_clear(&so2);
    algebra_clear(&aff2);
    algebra_clear(&t2);
    algebra_clear(&so3);
    algebra_clear(&gl3);
}
END_TEST

START_TEST(test_sum_intersection)
{
    MatAlgebra a, b, s, in, so3, sl3, gl3;
    static const slong E01[] = {0, 1, 0, 0}, E10[] = {0, 0, 1, 0}, E00[] = {1, 0, 0, 0},
                       E11[] = {0, 0, 0, 1};
    fmpq_mat_struct up[3], lo[3];
    char err[ALG_ERR_LEN];
    slong i;
    for (i = 0; i < 3; i++) {
        fmpq_mat_init(up + i, 2, 2);
        fmpq_mat_init(lo + i, 2, 2);
    }
    mat_ints(up + 0, 2, 2, E00);
    mat_ints(up + 1, 2, 2, E01);
    mat_ints(up + 2, 2, 2, E11);
    mat_ints(lo + 0, 2, 2, E00);
    mat_ints(lo + 1, 2, 2, E10);
    mat_ints(lo + 2, 2, 2, E11);
    ck_assert_int_eq(algebra_init_span(&a, up, 3, 0, "b+", NULL, NULL, NULL, err), ALG_OK);
    ck_assert_int_eq(algebra_init_span(&b, lo, 3, 0, "b-", NULL, NULL, NULL, err), ALG_OK);
    ck_assert_int_eq(algebra_intersection(&in, &a, &b, err), ALG_OK);
    ck_assert_int_eq(in.dim, 2); /* diagonal */
    ck_assert(fmpq_mat_equal(in.basis + 0, up + 0));
    ck_assert(fmpq_mat_equal(in.basis + 1, up + 2));
    ck_assert_int_eq(algebra_sum(&s, &a, &b, err), ALG_OK);
    ck_assert_int_eq(s.dim, 4);
    algebra_clear(&s);
    algebra_clear(&in);
    algebra_clear(&a);
    algebra_clear(&b);
    /* span{E01} + span{E10} is not closed */
    algebra_init_span(&a, up + 1, 1, 0, "n+", NULL, NULL, NULL, err);
    algebra_init_span(&b, lo + 1, 1, 0, "n-", NULL, NULL, NULL, err);
    ck_assert_int_eq(algebra_sum(&s, &a, &b, err), ALG_ERR_NOT_CLOSED);
    ck_assert_int_eq(s.dim, 0);
    algebra_clear(&s);
    algebra_intersection(&in, &a, &b, err);
    ck_assert_int_eq(in.dim, 0);
    algebra_clear(&in);
    algebra_clear(&a);
    algebra_clear(&b);
    /* so(3) in sl(3): intersection so(3), sum sl(3) */
    algebra_init_so(&so3, 3, err);
    algebra_init_sl(&sl3, 3, err);
    algebra_init_gl(&gl3, 3, err);
    algebra_intersection(&in, &so3, &sl3, err);
    ck_assert(same_span(&in, &so3));
    algebra_sum(&s, &so3, &sl3, err);
    ck_assert(same_span(&s, &sl3));
    ck_assert_int_eq(algebra_intersection(&a, &so3, &gl3, err), ALG_OK);
    ck_assert(same_span(&a, &so3));
    algebra_clear(&a);
    algebra_clear(&in);
    algebra_clear(&s);
    algebra_clear(&so3);
    algebra_clear(&sl3);
    /* mismatched sizes */
    algebra_init_gl(&a, 2, err);
    ck_assert_int_eq(algebra_intersection(&in, &a, &gl3, err), ALG_ERR_ARG);
    algebra_clear(&in);
    algebra_clear(&a);
    algebra_clear(&gl3);
    for (i = 0; i < 3; i++) {
        fmpq_mat_clear(up + i);
        fmpq_mat_clear(lo + i);
    }
}
END_TEST

START_TEST(test_user_span)
{
    static const slong E01[] = {0, 1, 0, 0}, E10[] = {0, 0, 1, 0}, E00[] = {1, 0, 0, 0},
                       H[] = {1, 0, 0, -1}, E01x2[] = {0, 2, 0, 0};
    fmpq_mat_struct m[4];
    fmpq_mat_t bad, want;
    MatAlgebra g, so3;
    slong bi = 0, bj = 0, i;
    char err[ALG_ERR_LEN];
    for (i = 0; i < 4; i++)
        fmpq_mat_init(m + i, 2, 2);
    fmpq_mat_init(bad, 0, 0);
    fmpq_mat_init(want, 0, 0);
    /* [E01, E10, E00]: [E01, E10] = H is not in the span: pair (1, 2) */
    mat_ints(m + 0, 2, 2, E01);
    mat_ints(m + 1, 2, 2, E10);
    mat_ints(m + 2, 2, 2, E00);
    ck_assert_int_eq(algebra_init_span(&g, m, 3, 0, "u", &bi, &bj, bad, err), ALG_ERR_NOT_CLOSED);
    ck_assert_int_eq(bi, 1);
    ck_assert_int_eq(bj, 2);
    mat_ints(want, 2, 2, H);
    ck_assert(fmpq_mat_equal(bad, want));
    ck_assert_int_eq(g.dim, 0);
    algebra_clear(&g);
    /* a dependent input is dropped but numbering stays the user's */
    mat_ints(m + 0, 2, 2, E01);
    mat_ints(m + 1, 2, 2, E01x2);
    mat_ints(m + 2, 2, 2, E00);
    mat_ints(m + 3, 2, 2, E10);
    ck_assert_int_eq(algebra_init_span(&g, m, 4, 0, "u", &bi, &bj, bad, err), ALG_ERR_NOT_CLOSED);
    ck_assert_int_eq(bi, 1);
    ck_assert_int_eq(bj, 4);
    algebra_clear(&g);
    /* [E01, 2 E01, E00]: closed, dim 2, basis E01, E00 */
    ck_assert_int_eq(algebra_init_span(&g, m, 3, 0, "u", &bi, &bj, bad, err), ALG_OK);
    ck_assert_int_eq(g.dim, 2);
    ck_assert(fmpq_mat_equal(g.basis + 1, m + 2));
    algebra_clear(&g);
    /* closure of {E01, E10} = sl(2) with canonical basis H, E01, E10 */
    mat_ints(m + 1, 2, 2, E10);
    ck_assert_int_eq(algebra_init_closure(&g, m, 2, 0, "c", err), ALG_OK);
    ck_assert_int_eq(g.dim, 3);
    mat_ints(want, 2, 2, H);
    ck_assert(fmpq_mat_equal(g.basis + 0, want));
    mat_ints(want, 2, 2, E01);
    ck_assert(fmpq_mat_equal(g.basis + 1, want));
    mat_ints(want, 2, 2, E10);
    ck_assert(fmpq_mat_equal(g.basis + 2, want));
    algebra_clear(&g);
    /* closure of {L_x, L_y} = so(3) */
    algebra_init_so(&so3, 3, err);
    ck_assert_int_eq(algebra_init_closure(&g, so3.basis, 2, 0, "c", err), ALG_OK);
    ck_assert(same_span(&g, &so3));
    algebra_clear(&g);
    algebra_clear(&so3);
    /* affine check and explicit basis checks */
    ck_assert_int_eq(algebra_init_span(&g, m, 2, 1, "u", NULL, NULL, NULL, err), ALG_ERR_ARG);
    algebra_clear(&g);
    mat_ints(m + 1, 2, 2, E01x2);
    ck_assert_int_eq(algebra_init_basis(&g, m, 2, 2, 0, 0, "u", err), ALG_ERR_DEPENDENT);
    algebra_clear(&g);
    for (i = 0; i < 4; i++)
        fmpq_mat_clear(m + i);
    fmpq_mat_clear(bad);
    fmpq_mat_clear(want);
}
END_TEST

START_TEST(test_coords_errors)
{
    MatAlgebra g;
    fmpq_mat_t a, b;
    fmpq *c;
    char err[ALG_ERR_LEN];
    slong i;
    algebra_init_so(&g, 3, err);
    c = _fmpq_vec_init(3);
    fmpq_mat_init(a, 3, 3);
    fmpq_mat_init(b, 3, 3);
    for (i = 0; i < 3; i++)
        fmpq_set_si(c + i, 2 * i - 3, i + 2);
    algebra_element(a, &g, c);
    for (i = 0; i < 3; i++)
        fmpq_zero(c + i);
    ck_assert_int_eq(algebra_coords(c, &g, a, err), ALG_OK);
    algebra_element(b, &g, c);
    ck_assert(fmpq_mat_equal(a, b));
    fmpq_one(fmpq_mat_entry(a, 0, 0));
    ck_assert_int_eq(algebra_coords(c, &g, a, err), ALG_ERR_NOT_MEMBER);
    ck_assert(!algebra_is_member(&g, a));
    fmpq_mat_clear(b);
    fmpq_mat_init(b, 2, 2);
    ck_assert_int_eq(algebra_coords(c, &g, b, err), ALG_ERR_ARG);
    ck_assert_int_eq(algebra_bracket(a, a, b, err), ALG_ERR_ARG);
    ck_assert(!algebra_is_member(&g, b));
    _fmpq_vec_clear(c, 3);
    fmpq_mat_clear(a);
    fmpq_mat_clear(b);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_gl(&g, 0, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_gl(&g, ALG_MAX_N + 1, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_sp(&g, 3, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_so_pq(&g, -1, 2, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_t(&g, ALG_MAX_T + 1, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_t(&g, ALG_MAX_T, err), ALG_OK); /* t's own limit */
    ck_assert_int_eq(g.dim, ALG_MAX_T);
    ck_assert_int_eq(g.n, ALG_MAX_T + 1);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_se(&g, ALG_MAX_N, err), ALG_ERR_ARG);
    algebra_clear(&g);
    ck_assert_int_eq(algebra_init_gl(&g, 32, err), ALG_OK); /* the limit */
    ck_assert_int_eq(g.dim, 1024);
    {
        fmpq *sc = _fmpq_vec_init(1);
        ck_assert_int_eq(algebra_structure_constants(sc, &g, err), ALG_ERR_LIMIT);
        _fmpq_vec_clear(sc, 1);
    }
    algebra_clear(&g);
}
END_TEST

/* Random small rational matrix (entries num/den with |num| <= 3, den 1..2;
   about half zero). */
static void rand_mat(fmpq_mat_t m, flint_rand_t st)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(m); i++)
        for (j = 0; j < fmpq_mat_ncols(m); j++) {
            if (n_randint(st, 2) == 0)
                fmpq_zero(fmpq_mat_entry(m, i, j));
            else
                fmpq_set_si(fmpq_mat_entry(m, i, j), (slong)n_randint(st, 7) - 3,
                            1 + n_randint(st, 2));
        }
}

START_TEST(test_random_properties)
{
    flint_rand_t st;
    slong iter, i, j, k;
    char err[ALG_ERR_LEN];
    flint_randinit(st);
    for (iter = 0; iter < 60; iter++) {
        slong n = 2 + n_randint(st, 2), cnt = 1 + n_randint(st, 3);
        fmpq_mat_struct m[3], rev[3];
        MatAlgebra g, h;
        fmpq_mat_t x, y, z, t;
        for (i = 0; i < cnt; i++) {
            fmpq_mat_init(m + i, n, n);
            rand_mat(m + i, st);
        }
        /* Jacobi identity of the bracket */
        fmpq_mat_init(x, n, n);
        fmpq_mat_init(y, n, n);
        fmpq_mat_init(z, n, n);
        fmpq_mat_init(t, n, n);
        rand_mat(x, st);
        rand_mat(y, st);
        rand_mat(z, st);
        {
            fmpq_mat_t s, u;
            fmpq_mat_init(s, n, n);
            fmpq_mat_init(u, n, n);
            algebra_bracket(u, y, z, err);
            algebra_bracket(u, x, u, err);
            fmpq_mat_set(s, u);
            algebra_bracket(u, z, x, err);
            algebra_bracket(u, y, u, err);
            fmpq_mat_add(s, s, u);
            algebra_bracket(u, x, y, err);
            algebra_bracket(u, z, u, err);
            fmpq_mat_add(s, s, u);
            ck_assert(fmpq_mat_is_zero(s));
            fmpq_mat_clear(s);
            fmpq_mat_clear(u);
        }
        /* the closure is closed, contains the inputs, and its canonical
           basis does not depend on the order of the inputs */
        ck_assert_int_eq(algebra_init_closure(&g, m, cnt, 0, "c", err), ALG_OK);
        ck_assert(is_closed(&g));
        for (i = 0; i < cnt; i++) {
            if (!algebra_is_member(&g, m + i)) {
                print_mat("input", m + i);
                ck_abort_msg("closure misses an input");
            }
            rev[i] = m[cnt - 1 - i];
        }
        ck_assert_int_eq(algebra_init_closure(&h, rev, cnt, 0, "c", err), ALG_OK);
        ck_assert_int_eq(g.dim, h.dim);
        for (i = 0; i < g.dim; i++) {
            ck_assert(fmpq_mat_equal(g.basis + i, h.basis + i));
            /* primitive integer rows */
            fmpz_t gg;
            fmpz_init(gg);
            for (j = 0; j < n; j++)
                for (k = 0; k < n; k++) {
                    ck_assert(fmpz_is_one(fmpq_mat_entry_den(g.basis + i, j, k)));
                    fmpz_gcd(gg, gg, fmpq_mat_entry_num(g.basis + i, j, k));
                }
            ck_assert(fmpz_is_one(gg));
            fmpz_clear(gg);
        }
        /* structure constants: antisymmetric, Jacobi */
        if (g.dim <= 9) {
            slong d = g.dim, a, b, c, e;
            fmpq *sc = _fmpq_vec_init(d * d * d + 1);
            fmpq_t s, p;
            fmpq_init(s);
            fmpq_init(p);
            ck_assert_int_eq(algebra_structure_constants(sc, &g, err), ALG_OK);
            for (a = 0; a < d; a++)
                for (b = 0; b < d; b++)
                    for (c = 0; c < d; c++)
                        for (e = 0; e < d; e++) {
                            /* sum over cyclic (a,b,c) of c_ab^l c_lc^e */
                            slong l, q;
                            slong A[3] = {a, b, c}, B[3] = {b, c, a}, C[3] = {c, a, b};
                            fmpq_zero(s);
                            for (q = 0; q < 3; q++)
                                for (l = 0; l < d; l++) {
                                    fmpq_mul(p, sc + (A[q] * d + B[q]) * d + l,
                                             sc + (l * d + C[q]) * d + e);
                                    fmpq_add(s, s, p);
                                }
                            ck_assert(fmpq_is_zero(s));
                        }
            fmpq_clear(s);
            fmpq_clear(p);
            _fmpq_vec_clear(sc, d * d * d + 1);
        }
        /* center is central, derived is an ideal */
        {
            MatAlgebra zc, dd, nn;
            algebra_center(&zc, &g, err);
            algebra_derived(&dd, &g, err);
            ck_assert(algebra_is_subalgebra(&zc, &g));
            ck_assert(algebra_is_subalgebra(&dd, &g));
            for (i = 0; i < zc.dim; i++)
                for (j = 0; j < g.dim; j++) {
                    algebra_bracket(t, zc.basis + i, g.basis + j, err);
                    ck_assert(fmpq_mat_is_zero(t));
                }
            algebra_normalizer(&nn, &dd, &g, err);
            ck_assert(same_span(&nn, &g));
            algebra_clear(&nn);
            algebra_clear(&zc);
            algebra_clear(&dd);
        }
        algebra_clear(&g);
        algebra_clear(&h);
        fmpq_mat_clear(x);
        fmpq_mat_clear(y);
        fmpq_mat_clear(z);
        fmpq_mat_clear(t);
        for (i = 0; i < cnt; i++)
            fmpq_mat_clear(m + i);
    }
    flint_randclear(st);
}
END_TEST

static Suite *algebra_suite(void)
{
    Suite *s = suite_create("algebra");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_dimensions);
    tcase_add_test(tc, test_so_pq_definition);
    tcase_add_test(tc, test_so3_brackets);
    tcase_add_test(tc, test_killing);
    tcase_add_test(tc, test_center_derived);
    tcase_add_test(tc, test_centralizer_normalizer);
    tcase_add_test(tc, test_sum_intersection);
    tcase_add_test(tc, test_user_span);
    tcase_add_test(tc, test_coords_errors);
    tcase_add_test(tc, test_random_properties);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(algebra_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup_master();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
