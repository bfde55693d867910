/* replay_eval.c — run every file of tests/fuzz/eval-corpus and
 * tests/fuzz/eval-crashes through the interpreter (fuzz_eval_run: fresh
 * session, output discarded, CPU deadline).  Errors in the programs are
 * expected; a crash, abort or sanitizer report fails the test by itself.
 * The directory holding both is $SYM_FUZZ_DIR, else $srcdir/tests/fuzz,
 * else tests/fuzz.  With arguments, runs those files instead; with -l
 * before them, runs each line of each file as its own program (used to
 * try every operator on every pair of kinds). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_eval.h"

/* Read a whole file; NULL on failure. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Run one file (whole, or line by line); 1 if it could be read. */
static int replay_file(const char *path, int by_line)
{
    size_t len = 0;
    char *text = read_all(path, &len);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 0;
    }
    if (!by_line) {
        fuzz_eval_run(path, text, len);
    } else {
        size_t start = 0;
        for (size_t i = 0; i <= len; i++)
            if (i == len || text[i] == '\n') {
                if (i > start) {
                    fprintf(stderr, "%.*s\n", (int)(i - start), text + start);
                    fuzz_eval_run(path, text + start, i - start);
                }
                start = i + 1;
            }
    }
    free(text);
    return 1;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay the regular files of dir in name order; returns how many ran,
 * -1 if dir cannot be opened. */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **nn = realloc(names, sizeof *names * (size_t)cap);
            if (nn == NULL)
                break;
            names = nn;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, (size_t)n, sizeof *names, cmp_names);
    int ran = 0;
    for (int i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        ran += replay_file(path, 0);
        free(path);
        free(names[i]);
    }
    free(names);
    return ran;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        int by_line = strcmp(argv[1], "-l") == 0;
        for (int i = 1 + by_line; i < argc; i++)
            replay_file(argv[i], by_line);
        return 0;
    }
    char base[4096];
    const char *env = getenv("SYM_FUZZ_DIR");
    const char *srcdir = getenv("srcdir");
    if (env != NULL)
        snprintf(base, sizeof base, "%s", env);
    else if (srcdir != NULL)
        snprintf(base, sizeof base, "%s/tests/fuzz", srcdir);
    else
        snprintf(base, sizeof base, "tests/fuzz");
    const char *subs[] = {"eval-corpus", "eval-crashes"};
    int total = 0;
    for (int i = 0; i < 2; i++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/%s", base, subs[i]);
        int ran = replay_dir(dir);
        if (ran < 0) {
            fprintf(stderr, "replay_eval: cannot open %s\n", dir);
            return 1;
        }
        total += ran;
    }
    printf("replay_eval: %d programs ran without crashing\n", total);
    return 0;
}
