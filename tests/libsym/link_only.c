/* link_only.c — links EVERY object of libsym.a (--whole-archive) and
 * defines nothing else: a reference from an engine to the interpreter
 * (values, the evaluator, interp.c) is an undefined symbol here, so an
 * upward dependency fails the build.  Running it checks one call through
 * each layer that needs no input. */
#include <stdio.h>
#include <string.h>
#include "base/sym_interrupt.h"
#include "exact/qmat.h"
#include "lie/algebra.h"
#include "numeric/admm.h"
#include "numeric/dlinalg.h"
#include "symmetry/bundle.h"
#include "symmetry/discover.h"
#include "symmetry/promote.h"

/* One numbering (base/sym_status.h): the same meaning is the same code in
   every engine, and different meanings never collide (they used to:
   QMAT_E_INTERRUPTED == ALG_ERR_NOT_HOM == 6). */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(QMAT_E_INTERRUPTED, ADMM_INTERRUPTED) &&
                   SAME(ADMM_INTERRUPTED, DISCOVER_ERR_INTERRUPTED) &&
                   SAME(QMAT_E_INTERRUPTED, SYM_E_INTERRUPTED),
               "one interrupted code");
_Static_assert(!SAME(QMAT_E_INTERRUPTED, ALG_ERR_NOT_HOM), "no collision");
_Static_assert(SAME(POLY_ERR_LIMIT, ALG_ERR_LIMIT) && SAME(ALG_ERR_LIMIT, QMAT_E_TOO_LARGE) &&
                   SAME(PROMOTE_ERR_LIMIT, DISCOVER_ERR_LIMIT),
               "one limit code");
_Static_assert(SAME(DLINALG_ERR_SINGULAR, QMAT_E_SINGULAR) &&
                   SAME(QMAT_E_SINGULAR, ALG_ERR_SINGULAR),
               "one singular code");

int main(void)
{
    MatAlgebra g;
    char err[ALG_ERR_LEN] = "";
    if (algebra_init_so(&g, 3, err)) {
        fprintf(stderr, "link_only: so(3): %s\n", err);
        return 1;
    }
    LieBundle B;
    int st = bundle_init(&B, BUNDLE_FORMS, &g, 0, 1, NULL, err);
    int ok = !st && B.k == 3 && g.dim == 3 && !sym_interrupt_poll() &&
             strcmp(qmat_strerror(QMAT_E_SINGULAR), "") != 0 &&
             !strcmp(qmat_strerror(ALG_ERR_NOT_HOM), sym_strerror(SYM_E_NOT_HOM));
    algebra_clear(&g);
    if (!ok) {
        fprintf(stderr, "link_only: unexpected engine answers (%s)\n", err);
        return 1;
    }
    puts("libsym links alone");
    return 0;
}
