/* test_rankgap.c — Check tests for the rank rule of numeric/rankgap.h:
 * floor, minimum gap ratio, "none", and the reported numbers. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "numeric/rankgap.h"

START_TEST(test_exact_null_below_floor)
{
    double sv[] = {2.0, 1.0, 1e-15, 3e-17};
    RankGap g;
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 2.0, -1, -1), 2);
    ck_assert_int_eq(g.nnull, 2);
    ck_assert_double_eq_tol(g.threshold, 2e-10, 1e-20);
    ck_assert_double_eq_tol(g.gap, 1e15, 1e3);
}
END_TEST

START_TEST(test_none_without_gap)
{
    /* A spread with no ratio of 100: "none", although 5 is the largest ratio. */
    double sv[] = {10.0, 2.0, 0.4, 0.2};
    RankGap g;
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 10.0, -1, -1), 4);
    ck_assert_int_eq(g.nnull, 0);
    ck_assert(g.gap == 0);
    ck_assert_ptr_nonnull(g.why);
}
END_TEST

START_TEST(test_gap_above_floor)
{
    /* An approximate symmetry at 1e-3 of the largest value is kept. */
    double sv[] = {1.0, 0.8, 0.5, 1e-3};
    RankGap g;
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, -1, -1), 3);
    ck_assert_int_eq(g.nnull, 1);
    ck_assert_double_eq_tol(g.gap, 500.0, 1e-9);
    ck_assert_double_eq_tol(g.threshold, sqrt(0.5e-3), 1e-12);
    /* A stricter ratio refuses it. */
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, -1, 1000), 4);
    ck_assert_int_eq(g.nnull, 0);
}
END_TEST

START_TEST(test_largest_gap_wins)
{
    double sv[] = {1.0, 1e-3, 1e-9, 1e-11};
    RankGap g;
    /* floor 1e-10: cut 1 (ratio 1e3), cut 2 (1e6), floor cut 3 (1e-9/1e-10 = 10). */
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, -1, -1), 2);
    ck_assert_int_eq(g.nnull, 2);
}
END_TEST

START_TEST(test_user_tol)
{
    double sv[] = {1.0, 0.5, 0.05, 0.04};
    RankGap g;
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, -1, -1), 4);
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, 0.1, -1), 2);
    ck_assert_double_eq_tol(g.threshold, 0.1, 1e-15);
    ck_assert_int_eq(rankgap_decide(&g, sv, 4, 1.0, 2.0, -1), 0);
    ck_assert_int_eq(g.nnull, 4);
}
END_TEST

START_TEST(test_edges)
{
    RankGap g;
    double z[] = {0.0, 0.0};
    ck_assert_int_eq(rankgap_decide(&g, z, 0, 1.0, -1, -1), 0);
    ck_assert_int_eq(g.nnull, 0);
    ck_assert_int_eq(rankgap_decide(&g, z, 2, 1.0, -1, -1), 0);
    ck_assert_int_eq(g.nnull, 2);
    double one[] = {3.0};
    ck_assert_int_eq(rankgap_decide(&g, one, 1, 3.0, -1, -1), 1);
    ck_assert_int_eq(g.nnull, 0);
    double nz[] = {1.0, 0.0};
    ck_assert_int_eq(rankgap_decide(&g, nz, 2, 1.0, -1, -1), 1);
    ck_assert(g.gap == HUGE_VAL);
    double bad[] = {NAN, 1.0};
    ck_assert_int_eq(rankgap_decide(&g, bad, 2, 1.0, -1, -1), -1);
    ck_assert_int_eq(rankgap_decide(&g, one, 1, 0.0, -1, -1), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rankgap");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_exact_null_below_floor);
    tcase_add_test(tc, test_none_without_gap);
    tcase_add_test(tc, test_gap_above_floor);
    tcase_add_test(tc, test_largest_gap_wins);
    tcase_add_test(tc, test_user_tol);
    tcase_add_test(tc, test_edges);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
