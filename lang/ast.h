/* ast.h — the syntax tree of Sym, sources and spans.
 *
 * lang/ turns text into this tree and knows nothing of values, FLINT or
 * readline.  Every node lives in the Arena of the parse that made it and
 * carries the Span of the text it came from.  Node layout per kind is
 * documented on AstKind; children are in `kids`. */
#ifndef SYM_AST_H
#define SYM_AST_H

#include <stddef.h>

/* A source text: a file, a REPL line, a -e argument.  Owned by whoever made
 * it (the runtime keeps every Source alive for the whole session so spans
 * stay valid for error messages and for functions defined in it). */
typedef struct Source {
    char *name; /* "examples/tour.sym", "<stdin>", "<repl>", "<-e>" */
    char *text; /* NUL-terminated */
    size_t len;
} Source;

Source *source_new(const char *name, const char *text, size_t len);
void source_free(Source *s);

/* A region of a source: 1-based line and column of its first character,
 * byte offset and length. */
typedef struct Span {
    const Source *src;
    int line, col;
    int offset, length;
} Span;

/* Operators of AST_UNARY and AST_BINARY. */
typedef enum {
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_POW,
    OP_EQ,
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_AND,
    OP_OR,
    OP_NEG,
    OP_NOT
} AstOp;

typedef enum {
    /* expressions */
    AST_NUM,  /* text = literal as written ("12", "0.25", "1e-3") */
    AST_STR,  /* text = decoded bytes (escapes done), text_len */
    AST_NAME, /* text = identifier */
    AST_NIL,
    AST_TRUE,
    AST_FALSE,
    AST_UNARY,  /* op; kids[0] */
    AST_BINARY, /* op; kids[0], kids[1] (and/or short-circuit) */
    AST_RANGE,  /* a:b -> kids[0]=a, kids[1]=b, kids[2]=NULL;
                   a:s:b -> kids[0]=a, kids[1]=b, kids[2]=s */
    AST_CALL,   /* kids[0] = callee, kids[1..] = arguments; a keyword
                   argument is an AST_KWARG */
    AST_KWARG,  /* text = keyword; kids[0] = value */
    AST_INDEX,  /* kids[0] = object, kids[1..] = indices: a[i], a[i, j] */
    AST_FIELD,  /* kids[0] = object; text = field name: r.name */
    AST_LIST,   /* kids = elements: [a, b, c] */
    AST_MATRIX, /* kids = AST_ROW nodes: [a, b; c, d] (>= 2 rows, or a
                   single row followed by ';' as in [a, b;]) */
    AST_ROW,    /* kids = elements of one matrix row */
    AST_LAMBDA, /* x -> e, (x, y) -> e: kids[0..nparams-1] = AST_PARAM,
                   kids[nparams] = body expression */
    AST_PARAM,  /* text = name; kids[0] = default value or NULL */
    /* statements */
    AST_ASSIGN,  /* kids[0] = target (AST_NAME, AST_INDEX or AST_FIELD),
                    kids[1] = value */
    AST_FUNCDEF, /* text = name; kids[0..nparams-1] = AST_PARAM,
                    kids[nparams] = body (an expression for the one-line
                    form f(x) = e, an AST_BLOCK for the block form) */
    AST_IF,      /* kids[0] = cond, kids[1] = then block, kids[2] = else
                    (AST_BLOCK, AST_IF for elseif, or NULL) */
    AST_FOR,     /* text = loop variable; kids[0] = iterable, kids[1] = body */
    AST_WHILE,   /* kids[0] = cond, kids[1] = body */
    AST_RETURN,  /* kids[0] = value or NULL */
    AST_BREAK,
    AST_CONTINUE,
    AST_IMPORT,   /* text = path */
    AST_COORDS,   /* kids = AST_NAME nodes: coords x, y, z */
    AST_EXPRSTMT, /* kids[0] = expression; quiet = 1 if it ended with ';' */
    AST_BLOCK     /* kids = statements; the root of a program is a block */
} AstKind;

typedef struct AstNode AstNode;
struct AstNode {
    AstKind kind;
    Span span;
    const char *text; /* NUL-terminated, in the arena; NULL if unused */
    size_t text_len;
    AstOp op;
    int quiet;   /* AST_EXPRSTMT: ended with ';' */
    int nparams; /* AST_FUNCDEF, AST_LAMBDA */
    int nkids;
    AstNode **kids;
};

const char *ast_kind_name(AstKind k);
const char *ast_op_name(AstOp op); /* "+", "-", "==", "and", "not", ... */

#endif
