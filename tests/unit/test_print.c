/* test_print.c — the printer's three formats (plain, unicode, latex) on
 * rationals, matrices, lists, records and strings with escapes. */
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "value.h"
#include "print.h"

/* The text of v in format f (caller frees). */
static char *show(const Value *v, PrintFormat f)
{
    StrBuf sb = STRBUF_INIT;
    print_value(&sb, v, f);
    return sb_take(&sb);
}

#define CHECK_SHOWS(v, f, want)                                                                    \
    do {                                                                                           \
        char *got_ = show((v), (f));                                                               \
        ck_assert_msg(strcmp(got_, (want)) == 0, "format %d: expected \"%s\", got \"%s\"",         \
                      (int)(f), (want), got_);                                                     \
        free(got_);                                                                                \
    } while (0)

static Value *rat(long p, unsigned long q)
{
    fmpq_t x;
    fmpq_init(x);
    fmpq_set_si(x, p, q);
    Value *v = val_rat(x);
    fmpq_clear(x);
    return v;
}

START_TEST(test_rationals)
{
    Value *a = rat(-3, 4), *b = rat(5, 1), *c = rat(0, 1), *d = rat(1, 2);
    CHECK_SHOWS(a, FMT_PLAIN, "-3/4");
    CHECK_SHOWS(a, FMT_UNICODE, "−3/4");
    CHECK_SHOWS(a, FMT_LATEX, "-\\frac{3}{4}");
    CHECK_SHOWS(b, FMT_PLAIN, "5");
    CHECK_SHOWS(b, FMT_UNICODE, "5");
    CHECK_SHOWS(b, FMT_LATEX, "5");
    CHECK_SHOWS(c, FMT_PLAIN, "0");
    CHECK_SHOWS(d, FMT_LATEX, "\\frac{1}{2}");
    /* a big integer is printed in full */
    Value *e = val_rat_si(-1234567890123456789L);
    CHECK_SHOWS(e, FMT_PLAIN, "-1234567890123456789");
    val_unref(a);
    val_unref(b);
    val_unref(c);
    val_unref(d);
    val_unref(e);
}
END_TEST

START_TEST(test_matrices)
{
    Value *m = val_mat_new(2, 2);
    fmpq_set_si(fmpq_mat_entry(m->u.m, 0, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(m->u.m, 0, 1), 2, 1);
    fmpq_set_si(fmpq_mat_entry(m->u.m, 1, 0), 3, 1);
    fmpq_set_si(fmpq_mat_entry(m->u.m, 1, 1), -4, 1);
    CHECK_SHOWS(m, FMT_PLAIN, "[1/2, 2; 3, -4]");
    CHECK_SHOWS(m, FMT_UNICODE, "⎡1/2   2⎤\n⎣  3  −4⎦");
    CHECK_SHOWS(m, FMT_LATEX, "\\begin{bmatrix}\\frac{1}{2} & 2 \\\\ 3 & -4\\end{bmatrix}");
    Value *col = val_mat_new(2, 1);
    fmpq_set_si(fmpq_mat_entry(col->u.m, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(col->u.m, 1, 0), -1, 1);
    CHECK_SHOWS(col, FMT_PLAIN, "[1; -1]");
    Value *row = val_mat_new(1, 3);
    CHECK_SHOWS(row, FMT_PLAIN, "[0, 0, 0;]");
    Value *empty = val_mat_new(2, 0);
    CHECK_SHOWS(empty, FMT_PLAIN, "zeros(2, 0)");
    val_unref(m);
    val_unref(col);
    val_unref(row);
    val_unref(empty);
}
END_TEST

START_TEST(test_lists)
{
    Value *l = val_list_new(3);
    val_list_set(l, 0, rat(1, 2));
    val_list_set(l, 1, val_cstr("a"));
    val_list_set(l, 2, val_bool(1));
    CHECK_SHOWS(l, FMT_PLAIN, "[1/2, \"a\", true]");
    CHECK_SHOWS(l, FMT_UNICODE, "[1/2, \"a\", true]");
    Value *e = val_list_new(0);
    CHECK_SHOWS(e, FMT_PLAIN, "[]");
    Value *n = val_list_new(1);
    val_list_set(n, 0, rat(-1, 3));
    CHECK_SHOWS(n, FMT_UNICODE, "[−1/3]");
    CHECK_SHOWS(val_nil(), FMT_PLAIN, "nil");
    CHECK_SHOWS(val_bool(0), FMT_PLAIN, "false");
    val_unref(l);
    val_unref(e);
    val_unref(n);
}
END_TEST

START_TEST(test_records)
{
    Value *r = val_record_new(NULL, 2);
    val_record_set(r, 0, "a", val_rat_si(1));
    val_record_set(r, 1, "s", val_cstr("x\ty"));
    CHECK_SHOWS(r, FMT_PLAIN, "record(a = 1, s = \"x\\ty\")");
    CHECK_SHOWS(r, FMT_UNICODE, "record(a = 1, s = \"x\\ty\")");
    val_unref(r);
}
END_TEST

START_TEST(test_strings)
{
    Value *s = val_cstr("tab\there \"q\" back\\slash\nnew");
    CHECK_SHOWS(s, FMT_PLAIN, "\"tab\\there \\\"q\\\" back\\\\slash\\nnew\"");
    CHECK_SHOWS(s, FMT_UNICODE, "\"tab\\there \\\"q\\\" back\\\\slash\\nnew\"");
    Value *e = val_cstr("");
    CHECK_SHOWS(e, FMT_PLAIN, "\"\"");
    val_unref(s);
    val_unref(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("print");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, test_rationals);
    tcase_add_test(tc, test_matrices);
    tcase_add_test(tc, test_lists);
    tcase_add_test(tc, test_records);
    tcase_add_test(tc, test_strings);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
