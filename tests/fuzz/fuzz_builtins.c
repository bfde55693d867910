/* fuzz_builtins.c — libFuzzer harness calling every builtin with argument
 * lists drawn from a pool of values of every kind (builtins-pool.sym),
 * wrong kinds included, positionally or by keyword.  The eval fuzzer
 * (fuzz_eval.c) rarely builds the data arguments builtins such as fit or
 * promote need; this one starts from them.  Each input runs in a fresh
 * session with the pool, a 1 s CPU deadline and a 512 MB memory limit
 * (past it the run ends in an out-of-memory error, as in the REPL).
 * Any crash, sanitizer report, leak or abort is a bug; an error message
 * is the right answer.  The session's working directory is a private
 * temporary directory (save and the plot writers create files).
 * Build and run: see tests/fuzz/README. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>

#include "interp.h"
#include "repl.h"
#include "builtins.h"
#include "base/sym_alloc.h"

#include "fuzz_builtins.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const Builtin **all;
static int nall;
static char *pool_text;
static int npool;
static FILE *sink;

static void on_deadline(int sig)
{
    (void)sig;
    sym_interrupted = 1;
}

static void deadline_set(long ms)
{
    struct itimerval t;
    memset(&t, 0, sizeof t);
    t.it_value.tv_sec = ms / 1000;
    t.it_value.tv_usec = (ms % 1000) * 1000;
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

int fuzz_builtins_count(void)
{
    return nall;
}
int fuzz_builtins_pool_size(void)
{
    return npool;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

int fuzz_builtins_init(const char *path)
{
    if (pool_text)
        return 0;
    char buf[4096];
    if (!path) {
        const char *env = getenv("SYM_FUZZ_DIR"), *srcdir = getenv("srcdir");
        if (env)
            snprintf(buf, sizeof buf, "%s/builtins-pool.sym", env);
        else if (srcdir)
            snprintf(buf, sizeof buf, "%s/tests/fuzz/builtins-pool.sym", srcdir);
        else
            snprintf(buf, sizeof buf, "tests/fuzz/builtins-pool.sym");
        path = buf;
    }
    pool_text = slurp(path);
    if (!pool_text) {
        fprintf(stderr, "fuzz_builtins: cannot read %s\n", path);
        return -1;
    }
    /* the pool values are p0, p1, ... at the start of lines */
    for (const char *p = pool_text; *p; p++)
        if ((p == pool_text || p[-1] == '\n') && p[0] == 'p' && p[1] >= '0' && p[1] <= '9')
            npool++;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            nall++;
    all = malloc(sizeof *all * (size_t)nall);
    int k = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            all[k++] = b;
    sink = fopen("/dev/null", "w");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGVTALRM, &sa, NULL);
    /* files written by save/plot land in a private directory */
    char tmpl[] = "/tmp/sym_fuzz_builtins.XXXXXX";
    if (mkdtemp(tmpl) == NULL || chdir(tmpl) != 0)
        fprintf(stderr, "fuzz_builtins: no private directory; writing in the current one\n");
    return 0;
}

void fuzz_builtins_decode(const unsigned char *d, size_t size, char *buf, size_t cap)
{
    size_t len = 0;
    if (size < 3 || nall == 0 || npool == 0) {
        snprintf(buf, cap, "nil");
        return;
    }
    const Builtin *b = all[((unsigned)d[0] << 8 | d[1]) % (unsigned)nall];
    const BuiltinSig *sig = builtin_sig(b);
    int nargs = d[2] % 7;
    len += (size_t)snprintf(buf + len, cap - len, "%s(", b->name);
    int kw = 0;
    for (int i = 0; i < nargs && 3 + 2 * (size_t)i + 1 < size && len < cap; i++) {
        int v = d[3 + 2 * i] % npool, sel = d[4 + 2 * i];
        if (i > 0)
            len += (size_t)snprintf(buf + len, cap - len, ", ");
        if (len >= cap)
            break;
        /* keyword arguments only after the positional ones */
        if ((sel & 0x80 || kw) && sig->nparams > 0) {
            kw = 1;
            len += (size_t)snprintf(buf + len, cap - len,
                                    "%s = ", sig->names[(sel & 0x7f) % sig->nparams]);
        }
        if (len < cap)
            len += (size_t)snprintf(buf + len, cap - len, "p%d", v);
    }
    if (len < cap)
        snprintf(buf + len, cap - len, ")");
}

int fuzz_builtins_run_text(const char *text)
{
    if (!pool_text && fuzz_builtins_init(NULL) != 0)
        abort();
    Interp *I = interp_new();
    if (getenv("SYM_FUZZ_SHOW") == NULL) {
        I->out = sink;
        I->err = sink;
    }
    I->max_depth = 40;
    sym_interrupted = 0;
    size_t saved_limit = sym_alloc_limit();
    sym_alloc_set_limit((size_t)512 << 20);
    interp_load_prelude(I);
    int st = interp_run_source(I, source_new("pool.sym", pool_text, strlen(pool_text)), 0);
    if (st != RUN_OK) {
        fprintf(stderr, "fuzz_builtins: the pool script fails (status %d)\n", st);
        abort();
    }
    deadline_set(1000);
    st = interp_run_source(I, source_new("call.sym", text, strlen(text)), 1);
    deadline_set(0);
    sym_interrupted = 0;
    interp_free(I);
    sym_alloc_set_limit(saved_limit);
    if (st != RUN_OK && st != RUN_ERROR && st != RUN_SYNTAX && st != RUN_INTERRUPTED)
        abort();
    return st;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return fuzz_builtins_init(NULL) == 0 ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[1024];
    if (size > 64)
        return 0;
    fuzz_builtins_decode(data, size, text, sizeof text);
    fuzz_builtins_run_text(text);
    return 0;
}
