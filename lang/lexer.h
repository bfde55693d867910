/* lexer.h — Sym's tokens and the lexer that makes them from a Source.
 *
 * The lexer works on the bytes of a Source (NUL bytes and invalid UTF-8
 * included; every byte >= 0x80 counts as a letter of an identifier).  It
 * drops comments, and drops a newline that follows a token after which an
 * expression must go on (a binary operator, '=', '->', ',', '(' or '[').
 * Errors (a bad character, number or escape, an unterminated string) go to
 * a callback; the token stream always goes on to TK_EOF. */
#ifndef SYM_LEXER_H
#define SYM_LEXER_H

#include <stddef.h>
#include "arena.h"
#include "ast.h"

typedef enum {
    TK_EOF,
    TK_NEWLINE,
    TK_ERROR,
    TK_NUM,
    TK_STR,
    TK_NAME,
    /* punctuation */
    TK_LPAREN,
    TK_RPAREN,
    TK_LBRACKET,
    TK_RBRACKET,
    TK_COMMA,
    TK_SEMI,
    TK_DOT,
    TK_COLON,
    TK_ASSIGN,
    TK_ARROW,
    TK_PLUS,
    TK_MINUS,
    TK_STAR,
    TK_SLASH,
    TK_CARET,
    TK_EQ,
    TK_NE,
    TK_LT,
    TK_LE,
    TK_GT,
    TK_GE,
    /* keywords */
    TK_IF,
    TK_ELSEIF,
    TK_ELSE,
    TK_END,
    TK_FOR,
    TK_IN,
    TK_WHILE,
    TK_FUNCTION,
    TK_RETURN,
    TK_BREAK,
    TK_CONTINUE,
    TK_IMPORT,
    TK_COORDS,
    TK_AND,
    TK_OR,
    TK_NOT,
    TK_TRUE,
    TK_FALSE,
    TK_NIL
} TokenKind;

typedef struct Token {
    TokenKind kind;
    Span span;        /* the token's text in the source */
    const char *text; /* TK_NUM: literal as written; TK_NAME: identifier;
                         TK_STR: decoded bytes (in the arena), else NULL */
    size_t text_len;
} Token;

/* Called for each lexical error.  `incomplete` is 1 when the error means
 * the text merely stopped too early (an unterminated string). */
typedef void (*LexerErrorFn)(void *ctx, const Span *span, int incomplete, const char *message);

typedef struct Lexer {
    const Source *src;
    Arena *arena;
    size_t pos;
    int line;
    size_t line_start; /* offset of the current line's first byte */
    TokenKind last;    /* kind of the previous token returned */
    LexerErrorFn error;
    void *error_ctx;
} Lexer;

/* Start lexing src; strings and identifiers are copied into `arena`.
 * `error` may be NULL (errors are then only visible as TK_ERROR). */
void lexer_init(Lexer *lx, const Source *src, Arena *arena, LexerErrorFn error, void *error_ctx);

/* The next token.  After TK_EOF it keeps returning TK_EOF. */
void lexer_next(Lexer *lx, Token *tok);

/* "'+'", "'end'", "end of input", "end of line", "a string", "'foo'"
 * (long names and numbers are cut): the token as an error message names
 * it.  Writes at most n bytes (NUL included) to buf and returns buf. */
char *token_describe(char *buf, size_t n, const Token *tok);

/* The spelling of a token kind: "+", "end", "<name>"... */
const char *token_kind_name(TokenKind k);

/* The i-th reserved word of the language (0-based), NULL past the last:
 * the one keyword table, read by completion and the editor grammars. */
const char *lexer_keyword_at(size_t i);

#endif
