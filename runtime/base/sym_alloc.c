/* sym_alloc.c — the counting allocator with a limit, its GMP and FLINT
 * hooks, recovery points and forced failures (see sym_alloc.h). */
#include <ctype.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <gmp.h>
#include <flint/flint.h>
#include "sym_alloc.h"

static size_t limit_bytes; /* 0: none */
static size_t used_bytes, peak_bytes;
static int grace;
static long alloc_count, fail_at;
static int failed_once;
static SymRecover *top;
static int initialised;

size_t sym_alloc_limit(void)
{
    return limit_bytes;
}
void sym_alloc_set_limit(size_t bytes)
{
    limit_bytes = bytes;
}
size_t sym_alloc_used(void)
{
    return used_bytes;
}
size_t sym_alloc_peak(void)
{
    return peak_bytes;
}
void sym_alloc_grace(int on)
{
    grace += on ? 1 : -1;
}
long sym_alloc_count(void)
{
    return alloc_count;
}
int sym_alloc_failed(void)
{
    return failed_once;
}

void sym_alloc_fail_at(long n)
{
    fail_at = n > 0 ? alloc_count + n : 0;
    failed_once = 0;
}

size_t sym_alloc_default_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    size_t lim = pages > 0 && psize > 0 ? (size_t)pages * (size_t)psize / 2 : (size_t)1 << 31;
    struct rlimit rl;
    int which[] = {RLIMIT_AS, RLIMIT_DATA};
    for (int i = 0; i < 2; i++)
        if (getrlimit(which[i], &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
            rl.rlim_cur / 4 * 3 < lim)
            lim = rl.rlim_cur / 4 * 3;
    return lim;
}

int sym_alloc_fits(size_t n)
{
    return limit_bytes == 0 || grace > 0 || (n <= limit_bytes && used_bytes <= limit_bytes - n);
}

/* May a request of n more bytes go ahead?  Counts it as one allocation
 * (for forced failures). */
static int admit(size_t n)
{
    alloc_count++;
    if (fail_at > 0 && alloc_count == fail_at && grace == 0) {
        failed_once = 1;
        return 0;
    }
    return sym_alloc_fits(n);
}

static void count_add(void *p)
{
    if (p) {
        used_bytes += malloc_usable_size(p);
        if (used_bytes > peak_bytes)
            peak_bytes = used_bytes;
    }
}

static void count_sub(void *p)
{
    if (p) {
        size_t k = malloc_usable_size(p);
        used_bytes = k < used_bytes ? used_bytes - k : 0;
    }
}

void *sym_malloc(size_t n)
{
    if (!admit(n))
        return NULL;
    void *p = malloc(n ? n : 1);
    count_add(p);
    return p;
}

void *sym_calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        return NULL;
    if (!admit(n * size))
        return NULL;
    void *p = calloc(n ? n : 1, size ? size : 1);
    count_add(p);
    return p;
}

void *sym_realloc(void *p, size_t n)
{
    if (p == NULL)
        return sym_malloc(n);
    size_t old = malloc_usable_size(p);
    if (!admit(n > old ? n - old : 0))
        return NULL;
    count_sub(p);
    void *q = realloc(p, n ? n : 1);
    count_add(q ? q : p); /* on failure p is still ours */
    return q;
}

void sym_free(void *p)
{
    count_sub(p);
    free(p);
}

char *sym_strndup(const char *s, size_t n)
{
    char *d = sym_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void sym_recover_push(SymRecover *r)
{
    r->prev = top;
    r->request = 0;
    top = r;
}

void sym_recover_reset(void)
{
    top = NULL;
}

void sym_recover_pop(SymRecover *r)
{
    if (top == r)
        top = r->prev;
}

void sym_alloc_raise(size_t n)
{
    SymRecover *r = top;
    if (r == NULL) {
        char b1[32], b2[32];
        fflush(stdout);
        fprintf(stderr, "sym: out of memory (a request of %s refused; limit %s)\n",
                sym_alloc_format(b1, n), limit_bytes ? sym_alloc_format(b2, limit_bytes) : "none");
        fflush(NULL);
        _exit(1);
    }
    top = r->prev;
    r->request = n;
    longjmp(r->jb, 1);
}

void *sym_xmalloc(size_t n)
{
    void *p = sym_malloc(n);
    if (!p)
        sym_alloc_raise(n);
    return p;
}

void *sym_xcalloc(size_t n, size_t size)
{
    void *p = sym_calloc(n, size);
    if (!p)
        sym_alloc_raise(size && n > (size_t)-1 / size ? (size_t)-1 : n * size);
    return p;
}

void *sym_xrealloc(void *p, size_t n)
{
    void *q = sym_realloc(p, n);
    if (!q)
        sym_alloc_raise(n);
    return q;
}

/* --- hooks --- */
static void *gmp_alloc(size_t n)
{
    return sym_xmalloc(n);
}
static void *gmp_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    return sym_xrealloc(p, n);
}
static void gmp_free(void *p, size_t n)
{
    (void)n;
    sym_free(p);
}

void sym_alloc_init(void)
{
    if (initialised)
        return;
    initialised = 1;
    limit_bytes = sym_alloc_default_limit();
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    __flint_set_memory_functions(sym_xmalloc, sym_xcalloc, sym_xrealloc, sym_free);
}

void sym_alloc_oom_message(char *buf, size_t cap, size_t n)
{
    char b1[32], b2[32], b3[32];
    if (limit_bytes == 0 || (n <= limit_bytes && used_bytes <= limit_bytes - n))
        snprintf(buf, cap, "out of memory: a request of %s was refused (%s in use)",
                 sym_alloc_format(b1, n), sym_alloc_format(b2, used_bytes));
    else
        snprintf(buf, cap,
                 "out of memory: %s more would exceed the memory limit of %s "
                 "(%s in use; see memory())",
                 sym_alloc_format(b1, n), sym_alloc_format(b2, limit_bytes),
                 sym_alloc_format(b3, used_bytes));
}

char *sym_alloc_format(char *buf, size_t bytes)
{
    const char *unit[] = {"bytes", "KB", "MB", "GB", "TB"};
    double x = (double)bytes;
    int u = 0;
    while (x >= 1024 && u < 4) {
        x /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, 32, "%zu bytes", bytes);
    else
        snprintf(buf, 32, "%.3g %s", x, unit[u]);
    return buf;
}

int sym_alloc_parse(const char *s, size_t *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return 0;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno)
        return 0;
    unsigned long long mul = 1;
    switch (tolower((unsigned char)*end)) {
    case 'k':
        mul = 1ULL << 10;
        end++;
        break;
    case 'm':
        mul = 1ULL << 20;
        end++;
        break;
    case 'g':
        mul = 1ULL << 30;
        end++;
        break;
    case 't':
        mul = 1ULL << 40;
        end++;
        break;
    case '\0':
        break;
    default:
        return 0;
    }
    if (mul > 1 && tolower((unsigned char)*end) == 'b')
        end++;
    if (*end || (v && mul > (unsigned long long)(size_t)-1 / v))
        return 0;
    *out = (size_t)(v * mul);
    return 1;
}
