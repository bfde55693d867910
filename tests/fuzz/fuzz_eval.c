/* fuzz_eval.c — libFuzzer harness for the whole interpreter: parse AND
 * run arbitrary bytes in a fresh session (prelude loaded, echo on, output
 * and diagnostics sent to /dev/null).  Any crash, sanitizer report, leak
 * or hang is a bug; an error message is the correct answer to bad input.
 * Long-running inputs are cut off: inputs are capped at 512 bytes, user
 * recursion at 40 calls, and a CPU-time timer (SIGVTALRM, 1 s per input;
 * libFuzzer's own -timeout uses SIGALRM) sets sym_interrupted, which
 * the evaluator polls in loops and calls.
 * Build: see tests/fuzz/README. */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "interp.h"
#include "repl.h"

#include "fuzz_eval.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static void on_deadline(int sig)
{
    (void)sig;
    sym_interrupted = 1;
}

/* Arm (ms > 0) or disarm (ms == 0) the CPU-time deadline. */
static void deadline_set(long ms)
{
    struct itimerval t;
    memset(&t, 0, sizeof t);
    t.it_value.tv_sec = ms / 1000;
    t.it_value.tv_usec = (ms % 1000) * 1000;
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sink = fopen("/dev/null", "w");
    if (sink == NULL)
        abort();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGVTALRM, &sa, NULL);
    return 0;
}

int fuzz_eval_run(const char *name, const char *data, size_t size)
{
    if (sink == NULL)
        LLVMFuzzerInitialize(NULL, NULL);
    Interp *I = interp_new();
    if (getenv("SYM_FUZZ_SHOW") == NULL) { /* else stdout, stderr */
        I->out = sink;
        I->err = sink;
    }
    I->max_depth = 40;
    sym_interrupted = 0;
    interp_load_prelude(I);
    deadline_set(1000);
    int status = interp_run_source(I, source_new(name, data, size), 1);
    deadline_set(0);
    sym_interrupted = 0;
    if (status != RUN_OK && status != RUN_ERROR && status != RUN_SYNTAX &&
        status != RUN_INTERRUPTED)
        abort();
    interp_free(I);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size <= 512)
        fuzz_eval_run("fuzz.sym", (const char *)data, size);
    return 0;
}
