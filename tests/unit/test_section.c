/* test_section.c — unit tests for runtime/exact/section.c: Lie derivatives,
 * brackets, fiber generators, and the constraint-matrix builders against the
 * exact values of cases (T1–T4, T6b, T7, T25, T31, T35) and against
 * the direct polynomial computation on random inputs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exact/section.h"

static const char *XYZ[] = {"x", "y", "z"};

static void parse(fmpq_mpoly_t p, const char *s, const PolyRing *R)
{
    int r = fmpq_mpoly_set_str_pretty(p, s, (const char **)R->names, R->ctx);
    ck_assert_msg(r == 0, "cannot parse test input %s", s);
}

static void set_mat(fmpq_mat_t A, const slong *e, slong rows, slong cols)
{
    for (slong i = 0; i < rows; i++)
        for (slong j = 0; j < cols; j++)
            fmpq_set_si(fmpq_mat_entry(A, i, j), e[i * cols + j], 1);
}

static const slong J2[4] = {0, -1, 1, 0};
static const slong LX[9] = {0, 0, 0, 0, 0, -1, 0, 1, 0};
static const slong LY[9] = {0, 0, 1, 0, 0, 0, -1, 0, 0};
static const slong LZ[9] = {0, -1, 0, 1, 0, 0, 0, 0, 0};

/* v = A x for an integer matrix given row-major. */
static void linear_field(PolyVec *v, const slong *A, PolyRing *R)
{
    slong n = R->nvars;
    fmpq_mat_t M;
    fmpq_mat_init(M, n, n);
    set_mat(M, A, n, n);
    polyvec_init(v, n, R);
    ck_assert_int_eq(polyvec_set_affine(v, M, NULL, NULL), POLY_OK);
    fmpq_mat_clear(M);
}

/* ---- collecting emitted entries ---- */

typedef struct {
    fmpq_mat_struct *M;
    slong roff;
    slong count;
    slong lastcol, lastrow;
    int ordered; /* 1 while columns ascend and rows ascend within each column */
} Collect;

static int collect(void *ctx, slong row, slong col, const fmpq_t val)
{
    Collect *c = ctx;
    ck_assert(row + c->roff < fmpq_mat_nrows(c->M) && col < fmpq_mat_ncols(c->M));
    ck_assert(!fmpq_is_zero(val));
    if (col < c->lastcol || (col == c->lastcol && row <= c->lastrow))
        c->ordered = 0;
    c->lastcol = col;
    c->lastrow = row;
    fmpq_set(fmpq_mat_entry(c->M, c->roff + row, col), val);
    c->count++;
    return 0;
}

static void collect_init(Collect *c, fmpq_mat_struct *M, slong roff)
{
    c->M = M;
    c->roff = roff;
    c->count = 0;
    c->lastcol = -1;
    c->lastrow = -1;
    c->ordered = 1;
}

static slong nullity(const fmpq_mat_t M)
{
    fmpq_mat_t R;
    fmpq_mat_init(R, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    slong rank = fmpq_mat_rref(R, M);
    fmpq_mat_clear(R);
    return fmpq_mat_ncols(M) - rank;
}

/* Nullity of the stacked constraints lie(A_g, ·) for the given generators
   (fiber generator = the constant matrix A_g when k = n, none when k = 1),
   plus optional discrete element (g, T). */
static slong constraint_nullity(PolyRing *R, const slong *const *gens, int ngens, slong k, slong d,
                                const slong *g, const slong *T)
{
    char err[POLY_ERR_LEN];
    slong n = R->nvars;
    slong N = monobasis_size(n, d);
    slong rows = (slong)ngens * k * N + (g != NULL ? k * N : 0);
    fmpq_mat_t M;
    fmpq_mat_init(M, rows > 0 ? rows : 1, k * N);
    Collect c;
    for (int i = 0; i < ngens; i++) {
        PolyVec v;
        linear_field(&v, gens[i], R);
        PolyMat b;
        polymat_init(&b, k, k, R);
        if (k == n)
            ck_assert_int_eq(section_fiber_tangent(&b, &v, err), POLY_OK);
        slong dout = -1;
        collect_init(&c, M, (slong)i * k * N);
        ck_assert_int_eq(section_lie_matrix(collect, &c, k == n ? &b : NULL, &v, k, d, &dout, err),
                         POLY_OK);
        ck_assert_int_eq(dout, d);
        ck_assert(c.ordered);
        polymat_clear(&b);
        polyvec_clear(&v);
    }
    if (g != NULL) {
        fmpq_mat_t G, TT;
        fmpq_mat_init(G, n, n);
        fmpq_mat_init(TT, k, k);
        set_mat(G, g, n, n);
        set_mat(TT, T, k, k);
        collect_init(&c, M, (slong)ngens * k * N);
        ck_assert_int_eq(section_act_matrix(collect, &c, G, TT, k, d, err), POLY_OK);
        fmpq_mat_clear(G);
        fmpq_mat_clear(TT);
    }
    slong r = nullity(M);
    fmpq_mat_clear(M);
    return r;
}

/* ---- PAPER §6 ---- */

START_TEST(test_T1_T2_so2)
{
    PolyRing *R = polyring_new(2, XYZ);
    const slong *gens[1] = {J2};
    const slong t1[7] = {1, 1, 2, 2, 3, 3, 4};
    const slong t2[6] = {0, 2, 2, 4, 4, 6};
    for (slong d = 0; d <= 6; d++)
        ck_assert_int_eq(constraint_nullity(R, gens, 1, 1, d, NULL, NULL), t1[d]);
    for (slong d = 0; d <= 5; d++)
        ck_assert_int_eq(constraint_nullity(R, gens, 1, 2, d, NULL, NULL), t2[d]);
    polyring_decref(R);
}
END_TEST

START_TEST(test_T3_T4_so3)
{
    PolyRing *R = polyring_new(3, XYZ);
    const slong *gens[2] = {LX, LY}; /* a generating set of so(3) */
    const slong t3[5] = {1, 1, 2, 2, 3};
    const slong t4[4] = {0, 1, 1, 2};
    for (slong d = 0; d <= 4; d++)
        ck_assert_int_eq(constraint_nullity(R, gens, 2, 1, d, NULL, NULL), t3[d]);
    for (slong d = 0; d <= 3; d++)
        ck_assert_int_eq(constraint_nullity(R, gens, 2, 3, d, NULL, NULL), t4[d]);
    polyring_decref(R);
}
END_TEST

START_TEST(test_T25_o2)
{
    PolyRing *R = polyring_new(2, XYZ);
    const slong *gens[1] = {J2};
    const slong refl[4] = {1, 0, 0, -1};
    const slong one[1] = {1};
    const slong t25[6] = {0, 1, 1, 2, 2, 3};
    for (slong d = 0; d <= 5; d++)
        ck_assert_int_eq(constraint_nullity(R, gens, 1, 2, d, refl, refl), t25[d]);
    ck_assert_int_eq(constraint_nullity(R, gens, 1, 1, 4, refl, one), 3);
    /* the reflection alone: fields (a(x, y^2), y b(x, y^2)) */
    ck_assert_int_eq(constraint_nullity(R, gens, 0, 2, 1, refl, refl), 3);
    polyring_decref(R);
}
END_TEST

START_TEST(test_T35_derivation_matrix)
{
    /* PAPER T35 lists the derivation X_J = −y∂x + x∂y = (Jx)·∇ applied to the
       basis [1, x, y, x², xy, y²].  Our convention (DESIGN §2) is
       lie(J, m) = −∇m·(Jx), so section_lie_matrix returns exactly −R_J. */
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(2, XYZ);
    PolyVec v;
    linear_field(&v, J2, R);
    fmpq_mat_t M;
    fmpq_mat_init(M, 6, 6);
    Collect c;
    collect_init(&c, M, 0);
    slong dout = -1;
    ck_assert_int_eq(section_lie_matrix(collect, &c, NULL, &v, 1, 2, &dout, err), POLY_OK);
    ck_assert_int_eq(dout, 2);
    const slong RJ[36] = {
        /* columns of R_J, written as rows here: column j = image of basis j */
        0, 0, 0,  0, 0,  0,  /* 1 -> 0 */
        0, 0, -1, 0, 0,  0,  /* x -> -y */
        0, 1, 0,  0, 0,  0,  /* y -> x */
        0, 0, 0,  0, -2, 0,  /* x^2 -> -2xy */
        0, 0, 0,  1, 0,  -1, /* xy -> x^2 - y^2 */
        0, 0, 0,  0, 2,  0,  /* y^2 -> 2xy */
    };
    for (slong j = 0; j < 6; j++)
        for (slong i = 0; i < 6; i++)
            ck_assert_msg(fmpq_equal_si(fmpq_mat_entry(M, i, j), -RJ[j * 6 + i]),
                          "entry (%ld, %ld)", (long)i, (long)j);
    ck_assert_int_eq(c.count, 6);
    ck_assert_int_eq(nullity(M), 2); /* {1, x^2 + y^2} */
    fmpq_mat_clear(M);
    polyvec_clear(&v);
    polyring_decref(R);
}
END_TEST

static void assert_vec(const PolyVec *v, const char *const *want)
{
    for (slong i = 0; i < v->len; i++) {
        char *s = poly_to_string(v->p + i, v->R, POLY_FMT_PLAIN);
        ck_assert_msg(strcmp(s, want[i]) == 0, "component %ld: got '%s', want '%s'", (long)i, s,
                      want[i]);
        free(s);
    }
}

static void bracket_case(PolyRing *R, const char *const *X, const char *const *Y,
                         const char *const *want)
{
    char err[POLY_ERR_LEN];
    PolyVec a, b, o;
    polyvec_init(&a, R->nvars, R);
    polyvec_init(&b, R->nvars, R);
    polyvec_init(&o, R->nvars, R);
    for (slong i = 0; i < R->nvars; i++) {
        parse(a.p + i, X[i], R);
        parse(b.p + i, Y[i], R);
    }
    ck_assert_int_eq(section_bracket(&o, &a, &b, err), POLY_OK);
    assert_vec(&o, want);
    /* aliasing: out = X */
    ck_assert_int_eq(section_bracket(&a, &a, &b, err), POLY_OK);
    assert_vec(&a, want);
    polyvec_clear(&a);
    polyvec_clear(&b);
    polyvec_clear(&o);
}

START_TEST(test_T7_brackets)
{
    PolyRing *R = polyring_new(2, XYZ);
    bracket_case(R, (const char *[]){"-y", "x"}, (const char *[]){"x", "y"},
                 (const char *[]){"0", "0"});
    bracket_case(R, (const char *[]){"1", "0"}, (const char *[]){"0", "x"},
                 (const char *[]){"0", "1"});
    bracket_case(R, (const char *[]){"x", "0"}, (const char *[]){"x^2", "0"},
                 (const char *[]){"x^2", "0"});
    bracket_case(R, (const char *[]){"1", "0"}, (const char *[]){"x^2", "0"},
                 (const char *[]){"2*x", "0"});
    polyring_decref(R);
    /* T6b: [L_x x, L_y x] = (y, −x, 0) = −L_z x */
    R = polyring_new(3, XYZ);
    bracket_case(R, (const char *[]){"0", "-z", "y"}, (const char *[]){"z", "0", "-x"},
                 (const char *[]){"y", "-x", "0"});
    polyring_decref(R);
}
END_TEST

START_TEST(test_lie_examples)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(2, XYZ);
    PolyVec v, F, o;
    linear_field(&v, J2, R);
    polyvec_init(&F, 1, R);
    polyvec_init(&o, 1, R);
    parse(F.p, "x^2 + y^2", R);
    ck_assert_int_eq(section_lie(&o, NULL, &v, &F, err), POLY_OK);
    assert_vec(&o, (const char *[]){"0"});
    parse(F.p, "x^3*y", R); /* DESIGN §1 */
    ck_assert_int_eq(section_lie(&o, NULL, &v, &F, err), POLY_OK);
    assert_vec(&o, (const char *[]){"-x^4 + 3*x^2*y^2"});
    /* vector fields: lie = −bracket(v, F) */
    PolyVec G, o2, br;
    polyvec_init(&G, 2, R);
    polyvec_init(&o2, 2, R);
    polyvec_init(&br, 2, R);
    parse(G.p, "x^2*y + y", R);
    parse(G.p + 1, "x - y^3", R);
    PolyMat b;
    polymat_init(&b, 2, 2, R);
    ck_assert_int_eq(section_fiber_tangent(&b, &v, err), POLY_OK);
    ck_assert_int_eq(section_lie(&o2, &b, &v, &G, err), POLY_OK);
    ck_assert_int_eq(section_bracket(&br, &v, &G, err), POLY_OK);
    for (int i = 0; i < 2; i++) {
        fmpq_mpoly_neg(br.p + i, br.p + i, R->ctx);
        ck_assert(fmpq_mpoly_equal(br.p + i, o2.p + i, R->ctx));
    }
    /* divergence */
    fmpq_mpoly_t dv;
    fmpq_mpoly_init(dv, R->ctx);
    ck_assert_int_eq(section_divergence(dv, &G, err), POLY_OK);
    char *s = poly_to_string(dv, R, POLY_FMT_PLAIN);
    ck_assert_str_eq(s, "2*x*y - 3*y^2");
    free(s);
    fmpq_mpoly_clear(dv, R->ctx);
    /* jacobian */
    PolyMat Jm;
    polymat_init(&Jm, 2, 2, R);
    ck_assert_int_eq(section_jacobian(&Jm, &G, err), POLY_OK);
    s = poly_to_string(polymat_entry(&Jm, 0, 1), R, POLY_FMT_PLAIN);
    ck_assert_str_eq(s, "x^2 + 1");
    free(s);
    polymat_clear(&Jm);
    polymat_clear(&b);
    polyvec_clear(&G);
    polyvec_clear(&o2);
    polyvec_clear(&br);
    polyvec_clear(&v);
    polyvec_clear(&F);
    polyvec_clear(&o);
    polyring_decref(R);
}
END_TEST

/* ---- homomorphism property (T31) ---- */

static void random_poly(fmpq_mpoly_t p, flint_rand_t st, slong len, slong degbound,
                        const PolyRing *R)
{
    fmpq_mpoly_randtest_bound(p, st, len, 8, degbound, R->ctx);
}

/* lie with generator (A as matrix; fiber b given by fib(A)) */
typedef void (*FiberFn)(PolyMat *b, const PolyVec *v);

static void fib_none(PolyMat *b, const PolyVec *v)
{
    (void)b;
    (void)v;
}
static void fib_tangent(PolyMat *b, const PolyVec *v)
{
    ck_assert_int_eq(section_fiber_tangent(b, v, NULL), POLY_OK);
}
static void fib_tensor11(PolyMat *b, const PolyVec *v)
{
    ck_assert_int_eq(section_fiber_tensor(b, v, 1, 1, NULL), POLY_OK);
}
static void fib_tensor02(PolyMat *b, const PolyVec *v)
{
    ck_assert_int_eq(section_fiber_tensor(b, v, 0, 2, NULL), POLY_OK);
}

static void lie_A(PolyVec *out, const fmpq_mat_t A, const PolyVec *F, FiberFn fib, int useb)
{
    char err[POLY_ERR_LEN];
    PolyVec v;
    polyvec_init(&v, F->R->nvars, F->R);
    ck_assert_int_eq(polyvec_set_affine(&v, A, NULL, err), POLY_OK);
    PolyMat b;
    polymat_init(&b, F->len, F->len, F->R);
    fib(&b, &v);
    ck_assert_int_eq(section_lie(out, useb ? &b : NULL, &v, F, err), POLY_OK);
    polymat_clear(&b);
    polyvec_clear(&v);
}

static void check_homomorphism(const fmpq_mat_t A, const fmpq_mat_t B, const PolyVec *F,
                               FiberFn fib, int useb)
{
    slong n = F->R->nvars, k = F->len;
    fmpq_mat_t C, T;
    fmpq_mat_init(C, n, n);
    fmpq_mat_init(T, n, n);
    fmpq_mat_mul(C, A, B);
    fmpq_mat_mul(T, B, A);
    fmpq_mat_sub(C, C, T);
    PolyVec l1, l2, ab, ba;
    polyvec_init(&l1, k, F->R);
    polyvec_init(&l2, k, F->R);
    polyvec_init(&ab, k, F->R);
    polyvec_init(&ba, k, F->R);
    lie_A(&l1, C, F, fib, useb);
    lie_A(&l2, B, F, fib, useb);
    lie_A(&ab, A, &l2, fib, useb);
    lie_A(&l2, A, F, fib, useb);
    lie_A(&ba, B, &l2, fib, useb);
    for (slong i = 0; i < k; i++) {
        fmpq_mpoly_sub(ab.p + i, ab.p + i, ba.p + i, F->R->ctx);
        if (!fmpq_mpoly_equal(ab.p + i, l1.p + i, F->R->ctx)) {
            char *s = poly_to_string(F->p + i, F->R, POLY_FMT_PLAIN);
            flint_printf("homomorphism failed, component %wd of F = %s, A = ", i, s);
            fmpq_mat_print(A);
            flint_printf("B = ");
            fmpq_mat_print(B);
            free(s);
            ck_abort();
        }
    }
    polyvec_clear(&l1);
    polyvec_clear(&l2);
    polyvec_clear(&ab);
    polyvec_clear(&ba);
    fmpq_mat_clear(C);
    fmpq_mat_clear(T);
}

START_TEST(test_T31_homomorphism)
{
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    fmpq_mat_t A, B;
    fmpq_mat_init(A, 3, 3);
    fmpq_mat_init(B, 3, 3);
    /* the literal T31 case */
    set_mat(A, LX, 3, 3);
    set_mat(B, LY, 3, 3);
    PolyVec F;
    polyvec_init(&F, 1, R);
    parse(F.p, "x^3*y + 2*y*z^2 + x", R);
    check_homomorphism(A, B, &F, fib_none, 0);
    polyvec_clear(&F);
    for (int it = 0; it < 40; it++) {
        fmpq_mat_randtest(A, st, 4);
        fmpq_mat_randtest(B, st, 4);
        polyvec_init(&F, 1, R);
        random_poly(F.p, st, 8, 4, R);
        check_homomorphism(A, B, &F, fib_none, 0);
        polyvec_clear(&F);
        polyvec_init(&F, 3, R);
        for (int i = 0; i < 3; i++)
            random_poly(F.p + i, st, 6, 3, R);
        check_homomorphism(A, B, &F, fib_tangent, 1);
        polyvec_clear(&F);
        if (it < 10) {
            polyvec_init(&F, 9, R);
            for (int i = 0; i < 9; i++)
                random_poly(F.p + i, st, 4, 3, R);
            check_homomorphism(A, B, &F, fib_tensor11, 1);
            check_homomorphism(A, B, &F, fib_tensor02, 1);
            polyvec_clear(&F);
        }
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

START_TEST(test_nonlinear_fields_and_leibniz)
{
    /* For polynomial fields v, w and scalars (b = 0):
       lie(v, lie(w, f)) − lie(w, lie(v, f)) = −lie(bracket(v, w), f),
       and lie(v, f g) = lie(v, f) g + f lie(v, g). */
    char err[POLY_ERR_LEN];
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    PolyVec v, w, br, f, g, fg, t1, t2, t3;
    polyvec_init(&v, 3, R);
    polyvec_init(&w, 3, R);
    polyvec_init(&br, 3, R);
    polyvec_init(&f, 1, R);
    polyvec_init(&g, 1, R);
    polyvec_init(&fg, 1, R);
    polyvec_init(&t1, 1, R);
    polyvec_init(&t2, 1, R);
    polyvec_init(&t3, 1, R);
    for (int it = 0; it < 50; it++) {
        for (int i = 0; i < 3; i++) {
            random_poly(v.p + i, st, 4, 3, R);
            random_poly(w.p + i, st, 4, 3, R);
        }
        random_poly(f.p, st, 6, 4, R);
        random_poly(g.p, st, 6, 4, R);
        ck_assert_int_eq(section_bracket(&br, &v, &w, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t1, NULL, &w, &f, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t1, NULL, &v, &t1, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t2, NULL, &v, &f, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t2, NULL, &w, &t2, err), POLY_OK);
        fmpq_mpoly_sub(t1.p, t1.p, t2.p, R->ctx);
        ck_assert_int_eq(section_lie(&t3, NULL, &br, &f, err), POLY_OK);
        fmpq_mpoly_neg(t3.p, t3.p, R->ctx);
        ck_assert(fmpq_mpoly_equal(t1.p, t3.p, R->ctx));
        /* Leibniz */
        fmpq_mpoly_mul(fg.p, f.p, g.p, R->ctx);
        ck_assert_int_eq(section_lie(&t1, NULL, &v, &fg, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t2, NULL, &v, &f, err), POLY_OK);
        ck_assert_int_eq(section_lie(&t3, NULL, &v, &g, err), POLY_OK);
        fmpq_mpoly_mul(t2.p, t2.p, g.p, R->ctx);
        fmpq_mpoly_mul(t3.p, t3.p, f.p, R->ctx);
        fmpq_mpoly_add(t2.p, t2.p, t3.p, R->ctx);
        ck_assert(fmpq_mpoly_equal(t1.p, t2.p, R->ctx));
    }
    polyvec_clear(&v);
    polyvec_clear(&w);
    polyvec_clear(&br);
    polyvec_clear(&f);
    polyvec_clear(&g);
    polyvec_clear(&fg);
    polyvec_clear(&t1);
    polyvec_clear(&t2);
    polyvec_clear(&t3);
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

/* ---- builders against direct computation ---- */

static int vec_equal(const fmpq *a, const fmpq *b, slong n)
{
    for (slong i = 0; i < n; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

static int mat_singular(const fmpq_mat_t g)
{
    fmpq_t d;
    fmpq_init(d);
    fmpq_mat_det(d, g);
    int r = fmpq_is_zero(d);
    fmpq_clear(d);
    return r;
}

typedef struct {
    const fmpq *x;
    fmpq *y;
    slong ny;
    fmpq_t t;
} Apply;

static int apply_entry(void *ctx, slong row, slong col, const fmpq_t val)
{
    Apply *a = ctx;
    ck_assert(row < a->ny);
    fmpq_mul(a->t, val, a->x + col);
    fmpq_add(a->y + row, a->y + row, a->t);
    return 0;
}

START_TEST(test_lie_matrix_vs_direct)
{
    char err[POLY_ERR_LEN];
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    const slong k = 2, d = 3;
    for (int it = 0; it < 30; it++) {
        PolyVec v, F, L;
        PolyMat b;
        polyvec_init(&v, 3, R);
        polyvec_init(&F, k, R);
        polyvec_init(&L, k, R);
        polymat_init(&b, k, k, R);
        for (int i = 0; i < 3; i++)
            random_poly(v.p + i, st, 4, 3, R);
        for (int i = 0; i < k * k; i++)
            random_poly(b.p + i, st, 3, 2, R);
        for (int i = 0; i < k; i++)
            random_poly(F.p + i, st, 10, 2, R); /* exponents < 2: degree <= 3 */
        int useb = it % 3 != 0;
        slong dout = -1;
        slong need = section_lie_matrix_degree(useb ? &b : NULL, &v, d);
        MonoBasis Bin, Bout;
        ck_assert_int_eq(monobasis_init(&Bin, 3, d, err), POLY_OK);
        ck_assert_int_eq(monobasis_init(&Bout, 3, need, err), POLY_OK);
        fmpq *x = _fmpq_vec_init(k * Bin.size);
        fmpq *want = _fmpq_vec_init(k * Bout.size);
        Apply a = {x, _fmpq_vec_init(k * Bout.size), k * Bout.size, {{0, 1}}};
        fmpq_init(a.t);
        ck_assert_int_eq(monobasis_coeffs_vec(x, F.p, k, &Bin, R, err), POLY_OK);
        ck_assert_int_eq(
            section_lie_matrix(apply_entry, &a, useb ? &b : NULL, &v, k, d, &dout, err), POLY_OK);
        ck_assert_int_eq(dout, need);
        ck_assert_int_eq(section_lie(&L, useb ? &b : NULL, &v, &F, err), POLY_OK);
        ck_assert_int_eq(monobasis_coeffs_vec(want, L.p, k, &Bout, R, err), POLY_OK);
        ck_assert(vec_equal(want, a.y, k * Bout.size));
        /* a forced larger output degree works, a smaller one is refused */
        slong big = need + 1, small = need - 1;
        Collect cc;
        fmpq_mat_t M;
        fmpq_mat_init(M, k * monobasis_size(3, big), k * Bin.size);
        collect_init(&cc, M, 0);
        ck_assert_int_eq(section_lie_matrix(collect, &cc, useb ? &b : NULL, &v, k, d, &big, err),
                         POLY_OK);
        fmpq_mat_clear(M);
        if (small >= 0)
            ck_assert_int_eq(
                section_lie_matrix(apply_entry, &a, useb ? &b : NULL, &v, k, d, &small, err),
                POLY_ERR_ARG);
        fmpq_clear(a.t);
        _fmpq_vec_clear(a.y, k * Bout.size);
        _fmpq_vec_clear(want, k * Bout.size);
        _fmpq_vec_clear(x, k * Bin.size);
        monobasis_clear(&Bin);
        monobasis_clear(&Bout);
        polyvec_clear(&v);
        polyvec_clear(&F);
        polyvec_clear(&L);
        polymat_clear(&b);
    }
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

START_TEST(test_act_matrix_vs_direct)
{
    char err[POLY_ERR_LEN];
    flint_rand_t st;
    flint_randinit(st);
    PolyRing *R = polyring_new(3, XYZ);
    const slong k = 2, d = 3;
    fmpq_mat_t g, T;
    fmpq_mat_init(g, 3, 3);
    fmpq_mat_init(T, k, k);
    MonoBasis B;
    ck_assert_int_eq(monobasis_init(&B, 3, d, err), POLY_OK);
    for (int it = 0; it < 30; it++) {
        do
            fmpq_mat_randtest(g, st, 3);
        while (mat_singular(g));
        fmpq_mat_randtest(T, st, 3);
        PolyVec F, G;
        polyvec_init(&F, k, R);
        polyvec_init(&G, k, R);
        for (int i = 0; i < k; i++)
            random_poly(F.p + i, st, 10, 2, R);
        fmpq *x = _fmpq_vec_init(k * B.size);
        fmpq *want = _fmpq_vec_init(k * B.size);
        Apply a = {x, _fmpq_vec_init(k * B.size), k * B.size, {{0, 1}}};
        fmpq_init(a.t);
        ck_assert_int_eq(monobasis_coeffs_vec(x, F.p, k, &B, R, err), POLY_OK);
        ck_assert_int_eq(section_act_matrix(apply_entry, &a, g, T, k, d, err), POLY_OK);
        ck_assert_int_eq(section_act(&G, g, T, &F, err), POLY_OK);
        for (int i = 0; i < k; i++)
            fmpq_mpoly_sub(G.p + i, G.p + i, F.p + i, R->ctx);
        ck_assert_int_eq(monobasis_coeffs_vec(want, G.p, k, &B, R, err), POLY_OK);
        ck_assert(vec_equal(want, a.y, k * B.size));
        fmpq_clear(a.t);
        _fmpq_vec_clear(a.y, k * B.size);
        _fmpq_vec_clear(want, k * B.size);
        _fmpq_vec_clear(x, k * B.size);
        polyvec_clear(&F);
        polyvec_clear(&G);
    }
    /* act with a rotation by 90 degrees about z: x -> y-ish, check by hand.
       g = Lz + e3e3ᵀ maps (x,y,z) to (−y, x, z); g⁻¹x = (y, −x, z). */
    const slong rot[9] = {0, -1, 0, 1, 0, 0, 0, 0, 1};
    set_mat(g, rot, 3, 3);
    fmpq_mat_t T1;
    fmpq_mat_init(T1, 1, 1);
    fmpq_one(fmpq_mat_entry(T1, 0, 0));
    PolyVec F, G;
    polyvec_init(&F, 1, R);
    polyvec_init(&G, 1, R);
    parse(F.p, "x^2*z + 2*y", R);
    ck_assert_int_eq(section_act(&G, g, T1, &F, err), POLY_OK);
    assert_vec(&G, (const char *[]){"y^2*z - 2*x"});
    /* singular */
    fmpq_mat_zero(g);
    ck_assert_int_eq(section_act(&G, g, T1, &F, err), POLY_ERR_DOMAIN);
    ck_assert_str_eq(err, "singular group element");
    ck_assert_int_eq(section_act_matrix(apply_entry, NULL, g, T1, 1, 2, err), POLY_ERR_DOMAIN);
    polyvec_clear(&F);
    polyvec_clear(&G);
    fmpq_mat_clear(T1);
    monobasis_clear(&B);
    fmpq_mat_clear(g);
    fmpq_mat_clear(T);
    polyring_decref(R);
    flint_randclear(st);
}
END_TEST

/* ---- fiber generators ---- */

START_TEST(test_fiber_generators)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(2, XYZ);
    PolyVec v;
    polyvec_init(&v, 2, R);
    parse(v.p, "x^2", R);
    parse(v.p + 1, "x*y", R);
    PolyMat t, c, t10, t01, t11, kr;
    polymat_init(&t, 2, 2, R);
    polymat_init(&c, 2, 2, R);
    polymat_init(&t10, 2, 2, R);
    polymat_init(&t01, 2, 2, R);
    polymat_init(&t11, 4, 4, R);
    polymat_init(&kr, 4, 4, R);
    ck_assert_int_eq(section_fiber_tangent(&t, &v, err), POLY_OK);
    ck_assert_int_eq(section_fiber_cotangent(&c, &v, err), POLY_OK);
    const char *wt[4] = {"2*x", "0", "y", "x"};
    const char *wc[4] = {"-2*x", "-y", "0", "-x"};
    for (int i = 0; i < 4; i++) {
        char *s = poly_to_string(t.p + i, R, 0);
        ck_assert_str_eq(s, wt[i]);
        free(s);
        s = poly_to_string(c.p + i, R, 0);
        ck_assert_str_eq(s, wc[i]);
        free(s);
    }
    ck_assert_int_eq(section_fiber_tensor(&t10, &v, 1, 0, err), POLY_OK);
    ck_assert_int_eq(section_fiber_tensor(&t01, &v, 0, 1, err), POLY_OK);
    ck_assert_int_eq(section_fiber_tensor(&t11, &v, 1, 1, err), POLY_OK);
    ck_assert_int_eq(section_fiber_kron_sum(&kr, &t, 2, &c, 2, err), POLY_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert(fmpq_mpoly_equal(t.p + i, t10.p + i, R->ctx));
        ck_assert(fmpq_mpoly_equal(c.p + i, t01.p + i, R->ctx));
    }
    /* (1,1): b[(i,j),(i',j')] = Dv[i][i'] δ_jj' − Dv[j'][j] δ_ii' */
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            for (int i2 = 0; i2 < 2; i2++)
                for (int j2 = 0; j2 < 2; j2++) {
                    fmpq_mpoly_t e;
                    fmpq_mpoly_init(e, R->ctx);
                    if (j == j2)
                        fmpq_mpoly_add(e, e, polymat_entry(&t, i, i2), R->ctx);
                    if (i == i2)
                        fmpq_mpoly_sub(e, e, polymat_entry(&t, j2, j), R->ctx);
                    ck_assert(
                        fmpq_mpoly_equal(e, polymat_entry(&t11, i * 2 + j, i2 * 2 + j2), R->ctx));
                    ck_assert(
                        fmpq_mpoly_equal(e, polymat_entry(&kr, i * 2 + j, i2 * 2 + j2), R->ctx));
                    fmpq_mpoly_clear(e, R->ctx);
                }
    /* (0,0): scalars; shape errors */
    PolyMat z;
    polymat_init(&z, 1, 1, R);
    ck_assert_int_eq(section_fiber_tensor(&z, &v, 0, 0, err), POLY_OK);
    ck_assert(fmpq_mpoly_is_zero(z.p, R->ctx));
    ck_assert_int_eq(section_fiber_tensor(&z, &v, 1, 0, err), POLY_ERR_ARG);
    ck_assert_int_eq(section_fiber_tensor(&z, &v, 20, 0, err), POLY_ERR_LIMIT);
    polymat_clear(&z);
    polymat_clear(&t);
    polymat_clear(&c);
    polymat_clear(&t10);
    polymat_clear(&t01);
    polymat_clear(&t11);
    polymat_clear(&kr);
    polyvec_clear(&v);
    polyring_decref(R);
}
END_TEST

/* ---- errors ---- */

static int failing_emit(void *ctx, slong row, slong col, const fmpq_t val)
{
    (void)ctx;
    (void)row;
    (void)col;
    (void)val;
    return 1;
}

START_TEST(test_errors)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(2, XYZ);
    PolyRing *S = polyring_new(3, XYZ);
    PolyVec v, F, o, w;
    linear_field(&v, J2, R);
    polyvec_init(&F, 1, S);
    polyvec_init(&o, 1, S);
    polyvec_init(&w, 3, S);
    ck_assert_int_eq(section_lie(&o, NULL, &v, &F, err), POLY_ERR_ARG);
    char want[64];
    snprintf(want, sizeof want, "ring #%lu", R->id);
    ck_assert_msg(strstr(err, want) != NULL, "message: %s", err);
    snprintf(want, sizeof want, "ring #%lu", S->id);
    ck_assert_msg(strstr(err, want) != NULL, "message: %s", err);
    /* wrong lengths */
    PolyVec F2;
    polyvec_init(&F2, 2, S);
    ck_assert_int_eq(section_lie(&o, NULL, &w, &F2, err), POLY_ERR_ARG);
    PolyMat b;
    polymat_init(&b, 2, 2, S);
    ck_assert_int_eq(section_lie(&o, &b, &w, &F, err), POLY_ERR_ARG);
    ck_assert_int_eq(section_bracket(&w, &v, &w, err), POLY_ERR_ARG);
    /* callback failure */
    slong dout = -1;
    ck_assert_int_eq(section_lie_matrix(failing_emit, NULL, NULL, &v, 1, 2, &dout, err),
                     POLY_ERR_CALLBACK);
    /* degree limits */
    dout = -1;
    ck_assert_int_eq(section_lie_matrix(failing_emit, NULL, NULL, &v, 1, 5000, &dout, err),
                     POLY_ERR_LIMIT);
    ck_assert_int_eq(section_lie_matrix(failing_emit, NULL, NULL, &v, -1, 2, &dout, err),
                     POLY_ERR_ARG);
    dout = -1;
    ck_assert_int_eq(section_lie_matrix(failing_emit, NULL, NULL, &v, 1, WORD_MAX, &dout, err),
                     POLY_ERR_LIMIT);
    fmpq_mat_t g0, t0;
    fmpq_mat_init(g0, 0, 0);
    fmpq_mat_init(t0, 1, 1);
    ck_assert_int_eq(section_act_matrix(failing_emit, NULL, g0, t0, 1, WORD_MAX, err),
                     POLY_ERR_LIMIT);
    ck_assert_int_eq(section_act_matrix(failing_emit, NULL, g0, t0, 2, 3, err), POLY_ERR_ARG);
    fmpq_mat_clear(g0);
    fmpq_mat_clear(t0);
    parse(F.p, "x^6000", S);
    parse(w.p, "y^6000", S);
    ck_assert_int_eq(section_lie(&o, NULL, &w, &F, err), POLY_ERR_LIMIT);
    polymat_clear(&b);
    polyvec_clear(&F2);
    polyvec_clear(&v);
    polyvec_clear(&F);
    polyvec_clear(&o);
    polyvec_clear(&w);
    polyring_decref(R);
    polyring_decref(S);
}
END_TEST

/* ---- timing (reported, not asserted) ---- */

static int count_emit(void *ctx, slong row, slong col, const fmpq_t val)
{
    (void)row;
    (void)col;
    (void)val;
    (*(slong *)ctx)++;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

START_TEST(test_timing)
{
    char err[POLY_ERR_LEN];
    PolyRing *R = polyring_new(3, XYZ);
    const slong *gens[3] = {LX, LY, LZ};
    slong count = 0;
    double t0 = now();
    for (int i = 0; i < 3; i++) {
        PolyVec v;
        linear_field(&v, gens[i], R);
        slong dout = -1;
        ck_assert_int_eq(section_lie_matrix(count_emit, &count, NULL, &v, 1, 24, &dout, err),
                         POLY_OK);
        polyvec_clear(&v);
    }
    double t1 = now();
    fmpq_mat_t g, T;
    fmpq_mat_init(g, 3, 3);
    fmpq_mat_init(T, 1, 1);
    const slong dense[9] = {1, 1, 0, 0, 1, 1, 1, 0, 1};
    set_mat(g, dense, 3, 3);
    fmpq_one(fmpq_mat_entry(T, 0, 0));
    slong count2 = 0;
    ck_assert_int_eq(section_act_matrix(count_emit, &count2, g, T, 1, 24, err), POLY_OK);
    double t2 = now();
    printf("timing: so(3) lie matrices, 3 generators, degree 24 (2925 columns): %.4f s, %ld "
           "nonzeros; dense discrete element at degree 24 (2925 columns): %.4f s, %ld nonzeros\n",
           t1 - t0, (long)count, t2 - t1, (long)count2);
    fmpq_mat_clear(g);
    fmpq_mat_clear(T);
    polyring_decref(R);
}
END_TEST

static Suite *section_suite(void)
{
    Suite *s = suite_create("section");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_T1_T2_so2);
    tcase_add_test(tc, test_T3_T4_so3);
    tcase_add_test(tc, test_T25_o2);
    tcase_add_test(tc, test_T35_derivation_matrix);
    tcase_add_test(tc, test_T7_brackets);
    tcase_add_test(tc, test_lie_examples);
    tcase_add_test(tc, test_T31_homomorphism);
    tcase_add_test(tc, test_nonlinear_fields_and_leibniz);
    tcase_add_test(tc, test_lie_matrix_vs_direct);
    tcase_add_test(tc, test_act_matrix_vs_direct);
    tcase_add_test(tc, test_fiber_generators);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_timing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(section_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup_master();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
