/* test_lexer.c — Check tests of lang/lexer.c: token kinds, numbers,
 * strings and escapes, positions, newline rules and lexical errors. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

enum { MAXTOK = 256 };

typedef struct {
    Source *src;
    Arena *arena;
    Token tok[MAXTOK];
    int n;
    char errors[1024]; /* "line:col: message|" per error */
    int incomplete;
} Lexed;

static void collect_error(void *ctx, const Span *sp, int incomplete, const char *msg)
{
    Lexed *l = ctx;
    size_t len = strlen(l->errors);
    snprintf(l->errors + len, sizeof l->errors - len, "%d:%d: %s|", sp->line, sp->col, msg);
    if (incomplete)
        l->incomplete = 1;
}

static Lexed *lex_n(const char *text, size_t len)
{
    Lexed *l = calloc(1, sizeof *l);
    Lexer lx;
    l->src = source_new("t.sym", text, len);
    l->arena = arena_new();
    lexer_init(&lx, l->src, l->arena, collect_error, l);
    do
        lexer_next(&lx, &l->tok[l->n++]);
    while (l->tok[l->n - 1].kind != TK_EOF && l->n < MAXTOK);
    return l;
}

static Lexed *lex(const char *text)
{
    return lex_n(text, strlen(text));
}

static void lexed_free(Lexed *l)
{
    arena_free(l->arena);
    source_free(l->src);
    free(l);
}

/* The token kinds as a string of token_kind_name()s separated by spaces. */
static char *kinds(const Lexed *l, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int i = 0; i < l->n; i++) {
        const char *k = l->tok[i].kind == TK_NEWLINE ? "NL"
                        : l->tok[i].kind == TK_EOF   ? "EOF"
                        : l->tok[i].kind == TK_ERROR ? "ERR"
                                                     : token_kind_name(l->tok[i].kind);
        strncat(buf, k, n - strlen(buf) - 1);
        if (i + 1 < l->n)
            strncat(buf, " ", n - strlen(buf) - 1);
    }
    return buf;
}

#define CHECK_KINDS(text, expect)                                                                  \
    do {                                                                                           \
        Lexed *l_ = lex(text);                                                                     \
        char b_[1024];                                                                             \
        ck_assert_msg(strcmp(kinds(l_, b_, sizeof b_), expect) == 0,                               \
                      "input %s: got [%s], want [%s]", text, b_, expect);                          \
        lexed_free(l_);                                                                            \
    } while (0)

START_TEST(test_punctuation)
{
    CHECK_KINDS("( ) [ ] , ; . : = -> + - * / ^ == != < <= > >=",
                "( ) [ ] , ; . : = -> + - * / ^ == != < <= > >= EOF");
    CHECK_KINDS("a<=b>=c!=d==e", "<name> <= <name> >= <name> != <name> == "
                                 "<name> EOF");
    CHECK_KINDS("x->x", "<name> -> <name> EOF");
    CHECK_KINDS("", "EOF");
    CHECK_KINDS("   \t  ", "EOF");
}
END_TEST

START_TEST(test_keywords)
{
    CHECK_KINDS("if elseif else end for in while function return break "
                "continue import coords and or not true false nil",
                "if elseif else end for in while function return break "
                "continue import coords and or not true false nil EOF");
    CHECK_KINDS("iff end_ _if In", "<name> <name> <name> <name> EOF");
}
END_TEST

START_TEST(test_identifiers)
{
    Lexed *l = lex("ξ γ2 _a1 x_y");
    ck_assert_int_eq(l->n, 5);
    ck_assert_str_eq(l->tok[0].text, "ξ");
    ck_assert_str_eq(l->tok[1].text, "γ2");
    ck_assert_str_eq(l->tok[2].text, "_a1");
    ck_assert_str_eq(l->tok[3].text, "x_y");
    ck_assert_str_eq(l->errors, "");
    lexed_free(l);
    /* Invalid UTF-8 in a name is an error (issue 15), not a name. */
    l = lex("\xff\xfe = 1");
    ck_assert_int_eq(l->tok[0].kind, TK_ERROR);
    ck_assert_ptr_nonnull(strstr(l->errors, "invalid UTF-8 byte '\\xFF' in a name"));
    lexed_free(l);
    l = lex("a\xc0\xaf = 1"); /* an overlong '/' */
    ck_assert_int_eq(l->tok[0].kind, TK_ERROR);
    lexed_free(l);
    l = lex("\xed\xa0\x80 = 1"); /* a surrogate */
    ck_assert_int_eq(l->tok[0].kind, TK_ERROR);
    lexed_free(l);
}
END_TEST

START_TEST(test_numbers)
{
    static const char *ok[] = {"12", "0", "0.25", ".5", "1e-3", "2.5E+4", "1e10", "007", "3.0e0"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        Lexed *l = lex(ok[i]);
        ck_assert_msg(l->tok[0].kind == TK_NUM, "%s not a number", ok[i]);
        ck_assert_str_eq(l->tok[0].text, ok[i]);
        ck_assert_int_eq(l->tok[0].span.length, (int)strlen(ok[i]));
        ck_assert_int_eq(l->tok[1].kind, TK_EOF);
        ck_assert_str_eq(l->errors, "");
        lexed_free(l);
    }
    static const char *bad[][2] = {
        {"1.2.3", "1:1: invalid number '1.2.3'|"}, {"1e", "1:1: invalid number '1e'|"},
        {"3.", "1:1: invalid number '3.'|"},       {"2x", "1:1: invalid number '2x'|"},
        {"x = 1e+", "1:5: invalid number '1e'|"},  {"0x1F", "1:1: invalid number '0x1F'|"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Lexed *l = lex(bad[i][0]);
        ck_assert_msg(strcmp(l->errors, bad[i][1]) == 0, "%s: got %s", bad[i][0], l->errors);
        lexed_free(l);
    }
    /* A number then operators: the sign is part of an exponent only. */
    CHECK_KINDS("1-2", "<number> - <number> EOF");
    CHECK_KINDS("1e-2-3", "<number> - <number> EOF");
    CHECK_KINDS("1:n", "<number> : <name> EOF");
    CHECK_KINDS("a.b", "<name> . <name> EOF");
}
END_TEST

START_TEST(test_strings)
{
    Lexed *l = lex("\"a\\nb\\t\\\\\\\"\\0\\x41\\u{3BE}\\u{1F600}\"");
    ck_assert_int_eq(l->tok[0].kind, TK_STR);
    ck_assert_int_eq((int)l->tok[0].text_len, 14);
    ck_assert(memcmp(l->tok[0].text, "a\nb\t\\\"\0A\xCE\xBE\xF0\x9F\x98\x80", 14) == 0);
    ck_assert_str_eq(l->errors, "");
    lexed_free(l);

    l = lex("\"\"");
    ck_assert_int_eq(l->tok[0].kind, TK_STR);
    ck_assert_int_eq((int)l->tok[0].text_len, 0);
    lexed_free(l);

    /* A raw newline belongs to the string; lines are still counted. */
    l = lex("\"a\nb\" x");
    ck_assert_int_eq((int)l->tok[0].text_len, 3);
    ck_assert_int_eq(l->tok[1].span.line, 2);
    ck_assert_int_eq(l->tok[1].span.col, 4);
    lexed_free(l);
}
END_TEST

START_TEST(test_string_errors)
{
    static const char *cases[][2] = {
        {"\"a\\qb\"", "1:3: unknown escape '\\q'|"},
        {"\"\\x4\"", "1:2: invalid escape '\\x': expected two hex digits|"},
        {"\"\\u41\"", "1:2: invalid escape '\\u': expected '\\u{' and 1 to 6 "
                      "hex digits and '}'|"},
        {"\"\\u{}\"", "1:2: invalid escape '\\u': expected '\\u{' and 1 to 6 "
                      "hex digits and '}'|"},
        {"\"\\u{110000}\"", "1:2: invalid code point U+110000 in escape|"},
        {"\"\\u{D800}\"", "1:2: invalid code point U+D800 in escape|"},
        {"x = \"abc", "1:5: unterminated string|"},
        {"\"abc\\", "1:1: unterminated string|"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Lexed *l = lex(cases[i][0]);
        ck_assert_msg(strcmp(l->errors, cases[i][1]) == 0, "%s: got %s", cases[i][0], l->errors);
        lexed_free(l);
    }
    Lexed *l = lex("\"abc");
    ck_assert_int_eq(l->incomplete, 1);
    ck_assert_int_eq(l->tok[0].kind, TK_ERROR);
    ck_assert_int_eq(l->tok[1].kind, TK_EOF);
    lexed_free(l);
    l = lex("\"a\\qb\"");
    ck_assert_int_eq(l->incomplete, 0);
    ck_assert_int_eq(l->tok[0].kind, TK_STR); /* the string goes on */
    ck_assert_str_eq(l->tok[0].text, "aqb");
    lexed_free(l);
}
END_TEST

START_TEST(test_positions)
{
    Lexed *l = lex("#!/usr/bin/env sym\nab = 12  # note\n\tf(x)\n");
    /* ab = 12 NL f ( x ) NL EOF */
    ck_assert_int_eq(l->n, 10);
    ck_assert_int_eq(l->tok[0].span.line, 2);
    ck_assert_int_eq(l->tok[0].span.col, 1);
    ck_assert_int_eq(l->tok[0].span.offset, 19);
    ck_assert_int_eq(l->tok[0].span.length, 2);
    ck_assert_int_eq(l->tok[2].span.col, 6);
    ck_assert_int_eq(l->tok[3].kind, TK_NEWLINE);
    ck_assert_int_eq(l->tok[4].span.line, 3);
    ck_assert_int_eq(l->tok[4].span.col, 2); /* a tab is one column */
    ck_assert_int_eq(l->tok[6].span.col, 4);
    ck_assert_int_eq(l->tok[9].kind, TK_EOF);
    ck_assert_int_eq(l->tok[9].span.line, 4);
    lexed_free(l);
    /* Columns count bytes. */
    l = lex("ξ + y");
    ck_assert_int_eq(l->tok[1].span.col, 4);
    lexed_free(l);
}
END_TEST

START_TEST(test_newlines)
{
    /* Dropped after an operator, ',', '=', '->', '(' and '['; repeated
     * and leading newlines collapse. */
    CHECK_KINDS("\n\n1 +\n2\n\n\n3", "<number> + <number> NL <number> EOF");
    CHECK_KINDS("f(a,\nb)", "<name> ( <name> , <name> ) EOF");
    CHECK_KINDS("x =\n1", "<name> = <number> EOF");
    CHECK_KINDS("a and # c\n b", "<name> and <name> EOF");
    CHECK_KINDS("x\n-1", "<name> NL - <number> EOF");
    CHECK_KINDS("a;b", "<name> ; <name> EOF");
}
END_TEST

START_TEST(test_bad_characters)
{
    static const char text[] = "a @ b\0c $";
    Lexed *l = lex_n(text, sizeof text - 1);
    ck_assert_str_eq(l->errors, "1:3: unexpected character '@'|"
                                "1:6: unexpected character '\\x00'|"
                                "1:9: unexpected character '$'|");
    char b[256];
    ck_assert_str_eq(kinds(l, b, sizeof b), "<name> ERR <name> ERR <name> ERR EOF");
    lexed_free(l);
    l = lex("!x");
    ck_assert_str_eq(l->errors, "1:1: unexpected character '!'|");
    lexed_free(l);
}
END_TEST

START_TEST(test_describe)
{
    Lexed *l = lex("end + averyveryveryverylongidentifiername \"s\"\n");
    char b[80];
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[0]), "'end'");
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[1]), "'+'");
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[2]), "'averyveryveryverylongide...'");
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[3]), "a string");
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[4]), "end of line");
    ck_assert_str_eq(token_describe(b, sizeof b, &l->tok[5]), "end of input");
    lexed_free(l);
}
END_TEST

/* Random bytes: the lexer ends with TK_EOF, spans stay inside the text
 * and advance. */
START_TEST(test_random_bytes)
{
    unsigned seed = 12345;
    char buf[200];
    for (int iter = 0; iter < 2000; iter++) {
        size_t n = (size_t)(rand_r(&seed) % sizeof buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)(rand_r(&seed) % 4 == 0 ? rand_r(&seed) % 256
                                                   : "ab1.e+-\"\\ \n#(x)u{}"[rand_r(&seed) % 19]);
        Source *src = source_new("r", buf, n);
        Arena *a = arena_new();
        Lexer lx;
        Token t;
        int last = -1, count = 0;
        lexer_init(&lx, src, a, NULL, NULL);
        do {
            lexer_next(&lx, &t);
            ck_assert_msg(t.span.offset >= 0 && (size_t)(t.span.offset + t.span.length) <= n,
                          "span out of range at iteration %d", iter);
            ck_assert_msg(t.span.offset > last || t.kind == TK_EOF, "no progress at iteration %d",
                          iter);
            last = t.span.offset;
            count++;
        } while (t.kind != TK_EOF && count <= (int)n + 1);
        ck_assert_int_eq(t.kind, TK_EOF);
        arena_free(a);
        source_free(src);
    }
}
END_TEST

static Suite *lexer_suite(void)
{
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_punctuation);
    tcase_add_test(tc, test_keywords);
    tcase_add_test(tc, test_identifiers);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_strings);
    tcase_add_test(tc, test_string_errors);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_newlines);
    tcase_add_test(tc, test_bad_characters);
    tcase_add_test(tc, test_describe);
    tcase_add_test(tc, test_random_bytes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lexer_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
