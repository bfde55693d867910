/* help.c — help(), help(name) and help("word") from the builtin tables. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include "help.h"
#include "suggest.h"
#include "diag.h"
#include "print.h"

void help_builtin(StrBuf *sb, const Builtin *b)
{
    sb_printf(sb, "%s(%s)    [%s]\n  %s\n", b->name, b->params, b->category, b->help);
    if (b->example) {
        sb_printf(sb, "  example:\n    sym> %s\n", b->example);
        if (b->example_out && *b->example_out) {
            const char *p = b->example_out;
            while (*p) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                sb_printf(sb, "    %.*s\n", (int)n, p);
                p += n + (nl ? 1 : 0);
            }
        }
    }
}

void help_overview(StrBuf *sb)
{
    sb_puts(sb, "Sym: exact symmetry for machine learning.  help(name) for one builtin, "
                "help(\"word\") to search.\n"
                "Language: x = 1; f(x) = x^2; if/elseif/else/end; for x in 1:10 ... end; "
                "while ... end;\n"
                "  function f(a, b = 2) ... end; [1, 2; 3, 4] is a matrix, [1, 2] a list; "
                "coords x, y declares coordinates;\n"
                "  import \"file.sym\"; # starts a comment.  `man sym` has the whole manual.\n");
    const char *seen[64];
    int nseen = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            int known = 0;
            for (int i = 0; i < nseen; i++)
                if (strcmp(seen[i], b->category) == 0)
                    known = 1;
            if (known || nseen == 64)
                continue;
            seen[nseen++] = b->category;
            sb_printf(sb, "\n%s:\n ", b->category);
            int col = 1;
            for (int u = 0; builtin_tables[u]; u++)
                for (const Builtin *c = builtin_tables[u]; c->name; c++)
                    if (strcmp(c->category, b->category) == 0) {
                        if (col + (int)strlen(c->name) + 1 > 78) {
                            sb_puts(sb, "\n ");
                            col = 1;
                        }
                        sb_printf(sb, " %s", c->name);
                        col += (int)strlen(c->name) + 1;
                    }
            sb_putc(sb, '\n');
        }
}

/* The keywords of the language, each with its form and an example. */
static const char *const keyword_help[][2] = {
    {"if",
     "if cond ... elseif cond ... else ... end: runs the first block whose condition "
     "(true or false) holds.\n  example: if n > 0 print(\"positive\") else print(\"not\") end"},
    {"elseif", "part of if ... elseif cond ... else ... end (see help(\"if\"))."},
    {"else", "part of if ... else ... end (see help(\"if\"))."},
    {"end", "closes a block: if, for, while, function."},
    {"for", "for x in iterable ... end: runs the body for each item of a list, range (1:10, "
            "1:2:9), string or the rows of a matrix; break and continue work inside.\n"
            "  example: for i in 1:3 print(i^2) end"},
    {"in", "part of for x in iterable ... end (see help(\"for\"))."},
    {"while", "while cond ... end: repeats the body while cond is true.\n"
              "  example: n = 1; while n < 100 n = 2*n end"},
    {"function", "function f(a, b = 2) ... end defines f (the value of the last statement, "
                 "or return e); f(x) = e is the one-line form; x -> e and (x, y) -> e are "
                 "lambdas.  A string as the first statement of the body is the docstring "
                 "that help(f) shows.\n"
                 "  example: function area(r) \"the area of a disc\" return pi*r^2 end"},
    {"return", "return e leaves the current function with the value e (nil without e)."},
    {"break", "break leaves the innermost for or while loop."},
    {"continue", "continue goes on with the next iteration of the innermost loop."},
    {"import", "import \"file.sym\" runs a file once in this session (relative to the "
               "importing file, then SYM_PATH, then the standard library: import "
               "\"symmetry.sym\")."},
    {"coords", "coords x, y, z declares the coordinates of R^n: each name becomes a "
               "polynomial, and every later polynomial, field or model lives over them.  "
               "A name of a builtin (t, S, div, ...) may be a coordinate: the coordinate "
               "wins and a note says which builtin it hides.  A polynomial of an earlier "
               "ring moves to the new one with to_coords(p) when its variables are there.\n"
               "  example: coords t, x, y, z"},
    {"and", "a and b: true when both are (b is evaluated only when a is true)."},
    {"or", "a or b: true when either is (b is evaluated only when a is false)."},
    {"not", "not a: the negation of true or false."},
    {"true", "the boolean true."},
    {"false", "the boolean false."},
    {"nil", "the empty value: what print returns, a missing optional argument."},
    {"ans", "ans is the value of the last expression statement that printed a value at top "
            "level (the REPL's last result)."},
    {NULL, NULL}};

int help_keyword(StrBuf *sb, const char *word)
{
    for (int i = 0; keyword_help[i][0]; i++)
        if (strcmp(keyword_help[i][0], word) == 0) {
            sb_printf(sb, "%s    [keyword]\n  %s\n", word, keyword_help[i][1]);
            return 1;
        }
    return 0;
}

/* The builtin or keyword name nearest to word, if close enough. */
static const char *help_nearest(const char *word)
{
    const char *best = NULL;
    int bestd = 99;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            int d = suggest_distance(b->name, word);
            if (d < bestd) {
                bestd = d;
                best = b->name;
            }
        }
    for (int i = 0; keyword_help[i][0]; i++) {
        int d = suggest_distance(keyword_help[i][0], word);
        if (d < bestd) {
            bestd = d;
            best = keyword_help[i][0];
        }
    }
    size_t len = strlen(word);
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return bestd <= limit ? best : NULL;
}

void help_search(StrBuf *sb, const char *word)
{
    const Builtin *exact = builtin_find(word);
    if (exact) {
        help_builtin(sb, exact);
        return;
    }
    if (help_keyword(sb, word))
        return;
    int found = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            if (strcasestr(b->name, word) || strcasestr(b->help, word) ||
                strcasestr(b->category, word)) {
                sb_printf(sb, "%-14s %s\n", b->name, b->help);
                found++;
            }
    if (!found) {
        const char *near = help_nearest(word);
        if (near)
            sb_printf(sb, "nothing about '%s'; did you mean '%s'?  help(\"%s\") describes it\n",
                      word, near, near);
        else
            sb_printf(sb, "nothing about '%s'; help() lists every builtin\n", word);
    }
}

void help_note_shadow(FILE *out, const Span *sp, const Builtin *b)
{
    StrBuf sb = STRBUF_INIT;
    size_t n = strcspn(b->help, ".:;");
    if (n > 70) { /* cut at a word */
        n = 70;
        while (n > 20 && b->help[n] != ' ')
            n--;
    }
    sb_printf(&sb,
              "'%s' now names your value and hides the builtin %s(%s) (%.*s); "
              "builtin(\"%s\") still reaches it",
              b->name, b->name, b->params, (int)n, b->help, b->name);
    diag_print(out, "note", sp, sb_str(&sb));
    fflush(out);
    sb_free(&sb);
}

/* The docstring of a user function: a string literal as the first
 * statement of its block body; NULL if none. */
static const AstNode *func_docstring(const Value *f)
{
    const AstNode *def = f->u.fn.def;
    if (def->kind != AST_FUNCDEF || def->nkids <= def->nparams)
        return NULL;
    const AstNode *body = def->kids[def->nparams];
    if (!body || body->kind != AST_BLOCK || body->nkids == 0)
        return NULL;
    const AstNode *first = body->kids[0];
    if (first->kind == AST_EXPRSTMT && first->kids[0]->kind == AST_STR)
        return first->kids[0];
    return NULL;
}

static const char *article(const char *noun)
{
    return strchr("aeiouAEIOU", noun[0]) ? "an" : "a";
}

void help_value(StrBuf *sb, const char *name, const Value *v)
{
    if (v->kind == VAL_FUNC) {
        const AstNode *def = v->u.fn.def;
        sb_printf(sb, "%s(", v->u.fn.name);
        for (int i = 0; i < def->nparams; i++) {
            const AstNode *p = def->kids[i];
            sb_printf(sb, "%s%.*s", i ? ", " : "", (int)p->text_len, p->text);
            if (p->nkids > 0 && p->kids[0])
                sb_puts(sb, " = ...");
        }
        sb_printf(sb, ")    [user function, %s:%d]\n",
                  def->span.src && def->span.src->name ? def->span.src->name : "?", def->span.line);
        const AstNode *doc = func_docstring(v);
        if (doc)
            sb_printf(sb, "  %.*s\n", (int)doc->text_len, doc->text);
        else
            sb_puts(sb, "  (no docstring: a string as the first statement of a "
                        "function ... end body is one)\n");
        return;
    }
    if (v->kind == VAL_BUILTIN) {
        help_builtin(sb, v->u.builtin);
        return;
    }
    /* a variable: its kind and the first line of its value, not all of it */
    StrBuf pv = STRBUF_INIT;
    print_value(&pv, v, FMT_PLAIN);
    const char *text = sb_str(&pv);
    size_t n = strcspn(text, "\n");
    int more = text[n] != '\0';
    if (n > 70) {
        n = 67;
        more = 1;
    }
    if (name)
        sb_printf(sb, "%s is %s %s: %.*s%s\n", name, article(val_kind_name(v)), val_kind_name(v),
                  (int)n, text, more ? " ..." : "");
    else
        sb_printf(sb, "%s %s: %.*s%s\n", article(val_kind_name(v)), val_kind_name(v), (int)n, text,
                  more ? " ..." : "");
    if (v->kind == VAL_OBJ || v->kind == VAL_RECORD)
        sb_printf(sb, "  print(%s) shows all of it\n", name ? name : "it");
    sb_free(&pv);
}
