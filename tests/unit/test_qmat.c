/* test_qmat.c — Check tests for the guarded dense rational matrix layer.
 *
 * Randomised property tests (fixed seed) against FLINT's own routines and
 * against the defining identities; every failure prints the input matrix.
 */
#include <check.h>
#include <stdio.h>
#include "exact/qmat.h"

#define ITERS 300

static void show(const char *what, const fmpq_mat_t A)
{
    flint_printf("%s (%wd x %wd):\n", what, A->r, A->c);
    fmpq_mat_print(A);
    fflush(stdout);
}

#define REQUIRE(cond, A)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            show("failing input", A);                                                              \
            ck_abort_msg("%s", #cond);                                                             \
        }                                                                                          \
    } while (0)

/* Random r x c matrix: sparse or dense, often rank deficient or with
   repeated rows. */
static void rand_mat(fmpq_mat_t A, flint_rand_t st, slong r, slong c)
{
    slong i, j, kind = n_randint(st, 4), dens = 1 + n_randint(st, 4);
    qmat_resize(A, r, c);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            if (kind == 0 || n_randint(st, dens + 1) == 0)
                fmpq_randtest(fmpq_mat_entry(A, i, j), st, 1 + n_randint(st, 8));
    if (kind == 2 && r > 0 && c > 0) { /* low rank: product */
        fmpq_mat_t L, R;
        slong k = n_randint(st, FLINT_MIN(r, c) + 1);
        fmpq_mat_init(L, r, k);
        fmpq_mat_init(R, k, c);
        for (i = 0; i < r; i++)
            for (j = 0; j < k; j++)
                fmpq_randtest(fmpq_mat_entry(L, i, j), st, 4);
        for (i = 0; i < k; i++)
            for (j = 0; j < c; j++)
                fmpq_randtest(fmpq_mat_entry(R, i, j), st, 4);
        qmat_mul(A, L, R);
        fmpq_mat_clear(L);
        fmpq_mat_clear(R);
    }
    if (kind == 3 && r > 1) /* duplicate a row */
        for (j = 0; j < c; j++)
            fmpq_set(fmpq_mat_entry(A, r - 1, j), fmpq_mat_entry(A, 0, j));
}

START_TEST(test_rank_rref)
{
    flint_rand_t st;
    fmpq_mat_t A, R, R2, F;
    slong it, rk, rk2;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(R, 0, 0);
    fmpq_mat_init(R2, 0, 0);
    for (it = 0; it < ITERS; it++) {
        rand_mat(A, st, n_randint(st, 9), n_randint(st, 9));
        ck_assert_int_eq(qmat_rank(&rk, A), QMAT_OK);
        ck_assert_int_eq(qmat_rref(R, &rk2, A), QMAT_OK);
        REQUIRE(rk == rk2, A);
        REQUIRE(R->r == A->r && R->c == A->c, A);
        if (A->r > 0 && A->c > 0) {
            fmpq_mat_init(F, A->r, A->c);
            REQUIRE(fmpq_mat_rref(F, A) == rk, A);
            REQUIRE(fmpq_mat_equal(F, R), A);
            fmpq_mat_clear(F);
        }
        REQUIRE(rk <= FLINT_MIN(A->r, A->c), A);
        ck_assert_int_eq(qmat_rref(R2, &rk2, R), QMAT_OK); /* idempotent */
        REQUIRE(rk2 == rk && fmpq_mat_equal(R2, R), A);
        ck_assert_int_eq(qmat_rref(R2, NULL, A), QMAT_OK);
        REQUIRE(fmpq_mat_equal(R2, R), A);
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(R);
    fmpq_mat_clear(R2);
    flint_randclear(st);
}
END_TEST

START_TEST(test_det_inv)
{
    flint_rand_t st;
    fmpq_mat_t A, B, P, I;
    fmpq_t d;
    slong it, n;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(P, 0, 0);
    fmpq_init(d);
    for (it = 0; it < ITERS; it++) {
        n = n_randint(st, 7);
        rand_mat(A, st, n, n);
        ck_assert_int_eq(qmat_det(d, A), QMAT_OK);
        if (n == 0)
            REQUIRE(fmpq_is_one(d), A);
        fmpq_mat_init(I, n, n);
        fmpq_mat_one(I);
        if (fmpq_is_zero(d)) {
            REQUIRE(qmat_inv(B, A) == QMAT_E_SINGULAR, A);
        } else {
            REQUIRE(qmat_inv(B, A) == QMAT_OK, A);
            ck_assert_int_eq(qmat_mul(P, B, A), QMAT_OK);
            REQUIRE(fmpq_mat_equal(P, I), A);
            ck_assert_int_eq(qmat_inv(P, A), QMAT_OK);
            ck_assert_int_eq(qmat_inv(P, P), QMAT_OK); /* aliasing */
            REQUIRE(fmpq_mat_equal(P, A), A);
        }
        fmpq_mat_clear(I);
        rand_mat(A, st, n, n + 1 + n_randint(st, 3));
        REQUIRE(qmat_det(d, A) == QMAT_E_NOT_SQUARE, A);
        REQUIRE(qmat_inv(B, A) == QMAT_E_NOT_SQUARE, A);
    }
    fmpq_clear(d);
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(P);
    flint_randclear(st);
}
END_TEST

START_TEST(test_solve)
{
    flint_rand_t st;
    fmpq_mat_t A, X, X0, B, R, AB;
    slong it, m, n, r, rka, rkab, i, j;
    int s;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(X, 0, 0);
    fmpq_mat_init(X0, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(R, 0, 0);
    for (it = 0; it < ITERS; it++) {
        m = n_randint(st, 8);
        n = n_randint(st, 8);
        r = n_randint(st, 3);
        rand_mat(A, st, m, n);
        /* consistent right-hand side */
        rand_mat(X0, st, n, r);
        ck_assert_int_eq(qmat_mul(B, A, X0), QMAT_OK);
        REQUIRE(qmat_solve(X, A, B) == QMAT_OK, A);
        REQUIRE(X->r == n && X->c == r, A);
        ck_assert_int_eq(qmat_mul(R, A, X), QMAT_OK);
        REQUIRE(fmpq_mat_equal(R, B), A);
        /* arbitrary right-hand side: solvable iff rank [A|B] = rank A */
        rand_mat(B, st, m, r);
        fmpq_mat_init(AB, m, n + r);
        for (i = 0; i < m; i++) {
            for (j = 0; j < n; j++)
                fmpq_set(fmpq_mat_entry(AB, i, j), fmpq_mat_entry(A, i, j));
            for (j = 0; j < r; j++)
                fmpq_set(fmpq_mat_entry(AB, i, n + j), fmpq_mat_entry(B, i, j));
        }
        qmat_rank(&rka, A);
        qmat_rank(&rkab, AB);
        s = qmat_solve(X, A, B);
        if (rkab > rka) {
            REQUIRE(s == QMAT_E_NO_SOLUTION, AB);
        } else {
            REQUIRE(s == QMAT_OK, AB);
            qmat_mul(R, A, X);
            REQUIRE(fmpq_mat_equal(R, B), AB);
        }
        fmpq_mat_clear(AB);
        rand_mat(B, st, m + 1, 1);
        REQUIRE(qmat_solve(X, A, B) == QMAT_E_DIM, A);
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(X);
    fmpq_mat_clear(X0);
    fmpq_mat_clear(B);
    fmpq_mat_clear(R);
    flint_randclear(st);
}
END_TEST

START_TEST(test_colspace_transpose_kron)
{
    flint_rand_t st;
    fmpq_mat_t A, B, C, K, F, T;
    slong it, rk, rkb, rkc, i, j;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(K, 0, 0);
    fmpq_mat_init(T, 0, 0);
    for (it = 0; it < ITERS; it++) {
        rand_mat(A, st, n_randint(st, 7), n_randint(st, 7));
        qmat_rank(&rk, A);
        ck_assert_int_eq(qmat_colspace(B, A), QMAT_OK);
        REQUIRE(B->r == A->r && B->c == rk, A);
        qmat_rank(&rkb, B);
        REQUIRE(rkb == rk, A);
        /* [B | A] has the same rank: B spans the image */
        fmpq_mat_init(C, A->r, B->c + A->c);
        for (i = 0; i < A->r; i++) {
            for (j = 0; j < B->c; j++)
                fmpq_set(fmpq_mat_entry(C, i, j), fmpq_mat_entry(B, i, j));
            for (j = 0; j < A->c; j++)
                fmpq_set(fmpq_mat_entry(C, i, B->c + j), fmpq_mat_entry(A, i, j));
        }
        qmat_rank(&rkc, C);
        REQUIRE(rkc == rk, A);
        fmpq_mat_clear(C);
        fmpq_mat_init(C, 0, 0);
        ck_assert_int_eq(qmat_transpose(T, A), QMAT_OK);
        REQUIRE(T->r == A->c && T->c == A->r, A);
        ck_assert_int_eq(qmat_transpose(T, T), QMAT_OK);
        REQUIRE(fmpq_mat_equal(T, A), A);
        rand_mat(B, st, n_randint(st, 4), n_randint(st, 4));
        ck_assert_int_eq(qmat_kron(K, A, B), QMAT_OK);
        REQUIRE(K->r == A->r * B->r && K->c == A->c * B->c, A);
        if (K->r > 0 && K->c > 0) {
            fmpq_mat_init(F, K->r, K->c);
            fmpq_mat_kronecker_product(F, A, B);
            REQUIRE(fmpq_mat_equal(F, K), A);
            fmpq_mat_clear(F);
        }
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(C);
    fmpq_mat_clear(K);
    fmpq_mat_clear(T);
    flint_randclear(st);
}
END_TEST

START_TEST(test_mul_add_pow)
{
    flint_rand_t st;
    fmpq_mat_t A, B, C, D, I;
    fmpq_t d;
    slong it, n;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(D, 0, 0);
    fmpq_init(d);
    for (it = 0; it < ITERS / 2; it++) {
        n = n_randint(st, 5);
        rand_mat(A, st, n, n);
        rand_mat(B, st, n, n + 1);
        REQUIRE(qmat_mul(C, B, A) == QMAT_E_DIM, A);
        REQUIRE(qmat_add(C, A, B) == QMAT_E_DIM, A);
        REQUIRE(qmat_sub(C, A, B) == QMAT_E_DIM, A);
        REQUIRE(qmat_pow(C, B, 2) == QMAT_E_NOT_SQUARE, B);
        ck_assert_int_eq(qmat_add(C, A, A), QMAT_OK);
        ck_assert_int_eq(qmat_sub(C, C, A), QMAT_OK);
        REQUIRE(fmpq_mat_equal(C, A), A);
        ck_assert_int_eq(qmat_pow(C, A, 3), QMAT_OK);
        ck_assert_int_eq(qmat_mul(D, A, A), QMAT_OK);
        ck_assert_int_eq(qmat_mul(D, D, A), QMAT_OK);
        REQUIRE(fmpq_mat_equal(C, D), A);
        fmpq_mat_init(I, n, n);
        fmpq_mat_one(I);
        ck_assert_int_eq(qmat_pow(C, A, 0), QMAT_OK);
        REQUIRE(fmpq_mat_equal(C, I), A);
        qmat_det(d, A);
        if (fmpq_is_zero(d)) {
            REQUIRE(qmat_pow(C, A, -2) == QMAT_E_SINGULAR, A);
        } else {
            ck_assert_int_eq(qmat_pow(C, A, -2), QMAT_OK);
            ck_assert_int_eq(qmat_pow(D, A, 2), QMAT_OK);
            ck_assert_int_eq(qmat_mul(C, C, D), QMAT_OK);
            REQUIRE(fmpq_mat_equal(C, I), A);
        }
        fmpq_mat_clear(I);
    }
    fmpq_clear(d);
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(C);
    fmpq_mat_clear(D);
    flint_randclear(st);
}
END_TEST

START_TEST(test_limits_and_errors)
{
    fmpq_mat_t A, B, C;
    int s;
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(C, 0, 0);
    ck_assert_int_eq(qmat_resize(A, WORD(1) << 20, WORD(1) << 20), QMAT_E_TOO_LARGE);
    ck_assert_int_eq(qmat_resize(A, -1, 2), QMAT_E_ARG);
    ck_assert_int_eq(qmat_size_ok(WORD_MAX, WORD_MAX), 0);
    ck_assert_int_eq(qmat_resize(A, 4096, 1), QMAT_OK);
    ck_assert_int_eq(qmat_resize(B, 1, 4096), QMAT_OK);
    ck_assert_int_eq(qmat_mul(C, A, B), QMAT_OK); /* 4096^2 entries: ok */
    ck_assert_int_eq(qmat_resize(A, 16384, 1), QMAT_OK);
    ck_assert_int_eq(qmat_resize(B, 1, 16384), QMAT_OK);
    ck_assert_int_eq(qmat_mul(C, A, B), QMAT_E_TOO_LARGE);
    ck_assert_int_eq(qmat_kron(C, A, B), QMAT_E_TOO_LARGE);
    for (s = 0; s <= QMAT_E_INTERNAL + 1; s++)
        ck_assert_ptr_nonnull(qmat_strerror(s));
    ck_assert_str_eq(qmat_strerror(QMAT_E_SINGULAR), "matrix is singular");
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(C);
}
END_TEST

START_TEST(test_canonicalise)
{
    fmpq_mat_t M;
    fmpq_mat_init(M, 2, 3);
    /* rows (2, 4, 6) and (1/2, 0, -1/3): span; rref is
       (1, 0, -2/3), (0, 1, 11/6) -> primitive (3, 0, -2), (0, 6, 11) */
    fmpq_set_si(fmpq_mat_entry(M, 0, 0), 2, 1);
    fmpq_set_si(fmpq_mat_entry(M, 0, 1), 4, 1);
    fmpq_set_si(fmpq_mat_entry(M, 0, 2), 6, 1);
    fmpq_set_si(fmpq_mat_entry(M, 1, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(M, 1, 2), -1, 3);
    ck_assert_int_eq(qmat_canonicalise_rows(M), QMAT_OK);
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(M, 0, 0), 3));
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(M, 0, 2), -2));
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(M, 1, 1), 6));
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(M, 1, 2), 11));
    fmpq_set_si(fmpq_mat_entry(M, 1, 0), 1, 1); /* now dependent */
    fmpq_set_si(fmpq_mat_entry(M, 1, 1), 0, 1);
    fmpq_set_si(fmpq_mat_entry(M, 1, 2), -2, 3);
    ck_assert_int_eq(qmat_canonicalise_rows(M), QMAT_E_INTERNAL);
    fmpq_mat_clear(M);
}
END_TEST

static Suite *qmat_suite(void)
{
    Suite *s = suite_create("qmat");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_rank_rref);
    tcase_add_test(tc, test_det_inv);
    tcase_add_test(tc, test_solve);
    tcase_add_test(tc, test_colspace_transpose_kron);
    tcase_add_test(tc, test_mul_add_pow);
    tcase_add_test(tc, test_limits_and_errors);
    tcase_add_test(tc, test_canonicalise);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(qmat_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
