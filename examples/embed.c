/* embed.c — Sym from C through libsym (sym/sym.h): one session computes
 * the EMLP count of Z(6)-equivariant maps V -> V and discovers the
 * symmetry of an ellipse.  Build against an installed Sym with
 *   cc embed.c $(pkg-config --cflags --libs sym) -o embed
 * (make check builds and runs it against a staged `make install`). */
#include <stdio.h>
#include <stdlib.h>
#include "sym/sym.h"

static int show(SymSession *S, const char *code)
{
    SymValue *v = NULL;
    if (sym_session_eval(S, "<embed>", code, 0, &v) != SYM_OK) {
        fprintf(stderr, "%s", sym_session_error_report(S));
        return 1;
    }
    char *text = sym_value_print(v, SYM_FMT_PLAIN);
    printf("%s\n", text);
    sym_string_free(text);
    sym_value_free(v);
    return 0;
}

int main(void)
{
    SymSession *S = sym_session_new();
    if (!S)
        return 1;
    int st = show(S, "Z6 = std(Z(6))\ndim(enforce(layers(Z6, Z6, false), Z(6)))");
    st |= show(S, "coords x, y\ndiscover(x^2 + 4*y^2, gl(2))");
    sym_session_free(S);
    return st;
}
