/* ast_dump.c — S-expression printing and structural checking of trees. */
#include "ast_dump.h"

#include <stdlib.h>
#include <string.h>

static void dump_quoted(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02X", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void dump_kids(FILE *out, const AstNode *n, int from, int to)
{
    for (int i = from; i < to; i++) {
        fputc(' ', out);
        ast_dump(out, n->kids[i]);
    }
}

static void dump_params(FILE *out, const AstNode *n)
{
    fputc('(', out);
    for (int i = 0; i < n->nparams; i++) {
        const AstNode *par = n->kids[i];
        if (i > 0)
            fputc(' ', out);
        if (par->nkids > 0 && par->kids[0] != NULL) {
            fprintf(out, "(%s ", par->text);
            ast_dump(out, par->kids[0]);
            fputc(')', out);
        } else {
            fputs(par->text, out);
        }
    }
    fputc(')', out);
}

void ast_dump(FILE *out, const AstNode *n)
{
    if (n == NULL) {
        fputs("null", out);
        return;
    }
    switch (n->kind) {
    case AST_NUM:
    case AST_NAME:
        fputs(n->text, out);
        return;
    case AST_STR:
        dump_quoted(out, n->text, n->text_len);
        return;
    case AST_NIL:
        fputs("nil", out);
        return;
    case AST_TRUE:
        fputs("true", out);
        return;
    case AST_FALSE:
        fputs("false", out);
        return;
    case AST_BINARY:
        if (n->nkids == 2) { /* a left chain (a + b + c ...) by iteration */
            size_t depth = 0;
            const AstNode *m = n;
            while (m != NULL && m->kind == AST_BINARY && m->nkids == 2) {
                fprintf(out, "(%s ", ast_op_name(m->op));
                m = m->kids[0];
                depth++;
            }
            ast_dump(out, m);
            const AstNode **spine = malloc(depth * sizeof *spine);
            if (spine == NULL)
                return;
            m = n;
            for (size_t i = 0; i < depth; i++, m = m->kids[0])
                spine[i] = m;
            for (size_t i = depth; i-- > 0;) {
                fputc(' ', out);
                ast_dump(out, spine[i]->kids[1]);
                fputc(')', out);
            }
            free(spine);
            return;
        }
        /* fall through */
    case AST_UNARY:
        fprintf(out, "(%s", ast_op_name(n->op));
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_RANGE:
        fputs("(range ", out);
        ast_dump(out, n->kids[0]);
        if (n->kids[2] != NULL) {
            fputc(' ', out);
            ast_dump(out, n->kids[2]);
        }
        fputc(' ', out);
        ast_dump(out, n->kids[1]);
        break;
    case AST_CALL:
        fputs("(call", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_KWARG:
        fprintf(out, "(kw %s", n->text);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_INDEX:
        fputs("(index", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_FIELD:
        fputs("(. ", out);
        ast_dump(out, n->kids[0]);
        fprintf(out, " %s", n->text);
        break;
    case AST_LIST:
        fputs("(list", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_MATRIX:
        fputs("(matrix", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_ROW:
        fputs("(row", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_LAMBDA:
        fputs("(lambda ", out);
        dump_params(out, n);
        dump_kids(out, n, n->nparams, n->nkids);
        break;
    case AST_PARAM:
        fprintf(out, "(param %s", n->text);
        if (n->nkids > 0 && n->kids[0] != NULL)
            dump_kids(out, n, 0, 1);
        break;
    case AST_ASSIGN:
        fputs("(=", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_FUNCDEF:
        fprintf(out, "(function %s ", n->text);
        dump_params(out, n);
        dump_kids(out, n, n->nparams, n->nkids);
        break;
    case AST_IF:
        fputs("(if", out);
        dump_kids(out, n, 0, n->kids[2] != NULL ? 3 : 2);
        break;
    case AST_FOR:
        fprintf(out, "(for %s", n->text);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_WHILE:
        fputs("(while", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_RETURN:
        fputs("(return", out);
        if (n->nkids > 0 && n->kids[0] != NULL)
            dump_kids(out, n, 0, 1);
        break;
    case AST_BREAK:
        fputs("(break", out);
        break;
    case AST_CONTINUE:
        fputs("(continue", out);
        break;
    case AST_IMPORT:
        fputs("(import ", out);
        dump_quoted(out, n->text, n->text_len);
        break;
    case AST_COORDS:
        fputs("(coords", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_EXPRSTMT:
        fputs(n->quiet ? "(expr;" : "(expr", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    case AST_BLOCK:
        fputs("(block", out);
        dump_kids(out, n, 0, n->nkids);
        break;
    default:
        fputs("(?", out);
        break;
    }
    fputc(')', out);
}

char *ast_dump_string(const AstNode *n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    ast_dump(f, n);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Kid count rules: exact count, or at least `min` when exact < 0. */
static int validate_counts(const AstNode *n, const char **why)
{
    int k = n->nkids;
    switch (n->kind) {
    case AST_NUM:
    case AST_NAME:
    case AST_STR:
    case AST_NIL:
    case AST_TRUE:
    case AST_FALSE:
    case AST_BREAK:
    case AST_CONTINUE:
    case AST_IMPORT:
        if (k != 0) {
            *why = "leaf with kids";
            return 0;
        }
        if ((n->kind == AST_NUM || n->kind == AST_NAME || n->kind == AST_STR ||
             n->kind == AST_IMPORT) &&
            n->text == NULL) {
            *why = "missing text";
            return 0;
        }
        return 1;
    case AST_UNARY:
    case AST_KWARG:
    case AST_FIELD:
    case AST_EXPRSTMT:
        if (k != 1) {
            *why = "expected 1 kid";
            return 0;
        }
        break;
    case AST_BINARY:
    case AST_ASSIGN:
    case AST_FOR:
    case AST_WHILE:
        if (k != 2) {
            *why = "expected 2 kids";
            return 0;
        }
        break;
    case AST_RANGE:
    case AST_IF:
        if (k != 3) {
            *why = "expected 3 kids";
            return 0;
        }
        break;
    case AST_PARAM:
    case AST_RETURN:
        if (k != 1) {
            *why = "expected 1 (optional) kid";
            return 0;
        }
        break;
    case AST_CALL:
    case AST_INDEX:
        if (k < 1) {
            *why = "call or index without object";
            return 0;
        }
        break;
    case AST_LAMBDA:
    case AST_FUNCDEF:
        if (n->nparams < 0 || n->nparams + 1 != k) {
            *why = "nparams does not match kids";
            return 0;
        }
        for (int i = 0; i < n->nparams; i++)
            if (n->kids[i] == NULL || n->kids[i]->kind != AST_PARAM) {
                *why = "parameter is not AST_PARAM";
                return 0;
            }
        break;
    case AST_MATRIX:
        for (int i = 0; i < k; i++)
            if (n->kids[i] == NULL || n->kids[i]->kind != AST_ROW) {
                *why = "matrix kid is not a row";
                return 0;
            }
        break;
    case AST_COORDS:
        for (int i = 0; i < k; i++)
            if (n->kids[i] == NULL || n->kids[i]->kind != AST_NAME) {
                *why = "coords kid is not a name";
                return 0;
            }
        break;
    case AST_LIST:
    case AST_ROW:
    case AST_BLOCK:
        break;
    default:
        *why = "unknown kind";
        return 0;
    }
    if (k > 0 && n->kids == NULL) {
        *why = "kids array missing";
        return 0;
    }
    for (int i = 0; i < k; i++) {
        int optional = (n->kind == AST_RANGE && i == 2) || (n->kind == AST_IF && i == 2) ||
                       n->kind == AST_PARAM || n->kind == AST_RETURN;
        if (n->kids[i] == NULL && !optional) {
            *why = "required kid is NULL";
            return 0;
        }
    }
    if ((n->kind == AST_KWARG || n->kind == AST_FIELD || n->kind == AST_PARAM ||
         n->kind == AST_FUNCDEF || n->kind == AST_FOR) &&
        n->text == NULL) {
        *why = "missing text";
        return 0;
    }
    if (n->kind == AST_ASSIGN) {
        AstKind t = n->kids[0]->kind;
        if (t != AST_NAME && t != AST_INDEX && t != AST_FIELD) {
            *why = "bad assignment target";
            return 0;
        }
    }
    if (n->kind == AST_BLOCK)
        for (int i = 0; i < k; i++)
            if (n->kids[i]->kind < AST_ASSIGN) {
                *why = "block holds a bare expression";
                return 0;
            }
    return 1;
}

int ast_validate(const AstNode *n, const Source *src, const char **why)
{
    static const char *dummy;
    if (why == NULL)
        why = &dummy;
    /* The first kid by iteration, the others by recursion: a flat sum of
       100000 terms is a left chain that deep (lang/parser.c). */
    for (;;) {
        if (n == NULL) {
            *why = "NULL node";
            return 0;
        }
        if (src != NULL) {
            const Span *s = &n->span;
            if (s->src != src || s->offset < 0 || s->length < 0 ||
                (size_t)s->offset + (size_t)s->length > src->len || s->line < 1 || s->col < 1) {
                *why = "span outside the source";
                return 0;
            }
        }
        if (!validate_counts(n, why))
            return 0;
        for (int i = 1; i < n->nkids; i++)
            if (n->kids[i] != NULL && !ast_validate(n->kids[i], src, why))
                return 0;
        if (n->nkids == 0 || n->kids[0] == NULL)
            return 1;
        n = n->kids[0];
    }
}
