/* test_csv.c — Check tests for runtime/numeric/csv: parsing (comments,
 * quotes, CRLF, blank lines), the exact text of every error, and a
 * randomized round trip format -> parse that must give back every double
 * bit for bit (FLINT's flint_rand_t with its fixed seed; a failure prints
 * the value). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <flint/flint.h>
#include <flint/ulong_extras.h>

#include "numeric/csv.h"

/* Parses s; returns the status, the table in *t and the message in *err. */
static int parse(CsvTable *t, const char *s, char **err)
{
    csv_table_init(t);
    return csv_parse(t, s, strlen(s), "d.csv", err);
}

/* Parsing s must fail with exactly the message want. */
static void expect_error(const char *s, const char *want)
{
    CsvTable t;
    char *err = NULL;
    int st = parse(&t, s, &err);
    ck_assert_msg(st == -1, "parsed without error: %s", s);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strcmp(err, want) == 0, "input:\n%s\nmessage: %s\nwanted:  %s", s, err, want);
    ck_assert_int_eq(t.cols, 0);
    ck_assert_ptr_null(t.data);
    free(err);
}

START_TEST(test_parse_basic)
{
    CsvTable t;
    char *err = NULL;
    const char *s = "# a comment\n"
                    "x1, \"x2\" ,\"d\"\"x\"\r\n"
                    "1, 2.5, -3e2\r\n"
                    "  # indented comment\n"
                    "\n"
                    "+4,.5,6.\n"
                    "\n";
    ck_assert_int_eq(parse(&t, s, &err), 0);
    ck_assert_ptr_null(err);
    ck_assert_int_eq(t.cols, 3);
    ck_assert_str_eq(t.names[0], "x1");
    ck_assert_str_eq(t.names[1], "x2");
    ck_assert_str_eq(t.names[2], "d\"x");
    ck_assert_int_eq(t.data->rows, 2);
    ck_assert_int_eq(t.data->cols, 3);
    ck_assert(DMAT_AT(t.data, 0, 0) == 1.0);
    ck_assert(DMAT_AT(t.data, 0, 1) == 2.5);
    ck_assert(DMAT_AT(t.data, 0, 2) == -300.0);
    ck_assert(DMAT_AT(t.data, 1, 0) == 4.0);
    ck_assert(DMAT_AT(t.data, 1, 1) == 0.5);
    ck_assert(DMAT_AT(t.data, 1, 2) == 6.0);
    csv_table_clear(&t);
    ck_assert_int_eq(t.cols, 0);
}
END_TEST

START_TEST(test_parse_no_rows)
{
    CsvTable t;
    char *err = NULL;
    ck_assert_int_eq(parse(&t, "a,b", &err), 0);
    ck_assert_int_eq(t.cols, 2);
    ck_assert_int_eq(t.data->rows, 0);
    csv_table_clear(&t);
    /* a quoted comma belongs to the name */
    ck_assert_int_eq(parse(&t, "\"a,b\",c\n1,2\n", &err), 0);
    ck_assert_int_eq(t.cols, 2);
    ck_assert_str_eq(t.names[0], "a,b");
    csv_table_clear(&t);
}
END_TEST

START_TEST(test_parse_errors)
{
    expect_error("x1,x2,x3\n1,2,3\n4,5,abc\n",
                 "d.csv:3:5: cell 'abc' in column 'x3' is not a number");
    expect_error("a,b,c,d\n1,2,3,4\n\n1,2,3\n", "d.csv:4: row has 3 cells, the header has 4");
    expect_error("a,b\n1\n", "d.csv:2: row has 1 cell, the header has 2");
    expect_error("", "d.csv: the file is empty (no header row)");
    expect_error("# only a comment\n\n", "d.csv: the file is empty (no header row)");
    expect_error("x,y,x\n", "d.csv:1:5: duplicate column name 'x' (columns 1 and 3)");
    expect_error("x,,y\n", "d.csv:1:3: column 2 of the header has no name");
    expect_error("x,y\n1, \n", "d.csv:2:4: empty cell in column 'y'");
    expect_error("x\nnan\n", "d.csv:2:1: cell 'nan' in column 'x' is not a number");
    expect_error("x\n-inf\n", "d.csv:2:1: cell '-inf' in column 'x' is not a number");
    expect_error("x\n0x10\n", "d.csv:2:1: cell '0x10' in column 'x' is not a number");
    expect_error("x\n1e\n", "d.csv:2:1: cell '1e' in column 'x' is not a number");
    expect_error("x\n.\n", "d.csv:2:1: cell '.' in column 'x' is not a number");
    expect_error("x\n1,5\n", "d.csv:2: row has 2 cells, the header has 1");
    expect_error("x\n1e999\n", "d.csv:2:1: cell '1e999' in column 'x' is too large for a double");
    expect_error("\"x,y\n", "d.csv:1:1: unterminated quote in the header");
    expect_error("\"x\"y\n", "d.csv:1:1: text after a closing quote in the header");
    expect_error("x\n\"1\"2\n", "d.csv:2:1: text after a closing quote");
    expect_error("x\n"
                 "12345678901234567890123456789012345678901234567890z\n",
                 "d.csv:2:1: cell '1234567890123456789012345678901234567890...' in column 'x' "
                 "is not a number");
}
END_TEST

START_TEST(test_parse_nul)
{
    CsvTable t;
    csv_table_init(&t);
    char *err = NULL;
    ck_assert_int_eq(csv_parse(&t, "x\n1\0\n", 5, "d.csv", &err), -1);
    ck_assert_str_eq(err, "d.csv:2:2: NUL byte (is this a text file?)");
    free(err);
}
END_TEST

START_TEST(test_tiny_and_quoted_numbers)
{
    CsvTable t;
    char *err = NULL;
    ck_assert_int_eq(parse(&t, "x\n1e-400\n\"2\"\n-0\n", &err), 0);
    ck_assert(DMAT_AT(t.data, 0, 0) == 0.0);
    ck_assert(DMAT_AT(t.data, 1, 0) == 2.0);
    ck_assert(signbit(DMAT_AT(t.data, 2, 0)));
    csv_table_clear(&t);
}
END_TEST

START_TEST(test_format)
{
    DMat *A = dmat_new(2, 2);
    DMAT_AT(A, 0, 0) = 0.1;
    DMAT_AT(A, 1, 0) = -2;
    DMAT_AT(A, 0, 1) = 1e300;
    DMAT_AT(A, 1, 1) = 1.0 / 3;
    const char *names[] = {"x", "a b"};
    char *err = NULL;
    char *s = csv_format(names, A, &err);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "x,\"a b\"\n0.1,1e+300\n-2,0.3333333333333333\n");
    free(s);
    DMAT_AT(A, 1, 1) = NAN;
    ck_assert_ptr_null(csv_format(names, A, &err));
    ck_assert_str_eq(err, "row 2 of column 'a b' is nan: a CSV file holds finite numbers only");
    free(err);
    dmat_free(A);
}
END_TEST

START_TEST(test_round_trip_random)
{
    flint_rand_t st;
    flint_randinit(st);
    const int rows = 300, cols = 3;
    DMat *A = dmat_new(rows, cols);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            double x;
            do {
                /* random bits: every exponent and mantissa, also subnormals */
                uint64_t b = ((uint64_t)n_randlimb(st) << 32) ^ (uint64_t)n_randlimb(st);
                memcpy(&x, &b, sizeof x);
            } while (!isfinite(x));
            if (j == 1)
                x = ldexp((double)(n_randlimb(st) % 2000001) - 1000000.0, -10);
            DMAT_AT(A, i, j) = x;
        }
    const char *names[] = {"p", "q", "\"r\""};
    char *err = NULL;
    char *s = csv_format(names, A, &err);
    ck_assert_ptr_nonnull(s);
    CsvTable t;
    csv_table_init(&t);
    ck_assert_int_eq(csv_parse(&t, s, strlen(s), "rt.csv", &err), 0);
    ck_assert_int_eq(t.cols, cols);
    ck_assert_str_eq(t.names[2], "\"r\"");
    ck_assert_int_eq(t.data->rows, rows);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            double a = DMAT_AT(A, i, j), b = DMAT_AT(t.data, i, j);
            ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "(%d, %d): wrote %a, read %a", i, j, a, b);
        }
    csv_table_clear(&t);
    free(s);
    dmat_free(A);
    flint_randclear(st);
    flint_cleanup();
}
END_TEST

START_TEST(test_locale)
{
    /* A comma-decimal locale must not change what is read or written. */
    if (!setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "fr_FR.UTF-8"))
        return;
    CsvTable t;
    char *err = NULL;
    ck_assert_int_eq(parse(&t, "x\n2.5\n", &err), 0);
    ck_assert(DMAT_AT(t.data, 0, 0) == 2.5);
    const char *names[] = {"x"};
    char *s = csv_format(names, t.data, &err);
    ck_assert_str_eq(s, "x\n2.5\n");
    free(s);
    csv_table_clear(&t);
    setlocale(LC_ALL, "C");
}
END_TEST

START_TEST(test_files)
{
    CsvTable t;
    csv_table_init(&t);
    char *err = NULL;
    ck_assert_int_eq(csv_read_file(&t, "/nonexistent/x.csv", &err), -1);
    ck_assert_str_eq(err, "cannot open '/nonexistent/x.csv': No such file or directory");
    free(err);

    char path[] = "/tmp/test_csv_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    DMat *A = dmat_new(1, 2);
    DMAT_AT(A, 0, 0) = 1.5;
    DMAT_AT(A, 0, 1) = -7;
    const char *names[] = {"u", "v"};
    ck_assert_int_eq(csv_write_file(path, names, A, &err), 0);
    ck_assert_int_eq(csv_read_file(&t, path, &err), 0);
    ck_assert_int_eq(t.cols, 2);
    ck_assert_str_eq(t.names[1], "v");
    ck_assert(DMAT_AT(t.data, 0, 1) == -7);
    csv_table_clear(&t);
    unlink(path);
    ck_assert_int_eq(csv_write_file("/nonexistent/y.csv", names, A, &err), -1);
    ck_assert_str_eq(err, "cannot write '/nonexistent/y.csv': No such file or directory");
    free(err);
    ck_assert_int_eq(csv_read_file(&t, "/tmp", &err), -1);
    ck_assert_str_eq(err, "cannot read '/tmp': Is a directory");
    free(err);
    dmat_free(A);
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_parse_basic);
    tcase_add_test(tc, test_parse_no_rows);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_parse_nul);
    tcase_add_test(tc, test_tiny_and_quoted_numbers);
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_round_trip_random);
    tcase_add_test(tc, test_locale);
    tcase_add_test(tc, test_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(csv_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
