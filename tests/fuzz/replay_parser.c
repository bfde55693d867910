/* replay_parser.c — parse every file of tests/fuzz/corpus and
 * tests/fuzz/crashes and check the result (a well-formed tree, status
 * agreeing with the diagnostics, printable diagnostics).  A crash fails
 * the test by itself.  The directory holding corpus/ and crashes/ is
 * $SYM_FUZZ_DIR, else $srcdir/tests/fuzz (automake's test harness exports
 * srcdir), else tests/fuzz. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_dump.h"
#include "parser.h"

/* Read a whole file; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
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

/* 1 if the file parses without breaking any rule. */
static int replay_one(const char *path, FILE *sink)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 0;
    }
    Source *src = source_new(path, text, len);
    free(text);
    ParseResult *r = parser_parse(src);
    const char *why = "";
    int ok = 1;
    if (r->root == NULL || !ast_validate(r->root, src, &why)) {
        fprintf(stderr, "%s: bad tree: %s\n", path, why);
        ok = 0;
    }
    if ((r->status == PARSE_OK) != (r->ndiags == 0) || r->ndiags > 20) {
        fprintf(stderr, "%s: status %d with %d diagnostics\n", path, r->status, r->ndiags);
        ok = 0;
    }
    for (int i = 0; i < r->ndiags; i++)
        diag_print(sink, "error", &r->diags[i].span, r->diags[i].message);
    ast_dump(sink, r->root);
    parse_result_free(r);
    source_free(src);
    return ok;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay the regular files of dir; adds to *passed and *failed. */
static int replay_dir(const char *dir, int *passed, int *failed, FILE *sink)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "%s: cannot open directory\n", dir);
        return 0;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *names);
        if (nn == NULL)
            break;
        names = nn;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        if (replay_one(path, sink))
            (*passed)++;
        else
            (*failed)++;
        free(path);
        free(names[i]);
    }
    free(names);
    return 1;
}

int main(void)
{
    char base[4096];
    const char *env = getenv("SYM_FUZZ_DIR");
    const char *srcdir = getenv("srcdir");
    if (env != NULL && env[0] != '\0')
        snprintf(base, sizeof base, "%s", env);
    else if (srcdir != NULL && srcdir[0] != '\0')
        snprintf(base, sizeof base, "%s/tests/fuzz", srcdir);
    else
        snprintf(base, sizeof base, "tests/fuzz");
    FILE *sink = fopen("/dev/null", "w");
    if (sink == NULL)
        sink = stderr;
    int passed = 0, failed = 0, dirs_ok = 1;
    static const char *subdirs[] = {"corpus", "crashes"};
    for (int i = 0; i < 2; i++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/%s", base, subdirs[i]);
        dirs_ok &= replay_dir(dir, &passed, &failed, sink);
    }
    if (sink != stderr)
        fclose(sink);
    printf("replay_parser: %d passed, %d failed\n", passed, failed);
    return dirs_ok && failed == 0 && passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
