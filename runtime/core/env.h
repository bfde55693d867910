/* env.h — a scope: names bound to values (a hash table owning one
 * reference to each value). */
#ifndef SYM_ENV_H
#define SYM_ENV_H

#include "value.h"

typedef struct Env Env;

Env *env_new(void);
void env_free(Env *e);
/* The value bound to name (borrowed), or NULL. */
Value *env_get(const Env *e, const char *name);
/* Bind name to v, taking a new reference to v and dropping the old one. */
void env_set(Env *e, const char *name, Value *v);
/* Every bound name in turn (for completion and did-you-mean); i from 0
 * until it returns NULL. */
const char *env_name_at(const Env *e, size_t *i);
/* A copy of e (each value gets one more reference). */
Env *env_copy(const Env *e);

#endif
