/* print.c — the one printer, three formats.
 *
 * plain:   ASCII that reads back as Sym input ([1, 2; 3, 4], 3/4, x^2 + 1,
 *          record(a = 1)), the default off a terminal and in tests;
 * unicode: the terminal default: matrices as bracketed grids, superscript
 *          powers, the minus sign U+2212;
 * latex:   for papers: \frac, bmatrix, x^{2}. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "print.h"
#include "latex.h"
#include "builtins.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "base/native_call.h"
#include "interp.h"

int print_real_digits = 0;
int print_show_all = 0;

/* A matrix with more rows than PRINT_MAX_ROWS shows its first
 * PRINT_SHOW_ROWS and says how many more (model spaces show at most 24
 * basis elements, data sets 5 rows). */
#define PRINT_MAX_ROWS 24
#define PRINT_SHOW_ROWS 10

static void print_inner(StrBuf *sb, const Value *v, PrintFormat fmt, int nested);

/* The decimal text of a number past this many bits (about 1.3 million
   digits, 0.1 s) is made in a child process Ctrl-C can abandon. */
enum { PRINT_NATIVE_BITS = 1 << 22 };

typedef struct RatJob {
    const fmpq *q;
    int fmt;
} RatJob;

static int rat_text_worker(void *arg, unsigned char *out, size_t cap, size_t *used)
{
    const RatJob *j = arg;
    char *s = poly_fmpq_to_string(j->q, j->fmt);
    if (!s)
        return 1;
    size_t n = strlen(s);
    if (n + 1 > cap) {
        free(s);
        return 2;
    }
    memcpy(out, s, n + 1);
    *used = n + 1;
    free(s);
    return 0;
}

void print_rat(StrBuf *sb, const fmpq_t q, PrintFormat fmt)
{
    size_t bits = fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q));
    if (bits > PRINT_NATIVE_BITS) {
        RatJob j = {q, (int)fmt};
        size_t cap = (size_t)((double)bits * 0.30103) + 256;
        unsigned char *out = NULL;
        size_t used = 0;
        int status = 0;
        int st = native_call(rat_text_worker, &j, cap, &sym_interrupted, &out, &used, &status);
        if (st == NATIVE_INTERRUPTED) {
            sb_puts(sb, "<interrupted>");
            return;
        }
        if (st == NATIVE_OK && status == 0) {
            sb_putn(sb, (const char *)out, used - 1);
            native_release(out, cap);
            return;
        }
        native_release(st == NATIVE_OK ? out : NULL, cap);
        /* no child: inline below */
    }
    char *s = poly_fmpq_to_string(q, (int)fmt);
    sb_puts(sb, s ? s : "?");
    free(s);
}

static void print_double(StrBuf *sb, double d, PrintFormat fmt);

/* One float printing rule (sym.1, "NUMBERS"): a number held in a double —
   a float matrix entry, or a real of at most 53 bits such as a record field
   computed in floats — prints with PRINT_FLOAT_DIGITS significant digits
   wherever it appears; a multiprecision real prints with the digits of its
   precision. */
static void print_real(StrBuf *sb, const mpfr_t r, PrintFormat fmt)
{
    if (mpfr_get_prec(r) <= 53 && print_real_digits <= 0) {
        print_double(sb, mpfr_get_d(r, MPFR_RNDN), fmt);
        return;
    }
    int digits = print_real_digits;
    if (digits <= 0)
        digits = (int)(mpfr_get_prec(r) * 0.30103);
    if (digits < 1)
        digits = 1;
    if (digits > 10000)
        digits = 10000;
    char *s = NULL;
    if (mpfr_asprintf(&s, "%.*Rg", digits, r) < 0 || !s) {
        sb_puts(sb, "?");
        return;
    }
    /* plain must read back: inf and nan have no literal */
    const char *t = s;
    if (fmt == FMT_UNICODE && t[0] == '-') {
        sb_puts(sb, "\xe2\x88\x92");
        t++;
    }
    char *e = strchr(t, 'e');
    if (e && fmt == FMT_LATEX) {
        sb_putn(sb, t, (size_t)(e - t));
        sb_printf(sb, " \\times 10^{%d}", atoi(e + 1));
    } else {
        sb_puts(sb, t);
    }
    mpfr_free_str(s);
}

static void print_double(StrBuf *sb, double d, PrintFormat fmt)
{
    char buf[64];
    if (isnan(d)) /* printf gives "-nan" when the sign bit is set */
        snprintf(buf, sizeof buf, "nan");
    else
        snprintf(buf, sizeof buf, "%.*g", PRINT_FLOAT_DIGITS, d);
    const char *t = buf, *e = strchr(buf, 'e');
    if (fmt == FMT_UNICODE && t[0] == '-') {
        sb_puts(sb, "\xe2\x88\x92");
        t++;
    }
    if (e && fmt == FMT_LATEX) {
        sb_putn(sb, t, (size_t)(e - t));
        sb_printf(sb, " \\times 10^{%d}", atoi(e + 1));
    } else {
        sb_puts(sb, t);
    }
}

/* Strings of every entry of a matrix-like value, row-major. */
static char **matrix_cells(const Value *v, long *rows, long *cols, PrintFormat fmt)
{
    long r, c;
    if (v->kind == VAL_MAT) {
        r = fmpq_mat_nrows(v->u.m);
        c = fmpq_mat_ncols(v->u.m);
    } else if (v->kind == VAL_FMAT) {
        r = v->u.fm->rows;
        c = v->u.fm->cols;
    } else {
        r = v->u.pmat.rows;
        c = v->u.pmat.cols;
    }
    char **cells = calloc((size_t)(r * c > 0 ? r * c : 1), sizeof(char *));
    for (long i = 0; i < r; i++)
        for (long j = 0; j < c; j++) {
            StrBuf sb = STRBUF_INIT;
            if (v->kind == VAL_MAT)
                print_rat(&sb, fmpq_mat_entry(v->u.m, i, j), fmt);
            else if (v->kind == VAL_FMAT)
                print_double(&sb, DMAT_AT(v->u.fm, i, j), fmt);
            else {
                char *s = poly_to_string(v->u.pmat.e + i * c + j, v->u.pmat.ring, (int)fmt);
                sb_puts(&sb, s ? s : "?");
                free(s);
            }
            cells[i * c + j] = sb_take(&sb);
        }
    *rows = r;
    *cols = c;
    return cells;
}

/* Display width of UTF-8 text: count the bytes that start a character. */
static long text_width(const char *s)
{
    long w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void print_matrix(StrBuf *sb, const Value *v, PrintFormat fmt, int nested)
{
    long r, c;
    char **cells = matrix_cells(v, &r, &c, fmt);
    long total = r; /* rows of the matrix; r: rows shown */
    if (!print_show_all && fmt != FMT_LATEX && r > PRINT_MAX_ROWS)
        r = PRINT_SHOW_ROWS;
    if (r == 0 || c == 0) {
        sb_printf(sb, "zeros(%ld, %ld)", r, c);
    } else if (fmt == FMT_LATEX) {
        sb_puts(sb, "\\begin{bmatrix}");
        for (long i = 0; i < r; i++)
            for (long j = 0; j < c; j++)
                sb_printf(sb, "%s%s", cells[i * c + j],
                          j + 1 < c   ? " & "
                          : i + 1 < r ? " \\\\ "
                                      : "");
        sb_puts(sb, "\\end{bmatrix}");
    } else if (fmt == FMT_PLAIN || nested) {
        sb_putc(sb, '[');
        for (long i = 0; i < r; i++)
            for (long j = 0; j < c; j++)
                sb_printf(sb, "%s%s", cells[i * c + j],
                          j + 1 < c   ? ", "
                          : i + 1 < r ? "; "
                                      : (r == 1 && total == 1 ? ";" : ""));
        if (total > r)
            sb_printf(sb, "; ... %ld more rows", total - r);
        sb_putc(sb, ']');
    } else {
        /* a grid starts at the current column (after "  " or "W = " inside
           an algebra or a model space): its later lines start there too */
        long indent = 0;
        if (sb->len) {
            const char *start = sb->s + sb->len;
            while (start > sb->s && start[-1] != '\n')
                start--;
            indent = text_width(start);
        }
        long *w = calloc((size_t)c, sizeof(long));
        for (long i = 0; i < r; i++)
            for (long j = 0; j < c; j++) {
                long t = text_width(cells[i * c + j]);
                if (t > w[j])
                    w[j] = t;
            }
        for (long i = 0; i < r; i++) {
            const char *L = r == 1       ? "["
                            : i == 0     ? "\xe2\x8e\xa1"
                            : i + 1 == r ? "\xe2\x8e\xa3"
                                         : "\xe2\x8e\xa2";
            const char *R = r == 1       ? "]"
                            : i == 0     ? "\xe2\x8e\xa4"
                            : i + 1 == r ? "\xe2\x8e\xa6"
                                         : "\xe2\x8e\xa5";
            sb_puts(sb, L);
            for (long j = 0; j < c; j++) {
                const char *s = cells[i * c + j];
                for (long k = text_width(s); k < w[j]; k++)
                    sb_putc(sb, ' ');
                sb_puts(sb, s);
                if (j + 1 < c)
                    sb_puts(sb, "  ");
            }
            sb_puts(sb, R);
            if (i + 1 < r || total > r) {
                sb_putc(sb, '\n');
                for (long k = 0; k < indent; k++)
                    sb_putc(sb, ' ');
            }
        }
        free(w);
        if (total > r)
            sb_printf(sb, "\xe2\x8b\xae %ld more rows (show(x) prints all)", total - r);
    }
    for (long i = 0; i < total * c; i++)
        free(cells[i]);
    free(cells);
}

static void print_string(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    if (fmt == FMT_LATEX) {
        sb_printf(sb, "\\text{%s}", v->u.str.s);
        return;
    }
    sb_putc(sb, '"');
    for (size_t i = 0; i < v->u.str.len; i++) {
        unsigned char ch = (unsigned char)v->u.str.s[i];
        switch (ch) {
        case '"':
            sb_puts(sb, "\\\"");
            break;
        case '\\':
            sb_puts(sb, "\\\\");
            break;
        case '\n':
            sb_puts(sb, "\\n");
            break;
        case '\t':
            sb_puts(sb, "\\t");
            break;
        default:
            if (ch < 0x20 || ch == 0x7f)
                sb_printf(sb, "\\x%02x", ch);
            else
                sb_putc(sb, (char)ch);
        }
    }
    sb_putc(sb, '"');
}

static void print_func(StrBuf *sb, const Value *v)
{
    const AstNode *d = v->u.fn.def;
    sb_printf(sb, "<function %s(", v->u.fn.name);
    for (int i = 0; i < d->nparams; i++)
        sb_printf(sb, "%s%s", i ? ", " : "", d->kids[i]->text);
    sb_puts(sb, ")>");
}

/* Lists and records nested deeper than this print as "..." (so that a
 * deeply nested value cannot overflow the C stack). */
#define PRINT_MAX_DEPTH 200
/* Records longer than this print one field a line. */
#define PRINT_LINE_WIDTH 100

/* nested: 0 at the top, else the nesting depth. */
static void print_inner(StrBuf *sb, const Value *v, PrintFormat fmt, int nested)
{
    if (sym_interrupted) { /* Ctrl-C while printing a large value */
        sb_puts(sb, "<interrupted>");
        return;
    }
    if ((v->kind == VAL_LIST || v->kind == VAL_RECORD) && nested > PRINT_MAX_DEPTH) {
        sb_puts(sb, "...");
        return;
    }
    switch (v->kind) {
    case VAL_NIL:
        sb_puts(sb, "nil");
        break;
    case VAL_BOOL:
        sb_puts(sb, v->u.b ? "true" : "false");
        break;
    case VAL_RAT:
        print_rat(sb, v->u.q, fmt);
        break;
    case VAL_REAL:
        print_real(sb, v->u.r, fmt);
        break;
    case VAL_STR:
        print_string(sb, v, fmt);
        break;
    case VAL_LIST:
        sb_puts(sb, fmt == FMT_LATEX ? "\\left[" : "[");
        for (long i = 0; i < v->u.list.n; i++) {
            if (i)
                sb_puts(sb, ", ");
            print_inner(sb, v->u.list.items[i], fmt, nested + 1);
        }
        sb_puts(sb, fmt == FMT_LATEX ? "\\right]" : "]");
        break;
    case VAL_RECORD: {
        size_t at = sb->len;
        sb_printf(sb, "%s(", strcmp(v->u.rec.type, "record") == 0 ? "record" : v->u.rec.type);
        for (long i = 0; i < v->u.rec.n; i++) {
            sb_printf(sb, "%s%s = ", i ? ", " : "", v->u.rec.keys[i]);
            print_inner(sb, v->u.rec.vals[i], fmt, nested + 1);
        }
        sb_putc(sb, ')');
        /* a record too long for one line: one field a line (still valid
           input, as a call may span lines) */
        if (nested == 0 && fmt != FMT_LATEX && sb->len - at > PRINT_LINE_WIDTH) {
            sb->len = at;
            sb->s[at] = '\0';
            sb_printf(sb, "%s(", strcmp(v->u.rec.type, "record") == 0 ? "record" : v->u.rec.type);
            for (long i = 0; i < v->u.rec.n; i++) {
                sb_printf(sb, "\n  %s = ", v->u.rec.keys[i]);
                print_inner(sb, v->u.rec.vals[i], fmt, nested + 1);
                if (i + 1 < v->u.rec.n)
                    sb_putc(sb, ',');
            }
            sb_puts(sb, "\n)");
        }
        break;
    }
    case VAL_MAT:
    case VAL_FMAT:
    case VAL_PMAT:
        print_matrix(sb, v, fmt, nested);
        break;
    case VAL_POLY: {
        char *s = poly_to_string(v->u.poly.p, v->u.poly.ring, (int)fmt);
        sb_puts(sb, s ? s : "?");
        free(s);
        break;
    }
    case VAL_FUNC:
        print_func(sb, v);
        break;
    case VAL_BUILTIN:
        sb_printf(sb, "<builtin %s(%s)>", v->u.builtin->name, v->u.builtin->params);
        break;
    case VAL_OBJ:
        if (v->u.obj.type->print)
            v->u.obj.type->print(sb, v, fmt);
        else
            sb_printf(sb, "<%s>", v->u.obj.type->name);
        break;
    case VAL_ERROR:
        sb_printf(sb, "error: %s", v->u.err.msg);
        break;
    }
}

void print_value(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    if (fmt == FMT_LATEX && !latex_is_math(v)) {
        /* prose, records, objects: valid LaTeX from latex.c */
        if (latex_marking)
            sb_putc(sb, LATEX_MATH_OPEN);
        latex_value(sb, v);
        if (latex_marking)
            sb_putc(sb, LATEX_MATH_CLOSE);
        return;
    }
    if (fmt == FMT_LATEX) {
        /* numbers in e-notation as m \times 10^{e} */
        StrBuf m = STRBUF_INIT;
        print_inner(&m, v, fmt, 0);
        if (latex_marking)
            sb_putc(sb, LATEX_MATH_OPEN);
        latex_math_text(sb, m.s ? m.s : "", m.len);
        if (latex_marking)
            sb_putc(sb, LATEX_MATH_CLOSE);
        sb_free(&m);
        return;
    }
    print_inner(sb, v, fmt, 0);
}

void print_qmat(StrBuf *sb, const fmpq_mat_t m, PrintFormat fmt)
{
    Value tmp;
    tmp.kind = VAL_MAT;
    tmp.refcount = -1;
    *tmp.u.m = *m;
    if (fmt == FMT_LATEX && latex_marking)
        sb_putc(sb, LATEX_MATH_OPEN);
    print_matrix(sb, &tmp, fmt, 0);
    if (fmt == FMT_LATEX && latex_marking)
        sb_putc(sb, LATEX_MATH_CLOSE);
}
