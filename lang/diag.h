/* diag.h — diagnostics: a message at a span, printed the way compilers do.
 *
 *   file:line:col: error: message
 *       source line
 *       ^~~~
 */
#ifndef SYM_DIAG_H
#define SYM_DIAG_H

#include <stdio.h>
#include "ast.h"

typedef struct Diagnostic {
    Span span;
    char *message; /* malloc'd; owned by whoever holds the Diagnostic */
} Diagnostic;

/* Print "file:line:col: <kind>: message", then the source line of the span
 * and a caret under its column (tildes for the rest of the span on that
 * line).  kind is "error", "warning" or "note".  A span with src == NULL
 * prints "sym: <kind>: message" alone. */
void diag_print(FILE *out, const char *kind, const Span *span, const char *message);

#endif
