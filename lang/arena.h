/* arena.h — bump allocation for one parse: every node and string of a tree
 * is freed at once with arena_free. */
#ifndef SYM_ARENA_H
#define SYM_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
/* Zeroed memory of n bytes, aligned for any type; aborts only if malloc
 * fails. */
void *arena_alloc(Arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) in the arena. */
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_free(Arena *a);

#endif
