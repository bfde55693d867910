/* test_help_examples.c — every builtin example in the help tables runs and
 * prints exactly its documented output.
 *
 * For each builtin of each table in builtin_tables that has an example,
 * the example runs in a fresh Interp whose `out` is a temporary file; the
 * printed output plus the plain form of the result (unless nil) must equal
 * example_out.  All mismatches are reported, each with the builtin's name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "interp.h"
#include "builtins.h"
#include "print.h"
#include "repl.h"

/* Run one example; returns the text it shows (caller frees) and sets
 * *is_error when the example failed (the text is then the message). */
static char *example_run(const Builtin *b, int *is_error)
{
    Interp *I = interp_new();
    FILE *out = tmpfile();
    FILE *err = tmpfile();
    StrBuf sb = STRBUF_INIT;
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    interp_load_prelude(I);
    I->out = out;
    I->err = err;
    I->format = FMT_PLAIN;
    I->echo = 0;
    Value *v = interp_eval_string(I, b->name, b->example);
    fflush(out);
    rewind(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, out)) > 0)
        sb_putn(&sb, buf, n);
    *is_error = val_is_error(v);
    if (*is_error) {
        sb_printf(&sb, "error: %s", v->u.err.msg ? v->u.err.msg : "(no message)");
    } else if (v->kind != VAL_NIL) {
        print_value(&sb, v, FMT_PLAIN);
    }
    val_unref(v);
    I->out = stdout;
    I->err = stderr;
    interp_free(I);
    fclose(out);
    fclose(err);
    return sb_take(&sb);
}

START_TEST(test_examples)
{
    int checked = 0, bad = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            if (!b->example)
                continue;
            int is_error = 0;
            char *got = example_run(b, &is_error);
            const char *want = b->example_out ? b->example_out : "";
            checked++;
            if (is_error || strcmp(got, want) != 0) {
                bad++;
                fprintf(stderr,
                        "help example of %s:\n  input:    %s\n  expected: %s\n  got:      %s\n",
                        b->name, b->example, want, got);
            }
            free(got);
        }
    fprintf(stderr, "%d help examples checked, %d mismatched\n", checked, bad);
    ck_assert_int_gt(checked, 0);
    ck_assert_msg(bad == 0, "%d of %d help examples do not give their documented output", bad,
                  checked);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("help_examples");
    TCase *tc = tcase_create("examples");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_examples);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
