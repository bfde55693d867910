/* test_mpfr_orth.c — Check tests for mpfr_orth: Cholesky and L^{-T} of exact
 * Gram matrices in MPFR.
 *
 * Measured facts this file pins (2-core x86-64, MPFR 4.2, OpenBLAS 0.3.21):
 *  - monomials 1..x^3 on [-1, 1], uniform measure: T is the normalised
 *    Legendre basis; T^T G T = I to < 1e-15 evaluated in MPFR.
 *  - Hilbert matrix of size 12 (condition ~1.7e16): T computed in MPFR and
 *    rounded to double, then T^T H T - I evaluated in MPFR at 256 bits:
 *      64 bits: 3.7e-5;  128, 256 and 512 bits: 1.55e-9 (entrywise max, i.e.
 *      relative to ||I|| = 1).
 *    From 128 bits on the error is that of rounding T to double alone
 *    (about eps * ||L^T|| * ||T||), so more precision cannot lower it; the
 *    test asserts <= 1e-8 at 256 bits and that 64 bits is worse.
 *    The all-double route (dpotrf on the rounded H, then inv(L)^T) gives
 *    3e-2: the MPFR route wins by seven orders of magnitude; the test
 *    asserts at least three.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <flint/flint.h>
#include <flint/fmpq_mat.h>

#include "numeric/dlinalg.h"
#include "numeric/dmat.h"
#include "numeric/mpfr_orth.h"

static void dump_q(const char *name, const fmpq_mat_t G)
{
    fprintf(stderr, "%s =\n", name);
    fmpq_mat_print(G);
    fprintf(stderr, "\n");
    fflush(stdout);
}

#define CHECK_ON(cond, G, ...)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            dump_q("failing input", (G));                                                          \
        ck_assert_msg((cond), __VA_ARGS__);                                                        \
    } while (0)

/* Gram matrix of 1, x, ..., x^(n-1) on [-1, 1] with measure dx / 2. */
static void monomial_gram(fmpq_mat_t G, slong n)
{
    slong i, j;

    fmpq_mat_init(G, n, n);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if ((i + j) % 2 == 0)
                fmpq_set_si(fmpq_mat_entry(G, i, j), 1, (ulong)(i + j + 1));
}

static void hilbert(fmpq_mat_t H, slong n)
{
    slong i, j;

    fmpq_mat_init(H, n, n);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            fmpq_set_si(fmpq_mat_entry(H, i, j), 1, (ulong)(i + j + 1));
}

/* Double copy of an exact matrix (for the comparisons with the double route). */
static DMat *to_dmat(const fmpq_mat_t G)
{
    DMat *A = dmat_new((int)fmpq_mat_nrows(G), (int)fmpq_mat_ncols(G));
    int i, j;

    for (i = 0; i < A->rows; i++)
        for (j = 0; j < A->cols; j++)
            DMAT_AT(A, i, j) = fmpq_get_d(fmpq_mat_entry(G, i, j));
    return A;
}

START_TEST(test_monomials_legendre)
{
    /* Columns of T: sqrt(2k+1) P_k in the monomial basis. */
    const double s3 = sqrt(3.0), s5 = sqrt(5.0), s7 = sqrt(7.0);
    const double expect[4][4] = {
        {1.0, 0.0, -s5 / 2, 0.0},
        {0.0, s3, 0.0, -3 * s7 / 2},
        {0.0, 0.0, 3 * s5 / 2, 0.0},
        {0.0, 0.0, 0.0, 5 * s7 / 2},
    };
    fmpq_mat_t G;
    DMat *T, *L, *Gd, *Ld, *LLt;
    double err;
    int i, j;

    monomial_gram(G, 4);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 256), DLINALG_OK);
    ck_assert_int_eq(mpfr_orth_residual(&err, T, G, 256), DLINALG_OK);
    CHECK_ON(err <= 1e-14, G, "T^T G T - I = %g", err);
    for (i = 0; i < 4; i++)
        for (j = 0; j < 4; j++)
            CHECK_ON(fabs(DMAT_AT(T, i, j) - expect[i][j]) <= 1e-14, G,
                     "T[%d][%d] = %.17g, expected %.17g", i, j, DMAT_AT(T, i, j), expect[i][j]);
    /* The factor itself agrees with the double Cholesky on this easy matrix. */
    ck_assert_int_eq(mpfr_orth_cholesky(&L, G, 128), DLINALG_OK);
    Gd = to_dmat(G);
    ck_assert_int_eq(dlinalg_cholesky(&Ld, Gd), DLINALG_OK);
    for (i = 0; i < 16; i++)
        ck_assert(fabs(L->data[i] - Ld->data[i]) <= 1e-14);
    ck_assert_int_eq(dmat_mul_trans(&LLt, L, 0, L, 1), DLINALG_OK);
    for (i = 0; i < 16; i++)
        ck_assert(fabs(LLt->data[i] - Gd->data[i]) <= 1e-15);
    dmat_free(T);
    dmat_free(L);
    dmat_free(Gd);
    dmat_free(Ld);
    dmat_free(LLt);
    fmpq_mat_clear(G);
}
END_TEST

/* T^T G T - I for the all-double route: dpotrf then T = inv(L)^T. */
static double double_route_error(const fmpq_mat_t G)
{
    DMat *Gd = to_dmat(G), *L, *Li, *T;
    double err = INFINITY;

    if (dlinalg_cholesky(&L, Gd) == DLINALG_OK) {
        if (dlinalg_inv(&Li, L) == DLINALG_OK) {
            T = dmat_transpose(Li);
            ck_assert_int_eq(mpfr_orth_residual(&err, T, G, 256), DLINALG_OK);
            dmat_free(T);
            dmat_free(Li);
        }
        dmat_free(L);
    }
    dmat_free(Gd);
    return err;
}

START_TEST(test_hilbert12)
{
    fmpq_mat_t H;
    DMat *T;
    double err, err_double;

    hilbert(H, 12);
    ck_assert_int_eq(mpfr_orth_transform(&T, H, 256), DLINALG_OK);
    ck_assert_int_eq(mpfr_orth_residual(&err, T, H, 256), DLINALG_OK);
    err_double = double_route_error(H);
    if (getenv("SYM_TEST_VERBOSE"))
        fprintf(stderr, "hilbert12: mpfr route %g, double route %g\n", err, err_double);
    CHECK_ON(err <= 1e-8, H, "MPFR route: |T^T H T - I| = %g", err);
    CHECK_ON(err_double >= 1e3 * err, H, "double route %g not worse than MPFR %g", err_double, err);
    dmat_free(T);
    ck_assert_int_eq(mpfr_orth_transform(&T, H, 64), DLINALG_OK);
    ck_assert_int_eq(mpfr_orth_residual(&err_double, T, H, 256), DLINALG_OK);
    CHECK_ON(err_double > 100 * err, H, "64 bits (%g) not worse than 256 (%g)", err_double, err);
    dmat_free(T);
    fmpq_mat_clear(H);
}
END_TEST

START_TEST(test_precision_matters)
{
    /* [[1, 1], [1, 1 + 2^-60]] is positive definite but its second pivot
     * 2^-60 vanishes at 53 bits. */
    fmpq_mat_t G;
    DMat *T;
    double err;

    fmpq_mat_init(G, 2, 2);
    fmpq_one(fmpq_mat_entry(G, 0, 0));
    fmpq_one(fmpq_mat_entry(G, 0, 1));
    fmpq_one(fmpq_mat_entry(G, 1, 0));
    fmpz_one(fmpq_mat_entry_num(G, 1, 1));
    fmpz_mul_2exp(fmpq_mat_entry_num(G, 1, 1), fmpq_mat_entry_num(G, 1, 1), 60);
    fmpz_add_ui(fmpq_mat_entry_num(G, 1, 1), fmpq_mat_entry_num(G, 1, 1), 1);
    fmpz_one(fmpq_mat_entry_den(G, 1, 1));
    fmpz_mul_2exp(fmpq_mat_entry_den(G, 1, 1), fmpq_mat_entry_den(G, 1, 1), 60);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 53), DLINALG_ERR_PRECISION);
    ck_assert_ptr_null(T);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 128), DLINALG_OK);
    ck_assert(fabs(DMAT_AT(T, 1, 1) - 0x1p30) <= 1e-6);
    ck_assert_int_eq(mpfr_orth_residual(&err, T, G, 256), DLINALG_OK);
    CHECK_ON(err <= 1e-15, G, "residual %g", err);
    dmat_free(T);
    fmpq_mat_clear(G);
}
END_TEST

START_TEST(test_errors)
{
    fmpq_mat_t G, R;
    DMat *T, *W;
    double err;

    fmpq_mat_init(G, 2, 2);
    fmpq_mat_init(R, 2, 3);
    fmpq_set_si(fmpq_mat_entry(G, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(G, 0, 1), 1, 2);
    fmpq_set_si(fmpq_mat_entry(G, 1, 0), 1, 3);
    fmpq_set_si(fmpq_mat_entry(G, 1, 1), 1, 1);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 128), DLINALG_ERR_NOT_SYMMETRIC);
    ck_assert_ptr_null(T);
    /* PSD but singular: [[1, 1], [1, 1]], decided exactly. */
    fmpq_set_si(fmpq_mat_entry(G, 0, 1), 1, 1);
    fmpq_set_si(fmpq_mat_entry(G, 1, 0), 1, 1);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 4096), DLINALG_ERR_NOT_POSDEF);
    ck_assert_int_eq(mpfr_orth_cholesky(&T, G, 128), DLINALG_ERR_NOT_POSDEF);
    /* Indefinite. */
    fmpq_set_si(fmpq_mat_entry(G, 1, 1), -1, 1);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 128), DLINALG_ERR_NOT_POSDEF);
    ck_assert_int_eq(mpfr_orth_transform(&T, R, 128), DLINALG_ERR_DIM);
    fmpq_set_si(fmpq_mat_entry(G, 1, 1), 2, 1);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 10), DLINALG_ERR_ARG);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, MPFR_ORTH_PREC_MAX + 1), DLINALG_ERR_ARG);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 64), DLINALG_OK);
    W = dmat_new(3, 2);
    ck_assert_int_eq(mpfr_orth_residual(&err, W, G, 64), DLINALG_ERR_DIM);
    DMAT_AT(T, 0, 0) = NAN;
    ck_assert_int_eq(mpfr_orth_residual(&err, T, G, 64), DLINALG_ERR_NONFINITE);
    dmat_free(T);
    dmat_free(W);
    fmpq_mat_clear(G);
    fmpq_mat_clear(R);
    /* Empty Gram matrix: empty T. */
    fmpq_mat_init(G, 0, 0);
    ck_assert_int_eq(mpfr_orth_transform(&T, G, 64), DLINALG_OK);
    ck_assert(T->rows == 0 && T->cols == 0);
    dmat_free(T);
    fmpq_mat_clear(G);
}
END_TEST

START_TEST(test_random_gram)
{
    /* Property: for G = B^T B + I with small random integer B, T^T G T = I. */
    flint_rand_t st;
    int trial;

    flint_randinit(st);
    for (trial = 0; trial < 20; trial++) {
        slong n = 1 + (slong)n_randint(st, 8), m = 1 + (slong)n_randint(st, 8), i, j;
        fmpq_mat_t B, Bt, G;
        DMat *T;
        double err;

        fmpq_mat_init(B, m, n);
        fmpq_mat_init(Bt, n, m);
        fmpq_mat_init(G, n, n);
        fmpq_mat_randtest(B, st, 6);
        fmpq_mat_transpose(Bt, B);
        fmpq_mat_mul(G, Bt, B);
        for (i = 0; i < n; i++)
            fmpq_add_si(fmpq_mat_entry(G, i, i), fmpq_mat_entry(G, i, i), 1);
        ck_assert_int_eq(mpfr_orth_transform(&T, G, 128), DLINALG_OK);
        ck_assert_int_eq(mpfr_orth_residual(&err, T, G, 256), DLINALG_OK);
        CHECK_ON(err <= 1e-12, G, "T^T G T - I = %g", err);
        for (j = 0; j < n; j++)
            for (i = j + 1; i < n; i++)
                ck_assert(DMAT_AT(T, i, j) == 0.0); /* upper triangular */
        dmat_free(T);
        fmpq_mat_clear(B);
        fmpq_mat_clear(Bt);
        fmpq_mat_clear(G);
    }
    flint_randclear(st);
}
END_TEST

static Suite *mpfr_orth_suite(void)
{
    Suite *s = suite_create("mpfr_orth");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_monomials_legendre);
    tcase_add_test(tc, test_hilbert12);
    tcase_add_test(tc, test_precision_matters);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_random_gram);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(mpfr_orth_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
