/* union_find.h — the root of an element in a disjoint-set forest.
 *
 * parent[u] == u marks a root; union is the caller's parent[ru] = rv on
 * two roots.  Shared by the equality-system kernels (nullspace_classes.c)
 * and the block split of layer spaces (symmetry/model_blocks.c).
 */
#ifndef SYM_EXACT_UNION_FIND_H
#define SYM_EXACT_UNION_FIND_H

#include <flint/flint.h>

/* The root of u, compressing the path from u to it (0 <= u < the forest's
   size; parent must describe a forest). */
static inline slong union_find_root(slong *parent, slong u)
{
    slong r = u, t;
    while (parent[r] != r)
        r = parent[r];
    while (parent[u] != r) {
        t = parent[u];
        parent[u] = r;
        u = t;
    }
    return r;
}

#endif
