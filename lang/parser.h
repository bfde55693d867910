/* parser.h — Sym's parser: a Source in, a syntax tree and diagnostics out.
 *
 * Recursive descent for statements, precedence climbing (Pratt) for
 * expressions.  Errors are collected, not fatal: after an error the parser
 * skips to the next statement boundary and goes on, so several errors are
 * reported at once.  Input that ends in the middle of a construct (an open
 * bracket, a block without its `end`, a binary operator at the end of the
 * text, an unterminated string) gives PARSE_INCOMPLETE, so the REPL can ask
 * for a continuation line. */
#ifndef SYM_PARSER_H
#define SYM_PARSER_H

#include "ast.h"
#include "arena.h"
#include "diag.h"

typedef enum { PARSE_OK, PARSE_ERROR, PARSE_INCOMPLETE } ParseStatus;

typedef struct ParseResult {
    ParseStatus status;
    AstNode *root;     /* AST_BLOCK; valid (possibly partial) even on error */
    Arena *arena;      /* owns every node and string of the tree */
    Diagnostic *diags; /* ndiags errors, in source order */
    int ndiags;
} ParseResult;

/* Parse a whole source.  Never returns NULL; never aborts on any input.
 * The result borrows `src` (spans point into it): keep src alive as long as
 * the result.  Free with parse_result_free. */
ParseResult *parser_parse(const Source *src);

void parse_result_free(ParseResult *r);

#endif
