/* lexer.c — bytes of a Source to tokens (see lexer.h). */
#include "lexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *word;
    TokenKind kind;
} lexer_keywords[] = {
    {"if", TK_IF},         {"elseif", TK_ELSEIF},     {"else", TK_ELSE},
    {"end", TK_END},       {"for", TK_FOR},           {"in", TK_IN},
    {"while", TK_WHILE},   {"function", TK_FUNCTION}, {"return", TK_RETURN},
    {"break", TK_BREAK},   {"continue", TK_CONTINUE}, {"import", TK_IMPORT},
    {"coords", TK_COORDS}, {"and", TK_AND},           {"or", TK_OR},
    {"not", TK_NOT},       {"true", TK_TRUE},         {"false", TK_FALSE},
    {"nil", TK_NIL},
};

const char *token_kind_name(TokenKind k)
{
    switch (k) {
    case TK_EOF:
        return "end of input";
    case TK_NEWLINE:
        return "end of line";
    case TK_ERROR:
        return "invalid token";
    case TK_NUM:
        return "<number>";
    case TK_STR:
        return "<string>";
    case TK_NAME:
        return "<name>";
    case TK_LPAREN:
        return "(";
    case TK_RPAREN:
        return ")";
    case TK_LBRACKET:
        return "[";
    case TK_RBRACKET:
        return "]";
    case TK_COMMA:
        return ",";
    case TK_SEMI:
        return ";";
    case TK_DOT:
        return ".";
    case TK_COLON:
        return ":";
    case TK_ASSIGN:
        return "=";
    case TK_ARROW:
        return "->";
    case TK_PLUS:
        return "+";
    case TK_MINUS:
        return "-";
    case TK_STAR:
        return "*";
    case TK_SLASH:
        return "/";
    case TK_CARET:
        return "^";
    case TK_EQ:
        return "==";
    case TK_NE:
        return "!=";
    case TK_LT:
        return "<";
    case TK_LE:
        return "<=";
    case TK_GT:
        return ">";
    case TK_GE:
        return ">=";
    default:
        break;
    }
    for (size_t i = 0; i < sizeof lexer_keywords / sizeof *lexer_keywords; i++)
        if (lexer_keywords[i].kind == k)
            return lexer_keywords[i].word;
    return "?";
}

/* Append the bytes of s[0..n) to buf, printable ASCII as is and others as
 * \xHH, stopping before buf (size cap) is full; returns the new length. */
static size_t lexer_quote_bytes(char *buf, size_t len, size_t cap, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        if (c >= 0x20 && c < 0x7f)
            tmp[0] = (char)c, tmp[1] = '\0';
        else if (c >= 0x80) /* keep UTF-8 text readable */
            tmp[0] = (char)c, tmp[1] = '\0';
        else
            snprintf(tmp, sizeof tmp, "\\x%02X", c);
        size_t t = strlen(tmp);
        if (len + t + 1 > cap)
            break;
        memcpy(buf + len, tmp, t);
        len += t;
    }
    buf[len] = '\0';
    return len;
}

char *token_describe(char *buf, size_t n, const Token *tok)
{
    if (n == 0)
        return buf;
    buf[0] = '\0';
    switch (tok->kind) {
    case TK_EOF:
    case TK_NEWLINE:
        snprintf(buf, n, "%s", token_kind_name(tok->kind));
        return buf;
    case TK_STR:
        snprintf(buf, n, "a string");
        return buf;
    default:
        break;
    }
    const char *s = tok->span.src->text + tok->span.offset;
    size_t len = (size_t)tok->span.length;
    char inner[64];
    int cut = len > 24;
    lexer_quote_bytes(inner, 0, sizeof inner, s, cut ? 24 : len);
    snprintf(buf, n, "'%s%s'", inner, cut ? "..." : "");
    return buf;
}

void lexer_init(Lexer *lx, const Source *src, Arena *arena, LexerErrorFn error, void *error_ctx)
{
    lx->src = src;
    lx->arena = arena;
    lx->pos = 0;
    lx->line = 1;
    lx->line_start = 0;
    lx->last = TK_NEWLINE;
    lx->error = error;
    lx->error_ctx = error_ctx;
}

static int lexer_peekc(const Lexer *lx, size_t ahead)
{
    size_t p = lx->pos + ahead;
    return p < lx->src->len ? (unsigned char)lx->src->text[p] : -1;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}
static int is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int hex_value(int c)
{
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
static int is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static int is_ident_char(int c)
{
    return is_ident_start(c) || is_digit(c);
}

/* The length of the well-formed UTF-8 sequence at s[p] (1 to 4 bytes; no
 * overlong forms, surrogates or code points past U+10FFFF), 0 if none. */
static size_t utf8_seq_len(const char *s, size_t p, size_t len)
{
    const unsigned char *u = (const unsigned char *)s + p;
    size_t avail = len - p, n;
    unsigned long cp;
    if (u[0] < 0x80)
        return 1;
    if (u[0] >= 0xC2 && u[0] <= 0xDF)
        n = 2, cp = u[0] & 0x1F;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF)
        n = 3, cp = u[0] & 0x0F;
    else if (u[0] >= 0xF0 && u[0] <= 0xF4)
        n = 4, cp = u[0] & 0x07;
    else
        return 0;
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static Span lexer_span_at(const Lexer *lx, size_t start, int line, size_t line_start, size_t end)
{
    Span sp;
    sp.src = lx->src;
    sp.line = line;
    sp.col = (int)(start - line_start) + 1;
    sp.offset = (int)start;
    sp.length = (int)(end - start);
    return sp;
}

static void lexer_error(Lexer *lx, const Span *sp, int incomplete, const char *msg)
{
    if (lx->error != NULL)
        lx->error(lx->error_ctx, sp, incomplete, msg);
}

/* Does the newline after a token of kind k end a statement?  Not after
 * tokens that need something to follow. */
static int lexer_continues(TokenKind k)
{
    switch (k) {
    case TK_COMMA:
    case TK_LPAREN:
    case TK_LBRACKET:
    case TK_ASSIGN:
    case TK_ARROW:
    case TK_PLUS:
    case TK_MINUS:
    case TK_STAR:
    case TK_SLASH:
    case TK_CARET:
    case TK_EQ:
    case TK_NE:
    case TK_LT:
    case TK_LE:
    case TK_GT:
    case TK_GE:
    case TK_COLON:
    case TK_DOT:
    case TK_AND:
    case TK_OR:
    case TK_NOT:
        return 1;
    default:
        return 0;
    }
}

/* Is s[0..n) a valid number: digits [. digits] or . digits, then an
 * optional exponent e[+-]digits? */
static int lexer_number_ok(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && is_digit((unsigned char)s[i]))
        i++, d++;
    if (i < n && s[i] == '.') {
        size_t f = 0;
        i++;
        while (i < n && is_digit((unsigned char)s[i]))
            i++, f++;
        if (f == 0)
            return 0;
        d += f;
    }
    if (d == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        while (i < n && is_digit((unsigned char)s[i]))
            i++, e++;
        if (e == 0)
            return 0;
    }
    return i == n;
}

static void lexer_number(Lexer *lx, Token *tok, size_t start)
{
    const char *s = lx->src->text;
    size_t p = start;
    /* The longest run that could be meant as one number, so "1.2.3" or
     * "2x" is one error rather than several tokens. */
    while (p < lx->src->len) {
        int c = (unsigned char)s[p];
        if (is_ident_char(c) || c == '.') {
            p++;
        } else if ((c == '+' || c == '-') && (s[p - 1] == 'e' || s[p - 1] == 'E') &&
                   p + 1 < lx->src->len && is_digit((unsigned char)s[p + 1])) {
            p++;
        } else {
            break;
        }
    }
    lx->pos = p;
    tok->span = lexer_span_at(lx, start, lx->line, lx->line_start, p);
    if (lexer_number_ok(s + start, p - start)) {
        tok->kind = TK_NUM;
        tok->text = arena_strndup(lx->arena, s + start, p - start);
        tok->text_len = p - start;
    } else {
        char msg[128], q[80];
        size_t n = p - start;
        int cut = n > 40;
        lexer_quote_bytes(q, 0, sizeof q, s + start, cut ? 40 : n);
        snprintf(msg, sizeof msg, "invalid number '%s%s'", q, cut ? "..." : "");
        lexer_error(lx, &tok->span, 0, msg);
        tok->kind = TK_ERROR;
    }
}

/* A growable byte buffer for decoding strings. */
typedef struct {
    char *data;
    size_t len, cap;
} LexBuf;

static void lexbuf_put(LexBuf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (d == NULL) {
            fputs("sym: out of memory\n", stderr);
            abort();
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static size_t utf8_encode(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode one escape; lx->pos is at the backslash, which is not the last
 * byte.  Reports bad escapes and moves past them. */
static void lexer_escape(Lexer *lx, LexBuf *b)
{
    const char *s = lx->src->text;
    size_t start = lx->pos;
    int c = lexer_peekc(lx, 1);
    char out[4];
    char msg[96];
    lx->pos += 2;
    switch (c) {
    case 'n':
        lexbuf_put(b, "\n", 1);
        return;
    case 't':
        lexbuf_put(b, "\t", 1);
        return;
    case '\\':
        lexbuf_put(b, "\\", 1);
        return;
    case '"':
        lexbuf_put(b, "\"", 1);
        return;
    case '0':
        lexbuf_put(b, "\0", 1);
        return;
    case 'x':
        if (is_hex(lexer_peekc(lx, 0)) && is_hex(lexer_peekc(lx, 1))) {
            out[0] = (char)(hex_value(lexer_peekc(lx, 0)) * 16 + hex_value(lexer_peekc(lx, 1)));
            lx->pos += 2;
            lexbuf_put(b, out, 1);
            return;
        } else {
            Span sp = lexer_span_at(lx, start, lx->line, lx->line_start, lx->pos);
            lexer_error(lx, &sp, 0, "invalid escape '\\x': expected two hex digits");
            return;
        }
    case 'u': {
        unsigned long cp = 0;
        size_t nd = 0;
        int ok = lexer_peekc(lx, 0) == '{';
        if (ok) {
            size_t p = 1;
            while (is_hex(lexer_peekc(lx, p)) && nd < 8) {
                cp = cp * 16 + (unsigned long)hex_value(lexer_peekc(lx, p));
                p++, nd++;
            }
            ok = nd >= 1 && nd <= 6 && lexer_peekc(lx, p) == '}';
            if (ok)
                lx->pos += p + 1;
        }
        Span sp = lexer_span_at(lx, start, lx->line, lx->line_start, lx->pos);
        if (!ok) {
            lexer_error(lx, &sp, 0,
                        "invalid escape '\\u': expected '\\u{' and 1 to 6 "
                        "hex digits and '}'");
        } else if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            snprintf(msg, sizeof msg, "invalid code point U+%lX in escape", cp);
            lexer_error(lx, &sp, 0, msg);
        } else {
            lexbuf_put(b, out, utf8_encode(out, cp));
        }
        return;
    }
    default: {
        char q[16];
        lexer_quote_bytes(q, 0, sizeof q, s + start + 1, 1);
        Span sp = lexer_span_at(lx, start, lx->line, lx->line_start, lx->pos);
        if (c == '\n') { /* keep line counting right */
            sp.length = 1;
            lx->line++;
            lx->line_start = lx->pos;
        }
        snprintf(msg, sizeof msg, "unknown escape '\\%s'", q);
        lexer_error(lx, &sp, 0, msg);
        lexbuf_put(b, s + start + 1, 1);
        return;
    }
    }
}

static void lexer_string(Lexer *lx, Token *tok, size_t start)
{
    int line = lx->line;
    size_t line_start = lx->line_start;
    LexBuf b = {NULL, 0, 0};
    const char *s = lx->src->text;
    lx->pos = start + 1;
    for (;;) {
        int c = lexer_peekc(lx, 0);
        if (c < 0 || (c == '\\' && lexer_peekc(lx, 1) < 0)) {
            lx->pos = lx->src->len;
            tok->span = lexer_span_at(lx, start, line, line_start, lx->pos);
            Span q = lexer_span_at(lx, start, line, line_start, start + 1);
            lexer_error(lx, &q, 1, "unterminated string");
            tok->kind = TK_ERROR;
            free(b.data);
            return;
        }
        if (c == '"') {
            lx->pos++;
            break;
        }
        if (c == '\\') {
            lexer_escape(lx, &b);
            continue;
        }
        /* Copy a run of plain bytes at once. */
        size_t p = lx->pos;
        while (p < lx->src->len && s[p] != '"' && s[p] != '\\') {
            if (s[p] == '\n') {
                lx->line++;
                lx->line_start = p + 1;
            }
            p++;
        }
        lexbuf_put(&b, s + lx->pos, p - lx->pos);
        lx->pos = p;
    }
    tok->kind = TK_STR;
    tok->span = lexer_span_at(lx, start, line, line_start, lx->pos);
    tok->text = arena_strndup(lx->arena, b.data ? b.data : "", b.len);
    tok->text_len = b.len;
    free(b.data);
}

static TokenKind lexer_keyword(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof lexer_keywords / sizeof *lexer_keywords; i++)
        if (strlen(lexer_keywords[i].word) == n && memcmp(lexer_keywords[i].word, s, n) == 0)
            return lexer_keywords[i].kind;
    return TK_NAME;
}

/* Scan one token, newlines included. */
static void lexer_scan(Lexer *lx, Token *tok)
{
    const char *s = lx->src->text;
    size_t len = lx->src->len;
    tok->text = NULL;
    tok->text_len = 0;
    for (;;) {
        while (lx->pos < len && (s[lx->pos] == ' ' || s[lx->pos] == '\t' || s[lx->pos] == '\r' ||
                                 s[lx->pos] == '\f' || s[lx->pos] == '\v'))
            lx->pos++;
        if (lx->pos < len && s[lx->pos] == '#') {
            while (lx->pos < len && s[lx->pos] != '\n')
                lx->pos++;
            continue;
        }
        break;
    }
    size_t start = lx->pos;
    if (start >= len) {
        tok->kind = TK_EOF;
        tok->span = lexer_span_at(lx, len, lx->line, lx->line_start, len);
        return;
    }
    int c = (unsigned char)s[start];
    int c1 = lexer_peekc(lx, 1);
    TokenKind k;
    size_t n = 1;
    if (c == '\n') {
        tok->kind = TK_NEWLINE;
        tok->span = lexer_span_at(lx, start, lx->line, lx->line_start, start + 1);
        lx->pos++;
        lx->line++;
        lx->line_start = lx->pos;
        return;
    }
    if (is_digit(c) || (c == '.' && is_digit(c1))) {
        lexer_number(lx, tok, start);
        return;
    }
    if (c == '"') {
        lexer_string(lx, tok, start);
        return;
    }
    if (is_ident_start(c)) {
        size_t p = start, k;
        while (p < len && is_ident_char((unsigned char)s[p])) {
            if ((k = utf8_seq_len(s, p, len)) == 0) { /* not UTF-8 */
                char msg[64], q[16];
                snprintf(q, sizeof q, "\\x%02X", (unsigned char)s[p]);
                lx->pos = p + 1;
                tok->kind = TK_ERROR;
                tok->span = lexer_span_at(lx, p, lx->line, lx->line_start, p + 1);
                snprintf(msg, sizeof msg, "invalid UTF-8 byte '%s' in a name", q);
                lexer_error(lx, &tok->span, 0, msg);
                return;
            }
            p += k;
        }
        lx->pos = p;
        tok->kind = lexer_keyword(s + start, p - start);
        tok->span = lexer_span_at(lx, start, lx->line, lx->line_start, p);
        if (tok->kind == TK_NAME) {
            tok->text = arena_strndup(lx->arena, s + start, p - start);
            tok->text_len = p - start;
        }
        return;
    }
    switch (c) {
    case '(':
        k = TK_LPAREN;
        break;
    case ')':
        k = TK_RPAREN;
        break;
    case '[':
        k = TK_LBRACKET;
        break;
    case ']':
        k = TK_RBRACKET;
        break;
    case ',':
        k = TK_COMMA;
        break;
    case ';':
        k = TK_SEMI;
        break;
    case '.':
        k = TK_DOT;
        break;
    case ':':
        k = TK_COLON;
        break;
    case '+':
        k = TK_PLUS;
        break;
    case '*':
        k = TK_STAR;
        break;
    case '/':
        k = TK_SLASH;
        break;
    case '^':
        k = TK_CARET;
        break;
    case '-':
        k = c1 == '>' ? (n = 2, TK_ARROW) : TK_MINUS;
        break;
    case '=':
        k = c1 == '=' ? (n = 2, TK_EQ) : TK_ASSIGN;
        break;
    case '<':
        k = c1 == '=' ? (n = 2, TK_LE) : TK_LT;
        break;
    case '>':
        k = c1 == '=' ? (n = 2, TK_GE) : TK_GT;
        break;
    case '!':
        if (c1 == '=') {
            k = TK_NE;
            n = 2;
            break;
        }
        /* fall through */
    default: {
        char msg[64], q[16];
        lexer_quote_bytes(q, 0, sizeof q, s + start, 1);
        lx->pos++;
        tok->kind = TK_ERROR;
        tok->span = lexer_span_at(lx, start, lx->line, lx->line_start, start + 1);
        snprintf(msg, sizeof msg, "unexpected character '%s'", q);
        lexer_error(lx, &tok->span, 0, msg);
        return;
    }
    }
    lx->pos = start + n;
    tok->kind = k;
    tok->span = lexer_span_at(lx, start, lx->line, lx->line_start, start + n);
}

void lexer_next(Lexer *lx, Token *tok)
{
    for (;;) {
        lexer_scan(lx, tok);
        if (tok->kind == TK_NEWLINE && (lexer_continues(lx->last) || lx->last == TK_NEWLINE))
            continue;
        break;
    }
    lx->last = tok->kind;
}

const char *lexer_keyword_at(size_t i)
{
    return i < sizeof lexer_keywords / sizeof *lexer_keywords ? lexer_keywords[i].word : NULL;
}
