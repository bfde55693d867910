/* parser.c — Sym's parser: recursive descent for statements, one function
 * per precedence level for expressions (see parser.h and ast.h).
 *
 * Newlines: the lexer already drops a newline after a token that needs a
 * continuation; the parser drops the others while inside ( ) or [ ]
 * (`depth` counts the open brackets; it changes before the next token is
 * fetched).  Errors: the first error of a statement is recorded and sets
 * `panic`, which silences the rest until the statement loop skips to the
 * next statement boundary.  Recursion is bounded by PARSER_MAX_NEST. */
#include "parser.h"
#include "lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Recursion (brackets, prefix operators, blocks) is bounded by
 * PARSER_MAX_NEST; the height of the tree, which left-associative chains
 * like a + b + c also grow, by PARSER_MAX_HEIGHT. */
enum { PARSER_MAX_NEST = 200, PARSER_MAX_HEIGHT = 5000, PARSER_MAX_DIAGS = 20 };
/* Sums and products (a + b - c ..., a * b / c ...) are exempt from
 * PARSER_MAX_HEIGHT: the evaluator walks their left spine iteratively
 * (eval_binary), so a flat sum of many terms is not "nested too deeply".
 * They are bounded by PARSER_MAX_TERMS instead. */
enum { PARSER_MAX_TERMS = 100000 };

typedef struct Parser {
    const Source *src;
    Arena *arena;
    Lexer lx;
    Token cur;   /* the current token */
    Token ahead; /* one more token, when have_ahead */
    int have_ahead;
    Token prev;     /* the last token consumed */
    int depth;      /* open ( and [ around cur */
    int nest;       /* recursion depth of expressions and blocks */
    int chain;      /* operators in the chains being parsed */
    int panic;      /* an error in this statement was reported */
    int incomplete; /* the first error means "the text stopped early" */
    int full;       /* PARSER_MAX_DIAGS reached: stop parsing */
    Diagnostic *diags;
    int ndiags;
} Parser;

typedef struct {
    AstNode **v;
    int n, cap;
} NodeVec;

/* ---- diagnostics ---- */

static void parser_report(Parser *p, const Span *sp, int incomplete, const char *msg)
{
    if (p->ndiags >= PARSER_MAX_DIAGS) {
        p->full = 1;
        return;
    }
    if (p->ndiags == 0)
        p->incomplete = incomplete;
    size_t n = strlen(msg);
    char *m = malloc(n + 1);
    if (m == NULL) {
        fputs("sym: out of memory\n", stderr);
        abort();
    }
    memcpy(m, msg, n + 1);
    p->diags[p->ndiags].span = *sp;
    p->diags[p->ndiags].message = m;
    p->ndiags++;
    if (p->ndiags >= PARSER_MAX_DIAGS)
        p->full = 1;
}

static void parser_lex_error(void *ctx, const Span *sp, int incomplete, const char *msg)
{
    parser_report(ctx, sp, incomplete, msg);
}

/* An error at span sp (never "incomplete"); silent while in panic. */
static void parser_error_at(Parser *p, Span sp, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    if (p->panic)
        return;
    p->panic = 1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    parser_report(p, &sp, 0, msg);
}

/* An error at the current token; "incomplete" when that is the end of
 * input.  A TK_ERROR token was reported by the lexer already. */
static void parser_error(Parser *p, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    if (p->panic)
        return;
    p->panic = 1;
    if (p->cur.kind == TK_ERROR)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    parser_report(p, &p->cur.span, p->cur.kind == TK_EOF, msg);
}

static const char *parser_found(Parser *p, char *buf, size_t n)
{
    return token_describe(buf, n, &p->cur);
}

/* ---- tokens ---- */

static void parser_fetch(Parser *p, Token *t)
{
    do
        lexer_next(&p->lx, t);
    while (t->kind == TK_NEWLINE && p->depth > 0);
}

static void parser_advance(Parser *p)
{
    p->prev = p->cur;
    if (p->have_ahead) {
        p->cur = p->ahead;
        p->have_ahead = 0;
    } else {
        parser_fetch(p, &p->cur);
    }
}

static const Token *parser_peek(Parser *p)
{
    if (!p->have_ahead) {
        parser_fetch(p, &p->ahead);
        p->have_ahead = 1;
    }
    return &p->ahead;
}

static void parser_open(Parser *p)
{
    p->depth++;
    parser_advance(p);
}

/* Consume the closing bracket `k` of the bracket opened by `open`; report
 * what was found instead.  Returns 1 on success. */
static int parser_close(Parser *p, TokenKind k, const Token *open)
{
    char f[80];
    if (p->cur.kind == k) {
        if (p->depth > 0)
            p->depth--;
        parser_advance(p);
        return 1;
    }
    parser_error(p, "expected '%s' to close '%s' at %d:%d, found %s", token_kind_name(k),
                 token_kind_name(open->kind), open->span.line, open->span.col,
                 parser_found(p, f, sizeof f));
    return 0;
}

static int parser_at_stmt_end(const Parser *p)
{
    switch (p->cur.kind) {
    case TK_NEWLINE:
    case TK_SEMI:
    case TK_EOF:
    case TK_END:
    case TK_ELSE:
    case TK_ELSEIF:
        return 1;
    default:
        return 0;
    }
}

/* Skip to the next statement boundary: a newline or ';' outside brackets,
 * or a keyword that opens or closes a block. */
static void parser_sync(Parser *p)
{
    p->depth = 0;
    for (;;) {
        switch (p->cur.kind) {
        case TK_NEWLINE:
        case TK_SEMI:
        case TK_EOF:
        case TK_END:
        case TK_ELSE:
        case TK_ELSEIF:
        case TK_IF:
        case TK_FOR:
        case TK_WHILE:
        case TK_FUNCTION:
            p->panic = 0;
            return;
        default:
            parser_advance(p);
        }
    }
}

/* ---- nodes ---- */

static Span span_join(Span a, Span b)
{
    if (b.offset + b.length > a.offset + a.length)
        a.length = b.offset + b.length - a.offset;
    return a;
}

static AstNode *node_new(Parser *p, AstKind k, Span sp, int nkids)
{
    AstNode *n = arena_alloc(p->arena, sizeof *n);
    n->kind = k;
    n->span = sp;
    n->nkids = nkids;
    if (nkids > 0)
        n->kids = arena_alloc(p->arena, (size_t)nkids * sizeof *n->kids);
    return n;
}

/* Stand-in for an expression that failed to parse (the tree stays
 * well-formed; the parse result is PARSE_ERROR anyway). */
static AstNode *node_error(Parser *p)
{
    return node_new(p, AST_NIL, p->cur.span, 0);
}

static AstNode *node_unary(Parser *p, AstOp op, Span sp, AstNode *a)
{
    AstNode *n = node_new(p, AST_UNARY, span_join(sp, a->span), 1);
    n->op = op;
    n->kids[0] = a;
    return n;
}

static AstNode *node_binary(Parser *p, AstOp op, AstNode *a, AstNode *b)
{
    AstNode *n = node_new(p, AST_BINARY, span_join(a->span, b->span), 2);
    n->op = op;
    n->kids[0] = a;
    n->kids[1] = b;
    return n;
}

static void vec_push(NodeVec *v, AstNode *n)
{
    if (v->n == v->cap) {
        int cap = v->cap ? 2 * v->cap : 8;
        AstNode **d = realloc(v->v, (size_t)cap * sizeof *d);
        if (d == NULL) {
            fputs("sym: out of memory\n", stderr);
            abort();
        }
        v->v = d;
        v->cap = cap;
    }
    v->v[v->n++] = n;
}

/* A node of kind k whose kids are `first` (if not NULL) then v's nodes;
 * frees v. */
static AstNode *node_from_vec(Parser *p, AstKind k, Span sp, AstNode *first, NodeVec *v)
{
    int off = first != NULL;
    AstNode *n = node_new(p, k, sp, v->n + off);
    if (first != NULL)
        n->kids[0] = first;
    for (int i = 0; i < v->n; i++)
        n->kids[i + off] = v->v[i];
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
    return n;
}

static int parser_enter(Parser *p)
{
    if (p->nest >= PARSER_MAX_NEST) {
        parser_error_at(p, p->cur.span, "expression nested too deeply");
        return 0;
    }
    p->nest++;
    return 1;
}

/* One more link in a chain (a + b + ..., a.b.c..., elseif ...): the tree
 * grows one level.  Returns 0 (after an error) past PARSER_MAX_HEIGHT. */
static int parser_link(Parser *p, int *links)
{
    if (p->nest + p->chain >= PARSER_MAX_HEIGHT) {
        parser_error_at(p, p->cur.span, "expression nested too deeply");
        return 0;
    }
    p->chain++;
    (*links)++;
    return 1;
}

/* One more term of a sum or product (see PARSER_MAX_TERMS). */
static int parser_term(Parser *p, int *terms)
{
    if (*terms >= PARSER_MAX_TERMS) {
        parser_error_at(p, p->cur.span, "too many terms in one sum or product");
        return 0;
    }
    (*terms)++;
    return 1;
}

/* ---- expressions ---- */

static AstNode *parse_expr(Parser *p);
static AstNode *parse_unary(Parser *p);

/* Are the nodes params[0..n) distinct plain names?  Reports the first
 * that is not. */
static int parser_check_params(Parser *p, AstNode **params, int n)
{
    for (int i = 0; i < n; i++) {
        AstNode *a = params[i];
        if (a->kind != AST_NAME) {
            parser_error_at(p, a->span, "lambda parameters must be names");
            return 0;
        }
    }
    return 1;
}

/* lambda := params '->' expr, with cur at '->'. */
static AstNode *parse_lambda(Parser *p, Span start, AstNode **names, int n)
{
    parser_advance(p); /* '->' */
    AstNode *body;
    if (parser_enter(p)) {
        body = parse_expr(p);
        p->nest--;
    } else {
        body = node_error(p);
    }
    AstNode *lam = node_new(p, AST_LAMBDA, span_join(start, body->span), n + 1);
    lam->nparams = n;
    for (int i = 0; i < n; i++) {
        AstNode *par = node_new(p, AST_PARAM, names[i]->span, 1);
        par->text = names[i]->text;
        par->text_len = names[i]->text_len;
        par->kids[0] = NULL;
        lam->kids[i] = par;
    }
    lam->kids[n] = body;
    return lam;
}

/* '(' expr ')' | '(' [names] ')' '->' expr, with cur at '('. */
static AstNode *parse_paren(Parser *p)
{
    Token open = p->cur;
    NodeVec v = {NULL, 0, 0};
    char f[80];
    parser_open(p);
    if (p->cur.kind == TK_RPAREN) {
        parser_close(p, TK_RPAREN, &open);
        if (p->cur.kind == TK_ARROW)
            return parse_lambda(p, open.span, NULL, 0);
        parser_error(p, "expected '->' after '()', found %s", parser_found(p, f, sizeof f));
        return node_error(p);
    }
    vec_push(&v, parse_expr(p));
    while (p->cur.kind == TK_COMMA && !p->panic) {
        parser_advance(p);
        vec_push(&v, parse_expr(p));
    }
    if (!parser_close(p, TK_RPAREN, &open) || p->panic) {
        AstNode *e = v.v[0];
        free(v.v);
        return e;
    }
    AstNode *res = v.v[0];
    if (p->cur.kind == TK_ARROW) {
        if (parser_check_params(p, v.v, v.n))
            res = parse_lambda(p, open.span, v.v, v.n);
    } else if (v.n > 1) {
        parser_error(p, "expected '->' after lambda parameters, found %s",
                     parser_found(p, f, sizeof f));
    }
    free(v.v);
    return res;
}

/* '[' ']' | '[' row {';' row} [';'] ']' with row := expr {',' expr}. */
static AstNode *parse_bracket(Parser *p)
{
    Token open = p->cur;
    NodeVec row = {NULL, 0, 0}, rows = {NULL, 0, 0};
    int matrix = 0;
    parser_open(p);
    if (p->cur.kind != TK_RBRACKET) {
        Span rstart = p->cur.span;
        for (;;) {
            vec_push(&row, parse_expr(p));
            if (p->panic)
                break;
            if (p->cur.kind == TK_COMMA) {
                parser_advance(p);
                continue;
            }
            if (p->cur.kind == TK_SEMI) {
                Span rs = span_join(rstart, p->prev.span);
                matrix = 1;
                vec_push(&rows, node_from_vec(p, AST_ROW, rs, NULL, &row));
                parser_advance(p);
                rstart = p->cur.span;
                if (p->cur.kind == TK_RBRACKET)
                    break;
                continue;
            }
            break;
        }
        if (row.n > 0) {
            Span rs = span_join(rstart, p->prev.span);
            vec_push(&rows, node_from_vec(p, AST_ROW, rs, NULL, &row));
        }
    }
    free(row.v);
    parser_close(p, TK_RBRACKET, &open);
    Span sp = span_join(open.span, p->prev.span);
    if (matrix)
        return node_from_vec(p, AST_MATRIX, sp, NULL, &rows);
    /* A list: the elements of the single row. */
    AstNode *list;
    if (rows.n == 0) {
        list = node_new(p, AST_LIST, sp, 0);
    } else {
        AstNode *r = rows.v[0];
        list = node_new(p, AST_LIST, sp, r->nkids);
        for (int i = 0; i < r->nkids; i++)
            list->kids[i] = r->kids[i];
    }
    free(rows.v);
    return list;
}

/* primary := NUM | STR | NAME | true | false | nil | paren | bracket
 *          | NAME '->' expr */
static AstNode *parse_primary(Parser *p)
{
    Token t = p->cur;
    AstNode *n;
    char f[80];
    switch (t.kind) {
    case TK_NUM:
    case TK_STR:
    case TK_NAME:
        n = node_new(p,
                     t.kind == TK_NUM   ? AST_NUM
                     : t.kind == TK_STR ? AST_STR
                                        : AST_NAME,
                     t.span, 0);
        n->text = t.text;
        n->text_len = t.text_len;
        if (t.kind == TK_NAME && parser_peek(p)->kind == TK_ARROW) {
            parser_advance(p);
            return parse_lambda(p, t.span, &n, 1);
        }
        parser_advance(p);
        return n;
    case TK_TRUE:
    case TK_FALSE:
    case TK_NIL:
        parser_advance(p);
        return node_new(p,
                        t.kind == TK_TRUE    ? AST_TRUE
                        : t.kind == TK_FALSE ? AST_FALSE
                                             : AST_NIL,
                        t.span, 0);
    case TK_LPAREN:
        return parse_paren(p);
    case TK_LBRACKET:
        return parse_bracket(p);
    case TK_RPAREN:
    case TK_RBRACKET:
        parser_error(p, "unexpected %s", parser_found(p, f, sizeof f));
        return node_error(p);
    default:
        parser_error(p, "expected expression, found %s", parser_found(p, f, sizeof f));
        return node_error(p);
    }
}

/* postfix := primary { '(' args ')' | '[' exprs ']' | '.' NAME } */
static AstNode *parse_postfix(Parser *p)
{
    AstNode *n = parse_primary(p);
    char f[80];
    int links = 0;
    while (!p->panic) {
        Token open = p->cur;
        if ((open.kind == TK_LPAREN || open.kind == TK_LBRACKET || open.kind == TK_DOT) &&
            !parser_link(p, &links))
            break;
        if (open.kind == TK_LPAREN) {
            NodeVec args = {NULL, 0, 0};
            parser_open(p);
            while (p->cur.kind != TK_RPAREN && !p->panic) {
                if (p->cur.kind == TK_NAME && parser_peek(p)->kind == TK_ASSIGN) {
                    AstNode *kw = node_new(p, AST_KWARG, p->cur.span, 1);
                    kw->text = p->cur.text;
                    kw->text_len = p->cur.text_len;
                    parser_advance(p);
                    parser_advance(p);
                    kw->kids[0] = parse_expr(p);
                    kw->span = span_join(kw->span, kw->kids[0]->span);
                    vec_push(&args, kw);
                } else {
                    vec_push(&args, parse_expr(p));
                }
                if (p->cur.kind != TK_COMMA)
                    break;
                parser_advance(p);
            }
            parser_close(p, TK_RPAREN, &open);
            n = node_from_vec(p, AST_CALL, span_join(n->span, p->prev.span), n, &args);
        } else if (open.kind == TK_LBRACKET) {
            NodeVec idx = {NULL, 0, 0};
            parser_open(p);
            for (;;) {
                TokenKind after = parser_peek(p)->kind;
                if (p->cur.kind == TK_COLON && (after == TK_COMMA || after == TK_RBRACKET)) {
                    /* ':' alone selects every position: a range
                       without bounds (kids all NULL) */
                    AstNode *all = node_new(p, AST_RANGE, p->cur.span, 3);
                    all->kids[0] = all->kids[1] = all->kids[2] = NULL;
                    parser_advance(p);
                    vec_push(&idx, all);
                } else {
                    vec_push(&idx, parse_expr(p));
                }
                if (p->cur.kind != TK_COMMA || p->panic)
                    break;
                parser_advance(p);
            }
            parser_close(p, TK_RBRACKET, &open);
            n = node_from_vec(p, AST_INDEX, span_join(n->span, p->prev.span), n, &idx);
        } else if (open.kind == TK_DOT) {
            parser_advance(p);
            if (p->cur.kind != TK_NAME) {
                parser_error(p, "expected field name after '.', found %s",
                             parser_found(p, f, sizeof f));
                break;
            }
            AstNode *fld = node_new(p, AST_FIELD, span_join(n->span, p->cur.span), 1);
            fld->text = p->cur.text;
            fld->text_len = p->cur.text_len;
            fld->kids[0] = n;
            n = fld;
            parser_advance(p);
        } else {
            break;
        }
    }
    p->chain -= links;
    return n;
}

/* pow := postfix ['^' unary]   (right associative; 2^-1 allowed) */
static AstNode *parse_pow(Parser *p)
{
    AstNode *base = parse_postfix(p);
    if (p->cur.kind != TK_CARET)
        return base;
    parser_advance(p);
    if (!parser_enter(p))
        return base;
    AstNode *e = parse_unary(p);
    p->nest--;
    return node_binary(p, OP_POW, base, e);
}

/* unary := '-' unary | '+' unary | pow */
static AstNode *parse_unary(Parser *p)
{
    Token t = p->cur;
    if (t.kind != TK_MINUS && t.kind != TK_PLUS)
        return parse_pow(p);
    parser_advance(p);
    if (!parser_enter(p))
        return node_error(p);
    AstNode *e = parse_unary(p);
    p->nest--;
    return t.kind == TK_PLUS ? e : node_unary(p, OP_NEG, t.span, e);
}

/* mul := unary {('*' | '/') unary} */
static AstNode *parse_mul(Parser *p)
{
    AstNode *a = parse_unary(p);
    int links = 0;
    while ((p->cur.kind == TK_STAR || p->cur.kind == TK_SLASH) && !p->panic &&
           parser_term(p, &links)) {
        AstOp op = p->cur.kind == TK_STAR ? OP_MUL : OP_DIV;
        parser_advance(p);
        a = node_binary(p, op, a, parse_unary(p));
    }
    return a;
}

/* add := mul {('+' | '-') mul} */
static AstNode *parse_add(Parser *p)
{
    AstNode *a = parse_mul(p);
    int links = 0;
    while ((p->cur.kind == TK_PLUS || p->cur.kind == TK_MINUS) && !p->panic &&
           parser_term(p, &links)) {
        AstOp op = p->cur.kind == TK_PLUS ? OP_ADD : OP_SUB;
        parser_advance(p);
        a = node_binary(p, op, a, parse_mul(p));
    }
    return a;
}

/* range := add [':' add [':' add]] */
static AstNode *parse_range(Parser *p)
{
    AstNode *a = parse_add(p);
    if (p->cur.kind != TK_COLON || p->panic)
        return a;
    parser_advance(p);
    AstNode *b = parse_add(p), *c = NULL;
    if (p->cur.kind == TK_COLON && !p->panic) {
        parser_advance(p);
        c = parse_add(p);
    }
    AstNode *r = node_new(p, AST_RANGE, span_join(a->span, (c ? c : b)->span), 3);
    r->kids[0] = a;
    r->kids[1] = c ? c : b;
    r->kids[2] = c ? b : NULL;
    if (p->cur.kind == TK_COLON)
        parser_error(p, "too many ':' in range (write a:b or a:step:b)");
    return r;
}

static int parser_cmp_op(TokenKind k, AstOp *op)
{
    switch (k) {
    case TK_EQ:
        *op = OP_EQ;
        return 1;
    case TK_NE:
        *op = OP_NE;
        return 1;
    case TK_LT:
        *op = OP_LT;
        return 1;
    case TK_LE:
        *op = OP_LE;
        return 1;
    case TK_GT:
        *op = OP_GT;
        return 1;
    case TK_GE:
        *op = OP_GE;
        return 1;
    default:
        return 0;
    }
}

/* cmp := range [cmpop range]   (non-associative) */
static AstNode *parse_cmp(Parser *p)
{
    AstNode *a = parse_range(p);
    AstOp op;
    if (!parser_cmp_op(p->cur.kind, &op) || p->panic)
        return a;
    parser_advance(p);
    a = node_binary(p, op, a, parse_range(p));
    if (parser_cmp_op(p->cur.kind, &op))
        parser_error_at(p, p->cur.span,
                        "comparisons cannot be chained: write "
                        "'a < b and b < c'");
    return a;
}

/* not := 'not' not | cmp */
static AstNode *parse_not(Parser *p)
{
    Token t = p->cur;
    if (t.kind != TK_NOT)
        return parse_cmp(p);
    parser_advance(p);
    if (!parser_enter(p))
        return node_error(p);
    AstNode *e = parse_not(p);
    p->nest--;
    return node_unary(p, OP_NOT, t.span, e);
}

/* and := not {'and' not} */
static AstNode *parse_and(Parser *p)
{
    AstNode *a = parse_not(p);
    int links = 0;
    while (p->cur.kind == TK_AND && !p->panic && parser_link(p, &links)) {
        parser_advance(p);
        a = node_binary(p, OP_AND, a, parse_not(p));
    }
    p->chain -= links;
    return a;
}

/* expr := or := and {'or' and}   (lambdas are primaries) */
static AstNode *parse_expr(Parser *p)
{
    if (!parser_enter(p))
        return node_error(p);
    AstNode *a = parse_and(p);
    int links = 0;
    while (p->cur.kind == TK_OR && !p->panic && parser_link(p, &links)) {
        parser_advance(p);
        a = node_binary(p, OP_OR, a, parse_and(p));
    }
    p->chain -= links;
    p->nest--;
    return a;
}

/* ---- statements ---- */

static AstNode *parse_block(Parser *p, int top);

/* After a block header (condition, loop or function head): on an error
 * there, skip the rest of the line and parse the body anyway. */
static void parser_end_header(Parser *p)
{
    if (p->panic)
        parser_sync(p);
}

/* Consume the 'end' of the block opened by keyword token kw. */
static void parser_expect_end(Parser *p, const Token *kw)
{
    char f[80];
    if (p->cur.kind == TK_END) {
        parser_advance(p);
        return;
    }
    parser_error(p, "expected 'end' to close '%s' at %d:%d, found %s", token_kind_name(kw->kind),
                 kw->span.line, kw->span.col, parser_found(p, f, sizeof f));
}

/* if := 'if' expr block {'elseif' expr block} ['else' block] 'end' */
static AstNode *parse_if(Parser *p)
{
    Token kw = p->cur;
    AstNode *root = NULL, *last = NULL;
    int links = 0;
    for (;;) {
        Token t = p->cur; /* 'if' or 'elseif' */
        parser_advance(p);
        AstNode *n = node_new(p, AST_IF, t.span, 3);
        n->kids[0] = parse_expr(p);
        parser_end_header(p);
        n->kids[1] = parse_block(p, 0);
        if (last == NULL)
            root = n;
        else
            last->kids[2] = n;
        last = n;
        if (p->cur.kind != TK_ELSEIF || p->full || !parser_link(p, &links))
            break;
    }
    p->chain -= links;
    if (p->cur.kind == TK_ELSE) {
        parser_advance(p);
        last->kids[2] = parse_block(p, 0);
    }
    parser_expect_end(p, &kw);
    for (AstNode *n = root; n != NULL && n->kind == AST_IF; n = n->kids[2])
        n->span = span_join(n->span, p->prev.span);
    return root;
}

/* for := 'for' NAME 'in' expr block 'end' */
static AstNode *parse_for(Parser *p)
{
    Token kw = p->cur;
    char f[80];
    AstNode *n = node_new(p, AST_FOR, kw.span, 2);
    parser_advance(p);
    if (p->cur.kind == TK_NAME) {
        n->text = p->cur.text;
        n->text_len = p->cur.text_len;
        parser_advance(p);
        if (p->cur.kind == TK_IN)
            parser_advance(p);
        else
            parser_error(p, "expected 'in' after loop variable, found %s",
                         parser_found(p, f, sizeof f));
    } else {
        parser_error(p, "expected loop variable after 'for', found %s",
                     parser_found(p, f, sizeof f));
        n->text = "";
    }
    n->kids[0] = p->panic ? node_error(p) : parse_expr(p);
    parser_end_header(p);
    n->kids[1] = parse_block(p, 0);
    parser_expect_end(p, &kw);
    n->span = span_join(n->span, p->prev.span);
    return n;
}

/* while := 'while' expr block 'end' */
static AstNode *parse_while(Parser *p)
{
    Token kw = p->cur;
    AstNode *n = node_new(p, AST_WHILE, kw.span, 2);
    parser_advance(p);
    n->kids[0] = parse_expr(p);
    parser_end_header(p);
    n->kids[1] = parse_block(p, 0);
    parser_expect_end(p, &kw);
    n->span = span_join(n->span, p->prev.span);
    return n;
}

static int param_cmp(const void *a, const void *b)
{
    const AstNode *x = *(AstNode *const *)a, *y = *(AstNode *const *)b;
    int c = strcmp(x->text, y->text);
    return c != 0 ? c : x->span.offset - y->span.offset;
}

/* Report a parameter name used twice in params[0..n) (at its second
 * use).  O(n log n): definitions may have very many parameters. */
static void parser_check_duplicates(Parser *p, AstNode **params, int n)
{
    if (n < 2)
        return;
    AstNode **s = malloc((size_t)n * sizeof *s);
    if (s == NULL) {
        fputs("sym: out of memory\n", stderr);
        abort();
    }
    memcpy(s, params, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, param_cmp);
    const AstNode *dup = NULL;
    for (int i = 1; i < n; i++)
        if (strcmp(s[i]->text, s[i - 1]->text) == 0 &&
            (dup == NULL || s[i]->span.offset < dup->span.offset))
            dup = s[i];
    if (dup != NULL)
        parser_error_at(p, dup->span, "duplicate parameter '%s'", dup->text);
    free(s);
}

/* function := 'function' NAME '(' [param {',' param}] ')' block 'end'
 * param := NAME ['=' expr] */
static AstNode *parse_function(Parser *p)
{
    Token kw = p->cur;
    char f[80];
    const char *name = "";
    NodeVec params = {NULL, 0, 0};
    parser_advance(p);
    if (p->cur.kind == TK_NAME) {
        name = p->cur.text;
        parser_advance(p);
    } else {
        parser_error(p, "expected function name after 'function', found %s",
                     parser_found(p, f, sizeof f));
    }
    if (!p->panic && p->cur.kind != TK_LPAREN)
        parser_error(p, "expected '(' after function name, found %s", parser_found(p, f, sizeof f));
    if (!p->panic) {
        Token open = p->cur;
        parser_open(p);
        while (p->cur.kind != TK_RPAREN && !p->panic) {
            if (p->cur.kind != TK_NAME) {
                parser_error(p, "expected parameter name, found %s", parser_found(p, f, sizeof f));
                break;
            }
            AstNode *par = node_new(p, AST_PARAM, p->cur.span, 1);
            par->text = p->cur.text;
            par->text_len = p->cur.text_len;
            parser_advance(p);
            if (p->cur.kind == TK_ASSIGN) {
                parser_advance(p);
                par->kids[0] = parse_expr(p);
            }
            vec_push(&params, par);
            if (p->cur.kind != TK_COMMA)
                break;
            parser_advance(p);
        }
        parser_close(p, TK_RPAREN, &open);
        parser_check_duplicates(p, params.v, params.n);
    }
    parser_end_header(p);
    AstNode *body = parse_block(p, 0);
    parser_expect_end(p, &kw);
    int np = params.n;
    vec_push(&params, body);
    AstNode *n = node_from_vec(p, AST_FUNCDEF, span_join(kw.span, p->prev.span), NULL, &params);
    n->text = name;
    n->text_len = strlen(name);
    n->nparams = np;
    return n;
}

/* A one-line definition f(a, b = 1) = body, from the call node. */
static AstNode *parse_short_function(Parser *p, AstNode *call)
{
    for (int i = 1; i < call->nkids; i++) {
        AstNode *a = call->kids[i];
        if (a->kind != AST_NAME && a->kind != AST_KWARG) {
            parser_error_at(p, a->span,
                            "a parameter of '%s' must be a name, as in "
                            "%s(x, y) = ...",
                            call->kids[0]->text, call->kids[0]->text);
            return NULL;
        }
    }
    int np = call->nkids - 1;
    AstNode *n = node_new(p, AST_FUNCDEF, call->span, np + 1);
    n->text = call->kids[0]->text;
    n->text_len = call->kids[0]->text_len;
    n->nparams = np;
    for (int i = 0; i < np; i++) {
        AstNode *a = call->kids[i + 1];
        AstNode *par = node_new(p, AST_PARAM, a->span, 1);
        par->text = a->text;
        par->text_len = a->text_len;
        par->kids[0] = a->kind == AST_KWARG ? a->kids[0] : NULL;
        if (a->kind == AST_KWARG) /* span of the name alone */
            par->span.length = (int)a->text_len;
        n->kids[i] = par;
    }
    parser_check_duplicates(p, n->kids, np);
    parser_advance(p); /* '=' */
    n->kids[np] = parse_expr(p);
    n->span = span_join(n->span, n->kids[np]->span);
    return n;
}

static const char *parser_describe_target(const AstNode *e, char *buf, size_t n)
{
    switch (e->kind) {
    case AST_NUM:
        return "a number";
    case AST_STR:
        return "a string";
    case AST_NIL:
    case AST_TRUE:
    case AST_FALSE:
        return "a constant";
    case AST_UNARY:
    case AST_BINARY:
        snprintf(buf, n, "the result of '%s'", ast_op_name(e->op));
        return buf;
    case AST_RANGE:
        return "a range";
    case AST_CALL:
        return "a function call";
    case AST_LIST:
        return "a list";
    case AST_MATRIX:
        return "a matrix";
    case AST_LAMBDA:
        return "a lambda";
    default:
        return "this expression";
    }
}

/* simple := expr | target '=' expr | NAME '(' names ')' '=' expr */
static AstNode *parse_simple(Parser *p)
{
    AstNode *e = parse_expr(p);
    if (p->cur.kind == TK_ASSIGN && !p->panic) {
        char buf[64];
        switch (e->kind) {
        case AST_NAME:
        case AST_INDEX:
        case AST_FIELD: {
            parser_advance(p);
            AstNode *v = parse_expr(p);
            AstNode *n = node_new(p, AST_ASSIGN, span_join(e->span, v->span), 2);
            n->kids[0] = e;
            n->kids[1] = v;
            return n;
        }
        case AST_CALL:
            if (e->kids[0]->kind == AST_NAME) {
                AstNode *n = parse_short_function(p, e);
                if (n != NULL)
                    return n;
                break;
            }
            /* fall through */
        default:
            parser_error_at(p, e->span, "cannot assign to %s",
                            parser_describe_target(e, buf, sizeof buf));
            break;
        }
    }
    AstNode *s = node_new(p, AST_EXPRSTMT, e->span, 1);
    s->kids[0] = e;
    s->quiet = p->cur.kind == TK_SEMI;
    return s;
}

static AstNode *parse_statement(Parser *p)
{
    Token t = p->cur;
    AstNode *n;
    char f[80];
    switch (t.kind) {
    case TK_IF:
        return parse_if(p);
    case TK_FOR:
        return parse_for(p);
    case TK_WHILE:
        return parse_while(p);
    case TK_FUNCTION:
        return parse_function(p);
    case TK_RETURN:
        parser_advance(p);
        n = node_new(p, AST_RETURN, t.span, 1);
        if (!parser_at_stmt_end(p)) {
            n->kids[0] = parse_expr(p);
            n->span = span_join(n->span, n->kids[0]->span);
        }
        return n;
    case TK_BREAK:
    case TK_CONTINUE:
        parser_advance(p);
        return node_new(p, t.kind == TK_BREAK ? AST_BREAK : AST_CONTINUE, t.span, 0);
    case TK_IMPORT:
        parser_advance(p);
        n = node_new(p, AST_IMPORT, t.span, 0);
        if (p->cur.kind == TK_STR) {
            n->text = p->cur.text;
            n->text_len = p->cur.text_len;
            n->span = span_join(n->span, p->cur.span);
            parser_advance(p);
        } else {
            parser_error(p,
                         "expected a file name in quotes after 'import', "
                         "found %s",
                         parser_found(p, f, sizeof f));
            n->text = "";
        }
        return n;
    case TK_COORDS: {
        NodeVec names = {NULL, 0, 0};
        parser_advance(p);
        for (;;) {
            if (p->cur.kind != TK_NAME) {
                parser_error(p, "expected a coordinate name, found %s",
                             parser_found(p, f, sizeof f));
                break;
            }
            AstNode *nm = node_new(p, AST_NAME, p->cur.span, 0);
            nm->text = p->cur.text;
            nm->text_len = p->cur.text_len;
            vec_push(&names, nm);
            parser_advance(p);
            if (p->cur.kind != TK_COMMA)
                break;
            parser_advance(p);
        }
        return node_from_vec(p, AST_COORDS, span_join(t.span, p->prev.span), NULL, &names);
    }
    default:
        return parse_simple(p);
    }
}

/* block := {statement (NEWLINE | ';')} up to 'end', 'else', 'elseif' or
 * the end of input; at the top level those keywords are errors. */
static AstNode *parse_block(Parser *p, int top)
{
    NodeVec stmts = {NULL, 0, 0};
    Span start = p->cur.span;
    char f[80];
    start.length = 0;
    if (!top && !parser_enter(p))
        return node_new(p, AST_BLOCK, start, 0);
    while (!p->full) {
        while (p->cur.kind == TK_NEWLINE || p->cur.kind == TK_SEMI)
            parser_advance(p);
        if (p->cur.kind == TK_EOF)
            break;
        if (p->cur.kind == TK_END || p->cur.kind == TK_ELSE || p->cur.kind == TK_ELSEIF) {
            if (!top)
                break;
            if (p->ndiags > 0 && p->diags[p->ndiags - 1].span.offset == p->cur.span.offset)
                ; /* this token was just reported: no second message */
            else if (p->cur.kind == TK_END)
                parser_error(p, "'end' without an open block");
            else
                parser_error(p, "'%s' without 'if'", token_kind_name(p->cur.kind));
            parser_advance(p);
            parser_sync(p);
            continue;
        }
        Token before = p->cur;
        AstNode *s = parse_statement(p);
        if (s != NULL)
            vec_push(&stmts, s);
        if (!p->panic && !parser_at_stmt_end(p))
            parser_error(p,
                         "expected newline or ';' after statement, "
                         "found %s",
                         parser_found(p, f, sizeof f));
        if (p->panic)
            parser_sync(p);
        /* Always make progress. */
        if (p->cur.kind == before.kind && p->cur.span.offset == before.span.offset &&
            p->cur.kind != TK_EOF)
            parser_advance(p);
    }
    if (!top)
        p->nest--;
    Span sp = stmts.n > 0 ? span_join(stmts.v[0]->span, stmts.v[stmts.n - 1]->span) : start;
    return node_from_vec(p, AST_BLOCK, sp, NULL, &stmts);
}

static int diag_cmp_offset(const Diagnostic *a, const Diagnostic *b)
{
    return a->span.offset - b->span.offset;
}

ParseResult *parser_parse(const Source *src)
{
    ParseResult *r = malloc(sizeof *r);
    Parser p;
    if (r == NULL) {
        fputs("sym: out of memory\n", stderr);
        abort();
    }
    memset(&p, 0, sizeof p);
    p.src = src;
    p.arena = arena_new();
    p.diags = malloc(PARSER_MAX_DIAGS * sizeof *p.diags);
    if (p.diags == NULL) {
        fputs("sym: out of memory\n", stderr);
        abort();
    }
    lexer_init(&p.lx, src, p.arena, parser_lex_error, &p);
    parser_advance(&p);
    AstNode *root = parse_block(&p, 1);
    /* Source order (lexer errors of a peeked token can come early). */
    for (int i = 1; i < p.ndiags; i++) {
        Diagnostic d = p.diags[i];
        int j = i;
        while (j > 0 && diag_cmp_offset(&p.diags[j - 1], &d) > 0) {
            p.diags[j] = p.diags[j - 1];
            j--;
        }
        p.diags[j] = d;
    }
    r->root = root;
    r->arena = p.arena;
    r->diags = p.diags;
    r->ndiags = p.ndiags;
    r->status = p.ndiags == 0 ? PARSE_OK : p.incomplete ? PARSE_INCOMPLETE : PARSE_ERROR;
    return r;
}

void parse_result_free(ParseResult *r)
{
    if (r == NULL)
        return;
    for (int i = 0; i < r->ndiags; i++)
        free(r->diags[i].message);
    free(r->diags);
    arena_free(r->arena);
    free(r);
}
