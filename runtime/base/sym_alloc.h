/* sym_alloc.h — the one allocator of a Sym process, with a memory limit.
 *
 * GMP (mp_set_memory_functions), MPFR (through GMP), FLINT
 * (__flint_set_memory_functions) and Sym's own large allocations (values,
 * strings, lists, records, float matrices, the digits of number literals)
 * all allocate here.  The allocator counts the bytes it hands out
 * (malloc_usable_size) and refuses a request that would take the count
 * over the limit.  Not counted: the parser's arena and sources, string
 * buffers (StrBuf: guarded against the limit before growth, but freed
 * with free() all over the runtime), environments, LAPACK's and
 * OpenBLAS's work arrays.
 *
 * Two ways to fail:
 *   - sym_malloc / sym_calloc / sym_realloc return NULL (callers that can
 *     report an error themselves use these);
 *   - sym_xmalloc / sym_xcalloc / sym_xrealloc and the GMP/FLINT hooks
 *     cannot return NULL: they RAISE, i.e. longjmp to the innermost
 *     recovery point (SYM_TRY below).  With no recovery point they print
 *     "sym: out of memory" and exit(1) (never abort()).
 *
 * RECOVERY POINTS.  The evaluator sets one around each builtin call, each
 * binary operation and each top-level statement (runtime/eval.c).  What a
 * raise abandons, by design:
 *   - memory held only by the C frames between the raise and the recovery
 *     point (temporaries of GMP/FLINT and of the builtin) is leaked; it is
 *     bounded by what the failed operation had allocated;
 *   - Values referenced only from those frames are leaked with their
 *     reference counts unchanged, so every Value still reachable stays
 *     consistent (a count can only be too high, never too low);
 *   - no Value visible to the session is left half-built: values are built
 *     privately and published (env_set, list_set) only once complete.
 * The session (globals, coordinate ring, parsed sources) stays usable.
 *
 * Not thread-safe (Sym is single-threaded; OpenBLAS threads allocate with
 * their own malloc, which is not counted). */
#ifndef SYM_ALLOC_H
#define SYM_ALLOC_H

#include <setjmp.h>
#include <stddef.h>

/* Install the GMP and FLINT hooks and the default limit (once, before
 * any GMP/FLINT object exists).  Idempotent. */
void sym_alloc_init(void);

/* The default limit: half of physical memory, and at most 3/4 of
 * RLIMIT_AS / RLIMIT_DATA when those are set. */
size_t sym_alloc_default_limit(void);
size_t sym_alloc_limit(void);
void sym_alloc_set_limit(size_t bytes); /* 0: no limit */
size_t sym_alloc_used(void);            /* bytes currently counted */
size_t sym_alloc_peak(void);            /* highest count so far */
/* 1 if n more bytes fit under the limit (size guards before growth). */
int sym_alloc_fits(size_t n);

void *sym_malloc(size_t n);
void *sym_calloc(size_t n, size_t size);
void *sym_realloc(void *p, size_t n);
void sym_free(void *p);
char *sym_strndup(const char *s, size_t n);

void *sym_xmalloc(size_t n);
void *sym_xcalloc(size_t n, size_t size);
void *sym_xrealloc(void *p, size_t n);

/* A recovery point.  Use exactly so:
 *     SymRecover rc;
 *     if (SYM_TRY(rc)) { ...work...; sym_recover_pop(&rc); }
 *     else { ...out of memory: rc.request bytes were refused... }
 * The else branch is entered with the point already popped.  Locals of the
 * enclosing function changed inside the work part must be volatile to be
 * read in the else branch. */
typedef struct SymRecover {
    jmp_buf jb;
    struct SymRecover *prev;
    size_t request; /* the refused request (bytes) */
    int depth;      /* caller's bookkeeping (e.g. call depth) */
} SymRecover;
#define SYM_TRY(rc) (sym_recover_push(&(rc)), setjmp((rc).jb) == 0)
void sym_recover_push(SymRecover *r);
void sym_recover_pop(SymRecover *r);
/* Forget every recovery point (in a forked child, whose raise must end
 * the child rather than jump into the parent's interpreter state). */
void sym_recover_reset(void);
/* Raise out of memory for a request of n bytes (longjmp; never returns). */
__attribute__((noreturn)) void sym_alloc_raise(size_t n);
/* While on (nesting count), the limit is ignored: for building the error
 * message after a raise. */
void sym_alloc_grace(int on);

/* The message for a refused request of n bytes ("out of memory: ..."),
 * into buf (cap bytes); the limit and the bytes in use are read now, so
 * call it before freeing anything. */
void sym_alloc_oom_message(char *buf, size_t cap, size_t n);
/* Format bytes as "1.5 GB" into buf (at least 32 bytes); returns buf. */
char *sym_alloc_format(char *buf, size_t bytes);
/* Parse "123", "512K", "64M", "2G" (also KB/MB/GB, case-insensitive);
 * 1 and *out set, else 0. */
int sym_alloc_parse(const char *s, size_t *out);

/* Forced failure (tests, in the manner of Lua's and SQLite's): make the
 * n-th counted allocation from now fail (0: off).  sym_alloc_count() is
 * the number of counted allocations so far. */
void sym_alloc_fail_at(long n);
long sym_alloc_count(void);
int sym_alloc_failed(void); /* 1 once a forced failure has fired */

#endif
