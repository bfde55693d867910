/* replay_builtins.c — the standing test of the builtin-call harness
 * (fuzz_builtins.c): replays every input of tests/fuzz/builtins-corpus
 * and tests/fuzz/builtins-crashes, then sweeps: every builtin is called
 * with each pool value in each of its first three argument positions (the
 * positions before it given 1).  Errors are expected; a crash, abort or
 * sanitizer report fails by itself.  Directory: $SYM_FUZZ_DIR, else
 * $srcdir/tests/fuzz, else tests/fuzz.  Options: -n (no sweep), -s STEP
 * (sweep every STEP-th call only), FILES (decode and run those inputs,
 * printing each call). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "fuzz_builtins.h"

static int run_file(const char *path, int show)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 0;
    }
    unsigned char data[256];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    char text[1024];
    fuzz_builtins_decode(data, n, text, sizeof text);
    if (show)
        fprintf(stderr, "%s: %s\n", path, text);
    fuzz_builtins_run_text(text);
    return 1;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            names = realloc(names, sizeof *names * (size_t)cap);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, (size_t)n, sizeof *names, cmp_names);
    int ran = 0;
    for (int i = 0; i < n; i++) {
        char path[8192];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path)
            ran += run_file(path, getenv("SYM_FUZZ_SHOW") != NULL);
        free(names[i]);
    }
    free(names);
    return ran;
}

/* Every builtin with each pool value at positions 0..2; returns the
   number of calls. */
static long sweep(int step)
{
    long k = 0, ran = 0;
    int npool = fuzz_builtins_pool_size();
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            const BuiltinSig *sig = builtin_sig(b);
            int npos = sig->nparams < 1 ? 1 : sig->nparams > 3 ? 3 : sig->nparams;
            for (int pos = 0; pos < npos; pos++)
                for (int v = 0; v < npool; v++) {
                    if (k++ % step)
                        continue;
                    char text[512];
                    size_t len = (size_t)snprintf(text, sizeof text, "%s(", b->name);
                    for (int j = 0; j < pos; j++)
                        len += (size_t)snprintf(text + len, sizeof text - len, "p3, ");
                    snprintf(text + len, sizeof text - len, "p%d)", v);
                    if (getenv("SYM_FUZZ_SHOW"))
                        fprintf(stderr, "sweep: %s\n", text);
                    fuzz_builtins_run_text(text);
                    ran++;
                }
        }
    return ran;
}

int main(int argc, char **argv)
{
    int nosweep = 0, step = 1, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-n") == 0)
            nosweep = 1;
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            step = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
    }
    char base[4096];
    const char *env = getenv("SYM_FUZZ_DIR"), *srcdir = getenv("srcdir");
    if (env)
        snprintf(base, sizeof base, "%s", env);
    else if (srcdir)
        snprintf(base, sizeof base, "%s/tests/fuzz", srcdir);
    else
        snprintf(base, sizeof base, "tests/fuzz");
    /* the harness works in a private directory: absolute paths first */
    char *abs = realpath(base, NULL);
    if (!abs) {
        fprintf(stderr, "replay_builtins: no directory %s\n", base);
        return 1;
    }
    char pool[8192];
    snprintf(pool, sizeof pool, "%s/builtins-pool.sym", abs);
    if (i < argc) {
        int nf = argc - i;
        char **files = calloc((size_t)nf, sizeof *files);
        for (int k = 0; k < nf; k++)
            files[k] = realpath(argv[i + k], NULL);
        if (fuzz_builtins_init(pool) != 0)
            return 1;
        for (int k = 0; k < nf; k++) {
            if (files[k])
                run_file(files[k], 1);
            else
                fprintf(stderr, "%s: no such file\n", argv[i + k]);
            free(files[k]);
        }
        free(files);
        free(abs);
        return 0;
    }
    if (fuzz_builtins_init(pool) != 0)
        return 1;
    const char *subs[] = {"builtins-corpus", "builtins-crashes"};
    long total = 0;
    for (int s = 0; s < 2; s++) {
        char dir[8192];
        snprintf(dir, sizeof dir, "%s/%s", abs, subs[s]);
        int ran = run_dir(dir);
        if (ran < 0) {
            fprintf(stderr, "replay_builtins: cannot open %s\n", dir);
            free(abs);
            return 1;
        }
        total += ran;
    }
    free(abs);
    long swept = nosweep ? 0 : sweep(step);
    printf("replay_builtins: %ld corpus inputs and %ld sweep calls (%d builtins, %d pool "
           "values) ran without crashing\n",
           total, swept, fuzz_builtins_count(), fuzz_builtins_pool_size());
    return 0;
}
