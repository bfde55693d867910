/* test_parser.c — Check tests of lang/parser.c: trees (as S-expressions,
 * see ast_dump.h) for every construct, the precedence table, spans, every
 * error message with its line:col, recovery, INCOMPLETE, limits, and
 * diag_print's format. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_dump.h"
#include "parser.h"

typedef struct {
    Source *src;
    ParseResult *r;
    char *tree;
    char errors[2048]; /* "line:col: message|" per diagnostic */
} Parsed;

static Parsed *parse_n(const char *text, size_t len)
{
    Parsed *p = calloc(1, sizeof *p);
    p->src = source_new("t.sym", text, len);
    p->r = parser_parse(p->src);
    p->tree = ast_dump_string(p->r->root);
    for (int i = 0; i < p->r->ndiags; i++) {
        size_t n = strlen(p->errors);
        snprintf(p->errors + n, sizeof p->errors - n, "%d:%d: %s|", p->r->diags[i].span.line,
                 p->r->diags[i].span.col, p->r->diags[i].message);
    }
    const char *why = "";
    ck_assert_msg(ast_validate(p->r->root, p->src, &why), "invalid tree (%s) for input: %s", why,
                  text);
    return p;
}

static Parsed *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

static void parsed_free(Parsed *p)
{
    free(p->tree);
    parse_result_free(p->r);
    source_free(p->src);
    free(p);
}

/* Parse `text` without errors and compare the tree. */
static void check_tree(const char *text, const char *expect)
{
    Parsed *p = parse(text);
    ck_assert_msg(p->r->status == PARSE_OK, "input %s: status %d, errors %s", text, p->r->status,
                  p->errors);
    ck_assert_msg(strcmp(p->tree, expect) == 0, "input: %s\n got: %s\nwant: %s", text, p->tree,
                  expect);
    parsed_free(p);
}

/* Parse `text`: status and the diagnostics as "line:col: msg|..." */
static void check_errors(const char *text, ParseStatus status, const char *expect)
{
    Parsed *p = parse(text);
    ck_assert_msg(p->r->status == status, "input %s: status %d, want %d (%s)", text, p->r->status,
                  status, p->errors);
    ck_assert_msg(strcmp(p->errors, expect) == 0, "input: %s\n got: %s\nwant: %s", text, p->errors,
                  expect);
    parsed_free(p);
}

START_TEST(test_literals)
{
    check_tree("12", "(block (expr 12))");
    check_tree("0.25; .5; 1e-3; 2.5E+4",
               "(block (expr; 0.25) (expr; .5) (expr; 1e-3) (expr 2.5E+4))");
    check_tree("\"a\\n\\\"b\\\"\"", "(block (expr \"a\\n\\\"b\\\"\"))");
    check_tree("true; false; nil", "(block (expr; true) (expr; false) (expr nil))");
    check_tree("ξ", "(block (expr ξ))");
    check_tree("", "(block)");
    check_tree("\n\n# only a comment\n;;\n", "(block)");
}
END_TEST

START_TEST(test_precedence)
{
    static const char *table[][2] = {
        {"a or b and c", "(or a (and b c))"},
        {"a and b or c", "(or (and a b) c)"},
        {"not a and b", "(and (not a) b)"},
        {"not a == b", "(not (== a b))"},
        {"not not a", "(not (not a))"},
        {"a == b + c", "(== a (+ b c))"},
        {"a != b", "(!= a b)"},
        {"a <= b:c", "(<= a (range b c))"},
        {"a >= b", "(>= a b)"},
        {"a > b", "(> a b)"},
        {"1:n+1", "(range 1 (+ n 1))"},
        {"1:2:10", "(range 1 2 10)"},
        {"a - b - c", "(- (- a b) c)"},
        {"a + b * c", "(+ a (* b c))"},
        {"a / b / c", "(/ (/ a b) c)"},
        {"a * b / c", "(/ (* a b) c)"},
        {"-x^2", "(- (^ x 2))"},
        {"-x * y", "(* (- x) y)"},
        {"--x", "(- (- x))"},
        {"+x", "x"},
        {"2^3^2", "(^ 2 (^ 3 2))"},
        {"2^-1", "(^ 2 (- 1))"},
        {"a^-b^c", "(^ a (- (^ b c)))"},
        {"a^b*c", "(* (^ a b) c)"},
        {"-a.b^2", "(- (^ (. a b) 2))"},
        {"f(x)^2", "(^ (call f x) 2)"},
        {"a[1].b(2)", "(call (. (index a 1) b) 2)"},
        {"(a + b) * c", "(* (+ a b) c)"},
        {"x -> x + 1", "(lambda (x) (+ x 1))"},
        {"x -> y -> x * y", "(lambda (x) (lambda (y) (* x y)))"},
        {"a or x -> x", "(or a (lambda (x) x))"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char text[128], expect[256];
        snprintf(text, sizeof text, "%s", table[i][0]);
        snprintf(expect, sizeof expect, "(block (expr %s))", table[i][1]);
        check_tree(text, expect);
    }
}
END_TEST

START_TEST(test_postfix)
{
    check_tree("f()", "(block (expr (call f)))");
    check_tree("f(a, b, k = v, t = 1 + 2)", "(block (expr (call f a b (kw k v) (kw t (+ 1 2)))))");
    check_tree("f(a == b)", "(block (expr (call f (== a b))))");
    check_tree("a[i]", "(block (expr (index a i)))");
    check_tree("a[i, j + 1]", "(block (expr (index a i (+ j 1))))");
    check_tree("r.name.x", "(block (expr (. (. r name) x)))");
    check_tree("f(1)(2)", "(block (expr (call (call f 1) 2)))");
    check_tree("X.x[1]", "(block (expr (index (. X x) 1)))");
}
END_TEST

START_TEST(test_lists_and_matrices)
{
    check_tree("[]", "(block (expr (list)))");
    check_tree("[1]", "(block (expr (list 1)))");
    check_tree("[a, b, c]", "(block (expr (list a b c)))");
    check_tree("[1, 2; 3, 4]", "(block (expr (matrix (row 1 2) (row 3 4))))");
    check_tree("[1, 2;]", "(block (expr (matrix (row 1 2))))");
    check_tree("[1; 2; 3]", "(block (expr (matrix (row 1) (row 2) (row 3))))");
    check_tree("[[1, 0; 0, -1]]", "(block (expr (list (matrix (row 1 0) (row 0 (- 1))))))");
    check_tree("[1, 2\n ; 3, 4\n]", "(block (expr (matrix (row 1 2) (row 3 4))))");
    check_tree("[\n1,\n2\n]", "(block (expr (list 1 2)))");
}
END_TEST

START_TEST(test_lambdas)
{
    check_tree("f = (x, y) -> x * y", "(block (= f (lambda (x y) (* x y))))");
    check_tree("f = (x) -> x", "(block (= f (lambda (x) x)))");
    check_tree("f = () -> 1", "(block (= f (lambda () 1)))");
    check_tree("map(x -> x^2, L)", "(block (expr (call map (lambda (x) (^ x 2)) L)))");
}
END_TEST

START_TEST(test_statements)
{
    check_tree("x = 1", "(block (= x 1))");
    check_tree("a[1, 2] = 3", "(block (= (index a 1 2) 3))");
    check_tree("r.name = 3", "(block (= (. r name) 3))");
    check_tree("x = 1;", "(block (= x 1))");
    check_tree("x; y", "(block (expr; x) (expr y))");
    check_tree("f(x, y) = x + y", "(block (function f (x y) (+ x y)))");
    check_tree("f(x, b = 2) = x * b", "(block (function f (x (b 2)) (* x b)))");
    check_tree("f() = 1", "(block (function f () 1))");
    check_tree("function f(a, b = 2)\n  return a + b\nend",
               "(block (function f (a (b 2)) (block (return (+ a b)))))");
    check_tree("function f()\nend", "(block (function f () (block)))");
    check_tree("function g(\n a,\n b\n)\n return\nend",
               "(block (function g (a b) (block (return))))");
    check_tree("if x > 1\n y = 1\nend", "(block (if (> x 1) (block (= y 1))))");
    check_tree("if a; b; else; c; end", "(block (if a (block (expr; b)) (block (expr; c))))");
    check_tree("if a\nb\nelseif c\nd\nelseif e\nf\nelse\ng\nend",
               "(block (if a (block (expr b)) (if c (block (expr d)) "
               "(if e (block (expr f)) (block (expr g))))))");
    check_tree("if a b end", "(block (if a (block (expr b))))");
    check_tree("for i in 1:10\n s = s + i\nend",
               "(block (for i (range 1 10) (block (= s (+ s i)))))");
    check_tree("while x < 3\n x = x + 1\n break\n continue\nend",
               "(block (while (< x 3) (block (= x (+ x 1)) (break) (continue))))");
    check_tree("return", "(block (return))");
    check_tree("return x + 1", "(block (return (+ x 1)))");
    check_tree("import \"lib/f.sym\"", "(block (import \"lib/f.sym\"))");
    check_tree("coords x, y, z", "(block (coords x y z))");
    check_tree("coords x,\n y", "(block (coords x y))");
    check_tree("#!/usr/bin/env sym\nx = 1 # set\n", "(block (= x 1))");
    check_tree("x = (1 +\n 2)\ny = 1 +\n 3", "(block (= x (+ 1 2)) (= y (+ 1 3)))");
    check_tree("x = f(1,\n\n 2)", "(block (= x (call f 1 2)))");
    check_tree("for i in L if i break end end", "(block (for i L (block (if i (block (break))))))");
}
END_TEST

/* The node at a path of kid indices below the root. */
static const AstNode *node_at(const ParseResult *r, const int *path, int n)
{
    const AstNode *a = r->root;
    for (int i = 0; i < n; i++)
        a = a->kids[path[i]];
    return a;
}

static void check_span(const char *text, const int *path, int n, int line, int col,
                       const char *covered)
{
    Parsed *p = parse(text);
    const AstNode *a = node_at(p->r, path, n);
    ck_assert_msg(a->span.line == line && a->span.col == col, "%s: span at %d:%d, want %d:%d", text,
                  a->span.line, a->span.col, line, col);
    ck_assert_msg(a->span.length == (int)strlen(covered) &&
                      memcmp(text + a->span.offset, covered, strlen(covered)) == 0,
                  "%s: span covers '%.*s', want '%s'", text, a->span.length, text + a->span.offset,
                  covered);
    parsed_free(p);
}

START_TEST(test_spans)
{
    int p0[] = {0}, p00[] = {0, 0}, p01[] = {0, 1}, p010[] = {0, 1, 0}, p011[] = {0, 1, 1};
    check_span("x = a + b * c", p0, 1, 1, 1, "x = a + b * c");
    check_span("x = a + b * c", p01, 2, 1, 5, "a + b * c");
    check_span("x = a + b * c", p011, 3, 1, 9, "b * c");
    check_span("y = f(a, b)", p01, 2, 1, 5, "f(a, b)");
    check_span("y = -x^2", p01, 2, 1, 5, "-x^2");
    check_span("y = r.name", p01, 2, 1, 5, "r.name");
    check_span("y = [1, 2; 3, 4]", p01, 2, 1, 5, "[1, 2; 3, 4]");
    check_span("y = [1, 2; 3, 4]", p010, 3, 1, 6, "1, 2");
    check_span("\n  if a\n b\n end", p0, 1, 2, 3, "if a\n b\n end");
    check_span("f(x) = x", p0, 1, 1, 1, "f(x) = x");
    check_span("  z", p00, 2, 1, 3, "z");
    check_span("t = \"ab\"", p01, 2, 1, 5, "\"ab\"");
}
END_TEST

START_TEST(test_errors)
{
    /* Every parser message, pinned with line:col. */
    check_errors("f(1 2)", PARSE_ERROR, "1:5: expected ')' to close '(' at 1:2, found '2'|");
    check_errors("x = (1\nif", PARSE_ERROR,
                 "2:1: expected ')' to close '(' at 1:5, found 'if'|"
                 "2:3: expected expression, found end of input|"
                 "2:3: expected 'end' to close 'if' at 2:1, found end of "
                 "input|");
    check_errors("a[1 2]", PARSE_ERROR, "1:5: expected ']' to close '[' at 1:2, found '2'|");
    check_errors("[1, 2", PARSE_INCOMPLETE,
                 "1:6: expected ']' to close '[' at 1:1, found end of input|");
    check_errors("1 + )", PARSE_ERROR, "1:5: unexpected ')'|");
    check_errors("]", PARSE_ERROR, "1:1: unexpected ']'|");
    check_errors("x = ,", PARSE_ERROR, "1:5: expected expression, found ','|");
    check_errors("x = end", PARSE_ERROR, "1:5: expected expression, found 'end'|");
    check_errors("end", PARSE_ERROR, "1:1: 'end' without an open block|");
    check_errors("else", PARSE_ERROR, "1:1: 'else' without 'if'|");
    check_errors("x\nelseif", PARSE_ERROR, "2:1: 'elseif' without 'if'|");
    check_errors("a < b < c", PARSE_ERROR,
                 "1:7: comparisons cannot be chained: write "
                 "'a < b and b < c'|");
    check_errors("1:2:3:4", PARSE_ERROR, "1:6: too many ':' in range (write a:b or a:step:b)|");
    check_errors("1 = 2", PARSE_ERROR, "1:1: cannot assign to a number|");
    check_errors("\"s\" = 2", PARSE_ERROR, "1:1: cannot assign to a string|");
    check_errors("a + b = 2", PARSE_ERROR, "1:1: cannot assign to the result of '+'|");
    check_errors("-a = 2", PARSE_ERROR, "1:1: cannot assign to the result of '-'|");
    check_errors("[a] = 2", PARSE_ERROR, "1:1: cannot assign to a list|");
    check_errors("true = 2", PARSE_ERROR, "1:1: cannot assign to a constant|");
    check_errors("f(1)(2) = 3", PARSE_ERROR, "1:1: cannot assign to a function call|");
    check_errors("f(x, 1) = 3", PARSE_ERROR,
                 "1:6: a parameter of 'f' must be a name, as in "
                 "f(x, y) = ...|");
    check_errors("f(x, x) = 3", PARSE_ERROR, "1:6: duplicate parameter 'x'|");
    check_errors("function f(a, a)\nend", PARSE_ERROR, "1:15: duplicate parameter 'a'|");
    check_errors("x = 1 2", PARSE_ERROR,
                 "1:7: expected newline or ';' after statement, found '2'|");
    check_errors("r.1", PARSE_ERROR, "1:2: expected newline or ';' after statement, found '.1'|");
    check_errors("r.end", PARSE_ERROR, "1:3: expected field name after '.', found 'end'|");
    check_errors("for = 1\nend", PARSE_ERROR,
                 "1:5: expected loop variable after 'for', found '='|");
    check_errors("for i = 1:3\nend", PARSE_ERROR,
                 "1:7: expected 'in' after loop variable, found '='|");
    check_errors("function (x)\nend", PARSE_ERROR,
                 "1:10: expected function name after 'function', found '('|");
    check_errors("function f x\nend", PARSE_ERROR,
                 "1:12: expected '(' after function name, found 'x'|");
    check_errors("function f(1)\nend", PARSE_ERROR, "1:12: expected parameter name, found '1'|");
    check_errors("import x", PARSE_ERROR,
                 "1:8: expected a file name in quotes after 'import', "
                 "found 'x'|");
    check_errors("coords 1", PARSE_ERROR, "1:8: expected a coordinate name, found '1'|");
    check_errors("() + 1", PARSE_ERROR, "1:4: expected '->' after '()', found '+'|");
    check_errors("(a, b) + 1", PARSE_ERROR,
                 "1:8: expected '->' after lambda parameters, found '+'|");
    check_errors("(a, 1) -> a", PARSE_ERROR, "1:5: lambda parameters must be names|");
    check_errors("for i in L\nx = 1\nelse\nend", PARSE_ERROR,
                 "3:1: expected 'end' to close 'for' at 1:1, found 'else'|"
                 "4:1: 'end' without an open block|");
    check_errors("f(a = )", PARSE_ERROR, "1:7: unexpected ')'|");
    check_errors("f(1 = 2)", PARSE_ERROR, "1:5: expected ')' to close '(' at 1:2, found '='|");
    /* Lexical errors come through with their positions. */
    check_errors("x = \"a\\qb\"", PARSE_ERROR, "1:7: unknown escape '\\q'|");
    check_errors("x = 1.2.3", PARSE_ERROR, "1:5: invalid number '1.2.3'|");
    check_errors("x = 1 @ 2", PARSE_ERROR, "1:7: unexpected character '@'|");
}
END_TEST

START_TEST(test_recovery)
{
    /* Several errors in one parse, and the good statements are kept. */
    Parsed *p = parse("x = (1 + )\ny = 2\nz = ]\nif a < b < c\n w = 1\nend\n"
                      "end\nv = 3 3\nu = 4");
    ck_assert_int_eq(p->r->status, PARSE_ERROR);
    ck_assert_str_eq(p->errors, "1:10: unexpected ')'|"
                                "3:5: unexpected ']'|"
                                "4:10: comparisons cannot be chained: write "
                                "'a < b and b < c'|"
                                "7:1: 'end' without an open block|"
                                "8:7: expected newline or ';' after statement, "
                                "found '3'|");
    ck_assert_str_eq(p->tree, "(block (= x (+ 1 nil)) (= y 2) (= z nil) "
                              "(if (< a b) (block (= w 1))) (= v 3) (= u 4))");
    parsed_free(p);

    /* An error in a block header: the body is still parsed. */
    p = parse("while )\n x = 1\nend\ny = 2");
    ck_assert_str_eq(p->errors, "1:7: unexpected ')'|");
    ck_assert_str_eq(p->tree, "(block (while nil (block (= x 1))) (= y 2))");
    parsed_free(p);

    /* A missing ')' is noticed at the block keyword. */
    p = parse("x = f(1\nif a\n b = 1\nend");
    ck_assert_str_eq(p->errors, "2:1: expected ')' to close '(' at 1:6, found 'if'|");
    ck_assert_str_eq(p->tree, "(block (= x (call f 1)) (if a (block (= b 1))))");
    parsed_free(p);

    /* Errors are capped at 20. */
    char text[2000] = "";
    for (int i = 0; i < 50; i++)
        strcat(text, "x = )\n");
    p = parse(text);
    ck_assert_int_eq(p->r->ndiags, 20);
    parsed_free(p);
}
END_TEST

START_TEST(test_incomplete)
{
    static const char *incomplete[] = {
        "if x > 1",
        "if x > 1\n y = 2\n",
        "f(1,",
        "1 +",
        "x = [1, 2;",
        "(1",
        "function f(x)\n",
        "while true\n if x\n end",
        "x = \"abc",
        "for i in",
        "x =",
        "a and",
        "if a\nelse\n",
        "f(x) =",
        "r.",
        "x = -",
        "if a\nelseif b\n",
        "g = x ->",
        "[1,\n2,\n",
    };
    for (size_t i = 0; i < sizeof incomplete / sizeof *incomplete; i++) {
        Parsed *p = parse(incomplete[i]);
        ck_assert_msg(p->r->status == PARSE_INCOMPLETE, "%s: status %d (%s)", incomplete[i],
                      p->r->status, p->errors);
        parsed_free(p);
    }
    static const char *errors[] = {
        "1 + )",      "end",     "x = 1 2\nif a", "\"a\\q\" + (", "a < b < c",
        "else\nif a", "f(1 = 2", "1 = ",          "x = @ +",
    };
    for (size_t i = 0; i < sizeof errors / sizeof *errors; i++) {
        Parsed *p = parse(errors[i]);
        ck_assert_msg(p->r->status == PARSE_ERROR, "%s: status %d (%s)", errors[i], p->r->status,
                      p->errors);
        parsed_free(p);
    }
    static const char *complete[] = {
        "if x > 1\n y = 2\nend", "f(1, 2)", "1 + 2", "x = 1 # (", "\"(\"", "",
    };
    for (size_t i = 0; i < sizeof complete / sizeof *complete; i++) {
        Parsed *p = parse(complete[i]);
        ck_assert_msg(p->r->status == PARSE_OK, "%s: status %d (%s)", complete[i], p->r->status,
                      p->errors);
        parsed_free(p);
    }
}
END_TEST

static char *repeat(const char *a, int n, const char *mid, const char *b, int m)
{
    size_t la = strlen(a), lb = strlen(b), lm = strlen(mid);
    char *s = malloc(la * (size_t)n + lm + lb * (size_t)m + 1), *q = s;
    for (int i = 0; i < n; i++, q += la)
        memcpy(q, a, la);
    memcpy(q, mid, lm);
    q += lm;
    for (int i = 0; i < m; i++, q += lb)
        memcpy(q, b, lb);
    *q = '\0';
    return s;
}

START_TEST(test_limits)
{
    /* Deep but allowed nesting parses; too deep is an error, no crash. */
    char *s = repeat("(", 150, "x", ")", 150);
    Parsed *p = parse(s);
    ck_assert_int_eq(p->r->status, PARSE_OK);
    parsed_free(p);
    free(s);

    static const char *deep[][3] = {
        {"(", "x", ")"},  {"[", "x", "]"},  {"-", "x", ""},     {"not ", "x", ""},
        {"2^", "2", ""},  {"f(", "x", ")"}, {"x -> ", "x", ""}, {"if a\n", "x\n", "end\n"},
        {"a[", "1", "]"},
    };
    for (size_t i = 0; i < sizeof deep / sizeof *deep; i++) {
        s = repeat(deep[i][0], 100000, deep[i][1], deep[i][2], 100000);
        p = parse(s);
        ck_assert_msg(p->r->status == PARSE_ERROR, "deep %s: status %d", deep[i][0], p->r->status);
        ck_assert_msg(strstr(p->errors, "nested too deeply") != NULL, "deep %s: %s", deep[i][0],
                      p->errors);
        parsed_free(p);
        free(s);
    }
    /* Long chains: sums and products are flat (issue 15: a 10,004-term sum
       is not "nested too deeply"), up to 100000 terms. */
    s = repeat("x+", 3000, "x", "", 0);
    p = parse(s);
    ck_assert_int_eq(p->r->status, PARSE_OK);
    parsed_free(p);
    free(s);
    s = repeat("x+", 10004, "x", "", 0);
    p = parse(s);
    ck_assert_int_eq(p->r->status, PARSE_OK);
    parsed_free(p);
    free(s);
    { /* past the limit (parsed without the recursive dump and check) */
        s = repeat("x*", 100001, "x", "", 0);
        Source *src = source_new("t.sym", s, strlen(s));
        ParseResult *r = parser_parse(src);
        ck_assert_int_eq(r->status, PARSE_ERROR);
        ck_assert_str_eq(r->diags[0].message, "too many terms in one sum or product");
        parse_result_free(r);
        source_free(src);
        free(s);
    }
    s = repeat("a.", 100000, "b", "", 0);
    p = parse(s);
    ck_assert_int_eq(p->r->status, PARSE_ERROR);
    parsed_free(p);
    free(s);

    /* A long line and many statements. */
    s = repeat("1, ", 200000, "1", "", 0);
    char *t = malloc(strlen(s) + 3);
    sprintf(t, "[%s]", s);
    p = parse(t);
    ck_assert_int_eq(p->r->status, PARSE_OK);
    ck_assert_int_eq(p->r->root->kids[0]->kids[0]->nkids, 200001);
    parsed_free(p);
    free(t);
    free(s);

    /* NUL bytes in the middle. */
    static const char nul[] = "x = 1\0\ny = \"a\0b\"";
    p = parse_n(nul, sizeof nul - 1);
    ck_assert_str_eq(p->errors, "1:6: unexpected character '\\x00'|");
    ck_assert_int_eq((int)p->r->root->kids[1]->kids[1]->text_len, 3);
    parsed_free(p);
}
END_TEST

/* Random token soup: never a crash, always a valid tree. */
START_TEST(test_random_tokens)
{
    static const char *pieces[] = {
        "x",     "1",       ".5",      "\"s\"",   "(",      ")",         "[",       "]",
        ",",     ";",       "\n",      "+",       "-",      "*",         "/",       "^",
        "==",    "<",       ":",       "=",       "->",     ".",         "if ",     "end ",
        "else ", "elseif ", "for ",    "in ",     "while ", "function ", "return ", "and ",
        "or ",   "not ",    "coords ", "import ", "f(",     "@",         "\"",
    };
    unsigned seed = 2024;
    char text[600];
    for (int iter = 0; iter < 3000; iter++) {
        text[0] = '\0';
        int n = rand_r(&seed) % 40;
        for (int i = 0; i < n; i++)
            strcat(text, pieces[rand_r(&seed) % (sizeof pieces / sizeof *pieces)]);
        Parsed *p = parse(text);
        ck_assert_msg((p->r->status == PARSE_OK) == (p->r->ndiags == 0),
                      "status and diagnostics disagree for: %s", text);
        parsed_free(p);
    }
}
END_TEST

static char *print_diag(const Span *sp, const char *msg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_print(f, "error", sp, msg);
    fclose(f);
    return buf;
}

START_TEST(test_diag_print)
{
    Parsed *p = parse("x = 1\ny = foo + )\n");
    char *s = print_diag(&p->r->diags[0].span, p->r->diags[0].message);
    ck_assert_str_eq(s, "t.sym:2:11: error: unexpected ')'\n"
                        "y = foo + )\n"
                        "          ^\n");
    free(s);
    parsed_free(p);

    p = parse("\tz = 1 + 1.2.3");
    s = print_diag(&p->r->diags[0].span, p->r->diags[0].message);
    ck_assert_str_eq(s, "t.sym:1:10: error: invalid number '1.2.3'\n"
                        "\tz = 1 + 1.2.3\n"
                        "\t        ^~~~~\n");
    free(s);
    parsed_free(p);

    p = parse("ξ = 1 2");
    s = print_diag(&p->r->diags[0].span, p->r->diags[0].message);
    ck_assert_str_eq(s, "t.sym:1:8: error: expected newline or ';' after "
                        "statement, found '2'\n"
                        "ξ = 1 2\n"
                        "      ^\n");
    free(s);
    parsed_free(p);

    /* A span over several lines: tildes to the end of the first. */
    p = parse("if a\n b\n");
    s = print_diag(&p->r->root->kids[0]->span, "note this");
    ck_assert_str_eq(s, "t.sym:1:1: error: note this\nif a\n^~~~\n");
    free(s);
    parsed_free(p);

    Span none = {0};
    s = print_diag(&none, "no file");
    ck_assert_str_eq(s, "sym: error: no file\n");
    free(s);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(ast_op_name(OP_ADD), "+");
    ck_assert_str_eq(ast_op_name(OP_NE), "!=");
    ck_assert_str_eq(ast_op_name(OP_NOT), "not");
    ck_assert_str_eq(ast_op_name(OP_NEG), "-");
    ck_assert_str_eq(ast_kind_name(AST_FUNCDEF), "function definition");
    ck_assert_str_eq(ast_kind_name(AST_BLOCK), "block");
}
END_TEST

static Suite *parser_suite(void)
{
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_literals);
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_postfix);
    tcase_add_test(tc, test_lists_and_matrices);
    tcase_add_test(tc, test_lambdas);
    tcase_add_test(tc, test_statements);
    tcase_add_test(tc, test_spans);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_recovery);
    tcase_add_test(tc, test_incomplete);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_random_tokens);
    tcase_add_test(tc, test_diag_print);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(parser_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
