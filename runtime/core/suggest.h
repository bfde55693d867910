/* suggest.h — "did you mean" for unknown names. */
#ifndef SYM_SUGGEST_H
#define SYM_SUGGEST_H

#include "env.h"

/* The bound name (in globals or locals, which may be NULL) or keyword
 * closest to `name` by edit distance, if close enough; else NULL.  The
 * result is borrowed from the environments. */
const char *suggest_name(const Env *globals, const Env *locals, const char *name);
/* Edit distance (Levenshtein), capped at 99. */
int suggest_distance(const char *a, const char *b);

#endif
