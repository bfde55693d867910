/* ast.c — sources and the names of node kinds and operators. */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

Source *source_new(const char *name, const char *text, size_t len)
{
    Source *s = malloc(sizeof *s);
    if (s == NULL)
        return NULL;
    if (name == NULL)
        name = "<input>";
    size_t nlen = strlen(name);
    s->name = malloc(nlen + 1);
    s->text = malloc(len + 1);
    if (s->name == NULL || s->text == NULL) {
        free(s->name);
        free(s->text);
        free(s);
        return NULL;
    }
    memcpy(s->name, name, nlen + 1);
    if (len > 0)
        memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    return s;
}

void source_free(Source *s)
{
    if (s == NULL)
        return;
    free(s->name);
    free(s->text);
    free(s);
}

const char *ast_kind_name(AstKind k)
{
    switch (k) {
    case AST_NUM:
        return "number";
    case AST_STR:
        return "string";
    case AST_NAME:
        return "name";
    case AST_NIL:
        return "nil";
    case AST_TRUE:
        return "true";
    case AST_FALSE:
        return "false";
    case AST_UNARY:
        return "unary operation";
    case AST_BINARY:
        return "binary operation";
    case AST_RANGE:
        return "range";
    case AST_CALL:
        return "call";
    case AST_KWARG:
        return "keyword argument";
    case AST_INDEX:
        return "index";
    case AST_FIELD:
        return "field access";
    case AST_LIST:
        return "list";
    case AST_MATRIX:
        return "matrix";
    case AST_ROW:
        return "matrix row";
    case AST_LAMBDA:
        return "lambda";
    case AST_PARAM:
        return "parameter";
    case AST_ASSIGN:
        return "assignment";
    case AST_FUNCDEF:
        return "function definition";
    case AST_IF:
        return "if";
    case AST_FOR:
        return "for";
    case AST_WHILE:
        return "while";
    case AST_RETURN:
        return "return";
    case AST_BREAK:
        return "break";
    case AST_CONTINUE:
        return "continue";
    case AST_IMPORT:
        return "import";
    case AST_COORDS:
        return "coords";
    case AST_EXPRSTMT:
        return "expression statement";
    case AST_BLOCK:
        return "block";
    }
    return "?";
}

const char *ast_op_name(AstOp op)
{
    switch (op) {
    case OP_ADD:
        return "+";
    case OP_SUB:
        return "-";
    case OP_MUL:
        return "*";
    case OP_DIV:
        return "/";
    case OP_POW:
        return "^";
    case OP_EQ:
        return "==";
    case OP_NE:
        return "!=";
    case OP_LT:
        return "<";
    case OP_LE:
        return "<=";
    case OP_GT:
        return ">";
    case OP_GE:
        return ">=";
    case OP_AND:
        return "and";
    case OP_OR:
        return "or";
    case OP_NEG:
        return "-";
    case OP_NOT:
        return "not";
    }
    return "?";
}
