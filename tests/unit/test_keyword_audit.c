/* test_keyword_audit.c — no builtin ignores an argument it was given
 * (issue 10): every parameter of every builtin is either used or refused.
 *
 * For each builtin and each of its parameters p, a call of the builtin runs
 * once plainly and then with p given an absurd value (a string, then a
 * nested list: no parameter takes both).  If the plain call succeeds, the
 * perturbed call must fail or print something else; a parameter whose
 * absurd value changes nothing was ignored.  The calls are the help
 * examples (the outermost call of the builtin in the example, with
 * "p = value" appended, or replacing the argument already in p's position)
 * plus the extra calls below for routes and builtins without examples.
 * Every builtin with parameters must be covered by at least one call. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "interp.h"
#include "builtins.h"
#include "print.h"
#include "repl.h"

/* Calls for builtins without a help example and for routes the example does
   not reach: {builtin, setup statements, the call}. */
static const char *const extra[][3] = {
    {"discover", "coords x, y", "discover(x^2 + y^2, gl(2))"},
    {"discover", "coords x, y", "discover(x^2 + y^2, d = 2)"},
    {"discover", "coords x, y", "discover([1, 1], [x^2, y^2], so(2))"},
    {"discover", "coords x, y", "discover([0, 0; 1, 0; 2, 0; -1, 0; 1/2, 0], gl(2), d = 2)"},
    {"promote",
     "coords x, y; V = polys(fields(gl(2)), 1); X = sample(8, [[-1, 1], [-1, 1]], "
     "seed = 1); Y = eval([-y; x], X)",
     "promote(V, X, Y, gl(2), gamma = 0.1)"},
    {"path",
     "coords x, y; V = polys(fields(gl(2)), 1); X = sample(8, [[-1, 1], [-1, 1]], "
     "seed = 1); Y = eval([-y; x], X)",
     "path(V, X, Y, gl(2), [0.1, 1])"},
    {"sindy",
     "coords x, y; V = polys(fields(gl(2)), 1); X = sample(8, [[-1, 1], [-1, 1]], "
     "seed = 1); Y = eval([-y; x], X)",
     "sindy(V, X, Y)"},
    {"sindy",
     "coords x, y; V = polys(fields(gl(2)), 1); X = sample(8, [[-1, 1], [-1, 1]], "
     "seed = 1); Y = eval([-y; x], X)",
     "sindy(V, X, Y, promote = gl(2))"},
    {"help", "", "help(\"rank\")"},
    {NULL, NULL, NULL}};

/* Builtins whose plain call cannot succeed, so nothing can be compared:
   error(message) always stops with its message. */
static const char *const exempt[] = {"error", NULL};

static int is_exempt(const char *name)
{
    for (int i = 0; exempt[i]; i++)
        if (!strcmp(exempt[i], name))
            return 1;
    return 0;
}

static const char *const sentinels[] = {"\"audit-sentinel\"", "[[[\"audit\"]]]"};

/* The text a source shows: printed output plus the plain value, or
   "error: ..." (*is_error set). */
static char *run_text(const char *setup, const char *call, int *is_error)
{
    Interp *I = interp_new();
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    interp_load_prelude(I);
    I->out = out;
    I->err = err;
    I->format = FMT_PLAIN;
    I->echo = 0;
    StrBuf src = STRBUF_INIT, sb = STRBUF_INIT;
    if (setup && *setup)
        sb_printf(&src, "%s; ", setup);
    sb_puts(&src, call);
    Value *v = interp_eval_string(I, "audit", sb_str(&src));
    fflush(out);
    rewind(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, out)) > 0)
        sb_putn(&sb, buf, n);
    *is_error = val_is_error(v);
    if (*is_error)
        sb_printf(&sb, "error: %s", v->u.err.msg ? v->u.err.msg : "(no message)");
    else if (v->kind != VAL_NIL)
        print_value(&sb, v, FMT_PLAIN);
    val_unref(v);
    I->out = stdout;
    I->err = stderr;
    interp_free(I);
    fclose(out);
    fclose(err);
    sb_free(&src);
    return sb_take(&sb);
}

/* In text, the outermost call name(...): *open = index of '(', *close of
   its ')'; 0 if none. */
static int find_call(const char *text, const char *name, size_t *open, size_t *close)
{
    size_t ln = strlen(name);
    for (const char *p = text; (p = strstr(p, name)); p++) {
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'))
            continue;
        const char *q = p + ln;
        while (*q == ' ')
            q++;
        if (*q != '(')
            continue;
        int depth = 0, instr = 0;
        for (const char *r = q; *r; r++) {
            if (*r == '"')
                instr = !instr;
            if (instr)
                continue;
            if (*r == '(' || *r == '[')
                depth++;
            else if (*r == ')' || *r == ']') {
                if (--depth == 0) {
                    *open = (size_t)(q - text);
                    *close = (size_t)(r - text);
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* The top-level arguments of call[open+1 .. close-1]: starts and ends. */
static int split_args(const char *t, size_t open, size_t close, size_t *st, size_t *en, int max)
{
    int n = 0, depth = 0, instr = 0;
    size_t s = open + 1;
    int blank = 1;
    for (size_t i = open + 1; i < close; i++)
        if (!isspace((unsigned char)t[i]))
            blank = 0;
    if (blank)
        return 0;
    for (size_t i = open + 1; i <= close && n < max; i++) {
        char ch = t[i];
        if (i < close && ch == '"')
            instr = !instr;
        if (instr && i < close)
            continue;
        if (i < close && (ch == '(' || ch == '['))
            depth++;
        else if (i < close && (ch == ')' || ch == ']'))
            depth--;
        else if (i == close || (ch == ',' && depth == 0)) {
            st[n] = s;
            en[n] = i;
            n++;
            s = i + 1;
        }
    }
    return n;
}

/* call with parameter p (index pi) set to value v: a keyword argument
   p = v, replacing a positional or keyword argument already there. */
static char *perturb(const char *call, size_t open, size_t close, const BuiltinSig *sig, int pi,
                     const char *v)
{
    size_t st[BUILTIN_MAX_PARAMS + 8], en[BUILTIN_MAX_PARAMS + 8];
    int n = split_args(call, open, close, st, en, BUILTIN_MAX_PARAMS + 8);
    StrBuf sb = STRBUF_INIT;
    sb_putn(&sb, call, open + 1);
    int pos = 0, wrote = 0;
    for (int a = 0; a < n; a++) {
        const char *s = call + st[a];
        size_t len = en[a] - st[a];
        while (len && isspace((unsigned char)*s))
            s++, len--;
        /* keyword argument? name = ... (not ==) */
        int kw = -1;
        size_t k = 0;
        while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '_'))
            k++;
        size_t e = k;
        while (e < len && s[e] == ' ')
            e++;
        if (k > 0 && e < len && s[e] == '=' && (e + 1 >= len || s[e + 1] != '=')) {
            for (int p = 0; p < sig->nparams; p++)
                if (strlen(sig->names[p]) == k && !strncmp(sig->names[p], s, k))
                    kw = p;
        }
        int idx = kw >= 0 ? kw : pos++;
        if (wrote)
            sb_puts(&sb, ", ");
        wrote = 1;
        if (idx == pi)
            sb_printf(&sb, "%s = %s", sig->names[pi], v);
        else
            sb_putn(&sb, s, len);
        if (idx == pi)
            pi = -1; /* done */
    }
    if (pi >= 0)
        sb_printf(&sb, "%s%s = %s", wrote ? ", " : "", sig->names[pi], v);
    sb_puts(&sb, call + close);
    return sb_take(&sb);
}

static int covered[4096];

/* Audits one call of builtin b; returns the number of ignored parameters. */
static int audit_call(const Builtin *b, const char *setup, const char *call, int *ncalls)
{
    const BuiltinSig *sig = builtin_sig(b);
    size_t open, close;
    if (!find_call(call, b->name, &open, &close))
        return 0;
    int is_err;
    char *plain = run_text(setup, call, &is_err);
    if (is_err) {
        fprintf(stderr, "audit of %s: the plain call fails: %s\n  %s\n", b->name, call, plain);
        free(plain);
        return 1;
    }
    (*ncalls)++;
    int bad = 0;
    int last = sig->variadic || sig->kwvariadic ? sig->nparams - 1 : sig->nparams;
    for (int p = 0; p < last; p++) {
        int used = 0;
        for (int s = 0; s < 2 && !used; s++) {
            char *pc = perturb(call, open, close, sig, p, sentinels[s]);
            int e2;
            char *got = run_text(setup, pc, &e2);
            if (e2 || strcmp(got, plain) != 0)
                used = 1;
            free(got);
            free(pc);
        }
        if (!used) {
            bad++;
            fprintf(stderr, "audit: %s ignores its parameter '%s' in %s\n", b->name, sig->names[p],
                    call);
        }
    }
    free(plain);
    return bad;
}

START_TEST(test_every_keyword_used_or_refused)
{
    int bad = 0, ncalls = 0, uncovered = 0, idx = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++, idx++) {
            const BuiltinSig *sig = builtin_sig(b);
            int before = ncalls;
            if (b->example) {
                /* the example's statements before the call are its setup */
                const char *ex = b->example;
                size_t open, close;
                if (find_call(ex, b->name, &open, &close)) {
                    bad += audit_call(b, NULL, ex, &ncalls);
                }
            }
            for (int x = 0; extra[x][0]; x++)
                if (!strcmp(extra[x][0], b->name))
                    bad += audit_call(b, extra[x][1], extra[x][2], &ncalls);
            if (ncalls > before && idx < 4096)
                covered[idx] = 1;
            if (ncalls == before && sig->nparams > 0 && !is_exempt(b->name)) {
                uncovered++;
                fprintf(stderr, "audit: %s has no call to audit (give it a help example)\n",
                        b->name);
            }
        }
    fprintf(stderr, "keyword audit: %d calls, %d ignored parameters, %d builtins not covered\n",
            ncalls, bad, uncovered);
    ck_assert_int_gt(ncalls, 0);
    ck_assert_msg(bad == 0, "%d parameters are ignored (see above)", bad);
    ck_assert_msg(uncovered == 0, "%d builtins have no call to audit (see above)", uncovered);
}
END_TEST

/* The perturbed calls may write files named by a sentinel (save, plot_*):
   run in a fresh temporary directory and empty it afterwards. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[4096 + 512];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                remove(path);
            }
        closedir(d);
    }
    rmdir(dir);
}

int main(void)
{
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/symaudit.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror("test_keyword_audit: temporary directory");
        return 99;
    }
    Suite *s = suite_create("keyword_audit");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_every_keyword_used_or_refused);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    remove_dir(dir);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
