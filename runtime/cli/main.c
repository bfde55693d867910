/* main.c — the `sym` command: options, scripts, -e, standard input, and
 * the REPL when run with no file on a terminal.
 *
 * Exit codes: 0 ok, 1 runtime error, 2 syntax or usage error,
 * 130 interrupted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include "config.h"
#include "interp.h"
#include "repl.h"
#include "print.h"
#include "base/sym_alloc.h"

static void usage(FILE *f)
{
    fputs("usage: sym [options] [FILE.sym [args...]]\n"
          "       sym -e 'expression'\n"
          "Sym: a language for symmetry in machine learning (enforce, discover, promote).\n"
          "With no FILE: the interactive REPL on a terminal, else a script read from stdin.\n"
          "\n"
          "options:\n"
          "  -e EXPR        run EXPR (may be repeated) and print the values\n"
          "  -q             quiet: no banner in the REPL\n"
          "  --format F     output format: plain, unicode or latex\n"
          "  --memory SIZE  memory limit, e.g. 512M or 2G (0: none; default half of RAM)\n"
          "  --help         this text\n"
          "  --version      versions of sym and of its libraries\n"
          "\n"
          "exit status: 0 ok, 1 runtime error, 2 syntax or usage error, 130 interrupted\n"
          "exact arithmetic by FLINT, GMP and MPFR; float linear algebra by LAPACKE\n",
          f);
}

static void version(void)
{
    printf("sym %s\n", PACKAGE_VERSION);
    printf("  FLINT %s, GMP %s, MPFR %s", FLINT_VERSION, gmp_version, mpfr_get_version());
#ifdef HAVE_READLINE
    printf(", GNU Readline");
#endif
    printf(", LAPACKE\n");
}

/* Ctrl-C during evaluation sets the flag the evaluator and the engines
   poll.  A second Ctrl-C before the first was honoured means the work is
   inside one call that cannot poll (a LAPACK or FLINT routine on a large
   matrix): stop the process now, with the interrupted status. */
static void on_sigint(int sig)
{
    (void)sig;
    if (sym_interrupted) {
        static const char msg[] = "\nsym: interrupted twice: stopping now (the computation was "
                                  "inside one LAPACK or FLINT call)\n";
        ssize_t w = write(2, msg, sizeof msg - 1);
        (void)w;
        _exit(130);
    }
    sym_interrupted = 1;
}

/* Script arguments as the global list `args`. */
static void set_args(Interp *I, int argc, char **argv)
{
    Value *l = val_list_new(argc);
    for (int i = 0; i < argc; i++)
        val_list_set(l, i, val_cstr(argv[i]));
    env_set(I->globals, "args", l);
    val_unref(l);
}

int main(int argc, char **argv)
{
    int quiet = 0, fmt = -1;
    size_t mem_limit = 0;
    int mem_given = 0;
    const char *exprs[64];
    int nexprs = 0;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0) {
            version();
            return 0;
        } else if (strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (strcmp(a, "-e") == 0) {
            if (i + 1 >= argc || nexprs == 64) {
                fprintf(stderr, "sym: -e needs an expression\n");
                return RUN_SYNTAX;
            }
            exprs[nexprs++] = argv[++i];
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *f = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
            if (strcmp(f, "plain") == 0)
                fmt = FMT_PLAIN;
            else if (strcmp(f, "unicode") == 0)
                fmt = FMT_UNICODE;
            else if (strcmp(f, "latex") == 0)
                fmt = FMT_LATEX;
            else {
                fprintf(stderr, "sym: unknown format '%s' (plain, unicode or latex)\n", f);
                return RUN_SYNTAX;
            }
        } else if (strcmp(a, "--memory") == 0 || strncmp(a, "--memory=", 9) == 0) {
            const char *m = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
            if (!sym_alloc_parse(m, &mem_limit) || (mem_limit && mem_limit < ((size_t)1 << 20))) {
                fprintf(stderr,
                        "sym: --memory needs a size of at least 1M such as 512M or 2G "
                        "(0: no limit), not '%s'\n",
                        m);
                return RUN_SYNTAX;
            }
            mem_given = 1;
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "sym: unknown option '%s'\n", a);
            usage(stderr);
            return RUN_SYNTAX;
        } else {
            break;
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    Interp *I = interp_new();
    if (mem_given)
        sym_alloc_set_limit(mem_limit);
    int status = RUN_OK;
    int interactive = nexprs == 0 && i >= argc && isatty(0);
    I->format = fmt >= 0 ? (PrintFormat)fmt : (isatty(1) && interactive ? FMT_UNICODE : FMT_PLAIN);
    interp_load_prelude(I);
    if (nexprs > 0) {
        set_args(I, argc - i, argv + i);
        for (int k = 0; k < nexprs && status == RUN_OK; k++)
            status = interp_run_source(I, source_new("<-e>", exprs[k], strlen(exprs[k])), 1);
    } else if (i < argc) {
        const char *file = argv[i];
        set_args(I, argc - i - 1, argv + i + 1);
        Source *src = source_from_file(file);
        if (!src) {
            fprintf(stderr, "sym: cannot open '%s': %s\n", file, strerror(errno));
            status = RUN_SYNTAX;
        } else {
            status = interp_run_source(I, src, 1);
        }
    } else if (interactive) {
        set_args(I, 0, NULL);
        status = repl_run(I, quiet);
    } else {
        set_args(I, 0, NULL);
        StrBuf sb = STRBUF_INIT;
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
            sb_putn(&sb, buf, n);
        size_t skip = sb.len >= 3 && memcmp(sb_str(&sb), "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
        status = interp_run_source(I, source_new("<stdin>", sb_str(&sb) + skip, sb.len - skip), 1);
        sb_free(&sb);
    }
    if (status == RUN_OK && sym_interrupted)
        status = RUN_INTERRUPTED;
    /* a full disk or a closed pipe must not pass for success */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sym: error writing the standard output: %s\n",
                errno ? strerror(errno) : "write failed");
        if (status == RUN_OK)
            status = RUN_ERROR;
    }
    interp_free(I);
    mpfr_free_cache();
    flint_cleanup_master();
    return status;
}
