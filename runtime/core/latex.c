/* latex.c — valid LaTeX for every value: see latex.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "latex.h"
#include "print.h"

int latex_marking = 0;

int latex_is_math(const Value *v)
{
    switch (v->kind) {
    case VAL_RAT:
    case VAL_REAL:
    case VAL_MAT:
    case VAL_FMAT:
    case VAL_POLY:
    case VAL_PMAT:
        return 1;
    default:
        return 0;
    }
}

/* Greek letters and symbols that engine descriptions use, as math. */
static const char *const symbols[][2] = {
    {"\xce\xbe", "\\xi"},           {"\xce\xa3", "\\Sigma"},
    {"\xe2\x86\xa6", "\\mapsto"},   {"\xe2\x88\x92", "-"},
    {"\xe2\x89\xa4", "\\le"},       {"\xe2\x89\xa5", "\\ge"},
    {"\xc2\xb7", "\\cdot"},         {"\xc3\x97", "\\times"},
    {"\xe2\x80\x96", "\\|"},        {"\xe2\x88\x88", "\\in"},
    {"\xce\xb8", "\\theta"},        {"\xce\xb3", "\\gamma"},
    {"\xcf\x81", "\\rho"},          {"\xce\xb7", "\\eta"},
    {"\xe2\x88\x87", "\\nabla"},    {"\xe2\x80\x94", "\\text{---}"},
    {"\xe2\x80\x93", "\\text{--}"}, {"\xe2\x80\xa6", "\\dots"},
    {"\xe2\x8b\xae", "\\vdots"},    {NULL, NULL}};

/* Text mode state: open \text{ when needed, close it before math. */
typedef struct {
    StrBuf *sb;
    int open;
} Prose;

static void prose_open(Prose *p)
{
    if (!p->open) {
        sb_puts(p->sb, "\\text{");
        p->open = 1;
    }
}

static void prose_close(Prose *p)
{
    if (p->open) {
        sb_putc(p->sb, '}');
        p->open = 0;
    }
}

static void prose_math(Prose *p, const char *m)
{
    prose_close(p);
    sb_puts(p->sb, m);
}

/* Prose text s[0 .. n) as LaTeX. */
static void prose_put(Prose *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        /* R^n, R^{n} */
        if (c == 'R' && i + 2 < n + 1 && i + 1 < n && s[i + 1] == '^' &&
            (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
            size_t j = i + 2;
            StrBuf e = STRBUF_INIT;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '+'))
                sb_putc(&e, s[j++]);
            if (e.len) {
                prose_close(p);
                sb_printf(p->sb, "\\mathbb{R}^{%s}", sb_str(&e));
                sb_free(&e);
                i = j;
                continue;
            }
            sb_free(&e);
        }
        if ((c == '<' || c == '>') && i + 1 < n && s[i + 1] == '=') {
            prose_math(p, c == '<' ? "\\le " : "\\ge ");
            i += 2;
            continue;
        }
        /* 3x3 -> 3\times 3 */
        if (c == 'x' && i > 0 && isdigit((unsigned char)s[i - 1]) && i + 1 < n &&
            isdigit((unsigned char)s[i + 1])) {
            prose_math(p, "\\times ");
            i++;
            continue;
        }
        if (c >= 0x80) {
            int hit = 0;
            for (int k = 0; symbols[k][0]; k++) {
                size_t L = strlen(symbols[k][0]);
                if (i + L <= n && memcmp(s + i, symbols[k][0], L) == 0) {
                    prose_close(p);
                    sb_printf(p->sb, "%s ", symbols[k][1]);
                    i += L;
                    hit = 1;
                    break;
                }
            }
            if (hit)
                continue;
            /* another character: copy it (KaTeX renders common text) */
            prose_open(p);
            do
                sb_putc(p->sb, s[i++]);
            while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
            continue;
        }
        if (c == '\n') {
            prose_close(p);
            sb_puts(p->sb, " \\\\ ");
            i++;
            /* the indentation of the next line */
            size_t k = 0;
            while (i < n && s[i] == ' ') {
                i++;
                k++;
            }
            if (k >= 2)
                sb_puts(p->sb, "\\quad ");
            continue;
        }
        prose_open(p);
        switch (c) {
        case '\\':
            sb_puts(p->sb, "\\textbackslash{}");
            break;
        case '{':
            sb_puts(p->sb, "\\{");
            break;
        case '}':
            sb_puts(p->sb, "\\}");
            break;
        case '$':
            sb_puts(p->sb, "\\$");
            break;
        case '&':
            sb_puts(p->sb, "\\&");
            break;
        case '#':
            sb_puts(p->sb, "\\#");
            break;
        case '_':
            sb_puts(p->sb, "\\_");
            break;
        case '%':
            sb_puts(p->sb, "\\%");
            break;
        case '^':
            sb_puts(p->sb, "\\textasciicircum{}");
            break;
        case '~':
            sb_puts(p->sb, "\\textasciitilde{}");
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                sb_putc(p->sb, ' ');
            else
                sb_putc(p->sb, (char)c);
        }
        i++;
    }
}

/* Math text: floats in e-notation (1.5e-09) become 1.5 \times 10^{-9};
 * inf and nan become \infty and \text{NaN}. */
void latex_math_text(StrBuf *sb, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (n - i > 6 && strncmp(s + i, "\\text{", 6) == 0) { /* prose: verbatim */
            size_t j = i + 6;
            int depth = 1;
            while (j < n && depth > 0) {
                if (s[j] == '\\' && j + 1 < n)
                    j++;
                else if (s[j] == '{')
                    depth++;
                else if (s[j] == '}')
                    depth--;
                j++;
            }
            sb_putn(sb, s + i, j - i);
            i = j;
            continue;
        }
        if (s[i] == '\\') { /* a command: copy its name */
            sb_putc(sb, s[i++]);
            while (i < n && isalpha((unsigned char)s[i]))
                sb_putc(sb, s[i++]);
            continue;
        }
        if (isdigit((unsigned char)s[i]) && (i == 0 || !isalpha((unsigned char)s[i - 1]))) {
            size_t j = i;
            while (j < n && (isdigit((unsigned char)s[j]) || s[j] == '.'))
                j++;
            if (j + 1 < n && (s[j] == 'e' || s[j] == 'E') &&
                (isdigit((unsigned char)s[j + 1]) ||
                 ((s[j + 1] == '-' || s[j + 1] == '+') && j + 2 < n &&
                  isdigit((unsigned char)s[j + 2])))) {
                sb_putn(sb, s + i, j - i);
                size_t k = j + 1;
                int neg = s[k] == '-';
                if (s[k] == '-' || s[k] == '+')
                    k++;
                while (k + 1 < n && s[k] == '0' && isdigit((unsigned char)s[k + 1]))
                    k++;
                size_t e0 = k;
                while (k < n && isdigit((unsigned char)s[k]))
                    k++;
                sb_printf(sb, " \\times 10^{%s%.*s}", neg ? "-" : "", (int)(k - e0), s + e0);
                i = k;
                continue;
            }
            sb_putn(sb, s + i, j - i);
            i = j;
            continue;
        }
        if (n - i >= 3 && (strncmp(s + i, "inf", 3) == 0 || strncmp(s + i, "nan", 3) == 0) &&
            (i == 0 || !isalpha((unsigned char)s[i - 1])) &&
            (i + 3 == n || !isalpha((unsigned char)s[i + 3]))) {
            sb_puts(sb, s[i] == 'i' ? "\\infty" : "\\text{NaN}");
            i += 3;
            continue;
        }
        sb_putc(sb, s[i++]);
    }
}

/* Printer output with LATEX_MATH_OPEN/CLOSE marks: prose outside, math
 * inside (marks may nest). */
static void convert_marked(StrBuf *sb, const char *s)
{
    Prose p = {sb, 0};
    int multi = strchr(s, '\n') != NULL;
    if (multi)
        sb_puts(sb, "\\begin{array}{l}");
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (s[i] == LATEX_MATH_OPEN) {
            int depth = 0;
            size_t j = i;
            do {
                if (s[j] == LATEX_MATH_OPEN)
                    depth++;
                else if (s[j] == LATEX_MATH_CLOSE)
                    depth--;
                j++;
            } while (j < n && depth > 0);
            StrBuf m = STRBUF_INIT;
            for (size_t k = i; k < j; k++)
                if (s[k] != LATEX_MATH_OPEN && s[k] != LATEX_MATH_CLOSE)
                    sb_putc(&m, s[k]);
            prose_close(&p);
            latex_math_text(sb, m.s ? m.s : "", m.len);
            sb_free(&m);
            i = j;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != LATEX_MATH_OPEN)
            j++;
        prose_put(&p, s + i, j - i);
        i = j;
    }
    prose_close(&p);
    if (multi)
        sb_puts(sb, "\\end{array}");
}

static void latex_inner(StrBuf *sb, const Value *v, int depth)
{
    if (depth > 64) {
        sb_puts(sb, "\\dots");
        return;
    }
    switch (v->kind) {
    case VAL_NIL:
        sb_puts(sb, "\\text{nil}");
        return;
    case VAL_BOOL:
        sb_puts(sb, v->u.b ? "\\text{true}" : "\\text{false}");
        return;
    case VAL_STR: {
        Prose p = {sb, 0};
        prose_open(&p); /* "" gives \text{} */
        prose_put(&p, v->u.str.s, v->u.str.len);
        prose_close(&p);
        return;
    }
    case VAL_LIST:
        sb_puts(sb, "\\left[");
        for (long i = 0; i < v->u.list.n; i++) {
            if (i)
                sb_puts(sb, ", ");
            latex_inner(sb, v->u.list.items[i], depth + 1);
        }
        sb_puts(sb, "\\right]");
        return;
    case VAL_RECORD:
        sb_puts(sb, "\\begin{aligned}");
        for (long i = 0; i < v->u.rec.n; i++) {
            Prose p = {sb, 0};
            prose_open(&p);
            prose_put(&p, v->u.rec.keys[i], strlen(v->u.rec.keys[i]));
            prose_close(&p);
            sb_puts(sb, " &= ");
            latex_inner(sb, v->u.rec.vals[i], depth + 1);
            if (i + 1 < v->u.rec.n)
                sb_puts(sb, " \\\\ ");
        }
        if (v->u.rec.n == 0)
            sb_puts(sb, "\\text{record()}");
        sb_puts(sb, "\\end{aligned}");
        return;
    default:
        break;
    }
    if (latex_is_math(v)) {
        print_value(sb, v, FMT_LATEX);
        return;
    }
    /* engine objects, functions, builtins: the printer with math marked */
    StrBuf m = STRBUF_INIT;
    int was = latex_marking;
    latex_marking = 1;
    if (v->kind == VAL_OBJ && v->u.obj.type->print) {
        v->u.obj.type->print(&m, v, FMT_LATEX);
    } else {
        latex_marking = 0;
        print_value(&m, v, FMT_PLAIN);
    }
    latex_marking = was;
    convert_marked(sb, m.s ? m.s : "");
    sb_free(&m);
}

void latex_value(StrBuf *sb, const Value *v)
{
    latex_inner(sb, v, 0);
}
