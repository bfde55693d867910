/* test_stlsq.c — Check tests for SINDy's sequentially thresholded least
 * squares (runtime/numeric/stlsq): exact recovery of planted sparse
 * coefficients, the threshold and its argument checks, the Hopf normal form
 * with a cubic monomial library, free and enforced (SO(2)-equivariant).
 * Random inputs come from FLINT's flint_rand_t with its fixed default seed;
 * a failure prints the coefficients involved.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <flint/flint.h>
#include <flint/ulong_extras.h>

#include "numeric/dlinalg.h"
#include "numeric/dmat.h"
#include "numeric/stlsq.h"

static flint_rand_t rnd;

static void setup(void)
{
    flint_randinit(rnd);
}

static void teardown(void)
{
    flint_randclear(rnd);
    flint_cleanup();
}

/* Uniform in [-1, 1). */
static double urand(void)
{
    return (double)(n_randlimb(rnd) >> 11) * 0x1p-52 - 1.0;
}

static DMat *rand_mat(int m, int n)
{
    DMat *A = dmat_new(m, n);
    ck_assert_ptr_nonnull(A);
    for (size_t k = 0; k < dmat_size(A); k++)
        A->data[k] = urand();
    return A;
}

static void dump(const char *name, const DMat *A)
{
    fprintf(stderr, "%s (%d x %d) =\n", name, A->rows, A->cols);
    for (int i = 0; i < A->rows; i++) {
        for (int j = 0; j < A->cols; j++)
            fprintf(stderr, " % .17g", DMAT_AT(A, i, j));
        fputc('\n', stderr);
    }
}

/* Max |A - B|, with a dump of both when above tol. */
static double check_close(const DMat *A, const DMat *B, double tol)
{
    ck_assert_int_eq(A->rows, B->rows);
    ck_assert_int_eq(A->cols, B->cols);
    double d = 0;
    for (size_t k = 0; k < dmat_size(A); k++)
        d = fmax(d, fabs(A->data[k] - B->data[k]));
    if (!(d <= tol)) {
        dump("got", A);
        dump("want", B);
    }
    return d;
}

/* Random Theta (m x n) and a planted Xi with about a third nonzero entries,
 * all of size in [0.5, 2]: noiseless STLSQ with threshold 0.1 must find Xi
 * to rounding, the zeros exactly. */
START_TEST(test_planted_random)
{
    for (int trial = 0; trial < 40; trial++) {
        int n = 3 + (int)n_randint(rnd, 15), k = 1 + (int)n_randint(rnd, 3);
        int m = n + 5 + (int)n_randint(rnd, 40);
        DMat *Theta = rand_mat(m, n), *Xi0 = dmat_zeros(n, k), *dX = NULL, *Xi = NULL;
        for (int j = 0; j < n; j++)
            for (int c = 0; c < k; c++)
                if (n_randint(rnd, 3) == 0) {
                    double v = 0.5 + 1.5 * (urand() + 1) / 2;
                    DMAT_AT(Xi0, j, c) = n_randint(rnd, 2) ? v : -v;
                }
        ck_assert_int_eq(dmat_mul(&dX, Theta, Xi0), 0);
        StlsqParams p;
        stlsq_params_init(&p);
        int it = -1, conv = -1;
        ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dX, &p), 0);
        ck_assert_double_le(check_close(Xi, Xi0, 1e-9), 1e-9);
        for (size_t e = 0; e < dmat_size(Xi); e++)
            if (Xi0->data[e] == 0.0 && Xi->data[e] != 0.0) {
                dump("Theta", Theta);
                ck_abort_msg("trial %d: entry %zu should be exactly 0", trial, e);
            }
        ck_assert_int_eq(conv, 1);
        ck_assert_int_ge(it, 1);
        ck_assert_int_le(it, 10);
        dmat_free(Theta);
        dmat_free(Xi0);
        dmat_free(dX);
        dmat_free(Xi);
    }
}
END_TEST

/* Threshold behaviour on an orthonormal-like design: Theta = I (6 x 3 with
 * a second identity block), dx = Theta (1, 0.05, -0.3): the least-squares
 * fit is exact, so the threshold alone decides what survives. */
START_TEST(test_threshold)
{
    DMat *Theta = dmat_zeros(6, 3), *dx = dmat_zeros(6, 1), *Xi = NULL;
    const double c[3] = {1.0, 0.05, -0.3};
    for (int i = 0; i < 6; i++) {
        DMAT_AT(Theta, i, i % 3) = 1.0;
        DMAT_AT(dx, i, 0) = c[i % 3];
    }
    StlsqParams p;
    stlsq_params_init(&p);
    int it, conv;

    p.threshold = 0.0; /* plain least squares */
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_double_eq_tol(Xi->data[1], 0.05, 1e-14);
    ck_assert_int_eq(it, 1);
    dmat_free(Xi);

    p.threshold = 0.1; /* drops 0.05 only, after one refit */
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_double_eq(Xi->data[1], 0.0);
    ck_assert_double_eq_tol(Xi->data[0], 1.0, 1e-14);
    ck_assert_double_eq_tol(Xi->data[2], -0.3, 1e-14);
    ck_assert_int_eq(it, 2);
    ck_assert_int_eq(conv, 1);
    dmat_free(Xi);

    p.threshold = 0.29; /* just below |xi|: survives */
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_double_eq_tol(Xi->data[2], -0.3, 1e-14);
    dmat_free(Xi);

    p.threshold = 5.0; /* everything drops */
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_double_eq(dmat_norm_max(Xi), 0.0);
    dmat_free(Xi);

    p.threshold = 0.1; /* ridge shrinks: alpha = 2 halves every coefficient */
    p.alpha = 2.0;     /* (Theta^T Theta = 2 I, so xi = 2c / (2 + 2)) */
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_double_eq_tol(Xi->data[0], 0.5, 1e-14);
    ck_assert_double_eq_tol(Xi->data[2], -0.15, 1e-14);
    ck_assert_double_eq(Xi->data[1], 0.0);
    dmat_free(Xi);

    p.max_iter = 1; /* one round: the support still changed, so refit */
    p.alpha = 0;
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dx, &p), 0);
    ck_assert_int_eq(conv, 0);
    ck_assert_double_eq(Xi->data[1], 0.0);
    ck_assert_double_eq_tol(Xi->data[0], 1.0, 1e-14);
    dmat_free(Xi);

    dmat_free(Theta);
    dmat_free(dx);
}
END_TEST

START_TEST(test_errors)
{
    DMat *Theta = dmat_zeros(4, 2), *dx = dmat_zeros(3, 1), *dx4 = dmat_zeros(4, 1);
    DMat *B = dmat_zeros(3, 1), *Xi = NULL;
    StlsqParams p;
    stlsq_params_init(&p);
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx, &p), DLINALG_ERR_DIM);
    p.basis = B;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_DIM);
    p.basis = NULL;
    p.threshold = -1;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_ARG);
    p.threshold = NAN;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_ARG);
    p.threshold = 0.1;
    p.alpha = -1;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_ARG);
    p.alpha = 0;
    p.max_iter = 0;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_ARG);
    p.max_iter = 10;
    DMAT_AT(dx4, 2, 0) = INFINITY;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, &p), DLINALG_ERR_NONFINITE);
    ck_assert_ptr_null(Xi);
    /* An all-zero library is fine: everything drops. */
    DMAT_AT(dx4, 2, 0) = 1.0;
    ck_assert_int_eq(stlsq_fit(&Xi, NULL, NULL, Theta, dx4, NULL), 0);
    ck_assert_double_eq(dmat_norm_max(Xi), 0.0);
    dmat_free(Xi);
    dmat_free(Theta);
    dmat_free(dx);
    dmat_free(dx4);
    dmat_free(B);
}
END_TEST

/* The monomials of degree <= 3 in (x, y), in the order
 * 1, x, y, x^2, xy, y^2, x^3, x^2y, xy^2, y^3. */
#define NMONO 10
static void monomials(double *row, double x, double y)
{
    int c = 0;
    for (int d = 0; d <= 3; d++)
        for (int i = d; i >= 0; i--)
            row[c++] = pow(x, i) * pow(y, d - i);
}

/* Hopf normal form: dx = mu x - w y + (a x - b y) r^2,
 *                   dy = w x + mu y + (b x + a y) r^2. */
static const double MU = 0.5, W = 1.0, A = -1.0, Bc = 0.3;

static void hopf_sample(DMat **Theta, DMat **dX, int m)
{
    *Theta = dmat_new(m, NMONO);
    *dX = dmat_new(m, 2);
    for (int i = 0; i < m; i++) {
        double x = 1.5 * urand(), y = 1.5 * urand(), r2 = x * x + y * y, row[NMONO];
        monomials(row, x, y);
        for (int j = 0; j < NMONO; j++)
            DMAT_AT(*Theta, i, j) = row[j];
        DMAT_AT(*dX, i, 0) = MU * x - W * y + (A * x - Bc * y) * r2;
        DMAT_AT(*dX, i, 1) = W * x + MU * y + (Bc * x + A * y) * r2;
    }
}

START_TEST(test_hopf_free)
{
    DMat *Theta, *dX, *Xi = NULL, *want = dmat_zeros(NMONO, 2);
    hopf_sample(&Theta, &dX, 200);
    /* dx: x, y, x^3, x^2y, xy^2, y^3 */
    const double wx[NMONO] = {0, MU, -W, 0, 0, 0, A, -Bc, A, -Bc};
    const double wy[NMONO] = {0, W, MU, 0, 0, 0, Bc, A, Bc, A};
    for (int j = 0; j < NMONO; j++) {
        DMAT_AT(want, j, 0) = wx[j];
        DMAT_AT(want, j, 1) = wy[j];
    }
    StlsqParams p;
    stlsq_params_init(&p);
    p.threshold = 0.05;
    int it, conv;
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dX, &p), 0);
    ck_assert_double_le(check_close(Xi, want, 1e-10), 1e-10);
    for (int j = 0; j < NMONO; j++)
        if (wx[j] == 0)
            ck_assert_double_eq(DMAT_AT(Xi, j, 0), 0.0);
    ck_assert_int_eq(conv, 1);

    /* With small noise the sparsity pattern survives. */
    for (size_t e = 0; e < dmat_size(dX); e++)
        dX->data[e] += 1e-3 * urand();
    dmat_free(Xi);
    Xi = NULL;
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, Theta, dX, &p), 0);
    ck_assert_double_le(check_close(Xi, want, 1e-2), 1e-2);
    for (int j = 0; j < NMONO; j++) {
        ck_assert((wx[j] == 0) == (DMAT_AT(Xi, j, 0) == 0));
        ck_assert((wy[j] == 0) == (DMAT_AT(Xi, j, 1) == 0));
    }
    dmat_free(Theta);
    dmat_free(dX);
    dmat_free(Xi);
    dmat_free(want);
}
END_TEST

/* Enforced: the SO(2)-equivariant cubic fields are spanned by
 * (x, y), (-y, x), r^2 (x, y), r^2 (-y, x); with the block library
 * I_2 (x) Theta and vec(dX) the enforced coordinates are (mu, w, a, b). */
START_TEST(test_hopf_enforced)
{
    int m = 150;
    DMat *Theta, *dX, *Xi = NULL;
    hopf_sample(&Theta, &dX, m);
    DMat *big = dmat_zeros(2 * m, 2 * NMONO), *y = dmat_new(2 * m, 1);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < NMONO; j++) {
            DMAT_AT(big, i, j) = DMAT_AT(Theta, i, j);
            DMAT_AT(big, m + i, NMONO + j) = DMAT_AT(Theta, i, j);
        }
    for (int i = 0; i < 2 * m; i++)
        y->data[i] = dX->data[i];
    /* basis columns in the stacked coefficients (dx block, then dy block);
     * monomial indices: x 1, y 2, x^3 6, x^2y 7, xy^2 8, y^3 9. */
    DMat *B = dmat_zeros(2 * NMONO, 4);
    DMAT_AT(B, 1, 0) = 1; /* (x, y) */
    DMAT_AT(B, NMONO + 2, 0) = 1;
    DMAT_AT(B, 2, 1) = -1; /* (-y, x) */
    DMAT_AT(B, NMONO + 1, 1) = 1;
    DMAT_AT(B, 6, 2) = 1; /* r^2 (x, y) */
    DMAT_AT(B, 8, 2) = 1;
    DMAT_AT(B, NMONO + 7, 2) = 1;
    DMAT_AT(B, NMONO + 9, 2) = 1;
    DMAT_AT(B, 7, 3) = -1; /* r^2 (-y, x) */
    DMAT_AT(B, 9, 3) = -1;
    DMAT_AT(B, NMONO + 6, 3) = 1;
    DMAT_AT(B, NMONO + 8, 3) = 1;
    DMat *z = dmat_new(4, 1), *want = NULL;
    z->data[0] = MU;
    z->data[1] = W;
    z->data[2] = A;
    z->data[3] = Bc;
    ck_assert_int_eq(dmat_mul(&want, B, z), 0);

    StlsqParams p;
    stlsq_params_init(&p);
    p.basis = B;
    int it, conv;
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, big, y, &p), 0);
    ck_assert_int_eq(Xi->rows, 2 * NMONO);
    ck_assert_double_le(check_close(Xi, want, 1e-10), 1e-10);
    ck_assert_int_eq(it, 1);

    /* A threshold above |b| = 0.3 drops the r^2 (-y, x) direction as a
     * whole: the result stays in the column space of B. */
    dmat_free(Xi);
    Xi = NULL;
    p.threshold = 0.4;
    ck_assert_int_eq(stlsq_fit(&Xi, &it, &conv, big, y, &p), 0);
    ck_assert_double_eq(DMAT_AT(Xi, 7, 0), 0.0);
    ck_assert_double_eq(DMAT_AT(Xi, NMONO + 6, 0), 0.0);
    ck_assert_double_eq(DMAT_AT(Xi, 6, 0), DMAT_AT(Xi, 8, 0));
    ck_assert_double_eq(DMAT_AT(Xi, 6, 0), DMAT_AT(Xi, NMONO + 9, 0));
    ck_assert_int_eq(it, 2);

    dmat_free(Theta);
    dmat_free(dX);
    dmat_free(Xi);
    dmat_free(big);
    dmat_free(y);
    dmat_free(B);
    dmat_free(z);
    dmat_free(want);
}
END_TEST

static Suite *stlsq_suite(void)
{
    Suite *s = suite_create("stlsq");
    TCase *tc = tcase_create("stlsq");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_planted_random);
    tcase_add_test(tc, test_threshold);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_hopf_free);
    tcase_add_test(tc, test_hopf_enforced);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stlsq_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
