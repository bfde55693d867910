/* test_rep.c — Check tests for runtime/lie/rep.* and discrete.*: every
 * constructed representation is a homomorphism, dimensions, equivariant
 * hom-space dimensions (PAPER T8, T10, T11), group elements pushed through
 * derived representations (consistency with exp of the derivation and with
 * products), generated finite group orders, error paths. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lie/algebra.h"
#include "lie/discrete.h"
#include "lie/rep.h"

static void mat_ints(fmpq_mat_t m, slong r, slong c, const slong *v)
{
    slong i, j;
    fmpq_mat_clear(m);
    fmpq_mat_init(m, r, c);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            fmpq_set_si(fmpq_mat_entry(m, i, j), v[i * c + j], 1);
}

/* Dimension of the equivariant maps r_in -> r_out: the common nullspace of
   the images of hom(r_in, r_out) and of rho_hom(h) - I for the discrete
   generators h (may be NULL). */
static slong equivariant_dim(const MatRep *rin, const MatRep *rout, const DiscreteGens *G)
{
    MatRep h;
    slong i, rows, d, q, p, rank, ng = G ? G->count : 0;
    fmpq_mat_t C, R, gm;
    char err[ALG_ERR_LEN];
    ck_assert_int_eq(rep_init_hom(&h, rin, rout, err), ALG_OK);
    d = h.dim;
    rows = d * (rin->alg->dim + ng);
    fmpq_mat_init(C, rows > 0 ? rows : 1, d);
    fmpq_mat_init(gm, 0, 0);
    for (i = 0; i < rin->alg->dim; i++)
        for (p = 0; p < d; p++)
            for (q = 0; q < d; q++)
                fmpq_set(fmpq_mat_entry(C, i * d + p, q), fmpq_mat_entry(h.images + i, p, q));
    for (i = 0; i < ng; i++) {
        int st = rep_group_element(gm, &h, G->gens + i, err);
        if (st != ALG_OK)
            ck_abort_msg("group element: %s", err);
        for (p = 0; p < d; p++)
            fmpq_sub_ui(fmpq_mat_entry(gm, p, p), fmpq_mat_entry(gm, p, p), 1);
        for (p = 0; p < d; p++)
            for (q = 0; q < d; q++)
                fmpq_set(fmpq_mat_entry(C, (rin->alg->dim + i) * d + p, q),
                         fmpq_mat_entry(gm, p, q));
    }
    fmpq_mat_init(R, fmpq_mat_nrows(C), d);
    rank = fmpq_mat_rref(R, C);
    fmpq_mat_clear(C);
    fmpq_mat_clear(R);
    fmpq_mat_clear(gm);
    rep_clear(&h);
    return d - rank;
}

static void check_hom(const MatRep *r)
{
    slong bi = 0, bj = 0;
    char err[ALG_ERR_LEN];
    int st = rep_check_hom(r, &bi, &bj, err);
    if (st != ALG_OK)
        ck_abort_msg("%s: %s (pair %ld, %ld)", r->name, err, (long)bi, (long)bj);
}

/* Build the usual derived reps of g and run f on each. */
static void for_each_rep(const MatAlgebra *g, void (*f)(const MatRep *, void *), void *ctx)
{
    MatRep s, r[10];
    slong i, nr = 0;
    char err[ALG_ERR_LEN];
    ck_assert_int_eq(rep_init_std(&s, g, err), ALG_OK);
    ck_assert_int_eq(rep_init_dual(r + nr++, &s, err), ALG_OK);
    ck_assert_int_eq(rep_init_sum(r + nr++, &s, r + 0, err), ALG_OK);
    ck_assert_int_eq(rep_init_tensor(r + nr++, &s, r + 0, err), ALG_OK);
    ck_assert_int_eq(rep_init_sym(r + nr++, &s, 2, err), ALG_OK);
    ck_assert_int_eq(rep_init_sym(r + nr++, &s, 3, err), ALG_OK);
    ck_assert_int_eq(rep_init_wedge(r + nr++, &s, 2, err), ALG_OK);
    ck_assert_int_eq(rep_init_hom(r + nr++, r + 3, &s, err), ALG_OK);
    ck_assert_int_eq(rep_init_trivial(r + nr++, g, 2, err), ALG_OK);
    if (g->dim > 0)
        ck_assert_int_eq(rep_init_adjoint(r + nr++, g, err), ALG_OK);
    f(&s, ctx);
    for (i = 0; i < nr; i++) {
        f(r + i, ctx);
        rep_clear(r + i);
    }
    rep_clear(&s);
}

static void hom_cb(const MatRep *r, void *ctx)
{
    (void)ctx;
    check_hom(r);
}

START_TEST(test_homomorphisms)
{
    MatAlgebra g;
    char err[ALG_ERR_LEN];
    algebra_init_so(&g, 3, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
    algebra_init_gl(&g, 2, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
    algebra_init_sp(&g, 4, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
    algebra_init_se(&g, 2, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
    algebra_init_so_pq(&g, 1, 3, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
    algebra_init_sl(&g, 3, err);
    for_each_rep(&g, hom_cb, NULL);
    algebra_clear(&g);
}
END_TEST

START_TEST(test_dims_and_conventions)
{
    MatAlgebra g;
    MatRep s, t, sy, w, w1, s1, d, a;
    char err[ALG_ERR_LEN];
    slong i;
    algebra_init_so(&g, 3, err);
    rep_init_std(&s, &g, err);
    rep_init_tensor(&t, &s, &s, err);
    ck_assert_int_eq(t.dim, 9);
    rep_init_sym(&sy, &s, 2, err);
    ck_assert_int_eq(sy.dim, 6);
    rep_init_wedge(&w, &s, 2, err);
    ck_assert_int_eq(w.dim, 3);
    /* wedge^2 R^3 is isomorphic to R^3: one equivariant map each way */
    ck_assert_int_eq(equivariant_dim(&w, &s, NULL), 1);
    ck_assert_int_eq(equivariant_dim(&s, &w, NULL), 1);
    /* sym^1 = wedge^1 = std; dual of so(3) std = std (antisymmetric) */
    rep_init_sym(&s1, &s, 1, err);
    rep_init_wedge(&w1, &s, 1, err);
    rep_init_dual(&d, &s, err);
    rep_init_adjoint(&a, &g, err);
    for (i = 0; i < 3; i++) {
        ck_assert(fmpq_mat_equal(s1.images + i, s.images + i));
        ck_assert(fmpq_mat_equal(w1.images + i, s.images + i));
        ck_assert(fmpq_mat_equal(d.images + i, s.images + i));
        /* so(3) adjoint in the L basis equals std */
        ck_assert(fmpq_mat_equal(a.images + i, s.images + i));
    }
    ck_assert_int_eq(rep_sym_dim(3, 4), 15);
    ck_assert_int_eq(rep_wedge_dim(5, 2), 10);
    ck_assert_int_eq(rep_sym_dim(1000, 5), 8416958750200);
    ck_assert_int_eq(rep_sym_dim(100000, 5), -1);
    rep_clear(&s);
    rep_clear(&t);
    rep_clear(&sy);
    rep_clear(&w);
    rep_clear(&w1);
    rep_clear(&s1);
    rep_clear(&d);
    rep_clear(&a);
    algebra_clear(&g);
    /* sym^2 of J on R^2, basis x^2, xy, y^2 (cf. PAPER T35) */
    {
        static const slong want[] = {0, -1, 0, 2, 0, -2, 0, 1, 0};
        fmpq_mat_t W;
        fmpq_mat_init(W, 0, 0);
        mat_ints(W, 3, 3, want);
        algebra_init_so(&g, 2, err);
        rep_init_std(&s, &g, err);
        rep_init_sym(&sy, &s, 2, err);
        if (!fmpq_mat_equal(sy.images + 0, W))
            fmpq_mat_print(sy.images + 0);
        ck_assert(fmpq_mat_equal(sy.images + 0, W));
        fmpq_mat_clear(W);
        rep_clear(&s);
        rep_clear(&sy);
        algebra_clear(&g);
    }
}
END_TEST

START_TEST(test_equivariant_T8)
{
    MatAlgebra g, z;
    MatRep s, t, one, tt, r1, r2, r0, r11;
    DiscreteGens O3;
    char err[ALG_ERR_LEN];
    /* SO(2): R^2 -> R^2: 2 */
    algebra_init_so(&g, 2, err);
    rep_init_std(&s, &g, err);
    ck_assert_int_eq(equivariant_dim(&s, &s, NULL), 2);
    /* SO(2) irreps rho_k with generator k J */
    {
        static const slong J2[] = {0, -2, 2, 0};
        fmpq_mat_t m;
        fmpq_mat_init(m, 0, 0);
        mat_ints(m, 2, 2, J2);
        ck_assert_int_eq(rep_init_user(&r2, &g, m, 1, "rho2", NULL, NULL, err), ALG_OK);
        fmpq_mat_clear(m);
        rep_init_std(&r1, &g, err);
        rep_init_trivial(&r0, &g, 1, err);
        rep_init_tensor(&r11, &r1, &r1, err);
        ck_assert_int_eq(equivariant_dim(&r1, &r2, NULL), 0);
        ck_assert_int_eq(equivariant_dim(&r11, &r2, NULL), 2);
        ck_assert_int_eq(equivariant_dim(&r11, &r0, NULL), 2);
        rep_clear(&r1);
        rep_clear(&r2);
        rep_clear(&r0);
        rep_clear(&r11);
    }
    rep_clear(&s);
    algebra_clear(&g);
    /* SO(3) */
    algebra_init_so(&g, 3, err);
    rep_init_std(&s, &g, err);
    rep_init_tensor(&t, &s, &s, err);
    rep_init_trivial(&one, &g, 1, err);
    ck_assert_int_eq(equivariant_dim(&s, &s, NULL), 1);
    ck_assert_int_eq(equivariant_dim(&t, &s, NULL), 1);
    ck_assert_int_eq(equivariant_dim(&t, &one, NULL), 1);
    ck_assert_int_eq(equivariant_dim(&t, &t, NULL), 3);
    /* O(3): add -I */
    {
        fmpq_mat_t mI;
        fmpq_mat_init(mI, 3, 3);
        fmpq_mat_one(mI);
        fmpq_mat_neg(mI, mI);
        ck_assert_int_eq(discrete_init_user(&O3, mI, 1, 3, "O(3)", err), ALG_OK);
        fmpq_mat_clear(mI);
    }
    ck_assert_int_eq(equivariant_dim(&t, &s, &O3), 0);
    ck_assert_int_eq(equivariant_dim(&t, &one, &O3), 1);
    discrete_clear(&O3);
    /* the reflection generator of O(3) gives the same answers */
    discrete_init_orthogonal(&O3, 3, err);
    ck_assert_int_eq(equivariant_dim(&t, &s, &O3), 0);
    ck_assert_int_eq(equivariant_dim(&t, &one, &O3), 1);
    ck_assert_int_eq(equivariant_dim(&s, &s, &O3), 1);
    discrete_clear(&O3);
    rep_init_tensor(&tt, &t, &s, err);
    ck_assert_int_eq(equivariant_dim(&tt, &one, NULL), 1); /* det */
    rep_clear(&tt);
    rep_clear(&s);
    rep_clear(&t);
    rep_clear(&one);
    algebra_clear(&g);
    (void)z;
}
END_TEST

/* The zero algebra of n x n matrices, for purely finite groups. */
static void zero_algebra(MatAlgebra *z, slong n)
{
    char err[ALG_ERR_LEN];
    ck_assert_int_eq(algebra_init_basis(z, NULL, 0, n, 0, 0, "0", err), ALG_OK);
}

START_TEST(test_finite_T10_T11)
{
    slong n;
    char err[ALG_ERR_LEN];
    for (n = 3; n <= 6; n++) {
        MatAlgebra z;
        MatRep s, one;
        DiscreteGens G;
        zero_algebra(&z, n);
        rep_init_std(&s, &z, err);
        rep_init_trivial(&one, &z, 1, err);
        discrete_init_symmetric(&G, n, err);
        ck_assert_int_eq(G.count, 2);
        ck_assert_int_eq(equivariant_dim(&s, &s, &G), 2);
        ck_assert_int_eq(equivariant_dim(&s, &one, &G), 1);
        discrete_clear(&G);
        discrete_init_cyclic(&G, n, err);
        ck_assert_int_eq(equivariant_dim(&s, &s, &G), n);
        discrete_clear(&G);
        discrete_init_dihedral(&G, n, err);
        ck_assert_int_eq(equivariant_dim(&s, &s, &G), n / 2 + 1);
        discrete_clear(&G);
        rep_clear(&s);
        rep_clear(&one);
        algebra_clear(&z);
    }
}
END_TEST

/* Order of the permutation group generated by G (perm matrices), BFS. */
static slong group_order(const DiscreteGens *G)
{
    slong n = G->n, cap = 1000, len = 1, head = 0, i, j, k, g;
    slong *el = flint_malloc(cap * n * sizeof(slong));
    slong *gp = flint_malloc((G->count + 1) * n * sizeof(slong));
    slong *nw = flint_malloc(n * sizeof(slong));
    for (g = 0; g < G->count; g++)
        for (j = 0; j < n; j++)
            for (i = 0; i < n; i++)
                if (fmpq_is_one(fmpq_mat_entry(G->gens + g, i, j)))
                    gp[g * n + j] = i;
    for (i = 0; i < n; i++)
        el[i] = i;
    while (head < len) {
        for (g = 0; g < G->count; g++) {
            int found = 0;
            for (i = 0; i < n; i++)
                nw[i] = gp[g * n + el[head * n + i]];
            for (k = 0; k < len && !found; k++) {
                found = 1;
                for (i = 0; i < n && found; i++)
                    found = el[k * n + i] == nw[i];
            }
            if (!found) {
                ck_assert(len < cap);
                for (i = 0; i < n; i++)
                    el[len * n + i] = nw[i];
                len++;
            }
        }
        head++;
    }
    flint_free(el);
    flint_free(gp);
    flint_free(nw);
    return len;
}

START_TEST(test_group_orders)
{
    slong n, fact = 1;
    char err[ALG_ERR_LEN];
    for (n = 1; n <= 6; n++) {
        DiscreteGens G;
        fact *= n;
        discrete_init_symmetric(&G, n, err);
        ck_assert_int_eq(group_order(&G), fact);
        discrete_clear(&G);
        discrete_init_alternating(&G, n, err);
        ck_assert_int_eq(group_order(&G), n >= 2 ? fact / 2 : 1);
        discrete_clear(&G);
        discrete_init_cyclic(&G, n, err);
        ck_assert_int_eq(group_order(&G), n);
        discrete_clear(&G);
        if (n >= 3) {
            discrete_init_dihedral(&G, n, err);
            ck_assert_int_eq(group_order(&G), 2 * n);
            discrete_clear(&G);
        }
    }
}
END_TEST

/* exp(N) for nilpotent N (series until a zero power). */
static void exp_nilpotent(fmpq_mat_t out, const fmpq_mat_t N)
{
    slong d = fmpq_mat_nrows(N), k;
    fmpq_mat_t term, t;
    fmpq_t c;
    fmpq_mat_clear(out);
    fmpq_mat_init(out, d, d);
    fmpq_mat_init(term, d, d);
    fmpq_mat_init(t, d, d);
    fmpq_init(c);
    fmpq_mat_one(term);
    for (k = 1; !fmpq_mat_is_zero(term); k++) {
        ck_assert(k <= d + 1);
        fmpq_mat_add(out, out, term);
        fmpq_mat_mul(t, term, N);
        fmpq_set_si(c, 1, k);
        fmpq_mat_scalar_mul_fmpq(term, t, c);
    }
    fmpq_mat_clear(term);
    fmpq_mat_clear(t);
    fmpq_clear(c);
}

typedef struct {
    const MatAlgebra *g;
    slong which; /* basis element, nilpotent in std */
} ExpCtx;

/* rho(exp A) = exp(d rho(A)) for a nilpotent basis element A. */
static void exp_cb(const MatRep *r, void *vctx)
{
    const ExpCtx *ctx = vctx;
    fmpq_mat_t h, gh, want;
    char err[ALG_ERR_LEN];
    fmpq_mat_init(h, 0, 0);
    fmpq_mat_init(gh, 0, 0);
    fmpq_mat_init(want, 0, 0);
    exp_nilpotent(h, ctx->g->basis + ctx->which);
    if (rep_group_element(gh, r, h, err) != ALG_OK)
        ck_abort_msg("%s: %s", r->name, err);
    exp_nilpotent(want, r->images + ctx->which);
    if (!fmpq_mat_equal(gh, want)) {
        printf("rep %s, basis %ld\n", r->name, (long)ctx->which);
        fmpq_mat_print(gh);
        fmpq_mat_print(want);
        ck_abort_msg("group action disagrees with exp of the derivation");
    }
    fmpq_mat_clear(h);
    fmpq_mat_clear(gh);
    fmpq_mat_clear(want);
}

START_TEST(test_group_vs_exp)
{
    MatAlgebra g;
    ExpCtx ctx;
    char err[ALG_ERR_LEN];
    algebra_init_gl(&g, 3, err);
    ctx.g = &g;
    ctx.which = 1; /* E_01 */
    for_each_rep(&g, exp_cb, &ctx);
    ctx.which = 5; /* E_12 */
    for_each_rep(&g, exp_cb, &ctx);
    algebra_clear(&g);
    algebra_init_se(&g, 2, err);
    ctx.g = &g;
    ctx.which = 1; /* translation */
    for_each_rep(&g, exp_cb, &ctx);
    algebra_clear(&g);
}
END_TEST

typedef struct {
    fmpq_mat_struct *h; /* h[0], h[1], h[0] h[1] */
} MulCtx;

/* rho(h1 h2) = rho(h1) rho(h2). */
static void mul_cb(const MatRep *r, void *vctx)
{
    const MulCtx *ctx = vctx;
    fmpq_mat_t a, b, c, ab;
    char err[ALG_ERR_LEN];
    fmpq_mat_init(a, 0, 0);
    fmpq_mat_init(b, 0, 0);
    fmpq_mat_init(c, 0, 0);
    ck_assert_int_eq(rep_group_element(a, r, ctx->h + 0, err), ALG_OK);
    ck_assert_int_eq(rep_group_element(b, r, ctx->h + 1, err), ALG_OK);
    ck_assert_int_eq(rep_group_element(c, r, ctx->h + 2, err), ALG_OK);
    fmpq_mat_init(ab, r->dim, r->dim);
    fmpq_mat_mul(ab, a, b);
    if (!fmpq_mat_equal(ab, c)) {
        fmpq_mat_print(ctx->h + 0);
        fmpq_mat_print(ctx->h + 1);
        ck_abort_msg("%s: rho(h1 h2) != rho(h1) rho(h2)", r->name);
    }
    fmpq_mat_clear(a);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(ab);
}

START_TEST(test_group_products_random)
{
    flint_rand_t st;
    slong iter, i, j, n;
    MatAlgebra g;
    char err[ALG_ERR_LEN];
    flint_randinit(st);
    for (iter = 0; iter < 12; iter++) {
        fmpq_mat_struct h[3];
        MulCtx ctx;
        fmpq_t d;
        n = 2 + (iter % 2);
        algebra_init_gl(&g, n, err);
        fmpq_init(d);
        for (i = 0; i < 2; i++) {
            fmpq_mat_init(h + i, n, n);
            do {
                for (j = 0; j < n * n; j++)
                    fmpq_set_si(fmpq_mat_entry(h + i, j / n, j % n), (slong)n_randint(st, 7) - 3,
                                1 + n_randint(st, 3));
                fmpq_mat_det(d, h + i);
            } while (fmpq_is_zero(d));
        }
        fmpq_mat_init(h + 2, n, n);
        fmpq_mat_mul(h + 2, h + 0, h + 1);
        ctx.h = h;
        for_each_rep(&g, mul_cb, &ctx);
        for (i = 0; i < 3; i++)
            fmpq_mat_clear(h + i);
        fmpq_clear(d);
        algebra_clear(&g);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_errors)
{
    MatAlgebra g, h;
    MatRep s, t, u, bad;
    fmpq_mat_t m, out;
    fmpq_mat_struct im[3];
    slong bi = 0, bj = 0, i;
    char err[ALG_ERR_LEN];
    algebra_init_so(&g, 3, err);
    algebra_init_so(&h, 2, err);
    rep_init_std(&s, &g, err);
    rep_init_std(&t, &h, err);
    ck_assert_int_eq(rep_init_tensor(&u, &s, &t, err), ALG_ERR_ARG);
    rep_clear(&u);
    ck_assert_int_eq(rep_init_wedge(&u, &s, 4, err), ALG_ERR_ARG);
    rep_clear(&u);
    ck_assert_int_eq(rep_init_sym(&u, &s, 0, err), ALG_ERR_ARG);
    rep_clear(&u);
    ck_assert_int_eq(rep_init_trivial(&u, &g, 0, err), ALG_ERR_ARG);
    rep_clear(&u);
    /* past the dense size: implicit (no images); past 2^62: refused */
    ck_assert_int_eq(rep_init_sym(&u, &s, 200, err), ALG_OK);
    ck_assert_int_eq(u.dim, 20301);
    ck_assert(!rep_is_dense(&u));
    rep_clear(&u);
    ck_assert_int_eq(rep_init_sym(&u, &s, 4000000000, err), ALG_ERR_LIMIT);
    rep_clear(&u);
    /* non-homomorphism: L_x, L_y, 2 L_z fails at pair (1, 2) */
    for (i = 0; i < 3; i++)
        fmpq_mat_init_set(im + i, g.basis + i);
    fmpq_mat_add(im + 2, im + 2, g.basis + 2); /* 2 L_z */
    ck_assert_int_eq(rep_init_user(&bad, &g, im, 3, "bad", &bi, &bj, err), ALG_ERR_NOT_HOM);
    ck_assert_int_eq(bi, 1);
    ck_assert_int_eq(bj, 2);
    rep_clear(&bad);
    ck_assert_int_eq(rep_init_user(&bad, &g, im, 2, "bad", &bi, &bj, err), ALG_ERR_ARG);
    rep_clear(&bad);
    fmpq_mat_set(im + 2, g.basis + 2);
    ck_assert_int_eq(rep_init_user(&bad, &g, im, 3, "ok", &bi, &bj, err), ALG_OK);
    /* group elements */
    fmpq_mat_init(m, 3, 3);
    fmpq_mat_init(out, 0, 0);
    ck_assert_int_eq(rep_group_element(out, &s, m, err), ALG_ERR_SINGULAR);
    fmpq_mat_one(m);
    ck_assert_int_eq(rep_group_element(out, &bad, m, err), ALG_ERR_UNSUPPORTED);
    rep_clear(&bad);
    ck_assert_int_eq(rep_group_element(out, &t, m, err), ALG_ERR_ARG);
    rep_init_adjoint(&u, &g, err);
    fmpq_set_si(fmpq_mat_entry(m, 0, 0), 2, 1);
    ck_assert_int_eq(rep_group_element(out, &u, m, err), ALG_ERR_NOT_MEMBER);
    fmpq_set_si(fmpq_mat_entry(m, 0, 0), -1, 1); /* reflection normalises */
    ck_assert_int_eq(rep_group_element(out, &u, m, err), ALG_OK);
    rep_clear(&u);
    for (i = 0; i < 3; i++)
        fmpq_mat_clear(im + i);
    fmpq_mat_clear(m);
    fmpq_mat_clear(out);
    rep_clear(&s);
    rep_clear(&t);
    algebra_clear(&g);
    algebra_clear(&h);
}
END_TEST

START_TEST(test_discrete_misc)
{
    DiscreteGens G;
    fmpq_mat_t P, L;
    slong p[3] = {1, 2, 0}, q[3] = {0, 0, 1};
    char err[ALG_ERR_LEN];
    static const slong want[] = {0, 0, 1, 1, 0, 0, 0, 1, 0};
    fmpq_mat_init(P, 0, 0);
    fmpq_mat_init(L, 0, 0);
    ck_assert_int_eq(discrete_perm_matrix(P, p, 3, err), ALG_OK);
    mat_ints(L, 3, 3, want);
    ck_assert(fmpq_mat_equal(P, L)); /* e_0 -> e_1 */
    ck_assert_int_eq(discrete_perm_matrix(P, q, 3, err), ALG_ERR_ARG);
    discrete_init_lorentz(&G, err);
    ck_assert_int_eq(G.count, 2);
    discrete_clear(&G);
    ck_assert_int_eq(discrete_init_dihedral(&G, 2, err), ALG_ERR_ARG);
    discrete_clear(&G);
    ck_assert_int_eq(discrete_init_symmetric(&G, DISCRETE_MAX_N + 1, err), ALG_ERR_ARG);
    discrete_clear(&G);
    ck_assert_int_eq(discrete_affine_lift(L, P, err), ALG_OK);
    ck_assert_int_eq(fmpq_mat_nrows(L), 4);
    ck_assert(fmpq_is_one(fmpq_mat_entry(L, 3, 3)));
    /* Lorentz parity on so(1,3): std rep equivariant maps stay 1 */
    {
        MatAlgebra g;
        MatRep s;
        algebra_init_so_pq(&g, 1, 3, err);
        rep_init_std(&s, &g, err);
        discrete_init_lorentz(&G, err);
        ck_assert_int_eq(equivariant_dim(&s, &s, &G), 1);
        discrete_clear(&G);
        rep_clear(&s);
        algebra_clear(&g);
    }
    fmpq_mat_clear(P);
    fmpq_mat_clear(L);
}
END_TEST

/* The sparse image / group element of r (from its tree) equals the dense
   one, for every basis element and the group element h (NULL: none). */
static void check_sparse_matches(const MatRep *r, const fmpq_mat_t h)
{
    SpMat S;
    fmpq_mat_t D, E;
    char err[ALG_ERR_LEN];
    slong i;
    spmat_init(&S, 0);
    fmpq_mat_init(D, 0, 0);
    fmpq_mat_init(E, 0, 0);
    ck_assert(rep_is_dense(r));
    for (i = 0; i < r->alg->dim; i++) {
        ck_assert_int_eq(rep_basis_image_sparse(&S, r, i, err), ALG_OK);
        ck_assert_int_eq(spmat_get_qmat(D, &S), QMAT_OK);
        ck_assert_msg(fmpq_mat_equal(D, r->images + i), "%s: image %ld", r->name, (long)i);
    }
    if (r->alg->dim > 0) {
        /* xi = b_0 - 2 b_last */
        fmpq_mat_t xi, t;
        fmpq_mat_init(xi, r->alg->n, r->alg->n);
        fmpq_mat_init(t, r->alg->n, r->alg->n);
        fmpz_t m2;
        fmpz_init_set_si(m2, -2);
        fmpq_mat_scalar_mul_fmpz(t, r->alg->basis + r->alg->dim - 1, m2);
        fmpz_clear(m2);
        fmpq_mat_add(xi, r->alg->basis + 0, t);
        ck_assert_int_eq(rep_image_sparse(&S, r, xi, err), ALG_OK);
        ck_assert_int_eq(spmat_get_qmat(D, &S), QMAT_OK);
        ck_assert_int_eq(rep_image(E, r, xi, err), ALG_OK);
        ck_assert(fmpq_mat_equal(D, E));
        fmpq_mat_clear(xi);
        fmpq_mat_clear(t);
    }
    if (h != NULL) {
        int a = rep_group_element(E, r, h, err);
        int b = rep_group_element_sparse(&S, r, h, err);
        ck_assert_int_eq(a, b);
        if (a == ALG_OK) {
            ck_assert_int_eq(spmat_get_qmat(D, &S), QMAT_OK);
            ck_assert_msg(fmpq_mat_equal(D, E), "%s: group element", r->name);
        }
    }
    spmat_clear(&S);
    fmpq_mat_clear(D);
    fmpq_mat_clear(E);
}

START_TEST(test_sparse_images)
{
    MatAlgebra g;
    MatRep r[12];
    fmpq_mat_t h;
    char err[ALG_ERR_LEN];
    slong i, n = 0;
    const slong hv[9] = {2, 1, 0, 1, 1, 0, 0, 3, 1}; /* invertible, not orthogonal */
    ck_assert_int_eq(algebra_init_gl(&g, 3, err), ALG_OK);
    fmpq_mat_init(h, 0, 0);
    mat_ints(h, 3, 3, hv);
    ck_assert_int_eq(rep_init_std(r + n++, &g, err), ALG_OK);              /* 0 */
    ck_assert_int_eq(rep_init_adjoint(r + n++, &g, err), ALG_OK);          /* 1 */
    ck_assert_int_eq(rep_init_dual(r + n++, r + 0, err), ALG_OK);          /* 2 */
    ck_assert_int_eq(rep_init_sum(r + n++, r + 0, r + 1, err), ALG_OK);    /* 3 */
    ck_assert_int_eq(rep_init_tensor(r + n++, r + 0, r + 2, err), ALG_OK); /* 4 */
    ck_assert_int_eq(rep_init_hom(r + n++, r + 3, r + 0, err), ALG_OK);    /* 5 */
    ck_assert_int_eq(rep_init_sym(r + n++, r + 0, 3, err), ALG_OK);        /* 6 */
    ck_assert_int_eq(rep_init_wedge(r + n++, r + 3, 2, err), ALG_OK);      /* 7 */
    ck_assert_int_eq(rep_init_tensor(r + n++, r + 6, r + 7, err), ALG_OK); /* 8 */
    ck_assert_int_eq(rep_init_trivial(r + n++, &g, 4, err), ALG_OK);       /* 9 */
    ck_assert_int_eq(rep_init_user(r + n++, &g, r[4].images, g.dim, "u", NULL, NULL, err),
                     ALG_OK);                                               /* 10 */
    ck_assert_int_eq(rep_init_tensor(r + n++, r + 10, r + 9, err), ALG_OK); /* 11 */
    for (i = 0; i < n; i++)
        check_sparse_matches(r + i, h);
    for (i = 0; i < n; i++)
        rep_clear(r + i);
    fmpq_mat_clear(h);
    algebra_clear(&g);
}
END_TEST

/* Past the dense size: (R^3)^(x)7 of so(3) (2187) stores no image, the
   dense calls fail with ALG_ERR_LIMIT, and the sparse image is the
   Kronecker sum A (x) I + I (x) B of the dense images of (R^3)^(x)6 and R^3;
   the sparse group element of a permutation is a permutation matrix. */
START_TEST(test_sparse_large)
{
    MatAlgebra g;
    MatRep r[8];
    SpMat S;
    fmpq_mat_t D, h;
    char err[ALG_ERR_LEN];
    slong i, k, p, s, t;
    const slong cyc[9] = {0, 0, 1, 1, 0, 0, 0, 1, 0};
    ck_assert_int_eq(algebra_init_so(&g, 3, err), ALG_OK);
    ck_assert_int_eq(rep_init_std(r + 0, &g, err), ALG_OK);
    for (k = 1; k < 7; k++)
        ck_assert_int_eq(rep_init_tensor(r + k, r + k - 1, r + 0, err), ALG_OK);
    ck_assert_int_eq(r[6].dim, 2187);
    ck_assert(rep_is_dense(r + 5));
    ck_assert(!rep_is_dense(r + 6));
    fmpq_mat_init(D, 0, 0);
    fmpq_mat_init(h, 0, 0);
    ck_assert_int_eq(rep_image(D, r + 6, g.basis + 0, err), ALG_ERR_LIMIT);
    ck_assert(strstr(err, "2187") != NULL && strstr(err, "2048") != NULL);
    ck_assert_int_eq(rep_check_hom(r + 6, NULL, NULL, err), ALG_ERR_LIMIT);
    spmat_init(&S, 0);
    for (i = 0; i < g.dim; i++) {
        const fmpq_mat_struct *A = r[5].images + i, *B = r[0].images + i;
        ck_assert_int_eq(rep_basis_image_sparse(&S, r + 6, i, err), ALG_OK);
        ck_assert_int_eq(S.r, 2187);
        for (p = 0; p < 729; p++)
            for (s = 0; s < 3; s++) {
                slong row = p * 3 + s, cnt = 0;
                for (t = 0; t < 2187; t++) {
                    slong q = t / 3, u = t % 3;
                    fmpq_t want;
                    fmpq_init(want);
                    if (u == s)
                        fmpq_add(want, want, fmpq_mat_entry(A, p, q));
                    if (q == p)
                        fmpq_add(want, want, fmpq_mat_entry(B, s, u));
                    if (!fmpq_is_zero(want)) {
                        slong e = S.ptr[row] + cnt++;
                        ck_assert(e < S.ptr[row + 1] && S.col[e] == t);
                        ck_assert(fmpq_equal(S.val + e, want));
                    }
                    fmpq_clear(want);
                }
                ck_assert_int_eq(S.ptr[row] + cnt, S.ptr[row + 1]);
            }
    }
    mat_ints(h, 3, 3, cyc);
    ck_assert_int_eq(rep_group_element(D, r + 6, h, err), ALG_ERR_LIMIT);
    ck_assert_int_eq(rep_group_element_sparse(&S, r + 6, h, err), ALG_OK);
    ck_assert_int_eq(S.nnz, 2187);
    for (p = 0; p < 2187; p++) {
        /* h e_i = e_{i+1 mod 3} on every factor: row (j1..j7) has its 1 at
           (j1-1 .. j7-1) */
        slong col = 0, x = p, w = 1;
        for (k = 0; k < 7; k++, x /= 3, w *= 3)
            col += ((x % 3 + 2) % 3) * w;
        ck_assert_int_eq(S.ptr[p + 1] - S.ptr[p], 1);
        ck_assert_int_eq(S.col[S.ptr[p]], col);
        ck_assert(fmpq_is_one(S.val + S.ptr[p]));
    }
    spmat_clear(&S);
    fmpq_mat_clear(D);
    fmpq_mat_clear(h);
    for (k = 0; k < 7; k++)
        rep_clear(r + k);
    algebra_clear(&g);
}
END_TEST

/* The sparse symmetric / exterior powers (group action on sym^k, wedge^k
   past the dense size) equal the dense ones on small matrices. */
START_TEST(test_sparse_powers)
{
    const slong v3[9] = {2, 1, 0, 1, 1, 0, 0, 3, 1};
    const slong v4[16] = {1, -2, 0, 3, 0, 1, 5, 0, 2, 0, 1, 0, -1, 0, 0, 4};
    fmpq_mat_t H, D, E;
    SpMat S, P;
    char err[ALG_ERR_LEN];
    fmpq_mat_init(H, 0, 0);
    fmpq_mat_init(D, 0, 0);
    fmpq_mat_init(E, 0, 0);
    spmat_init(&S, 0);
    spmat_init(&P, 0);
    for (int which = 0; which < 2; which++) {
        slong d = which ? 4 : 3;
        mat_ints(H, d, d, which ? v4 : v3);
        fmpq_set_si(fmpq_mat_entry(H, 0, 1), -1, 3); /* a fraction */
        ck_assert_int_eq(spmat_set_qmat(&S, H), QMAT_OK);
        for (slong k = 1; k <= 4; k++) {
            ck_assert_int_eq(rep_sym_power(D, H, k, err), ALG_OK);
            ck_assert_int_eq(rep_power_group_sparse(&P, &S, k, 0, err), ALG_OK);
            ck_assert_int_eq(spmat_get_qmat(E, &P), QMAT_OK);
            ck_assert_msg(fmpq_mat_equal(D, E), "sym^%ld of %ldx%ld", (long)k, (long)d, (long)d);
            if (k > d)
                continue;
            ck_assert_int_eq(rep_wedge_power(D, H, k, err), ALG_OK);
            ck_assert_int_eq(rep_power_group_sparse(&P, &S, k, 1, err), ALG_OK);
            ck_assert_int_eq(spmat_get_qmat(E, &P), QMAT_OK);
            ck_assert_msg(fmpq_mat_equal(D, E), "wedge^%ld of %ldx%ld", (long)k, (long)d, (long)d);
        }
    }
    spmat_clear(&S);
    spmat_clear(&P);
    fmpq_mat_clear(H);
    fmpq_mat_clear(D);
    fmpq_mat_clear(E);
}
END_TEST

static Suite *rep_suite(void)
{
    Suite *s = suite_create("rep");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_homomorphisms);
    tcase_add_test(tc, test_dims_and_conventions);
    tcase_add_test(tc, test_equivariant_T8);
    tcase_add_test(tc, test_finite_T10_T11);
    tcase_add_test(tc, test_group_orders);
    tcase_add_test(tc, test_group_vs_exp);
    tcase_add_test(tc, test_group_products_random);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_discrete_misc);
    tcase_add_test(tc, test_sparse_images);
    tcase_add_test(tc, test_sparse_large);
    tcase_add_test(tc, test_sparse_powers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rep_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup_master();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
