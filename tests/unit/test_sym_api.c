/* test_sym_api.c — the C embedding API (sym/sym.h) through libsym alone:
 * evaluation, conversions both ways, errors with their place, two
 * independent sessions, an interrupt from another thread, completion and
 * help.  A plain program: prints each failure and exits non-zero. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sym/sym.h"

static int fails;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);                       \
            fails++;                                                                               \
        }                                                                                          \
    } while (0)

static int streq_free(char *s, const char *want)
{
    int ok = s && strcmp(s, want) == 0;
    if (!ok)
        fprintf(stderr, "  got '%s', want '%s'\n", s ? s : "(null)", want);
    sym_string_free(s);
    return ok;
}

static SymValue *eval(SymSession *S, const char *code)
{
    SymValue *v = NULL;
    int st = sym_session_eval(S, "<test>", code, 0, &v);
    if (st != SYM_OK)
        fprintf(stderr, "  eval '%s': %s\n", code, sym_session_error_report(S));
    return v;
}

static void *interrupt_later(void *arg)
{
    (void)arg;
    usleep(300000);
    sym_interrupt();
    return NULL;
}

int main(void)
{
    SymSession *S = sym_session_new(), *T = sym_session_new();
    CHECK(S && T);

    /* rationals, strings, lists, records */
    SymValue *v = eval(S, "x = 3\nx / 4 - 1");
    CHECK(v && sym_value_kind(v) == SYM_RAT);
    CHECK(streq_free(sym_value_rat_num(v), "-1"));
    CHECK(streq_free(sym_value_rat_den(v), "4"));
    sym_value_free(v);
    v = eval(S, "record(a = 1, b = \"two\")");
    CHECK(v && sym_value_kind(v) == SYM_RECORD && sym_value_length(v) == 2);
    CHECK(v && strcmp(sym_value_key(v, 1), "b") == 0);
    SymValue *b = v ? sym_value_item(v, 1) : NULL;
    size_t len = 0;
    CHECK(b && strcmp(sym_value_str(b, &len), "two") == 0 && len == 3);
    sym_value_free(b);
    sym_value_free(v);

    /* exact and float matrices */
    v = eval(S, "[1, 2/3; -4, 5]");
    CHECK(v && sym_value_kind(v) == SYM_MAT && sym_value_rows(v) == 2 && sym_value_cols(v) == 2);
    CHECK(streq_free(sym_value_mat_entry(v, 0, 1), "2/3"));
    sym_value_free(v);
    v = eval(S, "fmat([1, 2, 3; 4, 5, 6])");
    CHECK(v && sym_value_kind(v) == SYM_FMAT && sym_value_rows(v) == 2 && sym_value_cols(v) == 3);
    const double *d = v ? sym_value_fmat_data(v) : NULL;
    CHECK(d && d[0] == 1 && d[1] == 4 && d[2] == 2 && d[5] == 6); /* column-major */
    sym_value_free(v);

    /* values built in C, bound and used */
    double rowmajor[6] = {1, 2, 3, 4, 5, 6};
    SymValue *F = sym_value_new_fmat(2, 3, rowmajor, 3, 1);
    CHECK(F && sym_session_set(S, "F", F) == SYM_OK);
    sym_value_free(F);
    v = eval(S, "F[2, 1]");
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "4"));
    sym_value_free(v);
    const char *ents[4] = {"1", "1/2", "0", "-3"};
    SymValue *M = sym_value_new_mat(2, 2, ents);
    CHECK(M && sym_session_set(S, "M", M) == SYM_OK);
    sym_value_free(M);
    v = eval(S, "det(M)");
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "-3"));
    sym_value_free(v);
    CHECK(sym_value_new_rat("1", "0") == NULL);
    CHECK(sym_value_new_mat(1, 1, (const char *const[]){"x"}) == NULL);
    SymValue *x = sym_session_get(S, "x");
    CHECK(x && sym_session_set(S, "end", x) == SYM_ERROR);
    sym_value_free(x);

    /* polynomials and LaTeX */
    v = eval(S, "coords x, y\n3/4*x^2*y - y");
    CHECK(v && sym_value_kind(v) == SYM_POLY);
    CHECK(streq_free(sym_value_print(v, SYM_FMT_PLAIN), "3/4*x^2*y - y"));
    CHECK(streq_free(sym_value_poly_vars(v), "x\ny\n"));
    sym_value_free(v);

    /* the EMLP count through a call */
    v = eval(S, "dim(enforce(layers(std(Z(6)), std(Z(6)), false), Z(6)))");
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "6"));
    sym_value_free(v);

    /* output capture and echo */
    CHECK(sym_session_eval(S, "<test>", "print(\"hi\")\n1 + 1\n2 + 2", 1, &v) == SYM_OK);
    CHECK(strcmp(sym_session_output(S), "hi\n2\n") == 0);
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "4"));
    sym_value_free(v);

    /* errors with their place */
    CHECK(sym_session_eval(S, "<cell>", "a = 1\nb = [1, 2] + [1; 2]", 0, NULL) == SYM_ERROR);
    CHECK(strcmp(sym_session_error_file(S), "<cell>") == 0);
    CHECK(sym_session_error_line(S) == 2 && sym_session_error_col(S) > 0);
    CHECK(strstr(sym_session_error_report(S), "<cell>:2:") != NULL);
    CHECK(strstr(sym_session_error_report(S), "^") != NULL);
    CHECK(sym_session_eval(S, "<cell>", "1 +", 0, NULL) == SYM_SYNTAX);
    CHECK(sym_session_error_line(S) == 1);
    CHECK(sym_session_eval(S, "<cell>", "1 + 1", 0, NULL) == SYM_OK);
    CHECK(sym_session_error_line(S) == 0 && *sym_session_error_report(S) == '\0');

    /* two sessions are independent */
    CHECK(sym_session_eval(T, "<t>", "x", 0, NULL) == SYM_ERROR);
    v = eval(T, "x = 10\nx");
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "10"));
    sym_value_free(v);
    v = sym_session_get(S, "x");
    CHECK(v && sym_value_kind(v) == SYM_POLY); /* S's x is its coordinate */
    sym_value_free(v);

    /* calls */
    SymValue *six = sym_value_new_rat("6", NULL);
    CHECK(sym_session_call(S, "Z", &six, 1, &v) == SYM_OK);
    CHECK(v && sym_value_kind(v) == SYM_OBJ && strcmp(sym_value_kind_name(v), "group") == 0);
    sym_value_free(v);
    sym_value_free(six);
    CHECK(sym_session_call(S, "nosuch", NULL, 0, &v) == SYM_ERROR && v == NULL);

    /* an interrupt from another thread stops a long loop; the session goes on */
    pthread_t th;
    pthread_create(&th, NULL, interrupt_later, NULL);
    int st = sym_session_eval(S, "<long>", "s = 0\nwhile true\n  s = s + 1\nend", 0, NULL);
    pthread_join(th, NULL);
    CHECK(st == SYM_INTERRUPTED);
    v = eval(S, "1 + 2");
    CHECK(v && streq_free(sym_value_print(v, SYM_FMT_PLAIN), "3"));
    sym_value_free(v);

    /* completion, help, tables */
    char *c = sym_complete(S, "equiv");
    CHECK(c && strcmp(c, "equivariant\n") == 0);
    sym_string_free(c);
    c = sym_complete(S, "whi");
    CHECK(c && strcmp(c, "while\n") == 0);
    sym_string_free(c);
    c = sym_help("enforce");
    CHECK(c && strstr(c, "enforce(V, G") != NULL);
    sym_string_free(c);
    CHECK(sym_help("nosuch") == NULL);
    CHECK(sym_keyword_at(0) && sym_builtin_at(0) && !sym_keyword_at(1000) &&
          !sym_builtin_at(100000));

    sym_session_free(S);
    sym_session_free(T);
    if (fails)
        fprintf(stderr, "%d failure(s)\n", fails);
    return fails ? 1 : 0;
}
