/* session.h — helpers for Check tests that drive the interpreter: one
 * session per test (session_open/session_close), run/exec a source,
 * expect_true/expect_str on its plain printed value, and random inputs
 * (matrices, polynomials, columns) from a fixed-seed FLINT generator.
 * Header-only: every function is static, for one test program each. */
#ifndef SYM_TEST_SESSION_H
#define SYM_TEST_SESSION_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <flint/flint.h>
#include "interp.h"
#include "print.h"
#include "repl.h"
#include "base/strbuf.h"

/* ---- driving the interpreter (one session per test) ---- */

static Interp *I;
static FILE *sink;

static void session_open(void)
{
    I = interp_new();
    sink = tmpfile();
    ck_assert_ptr_nonnull(sink);
    interp_load_prelude(I);
    I->out = sink;
    I->err = sink;
    I->format = FMT_PLAIN;
    I->echo = 0;
}

static void session_close(void)
{
    I->out = stdout;
    I->err = stderr;
    interp_free(I);
    fclose(sink);
    I = NULL;
}

/* The value of the last statement of src (new reference); fails the test,
   printing the input, when it is an error. */
static Value *run(const char *src)
{
    Value *v = interp_eval_string(I, "unit", src);
    ck_assert_ptr_nonnull(v);
    if (val_is_error(v)) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", v->u.err.msg ? v->u.err.msg : "(no message)");
        val_unref(v);
        ck_abort_msg("input: %s\nerror: %s", src, msg);
    }
    return v;
}

/* Plain printed form of v (caller frees). */
static char *show(const Value *v)
{
    StrBuf sb = STRBUF_INIT;
    print_value(&sb, v, FMT_PLAIN);
    return sb_take(&sb);
}

/* src must evaluate to true; ctx (may be "") names the random input. */
static void expect_true(const char *src, const char *ctx)
{
    Value *v = run(src);
    int ok = v->kind == VAL_BOOL && val_truthy(v);
    if (!ok) {
        char *got = show(v);
        val_unref(v);
        ck_abort_msg("input: %s\n%s\nexpected true, got %s", src, ctx, got);
    }
    val_unref(v);
}

/* src must print (plain format) exactly as want. */
static inline void expect_str(const char *src, const char *want)
{
    Value *v = run(src);
    char *got = show(v);
    val_unref(v);
    if (strcmp(got, want) != 0) {
        char msg[4096];
        snprintf(msg, sizeof msg, "input: %s\nexpected: %s\ngot:      %s", src, want, got);
        free(got);
        ck_abort_msg("%s", msg);
    }
    free(got);
}

/* Run src for its side effects (assignments). */
static void exec(const char *src)
{
    val_unref(run(src));
}

/* A malloc'ed formatted string (caller frees). */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    char buf[16384];
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    ck_assert(n >= 0 && (size_t)n < sizeof buf);
    char *s = strdup(buf);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* ---- random inputs (fixed seed: reproducible) ---- */

static flint_rand_t rnd;

static slong rand_int(slong lo, slong hi)
{
    return lo + (slong)n_randint(rnd, (ulong)(hi - lo + 1));
}

/* A random n x n integer matrix with entries in [-r, r], in Sym syntax. */
static inline void rand_matrix(StrBuf *sb, slong n, slong r)
{
    sb_putc(sb, '[');
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < n; j++)
            sb_printf(sb, "%s%ld", j ? ", " : (i ? "; " : ""), (long)rand_int(-r, r));
    sb_putc(sb, ']');
}

/* A random polynomial of degree <= d in the first nv of x, y, z with at
   most `terms` terms and small integer coefficients. */
static inline void rand_poly(StrBuf *sb, slong nv, slong d, slong terms)
{
    static const char *v[] = {"x", "y", "z"};
    sb_puts(sb, "(0");
    for (slong t = 0; t < terms; t++) {
        slong c = rand_int(-3, 3);
        if (c == 0)
            continue;
        sb_printf(sb, " + %ld", (long)c);
        slong left = rand_int(0, d);
        for (slong i = 0; i < nv && left > 0; i++) {
            slong e = i == nv - 1 ? left : rand_int(0, left);
            if (e > 0)
                sb_printf(sb, "*%s^%ld", v[i], (long)e);
            left -= e;
        }
    }
    sb_putc(sb, ')');
}

/* A random column of k polynomials. */
static inline void rand_column(StrBuf *sb, slong k, slong nv, slong d, slong terms)
{
    sb_putc(sb, '[');
    for (slong i = 0; i < k; i++) {
        if (i)
            sb_puts(sb, "; ");
        rand_poly(sb, nv, d, terms);
    }
    sb_putc(sb, ']');
}

#endif
