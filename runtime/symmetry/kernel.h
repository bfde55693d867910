/* kernel.h — the coordinate rings of integral kernels, cached in a context
 * the caller owns.
 *
 * Kernels k(x, xp) of operators (T u)(x) = ∫ k(x, xp) u(xp) dxp live over
 * the doubled coordinates: R's names, then each name with the suffix "p"
 * (x, y gives x, y, xp, yp; more p's if a name is taken).  Their Lie
 * derivative and group action are the BUNDLE_KERNELS rule of bundle.h.
 *
 * Engine layer, no global state: the cache is a KernelContext (one per
 * session), so every kernel of a session shares one ring and two sessions
 * in one process do not interfere. */
#ifndef SYM_SYMMETRY_KERNEL_H
#define SYM_SYMMETRY_KERNEL_H

#include "exact/poly.h"

typedef struct KernelContext {
    unsigned long base_id; /* id of the ring the cached ring doubles */
    PolyRing *ring;        /* the cached kernel ring (reference), or NULL */
} KernelContext;

/* A context with an empty cache (a zeroed struct is one too). */
void kernel_context_init(KernelContext *K);
/* Drop the cached ring. */
void kernel_context_clear(KernelContext *K);

/* The kernel ring of R (a new reference; the context keeps one more), or
   NULL when out of memory. */
PolyRing *kernel_ring(KernelContext *K, const PolyRing *R);

/* 1 if R is the context's current kernel ring. */
int kernel_ring_is(const KernelContext *K, const PolyRing *R);

#endif
