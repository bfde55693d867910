/* kernel.c — kernel rings and their per-session cache (see kernel.h). */
#include <stdlib.h>
#include <string.h>
#include "symmetry/kernel.h"

void kernel_context_init(KernelContext *K)
{
    memset(K, 0, sizeof *K);
}

void kernel_context_clear(KernelContext *K)
{
    polyring_decref(K->ring);
    memset(K, 0, sizeof *K);
}

static int name_taken(char **names, slong count, const char *s)
{
    for (slong i = 0; i < count; i++)
        if (!strcmp(names[i], s))
            return 1;
    return 0;
}

/* Free the first n names and the array. */
static void names_free(char **names, slong n)
{
    for (slong i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

PolyRing *kernel_ring(KernelContext *K, const PolyRing *R)
{
    if (K->ring && K->base_id == R->id)
        return polyring_incref(K->ring);
    slong m = R->nvars;
    char **names = calloc(2 * m + 1, sizeof(char *));
    if (!names)
        return NULL;
    for (slong i = 0; i < m; i++)
        if (!(names[i] = strdup(R->names[i]))) {
            names_free(names, i);
            return NULL;
        }
    for (slong i = 0; i < m; i++) {
        size_t len = strlen(R->names[i]);
        char *s = malloc(len + 2);
        if (!s) {
            names_free(names, m + i);
            return NULL;
        }
        memcpy(s, R->names[i], len + 1);
        while (1) {
            char *t = realloc(s, strlen(s) + 2);
            if (!t) {
                free(s);
                names_free(names, m + i);
                return NULL;
            }
            s = t;
            strcat(s, "p");
            if (!name_taken(names, m + i, s))
                break;
        }
        names[m + i] = s;
    }
    PolyRing *KR = polyring_new(2 * m, (const char *const *)names);
    names_free(names, 2 * m);
    if (!KR)
        return NULL;
    polyring_decref(K->ring);
    K->ring = polyring_incref(KR);
    K->base_id = R->id;
    return KR;
}

int kernel_ring_is(const KernelContext *K, const PolyRing *R)
{
    return R && R == K->ring;
}
