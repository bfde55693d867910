/* test_nullspace.c — Check tests for sparse matrices and exact kernels.
 *
 * Randomised (fixed seed) comparisons of the sparse modular solver with the
 * dense FLINT route: C N = 0, nullity = cols - rank, identical canonical
 * form, invariance under row permutation, scaling and duplication of C,
 * several primes for large entries, interruption; the sparse (rows) results
 * against the dense ones, with long rows deferred at every length, and the
 * sparse products.  Failures print C.
 */
#include <check.h>
#include <stdio.h>
#include "exact/nullspace.h"
#include "exact/nullspace_modp.h"

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

/* Random sparse-ish r x c matrix, often rank deficient, with duplicate and
   zero rows; entry size up to `bits`. */
static void rand_sparse(fmpq_mat_t A, flint_rand_t st, slong r, slong c, slong bits)
{
    slong i, j, dens = 1 + n_randint(st, 6);
    qmat_resize(A, r, c);
    for (i = 0; i < r; i++) {
        if (n_randint(st, 5) == 0 && i > 0) { /* duplicate or multiple */
            slong s = n_randint(st, i);
            for (j = 0; j < c; j++)
                fmpq_mul_si(fmpq_mat_entry(A, i, j), fmpq_mat_entry(A, s, j),
                            1 + (slong)n_randint(st, 3));
            continue;
        }
        if (n_randint(st, 8) == 0)
            continue; /* zero row */
        for (j = 0; j < c; j++)
            if (n_randint(st, dens) == 0)
                fmpq_randtest_not_zero(fmpq_mat_entry(A, i, j), st, 1 + n_randint(st, bits));
    }
}

/* C N == 0, shape n x (n - rank), canonical (rref + primitive) */
static void check_kernel(const fmpq_mat_t C, const fmpq_mat_t N)
{
    fmpq_mat_t P, T, T2;
    slong rk;
    qmat_rank(&rk, C);
    REQUIRE(N->r == C->c && N->c == C->c - rk, C);
    fmpq_mat_init(P, 0, 0);
    ck_assert_int_eq(qmat_mul(P, C, N), QMAT_OK);
    REQUIRE(fmpq_mat_is_zero(P), C);
    fmpq_mat_init(T, 0, 0);
    fmpq_mat_init(T2, 0, 0);
    qmat_transpose(T, N);
    qmat_transpose(T2, N);
    REQUIRE(qmat_canonicalise_rows(T2) == QMAT_OK, C);
    REQUIRE(fmpq_mat_equal(T, T2), C);
    fmpq_mat_clear(P);
    fmpq_mat_clear(T);
    fmpq_mat_clear(T2);
}

START_TEST(test_spmat_build)
{
    SpMat S;
    fmpq_mat_t A;
    slong cols[4] = {3, 1, 3, 0}, num[4] = {2, 5, -2, 7}, bad[1] = {4};
    spmat_init(&S, 4);
    ck_assert_int_eq(spmat_append_row_si(&S, cols, num, 3, 4), QMAT_OK);
    /* column 3 cancels: row holds 7/3 at 0 and 5/3 at 1 */
    ck_assert_int_eq(S.nnz, 2);
    ck_assert_int_eq(S.col[0], 0);
    ck_assert_int_eq(S.col[1], 1);
    ck_assert_int_eq(spmat_append_row_si(&S, bad, num, 1, 1), QMAT_E_ARG);
    ck_assert_int_eq(spmat_append_row_si(&S, cols, num, 0, 1), QMAT_E_ARG);
    ck_assert_int_eq(spmat_append_row_si(&S, cols, num, 1, 0), QMAT_OK);
    ck_assert_int_eq(S.r, 2);
    fmpq_mat_init(A, 0, 0);
    ck_assert_int_eq(spmat_get_qmat(A, &S), QMAT_OK);
    ck_assert_int_eq(A->r, 2);
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(A, 0, 0), 7));
    ck_assert(fmpz_equal_si(fmpq_mat_entry_den(A, 0, 1), 3));
    fmpq_mat_clear(A);
    spmat_clear(&S);
}
END_TEST

START_TEST(test_random_vs_dense)
{
    flint_rand_t st;
    fmpq_mat_t C, Ns, Nd, Na, P;
    SpMat S;
    slong it;
    flint_randinit(st);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(Ns, 0, 0);
    fmpq_mat_init(Nd, 0, 0);
    fmpq_mat_init(Na, 0, 0);
    fmpq_mat_init(P, 0, 0);
    for (it = 0; it < 400; it++) {
        slong r = n_randint(st, 14), c = n_randint(st, 14);
        rand_sparse(C, st, r, c, 10);
        spmat_init(&S, c);
        ck_assert_int_eq(spmat_set_qmat(&S, C), QMAT_OK);
        REQUIRE(spmat_nullspace_modular(Ns, &S) == QMAT_OK, C);
        REQUIRE(qmat_nullspace_dense(Nd, C) == QMAT_OK, C);
        check_kernel(C, Ns);
        REQUIRE(fmpq_mat_equal(Ns, Nd), C);
        REQUIRE(qmat_nullspace(Na, C) == QMAT_OK, C);
        REQUIRE(fmpq_mat_equal(Na, Nd), C);
        REQUIRE(spmat_nullspace(Na, &S) == QMAT_OK, C);
        REQUIRE(fmpq_mat_equal(Na, Nd), C);
        ck_assert_int_eq(spmat_mul_qmat(P, &S, Ns), QMAT_OK);
        REQUIRE(fmpq_mat_is_zero(P), C);
        spmat_clear(&S);
    }
    fmpq_mat_clear(C);
    fmpq_mat_clear(Ns);
    fmpq_mat_clear(Nd);
    fmpq_mat_clear(Na);
    fmpq_mat_clear(P);
    flint_randclear(st);
}
END_TEST

START_TEST(test_invariance)
{
    flint_rand_t st;
    fmpq_mat_t C, C2, N, N2;
    SpMat S;
    fmpq_t s;
    slong it, i, j, *perm;
    flint_randinit(st);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(C2, 0, 0);
    fmpq_mat_init(N, 0, 0);
    fmpq_mat_init(N2, 0, 0);
    fmpq_init(s);
    for (it = 0; it < 200; it++) {
        slong r = n_randint(st, 20), c = 1 + n_randint(st, 20);
        rand_sparse(C, st, r, c, 6);
        spmat_init(&S, c);
        spmat_set_qmat(&S, C);
        REQUIRE(spmat_nullspace_modular(N, &S) == QMAT_OK, C);
        spmat_clear(&S);
        /* permute rows, scale each by a nonzero rational, append a copy */
        perm = flint_malloc((r + 1) * sizeof(slong));
        for (i = 0; i < r; i++)
            perm[i] = i;
        for (i = r - 1; i > 0; i--) {
            j = n_randint(st, i + 1);
            slong tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        qmat_resize(C2, r + (r > 0), c);
        for (i = 0; i < r; i++) {
            fmpq_randtest_not_zero(s, st, 8);
            for (j = 0; j < c; j++)
                fmpq_mul(fmpq_mat_entry(C2, i, j), fmpq_mat_entry(C, perm[i], j), s);
        }
        if (r > 0)
            for (j = 0; j < c; j++)
                fmpq_neg(fmpq_mat_entry(C2, r, j), fmpq_mat_entry(C2, 0, j));
        flint_free(perm);
        spmat_init(&S, c);
        spmat_set_qmat(&S, C2);
        REQUIRE(spmat_nullspace_modular(N2, &S) == QMAT_OK, C2);
        spmat_clear(&S);
        REQUIRE(fmpq_mat_equal(N, N2), C);
    }
    fmpq_clear(s);
    fmpq_mat_clear(C);
    fmpq_mat_clear(C2);
    fmpq_mat_clear(N);
    fmpq_mat_clear(N2);
    flint_randclear(st);
}
END_TEST

/* Entries of 150 bits: kernel entries need several 63-bit primes. */
START_TEST(test_multi_prime)
{
    flint_rand_t st;
    fmpq_mat_t C, Ns, Nd;
    SpMat S;
    NullspaceInfo info;
    slong it, maxp = 0;
    flint_randinit(st);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(Ns, 0, 0);
    fmpq_mat_init(Nd, 0, 0);
    for (it = 0; it < 40; it++) {
        slong r = 2 + n_randint(st, 8), c = r + 1 + n_randint(st, 4), i, j;
        qmat_resize(C, r, c);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                fmpq_randtest(fmpq_mat_entry(C, i, j), st, 150);
        spmat_init(&S, c);
        spmat_set_qmat(&S, C);
        REQUIRE(spmat_nullspace_modular_info(Ns, &info, &S) == QMAT_OK, C);
        REQUIRE(qmat_nullspace_dense(Nd, C) == QMAT_OK, C);
        REQUIRE(fmpq_mat_equal(Ns, Nd), C);
        check_kernel(C, Ns);
        if (info.primes > maxp)
            maxp = info.primes;
        spmat_clear(&S);
    }
    ck_assert_int_gt(maxp, 1);
    fmpq_mat_clear(C);
    fmpq_mat_clear(Ns);
    fmpq_mat_clear(Nd);
    flint_randclear(st);
}
END_TEST

/* The sum-zero constraint x_i - x_{i+1} = 0 chain: kernel is (1,..,1). */
START_TEST(test_structured_and_interrupt)
{
    SpMat S;
    fmpq_mat_t N;
    slong n = 3000, i, cols[2], num[2] = {1, -1};
    int s;
    spmat_init(&S, n);
    for (i = 0; i + 1 < n; i++) {
        cols[0] = i;
        cols[1] = i + 1;
        spmat_append_row_si(&S, cols, num, 1, 2);
        spmat_append_row_si(&S, cols, num, 7, 2); /* a scaled duplicate */
    }
    fmpq_mat_init(N, 0, 0);
    ck_assert_int_eq(spmat_nullspace(N, &S), QMAT_OK);
    ck_assert_int_eq(N->r, n);
    ck_assert_int_eq(N->c, 1);
    for (i = 0; i < n; i++)
        ck_assert(fmpq_is_one(fmpq_mat_entry(N, i, 0)));
    sym_interrupted = 1;
    s = spmat_nullspace(N, &S);
    sym_interrupted = 0;
    ck_assert_int_eq(s, QMAT_E_INTERRUPTED);
    ck_assert_int_eq(N->r, n); /* unchanged */
    fmpq_mat_clear(N);
    spmat_clear(&S);
}
END_TEST

/* Systems of equalities x_u = a x_v / a and zeroed unknowns: the class
   indicators (no elimination) equal the modular and dense kernels; a row
   x_u + x_v = 0 is not of that form. */
START_TEST(test_equality_classes)
{
    flint_rand_t st;
    fmpq_mat_t C, N1, N2, N3;
    SpMat S;
    slong it;
    flint_randinit(st);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(N1, 0, 0);
    fmpq_mat_init(N2, 0, 0);
    fmpq_mat_init(N3, 0, 0);
    for (it = 0; it < 60; it++) {
        slong n = 5 + n_randint(st, 30), r = n_randint(st, 2 * n), i;
        qmat_resize(C, r, n);
        fmpq_mat_zero(C);
        for (i = 0; i < r; i++) {
            slong u = n_randint(st, n), v = n_randint(st, n);
            slong a = 1 + n_randint(st, 5), d = 1 + n_randint(st, 3);
            fmpq_set_si(fmpq_mat_entry(C, i, u), a, d);
            if (n_randint(st, 8) != 0 && v != u)
                fmpq_set_si(fmpq_mat_entry(C, i, v), -a, d);
        }
        spmat_init(&S, n);
        spmat_set_qmat(&S, C);
        ck_assert(spmat_is_equalities(&S));
        REQUIRE(spmat_nullspace_classes(N1, &S) == QMAT_OK, C);
        REQUIRE(spmat_nullspace_modular(N2, &S) == QMAT_OK, C);
        REQUIRE(qmat_nullspace_dense(N3, C) == QMAT_OK, C);
        REQUIRE(fmpq_mat_equal(N1, N2), C);
        REQUIRE(fmpq_mat_equal(N1, N3), C);
        check_kernel(C, N1);
        spmat_clear(&S);
    }
    {
        slong cols[2] = {0, 1}, num[2] = {1, 1};
        spmat_init(&S, 2);
        spmat_append_row_si(&S, cols, num, 1, 2);
        ck_assert(!spmat_is_equalities(&S));
        ck_assert_int_eq(spmat_nullspace_classes(N1, &S), QMAT_E_INTERNAL);
        ck_assert_int_eq(spmat_nullspace(N1, &S), QMAT_OK);
        ck_assert_int_eq(N1->c, 1);
        spmat_clear(&S);
    }
    fmpq_mat_clear(C);
    fmpq_mat_clear(N1);
    fmpq_mat_clear(N2);
    fmpq_mat_clear(N3);
    flint_randclear(st);
}
END_TEST

START_TEST(test_too_large)
{
    SpMat S;
    fmpq_mat_t N;
    /* no rows, 10^5 columns: the kernel basis would be 10^10 entries */
    spmat_init(&S, 100000);
    fmpq_mat_init(N, 0, 0);
    ck_assert_int_eq(spmat_nullspace(N, &S), QMAT_E_TOO_LARGE);
    fmpq_mat_clear(N);
    spmat_clear(&S);
}
END_TEST

/* Nt (k x n rows) is the transpose of N (n x k). */
static int rows_equal_dense(const SpMat *Nt, const fmpq_mat_t N)
{
    fmpq_mat_t D;
    int eq;
    if (Nt->r != N->c || Nt->c != N->r)
        return 0;
    fmpq_mat_init(D, 0, 0);
    ck_assert_int_eq(spmat_get_qmat(D, Nt), QMAT_OK);
    fmpq_mat_t T;
    fmpq_mat_init(T, N->c, N->r);
    fmpq_mat_transpose(T, N);
    eq = fmpq_mat_equal(D, T);
    fmpq_mat_clear(T);
    fmpq_mat_clear(D);
    return eq;
}

/* The sparse results (rows) equal the dense route, whatever the length
   at which rows are deferred (1: nearly every reduced row). */
START_TEST(test_rows_and_deferral)
{
    flint_rand_t st;
    fmpq_mat_t C, Nd;
    SpMat S, Nt;
    slong it, keep = nullspace_modp_defer_len;
    flint_randinit(st);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_init(Nd, 0, 0);
    for (it = 0; it < 600; it++) {
        slong r = n_randint(st, 40), c = n_randint(st, 30);
        nullspace_modp_defer_len = it % 3 == 0 ? keep : 1 + (slong)n_randint(st, 6);
        rand_sparse(C, st, r, c, it % 5 == 0 ? 80 : 8);
        spmat_init(&S, c);
        spmat_init(&Nt, 0);
        ck_assert_int_eq(spmat_set_qmat(&S, C), QMAT_OK);
        REQUIRE(qmat_nullspace_dense(Nd, C) == QMAT_OK, C);
        REQUIRE(spmat_nullspace_modular_rows(&Nt, NULL, &S) == QMAT_OK, C);
        REQUIRE(rows_equal_dense(&Nt, Nd), C);
        REQUIRE(spmat_nullspace_rows(&Nt, &S) == QMAT_OK, C);
        REQUIRE(rows_equal_dense(&Nt, Nd), C);
        if (spmat_is_equalities(&S)) {
            REQUIRE(spmat_nullspace_classes_rows(&Nt, &S) == QMAT_OK, C);
            REQUIRE(rows_equal_dense(&Nt, Nd), C);
        }
        spmat_clear(&Nt);
        spmat_clear(&S);
    }
    nullspace_modp_defer_len = keep;
    fmpq_mat_clear(C);
    fmpq_mat_clear(Nd);
    flint_randclear(st);
}
END_TEST

/* spmat_transpose, spmat_mul and spmat_rows_primitive against dense. */
START_TEST(test_spmat_products)
{
    flint_rand_t st;
    fmpq_mat_t A, B, P, Q;
    SpMat SA, SB, SP, ST;
    slong it, i, j;
    flint_randinit(st);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(P, 0, 0);
    fmpq_mat_init(Q, 0, 0);
    for (it = 0; it < 200; it++) {
        slong r = n_randint(st, 12), m = n_randint(st, 12), c = n_randint(st, 12);
        rand_sparse(A, st, r, m, 6);
        rand_sparse(B, st, m, c, 6);
        spmat_init(&SA, m);
        spmat_init(&SB, c);
        spmat_init(&SP, 0);
        spmat_init(&ST, 0);
        spmat_set_qmat(&SA, A);
        spmat_set_qmat(&SB, B);
        ck_assert_int_eq(spmat_mul(&SP, &SA, &SB), QMAT_OK);
        qmat_resize(P, r, c);
        fmpq_mat_mul(P, A, B);
        ck_assert_int_eq(spmat_get_qmat(Q, &SP), QMAT_OK);
        REQUIRE(fmpq_mat_equal(P, Q), A);
        ck_assert_int_eq(spmat_transpose(&ST, &SA), QMAT_OK);
        ck_assert_int_eq(spmat_get_qmat(Q, &ST), QMAT_OK);
        qmat_resize(P, m, r);
        fmpq_mat_transpose(P, A);
        REQUIRE(fmpq_mat_equal(P, Q), A);
        /* primitive rows: integer, content 1, same signs and ratios */
        spmat_rows_primitive(&SA);
        ck_assert_int_eq(spmat_get_qmat(Q, &SA), QMAT_OK);
        for (i = 0; i < r; i++) {
            fmpz_t g;
            fmpz_init(g);
            for (j = 0; j < m; j++) {
                fmpq *a = fmpq_mat_entry(A, i, j), *q = fmpq_mat_entry(Q, i, j);
                ck_assert(fmpz_is_one(fmpq_denref(q)));
                ck_assert_int_eq(fmpq_sgn(a), fmpq_sgn(q));
                fmpz_gcd(g, g, fmpq_numref(q));
            }
            ck_assert(fmpz_is_zero(g) || fmpz_is_one(g));
            fmpz_clear(g);
        }
        ck_assert_int_eq(spmat_mul(&SP, &SB, &SA), c == r ? QMAT_OK : QMAT_E_DIM);
        spmat_clear(&SA);
        spmat_clear(&SB);
        spmat_clear(&SP);
        spmat_clear(&ST);
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(P);
    fmpq_mat_clear(Q);
    flint_randclear(st);
}
END_TEST

static Suite *nullspace_suite(void)
{
    Suite *s = suite_create("nullspace");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_spmat_build);
    tcase_add_test(tc, test_random_vs_dense);
    tcase_add_test(tc, test_invariance);
    tcase_add_test(tc, test_multi_prime);
    tcase_add_test(tc, test_structured_and_interrupt);
    tcase_add_test(tc, test_equality_classes);
    tcase_add_test(tc, test_too_large);
    tcase_add_test(tc, test_rows_and_deferral);
    tcase_add_test(tc, test_spmat_products);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(nullspace_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
