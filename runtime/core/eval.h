/* eval.h — services of the session that the evaluator calls (interp.c). */
#ifndef SYM_EVAL_H
#define SYM_EVAL_H

#include "interp.h"

/* `coords x, y`: make a new ring with those names the current one.  NULL
 * on success, else an error. */
Value *eval_coords(Interp *I, const AstNode *n);
/* Generator i (0-based) of the current ring as a polynomial value. */
Value *eval_ring_gen(Interp *I, int i);
/* Find and read the file of `import "path"`: relative to the importing
 * file's directory, then SYM_PATH, then the installed stdlib, then the
 * stdlib embedded in the binary.  Returns the Source and sets *path (malloc'd
 * canonical name), or NULL with *err set. */
Source *eval_resolve_import(Interp *I, const AstNode *n, char **path, Value **err);

/* Free the session's cache of parsed number literals (interp_free). */
void eval_literals_free(Interp *I);

#endif
