/* alloc_fail.c — the forced-allocation-failure test, in the manner of
 * Lua's and SQLite's: for each representative script, count the
 * allocations a clean run makes (N), then run it again in a fresh session
 * failing the n-th allocation (base/sym_alloc.h, sym_alloc_fail_at) for
 * n = 1, 2, ..., N (every STEP-th n when N is larger than the budget, so
 * the test stays bounded).  Every run must end in success or an error
 * message (RUN_OK / RUN_ERROR); a crash, an abort, a sanitizer report or
 * any other status fails.  What a raise abandons (the failed operation's
 * temporaries) is leaked by design, so leak detection is off from the
 * first forced failure on.
 *
 * usage: alloc_fail [-b BUDGET] [SCRIPT...]; default: the scripts below
 * under $srcdir (runs per script: BUDGET, default 200). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <flint/flint.h>
#include <mpfr.h>
#include "interp.h"
#include "repl.h"
#include "base/sym_alloc.h"

/* LeakSanitizer's switches, when linked in. */
void __lsan_disable(void) __attribute__((weak));

static const char *const scripts[] = {"tests/scripts/arith.sym",
                                      "tests/scripts/lists.sym",
                                      "tests/scripts/strings.sym",
                                      "tests/scripts/records.sym",
                                      "tests/scripts/matrices.sym",
                                      "tests/scripts/poly.sym",
                                      "tests/scripts/functions.sym",
                                      "tests/scripts/reals.sym",
                                      "tests/scripts/lie.sym",
                                      "tests/scripts/fit.sym",
                                      "tests/scripts/enforce.sym",
                                      "tests/scripts/data.sym",
                                      NULL};

static FILE *sink;

/* Run path in a fresh session, failing allocation n (0: none).  Returns
   the status; *count gets the number of allocations the run made, *fired
   whether the failure happened. */
static int run(const char *path, long n, long *count, int *fired)
{
    Interp *I = interp_new();
    I->out = sink;
    I->err = getenv("SYM_ALLOC_SHOW") ? stderr : sink;
    interp_load_prelude(I);
    Source *src = source_from_file(path);
    if (!src) {
        fprintf(stderr, "alloc_fail: cannot read %s\n", path);
        exit(1);
    }
    long before = sym_alloc_count();
    sym_alloc_fail_at(n);
    int st = interp_run_source(I, src, 1);
    *fired = sym_alloc_failed();
    sym_alloc_fail_at(0);
    *count = sym_alloc_count() - before;
    interp_free(I);
    return st;
}

int main(int argc, char **argv)
{
    long budget = 200;
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "-b") == 0) {
        budget = atol(argv[2]);
        i = 3;
    }
    sink = fopen("/dev/null", "w");
    const char *top = getenv("srcdir") ? getenv("srcdir") : ".";
    /* scripts name their data files relative to the top source directory */
    if (i >= argc && chdir(top) != 0) {
        fprintf(stderr, "alloc_fail: cannot enter %s\n", top);
        return 1;
    }
    top = ".";
    long total_runs = 0, total_fired = 0, total_err = 0;
    int lsan_off = 0;
    int failures = 0;
    for (int k = 0;; k++) {
        char path[4096];
        if (i < argc) {
            if (k >= argc - i)
                break;
            snprintf(path, sizeof path, "%s", argv[i + k]);
        } else {
            if (!scripts[k])
                break;
            snprintf(path, sizeof path, "%s/%s", top, scripts[k]);
        }
        long n_alloc;
        int fired;
        int st0 = run(path, 0, &n_alloc, &fired);
        if (st0 != RUN_OK) {
            fprintf(stderr, "alloc_fail: %s fails without forced failures (status %d)\n", path,
                    st0);
            failures++;
            continue;
        }
        long step = n_alloc > budget ? (n_alloc + budget - 1) / budget : 1;
        /* What a raise abandons (the failed operation's temporaries, FLINT
           mpz pages they hold) is leaked by design and can outlive the
           run, so from the first forced failure on leak detection is off
           for the rest of this process (the clean runs of the scripts are
           leak-checked by the script tests themselves). */
        if (__lsan_disable && !lsan_off) {
            __lsan_disable();
            lsan_off = 1;
        }
        long runs = 0, nfired = 0, nerr = 0;
        for (long n = 1; n <= n_alloc; n += step) {
            long cnt;
            int st = run(path, n, &cnt, &fired);
            runs++;
            nfired += fired;
            nerr += st == RUN_ERROR;
            if (st != RUN_OK && st != RUN_ERROR) {
                fprintf(stderr, "alloc_fail: %s with allocation %ld failing: status %d\n", path, n,
                        st);
                failures++;
            }
        }
        printf("alloc_fail: %s: %ld allocations, %ld runs (every %ld), %ld failures injected, "
               "%ld ended in an error, the rest succeeded\n",
               path, n_alloc, runs, step, nfired, nerr);
        total_runs += runs;
        total_fired += nfired;
        total_err += nerr;
    }
    printf("alloc_fail: %ld runs, %ld injected failures, %ld errors, %d bad endings\n", total_runs,
           total_fired, total_err, failures);
    fclose(sink);
    mpfr_free_cache(); /* as sym does at exit: MPFR's mpz pool and constants */
    flint_cleanup_master();
    return failures ? 1 : 0;
}
