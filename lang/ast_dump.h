/* ast_dump.h — a syntax tree as an S-expression (for tests and debugging)
 * and a structural check of a tree (for the fuzzer).
 *
 * Format: literals as written (strings quoted again with escapes), names
 * bare, (+ a b), (- a) for negation, (not a), (range a b) and
 * (range a step b) in source order, (call f a (kw k v)), (index a i j),
 * (. r name), (list ...), (matrix (row ...) ...), (lambda (x y) body),
 * (function f (a (b default)) body), (= target value), (if c then else),
 * (for x iter body), (while c body), (return [v]), (break), (continue),
 * (import "path"), (coords x y), (expr e) or (expr; e) when quiet,
 * (block ...). */
#ifndef SYM_AST_DUMP_H
#define SYM_AST_DUMP_H

#include <stdio.h>
#include "ast.h"

/* Print the tree of n (NULL prints "null") on one line, no newline. */
void ast_dump(FILE *out, const AstNode *n);

/* The same as a malloc'd string (the caller frees it); NULL if out of
 * memory. */
char *ast_dump_string(const AstNode *n);

/* Check the layout documented in ast.h: kid counts per kind, no NULL kid
 * where one is required, nparams in range, texts present, spans inside
 * src (src may be NULL to skip that).  Returns 1 if fine, else 0 with a
 * static description in *why. */
int ast_validate(const AstNode *n, const Source *src, const char **why);

#endif
