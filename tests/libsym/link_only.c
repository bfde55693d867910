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
#include "symmetry/bundle.h"

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
             strcmp(qmat_strerror(QMAT_E_SINGULAR), "") != 0;
    algebra_clear(&g);
    if (!ok) {
        fprintf(stderr, "link_only: unexpected engine answers (%s)\n", err);
        return 1;
    }
    puts("libsym links alone");
    return 0;
}
