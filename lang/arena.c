/* arena.c — bump allocator for one parse.  Memory comes in chunks of at
 * least 8 KiB, chained so arena_free can release them all at once. */
#include "arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK = 8192 };

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} ArenaChunk;

struct Arena {
    ArenaChunk *head;
};

static void *arena_xmalloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL) {
        fputs("sym: out of memory\n", stderr);
        abort();
    }
    return p;
}

Arena *arena_new(void)
{
    Arena *a = arena_xmalloc(sizeof *a);
    a->head = NULL;
    return a;
}

void *arena_alloc(Arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    size_t need = (n + align - 1) / align * align;
    ArenaChunk *c = a->head;
    if (need < n) /* overflow */
        need = n;
    if (c == NULL || c->size - c->used < need) {
        size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
        if (size > (size_t)-1 - sizeof(ArenaChunk)) {
            fputs("sym: out of memory\n", stderr);
            abort();
        }
        c = arena_xmalloc(sizeof(ArenaChunk) + size);
        c->size = size;
        c->used = 0;
        /* A big block gets its own chunk behind the head so the head's
         * free space stays usable. */
        if (a->head != NULL && need > ARENA_CHUNK) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->used;
    c->used += need;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (n > 0)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void arena_free(Arena *a)
{
    if (a == NULL)
        return;
    ArenaChunk *c = a->head;
    while (c != NULL) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}
