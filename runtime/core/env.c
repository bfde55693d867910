/* env.c — scopes as open-addressing hash tables keyed by name. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "env.h"

typedef struct Slot {
    char *name;
    Value *val;
} Slot;

struct Env {
    Slot *slots;
    size_t cap, count;
};

static size_t hash_name(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

Env *env_new(void)
{
    Env *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->cap = 16;
    e->slots = calloc(e->cap, sizeof(Slot));
    if (!e->slots)
        abort();
    return e;
}

void env_free(Env *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->cap; i++)
        if (e->slots[i].name) {
            free(e->slots[i].name);
            val_unref(e->slots[i].val);
        }
    free(e->slots);
    free(e);
}

static Slot *env_find(const Env *e, const char *name)
{
    size_t i = hash_name(name) & (e->cap - 1);
    while (e->slots[i].name && strcmp(e->slots[i].name, name) != 0)
        i = (i + 1) & (e->cap - 1);
    return &e->slots[i];
}

Value *env_get(const Env *e, const char *name)
{
    Slot *s = env_find(e, name);
    return s->name ? s->val : NULL;
}

static void env_grow(Env *e)
{
    Slot *old = e->slots;
    size_t oldcap = e->cap;
    e->cap *= 2;
    e->slots = calloc(e->cap, sizeof(Slot));
    if (!e->slots)
        abort();
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].name)
            *env_find(e, old[i].name) = old[i];
    free(old);
}

void env_set(Env *e, const char *name, Value *v)
{
    if ((e->count + 1) * 2 > e->cap)
        env_grow(e);
    Slot *s = env_find(e, name);
    val_ref(v);
    if (s->name) {
        val_unref(s->val);
        s->val = v;
        return;
    }
    s->name = strdup(name);
    s->val = v;
    e->count++;
}

const char *env_name_at(const Env *e, size_t *i)
{
    while (*i < e->cap) {
        size_t k = (*i)++;
        if (e->slots[k].name)
            return e->slots[k].name;
    }
    return NULL;
}

Env *env_copy(const Env *e)
{
    Env *c = env_new();
    size_t i = 0;
    const char *n;
    while ((n = env_name_at(e, &i)))
        env_set(c, n, e->slots[i - 1].val);
    return c;
}
